"""Signed acts: a canonical JSON form, signed with Ed25519, checked against the roster."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature

from tracker.trust.keys import load_private_key, public_from_text


def canonical(act: dict[str, Any]) -> bytes:
    """The bytes that are signed: sorted keys, no spaces, UTF-8 (NFC text is stored already)."""
    return json.dumps(act, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign(code: str, act: dict[str, Any]) -> str:
    """``code``'s signature of ``act`` (base64)."""
    return base64.b64encode(load_private_key(code).sign(canonical(act))).decode("ascii")


def verify(public_keys: list[str], act: dict[str, Any], signature: str) -> bool:
    """True when any of ``public_keys`` signed ``act``."""
    return _verify_message(public_keys, canonical(act), signature)


class SignatureMemo:
    """:func:`verify` that remembers, for one process, the signatures it has proved.

    A command that reads a record, appends a status change and checks the record
    again before writing it would otherwise verify every earlier signature twice.
    :meth:`vouch` records signatures proved earlier by other means (the cache of
    verified record files) without doing the arithmetic again.
    """

    def __init__(self) -> None:
        self._proved: set[tuple[tuple[str, ...], str, bytes]] = set()

    def verify(self, public_keys: list[str], act: dict[str, Any], signature: str) -> bool:
        message = canonical(act)
        key = _proof(public_keys, message, signature)
        if key in self._proved:
            return True
        if _verify_message(public_keys, message, signature):
            self._proved.add(key)
            return True
        return False

    def vouch(self, public_keys: list[str], act: dict[str, Any], signature: str) -> bool:
        self._proved.add(_proof(public_keys, canonical(act), signature))
        return True


def _proof(public_keys: list[str], message: bytes, signature: str) -> tuple[tuple[str, ...], str, bytes]:
    return tuple(public_keys), signature, hashlib.sha256(message).digest()


def _verify_message(public_keys: list[str], message: bytes, signature: str) -> bool:
    try:
        raw = base64.b64decode(signature or "", validate=True)
    except ValueError:
        return False
    for text in public_keys:
        try:
            public_from_text(text).verify(raw, message)
            return True
        except (InvalidSignature, ValueError):
            continue
    return False
