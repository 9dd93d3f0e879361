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

from pathlib import Path
from types import TracebackType
from typing import Any

from tracker.clock import now
from tracker.errors import WgtError
from tracker.i18n import _
from tracker.jsonfile import parse_json
from tracker.lock import workspace_lock
from tracker.repo import RepoError
from tracker.storage import StorageError, file_hash, write_action
from tracker.trust import rules
from tracker.trust.commits import commit_action
from tracker.trust.keys import fingerprint, key_path, load_private_key
from tracker.trust.log import LOG_NAME, LogError, LogState, check_next
from tracker.trust.logfiles import seal_if_due
from tracker.trust.signing import Signer, canonical
from tracker.trust.state import UNLOGGED, read_log, remember_state
from tracker.workspace import Workspace


def signer_for(state: LogState, code: str) -> Signer:
    """``code``'s private key, refused unless it is a key the roster has approved for ``code``.

    Signing with any other key would write acts that every reader then refuses.
    """
    signer = Signer(code, load_private_key(code))
    if signer.public not in state.active_keys(code):
        if code in state.pending and state.pending[code].key == signer.public:
            raise WgtError(
                _(
                    "{code}'s key {fingerprint} waits for the secretariat's approval ('wgt keys approve {code}', "
                    "after checking the fingerprint with {code})"
                ).format(code=code, fingerprint=fingerprint(signer.public))
            )
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
        #: What the action is on, as people name it (``on op3 (es)``): for the commit message only.
        self.where = ""
        self.state: LogState
        self.signer: Signer
        #: The signed entry and the files' git blobs, when made before the lock (:class:`PreparedAction`).
        self._line: bytes | None = None
        self._blobs: dict[str, str] = {}
        self._names: dict[Path, str] = {}
        self._ready: dict[Path, Path] = {}  # files whose bytes are on disk already (storage.prestage)
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
        line = self._line or entry_line(
            self.state, self.signer, self.by, self.act, self.subject, self.detail, self.ws, self.files
        )
        names = self.names()
        try:
            written = {names[p]: file_hash(d) if d is not None else None for p, d in self.files.items()}
            check_next(self.state, line, written, own=True)
        except LogError as exc:
            raise WgtError(_("refused before writing anything: {reason}").format(reason=exc)) from None
        try:
            files = {**self.files, **self.unlogged}
            write_action(files, journal=self.ws.journal, log=(self.ws.root / LOG_NAME, line), ready=self._ready)
        except StorageError:
            self.ws.cache.pop("log", None)  # the state took in an entry that may not be on disk
            raise
        blobs = self._blobs
        if seal_if_due(self.ws.root):  # every S entries, the tail's oldest become a sealed segment (logfiles)
            blobs = {name: blob for name, blob in blobs.items() if name != LOG_NAME}  # the tail is no longer that
        remember_state(self.ws, self.state)
        commit(self.ws, line, [names[p] for p in {**self.files, **self.unlogged}], self.where, blobs)

    def names(self) -> dict[Path, str]:
        """Every staged path as the log names it (relative to the root), worked out once per set of files."""
        staged = {**self.files, **self.unlogged}
        if len(self._names) != len(staged) or not all(p in self._names for p in staged):
            self._names = {p: self.ws.relative(p) for p in staged}
        return self._names


def commit(ws: Workspace, line: bytes, paths: list[str], where: str = "", blobs: dict[str, str] | None = None) -> None:
    """Make the action just written a git commit (in a workspace that is a repository wgt commits to).

    The action stands once its log line is written; a commit that fails after it
    is made by the next command (:func:`tracker.trust.commits.commit_owed`).
    ``blobs`` (path → git blob id) names files whose blobs were stored beforehand.
    """
    try:
        commit_action(ws, line, paths, where, blobs)
    except RepoError as exc:
        raise RepoError(
            _("the action was done and logged, but not committed to git: {reason}").format(reason=exc)
        ) from None


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
