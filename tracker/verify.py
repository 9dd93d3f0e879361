"""``wgt verify``: the signed log replayed, and every file checked against it, its signatures and the rules.

What it detects (README, "What `wgt verify` can and cannot detect"):

* any entry of the log altered, removed, reordered, inserted, or signed by
  someone the rule table does not allow (the log is a signed hash chain);
* any file the log wrote that is missing, truncated, changed, or replaced by an
  older version of itself (rolled back) — every file must be exactly what the
  log's latest entry for it says, and a record must extend every version the
  log recorded of it;
* any file in the workspace's folders that the log never wrote (planted,
  copied by hand, replayed from an old export), links, and leftovers;
* a log that was itself rolled back, against a witness: ``--expect HASH`` (a
  hash kept elsewhere, later the remote's head), and this machine's memory of
  the last entry it read here.
"""

from __future__ import annotations

import os
from pathlib import Path

from tracker.amendments.store import AmendmentStore
from tracker.errors import WgtError
from tracker.i18n import _
from tracker.lock import shared_lock
from tracker.revisions import read_manifest
from tracker.storage import file_hash, read_file
from tracker.trust import rules
from tracker.trust.log import LOG_NAME, LogState
from tracker.trust.state import read_log
from tracker.workspace import MANAGED_FOLDERS, Workspace

#: Files a workspace may hold in its folders that the log does not write.
_ALLOWED_EXTRA = {".gitkeep"}


def verify_workspace(ws: Workspace, expect: str | None = None) -> tuple[int, list[str]]:
    """(files checked, problems); each problem names the file or record and why."""
    with shared_lock(ws.root):
        try:
            state = read_log(ws)
        except WgtError as exc:
            return 0, [str(exc)]
        problems: list[str] = []
        if expect is not None:
            problems += _expected(ws, state, expect)
        checked, found = _logged_files(ws, state)
        problems += found
        problems += _strays(ws, state)
    return checked, problems


def head(ws: Workspace) -> tuple[int, str]:
    """``(entries, hash of the last)`` of the log: what to keep elsewhere and pass to ``--expect``."""
    state = read_log(ws)
    return len(state.hashes), state.head


def _expected(ws: Workspace, state: LogState, expect: str) -> list[str]:
    wanted = expect.strip().lower().removeprefix("sha256:")
    if len(wanted) < 12 or any(c not in "0123456789abcdef" for c in wanted):
        return [
            _("--expect {hash!r}: give the log head printed by 'wgt verify' (at least 12 hex digits)").format(
                hash=expect
            )
        ]
    if any(entry.removeprefix("sha256:").startswith(wanted) for entry in state.hashes):
        return []
    return [
        _(
            "{path}: does not hold the entry {hash} you expected: the log was rolled back or rewritten "
            "(it now ends at entry {seq}, {head})"
        ).format(path=ws.root / LOG_NAME, hash=expect, seq=len(state.hashes) - 1, head=state.head[:19])
    ]


def _logged_files(ws: Workspace, state: LogState) -> tuple[int, list[str]]:
    """Check every file the log says exists: present, the bytes it recorded, and valid for its kind."""
    from tracker.documents import read_checked

    problems: list[str] = []
    store = AmendmentStore(ws)
    incorporated: set[str] = set()
    checked = 0
    for name in state.current_paths():
        kind, parts = rules.kind_of(name)
        path = ws.root / name
        checked += 1
        if not os.path.lexists(path):
            version = state.latest(name)
            problems.append(
                _("{path}: deleted: the signed log says {by} wrote it (entry {seq}); restore it from git").format(
                    path=path, by=version.by, seq=version.seq
                )
            )
            continue
        if kind == "record":
            continue  # read below, with the other records
        try:
            if kind == "roster":
                _check_plain(ws, state, name)
            elif kind == "manifest":
                incorporated.update(read_manifest(ws, path)["incorporated"])
            elif kind == "draft":
                read_checked(ws, path, int(parts["rev"]), parts["lang"])
            elif kind == "marks":
                store.marks(parts["doc"])
        except WgtError as exc:
            problems.append(str(exc))
    present = [name for name in state.record_paths() if os.path.lexists(ws.root / name)]  # the others named above
    records = store.load_names(present, problems)
    for record in records:
        if record.status == "incorporated" and record.id not in incorporated:
            problems.append(
                _("{path}: {id} says incorporated, but no signed revision lists it").format(
                    path=store.path_of(record), id=record.id
                )
            )
    problems += _accepted_collisions(ws, state, records)
    return checked, problems


