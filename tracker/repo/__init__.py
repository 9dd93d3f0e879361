"""The workspace as a git repository: the small interface the rest of wgt uses, over pygit2 (libgit2).

This package knows git and nothing of drafts, records or the log: it commits
named paths with a message and an author, reads what a commit holds, and moves
branches. What an action is, and what may enter a workspace, is the trust
layer's (:mod:`tracker.trust.commits`, :mod:`tracker.sync`).

A workspace is committed to only when ``wgt init`` or ``wgt join`` made it so:
they leave the mark file ``.git/wgt-state`` (which also remembers how far the
log was committed, so that a command learns that nothing is owed from one
``lstat``, without loading libgit2). A folder without it, or any other git
repository a workspace happens to sit in, is written exactly as before.

pygit2 is imported only when a commit is to be made or read: loading libgit2
costs a command some 50 ms, which reading a workspace need not pay.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.errors import WgtError
from tracker.i18n import _

#: The mark of a repository wgt commits to, inside ``.git`` (never committed, never cloned).
MARK_NAME = "wgt-state"
#: The branch every site's copy follows.
BRANCH = "main"


class RepoError(WgtError):
    """The workspace's git repository cannot be read or written (damaged, missing, not a repository)."""


@dataclass(frozen=True)
class Person:
    """Who a commit names as its author and committer (a participant: code and name)."""

    name: str
    email: str


@dataclass(frozen=True)
class Change:
    """One entry a commit adds, changes or (``blob`` None) removes: its name parts as stored, and its mode."""

    parts: tuple[str, ...]
    mode: int
    blob: str | None

    @property
    def path(self) -> str:
        return "/".join(self.parts)

    @property
    def is_file(self) -> bool:
        """A regular file (not a link, a submodule, an executable)."""
        return self.mode == 0o100644


def git_dir(root: Path) -> Path:
    return root / ".git"


def is_marked(root: Path) -> bool:
    """Whether ``root`` is a workspace wgt commits to (``.git`` a real folder holding the mark)."""
    try:
        return stat.S_ISDIR(os.lstat(git_dir(root)).st_mode) and stat.S_ISREG(
            os.lstat(git_dir(root) / MARK_NAME).st_mode
        )
    except OSError:
        return False


