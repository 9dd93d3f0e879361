"""Writing the site's files: each page once, again only when what it is made of changed.

The site folder holds a manifest (``.wgt-site.json``) naming every file the last
build wrote, with the *key* of what the file was made of (a digest of its inputs:
the signed revisions, records and marks it shows, the interface language, and the
code and catalogs that drew it) and the digest and size of its bytes. A build asks
for each page with its key; a page whose key, size and digest on disk are those of
the manifest is kept without being drawn again, and a page drawn again whose bytes
are those already on disk is not rewritten. So a rebuild after one new proposal
rewrites the pages that show it, and a static host's mirror sees only those change.

The folder is the user's, not the workspace: the writer refuses to take over a
folder it did not make (one that is not empty and has no manifest), never writes
through a link, and removes only files its own manifest lists.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import WgtError
from tracker.i18n import _
from tracker.storage import is_real_folder, writing_problem

#: The manifest's name in the site folder.
MANIFEST = ".wgt-site.json"
#: A site path: folders and files of letters, digits, ``.``, ``_`` and ``-``, never ``..``.
_SAFE_PATH = re.compile(r"^(?!.*(?:^|/)\.\.?(?:/|$))[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$")


@dataclass
class BuildReport:
    """What a build did: the files it wrote, kept as they were, and removed (site paths, sorted)."""

    root: Path
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.written) + len(self.kept)


def digest(*parts: object) -> str:
    """A key made of ``parts`` (strings, bytes, numbers, or lists of them), as hex SHA-256."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, (list, tuple)):
            h.update(digest(*part).encode())
        else:
            h.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


class SiteWriter:
    """The files of one build of the site in ``root``."""

    def __init__(self, root: Path, previous: dict[str, dict]) -> None:
        self.root = root
        self.previous = previous
        self.entries: dict[str, dict] = {}
        self.report = BuildReport(root)

    @classmethod
    def open(cls, root: Path) -> SiteWriter:
        """The writer of the site in ``root``: new, empty, or one a previous build made."""
        root = Path(os.path.abspath(root))
        if os.path.lexists(root) and not is_real_folder(root):
            raise WgtError(
                _("{path}: is a file or a link, not a folder; choose a folder for the site").format(path=root)
            )
        previous: dict[str, dict] = {}
        if root.exists():
            manifest = root / MANIFEST
            try:
                names = os.listdir(root)
            except OSError as exc:
                raise WgtError(_("cannot read {path}: {reason}").format(path=root, reason=exc.strerror)) from None
            if names and MANIFEST not in names:
                raise WgtError(
                    _(
                        "{path} is not empty and no 'wgt publish' made it; choose an empty or new folder for the site"
                    ).format(path=root)
                )
            if names:
                previous = _read_manifest(manifest)
        else:
            try:
                root.mkdir(parents=True)
            except OSError as exc:
                raise WgtError(
                    _("cannot make the site folder {path}: {reason}").format(path=root, reason=exc.strerror)
                ) from None
        return cls(root, previous)

    def wanted(self, path: str, key: str) -> bool:
        """Whether :meth:`page` would draw ``path`` for ``key`` (it is new, its inputs changed, or it is gone)."""
        before = self.previous.get(path)
        return before is None or before.get("key") != key or not _unchanged(self.root / path, before)

    def page(self, path: str, key: str, draw: Callable[[], str | bytes]) -> None:
        """The file ``path`` (a site path) made of inputs ``key``: kept if it is as built before, else drawn."""
        if not _SAFE_PATH.match(path) or path == MANIFEST:
            raise ValueError(f"not a site path: {path!r}")  # a bug of the builder, never of the input
        if path in self.entries:
            raise ValueError(f"{path} is written twice")
        before = self.previous.get(path)
        target = self.root / path
        if not self.wanted(path, key):
            self.entries[path] = before
            self.report.kept.append(path)
            return
        data = draw()
        data = data.encode("utf-8") if isinstance(data, str) else data
        sha = hashlib.sha256(data).hexdigest()
        entry = {"key": key, "sha256": sha, "size": len(data)}
        self.entries[path] = entry
        if before is not None and before.get("sha256") == sha and _unchanged(target, entry):
            self.report.kept.append(path)  # drawn again (its inputs changed) to the same bytes: left alone
            return
        self._write(target, data)
        self.report.written.append(path)

    def finish(self) -> BuildReport:
        """Remove the files of the last build this one did not make, and save the manifest."""
        for path in sorted(set(self.previous) - set(self.entries)):
            if not _SAFE_PATH.match(path):
                continue  # a manifest entry no build writes: never acted on
            target = self.root / path
            try:
                if stat.S_ISREG(os.lstat(target).st_mode) and _inside(self.root, target):
                    target.unlink()
                    self.report.removed.append(path)
            except OSError:
                continue  # already gone
        self.save()
        for names in (self.report.written, self.report.kept, self.report.removed):
            names.sort()
        return self.report

    def save(self) -> None:
        """Write the manifest of what is on disk now (also after a build stopped half-way)."""
        known = {**{p: e for p, e in self.previous.items() if p not in self.entries}, **self.entries}
        data = json.dumps({"files": known}, indent=0, sort_keys=True).encode("utf-8")
        self._write(self.root / MANIFEST, data)

    def _write(self, target: Path, data: bytes) -> None:
        folder = target.parent
        try:
            if not _inside(self.root, target):
                raise WgtError(
                    _("{path}: a folder of the site is a link; remove it and publish again").format(path=folder)
                )
            folder.mkdir(parents=True, exist_ok=True)
            # A link in the page's place is replaced by the page (os.replace never writes through it); a folder is not.
            if os.path.lexists(target) and stat.S_ISDIR(os.lstat(target).st_mode):
                raise WgtError(_("{path}: is not a regular file; remove it and publish again").format(path=target))
            temporary = folder / f".{target.name}.wgt-tmp"
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, target)
        except OSError as exc:
            raise WgtError(writing_problem(target, exc)) from None


def _read_manifest(path: Path) -> dict[str, dict]:
    try:
        if not os.path.isfile(path) or os.path.islink(path):
            raise ValueError
        data = json.loads(path.read_bytes())
        files = data["files"]
        if not isinstance(files, dict) or not all(isinstance(v, dict) for v in files.values()):
            raise ValueError
        return files
    except (OSError, ValueError, KeyError, TypeError):
        raise WgtError(_("{path}: damaged; delete the site folder and publish again").format(path=path)) from None


def _unchanged(target: Path, entry: dict) -> bool:
    """Whether ``target`` is a regular file of the size the manifest recorded (a cheap check of every kept page)."""
    try:
        info = os.lstat(target)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size == entry.get("size")


def _inside(root: Path, target: Path) -> bool:
    """Whether ``target``'s folder lies in ``root`` without going through a link."""
    parent = target.parent
    expected = os.path.normpath(os.path.join(os.path.realpath(root), os.path.relpath(parent, root)))
    return os.path.realpath(parent) == expected
