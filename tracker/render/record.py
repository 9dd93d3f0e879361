"""What the documents about a negotiation read from a workspace, loaded once and checked.

A :class:`Negotiation` is one document of a workspace in one language: its
revisions (symbol, date and what each incorporated, from the signed
manifests), its drafts, its amendment and statement records, and the
negotiation status of its units. The compilation, the annex and the report
are built from it; every read goes through the library, so signatures and
hashes are checked as for any other command.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.akn.document import Draft
from tracker.akn.units import Unit
from tracker.amendments.record import Amendment
from tracker.amendments.store import AmendmentStore
from tracker.amendments.texts import DraftCache
from tracker.documents import draft_files, load_draft, resolve_symbol
from tracker.errors import WgtError
from tracker.i18n import _
from tracker.render.status import effective_status, read_statuses
from tracker.revisions import manifest_path, read_manifest
from tracker.symbols import Symbol
from tracker.workspace import Workspace

#: Statuses of a statement that keep it on record.
STATEMENT_ON_RECORD = ("proposed", "accepted", "incorporated")


@dataclass(frozen=True)
class Revision:
    """One issued revision: ``rev``, its symbol, its date, the amendments and statements it incorporated."""

    rev: int
    symbol: str
    date: str
    incorporated: list[str]


@dataclass
class Negotiation:
    """One document of a workspace, read in one language."""

    ws: Workspace
    symbol: Symbol
    lang: str
    latest: int
    drafts: DraftCache
    records: list[Amendment] = field(default_factory=list)

    @classmethod
    def of(cls, ws: Workspace, symbol: str, lang: str | None = None) -> Negotiation:
        sym = resolve_symbol(ws, symbol)
        files = draft_files(ws, sym.slug)
        latest = max(files)
        lang = lang or ws.config.languages[0]
        if lang not in files[latest]:
            have = ", ".join(sorted(files[latest]))
            raise WgtError(
                _("{symbol} has no {lang!r} version (languages: {languages})").format(
                    symbol=sym.with_rev(latest), lang=lang, languages=have
                )
            )
        drafts = DraftCache(lambda rev, language: load_draft(ws, sym.base, rev, language))
        return cls(ws, sym, lang, latest, drafts, AmendmentStore(ws).all(sym.slug))

    def draft(self, rev: int | None = None) -> Draft:
        """A revision (the latest by default) in the language being read."""
        rev = self.latest if rev is None else rev
        if rev not in draft_files(self.ws, self.symbol.slug):
            known = ", ".join(map(str, sorted(draft_files(self.ws, self.symbol.slug))))
            raise WgtError(
                _("{symbol} has no rev. {rev} (revisions: {revisions})").format(
                    symbol=self.symbol.base, rev=rev, revisions=known
                )
            )
        return self.drafts.get(rev, self.lang)

    def revisions(self) -> list[Revision]:
        """Every issued revision, oldest first, from its signed manifest."""
        folder = self.ws.document_dir(self.symbol.slug)
        out = []
        for rev in sorted(draft_files(self.ws, self.symbol.slug)):
            manifest = read_manifest(self.ws, manifest_path(folder, rev))
            out.append(Revision(rev, self.symbol.with_rev(rev), manifest["date"], list(manifest["incorporated"])))
        return out

    def statuses(self) -> dict[str, str]:
        """``{wId: status}`` declared for the latest revision, updated by the chair's later marks."""
        draft = self.draft()
        recorded = read_statuses(draft.root, draft.name)
        recorded.update(AmendmentStore(self.ws).unit_statuses(self.symbol.slug))
        return recorded

    def unit_statuses(self) -> list[tuple[Unit, str | None]]:
        """Every unit of the latest revision with its status (its own or its nearest marked ancestor's)."""
        units = self.draft().units()
        parents = {u.wid: u.parent for u in units}
        recorded = self.statuses()
        return [(u, effective_status(u.wid, parents, recorded)) for u in units]

    def statements(self, rev: int | None = None) -> list[Amendment]:
        """Statements on record by ``rev``: not withdrawn or rejected, made against it or an earlier one."""
        rev = self.latest if rev is None else rev
        return [
            r for r in self.records if r.kind == "statement" and r.status in STATEMENT_ON_RECORD and r.base_rev <= rev
        ]

    def in_document_order(self, records: list[Amendment], draft: Draft) -> list[Amendment]:
        """``records`` ordered as ``draft`` reads: document-wide ones first, then by their unit's place."""
        position = {u.wid: n for n, u in enumerate(draft.units(), start=1)}
        return sorted(records, key=lambda r: position.get(r.unit, len(position) + 1) if r.unit else 0)

    def text_of(self, record: Amendment) -> tuple[str, str]:
        """A record's text in the language being read, else in its original language: ``(text, lang)``."""
        lang = self.lang if self.lang in record.texts else record.original_lang
        return record.texts[lang].text, lang
