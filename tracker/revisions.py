"""Signed manifests of issued revisions: what each draft file's bytes were when it was made.

``drafts/<doc>/revN.manifest.json`` records, for every language file of rev. N,
its SHA-256, and is signed by the secretariat member who imported or issued it
(the rule table: only the secretariat signs a revision). Any command that reads
a draft checks its bytes against the manifest and the signed log, so a change
made behind the tool's back is caught at once.
"""

from __future__ import annotations

import json
from pathlib import Path

from tracker.errors import WgtError
from tracker.i18n import _, term
from tracker.jsonfile import DictOf, JsonShapeError, check_shape, parse_json
from tracker.storage import file_hash, read_file
from tracker.trust.rules import MANIFEST_ROLES, allowed, state_hash
from tracker.trust.signing import Signer, verify
from tracker.trust.state import read_log
from tracker.workspace import Workspace

__all__ = ["check_draft_bytes", "file_hash", "make_manifest", "manifest_path", "read_manifest"]

MAX_MANIFEST_BYTES = 1024 * 1024
_MANIFEST_SHAPE = {
    "act": str,
    "symbol": str,
    "rev": int,
    "date": str,
    "by": str,
    "files": DictOf(str),
    "incorporated": [str],
    "signature": str,
}


def manifest_path(folder: Path, rev: int) -> Path:
    return folder / f"rev{rev}.manifest.json"


def make_manifest(
    symbol: str, rev: int, date: str, signer: Signer, group: str, files: dict[str, bytes], incorporated: list[str]
) -> bytes:
    """The signed manifest of a revision whose language files are ``files``."""
    act = {
        "act": "revision",
        "symbol": symbol,
        "rev": rev,
        "date": date,
        "by": signer.code,
        "files": {lang: file_hash(data) for lang, data in sorted(files.items())},
        "incorporated": sorted(incorporated),
    }
    act["signature"] = signer.sign(act, group)
    return (json.dumps(act, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def read_manifest(ws: Workspace, path: Path) -> dict:
    """A revision's manifest: the one the log recorded, signed by the secretariat of this group."""
    state = read_log(ws)
    name = ws.relative(path)
    latest = state.latest(name)
    if latest is None:
        raise WgtError(
            _("{path}: missing; the revision is not signed (restore it from git)").format(path=path)
            if not path.exists()
            else _("{path}: not in the signed log: wgt never wrote it (planted or copied by hand); remove it").format(
                path=path
            )
        )
    try:
        data = read_file(path, MAX_MANIFEST_BYTES, WgtError)
    except WgtError:
        if not path.exists() and not path.is_symlink():
            raise WgtError(
                _("{path}: missing; the revision is not signed (restore it from git)").format(path=path)
            ) from None
        raise
    try:
        manifest = parse_json(data)
        check_shape(manifest, _MANIFEST_SHAPE)
    except JsonShapeError as exc:
        raise WgtError(_("{path}: damaged ({reason}); restore it from git").format(path=path, reason=exc)) from None
    act = {k: v for k, v in manifest.items() if k != "signature"}
    by = manifest["by"]
    if not verify(state.keys_of(by), act, manifest["signature"], state.group):
        raise WgtError(
            _("{path}: the signature is not {code}'s (forged or altered); restore it from git").format(
                path=path, code=by[:12]
            )
        )
    role = state.role_at(by, latest.seq)  # the role it had when it signed, not today's
    if not allowed(role, MANIFEST_ROLES):
        raise WgtError(
            _("{path}: signed by {code}, a {role}; only the secretariat issues revisions — restore it from git").format(
                path=path, code=by, role=term(role) if role else _("stranger")
            )
        )
    if state_hash(latest.state) != file_hash(data):
        raise WgtError(
            _(
                "{path}: not the manifest the signed log recorded last (replaced by an older or another one); "
                "restore it from git"
            ).format(path=path)
        )
    return manifest


def check_draft_bytes(ws: Workspace, draft_path: Path, rev: int, lang: str, data: bytes) -> None:
    """Refuse a draft file whose bytes changed since its revision was signed."""
    manifest = read_manifest(ws, manifest_path(draft_path.parent, rev))
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
    logged = read_log(ws).latest(ws.relative(draft_path))
    if logged is None or state_hash(logged.state) != recorded:
        raise WgtError(_("{path}: not the file the signed log recorded; restore it from git").format(path=draft_path))
