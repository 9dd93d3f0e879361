"""Documents in a workspace: import, load, list and validate drafts.

This is the library the ``wgt`` command calls; tests call it directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from tracker.akn.align import align_wids
from tracker.akn.build import build_document
from tracker.akn.document import Draft
from tracker.akn.meta import DocMeta
from tracker.akn.outline import DOC_TYPES, Block
from tracker.akn.parsing import serialize
from tracker.akn.rules import rule_errors
from tracker.akn.schema import schema_errors
from tracker.errors import WgtError, WorkspaceError
from tracker.i18n import _
from tracker.revisions import check_draft_bytes, make_manifest, manifest_path
from tracker.storage import read_file
from tracker.symbols import Symbol, parse_symbol
from tracker.trust.actions import Action
from tracker.trust.rules import ACTS, allowed
from tracker.trust.state import read_log
from tracker.workspace import Workspace, check_language

#: A draft file: a 40,000-unit revision is some 20 MB; the parser refuses a text node over 10 MB.
MAX_DRAFT_BYTES = 512 * 1024 * 1024


def draft_files(ws: Workspace, slug: str) -> dict[int, dict[str, Path]]:
    """``{rev: {lang: path}}`` of a document: the drafts the signed log knows (never what lies in the folder)."""
    return {
        rev: {lang: ws.root / name for lang, name in langs.items()}
        for rev, langs in read_log(ws).draft_files(slug).items()
    }


def document_slugs(ws: Workspace) -> list[str]:
    """The folder names of the workspace's documents, as the signed log knows them."""
    return read_log(ws).slugs()


@dataclass(frozen=True)
class DocumentSummary:
    """One line of ``wgt list``."""

    symbol: str
    slug: str
    type: str
    latest_rev: int
    languages: list[str]
    revisions: list[int]
    title: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "symbol": self.symbol,
            "type": self.type,
            "latest_rev": self.latest_rev,
            "languages": self.languages,
            "revisions": self.revisions,
            "title": self.title,
            "folder": f"drafts/{self.slug}",
        }


