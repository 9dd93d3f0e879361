"""An action: the files one command writes and the signed log entry that records them, as one.

Every command that changes a workspace does it inside an :class:`Action`::

    with Action(ws, "MX", "propose", subject="MX-3") as action:
        ...                      # read what the decision needs: the lock is held
        action.write(path, data)
    # the entry is signed by MX, checked against the rule table like any entry
    # read later, and written with the files through the redo journal

so that what is written is exactly what the log says, by the participant the
log says, and nothing is written that a reader would refuse.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from types import TracebackType
from typing import Any

from tracker.clock import now
from tracker.errors import WgtError
from tracker.i18n import _
from tracker.jsonfile import parse_json
from tracker.lock import workspace_lock
from tracker.storage import StorageError, file_hash, leftover_temporaries, recover, write_action
from tracker.trust import rules
from tracker.trust.keys import fingerprint, key_path, load_private_key
from tracker.trust.log import LOG_NAME, LogError, LogState, check_next, read_log, remember_state
from tracker.trust.signing import Signer, canonical
from tracker.workspace import Workspace


def signer_for(state: LogState, code: str) -> Signer:
    """``code``'s private key, refused unless it is a key the roster has approved for ``code``.

    Signing with any other key would write acts that every reader then refuses.
    """
    signer = Signer(code, load_private_key(code))
    if signer.public not in state.active_keys(code):
        if not state.keys_of(code):
            raise WgtError(
                _(
                    "{code} has no key approved in this workspace; run 'wgt keys register --as {code}' and ask the "
                    "secretariat to approve it ('wgt keys approve {code}')"
                ).format(code=code)
            )
        raise WgtError(
            _(
                "the private key for {code} on this machine ({path}, {fingerprint}) is not {code}'s approved key in "
                "this workspace; use the approved key, or register this one ('wgt keys register --as {code}') and ask "
                "the secretariat to approve it"
            ).format(code=code, path=key_path(code), fingerprint=fingerprint(signer.public))
        )
    return signer


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
    """Before reading: finish an interrupted action, and drop what an unfinished one left.

    A killed writer leaves either a journal (its action is finished now, once the
    journal checks out) or only temporary files (its action never happened; they
    are removed where the workspace can be written, and ignored where it cannot).
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
    from tracker.storage import read_file
    from tracker.trust.log import MAX_LOG_BYTES, replay

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


class Action:
    """One signed action on a workspace: hold the lock, stage files, commit them with their log entry."""

    def __init__(
        self, ws: Workspace, by: str, act: str, subject: str = "", detail: dict[str, Any] | None = None
    ) -> None:
        self.ws = ws
        self.by = by
        self.act = act
        self.subject = subject
        self.detail = detail or {}
        self.files: dict[Path, bytes | None] = {}
        self.unlogged: dict[Path, bytes] = {}
        self.state: LogState
        self.signer: Signer
        self._lock = workspace_lock(ws.root)

    def __enter__(self) -> Action:
        self._lock.__enter__()
        try:
            self.state = read_log(self.ws)
            self.signer = signer_for(self.state, self.by)
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if kind is None:
                self.commit()
        finally:
            self._lock.__exit__(kind, value, trace)

    def write(self, path: Path, data: bytes) -> None:
        """Stage ``data`` for ``path`` (inside the workspace, never through a link)."""
        self.files[self.ws.inside(path)] = data

    def write_view(self, name: str, data: bytes) -> None:
        """Stage a file the log does not record (one of :data:`UNLOGGED`), written with the action."""
        if name not in UNLOGGED:
            raise ValueError(name)
        self.unlogged[self.ws.inside(self.ws.root / name)] = data

    def commit(self) -> None:
        """Sign the entry, check it as a reader will, and write it with the files (all or nothing)."""
        if not self.files and self.act not in ("keys.request",):
            return
        line = entry_line(self.state, self.signer, self.by, self.act, self.subject, self.detail, self.ws, self.files)
        try:
            written = {self.ws.relative(p): file_hash(d) if d is not None else None for p, d in self.files.items()}
            check_next(self.state, line, written, own=True)
        except LogError as exc:
            raise WgtError(_("refused before writing anything: {reason}").format(reason=exc)) from None
        try:
            write_action({**self.files, **self.unlogged}, journal=self.ws.journal, log=(self.ws.root / LOG_NAME, line))
        except StorageError:
            self.ws.cache.pop("log", None)  # the state took in an entry that may not be on disk
            raise
        remember_state(self.ws, self.state)


def entry_line(
    state: LogState,
    signer: Signer,
    by: str,
    act: str,
    subject: str,
    detail: dict[str, Any],
    ws: Workspace,
    files: dict[Path, bytes | None],
) -> bytes:
    """The signed, canonical log line of an action writing ``files``."""
    described: dict[str, Any] = {}
    for path, data in files.items():
        name = ws.relative(path)
        if data is None:
            described[name] = None
            continue
        found = rules.kind_of(name)
        kind = found[0] if found else ""
        value = parse_json(data) if kind in rules.CHAINED else None
        described[name] = rules.describe(kind, value, file_hash(data))
    entry: dict[str, Any] = {
        "seq": len(state.hashes),
        "prev": state.head,
        "at": now(),
        "by": by,
        "act": act,
        "subject": subject,
        "files": described,
        "detail": detail,
    }
    if state.group:
        entry["group"] = state.group
    entry["signature"] = signer.sign_bytes(canonical(entry))
    return canonical(entry)
