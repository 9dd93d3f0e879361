"""``wgt sync``: the workspace and the group's remote brought to the same commit, every incoming one verified.

Histories are one line of actions (:mod:`tracker.trust.commits`). A sync fetches
the remote's ``main`` and then:

* the remote has nothing new: the local actions are pushed;
* only the remote has new actions: each is verified (:mod:`tracker.sync.verify`)
  and the local ``main`` moves to it (a fast-forward); a refused commit leaves
  the workspace exactly as it was;
* both have new actions: the remote's are verified and taken, and this copy's
  own are done again after them (:mod:`tracker.sync.rebase`: ids renumbered
  past the group's, decisions that commute applied, those that do not said);
* the remote's history was rewritten (force-pushed) since the last sync: refused.

The remote is git's own (``git remote``); credentials are git's (ssh-agent,
credential helpers), never stored by wgt.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from tracker.errors import WgtError
from tracker.i18n import _
from tracker.lock import workspace_lock
from tracker.repo import BRANCH, Repo, RepoError, is_marked
from tracker.trust import witness
from tracker.trust.log import Request
from tracker.trust.state import read_log
from tracker.workspace import Workspace

DEFAULT_REMOTE = "origin"


def _verify(ws: Workspace, repo: Repo, base: str | None, commits: list[str], remote: str, before: str | None):
    """:func:`~tracker.sync.verify.verify_incoming`, the remote-tracking branch put back if a commit is refused.

    Imported here, not above: a sync with nothing new (the common case) never reads a record, and reading
    records brings in the signature machinery, most of such a command's time.
    """
    from tracker.sync.verify import RefusedCommit, verify_incoming

    try:
        return verify_incoming(ws, repo, base, commits)
    except RefusedCommit:
        repo.set_tracking(remote, before)
        raise


#: The last commit this copy handed out in a bundle: its actions up to there are the group's, never re-based.
PUBLISHED = "published"


class SyncError(WgtError):
    """The workspace cannot be synced as things are (no repository, no remote, diverged, rewritten)."""


@dataclass(frozen=True)
class Synced:
    """What a sync did: commits received from the remote, commits sent to it, and where both now are.

    ``renamed``: this copy's records renumbered past the group's ids (old → new); ``not_applied``: this
    copy's actions that did not commute with the group's, each said (see :mod:`tracker.sync.rebase`).
    """

    received: int
    sent: int
    head: str | None
    renamed: dict[str, str] = field(default_factory=dict)
    not_applied: list[str] = field(default_factory=list)


def open_repo(ws: Workspace) -> Repo:
    """The workspace's repository, or a clear error for a plain folder."""
    if not is_marked(ws.root):
        raise SyncError(
            _(
                "{path}: not a workspace wgt keeps in git (made with 'wgt init --no-git', or copied without its "
                ".git folder); found the group with 'wgt init', or take a copy of it with 'git clone'"
            ).format(path=ws.root)
        )
    return Repo(ws.root)


def add_remote(ws: Workspace, url: str, name: str = DEFAULT_REMOTE) -> None:
    """Make ``url`` the group's remote (``wgt init --remote``)."""
    open_repo(ws).set_remote(name, url)


def sync(ws: Workspace, remote: str = DEFAULT_REMOTE) -> Synced:
    """Fetch, verify every incoming commit, fast-forward, push (see the module's docstring)."""
    repo = open_repo(ws)
    if repo.remote_url(remote) is None:
        raise SyncError(
            _(
                "this workspace has no remote {name!r}; add the group's repository with "
                "'git remote add {name} URL' (a bare repository path, ssh or https)"
            ).format(name=remote)
        )
    return exchange(ws, repo, remote)


def exchange(ws: Workspace, repo: Repo, remote: str, send: bool = True) -> Synced:
    """Under the workspace's lock: take in ``remote``'s new actions (verified) and, if ``send``, send ours."""
    with workspace_lock(ws.root):
        read_log(ws)  # an action a killed command left owed is committed first
        if repo.branch() != BRANCH:
            raise SyncError(
                _("{path}: is not on branch {branch}; 'git switch {branch}' first").format(path=ws.root, branch=BRANCH)
            )
        received, renamed, not_applied = 0, {}, []
        for _attempt in range(PUSH_ATTEMPTS):
            try:
                done = _round(ws, repo, remote, send)
            except _Outpaced as outpaced:  # another site pushed first: take its actions too, and again
                received += outpaced.done.received
                renamed.update(outpaced.done.renamed)
                not_applied += outpaced.done.not_applied
                continue
            renamed.update(done.renamed)
            return Synced(received + done.received, done.sent, done.head, renamed, not_applied + done.not_applied)
        raise SyncError(
            _(
                "{remote} took in other sites' actions {n} times while this copy was sending its own; what arrived "
                "is here, verified: run 'wgt sync' again"
            ).format(remote=remote, n=PUSH_ATTEMPTS)
        )


#: How often a sync that lost the race to push (another site pushed in between) starts again.
PUSH_ATTEMPTS = 5


class _Outpaced(Exception):
    """The remote moved between this round's fetch and its push: what the round did, to add up."""

    def __init__(self, done: Synced) -> None:
        self.done = done


