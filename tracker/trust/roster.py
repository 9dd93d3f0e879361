"""The workspace's roster of public keys: ``roster.json``, one list of keys per participant.

A participant may register a new key (say, after losing a laptop); older keys
stay listed so that what was signed with them still verifies.
"""

from __future__ import annotations

import json
from pathlib import Path

from tracker.errors import WgtError
from tracker.i18n import _
from tracker.storage import write_atomic
from tracker.trust.keys import load_private_key, public_text

ROSTER_NAME = "roster.json"


def read_roster(root: Path) -> dict[str, list[dict[str, str]]]:
    path = root / ROSTER_NAME
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise WgtError(_("{path}: damaged ({reason}); restore it from git").format(path=path, reason=exc)) from None
    well_formed = isinstance(data, dict) and all(
        isinstance(keys, list) and all(isinstance(k, dict) and isinstance(k.get("key"), str) for k in keys)
        for keys in data.values()
    )
    if not well_formed:
        raise WgtError(
            _("{path}: damaged (expected {{CODE: [{{key, registered}}]}}); restore it from git").format(path=path)
        )
    return data


def public_keys(root: Path, code: str) -> list[str]:
    return [entry["key"] for entry in read_roster(root).get(code, [])]


def register(root: Path, code: str, registered_at: str) -> str:
    """Put ``code``'s public key into the roster; returns it. Registering twice is harmless."""
    key = public_text(load_private_key(code))
    roster = read_roster(root)
    entries = roster.setdefault(code, [])
    if any(e["key"] == key for e in entries):
        return key
    entries.append({"key": key, "registered": registered_at})
    write_atomic(root / ROSTER_NAME, (json.dumps(roster, indent=2, sort_keys=True) + "\n").encode())
    return key
