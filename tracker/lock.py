"""The workspace lock: one writer at a time, and a clear message when it is held too long."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tracker.errors import WorkspaceError
from tracker.i18n import _

LOCK_NAME = ".wgt.lock"


@contextmanager
def workspace_lock(root: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the workspace's exclusive lock; waits up to ``timeout`` seconds (``$WGT_LOCK_TIMEOUT``, 30)."""
    if timeout is None:
        timeout = float(os.environ.get("WGT_LOCK_TIMEOUT", "30"))
    path = root / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WorkspaceError(
                        _(
                            "{path}: another wgt process has held the workspace lock for over {timeout:g} s; "
                            "wait for it to finish, or stop it, then try again"
                        ).format(path=path, timeout=timeout)
                    ) from None
                time.sleep(0.02)
        _tidy(root)
        yield
    finally:
        os.close(fd)


def _folders(root: Path) -> list[Path]:
    return [root, *(root / "drafts").glob("*"), *(root / "amendments").glob("*")]


def _tidy(root: Path) -> None:
    """Under the lock: finish an interrupted group write, drop uncommitted temporaries."""
    from tracker.storage import JOURNAL_NAME, leftover_temporaries, recover

    recover(root / JOURNAL_NAME)
    for path in leftover_temporaries(_folders(root)):
        path.unlink(missing_ok=True)


def settle(root: Path) -> None:
    """Before reading: if a write was interrupted (or is under way), wait for the lock and tidy up.

    A killed writer leaves either a journal (its action is finished now) or only
    temporary files (its action never happened; they are removed).
    """
    from tracker.storage import JOURNAL_NAME, leftover_temporaries

    if (root / JOURNAL_NAME).exists() or leftover_temporaries(_folders(root)):
        with workspace_lock(root):
            pass
