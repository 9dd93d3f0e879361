"""Remembering a replayed log, so that a command replays only the entries added since.

Replaying a log of 26,000 entries (a 10,000-unit draft with 10,000 proposals)
costs about a second: every command would pay it. The state the replay ends
in depends only on the log's bytes, so this machine keeps it, per workspace
folder, with the length and SHA-256 of the bytes it came from, authenticated by
an HMAC under the user's private secret (:mod:`tracker.trust.verified`). A
later command whose log starts with exactly those bytes takes the state and
replays only the rest; any other log (rewritten, rolled back, another group)
is replayed from its first line. The state is kept as builtin values
(``marshal``), read only after its HMAC checked out.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
from pathlib import Path

from tracker.storage import StorageError, write_atomic
from tracker.trust.verified import cache_dir, private_folder, user_secret

#: Bumped whenever what a replay computes changes (the rule table, the state's shape).
FORMAT = b"wgt replayed log 4"
#: Below this many bytes a log is replayed whole: remembering it would cost as much.
WORTH_IT = 256 * 1024


def _path(root: Path) -> Path:
    return cache_dir() / "replayed" / hashlib.sha256(str(root).encode("utf-8")).hexdigest()[:24]


def _enabled() -> bool:
    return os.environ.get("WGT_VERIFY_CACHE", "").lower() not in ("off", "0", "no")


def _mac(secret: bytes, payload: bytes | memoryview) -> bytes:
    mac = hmac.new(secret, FORMAT + b"\0", hashlib.sha256)
    mac.update(payload)  # not FORMAT + payload: no copy of a state of some 16 MB
    return mac.digest()


def recall(root: Path, data: bytes):
    """``(state, length)`` remembered for a prefix of ``data`` (the log's bytes), or None."""
    if not _enabled() or len(data) < WORTH_IT:
        return None
    secret = user_secret()
    try:
        blob = _path(root).read_bytes()
    except OSError:
        return None
    if secret is None or len(blob) < 32 + 40:
        return None
    # Views, not slices: the state and the log are some 16 MB each, and a slice of bytes is a copy.
    mac, payload = blob[:32], memoryview(blob)[32:]
    if not hmac.compare_digest(mac, _mac(secret, payload)):
        return None
    length = int.from_bytes(payload[:8], "big")
    if length > len(data) or payload[8:40] != hashlib.sha256(memoryview(data)[:length]).digest():
        return None
    from tracker.trust.log import LogState

    try:
        return LogState.unpack(payload[40:]), length
    except (ValueError, EOFError, TypeError, KeyError):  # written by another version of wgt: replay instead
        return None


def worth_remembering(remembered: tuple | None, data: bytes) -> bool:
    """Whether to remember the replay of ``data`` (the log's bytes), given what :func:`recall` found.

    Packing and signing the state costs some 0.3 s at 26,000 entries, more than replaying
    a few hundred: so the state is remembered again only once the log has grown by
    :data:`WORTH_IT` bytes past what is remembered, not after every action, and a
    command run after one action replays just the entries since.
    """
    return remembered is None or len(data) - remembered[1] >= WORTH_IT


def remember(root: Path, data: bytes, state) -> None:
    """Keep ``state`` as the replay of ``data`` (a failure only costs a full replay next time)."""
    if not _enabled() or len(data) < WORTH_IT:
        return
    secret = user_secret()
    folder = _path(root).parent
    if secret is None or not private_folder(folder):
        return
    payload = len(data).to_bytes(8, "big") + hashlib.sha256(data).digest() + state.pack()
    with contextlib.suppress(OSError, StorageError):
        write_atomic(_path(root), _mac(secret, payload) + payload)
