"""Files as files: reading without following links, and writes a reader sees whole or not at all.

Reading. A workspace is held by parties who do not trust each other, and git
stores symbolic links, so :func:`read_file` opens a file without following a
link, refuses anything that is not a regular file (a folder, a pipe that would
block for ever, a device) and anything larger than its kind allows, each with
one line naming the file. :func:`read_input` reads a file the user names on the
command line, with the same refusals but following links (the user's own).

Writing. Every file goes to a temporary name in its folder and is flushed to
disk. An *action* (the files one command writes, and the signed entry of the
workspace's log that records them) is made atomic by a redo journal: once every
temporary file is safe, a journal listing the renames, the deletions, the hash
of every new file and the log line is written atomically (the commit point);
the renames and deletions are done, the line is appended to the log, and the
journal is removed. A process killed before the journal exists leaves only
temporary files (the action did not happen); one killed after it leaves the
journal, and the next command finishes the action (:func:`recover`).

A journal is itself a file another party could plant, so :func:`recover` acts
on none that does not check out: its paths must stay in their folders inside
the workspace, never through a link; each temporary file must have the hash the
journal gives; and the log line must be accepted by the caller (the trust layer
checks its signature and that its actor may write those files).

Failures of the disk (full, read-only, no permission) become one clear
:class:`StorageError` naming the file; before the commit point nothing has
changed, after it the journal keeps the action for the next command.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import signal
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from tracker.errors import WgtError
from tracker.i18n import _, count_words, ngettext, ui_language

JOURNAL_NAME = ".wgt-journal.json"
JOURNAL_FORMAT = "wgt-journal/1"
#: Above this many files, a group write flushes the disk once (``sync``) instead of per file.
MANY_FILES = 32
#: What a file the user names (a text to import, an exported amendment) may weigh.
MAX_INPUT_BYTES = 64 * 1024 * 1024


class StorageError(WgtError):
    """A file could not be read or written as a file (a link, a folder, a full or read-only disk)."""


def file_hash(data: bytes) -> str:
    """``sha256:<hex>``: how every file's content is named in manifests, journals and the log."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


# -- reading -------------------------------------------------------------------------------


def read_file(path: Path, limit: int, error: type[Exception] = StorageError) -> bytes:
    """The bytes of the regular file ``path``, never through a link, at most ``limit`` bytes."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise error(_reading_problem(path, exc)) from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise error(_("{path}: is a folder, not a file").format(path=path))
        raise error(
            _("{path}: is not a regular file (a pipe, socket or device); replace it by the real file").format(path=path)
        )
    try:
        if info.st_size > limit:
            raise error(
                _(
                    "{path}: {size:,} bytes, more than a file of its kind may hold ({limit:,}); it is damaged or hostile"
                ).format(path=path, size=info.st_size, limit=limit)
            )
        try:
            data = _read_all(descriptor, info.st_size + 1)  # what it holds now; more means it grows while read
        except OSError as exc:
            raise error(_reading_problem(path, exc)) from None
    finally:
        os.close(descriptor)
    if len(data) > min(limit, info.st_size):  # it grew while being read
        raise error(
            _(
                "{path}: {size:,} bytes, more than a file of its kind may hold ({limit:,}); it is damaged or hostile"
            ).format(path=path, size=len(data), limit=limit)
        )
    return data


def read_input(path: Path, error: type[Exception], limit: int = MAX_INPUT_BYTES) -> bytes:
    """A file the user names: followed if it is a link (it is theirs), refused if not a regular file."""
    try:
        resolved = Path(os.path.realpath(path))
    except (OSError, ValueError) as exc:
        raise error(_("{path}: cannot read: {reason}").format(path=path, reason=exc)) from None
    try:
        return read_file(resolved, limit, error)
    except error as exc:  # name the file as the user typed it
        raise error(str(exc).replace(str(resolved), str(path), 1)) from None


def _read_all(descriptor: int, most: int) -> bytes:
    """Up to ``most`` bytes from ``descriptor``: plain ``os.read`` calls (no file object for one read)."""
    chunks = []
    while most > 0:
        chunk = os.read(descriptor, most)
        if not chunk:
            break
        chunks.append(chunk)
        most -= len(chunk)
    return b"".join(chunks)


def _reading_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return _("{path}: no such file").format(path=path)
    if exc.errno == errno.ELOOP:
        return _(
            "{path}: is a symbolic link; wgt never follows links in a workspace: "
            "replace it by the real file (restore it from git)"
        ).format(path=path)
    if exc.errno == errno.EISDIR:
        return _("{path}: is a folder, not a file").format(path=path)
    if exc.errno == errno.ENOTDIR:
        return _("{path}: a folder on its way is a file").format(path=path)
    return _("{path}: cannot read: {reason}").format(path=path, reason=exc.strerror or exc)


def is_real_folder(path: Path) -> bool:
    """True for a folder that is not a link to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


