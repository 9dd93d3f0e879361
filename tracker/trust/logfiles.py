"""Where the log's bytes live: sealed segments under ``log/`` and the live tail ``log.jsonl``.

The log is one sequence of canonical JSON lines chained by hash
(:mod:`tracker.trust.log`); this module only says where those lines are kept.
Entries ``k·S … k·S+S−1`` (``S`` = :data:`SEGMENT_ENTRIES`) are *sealed* in
``log/NNNNNN.jsonl`` (``k`` with six digits, so that names sort as numbers), a
file never changed once written; the entries after the last sealed segment are
the *tail*, ``log.jsonl``, the file actions append to. The whole log is the
segments in order, then the tail; :func:`read_log_bytes` (the work tree) and
:func:`log_bytes_at` (a commit) are the only readers, and both check the same
layout (:func:`assemble`).

Why: git stores a file whole, once per commit that changes it. With one log
file every action's commit compressed and stored the whole log (17.7 MB, 0.5 s
and some 3 MB of ``.git`` an action at 10,000 units): quadratic over a
negotiation. A sealed segment is stored once; an action's commit holds only the
tail (at most ``S`` entries) and, every ``S`` actions, one new segment.

Sealing (:func:`seal_if_due`) runs under the workspace lock in a writing
action, after its line is appended: (1) each new segment is written whole
(temporary file, rename), (2) the tail is rewritten without those lines. It
needs no journal: a kill between (1) and (2) leaves a tail that *begins with a
copy* of the last segments; readers recognise exactly that (the copy
byte-identical) and skip it, and the next action finishes the seal. Anything
else that does not fit (a gap, a segment of the wrong length, a name that is
not a segment's, a link, a tail that does not start where the segments end)
is one :class:`LogFileError` naming the file. A workspace from before segments
(one big ``log.jsonl``) is valid as it is: its first sealing action seals all
of its entries at once, which costs that action what every action cost before.
"""

from __future__ import annotations

import os
import re
import signal
import stat
from dataclasses import dataclass, field
from pathlib import Path

from tracker.i18n import _
from tracker.jsonfile import parse_json
from tracker.repo import Repo
from tracker.storage import StorageError, read_file, write_atomic
from tracker.trust.log import LOG_NAME, MAX_LOG_BYTES, LogError
from tracker.workspace import LOG_FOLDER

#: The folder of the sealed segments.
SEGMENTS_FOLDER = LOG_FOLDER
#: Entries a sealed segment holds. 1,000 keeps an action's commit to at most some 700 kB of tail (about
#: 10 ms to compress) and a 100,000-proposal log to a few hundred files.
SEGMENT_ENTRIES = 1000
#: Tests set this to seal after a handful of entries (never in normal use: every site must seal alike).
SEGMENT_ENTRIES_VARIABLE = "WGT_LOG_SEGMENT_ENTRIES"
_NAME = re.compile(r"([0-9]{6,})\.jsonl")
_TREE, _BLOB = 0o040000, 0o100644


class LogFileError(LogError):
    """One of the log's files does not fit the layout: ``path`` and ``reason`` apart, for sync to name."""

    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


def segment_entries() -> int:
    """``S``: :data:`SEGMENT_ENTRIES`, or the tests' value of ``WGT_LOG_SEGMENT_ENTRIES``."""
    value = os.environ.get(SEGMENT_ENTRIES_VARIABLE, "")
    return int(value) if value.isdigit() and int(value) > 0 else SEGMENT_ENTRIES


def segment_path(index: int) -> str:
    """The workspace-relative path of sealed segment ``index``: ``log/000003.jsonl``."""
    return f"{SEGMENTS_FOLDER}/{index:06d}.jsonl"


def is_log_path(path: str) -> bool:
    """Whether ``path`` (relative, ``/``-separated) is one of the log's files or under its folder."""
    return path in (LOG_NAME, SEGMENTS_FOLDER) or path.startswith(SEGMENTS_FOLDER + "/")


