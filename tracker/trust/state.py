"""The log as every command reads it: an interrupted action finished first, then replayed and checked.

:mod:`tracker.trust.log` knows how to replay a log's bytes; this module reads a
workspace's: it finishes an action a killed command left in its journal
(:func:`settle`), replays the log (taking what this machine remembers of an
earlier replay, :mod:`tracker.trust.replayed`), checks ``wgt.toml`` against the
signed founding and roster, and checks the log against this machine's memory of
its last entry (:mod:`tracker.trust.witness`).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from tracker.errors import WgtError
from tracker.i18n import _
from tracker.jsonfile import parse_json
from tracker.lock import workspace_lock
from tracker.storage import leftover_temporaries, read_file, recover
from tracker.trust import replayed, rules, witness
from tracker.trust.commits import commit_is_owed, commit_owed
from tracker.trust.log import LOG_NAME, MAX_LOG_BYTES, LogError, LogState, check_next, replay
from tracker.workspace import CONFIG_NAME, Workspace


def read_log(ws: Workspace) -> LogState:
    """The log of ``ws`` replayed and checked (once per workspace object while the file is unchanged).

    Before the first read, and whenever the log changed since, an interrupted
    action is finished first (:func:`~tracker.trust.actions.settle`).
    """
    path = ws.root / LOG_NAME
    cached = ws.cache.get("log")
    if cached is not None and cached[0] == _log_stat(path):
        return cached[1]
    settle(ws)
    info = _log_stat(path)
    data = read_file(path, MAX_LOG_BYTES, LogError)
    remembered = replayed.recall(ws.root, data)
    state = replay(data, str(path), remembered)
    if replayed.worth_remembering(remembered, data):
        replayed.remember(ws.root, data, state)
    check_config(ws, state)
    _check_witness(ws, state)
    if commit_is_owed(ws) and _writable(ws.root):
        # Only now: what is committed is a log every entry of which was just checked.
        with workspace_lock(ws.root):
            commit_owed(ws, state, UNLOGGED)
        info = _log_stat(path)
    ws.cache["log"] = (info, state)
    return state


def _log_stat(path) -> tuple[int, int, int]:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise LogError(
            _(
                "{path}: missing; every workspace has a signed log from the day it was founded. "
                "Restore it from git (a workspace made by an older wgt must be made again with 'wgt init')"
            ).format(path=path)
        ) from None
    except OSError as exc:
        raise LogError(_("{path}: cannot read: {reason}").format(path=path, reason=exc.strerror)) from None
    return _stat_key(info)


def remember_state(ws: Workspace, state: LogState) -> None:
    """After this process appended to the log: ``state`` is the log as it now is (no replay needed)."""
    try:
        info = os.lstat(ws.root / LOG_NAME)
    except OSError:
        ws.cache.pop("log", None)
        return
    ws.cache["log"] = (_stat_key(info), state)
    witness.remember(ws.root, len(state.hashes) - 1, state.head)


def _stat_key(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_ino, info.st_size, info.st_mtime_ns


def _folders(ws: Workspace) -> list[Path]:
    root = ws.root
    found = [root]
    for name in ("drafts", "amendments"):
        try:
            with os.scandir(root / name) as entries:
                found += [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
        except OSError:
            continue
    return found


def settle(ws: Workspace) -> None:
    """Before reading: finish an interrupted action, drop what an unfinished one left, commit what is owed.

    A killed writer leaves either a journal (its action is finished now, once the
    journal checks out) or only temporary files (its action never happened; they
    are removed where the workspace can be written, and ignored where it cannot).
    (In a git workspace, an action written but not committed is committed once the
    log it extends has been replayed and checked: :func:`read_log`.)
    """
    journal = ws.journal
    if os.path.lexists(journal) and not _writable(ws.root):
        raise WgtError(
            _(
                "{path}: an interrupted action waits to be finished, and it cannot be here ({reason}); "
                "run any wgt command where the workspace can be written"
            ).format(path=journal, reason=_("the workspace is on a read-only file system"))
        )
    if not os.path.lexists(journal):
        if leftover_temporaries(_folders(ws)):
            try:
                with workspace_lock(ws.root):
                    _tidy(ws)
            except WgtError:
                pass  # a read-only workspace: its temporaries are invisible to readers anyway
        return
    try:
        lock = workspace_lock(ws.root)
        lock.__enter__()
    except WgtError as exc:
        raise WgtError(
            _(
                "{path}: an interrupted action waits to be finished, and it cannot be here ({reason}); "
                "run any wgt command where the workspace can be written"
            ).format(path=journal, reason=exc)
        ) from None
    try:
        if os.path.lexists(journal):
            state = _replayed_without_settling(ws)
            recover(
                journal, ws.root, LOG_NAME, lambda line, files, appended: _check_journaled(state, line, files, appended)
            )
            ws.cache.pop("log", None)
        _tidy(ws)
    finally:
        lock.__exit__(None, None, None)


def _writable(root: Path) -> bool:
    """Whether files can be written in ``root`` (a read-only mount says so whatever the permissions)."""
    try:
        return not os.statvfs(root).f_flag & os.ST_RDONLY and os.access(root, os.W_OK)
    except OSError:
        return False


def _tidy(ws: Workspace) -> None:
    for path in leftover_temporaries(_folders(ws)):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _replayed_without_settling(ws: Workspace) -> LogState:
    path = ws.root / LOG_NAME
    if not os.path.lexists(path):
        return LogState()  # an interrupted founding: its journal holds the first entry
    data = read_file(path, MAX_LOG_BYTES, LogError)
    # A kill while appending the journal's line leaves its start: the journal completes it (storage.recover).
    return replay(data[: data.rfind(b"\n") + 1], str(path))


#: Files an action may write besides those its log entry records: views kept in step with the log
#: (the roles ``wgt.toml`` states), and the ``.gitignore`` a new group gets.
UNLOGGED = ("wgt.toml", ".gitignore")


def _check_journaled(state: LogState, line: bytes, files: dict[str, str | None], appended: bool) -> None:
    """What a journal may finish: the next entry of the log (or, ``appended``, its last), and only its files."""
    extra = {name for name in files if rules.kind_of(name) is None}
    if not extra <= set(UNLOGGED):
        raise LogError(
            _("it would write {names}, which no log entry records").format(
                names=", ".join(sorted(extra - set(UNLOGGED)))
            )
        )
    logged = {name: value for name, value in files.items() if name not in extra}
    if not appended:
        check_next(state, line, logged)
        return
    # The log already ends with the line (checked when the log was replayed): the journal must be its account.
    try:
        entry = parse_json(line)
        written = {n: rules.state_hash(s) for n, s in entry["files"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        written = None
    if written != logged:
        raise LogError(_("its log entry does not name the files it writes"))


def check_config(ws: Workspace, state: LogState) -> None:
    """``wgt.toml`` must agree with the signed founding and roster: its body, languages and any role it states."""
    path = ws.root / CONFIG_NAME
    config = ws.config
    if config.body != state.body or list(config.languages) != state.languages:
        raise LogError(
            _(
                "{path}: says body {body!r} in {languages}, but the group was founded as {founded!r} in "
                "{founded_languages}; restore wgt.toml from git"
            ).format(
                path=path,
                body=config.body,
                languages=", ".join(config.languages),
                founded=state.body,
                founded_languages=", ".join(state.languages),
            )
        )
    for code, participant in config.participants.items():
        if participant.role and participant.role != state.role(code):
            raise LogError(
                _(
                    "{path}: gives {code} the role {role!r}, but the signed roster says {signed!r}; roles change only "
                    "with 'wgt roles set' by the secretariat — restore wgt.toml from git"
                ).format(path=path, code=code, role=participant.role, signed=state.role(code) or _("none"))
            )


def _check_witness(ws: Workspace, state: LogState) -> None:
    seen = witness.last_seen(ws.root)
    if seen is not None:
        seq, entry = seen
        if seq >= len(state.hashes) or state.hashes[seq] != entry:
            raise LogError(
                _(
                    "{path}: rolled back or rewritten: this machine read entry {seq} ({hash}) here before, and the "
                    "log no longer holds it; restore the newer copy (if you restored an older one on purpose, run "
                    "'wgt verify --forget-witness')"
                ).format(path=ws.root / LOG_NAME, seq=seq, hash=entry[:19])
            )
    witness.remember(ws.root, len(state.hashes) - 1, state.head)
