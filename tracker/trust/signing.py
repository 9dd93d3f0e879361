"""Signed acts: a canonical JSON form, bound to one working group, signed with Ed25519.

Every signature covers the act *and the group it was made in* (the hash of the
group's founding entry, see :mod:`tracker.trust.log`): Mexico holds one key for
every group it sits in, and a proposal signed for one group must not verify in
another that happens to hold a document with the same symbol.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tracker.trust.keys import public_from_text, public_text


def canonical(act: dict[str, Any]) -> bytes:
    """The bytes that are signed: sorted keys, no spaces, UTF-8 (NFC text is stored already)."""
    return json.dumps(act, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def message(act: dict[str, Any], group: str) -> bytes:
    """What a signature covers: ``act`` in the group ``group``."""
    return canonical({**act, "group": group})


class Signer:
    """A participant's private key, ready to sign acts of one group."""

    def __init__(self, code: str, key: Ed25519PrivateKey) -> None:
        self.code = code
        self._key = key
        self.public = public_text(key)

    def sign(self, act: dict[str, Any], group: str) -> str:
        """The base64 signature of ``act`` in ``group``."""
        return self.sign_bytes(message(act, group))

    def sign_bytes(self, data: bytes) -> str:
        return base64.b64encode(self._key.sign(data)).decode("ascii")


def verify(public_keys: list[str], act: dict[str, Any], signature: str, group: str) -> bool:
    """True when any of ``public_keys`` signed ``act`` in ``group``."""
    return verify_bytes(public_keys, message(act, group), signature)


def verify_bytes(public_keys: list[str], data: bytes, signature: str) -> bool:
    """True when any of ``public_keys`` signed exactly ``data``."""
    if not isinstance(signature, str):
        return False
    try:
        raw = base64.b64decode(signature, validate=True)
    except ValueError:
        return False
    for text in public_keys:
        try:
            public_from_text(text).verify(raw, data)
            return True
        except (InvalidSignature, ValueError):
            continue
    return False


class SignatureMemo:
    """:func:`verify` that remembers, for one process, the signatures it has proved.

    A command that reads a record, appends a status change and checks the record
    again before writing it would otherwise verify every earlier signature twice.
    :meth:`vouch` records signatures proved earlier by other means (the cache of
    verified record files) without doing the arithmetic again.
    """

    def __init__(self) -> None:
        self._proved: set[tuple[tuple[str, ...], str, bytes]] = set()

    def verify(self, public_keys: list[str], act: dict[str, Any], signature: str, group: str) -> bool:
        data = message(act, group)
        key = _proof(public_keys, data, signature)
        if key in self._proved:
            return True
        if verify_bytes(public_keys, data, signature):
            self._proved.add(key)
            return True
        return False

    def vouch(self, public_keys: list[str], act: dict[str, Any], signature: str, group: str) -> bool:
        self._proved.add(_proof(public_keys, message(act, group), signature))
        return True


def _proof(public_keys: list[str], data: bytes, signature: str) -> tuple[tuple[str, ...], str, bytes]:
    return tuple(public_keys), signature, hashlib.sha256(data).digest()