def read_mark(root: Path) -> str:
    """What the mark remembers (the caller's text: how far the log was committed)."""
    try:
        return (git_dir(root) / MARK_NAME).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def write_mark(root: Path, text: str) -> None:
    """Remember ``text`` in the mark (written whole: a temporary file and a rename)."""
    path = git_dir(root) / MARK_NAME
    tmp = path.with_name(f".{MARK_NAME}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, "utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise RepoError(_("{path}: cannot write: {reason}").format(path=path, reason=exc.strerror or exc)) from None


def git_time(at: str) -> int:
    """Seconds since the epoch of a log time (``2026-12-01T10:01:45Z``): a commit's time is its entry's."""
    return int(datetime.fromisoformat(at.replace("Z", "+00:00")).timestamp())


def _pygit2() -> Any:
    import pygit2

    return pygit2


def _problem(where: Path, exc: Exception) -> RepoError:
    return RepoError(
        _(
            "{path}: the workspace's git repository cannot be used ({reason}); repair it ('git fsck'), "
            "or restore the folder from another copy of the group"
        ).format(path=where, reason=str(exc).strip() or type(exc).__name__)
    )


def _callbacks() -> Any:
    """git's own credentials, never wgt's: an ssh key from the running ssh-agent (libgit2 asks only when needed)."""
    pygit2 = _pygit2()

    class Callbacks(pygit2.RemoteCallbacks):
        def credentials(self, url: str, username_from_url: str | None, allowed_types: Any) -> Any:
            if allowed_types & pygit2.enums.CredentialType.SSH_KEY:
                return pygit2.KeypairFromAgent(username_from_url or "git")
            return None

    return Callbacks()


def _unreachable(url: str, exc: Exception) -> RepoError:
    return RepoError(
        _(
            "{url}: cannot reach the group's repository there ({reason}); check the address "
            "('git remote -v'), the connection and your access to it"
        ).format(url=url, reason=str(exc).strip() or type(exc).__name__)
    )


#: Above libgit2's own backends (loose 1, packed 2): :meth:`Repo._write_fast`'s takes the writes.
_FAST_PRIORITY = 10


class Repo:
    """A workspace's git repository (its work tree is the workspace folder)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._fast = False  # whether writes go through _write_fast's backend yet
        pygit2 = _pygit2()
        try:
            self.git = pygit2.Repository(str(root), pygit2.enums.RepositoryOpenFlag.NO_SEARCH)
        except (pygit2.GitError, KeyError, ValueError, OSError) as exc:
            raise _problem(git_dir(root), exc) from None
        if self.git.is_bare or Path(self.git.workdir or "").resolve() != root.resolve():
            raise _problem(git_dir(root), ValueError(_("its work tree is not this folder")))

    @classmethod
    def create(cls, root: Path, mark: str = "") -> Repo:
        """Make ``root`` a repository on branch ``main`` (an existing one is kept) that wgt commits to."""
        pygit2 = _pygit2()
        try:
            pygit2.init_repository(str(root), initial_head=BRANCH)
        except (pygit2.GitError, OSError) as exc:
            raise _problem(git_dir(root), exc) from None
        write_mark(root, mark)
        return cls(root)

    # -- reading ------------------------------------------------------------------
    def head(self) -> str | None:
        """The commit id the current branch points at (None before the first commit)."""
        try:
            return None if self.git.head_is_unborn else str(self.git.head.target)
        except self._errors() as exc:
            raise _problem(git_dir(self.root), exc) from None

    def read(self, path: str, commit: str | None = None) -> bytes | None:
        """The bytes ``path`` has in ``commit`` (default: HEAD); None where it has none (or is not a file)."""
        try:
            target = commit or self.head()
            if target is None:
                return None
            tree = self.git[target].peel(_pygit2().Tree)
            entry = tree[path]
            if entry.filemode not in (_pygit2().enums.FileMode.BLOB, _pygit2().enums.FileMode.BLOB_EXECUTABLE):
                return None
            return self.git[entry.id].data
        except KeyError:
            return None
        except self._errors() as exc:
            raise _problem(git_dir(self.root), exc) from None

    def sizes(self, path: str, commit: str | None = None) -> list[tuple[str, int]]:
        """``(commit, size of path)`` along the first-parent history from ``commit`` (default HEAD), oldest first.

        Only the commits that changed ``path``; sizes are read from object headers,
        never by inflating the file (a log of megabytes, thousands of commits).
        """
        pygit2 = _pygit2()
        found: list[tuple[str, int]] = []
        try:
            start = commit or self.head()
            if start is None:
                return []
            current = self.git[start].peel(pygit2.Commit)
            while current is not None:
                try:
                    blob = current.tree[path].id
                except KeyError:
                    blob = None
                parent = current.parents[0] if current.parents else None
                try:
                    before = parent.tree[path].id if parent is not None else None
                except KeyError:
                    before = None
                if blob is not None and blob != before:
                    found.append((str(current.id), self.git.odb.read_header(blob)[1]))
                current = parent
        except self._errors() as exc:
            raise _problem(git_dir(self.root), exc) from None
        return found[::-1]

    def blob(self, oid: str) -> bytes:
        """The bytes of the blob ``oid``."""
        try:
            return self.git[oid].data
        except (KeyError, *self._errors()) as exc:
            raise _problem(git_dir(self.root), exc) from None

    def author(self, commit: str) -> str:
        """``Name <address>`` of a commit's author (as the commit says: never proof of anything)."""
        author = self.git[commit].author
        return f"{author.name} <{author.email}>"

    def line_since(self, base: str | None, tip: str) -> list[str] | None:
        """The commits from ``base`` (excluded) to ``tip``, oldest first, when ``base`` is on ``tip``'s
        first-parent line (``None`` for a root); None when it is not (the histories diverged)."""
        chain: list[str] = []
        try:
            current = self.git[tip].peel(_pygit2().Commit)
            while str(current.id) != base:
                chain.append(str(current.id))
                if not current.parents:
                    return chain[::-1] if base is None else None
                current = current.parents[0]
        except (KeyError, *self._errors()) as exc:
            raise _problem(git_dir(self.root), exc) from None
        return chain[::-1]

    def parents(self, commit: str) -> list[str]:
        return [str(p) for p in self.git[commit].parent_ids]

    def changes(self, commit: str) -> list[Change]:
        """What ``commit`` changes against its first parent: every entry, with its raw name parts and mode.

        Walked tree by tree (unchanged folders skipped), the names as git stores
        them: a hostile tree's ``..``, ``.git`` or link entries are reported, never
        interpreted, for the caller to refuse.
        """
        pygit2 = _pygit2()
        try:
            current = self.git[commit].peel(pygit2.Commit)
            parents = current.parents
            before = parents[0].tree if parents else None
            found: list[Change] = []
            self._diff(before, current.tree, (), found)
        except (KeyError, *self._errors()) as exc:
            raise _problem(git_dir(self.root), exc) from None
        return found

    def _diff(self, before: Any, after: Any, prefix: tuple[str, ...], found: list[Change]) -> None:
        old = {entry.name: entry for entry in before} if before is not None else {}
        new = {entry.name: entry for entry in after} if after is not None else {}
        tree_mode = _pygit2().enums.FileMode.TREE
        for name in sorted(set(old) | set(new)):
            was, now = old.get(name), new.get(name)
            if was is not None and now is not None and was.id == now.id and was.filemode == now.filemode:
                continue
            parts = (*prefix, name)
            was_tree = was is not None and was.filemode == tree_mode
            now_tree = now is not None and now.filemode == tree_mode
            if was_tree or now_tree:
                self._diff(self.git[was.id] if was_tree else None, self.git[now.id] if now_tree else None, parts, found)
            if now is not None and not now_tree:
                found.append(Change(parts, int(now.filemode), str(now.id)))
            elif now is None and was is not None and not was_tree:
                found.append(Change(parts, 0, None))

    # -- writing ------------------------------------------------------------------
    def commit(self, paths: list[str], message: str, person: Person, when: int) -> str:
        """Commit exactly ``paths`` as they are in the work tree (a missing one: deleted) on the current branch.

        Other changes in the work tree or the index stay as they were: the commit is
        HEAD's tree with these paths replaced, and the index learns only these paths.
        """
        pygit2 = _pygit2()
        try:
            self._write_fast()
            index = self.git.index
            index.read()
            changes: dict[str, Any] = {}
            for path in sorted(set(paths)):
                if os.path.lexists(self.root / path):
                    index.add(path)
                    changes[path] = index[path].id
                else:
                    if path in index:
                        index.remove(path)
                    changes[path] = None
            parent = self.head()
            base = self.git[parent].peel(pygit2.Tree) if parent else None
            tree = self._tree_with(base, changes) or self.git.TreeBuilder().write()
            signature = pygit2.Signature(person.name, person.email, when, 0)
            oid = self.git.create_commit("HEAD", signature, signature, message, tree, [parent] if parent else [])
            index.write()
        except self._errors() as exc:
            raise _problem(git_dir(self.root), exc) from None
        return str(oid)

    def _write_fast(self) -> None:
        """New loose objects compressed at zlib level 1, not libgit2's default 6.

        Every action commits the whole signed log (17 MB at 26,000 entries): at level 6
        compressing it is most of a ``wgt amend propose``; level 1 takes a third of the
        time for a blob some 7 % larger, and ``git gc`` packs loose objects anyway. A
        second loose backend on the same folder, put before libgit2's own, takes the
        writes; reading (loose, packed, alternates) is as it was.
        """
        if not self._fast:
            objects = Path(self.git.path) / "objects"
            self.git.odb.add_backend(_pygit2().OdbBackendLoose(str(objects), 1, False), _FAST_PRIORITY)
            self._fast = True

    def _tree_with(self, base: Any, changes: dict[str, Any]) -> Any:
        """The id of ``base`` (a tree, or None) with ``changes`` (path → blob id, None to remove); None if empty."""
        pygit2 = _pygit2()
        builder = self.git.TreeBuilder(base) if base is not None else self.git.TreeBuilder()
        folders: dict[str, dict[str, Any]] = {}
        for path, oid in changes.items():
            name, slash, rest = path.partition("/")
            if slash:
                folders.setdefault(name, {})[rest] = oid
            elif oid is None:
                if builder.get(name) is not None:
                    builder.remove(name)
            else:
                builder.insert(name, oid, pygit2.enums.FileMode.BLOB)
        for name, inner in folders.items():
            existing = base[name] if base is not None and name in base else None
            subtree = self.git[existing.id] if existing is not None and existing.type_str == "tree" else None
            oid = self._tree_with(subtree, inner)
            if oid is None:
                if builder.get(name) is not None:
                    builder.remove(name)
            else:
                builder.insert(name, oid, pygit2.enums.FileMode.TREE)
        return builder.write() if len(builder) else None

    # -- remotes ------------------------------------------------------------------
    def branch(self) -> str | None:
        """The branch HEAD is on (None when detached)."""
        try:
            return None if self.git.head_is_detached else self.git.references["HEAD"].target.removeprefix("refs/heads/")
        except self._errors() as exc:
            raise _problem(git_dir(self.root), exc) from None

    def set_remote(self, name: str, url: str) -> None:
        """Make ``url`` the remote ``name`` (replacing one of that name)."""
        try:
            if name in [r.name for r in self.git.remotes]:
                self.git.remotes.set_url(name, url)
            else:
                self.git.remotes.create(name, url)
        except self._errors() as exc:
            raise _problem(git_dir(self.root), exc) from None

    def remove_remote(self, name: str) -> None:
        """Forget the remote ``name`` and its remote-tracking branches (none: nothing to do)."""
        try:
            self.git.remotes.delete(name)
        except (KeyError, *self._errors()):
            pass

    def push_to(self, url: str) -> None:
        """Send main to the repository at ``url`` without making it a remote (a bundle's)."""
        try:
            self.git.remotes.create_anonymous(url).push([f"refs/heads/{BRANCH}:refs/heads/{BRANCH}"])
        except self._errors() as exc:
            raise _unreachable(url, exc) from None

    def remote_url(self, name: str) -> str | None:
        try:
            return self.git.remotes[name].url
        except KeyError:
            return None

    def tracking(self, name: str) -> str | None:
        """Where the remote's main was when last fetched (None before)."""
        ref = self.git.references.get(f"refs/remotes/{name}/{BRANCH}")
        return str(ref.target) if ref is not None else None

    def set_tracking(self, name: str, commit: str | None) -> None:
        """Put the remote-tracking branch back where it was (after a fetch that is refused)."""
        refname = f"refs/remotes/{name}/{BRANCH}"
        if commit is None:
            if refname in self.git.references:
                self.git.references.delete(refname)
        else:
            self.git.references.create(refname, commit, force=True)

    def fetch(self, name: str) -> str | None:
        """Fetch the remote's branches; returns where its main now is (None: it has none yet)."""
        url = self.remote_url(name)
        try:
            self.git.remotes[name].fetch(callbacks=_callbacks())
        except self._errors() as exc:
            raise _unreachable(url or name, exc) from None
        return self.tracking(name)

    def push(self, name: str) -> None:
        """Send the local main to the remote's main (refused by the remote unless it is a fast-forward)."""
        url = self.remote_url(name)
        try:
            self.git.remotes[name].push([f"refs/heads/{BRANCH}:refs/heads/{BRANCH}"], callbacks=_callbacks())
        except self._errors() as exc:
            raise _unreachable(url or name, exc) from None
        self.set_tracking(name, self.head())

    def fast_forward(self, commit: str) -> None:
        """Move main to ``commit`` (a descendant), writing the files it changes; local edits in its way refuse it."""
        pygit2 = _pygit2()
        try:
            self.git.checkout_tree(self.git[commit], strategy=pygit2.enums.CheckoutStrategy.SAFE)
            refname = f"refs/heads/{BRANCH}"
            if refname in self.git.references:
                self.git.references[refname].set_target(commit)
            else:  # a new copy: its first commits
                self.git.references.create(refname, commit)
        except pygit2.GitError as exc:
            raise RepoError(
                _(
                    "{path}: cannot take in the new actions: {reason}; commit or undo your own changes to those "
                    "files ('git status' lists them) and sync again"
                ).format(path=self.root, reason=str(exc).strip())
            ) from None
        except self._errors() as exc:
            raise _problem(git_dir(self.root), exc) from None

    def merge_base(self, a: str, b: str) -> str | None:
        """The last commit both ``a`` and ``b`` hold (None: they share none)."""
        try:
            found = self.git.merge_base(a, b)
        except (KeyError, *self._errors()) as exc:
            raise _problem(git_dir(self.root), exc) from None
        return str(found) if found is not None else None

    def keep(self, name: str, commit: str | None) -> None:
        """Point ``refs/wgt/<name>`` at ``commit`` (None: remove it): commits git must not forget."""
        refname = f"refs/wgt/{name}"
        try:
            if commit is None:
                if refname in self.git.references:
                    self.git.references.delete(refname)
            else:
                self.git.references.create(refname, commit, force=True)
        except self._errors() as exc:
            raise _problem(git_dir(self.root), exc) from None

    def kept(self, name: str) -> str | None:
        ref = self.git.references.get(f"refs/wgt/{name}")
        return str(ref.target) if ref is not None else None

    def reset_to(self, commit: str) -> None:
        """Move main to ``commit`` whatever it is, its files written over the workspace's (``git reset --hard``)."""
        pygit2 = _pygit2()
        try:
            self.git.reset(commit, pygit2.enums.ResetMode.HARD)
        except self._errors() as exc:
            raise _problem(git_dir(self.root), exc) from None

    @staticmethod
    def _errors() -> tuple[type[BaseException], ...]:
        return (_pygit2().GitError, OSError, ValueError)
