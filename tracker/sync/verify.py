"""Incoming commits verified, never trusted: each one an action the rule table lets its signer take.

Another site's commits are checked one by one before any of them enters the
local branch (:func:`verify_incoming`). Each must

* touch only plain files inside the workspace: no link, no submodule, no name
  that is ``..``, ``.``, empty, or ``.git`` (in any case), nothing under ``.git``;
* extend the log (its sealed segments ``log/NNNNNN.jsonl`` and tail ``log.jsonl``,
  :mod:`tracker.trust.logfiles`, read whole) by one or more lines, never change
  or delete a sealed segment (a new one only seals lines the log holds, in the
  layout every reader checks), and change exactly the files those lines name (plus the views ``wgt.toml`` and ``.gitignore`` where a founding or
  a role change rewrites them);
* have every new line accepted by :func:`tracker.trust.log.check_next` on the log
  as it stands before it: its signature, its place in the hash chain, and the
  rule table (:mod:`tracker.trust.rules`, the one table of who may write what) —
  so a delegation's commit touching another delegation's record, a status
  forged into a record, an issued revision edited, or a roster entry added by
  a delegation is refused by the same rules that refuse it locally;
* hold records whose own signatures verify (read as :class:`AmendmentStore`
  reads records, from the commit's bytes).

The first commit that fails is refused with its id, its author (as the commit
names it), the file and the rule; the caller merges nothing. Cost: the commits'
changed trees and the new lines, not the whole history (the log before them is
replayed from this machine's memory of it, :mod:`tracker.trust.replayed`).
"""

from __future__ import annotations

from pathlib import Path

from tracker.amendments.store import AmendmentStore
from tracker.errors import WgtError
from tracker.i18n import _
from tracker.repo import Change, Repo
from tracker.storage import file_hash
from tracker.trust import replayed, rules
from tracker.trust.log import LOG_NAME, LogError, LogState, check_next, replay
from tracker.trust.logfiles import LogBytes, LogFileError, is_log_path, log_bytes_at
from tracker.trust.rules import Version
from tracker.trust.state import UNLOGGED, check_config
from tracker.workspace import CONFIG_NAME, Workspace, parse_config

#: The acts whose action may also rewrite the views (``wgt.toml``, ``.gitignore``).
_VIEW_ACTS = ("found", "roles.set")


class RefusedCommit(WgtError):
    """An incoming commit that breaks a rule: nothing of it (or after it) is merged."""

    def __init__(self, commit: str, author: str, path: str, rule: str) -> None:
        self.commit, self.author, self.path, self.rule = commit, author, path, rule
        super().__init__(
            _("commit {commit} by {author} refused: {path}: {rule}; nothing of it was merged").format(
                commit=commit[:12], author=author, path=path, rule=rule
            )
        )


def verify_incoming(ws: Workspace, repo: Repo, base: str | None, commits: list[str]) -> LogState:
    """Check ``commits`` (oldest first, each the child of the one before; the first a child of ``base``).

    Returns the log state after them; raises :class:`RefusedCommit` at the first that may not enter.
    """
    blobs: dict[str, bytes] = {}
    before = _log_at(repo, base, blobs, lambda path, rule: RefusedCommit(base or "-", "-", path, rule))
    log, sealed = before.data, set(before.segments)
    state = _replayed(ws, log) if log else LogState()
    for commit in commits:
        author = repo.author(commit)

        def refuse(path: str, rule: str, commit: str = commit, author: str = author) -> RefusedCommit:
            return RefusedCommit(commit, author, path, rule)

        parents = repo.parents(commit)
        if len(parents) > 1:
            raise refuse("-", _("it is a merge; a group's history is one line of actions"))
        changes = repo.changes(commit)
        for change in changes:
            problem = _path_problem(change)
            if problem:
                raise refuse(change.path, problem)
            if change.path in sealed:
                if change.blob is None:
                    raise refuse(
                        change.path, _("it deletes a sealed segment of the log; sealed segments stay for good")
                    )
                raise refuse(change.path, _("it changes a sealed segment of the log; sealed segments never change"))
        now = _log_at(repo, commit, blobs, refuse)
        after = now.data
        if not after.startswith(log) or after == log:
            first = next((c.path for c in changes), LOG_NAME)
            if after == log:
                raise refuse(first, _("it adds no entry to the signed log, so no action accounts for it"))
            raise refuse(LOG_NAME, _("it rewrites entries the log already holds (the log only grows)"))
        lines = after[len(log) :].split(b"\n")[:-1] if after.endswith(b"\n") else None
        if not lines:
            raise refuse(LOG_NAME, _("its last log line is incomplete"))
        files = {c.path: (file_hash(repo.blob(c.blob)) if c.blob else None) for c in changes}
        files = {path: value for path, value in files.items() if not is_log_path(path)}
        views = [name for name in UNLOGGED if name in files]
        for name in views:
            files.pop(name)
        _replay_lines(state, lines, files, refuse)
        if views and not any(_act(line) in _VIEW_ACTS for line in lines):
            raise refuse(views[0], _("only a founding or a role change rewrites it"))
        if CONFIG_NAME in views:
            _check_config(ws, state, repo.read(CONFIG_NAME, commit), refuse)
        _check_records(ws, repo, state, changes, refuse)
        log, sealed = after, set(now.segments)
    return state