@dataclass
class LogBytes:
    """The whole log (segments, then the tail's own lines) and where each of its lines is kept."""

    data: bytes = b""
    #: The sealed segments' display paths, in order.
    segments: list[str] = field(default_factory=list)
    tail: str = LOG_NAME
    #: Lines, and bytes, at the tail's start that repeat sealed segments (a seal a kill interrupted).
    repeated: int = 0
    skipped: int = 0
    entries: int = SEGMENT_ENTRIES

    def locate(self, number: int) -> tuple[str, int]:
        """The file and line in it of the log's line ``number`` (from 1): for messages that name a line."""
        index = (number - 1) // self.entries
        if index < len(self.segments):
            return self.segments[index], (number - 1) % self.entries + 1
        return self.tail, number - len(self.segments) * self.entries + self.repeated


def assemble(segments: list[tuple[str, bytes]], tail: bytes, tail_name: str = LOG_NAME) -> LogBytes:
    """The log of ``segments`` (display path, bytes; numbered from 0 without a gap) and ``tail``, checked.

    Each segment must hold exactly ``S`` complete lines; the tail must begin
    where they end, or with an exact copy of the last of them (an unfinished
    seal, skipped here). Entries themselves are the replay's to check.
    """
    size = segment_entries()
    total = len(tail)
    for name, data in segments:
        lines = data.count(b"\n")
        if lines != size or not data.endswith(b"\n"):
            raise LogFileError(
                name,
                _(
                    "holds {lines} lines, but a sealed segment of the log holds exactly {size} whole entries "
                    "(it was cut, extended or replaced); restore it from git"
                ).format(lines=lines, size=size),
            )
        total += len(data)
    if total > MAX_LOG_BYTES:
        raise LogFileError(
            tail_name,
            _("the log's files hold {size:,} bytes, more than a log may ({limit:,}); it is damaged or hostile").format(
                size=total, limit=MAX_LOG_BYTES
            ),
        )
    skip = _repeated(segments, tail, tail_name, size)
    data = b"".join([*(d for _n, d in segments), memoryview(tail)[skip:]])
    return LogBytes(data, [n for n, _d in segments], tail_name, tail[:skip].count(b"\n"), skip, size)


