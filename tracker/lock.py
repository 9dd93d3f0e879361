"""The workspace lock: one writer at a time, and a clear message when it is held too long."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tracker.errors import WorkspaceError

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
                        f"{path}: another wgt process has held the workspace lock for over {timeout:g} s; "
                        "wait for it to finish, or stop it, then try again"
                    ) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)