def _log_at(repo: Repo, commit: str | None, blobs: dict[str, bytes], refuse) -> LogBytes:
    """The whole log at ``commit``; a layout readers would refuse (a gap, a short segment …) refused with its file."""
    try:
        return log_bytes_at(repo, commit, blobs)
    except LogFileError as exc:
        raise refuse(exc.path, exc.reason) from None


def _check_config(ws: Workspace, state: LogState, data: bytes | None, refuse) -> None:
    """The ``wgt.toml`` a commit brings must agree with the signed founding and roster (as every command checks)."""
    if data is None:
        raise refuse(CONFIG_NAME, _("it deletes the workspace's configuration"))
    try:
        config = parse_config(data.decode("utf-8"), Path(CONFIG_NAME))
        check_config(Workspace(ws.root, config), state)
    except (WgtError, UnicodeDecodeError) as exc:
        raise refuse(CONFIG_NAME, str(exc)) from None


def _replayed(ws: Workspace, log: bytes) -> LogState:
    """The log at the base commit, replayed (from this machine's memory of its prefix when it has one)."""
    remembered = replayed.recall(ws.root, log)
    return replay(log, LOG_NAME, remembered)


def _path_problem(change: Change) -> str | None:
    """Why a changed entry may not enter a workspace (None when it may)."""
    for part in change.parts:
        if part in ("", ".", "..") or "/" in part or "\\" in part or "\0" in part:
            return _("its name leads outside the workspace")
        if part.lower() == ".git":
            return _("it writes into git's own folder")
    if change.blob is None:
        return None
    if change.mode == 0o120000:
        return _("it is a symbolic link; a workspace holds only files")
    if not change.is_file:
        return _("it is not a plain file (a submodule or an executable)")
    return None


def _act(line: bytes) -> str:
    from tracker.jsonfile import parse_json

    try:
        return str(parse_json(line).get("act", ""))
    except (ValueError, AttributeError):
        return ""


def _replay_lines(state: LogState, lines: list[bytes], files: dict[str, str | None], refuse) -> None:
    """Each line through :func:`check_next`, against the files the commit leaves (a path two of its
    lines write: the earlier line's own account of it, the later one's checked against the commit)."""
    from tracker.jsonfile import parse_json

    named: list[set[str]] = []
    for line in lines:
        try:
            named.append(set(parse_json(line)["files"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            named.append(set())
    everything = set().union(*named)
    stray = sorted(set(files) - everything)
    if stray:
        raise refuse(stray[0], _("no entry of the signed log names it"))
    for index, line in enumerate(lines):
        later = set().union(*named[index + 1 :]) if index + 1 < len(lines) else set()
        claimed = _claimed(line)
        expected = {path: (claimed.get(path) if path in later else files.get(path)) for path in named[index]}
        try:
            check_next(state, line, expected)
        except LogError as exc:
            path = sorted(named[index])[0] if named[index] else LOG_NAME
            raise refuse(path, str(exc)) from None


def _claimed(line: bytes) -> dict[str, str | None]:
    from tracker.jsonfile import parse_json

    try:
        return {path: rules.state_hash(value) for path, value in parse_json(line)["files"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


class _IncomingRecords(AmendmentStore):
    """Records read as the store reads them, from a commit's bytes and the log as it is after it."""

    def __init__(self, ws: Workspace, state: LogState, blobs: dict[str, bytes]) -> None:
        super().__init__(ws)
        self._state, self._blobs = state, blobs

    @property
    def state(self) -> LogState:
        return self._state

    def _read(self, path: Path, version: Version) -> bytes:
        return self._blobs[self.ws.relative(path)]


def _check_records(ws: Workspace, repo: Repo, state: LogState, changes: list[Change], refuse) -> None:
    blobs = {
        c.path: repo.blob(c.blob)
        for c in changes
        if c.blob is not None and (kind := rules.kind_of(c.path)) is not None and kind[0] == "record"
    }
    if not blobs:
        return
    store = _IncomingRecords(ws, state, blobs)
    for name in sorted(blobs):
        try:
            store.load(ws.root / name)
        except WgtError as exc:
            raise refuse(name, str(exc)) from None
