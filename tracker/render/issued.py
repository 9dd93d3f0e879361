"""The issued document as ``wgt render`` hands it out: its layout, with what the file says it is.

A revision rendered for delegations comes back from them edited
(``wgt amend from-word``), so the file names the body that issued it and
carries, as properties a reader takes back (:mod:`tracker.render.wordmarks`),
the symbol, the revision, the language and the hash of the revision's signed
manifest: the file of another group's document of the same symbol, or of a
revision this workspace never issued, is then told apart.
"""

from __future__ import annotations

from tracker.akn.document import Draft
from tracker.documents import draft_files
from tracker.errors import WorkspaceError
from tracker.i18n import _
from tracker.render.layout import build_layout
from tracker.render.model import Layout
from tracker.render.wordmarks import LANG, MANIFEST, REV, SYMBOL
from tracker.revisions import manifest_path
from tracker.symbols import parse_symbol
from tracker.trust.rules import state_hash
from tracker.trust.state import read_log
from tracker.workspace import Workspace


def manifest_hash(ws: Workspace, symbol: str, rev: int) -> str:
    """The SHA-256 (``sha256:…``) of rev. ``rev``'s signed manifest, as the signed log recorded it."""
    sym = parse_symbol(symbol)
    files = draft_files(ws, sym.slug).get(rev)
    if not files:
        raise WorkspaceError(_("{symbol} has no rev. {rev}").format(symbol=sym.base, rev=rev))
    folder = next(iter(files.values())).parent
    latest = read_log(ws).latest(ws.relative(manifest_path(folder, rev)))
    recorded = state_hash(latest.state) if latest is not None else None
    if recorded is None:
        raise WorkspaceError(
            _("{path}: missing; the revision is not signed (restore it from git)").format(
                path=manifest_path(folder, rev)
            )
        )
    return recorded


def issued_layout(ws: Workspace, draft: Draft) -> Layout:
    """The layout of ``draft`` (checked by :func:`~tracker.documents.load_draft`), signed as ``ws``'s body issued it."""
    meta = draft.meta
    layout = build_layout(draft)
    layout.author = ws.config.body
    layout.properties = {
        SYMBOL: parse_symbol(meta.symbol).base,
        REV: str(meta.rev),
        LANG: meta.lang,
        MANIFEST: manifest_hash(ws, meta.symbol, meta.rev),
    }
    return layout


__all__ = ["issued_layout", "manifest_hash"]