def _repeated(segments: list[tuple[str, bytes]], tail: bytes, tail_name: str, size: int) -> int:
    """How many bytes at the tail's start are a copy of the last sealed segments (0: none)."""
    seq = _first_seq(tail)  # None: empty, or not an entry at all (the replay names the line)
    expected = len(segments) * size
    if not isinstance(seq, int) or seq == expected:
        return 0
    if 0 <= seq < expected and seq % size == 0:
        copy = b"".join(d for _n, d in segments[seq // size :])
        if tail.startswith(copy):
            return len(copy)
        raise LogFileError(
            tail_name,
            _(
                "begins with entry {seq}, which {segment} holds, but not with an exact copy of the sealed "
                "segments from there; the log was altered — restore {folder} and {tail} from git"
            ).format(seq=seq, segment=segments[seq // size][0], folder=SEGMENTS_FOLDER + "/", tail=LOG_NAME),
        )
    missing = segment_path(len(segments))
    raise LogFileError(
        tail_name,
        _(
            "begins with entry {seq}, but the sealed segments end before entry {expected}: {missing} is missing "
            "or the log was altered — restore {folder} and {tail} from git"
        ).format(seq=seq, expected=expected, missing=missing, folder=SEGMENTS_FOLDER + "/", tail=LOG_NAME),
    )


def segment_numbers(names: list[str], folder: str) -> list[str]:
    """``names`` (a folder's entries) as sealed segments 0, 1, … in order; one error for any other name or a gap."""
    numbered: dict[int, str] = {}
    for name in names:
        match = _NAME.fullmatch(name)
        if match is None or name != f"{int(match[1]):06d}.jsonl":
            raise LogFileError(
                f"{folder}/{name}",
                _(
                    "not a sealed segment of the log (they are named 000000.jsonl, 000001.jsonl, … and nothing "
                    "else is kept there); remove it or restore {folder} from git"
                ).format(folder=SEGMENTS_FOLDER + "/"),
            )
        numbered[int(match[1])] = name
    for index in range(len(numbered)):
        if index not in numbered:
            raise LogFileError(
                f"{folder}/{index:06d}.jsonl",
                _(
                    "missing: the log's sealed segments are numbered from 000000 without a gap, and {last} "
                    "exists; restore it from git"
                ).format(last=numbered[max(numbered)]),
            )
    return [numbered[index] for index in range(len(numbered))]


# -- the work tree ---------------------------------------------------------------------------


def _is_temporary(name: str) -> bool:
    return name.startswith(".") and name.endswith(".tmp")  # a killed seal's leftover (storage._stage)


def _folder_names(root: Path) -> list[str]:
    """The segments' names in ``root/log`` (none without the folder); refused if it is not a real folder."""
    folder = root / SEGMENTS_FOLDER
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise LogFileError(str(folder), _("cannot read: {reason}").format(reason=exc.strerror)) from None
    if not stat.S_ISDIR(info.st_mode):
        raise LogFileError(
            str(folder),
            _(
                "is not a folder (a link or a file), but the log's sealed segments are kept in a folder of that "
                "name; restore it from git"
            ),
        )
    try:
        with os.scandir(folder) as found:
            names = [entry.name for entry in found if not _is_temporary(entry.name)]
    except OSError as exc:
        raise LogFileError(str(folder), _("cannot read: {reason}").format(reason=exc.strerror)) from None
    return segment_numbers(names, str(folder))


def read_log_bytes(root: Path) -> LogBytes:
    """The whole log of the workspace at ``root``, its layout checked (every reader of the log reads it here).

    The tail is read before the segments are listed: a seal made meanwhile then
    shows as a tail that repeats the new segment, which is valid, never as a gap.
    """
    tail_path = root / LOG_NAME
    tail = read_file(tail_path, MAX_LOG_BYTES, LogError)
    folder = root / SEGMENTS_FOLDER
    segments = [(str(folder / name), read_file(folder / name, MAX_LOG_BYTES, LogError)) for name in _folder_names(root)]
    return assemble(segments, tail, str(tail_path))


def log_key(root: Path) -> tuple[int, ...]:
    """How the log's files look to ``lstat``: changes whenever the tail is appended to or a segment is sealed."""
    keys: list[int] = []
    for path in (root / LOG_NAME, root / SEGMENTS_FOLDER):
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            keys += (0, 0, 0)
            continue
        keys += (info.st_ino, info.st_size, info.st_mtime_ns)
    return tuple(keys)


def seal_if_due(root: Path) -> list[str]:
    """Seal the tail's first ``S``-entry runs into new segments; returns their paths (none when not due).

    Called under the workspace lock by a writing action, once its line is
    appended (every line was replayed and checked by then). Idempotent: it also
    finishes a seal a kill interrupted. A disk that refuses the writes, or a log
    that does not fit the layout, is left as it is (the next action tries again;
    the reader names what is wrong): sealing is how an action is stored, never
    its outcome, so it never fails the action.
    """
    size = segment_entries()
    try:
        tail = read_file(root / LOG_NAME, MAX_LOG_BYTES, LogError)
        names = _folder_names(root)
        if tail.count(b"\n") < size and _first_seq(tail) in (None, len(names) * size):
            return []  # the usual case: one listing and a tail of fewer than S lines read
        folder = root / SEGMENTS_FOLDER
        log = assemble([(str(folder / n), read_file(folder / n, MAX_LOG_BYTES, LogError)) for n in names], tail)
        own = tail[log.skipped :]
        written: list[str] = []
        index, cut = len(names), 0
        while own.count(b"\n", cut) >= size:
            end = cut
            for _line in range(size):
                end = own.index(b"\n", end) + 1
            write_atomic(root / segment_path(index), own[cut:end])
            written.append(segment_path(index))
            index, cut = index + 1, end
        if log.skipped or cut:
            _crash_for_tests()
            write_atomic(root / LOG_NAME, own[cut:])
        return written
    except (LogError, StorageError, OSError):
        return []


def _first_seq(tail: bytes) -> object:
    """The ``seq`` the tail's first line says (None when it is empty or not an entry)."""
    if not tail:
        return None
    try:
        return parse_json(tail[: tail.find(b"\n") + 1] or tail)["seq"]
    except (ValueError, KeyError, TypeError):
        return None


def _crash_for_tests() -> None:
    """``WGT_CRASH_IN_SEAL=1`` kills the process (SIGKILL) between a seal's two steps; never set in normal use."""
    if os.environ.get("WGT_CRASH_IN_SEAL") == "1":
        os.kill(os.getpid(), signal.SIGKILL)


# -- commits ---------------------------------------------------------------------------------


def log_bytes_at(repo: Repo, commit: str | None, blobs: dict[str, bytes] | None = None) -> LogBytes:
    """The whole log as ``commit`` holds it (empty for None), its layout checked as the work tree's is.

    ``blobs``: segments already read (blob id → bytes), shared by the caller
    across commits; a sealed segment is one blob for the rest of history.
    """
    if commit is None:
        return LogBytes(entries=segment_entries())
    tail = repo.read(LOG_NAME, commit) or b""
    listing = repo.listing(SEGMENTS_FOLDER, commit)
    segments: list[tuple[str, bytes]] = []
    if listing is not None:
        mode, entries = listing
        if mode != _TREE:
            raise LogFileError(
                SEGMENTS_FOLDER,
                _(
                    "is not a folder (a link or a file), but the log's sealed segments are kept in a folder of "
                    "that name; restore it from git"
                ),
            )
        stored = {name: (mode, oid) for name, mode, oid in entries}
        for name in segment_numbers(list(stored), SEGMENTS_FOLDER):
            mode, oid = stored[name]
            path = f"{SEGMENTS_FOLDER}/{name}"
            if mode != _BLOB:
                raise LogFileError(
                    path, _("is not a plain file (a link, a folder or an executable); restore it from git")
                )
            if blobs is None or oid not in blobs:
                data = repo.blob(oid)
                if blobs is not None:
                    blobs[oid] = data
            segments.append((path, data if blobs is None else blobs[oid]))
    return assemble(segments, tail)


def log_paths_to_commit(repo: Repo, root: Path) -> list[str]:
    """The log's files an action's commit holds: the tail, and the segments sealed since HEAD.

    A segment is committed once, in the commit of the action that sealed it (or
    of the next command's, after a kill): never again, whatever the log's size.
    """
    listing = repo.listing(SEGMENTS_FOLDER)
    committed = {name for name, _mode, _oid in listing[1]} if listing is not None else set()
    return [LOG_NAME, *(f"{SEGMENTS_FOLDER}/{name}" for name in _folder_names(root) if name not in committed)]


def log_lengths(repo: Repo) -> list[tuple[str, int]]:
    """``(commit, length of the whole log there)`` along HEAD's first-parent history, oldest first.

    Only the commits that changed the log's files; from object headers (a
    segment's size is read once for the whole history) and, where a commit's
    tail might repeat its last segment, that tail. For display (which commit
    brought an entry): the layout itself is the readers' to check.
    """
    size = segment_entries()
    sizes: dict[str, int] = {}
    folders: dict[str, list[int]] = {}
    found: list[tuple[str, int]] = []
    for commit, ids in repo.history((LOG_NAME, SEGMENTS_FOLDER)):
        tail = ids[LOG_NAME]
        length = repo.size(tail) if tail else 0
        folder = ids[SEGMENTS_FOLDER]
        if folder is not None and folder not in folders:
            listing = repo.listing(SEGMENTS_FOLDER, commit)
            entries = sorted(entry for entry in (listing[1] if listing else []) if entry[1] == _BLOB)
            folders[folder] = [sizes.setdefault(oid, repo.size(oid)) for _name, _mode, oid in entries]
        segments = folders.get(folder, []) if folder is not None else []
        length += sum(segments)
        if tail and segments and length - sum(segments) >= segments[-1]:
            seq = _first_seq(repo.blob(tail))
            if isinstance(seq, int) and 0 <= seq < len(segments) * size and seq % size == 0:
                length -= sum(segments[seq // size :])
        found.append((commit, length))
    return found
