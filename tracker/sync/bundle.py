"""``wgt bundle create`` / ``wgt bundle apply``: the group's history through a file, where there is no connection.

A bundle is one file a delegation carries on a USB stick or attaches to an
e-mail: a tar of a bare git repository holding this copy's ``main``. libgit2
(pygit2) reads and writes repositories but not git's own bundle format, so wgt
carries a repository instead; any git reads it once unpacked
(``tar -xf mx.bundle && git log group.git``).

Taking one in is a sync with the bundle as the remote, sending nothing: every
incoming commit verified (:mod:`tracker.sync.verify`), this copy's own
unpublished actions re-based after the bundle's (:mod:`tracker.sync.rebase`).
A bundle handed out marks this copy's actions up to there as published
(``refs/wgt/published``): they are never re-based afterwards, so a bundle made
from an older copy of the group is refused rather than rewriting what others
already hold.

A bundle is a file from someone else: it is unpacked with Python's ``data``
filter (no links, no devices, no absolute names or ``..``), into a temporary
folder, within bounds on its members and size, and anything else is one clear
error naming the file.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
from pathlib import Path

from tracker.errors import WgtError
from tracker.i18n import _
from tracker.repo import BRANCH
from tracker.storage import StorageError, write_output
from tracker.sync import PUBLISHED, Synced, exchange, open_repo
from tracker.workspace import Workspace

#: The folder inside a bundle, and the name of the temporary remote a bundle is taken in through.
FOLDER = "group.git"
REMOTE = "wgt-bundle"
#: Bounds on what a bundle may hold: a group's whole history is some megabytes and a few thousand objects.
MAX_MEMBERS = 200_000
MAX_BYTES = 4 * 1024**3


class BundleError(WgtError):
    """A file that is not a bundle wgt can take in, or one that cannot be written."""


def create_bundle(ws: Workspace, path: Path) -> int:
    """Write ``path``: this copy's ``main`` and all before it; returns how many commits it holds."""
    import pygit2

    repo = open_repo(ws)
    head = repo.head()
    if head is None:
        raise BundleError(_("{path}: has no actions yet to put in a bundle").format(path=ws.root))
    scratch = Path(tempfile.mkdtemp(prefix="wgt-bundle-"))
    try:
        bare = scratch / FOLDER
        pygit2.init_repository(str(bare), bare=True, initial_head=BRANCH)
        repo.push_to(str(bare))
        packed = scratch / "bundle.tar"
        with tarfile.open(packed, "w") as tar:
            tar.add(bare, arcname=FOLDER)
        try:
            write_output(path, packed.read_bytes())
        except StorageError as exc:
            raise BundleError(str(exc)) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    repo.keep(PUBLISHED, head)
    return len(repo.line_since(None, head) or [])


def apply_bundle(ws: Workspace, path: Path) -> Synced:
    """Take in the bundle at ``path``: its new actions verified, this copy's own re-based after them."""
    repo = open_repo(ws)
    scratch = Path(tempfile.mkdtemp(prefix="wgt-bundle-"))
    try:
        bare = _unpack(path, scratch)
        repo.set_remote(REMOTE, str(bare))
        try:
            return exchange(ws, repo, REMOTE, send=False)
        finally:
            repo.remove_remote(REMOTE)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _unpack(path: Path, scratch: Path) -> Path:
    """The bare repository a bundle holds, unpacked safely under ``scratch``; one clear error otherwise."""

    def refuse(reason: str) -> BundleError:
        return BundleError(
            _("{path}: not a bundle wgt can take in ({reason}); ask for a new one ('wgt bundle create')").format(
                path=path, reason=reason
            )
        )

    try:
        if not os.path.isfile(path) or os.path.islink(path):
            raise refuse(_("not a file"))
        with tarfile.open(path, "r:") as tar:
            members = []
            total = 0
            for member in tar:
                members.append(member)
                total += member.size
                if len(members) > MAX_MEMBERS or total > MAX_BYTES:
                    raise refuse(_("too large"))
                top = member.name.split("/", 1)[0]
                if top != FOLDER or not (member.isfile() or member.isdir()):
                    raise refuse(
                        _("it holds {name}, which is no part of a group's repository").format(name=member.name)
                    )
            tar.extractall(scratch, members=members, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise refuse(str(exc) or type(exc).__name__) from None
    bare = scratch / FOLDER
    if not (bare / "HEAD").is_file():
        raise refuse(_("it holds no git repository"))
    return bare