def _check_plain(ws: Workspace, state: LogState, name: str) -> None:
    path = ws.root / name
    data = read_file(path, 64 * 1024 * 1024, WgtError)
    if file_hash(data) != rules.state_hash(state.latest(name).state):
        raise WgtError(_("{path}: not the file the signed log recorded last; restore it from git").format(path=path))


def _accepted_collisions(ws: Workspace, state: LogState, records: list) -> list[str]:
    """Accepted proposals that collide (each accepted in a language the other was not yet in)."""
    from tracker.amendments.collisions import find_collisions
    from tracker.amendments.proposals import Context, open_changes

    problems = []
    for slug in state.slugs():
        try:
            ctx = Context.of(ws, _symbol_of(ws, slug))
            accepted = [r for r in records if r.status == "accepted" and ctx.symbol.base == r.document]
            changes, current, _stale = open_changes(ctx, accepted)
            labels = ctx.current(ctx.languages[0]).labels() if changes else {}
            problems += [
                _("{symbol}: accepted proposals collide: {reason}").format(
                    symbol=ctx.symbol.base, reason=c.named(labels).explain()
                )
                for c in find_collisions(changes, current)
            ]
        except WgtError:
            continue  # already reported above
    return problems


def _symbol_of(ws: Workspace, slug: str) -> str:
    from tracker.documents import draft_files, read_checked

    files = draft_files(ws, slug)
    rev = max(files)
    lang = sorted(files[rev])[0]
    return read_checked(ws, files[rev][lang], rev, lang).meta.symbol


def _strays(ws: Workspace, state: LogState) -> list[str]:
    """Files in the workspace's folders the log never wrote (or no longer has), links, and leftovers."""
    known = set(state.current_paths())
    problems: list[str] = []
    for top in (*MANAGED_FOLDERS, ""):
        for name, entry in _walk(ws.root / top if top else ws.root, top, recurse=bool(top)):
            if not top and rules.kind_of(name) is None:
                continue  # the root holds the user's own files too (documents written with -o)
            path = entry.path
            if entry.is_symlink():
                problems.append(
                    _("{path}: a symbolic link; wgt never follows links in a workspace — remove it").format(path=path)
                )
            elif entry.name.startswith(".") and entry.name.endswith(".tmp"):
                problems.append(
                    _("{path}: a temporary file left by an interrupted write (safe to delete)").format(path=path)
                )
            elif name not in known and entry.name not in _ALLOWED_EXTRA:
                problems.append(
                    _(
                        "{path}: not in the signed log: wgt never wrote it (planted, copied by hand, or a "
                        "revision left by an interrupted command); remove it or restore the workspace from git"
                    ).format(path=path)
                )
    return _unique(problems)


def _walk(base: Path, prefix: str, recurse: bool) -> list[tuple[str, os.DirEntry]]:
    """``(name as the log writes it, entry)`` of every file and link under ``base`` (links reported, never followed).

    Names are built from ``prefix`` (``base`` relative to the root) as strings: a large
    workspace holds tens of thousands of records, and a path object per file cost more
    than the check itself.
    """
    found: list[tuple[str, os.DirEntry]] = []
    try:
        entries = sorted(os.scandir(base), key=lambda e: e.name)
    except OSError:
        return found
    for entry in entries:
        name = f"{prefix}/{entry.name}" if prefix else entry.name
        if entry.is_symlink() or entry.is_file(follow_symlinks=False):
            found.append((name, entry))
        elif recurse and entry.is_dir(follow_symlinks=False):
            found += _walk(Path(entry.path), name, recurse)
        elif not entry.is_dir(follow_symlinks=False):
            found.append((name, entry))  # a pipe or device: not a file wgt wrote
    return found


def _unique(problems: list[str]) -> list[str]:
    return list(dict.fromkeys(problems))


__all__ = ["head", "verify_workspace"]
