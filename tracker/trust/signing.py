"""Signed acts: a canonical JSON form, signed with Ed25519, checked against the roster."""

from __future__ import annotations

import base64
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
    try:
        raw = base64.b64decode(signature or "", validate=True)
    except ValueError:
        return False
    message = canonical(act)
    for text in public_keys:
        try:
            public_from_text(text).verify(raw, message)
            return True
        except (InvalidSignature, ValueError):
            continue
    return False
