"""Documents in a workspace: import, load, list and validate drafts.

This is the library the ``wgt`` command calls; tests call it directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tracker.akn.document import Draft
from tracker.akn.rules import rule_errors
from tracker.akn.schema import schema_errors
from tracker.akn.slots import plain_text
from tracker.akn.units import unit_elements
from tracker.errors import WgtError, WorkspaceError
from tracker.i18n import _
from tracker.revisions import check_draft_bytes
from tracker.storage import read_file
from tracker.symbols import Symbol, parse_symbol
from tracker.trust.state import read_log
from tracker.workspace import Workspace

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
    lang: str | None = None,
    *,
    date: str | None = None,
    doc_type: str | None = None,
    title: str | None = None,
    by: str = "SEC",
) -> tuple[Path, Draft]:
    """Import a text, Word or PDF file as ``symbol`` in ``lang``; ``(path, draft)`` (see :mod:`tracker.imports`)."""
    from tracker.imports import import_file

    result = import_file(ws, source, symbol, lang, date=date, doc_type=doc_type, title=title, by=by)
    return result.path, result.draft


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


def checked_bytes(ws: Workspace, slug: str, rev: int, lang: str) -> bytes:
    """The bytes of an issued draft file (the Akoma Ntoso XML people download), checked against its signed manifest."""
    files = draft_files(ws, slug)
    if lang not in files.get(rev, {}):
        raise WorkspaceError(_("{slug} has no rev. {rev} in {language}").format(slug=slug, rev=rev, language=lang))
    path = ws.inside(files[rev][lang])
    data = read_file(path, MAX_DRAFT_BYTES, WorkspaceError)
    check_draft_bytes(ws, path, rev, lang, data)
    return data


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
                title=" ".join(plain_text(title).split()) if title is not None else None,  # its words, not its notes
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
    # The units' ids in order are all this compares: listed without their labels, which cost a pass of their own.
    first = [element.get("wId") for element in unit_elements(drafts[langs[0]].root)]
    out = []
    for lang in langs[1:]:
        other = [element.get("wId") for element in unit_elements(drafts[lang].root)]
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
