"""This machine as a witness of a workspace's log: a log rolled back since it was last read is caught.

The signed log proves that every file is what its latest entry says, but a copy
of the whole workspace taken earlier (log included) is itself consistent. What
tells an older log from the current one is a witness that saw the newer: the
remote's head once the workspace travels through git, ``wgt verify --expect
HASH`` with a hash kept elsewhere, and, on every command, this machine's memory
of the last entry it read in that folder (kept in the user's cache, owner-only).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from tracker.storage import StorageError, write_atomic
from tracker.trust.verified import cache_dir, private_folder


def _path(root: Path) -> Path:
    return cache_dir() / "witness" / hashlib.sha256(str(root).encode("utf-8")).hexdigest()[:24]


def last_seen(root: Path) -> tuple[int, str] | None:
    """``(seq, entry hash)`` of the last log entry this machine read in ``root``, if it remembers one."""
    if os.environ.get("WGT_VERIFY_CACHE", "").lower() in ("off", "0", "no"):
        return None
    try:
        text = _path(root).read_text(encoding="ascii").split()
        seq, entry = int(text[0]), text[1]
    except (OSError, ValueError, IndexError, UnicodeDecodeError):
        return None
    return seq, entry


def remember(root: Path, seq: int, entry: str) -> None:
    """Note that the log of ``root`` reached entry ``seq`` with hash ``entry`` (a failure only forgets)."""
    if os.environ.get("WGT_VERIFY_CACHE", "").lower() in ("off", "0", "no") or last_seen(root) == (seq, entry):
        return
    folder = _path(root).parent
    if not private_folder(folder.parent) or not private_folder(folder):
        return
    with contextlib.suppress(StorageError, OSError):
        write_atomic(_path(root), f"{seq} {entry}\n".encode("ascii"))


def forget(root: Path) -> None:
    """Drop what this machine remembers of ``root`` (after restoring an older copy on purpose)."""
    with contextlib.suppress(OSError):
        _path(root).unlink(missing_ok=True)
