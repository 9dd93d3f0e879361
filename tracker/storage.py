"""Atomic file writes: a reader sees the old files or the new ones, never half of either.

Every file goes to a temporary name in its folder and is flushed to disk
(fsync). A single file is then renamed over its target. A group of files is
made atomic with a redo journal: once every temporary file is safe, a journal
listing the renames is written (atomically: that is the commit point), the
renames are done and the journal is removed. A process killed before the
journal exists leaves only temporary files (the action did not happen); one
killed after it is finished by :func:`recover` (the action happened).
"""

from __future__ import annotations

import json
import os
import signal
import tempfile
from pathlib import Path

from tracker.i18n import _

JOURNAL_NAME = ".wgt-journal.json"
#: Above this many files, a group write flushes the disk once (``sync``) instead of per file.
MANY_FILES = 32


def read_input(path: Path, error: type[Exception]) -> bytes:
    """A file's bytes, or ``error`` with one line naming the file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(_("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise error(_("{path}: is a folder, not a file").format(path=path)) from None
    except OSError as exc:
        raise error(_("{path}: cannot read: {reason}").format(path=path, reason=exc.strerror)) from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename)."""
    write_all({path: data})


def write_all(files: dict[Path, bytes], journal: Path | None = None) -> None:
    """Write several files so that either all of them change or none does.

    ``journal`` (the workspace's journal path) is required for more than one file
    to be atomic across a crash; callers hold the workspace lock.
    """
    staged: list[tuple[Path, Path]] = []
    # One flush of everything costs less than one fsync per file once there are many
    # (issuing a revision rewrites thousands of records); a few are flushed one by one.
    one_flush = len(files) > MANY_FILES
    try:
        for path, data in files.items():
            staged.append((_stage(path, data, flush=not one_flush), path))
        if one_flush:
            os.sync()
    except BaseException:
        for tmp, _path in staged:
            tmp.unlink(missing_ok=True)
        raise
    if journal is not None and len(staged) > 1:
        base = journal.parent
        entries = [[os.path.relpath(tmp, base), os.path.relpath(path, base)] for tmp, path in staged]
        os.replace(_stage(journal, json.dumps({"renames": entries}).encode()), journal)
        _fsync_dir(journal.parent)
    for done, (tmp, path) in enumerate(staged, start=1):
        os.replace(tmp, path)
        _crash_for_tests(done)
    for folder in {path.parent for _tmp, path in staged}:
        _fsync_dir(folder)
    if journal is not None and len(staged) > 1:
        journal.unlink()
        _fsync_dir(journal.parent)


def recover(journal: Path) -> bool:
    """Finish the renames of an interrupted group write; True if there was one to finish."""
    if not journal.is_file():
        return False
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))["renames"]
    except (ValueError, KeyError):
        journal.unlink()  # never completed its own atomic write: nothing was committed
        return False
    base = journal.parent
    for tmp, path in entries:
        if (base / tmp).exists():
            os.replace(base / tmp, base / path)
            _fsync_dir((base / path).parent)
    journal.unlink()
    _fsync_dir(base)
    return True


def leftover_temporaries(folders: list[Path]) -> list[Path]:
    """Temporary files a killed writer left behind (they were never committed)."""
    found: list[Path] = []
    for folder in folders:  # scandir and a name test: every command runs this over thousands of records
        try:
            with os.scandir(folder) as entries:
                found += [Path(e.path) for e in entries if e.name.startswith(".") and e.name.endswith(".tmp")]
        except (FileNotFoundError, NotADirectoryError):
            continue
    return found


def _stage(path: Path, data: bytes, flush: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        if flush:
            handle.flush()
            os.fsync(handle.fileno())
    return Path(tmp)


def _crash_for_tests(renames_done: int) -> None:
    """``WGT_CRASH_AFTER_RENAMES=N`` kills the process (SIGKILL) after N renames.

    Crash injection for the tests that prove an interrupted write is finished
    or undone; it is never set in normal use.
    """
    limit = os.environ.get("WGT_CRASH_AFTER_RENAMES")
    if limit and renames_done >= int(limit):
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
