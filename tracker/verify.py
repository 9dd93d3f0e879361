"""``wgt verify``: every issued revision and every record checked against its hashes and signatures."""

from __future__ import annotations

from tracker.amendments.store import AmendmentStore
from tracker.errors import WgtError
from tracker.i18n import _
from tracker.revisions import file_hash, manifest_path, read_manifest
from tracker.workspace import Workspace


def verify_workspace(ws: Workspace) -> tuple[int, list[str]]:
    """(items checked, problems); each problem names the file or record and why."""
    problems: list[str] = []
    checked = 0
    incorporated: set[str] = set()
    for slug in ws.slugs():
        folder = ws.document_dir(slug)
        for rev, langs in sorted(ws.draft_files(slug).items()):
            checked += 1
            try:
                manifest = read_manifest(ws.root, manifest_path(folder, rev))
            except WgtError as exc:
                problems.append(str(exc))
                continue
            incorporated.update(manifest.get("incorporated", []))
            for lang, recorded in sorted(manifest["files"].items()):
                path = folder / f"rev{rev}.{lang}.xml"
                if not path.is_file():
                    problems.append(
                        _("{path}: listed in the signed manifest of rev. {rev} but missing").format(path=path, rev=rev)
                    )
                elif file_hash(path.read_bytes()) != recorded:
                    problems.append(
                        _("{path}: its bytes changed since rev. {rev} was signed by {code}").format(
                            path=path, rev=rev, code=manifest["by"]
                        )
                    )
            for lang in sorted(set(langs) - set(manifest["files"])):
                problems.append(
                    _("{path}: not in the signed manifest of rev. {rev} (left by an interrupted command?)").format(
                        path=langs[lang], rev=rev
                    )
                )
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") and path.name.endswith(".tmp"):
                problems.append(
                    _("{path}: a temporary file left by an interrupted write (safe to delete)").format(path=path)
                )
    store = AmendmentStore(ws)
    root = ws.root / "amendments"
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        for path in sorted(folder.glob("*.json")):
            if path.name == "marks.json":
                checked += 1
                try:
                    store.marks(folder.name)
                except WgtError as exc:
                    problems.append(str(exc))
                continue
            checked += 1
            try:
                record = store.load(path)
            except WgtError as exc:
                problems.append(str(exc))
                continue
            if record.status == "incorporated" and record.id not in incorporated:
                problems.append(
                    _("{path}: {id} says incorporated, but no signed revision lists it").format(path=path, id=record.id)
                )
    return checked, problems


__all__ = ["verify_workspace"]
