"""Moving the costs of a large action's writes out of the workspace lock, without changing what is written.

:func:`tracker.storage.write_action` writes an action atomically: temporary
files, one flush, a journal, renames. For the thousands of records one ``rev
issue`` rewrites, two of its costs are large and need not be paid under the
lock: writing and flushing the bytes (:func:`prestage` does it before, and
``write_action`` links each copy in as its temporary file), and freeing the
replaced files' old blocks, milliseconds per file on ext4 with ``discard`` as on
many virtual machines (:func:`hold_replaced` gives each a second name before,
so the rename frees nothing; :func:`drop_held` frees them after the lock).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def prestage(files: dict[Path, bytes], folder: Path) -> dict[Path, Path]:
    """Write ``files``' bytes to disk in ``folder`` (made here), flushed, before the lock: path → that copy.

    :func:`write_action` then links each copy in as its temporary file: under the
    lock only links, the journal and the renames are left (on a large action the
    writing and the flush are most of its cost). ``folder`` must be on the
    workspace's file system, and read by no one (a copy is trusted to hold
    exactly the bytes given); a copy that cannot be linked is written again.
    An empty mapping when nothing could be written there.
    """
    done: dict[Path, Path] = {}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for number, (path, data) in enumerate(files.items()):
            copy = folder / f"new-{number}"
            descriptor = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            done[path] = copy
        os.sync()
    except OSError:
        return {}
    return done


def hold_replaced(paths: list[Path], folder: Path) -> bool:
    """Give each existing file of ``paths`` a second name in ``folder`` (made here): True if every link was made.

    Replacing a file frees its old blocks; on some disks (ext4 with ``discard``,
    as on many virtual machines) that costs milliseconds per file, seconds for the
    thousands of records one ``rev issue`` rewrites. Held by a second name, the old
    file is not freed by the rename, but later by :func:`drop_held`, outside the
    workspace lock. Only ever a cost moved: the files of ``paths`` are not touched.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for number, path in enumerate(paths):
            with contextlib.suppress(FileNotFoundError):
                os.link(path, folder / f"old-{number}", follow_symlinks=False)
    except OSError:
        return False  # another file system, or links refused: the renames free the old files themselves
    return True


def drop_held(folder: Path) -> None:
    """Remove ``folder`` and the old files :func:`hold_replaced` kept in it (what is left is left for later)."""
    with contextlib.suppress(OSError):
        with os.scandir(folder) as entries:
            for entry in entries:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        folder.rmdir()
