"""The workspace lock: one writer at a time, readers that see a consistent snapshot.

Writers hold the lock exclusively; readers hold it shared, so a reader never sees
half of an action (``wgt verify`` during ``rev issue`` would otherwise report the
records of a revision whose manifest it has not read yet). Both are ``flock``
locks on ``.wgt.lock``, opened without following a link (a planted link would
make the lock create a file elsewhere).

Within one process the lock is re-entrant: a command holding it shared that
starts to write takes it exclusively (and, writers re-reading what they change,
nothing depends on the conversion being atomic), then returns to shared.

A workspace on a read-only file system can still be read: when the lock file
cannot be created there, readers go on without it (no one can write there
either); writing there is refused with one clear line.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import WorkspaceError
from tracker.i18n import _

LOCK_NAME = ".wgt.lock"
DEFAULT_TIMEOUT = 30.0


@dataclass
class _Held:
    fd: int | None  # None: a read-only workspace, read without a lock
    exclusive: int = 0  # nesting depths
    shared: int = 0


_HELD: dict[str, _Held] = {}


def lock_timeout() -> float:
    """``$WGT_LOCK_TIMEOUT`` in seconds (default 30), or a clear error for anything else."""
    value = os.environ.get("WGT_LOCK_TIMEOUT", "").strip()
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not (0 <= seconds < 10**7):
        raise WorkspaceError(
            _("WGT_LOCK_TIMEOUT={value!r} is not a number of seconds; set it to e.g. 30, or unset it").format(
                value=value
            )
        )
    return seconds


@contextmanager
def workspace_lock(root: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the workspace's lock exclusively; waits up to ``timeout`` seconds (``$WGT_LOCK_TIMEOUT``, 30)."""
    key = str(root.resolve())
    held = _HELD.get(key)
    if held is not None and held.exclusive:
        held.exclusive += 1
        try:
            yield
        finally:
            held.exclusive -= 1
        return
    wait = lock_timeout() if timeout is None else timeout
    opened_here = held is None or held.fd is None
    fd = _open(root, write=True) if opened_here else held.fd
    try:
        _flock(fd, fcntl.LOCK_EX, wait, root)
    except BaseException:
        if opened_here:
            os.close(fd)
        raise
    if opened_here:
        previous = held
        held = _HELD[key] = _Held(fd, shared=previous.shared if previous else 0)
    held.exclusive = 1
    try:
        yield
    finally:
        held.exclusive = 0
        if held.shared:
            fcntl.flock(fd, fcntl.LOCK_SH)  # back to what the command held before it wrote
        else:
            del _HELD[key]
            os.close(fd)


@contextmanager
def shared_lock(root: Path) -> Iterator[None]:
    """Hold the workspace's lock shared while reading (free when this process already holds it)."""
    key = str(root.resolve())
    held = _HELD.get(key)
    if held is not None:
        held.shared += 1
        try:
            yield
        finally:
            held.shared -= 1
        return
    fd = _open(root, write=False)
    if fd is not None:
        try:
            _flock(fd, fcntl.LOCK_SH, lock_timeout(), root)
        except BaseException:
            os.close(fd)
            raise
    held = _HELD[key] = _Held(fd, shared=1)
    try:
        yield
    finally:
        held.shared -= 1
        if not held.shared and not held.exclusive:
            del _HELD[key]
            if fd is not None:
                os.close(fd)


def _open(root: Path, write: bool) -> int | None:
    path = root / LOCK_NAME
    flags = os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(path, flags | os.O_RDWR | os.O_CREAT, 0o644) if write else _open_for_reading(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise WorkspaceError(
                _("{path}: is a symbolic link; remove it (wgt makes its own lock file)").format(path=path)
            ) from None
        if not write and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return None  # read-only: read without a lock
        if exc.errno == errno.EROFS:
            raise WorkspaceError(
                _("{root}: the workspace is on a read-only file system; it can be read but not changed").format(
                    root=root
                )
            ) from None
        if exc.errno == errno.EISDIR:
            raise WorkspaceError(
                _("{path}: is a folder; remove it (wgt makes its own lock file)").format(path=path)
            ) from None
        raise WorkspaceError(
            _("{path}: cannot open the workspace lock: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    if fd is not None and not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise WorkspaceError(
            _("{path}: is not a regular file; remove it (wgt makes its own lock file)").format(path=path)
        )
    return fd


def _open_for_reading(path: Path, flags: int) -> int:
    try:
        return os.open(path, flags | os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return os.open(path, flags | os.O_RDWR | os.O_CREAT, 0o644)


def _flock(fd: int, mode: int, timeout: float, root: Path) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise WorkspaceError(
                    _(
                        "{path}: another wgt process has held the workspace lock for over {timeout:g} s; "
                        "wait for it to finish, or stop it, then try again"
                    ).format(path=root / LOCK_NAME, timeout=timeout)
                ) from None
            time.sleep(0.02)