def _push(repo: Repo, remote: str, based_on: str | None, done: Synced, send: bool = True) -> Synced:
    """Send main; when the remote moved meanwhile (a refused push), the round starts again."""
    if not send:  # a bundle taken in: what this copy has goes out in a bundle of its own
        return replace(done, sent=0)
    try:
        repo.push(remote)
    except RepoError:
        if repo.fetch(remote) != based_on:
            raise _Outpaced(done) from None
        raise
    return done


def _round(ws: Workspace, repo: Repo, remote: str, send: bool = True) -> Synced:
    """One fetch, verify, merge and push (see the module's docstring); ``send``: False for a bundle taken in."""
    before = repo.tracking(remote)
    theirs = repo.fetch(remote)
    ours = repo.head()
    if before is not None and theirs is not None and repo.line_since(before, theirs) is None:
        repo.set_tracking(remote, before)  # so that the next sync sees the rewrite too
        raise SyncError(
            _(
                "the remote's history was rewritten since the last sync (its main no longer holds {commit}); "
                "nothing was merged: ask the secretariat which copy is the group's"
            ).format(commit=before[:12])
        )
    if theirs is None or theirs == ours:
        if theirs is None and ours is not None:
            return _push(repo, remote, theirs, Synced(0, len(repo.line_since(None, ours) or []), ours), send)
        return Synced(0, 0, ours)
    incoming = repo.line_since(ours, theirs)
    if incoming is not None:
        _verify(ws, repo, ours, incoming, remote, before)
        repo.fast_forward(theirs)
        ws.cache.pop("log", None)
        read_log(ws)
        return Synced(len(incoming), 0, theirs)
    outgoing = repo.line_since(theirs, ours) if ours is not None else None
    if outgoing is not None:
        return _push(repo, remote, theirs, Synced(0, len(outgoing), ours), send)
    return _meet(ws, repo, remote, before, ours, theirs, send)


def _meet(
    ws: Workspace, repo: Repo, remote: str, before: str | None, ours: str, theirs: str, send: bool = True
) -> Synced:
    """Both moved: the group's actions verified and taken, this copy's own done again after them, sent."""
    from tracker.sync.rebase import KEPT, check_signers, own_actions, replay

    base = repo.merge_base(ours, theirs)
    if base is None:
        raise SyncError(
            _("this copy and {remote} share no history: they are not copies of one group").format(remote=remote)
        )
    published = repo.kept(PUBLISHED)
    if published is not None and repo.merge_base(published, base) != published:
        raise SyncError(
            _(
                "this copy already sent actions (in a bundle) that {remote} does not hold: it was made from an "
                "older copy of the group; take in a newer one"
            ).format(remote=remote)
        )
    incoming = repo.line_since(base, theirs) or []
    group = _verify(ws, repo, base, incoming, remote, before)
    mine = own_actions(repo, base, ours)
    own = read_log(ws)
    signers = check_signers(ws, own, mine)
    repo.keep(KEPT, ours)
    repo.reset_to(theirs)
    # This machine saw its own entries where the group's now stand: it is told, or it would take the
    # re-based log for one rolled back (tracker.trust.witness).
    witness.remember(ws.root, len(group.hashes) - 1, group.head)
    ws.cache.pop("log", None)
    try:
        done = replay(ws, mine, signers)
    except BaseException:
        repo.reset_to(ours)  # this copy exactly as it was; the group's actions are taken next time
        witness.remember(ws.root, len(own.hashes) - 1, own.head)
        ws.cache.pop("log", None)
        raise
    ws.cache.pop("log", None)
    read_log(ws)
    head = repo.head()
    synced = Synced(len(incoming), done.applied, head, done.renamed, done.not_applied)
    return _push(repo, remote, theirs, synced, send) if head != theirs else synced


def join(url: str, folder: Path, code: str) -> tuple[Workspace, Request | None, Path | None]:
    """A new copy of the group at ``folder`` from ``url``, every commit verified, and ``code``'s key request.

    Returns the workspace, the key request filed (None when ``code``'s key is
    already approved there) and the path of a private key made for ``code``.
    The request is a local commit: ``wgt sync`` sends it to the secretariat.
    """
    from tracker.trust.governance import request_key
    from tracker.trust.keys import has_key, load_private_key, public_text
    from tracker.workspace import Config, participant_code

    code = participant_code(code)
    if os.path.lexists(folder) and (not folder.is_dir() or any(folder.iterdir())):
        raise SyncError(_("{path}: exists and is not an empty folder; choose a new one").format(path=folder))
    repo = Repo.create(folder)
    repo.set_remote(DEFAULT_REMOTE, url)
    try:
        tip = repo.fetch(DEFAULT_REMOTE)
        if tip is None:
            raise SyncError(
                _("{url}: the group's repository is empty; the secretariat founds the group first").format(url=url)
            )
        staging = Workspace(folder, Config("", []))
        _verify(staging, repo, None, repo.line_since(None, tip) or [], DEFAULT_REMOTE, None)
        repo.fast_forward(tip)
        ws = Workspace.open(folder)
        state = read_log(ws)
    except WgtError:
        shutil.rmtree(folder, ignore_errors=True)  # nothing of a refused group stays on this machine
        raise
    if has_key(code) and public_text(load_private_key(code)) in state.active_keys(code):
        return ws, None, None
    request, made = request_key(ws, code)
    return ws, request, made


__all__ = [
    "RepoError",
    "SyncError",
    "Synced",
    "add_remote",
    "exchange",
    "join",
    "open_repo",
    "sync",
]
