"""Signed manifests of issued revisions: what each draft file's bytes were when it was made.

``drafts/<doc>/revN.manifest.json`` records, for every language file of rev. N,
its SHA-256, and is signed by the secretariat member who imported or issued it.
Any command that reads a draft checks its bytes against the manifest, so a
change made behind the tool's back is caught at once.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tracker.errors import WgtError
from tracker.i18n import _
from tracker.trust.roster import public_keys
from tracker.trust.signing import sign, verify


def file_hash(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def manifest_path(folder: Path, rev: int) -> Path:
    return folder / f"rev{rev}.manifest.json"


def make_manifest(symbol: str, rev: int, date: str, by: str, files: dict[str, bytes], incorporated: list[str]) -> bytes:
    """The signed manifest of a revision whose language files are ``files``."""
    act = {
        "act": "revision",
        "symbol": symbol,
        "rev": rev,
        "date": date,
        "by": by,
        "files": {lang: file_hash(data) for lang, data in sorted(files.items())},
        "incorporated": sorted(incorporated),
    }
    act["signature"] = sign(by, {k: v for k, v in act.items() if k != "signature"})
    return (json.dumps(act, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def read_manifest(root: Path, path: Path) -> dict:
    """A revision's manifest, its signature checked against the roster."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WgtError(
            _("{path}: missing; the revision is not signed (restore it from git)").format(path=path)
        ) from None
    except ValueError as exc:
        raise WgtError(_("{path}: damaged ({reason}); restore it from git").format(path=path, reason=exc)) from None
    act = {k: v for k, v in manifest.items() if k != "signature"}
    by = manifest.get("by", "")
    if not verify(public_keys(root, by), act, manifest.get("signature", "")):
        raise WgtError(
            _("{path}: the signature is not {code}'s (forged or altered); restore it from git").format(
                path=path, code=by
            )
        )
    return manifest


def check_draft_bytes(root: Path, draft_path: Path, rev: int, lang: str, data: bytes) -> None:
    """Refuse a draft file whose bytes changed since its revision was signed."""
    manifest = read_manifest(root, manifest_path(draft_path.parent, rev))
    recorded = manifest["files"].get(lang)
    if recorded is None:
        raise WgtError(
            _("{path}: not listed in its revision's signed manifest; it was not made by wgt").format(path=draft_path)
        )
    if recorded != file_hash(data):
        raise WgtError(
            _(
                "{path}: changed since rev. {rev} was signed by {code} on {date}; "
                "issued revisions are immutable — restore the file from git"
            ).format(path=draft_path, rev=rev, code=manifest["by"], date=manifest["date"])
        )
