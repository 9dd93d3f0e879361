"""An action prepared without the workspace lock, committed under it only if the log is still the one it read.

An :class:`~tracker.trust.actions.Action` holds the lock from its first read to
its last write. For ``rev issue`` on a large draft that is the whole command —
reading and checking every record of the document, consolidating and
validating each language version, re-signing thousands of records: tens of
seconds, during which every other writer waits and, past ``WGT_LOCK_TIMEOUT``,
fails. A :class:`PreparedAction` does all of that without the lock, then takes
the lock only to check that nothing happened meanwhile and to write::

    with PreparedAction(ws, "SEC", "issue") as action:
        ...                      # read and stage: no lock held, the log pinned
        action.write(path, data)
    # prepared: the entry signed and the git blobs stored, still without the lock;
    # then, under the lock: the log must be exactly the one read, else LogMoved

Why that is exact. Everything read while preparing is checked against one
snapshot of the signed log (:func:`~tracker.trust.state.pinned_log`): a record,
a mark or a draft is read only as the bytes that snapshot records, so a read
that caught another writer half-way fails instead of passing. Every change to a
workspace is an entry of that log (a proposal, a withdrawal, a mark, a key
revoked), so a log that under the lock still has the snapshot's last entry and
length is a workspace in the very state the action was prepared against; any
other log raises :class:`LogMoved` before anything is written, and the caller
prepares again against the new state (:func:`prepare_until_still`, bounded).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from tracker.errors import WgtError
from tracker.i18n import _
from tracker.lock import shared_lock, workspace_lock
from tracker.repo import RepoError, is_marked
from tracker.staging import drop_held, hold_replaced, prestage
from tracker.storage import StorageError, read_file
from tracker.trust.actions import Action, entry_line, signer_for
from tracker.trust.log import LOG_NAME, MAX_LOG_BYTES
from tracker.trust.logfiles import log_key
from tracker.trust.state import pinned_log, read_log
from tracker.workspace import Workspace

#: Called with each prepared action before its lock is taken: where a test puts a concurrent writer.
BEFORE_LOCK: list[Callable[[PreparedAction], None]] = []
#: The folder of ``.git`` where the files a prepared action replaces wait to be freed (:func:`hold_replaced`).
HELD_NAME = "wgt-replaced"
#: How many times a preparation is made before giving up on a workspace that keeps changing under it.
ATTEMPTS = 3

T = TypeVar("T")


class LogMoved(WgtError):
    """Another action was written between an action's preparation and its commit: nothing was written."""


class PreparedAction(Action):
    """An :class:`Action` read and staged without the lock; under the lock, only a check and the writes."""

    #: Whether the lock was taken to commit (from then on an error is not a concurrent writer's).
    locked = False

    def __enter__(self) -> PreparedAction:
        self.state = read_log(self.ws)
        self.signer = signer_for(self.state, self.by)
        self._head, self._length = self.state.head, len(self.state.hashes)
        self._log_key: tuple[int, ...] | None = None
        self._pin = pinned_log(self.ws, self.state)
        self._pin.__enter__()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._pin.__exit__(None, None, None)
        if kind is not None:
            return
        held = self._held_folder()
        try:
            self._prepare_commit(held)
            for hook in list(BEFORE_LOCK):
                hook(self)
            self.locked = True
            with workspace_lock(self.ws.root):
                current = read_log(self.ws)
                if current.head != self._head or len(current.hashes) != self._length:
                    raise LogMoved(
                        _("the workspace changed while {act} was prepared (log entry {seq} was added)").format(
                            act=self.act, seq=self._length
                        )
                    )
                self.state = current  # the same log (same last entry, same length): the one read_log keeps
                if log_key(self.ws.root) != self._log_key:
                    self._blobs.pop(LOG_NAME, None)  # not the bytes its blob was made from: git reads the file
                self.commit()
        finally:
            if held is not None:
                drop_held(held)  # the old versions of the files replaced, freed now that the lock is released

    def _prepare_commit(self, held: Path | None) -> None:
        """Sign the entry, store the git blobs, hold the files to replace: the lock covers the check and the writes.

        The entry is valid under the lock exactly when the log is unchanged (it names
        the snapshot's last entry); the blobs are content-addressed objects, harmless
        if the action never commits (the log's is its bytes now with the entry
        appended, used only if the log is still those bytes); the second names of the
        files to be replaced only move the cost of freeing them (:func:`hold_replaced`).
        """
        if not self.files:
            return
        self._line = entry_line(
            self.state, self.signer, self.by, self.act, self.subject, self.detail, self.ws, self.files
        )
        names = self.names()
        if held is not None:
            hold_replaced([p for p, d in self.files.items() if d is not None], held)
            self._ready = prestage({p: d for p, d in {**self.files, **self.unlogged}.items() if d is not None}, held)
        if not is_marked(self.ws.root):
            return
        from tracker.repo import Repo

        written = {names[p]: d for p, d in {**self.files, **self.unlogged}.items() if d is not None}
        self._log_key = log_key(self.ws.root)
        try:
            log = read_file(self.ws.root / LOG_NAME, MAX_LOG_BYTES)
            if log_key(self.ws.root) == self._log_key and log.endswith(b"\n"):
                written[LOG_NAME] = log + self._line + b"\n"
            self._blobs = Repo(self.ws.root).store_blobs(written)
        except (RepoError, StorageError):
            self._blobs = {}  # the commit itself reads the files, and says what is wrong

    def _held_folder(self) -> Path | None:
        """Where the old versions of the replaced files wait to be freed: inside ``.git`` (never seen by git status).

        Only a workspace wgt commits to has one; a folder a killed process left there is removed first.
        """
        if not is_marked(self.ws.root):
            return None
        base = self.ws.root / ".git" / HELD_NAME
        with contextlib.suppress(OSError):
            for entry in os.scandir(base):
                if entry.name.isdigit() and not _alive(int(entry.name)):
                    drop_held(Path(entry.path))
        return base / str(os.getpid())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def prepare_and_commit(
    ws: Workspace, by: str, act: str, prepare: Callable[[PreparedAction], T], subject: str = ""
) -> T:
    """``prepare(action)`` in a :class:`PreparedAction`, committed; prepared again if the workspace changed meanwhile.

    A concurrent writer shows in two ways: :class:`LogMoved` (an action was written
    before the lock was taken), or an error from a read that caught a writer
    half-way (a record that is not the bytes its log entry names). The second is
    told from a real problem by the log itself, read under the shared lock (no
    writer half-way then): if it is no longer the log the preparation started from,
    the workspace changed and the action is prepared again; if it is the same, the
    error is the workspace's own and is raised. Errors once the lock is held for
    writing are never retried (the action may stand). At most :data:`ATTEMPTS`
    preparations, so that a workspace that never stops changing gets a clear refusal.
    """
    for attempt in range(1, ATTEMPTS + 1):
        before = log_key(ws.root)
        action = PreparedAction(ws, by, act, subject)
        try:
            with action:
                result = prepare(action)
            return result
        except LogMoved:
            if attempt == ATTEMPTS:
                raise LogMoved(
                    _(
                        "the workspace changed {count} times while this was being prepared (other participants "
                        "were writing); nothing was written — run the command again"
                    ).format(count=ATTEMPTS)
                ) from None
        except WgtError:
            if action.locked or attempt == ATTEMPTS:
                raise
            with shared_lock(ws.root):
                moved = log_key(ws.root) != before
            if not moved:
                raise
    raise AssertionError("unreachable")  # the loop returns or raises
