"""``wgt import``: a document from a text, Word or PDF file into the workspace, in one language.

The first language imported is the original unless the text says otherwise
(``Original: Spanish``); a later language is aligned with it unit by unit and
refused, naming the first difference, when the structures disagree. The date
and the original language come from the text when it states them (``--date``
and ``--original-lang`` override). Nothing is written unless the result is
schema-valid, every word has a place, and no more than 5 % of the body's words
stand outside units (``--allow-unplaced``); ``--dry-run`` writes nothing at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from tracker.akn.align import align_wids
from tracker.akn.build import build_document
from tracker.akn.document import Draft
from tracker.akn.meta import DocMeta
from tracker.akn.outline import DOC_TYPES, Block, Outline
from tracker.akn.parsing import serialize
from tracker.akn.rules import rule_errors
from tracker.akn.schema import schema_errors
from tracker.documents import _read_checked_bytes, draft_files
from tracker.errors import WgtError, WorkspaceError
from tracker.i18n import _
from tracker.revisions import make_manifest, manifest_path
from tracker.symbols import parse_symbol
from tracker.trust.actions import Action
from tracker.trust.rules import ACTS, allowed
from tracker.trust.state import read_log
from tracker.workspace import Workspace, check_language


@dataclass
class ImportResult:
    """What an import made (or, dry, would make): the draft, where it went, and the summary."""

    draft: Draft
    path: Path | None  # None for a dry run
    summary: object  # tracker.importer.summary.ImportSummary
    lang: str
    original_lang: str
    notes: list[str] = field(default_factory=list)  # what a person should know: the text's symbol differs …


def import_file(
    ws: Workspace,
    source: Path,
    symbol: str | None,
    lang: str | None = None,
    *,
    date: str | None = None,
    doc_type: str | None = None,
    title: str | None = None,
    by: str = "SEC",
    original_lang: str | None = None,
    dry_run: bool = False,
    allow_unplaced: bool = False,
    accept_changes: bool = False,
) -> ImportResult:
    """Import ``source`` as rev. 0 (or the latest rev.) of ``symbol`` (None: the one the text states)."""
    from tracker.importer import import_lines, read_source  # only imports need the importer
    from tracker.importer.header import extract_header
    from tracker.importer.language import guess_language
    from tracker.importer.readers.text import checked_text
    from tracker.importer.summary import MAX_UNPLACED

    importer = read_log(ws).participant(ws, by)
    if not allowed(importer.role, ACTS["import"][0]):
        raise WorkspaceError(
            _("only the secretariat imports documents; {code} is not the secretariat").format(code=importer.code)
        )
    for value in (lang, original_lang):
        if value is not None:
            check_language(value)
    if doc_type is not None and doc_type not in DOC_TYPES:
        raise WgtError(
            _("unknown document type {type!r}; use one of {types}").format(type=doc_type, types=", ".join(DOC_TYPES))
        )
    if date is not None:
        _check_date(date)
    lines = read_source(source, accept_changes=accept_changes)
    stated = next((h.text for h in extract_header(lines).header if h.kind == "symbol"), None)
    if symbol is None:
        if stated is None:
            raise WgtError(_("{source}: the text states no document symbol; pass --symbol").format(source=source))
        symbol = stated
    sym = parse_symbol(symbol)
    notes = []
    if stated is not None and _symbol_base(stated) not in (None, sym.base):
        notes.append(
            _("the text's own symbol is {stated}; imported as {symbol}, as --symbol says").format(
                stated=stated, symbol=sym.base
            )
        )
    if lang is None:
        lang = guess_language([line.text for line in lines])
        if lang is None:
            raise WgtError(
                _("{source}: cannot tell the language of the text; pass --lang en|es|fr|pt").format(source=source)
            )
    if lang not in ws.config.languages:
        raise WorkspaceError(
            _("{lang!r} is not a working language of this workspace ({languages})").format(
                lang=lang, languages=", ".join(ws.config.languages)
            )
        )
    existing = draft_files(ws, sym.slug)
    reference: Draft | None = None
    signed: dict[str, bytes] = {}  # the revision's other language files, as checked against its manifest
    rev = 0
    if existing:
        rev = max(existing)
        if lang in existing[rev]:
            raise WorkspaceError(
                _(
                    "{symbol} already exists in {language} ({path}); "
                    "amend it with 'wgt amend' instead of importing it again"
                ).format(symbol=sym.with_rev(rev), language=lang, path=existing[rev][lang].relative_to(ws.root))
            )
        ref_lang = sorted(existing[rev])[0]
        reference, signed[ref_lang] = _read_checked_bytes(ws, existing[rev][ref_lang], rev, ref_lang)
        doc_type = doc_type or reference.meta.doc_type
    imported = import_lines(lines, doc_type, name=str(source))
    outline, summary = imported.outline, imported.summary
    if title:
        if outline.title is not None:
            raise WgtError(
                _(
                    "{source}: line {line}: the text already has a title ({title!r}); "
                    "drop --title or remove the title lines from the text"
                ).format(source=source, line=outline.title.line, title=outline.title.text[:60])
            )
        outline.title = Block("docTitle", " ".join(checked_text(title, "--title").split()))
    if summary.share_unplaced > MAX_UNPLACED and not allow_unplaced:
        raise WgtError(
            _(
                "{source}: {share:.0%} of the body's words stand outside any unit (lines {lines}) and could not "
                "be amended; fix the text, choose another --type, or pass --allow-unplaced"
            ).format(source=source, share=summary.share_unplaced, lines=summary.unplaced_places)
        )
    meta = DocMeta(
        symbol=sym.base,
        slug=sym.slug,
        doc_type=outline.doc_type,
        rev=rev,
        date=date or _stated_date(outline) or (reference.meta.date if reference else dt.date.today().isoformat()),
        lang=lang,
        original_lang=original_lang
        or _stated(outline, "original")
        or (reference.meta.original_lang if reference else lang),
    )
    root = build_document(outline, meta)
    if reference is not None:
        align_wids(root, lang, reference.root, reference.meta.lang)
    draft = Draft(root, str(source))
    # build_document gave every element its eId, and aligning changes only wId values
    problems = schema_errors(root) + rule_errors(root, eids_assigned=True)
    if problems:
        raise WgtError(
            _("{source}: the imported document would not be valid: {problem}").format(
                source=source, problem=problems[0]
            )
        )
    if dry_run:
        return ImportResult(draft, None, summary, lang, meta.original_lang, notes)
    path = ws.draft_path(sym.slug, rev, lang)
    data = serialize(root)
    # Re-signing must not bless a tampered file: the manifest lists the very bytes
    # checked against the old one (the reference's were checked when it was read).
    for other, other_path in (existing.get(rev) or {}).items():
        if other not in signed:
            signed[other] = _read_checked_bytes(ws, other_path, rev, other)[1]
    files = {lang: data, **signed}
    with Action(ws, importer.code, "import", sym.with_rev(rev) + f" ({lang})") as action:
        if draft_files(ws, sym.slug) != existing:
            raise WorkspaceError(
                _("{symbol} changed while it was being imported; import it again").format(symbol=sym.base)
            )
        manifest = make_manifest(sym.base, rev, meta.date, action.signer, action.state.group, files, [])
        action.write(path, data)
        action.write(manifest_path(path.parent, rev), manifest)
    return ImportResult(draft, path, summary, lang, meta.original_lang, notes)


def _symbol_base(text: str) -> str | None:
    """The document a stated symbol names (its revision left out), None when it does not parse."""
    try:
        return parse_symbol(text).base
    except WgtError:
        return None


def _stated(outline: Outline, kind: str) -> str | None:
    return next((line.value for line in outline.header if line.kind == kind and line.value), None)


def _stated_date(outline: Outline) -> str | None:
    """The date the text states: its header block's, else the adoption line's, else a note's place and date."""
    from tracker.importer.patterns import iso_date

    if found := _stated(outline, "date"):
        return found
    for line in outline.header:
        if line.kind == "adoption" and (found := iso_date(line.text)):
            return found
    for block in outline.conclusions + outline.body:
        if block.name == "placeDate" and block.attrs.get("date"):
            return block.attrs["date"]
    return None


def _check_date(date: str) -> None:
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise WgtError(_("{date!r} is not a date; write it as YYYY-MM-DD").format(date=date)) from None


__all__ = ["ImportResult", "import_file"]