# -- writing ---------------------------------------------------------------------------------


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename); refuses to write over a link."""
    write_action({path: data})


def write_action(
    files: dict[Path, bytes | None],
    journal: Path | None = None,
    log: tuple[Path, bytes] | None = None,
    ready: dict[Path, Path] | None = None,
) -> None:
    """Write (or, for ``None``, delete) ``files`` and append ``log``'s line, all or none of it.

    ``journal`` (the workspace's journal path) is required when there is more
    than one change or a log line; callers hold the workspace lock. ``ready``
    names, for some of the paths, a file already holding their bytes on disk
    (:func:`prestage`, made before the lock): it is linked in as the temporary
    file instead of writing and flushing the bytes again.
    """
    ready = ready or {}
    writes = {path: data for path, data in files.items() if data is not None}
    deletes = [path for path, data in files.items() if data is None]
    for path in writes:
        _refuse_non_file(path)
    staged: list[tuple[Path, Path]] = []
    made = _missing_folders(writes)
    # One flush of everything costs less than one fsync per file once there are many
    # (issuing a revision rewrites thousands of records); a few are flushed one by one.
    one_flush = len(writes) > MANY_FILES
    try:
        flushed = True
        for path, data in writes.items():
            tmp = _link_ready(path, ready.get(path))
            if tmp is None:
                tmp, flushed = _stage(path, data, flush=not one_flush), False
            staged.append((tmp, path))
        if one_flush and not flushed:
            os.sync()
        journaled = journal is not None and (len(files) > 1 or log is not None)
        if journaled:
            base = journal.parent
            entry = {
                "format": JOURNAL_FORMAT,
                "renames": [[_relative(tmp, base), _relative(path, base)] for tmp, path in staged],
                "deletes": [_relative(path, base) for path in deletes],
                "hashes": {_relative(path, base): file_hash(data) for path, data in writes.items()},
                "log": None if log is None else {"path": _relative(log[0], base), "line": log[1].decode("utf-8")},
            }
            os.replace(_stage(journal, json.dumps(entry, ensure_ascii=False).encode("utf-8")), journal)
            _fsync_dir(journal.parent)
    except OSError as exc:
        _undo(staged, made)
        failed = next((path for tmp, path in staged if not tmp.exists()), None)
        raise StorageError(_writing_problem(failed or next(iter(files), journal), exc, committed=False)) from None
    except BaseException:
        _undo(staged, made)
        raise
    try:
        _apply(staged, deletes, log, count_renames=journaled)
    except OSError as exc:
        # Past the commit point: the journal holds the action and the next command finishes it.
        raise StorageError(_writing_problem(exc.filename or journal, exc, committed=journaled)) from None
    if journaled:
        journal.unlink()
        _fsync_dir(journal.parent)


def _missing_folders(writes: dict[Path, bytes]) -> list[Path]:
    """The folders a write will have to make (deepest first), to remove again if it fails."""
    missing: set[Path] = set()
    for path in writes:
        folder = path.parent
        while not os.path.lexists(folder) and folder != folder.parent:
            missing.add(folder)
            folder = folder.parent
    return sorted(missing, key=lambda p: len(p.parts), reverse=True)


def _undo(staged: list[tuple[Path, Path]], made: list[Path]) -> None:
    """Before the commit point: remove the temporaries and the folders made for them (nothing was changed)."""
    for tmp, _path in staged:
        tmp.unlink(missing_ok=True)
    for folder in made:
        with contextlib.suppress(OSError):
            folder.rmdir()


def _apply(
    staged: list[tuple[Path, Path]], deletes: list[Path], log: tuple[Path, bytes] | None, count_renames: bool
) -> None:
    for done, (tmp, path) in enumerate(staged, start=1):
        os.replace(tmp, path)
        if count_renames:
            _crash_for_tests(done)
    for path in deletes:
        path.unlink(missing_ok=True)
    for folder in {path.parent for _tmp, path in staged} | {path.parent for path in deletes}:
        _fsync_dir(folder)
    if log is not None:
        append_line(*log)


def append_line(path: Path, line: bytes) -> None:
    """Append ``line`` and a newline to ``path`` (never through a link) and flush it to disk.

    A line half-written by a process killed while appending it is completed, not
    duplicated: the journal that holds the line finishes it (:func:`recover`).
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        rest = memoryview(line + b"\n")
        while rest:  # a write(2) may write less than asked (a disk filling up): the rest, or an error
            rest = rest[os.write(descriptor, rest) :]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_output(path: Path, data: bytes) -> None:
    """Write a document the user asked for (``-o FILE``): atomically, and never through a link."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise StorageError(_writing_problem(path, exc, committed=False)) from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise StorageError(
            _("{path}: is a symbolic link; wgt does not write through links: remove it or choose another file").format(
                path=path
            )
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise StorageError(_("{path}: exists and is not a file; choose another file").format(path=path))
    try:
        os.replace(_stage(path, data), path)
    except OSError as exc:
        raise StorageError(_writing_problem(path, exc, committed=False)) from None


def writing_problem(path: object, exc: OSError) -> str:
    """One line saying why ``path`` could not be written (disk full, read-only, permission), nothing changed."""
    return _writing_problem(path, exc, committed=False)


def _refuse_non_file(path: Path) -> None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError:
        return  # the write itself will say what is wrong
    if stat.S_ISLNK(info.st_mode):
        raise StorageError(
            _("{path}: is a symbolic link; wgt never writes through links in a workspace: remove it").format(path=path)
        )
    if not stat.S_ISREG(info.st_mode):
        raise StorageError(_("{path}: is not a regular file; remove it and try again").format(path=path))


def _writing_problem(path: object, exc: OSError, committed: bool) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = _("the disk is full")
    elif exc.errno == errno.EROFS:
        reason = _("the workspace is on a read-only file system")
    elif exc.errno in (errno.EACCES, errno.EPERM):
        reason = _("permission denied")
    else:
        reason = exc.strerror or str(exc)
    if committed:
        return _(
            "cannot write {path}: {reason}; the action is kept in {journal} and the next wgt command finishes it"
        ).format(path=path, reason=reason, journal=JOURNAL_NAME)
    return _("cannot write {path}: {reason}; nothing was changed").format(path=path, reason=reason)


def _relative(path: Path, base: Path) -> str:
    text, prefix = str(path), str(base) + "/"
    if os.sep == "/" and text.startswith(prefix) and "/../" not in text and not text.endswith("/.."):
        return text[len(prefix) :]  # the usual case, a path below the root (a Path has no "." parts): no relpath
    return Path(os.path.relpath(path, base)).as_posix()


def _link_ready(path: Path, copy: Path | None) -> Path | None:
    """A temporary file of ``path`` that is a second name of ``copy`` (None when there is none or it fails)."""
    if copy is None:
        return None
    for _attempt in range(3):
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            os.link(copy, tmp, follow_symlinks=False)
            return tmp
        except FileExistsError:
            continue
        except OSError:
            return None
    return None


def _stage(path: Path, data: bytes, flush: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if flush:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp)


def _crash_for_tests(renames_done: int) -> None:
    """``WGT_CRASH_AFTER_RENAMES=N`` kills the process (SIGKILL) after N renames.

    Crash injection for the tests that prove an interrupted write is finished
    or undone; it is never set in normal use (a value that is not a number is ignored).
    """
    limit = os.environ.get("WGT_CRASH_AFTER_RENAMES", "")
    if limit.isdigit() and renames_done >= int(limit):
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- finishing an interrupted action ------------------------------------------------------------


def recover(
    journal: Path, root: Path, log_name: str, accept_line: Callable[[bytes, dict[str, str | None], bool], None]
) -> bool:
    """Finish the action an interrupted command left in ``journal``; True if there was one.

    Every action wgt journals ends with a line of the log ``log_name``: a journal
    without one, or naming another file, is not wgt's. ``accept_line(line, files)``
    must raise :class:`WgtError` unless ``line`` is the log entry that may follow
    the log as it stands, writing exactly ``files`` (relative path → hash, ``None``
    for a deletion). Nothing is changed for a journal that does not check out.
    """
    from tracker.jsonfile import DictOf, JsonShapeError, check_shape, parse_json

    try:
        info = os.lstat(journal)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StorageError(_reading_problem(journal, exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise StorageError(_planted(journal, _("it is not a regular file")))
    data = read_file(journal, 256 * 1024 * 1024)
    shape = {
        "format": str,
        "renames": [[str]],
        "deletes": [str],
        "hashes": DictOf(str),
        "log": (None, {"path": str, "line": str}),
    }
    try:  # a journal is written whole (temporary file, rename) or not at all: a wrong one is not ours
        entry = parse_json(data)
        check_shape(entry, shape)
    except JsonShapeError as exc:
        raise StorageError(_planted(journal, str(exc))) from None
    if entry["format"] != JOURNAL_FORMAT:
        raise StorageError(_planted(journal, _("unknown format {format!r}").format(format=entry["format"])))
    renames = [_confined_rename(root, pair, journal) for pair in entry["renames"]]
    deletes = [_confined(root, name, journal) for name in entry["deletes"]]
    hashes = entry["hashes"]
    targets = {_relative(path, root) for _tmp, path in renames}
    if set(hashes) != targets:
        raise StorageError(_planted(journal, _("its hashes do not name the files it renames")))
    for tmp, path in renames:
        name = _relative(path, root)
        present = tmp if _is_regular(tmp) else path if _is_regular(path) else None
        if present is None or file_hash(read_file(present, 1 << 40)) != hashes[name]:
            raise StorageError(_planted(journal, _("{path} is not the file it names").format(path=name)))
    if entry["log"] is None or entry["log"]["path"] != log_name:
        raise StorageError(_planted(journal, _("it does not end with a line of {log}").format(log=log_name)))
    log_path = root / log_name
    line = entry["log"]["line"].encode("utf-8")
    if b"\n" in line:
        raise StorageError(_planted(journal, _("its log line holds a line break")))
    files: dict[str, str | None] = {**hashes, **{_relative(p, root): None for p in deletes}}
    appended = _log_ends_with(log_path, line)
    try:  # the line already appended (a kill after it) must still be the journal's own account
        accept_line(line, files, appended)
    except WgtError as exc:
        raise StorageError(_planted(journal, str(exc))) from None
    log_line = None if appended else (log_path, line)
    try:
        for tmp, path in renames:
            if _is_regular(tmp):
                os.replace(tmp, path)
                _fsync_dir(path.parent)
        for path in deletes:
            path.unlink(missing_ok=True)
        if log_line is not None:
            _complete_torn_line(*log_line)
            append_line(*log_line)
        journal.unlink()
        _fsync_dir(root)
    except OSError as exc:
        raise StorageError(_writing_problem(exc.filename or journal, exc, committed=True)) from None
    return True


def _planted(journal: Path, reason: str) -> str:
    return _(
        "{path}: refused ({reason}); it was not left by an interrupted wgt command here, so nothing "
        "it names was touched — delete the file"
    ).format(path=journal, reason=reason)


def _confined(root: Path, name: str, journal: Path) -> Path:
    """``root/name`` when ``name`` is a plain relative path whose folders are real folders inside ``root``."""
    parts = name.split("/")
    if (
        not name
        or name.startswith("/")
        or any(part in ("", ".", "..") for part in parts)
        or any(not part.isprintable() for part in parts)
    ):
        raise StorageError(_planted(journal, _("the path {name!r} leads outside the workspace").format(name=name)))
    folder = root
    for part in parts[:-1]:
        folder = folder / part
        if not is_real_folder(folder):
            raise StorageError(
                _planted(journal, _("the path {name!r} goes through a link or a missing folder").format(name=name))
            )
    return root.joinpath(*parts)


def _confined_rename(root: Path, pair: list[str], journal: Path) -> tuple[Path, Path]:
    if len(pair) != 2:
        names = ngettext("a rename names {count} path", "a rename names {count} paths", len(pair))
        raise StorageError(_planted(journal, names.format(count=count_words(len(pair), ui_language()))))
    tmp, target = (_confined(root, name, journal) for name in pair)
    if tmp.parent != target.parent or not (tmp.name.startswith(f".{target.name}.") and tmp.name.endswith(".tmp")):
        raise StorageError(
            _planted(journal, _("{tmp!r} is not a temporary file of {target!r}").format(tmp=pair[0], target=pair[1]))
        )
    for path in (tmp, target):
        if os.path.lexists(path) and not _is_regular(path):
            raise StorageError(
                _planted(journal, _("{path!r} is not a regular file").format(path=_relative(path, root)))
            )
    return tmp, target


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _log_ends_with(path: Path, line: bytes) -> bool:
    """Whether the log's last line is already ``line`` (the crash came after the append)."""
    try:
        size = os.lstat(path).st_size
    except FileNotFoundError:
        return False
    want = line + b"\n"
    if size < len(want):
        return False
    with open(path, "rb") as handle:
        handle.seek(size - len(want))
        return handle.read() == want and (size == len(want) or _byte_at(handle, size - len(want) - 1) == b"\n")


def _byte_at(handle, offset: int) -> bytes:
    handle.seek(offset)
    return handle.read(1)


def _complete_torn_line(path: Path, line: bytes) -> None:
    """Cut off the start of ``line`` that a killed append left, so that it is written once, whole."""
    try:
        size = os.lstat(path).st_size
    except FileNotFoundError:
        return
    if size == 0:
        return
    with open(path, "rb") as handle:
        handle.seek(max(0, size - len(line) - 1))
        tail = handle.read()
    cut = tail.rfind(b"\n") + 1
    partial = tail[cut:]
    if partial and line.startswith(partial):
        os.truncate(path, size - len(partial))


def leftover_temporaries(folders: list[Path]) -> list[Path]:
    """Temporary files a killed writer left behind (never committed); only in real folders, never through a link."""
    found: list[Path] = []
    for folder in folders:  # scandir and a name test: every command runs this over thousands of records
        if not is_real_folder(folder):
            continue
        try:
            with os.scandir(folder) as entries:
                found += [
                    Path(e.path)
                    for e in entries
                    if e.name.startswith(".") and e.name.endswith(".tmp") and e.is_file(follow_symlinks=False)
                ]
        except OSError:
            continue
    return found