def import_document(
    ws: Workspace,
    source: Path,
    symbol: str,
    lang: str,
    *,
    date: str | None = None,
    doc_type: str | None = None,
    title: str | None = None,
    by: str = "SEC",
) -> tuple[Path, Draft]:
    """Import a plain-text file as rev. 0 (or the latest rev.) of ``symbol`` in ``lang``.

    The first language imported is the original; a later language is aligned
    with it unit by unit and refused, naming the first difference, when the
    structures disagree. Nothing is written unless the result is schema-valid.
    """
    check_language(lang)
    importer = read_log(ws).participant(ws, by)
    if not allowed(importer.role, ACTS["import"][0]):
        raise WorkspaceError(
            _("only the secretariat imports documents; {code} is not the secretariat").format(code=importer.code)
        )
    if lang not in ws.config.languages:
        raise WorkspaceError(
            _("{lang!r} is not a working language of this workspace ({languages})").format(
                lang=lang, languages=", ".join(ws.config.languages)
            )
        )
    sym = parse_symbol(symbol)
    if doc_type is not None and doc_type not in DOC_TYPES:
        raise WgtError(
            _("unknown document type {type!r}; use one of {types}").format(type=doc_type, types=", ".join(DOC_TYPES))
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
    if date is not None:
        _check_date(date)
    from tracker.importer import import_text, read_text_file  # only imports need the importer
    from tracker.importer.source import checked_text

    outline = import_text(read_text_file(source), doc_type, name=str(source))
    if title:
        if outline.title is not None:
            raise WgtError(
                _(
                    "{source}: line {line}: the text already has a title ({title!r}); "
                    "drop --title or remove the title lines from the text"
                ).format(source=source, line=outline.title.line, title=outline.title.text[:60])
            )
        outline.title = Block("docTitle", " ".join(checked_text(title, "--title").split()))
    meta = DocMeta(
        symbol=sym.base,
        slug=sym.slug,
        doc_type=outline.doc_type,
        rev=rev,
        date=date or (reference.meta.date if reference else dt.date.today().isoformat()),
        lang=lang,
        original_lang=reference.meta.original_lang if reference else lang,
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
    return path, draft


def _check_date(date: str) -> None:
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise WgtError(_("{date!r} is not a date; write it as YYYY-MM-DD").format(date=date)) from None


def resolve_symbol(ws: Workspace, symbol: str) -> Symbol:
    """The parsed symbol, refused when the workspace has no such document."""
    sym = parse_symbol(symbol)
    if not draft_files(ws, sym.slug):
        known = ", ".join(s.symbol for s in list_documents(ws)) or _("none yet")
        raise WorkspaceError(
            _("no document {symbol} in this workspace (documents: {known}); see 'wgt list'").format(
                symbol=sym.base, known=known
            )
        )
    return sym


def load_draft(ws: Workspace, symbol: str, rev: int | None = None, lang: str | None = None) -> Draft:
    """A revision (the latest by default, or ``rev. N`` in the symbol) in one language."""
    sym = resolve_symbol(ws, symbol)
    files = draft_files(ws, sym.slug)
    wanted = rev if rev is not None else sym.rev if sym.rev is not None else max(files)
    if wanted not in files:
        raise WorkspaceError(
            _("{symbol} has no rev. {rev} (revisions: {revisions})").format(
                symbol=sym.base, rev=wanted, revisions=", ".join(map(str, sorted(files)))
            )
        )
    lang = lang or ws.config.languages[0]
    if lang not in files[wanted]:
        have = ", ".join(sorted(files[wanted]))
        raise WorkspaceError(
            _("{symbol} has no {lang!r} version (languages: {languages})").format(
                symbol=sym.with_rev(wanted), lang=lang, languages=have
            )
        )
    return read_checked(ws, files[wanted][lang], wanted, lang)


def read_checked(ws: Workspace, path: Path, rev: int, lang: str) -> Draft:
    """Parse a draft file after checking its bytes against its revision's signed manifest."""
    return _read_checked_bytes(ws, path, rev, lang)[0]


def _read_checked_bytes(ws: Workspace, path: Path, rev: int, lang: str) -> tuple[Draft, bytes]:
    """:func:`read_checked`, and the bytes it checked (to sign them again without reading twice)."""
    path = ws.inside(path)
    if not path.exists() and not path.is_symlink():
        raise WorkspaceError(
            _("{path}: deleted: the signed log says rev. {rev} ({language}) was issued; restore it from git").format(
                path=path, rev=rev, language=lang
            )
        )
    data = read_file(path, MAX_DRAFT_BYTES, WorkspaceError)
    draft = Draft.from_bytes(data, str(path))
    check_draft_bytes(ws, path, rev, lang, data)
    return draft, data


def list_documents(ws: Workspace) -> list[DocumentSummary]:
    """Every document: symbol, type, latest revision and its languages."""
    out = []
    for slug in document_slugs(ws):
        files = draft_files(ws, slug)
        if not files:
            continue
        latest = max(files)
        first = files[latest][sorted(files[latest])[0]]
        draft = read_checked(ws, first, latest, sorted(files[latest])[0])
        title = draft.root.find(".//{*}docTitle")
        out.append(
            DocumentSummary(
                symbol=draft.meta.symbol,
                slug=slug,
                type=draft.meta.doc_type,
                latest_rev=latest,
                languages=sorted(files[latest]),
                revisions=sorted(files),
                title=" ".join(title.itertext()) if title is not None else None,
            )
        )
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def validate_workspace(ws: Workspace) -> tuple[int, list[Problem]]:
    """Check every draft against the schema and our rules; returns (files checked, problems)."""
    problems: list[Problem] = []
    checked = 0
    for slug in document_slugs(ws):
        for rev, langs in sorted(draft_files(ws, slug).items()):
            drafts: dict[str, Draft] = {}
            for lang, path in sorted(langs.items()):
                checked += 1
                try:
                    draft = read_checked(ws, path, rev, lang)
                except WgtError as exc:
                    problems.append(Problem(path, str(exc).removeprefix(f"{path}: ")))
                    continue
                problems += [Problem(path, _("schema: {problem}").format(problem=e)) for e in schema_errors(draft.root)]
                problems += [Problem(path, e) for e in rule_errors(draft.root)]
                meta = draft.meta
                if (meta.slug, meta.rev, meta.lang) != (slug, rev, lang):
                    problems.append(
                        Problem(
                            path,
                            _("its metadata says {symbol} rev. {rev} ({language}); the file name disagrees").format(
                                symbol=meta.symbol, rev=meta.rev, language=meta.lang
                            ),
                        )
                    )
                drafts[lang] = draft
            problems += _language_problems(drafts)
    problems += _unlogged_drafts(ws)
    return checked, problems


def _unlogged_drafts(ws: Workspace) -> list[Problem]:
    """Draft files in ``drafts/`` the signed log never wrote: never parsed, only named."""
    logged = {
        path for slug in document_slugs(ws) for langs in draft_files(ws, slug).values() for path in langs.values()
    }
    out = []
    for slug in ws.slugs_on_disk():
        try:
            on_disk = ws.draft_files_on_disk(slug)
        except WgtError as exc:
            out.append(Problem(ws.root / "drafts" / slug, str(exc)))
            continue
        for langs in on_disk.values():
            out += [
                Problem(path, _("not in the signed log: wgt never wrote it (planted or copied by hand); remove it"))
                for path in langs.values()
                if path not in logged
            ]
    return out


def _language_problems(drafts: dict[str, Draft]) -> list[Problem]:
    """Every language version of a revision must have the same units in the same order."""
    if len(drafts) < 2:
        return []
    langs = sorted(drafts)
    first = [u.wid for u in drafts[langs[0]].units()]
    out = []
    for lang in langs[1:]:
        other = [u.wid for u in drafts[lang].units()]
        if other != first:
            at = next((i for i, (a, b) in enumerate(zip(first, other)) if a != b), min(len(first), len(other)))
            out.append(
                Problem(
                    Path(drafts[lang].name),
                    _(
                        "its units differ from the {language} version from unit {number} on; "
                        "every language version must have the same units in the same order"
                    ).format(language=langs[0], number=at + 1),
                )
            )
    return out
