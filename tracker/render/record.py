"""What the documents about a negotiation read from a workspace, loaded once and checked.

A :class:`Negotiation` is one document of a workspace in one language: its
revisions (symbol, date and what each incorporated, from the signed
manifests), its drafts, its amendment and statement records, and the
negotiation status of its units, and its paragraphs as a working group counts
them (:func:`counted_paragraphs`). The compilation, the annex and the report
are built from it; every read goes through the library, so signatures and
hashes are checked as for any other command.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker.akn.document import Draft
from tracker.akn.units import Unit
from tracker.amendments.negotiation import NegotiationState
from tracker.amendments.record import Amendment
from tracker.amendments.store import AmendmentStore
from tracker.amendments.texts import DraftCache, draft_cache
from tracker.compare import Comparison, compare_revisions
from tracker.documents import draft_files, resolve_symbol
from tracker.errors import WgtError
from tracker.i18n import _, translations
from tracker.render.citing import Citations
from tracker.render.status import AD_REFERENDUM, AGREED, OPEN, effective_status, read_statuses
from tracker.revisions import manifest_path, read_manifest
from tracker.symbols import Symbol
from tracker.workspace import Workspace

if TYPE_CHECKING:
    from tracker.amendments.collisions import Collision

#: Paragraph statuses from the least to the most agreed.
AGREEMENT = (OPEN, AD_REFERENDUM, AGREED)
#: Units that are never counted as paragraphs: the title, formulas, the openers of a group of
#: preambular paragraphs (``TAKING INTO ACCOUNT:``), section headings and an appendix's heading lines.
NOT_PARAGRAPHS = frozenset({"docTitle", "formula", "recitals", "section", "subsection", "p"})
#: Units counted with the paragraph they belong to.
SUB_PARAGRAPHS = frozenset({"subparagraph"})

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
    _conflicts: tuple[list[Collision], dict[str, str]] | None = field(default=None, init=False, repr=False)
    _citations: dict[int, Citations] = field(default_factory=dict, init=False, repr=False)
    _latest_languages: set[str] | None = field(default=None, init=False, repr=False)

    @classmethod
    def of(
        cls,
        ws: Workspace,
        symbol: str,
        lang: str | None = None,
        records: Iterable[str] | None = None,
        drafts: DraftCache | None = None,
    ) -> Negotiation:
        """The document ``symbol`` names, read in ``lang`` (the workspace's first language by default).

        ``records``: the ids of the only records to read (a redline needs those its revisions
        incorporated, not every proposal on record); all of the document's by default. Each
        record read is checked in full either way. ``drafts``: revisions already loaded.
        """
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
        store = AmendmentStore(ws)
        found = store.all(sym.slug) if records is None else store.some(records, sym.slug)
        return cls(ws, sym, lang, latest, drafts or draft_cache(ws, sym.base), found)

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

    def citations(self, rev: int | None = None) -> Citations:
        """The units of a revision (the latest by default) as delegates cite them, in the language read."""
        rev = self.latest if rev is None else rev
        if rev not in self._citations:
            self._citations[rev] = Citations(
                self.drafts.get(rev, self.lang).listed(), translations(self.lang), self.lang
            )
        return self._citations[rev]

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
        recorded.update(self.negotiation_record.statuses)
        return recorded

    @functools.cached_property
    def negotiation_record(self) -> NegotiationState:
        """The document's negotiation record (confirmations, silence procedures), read once per document built."""
        return AmendmentStore(self.ws).negotiation(self.symbol.slug)

    def unit_statuses(self) -> list[tuple[Unit, str | None]]:
        """Every unit of the latest revision with its status (its own or its nearest marked ancestor's)."""
        units = self.draft().units()
        parents = {u.wid: u.parent for u in units}
        recorded = self.statuses()
        return [(u, effective_status(u.wid, parents, recorded)) for u in units]

    def paragraph_statuses(self) -> list[tuple[Unit, str]]:
        """Every paragraph of the latest revision as the group counts them (:func:`counted_paragraphs`), with its status.

        A paragraph's status is the least agreed of its own and its sub-paragraphs' (agreed only when
        all of it is); a unit on which the chair has declared nothing is under negotiation.
        """
        statuses = {u.wid: status or OPEN for u, status in self.unit_statuses()}
        out = []
        for paragraph, parts in counted_paragraphs(self.draft().units()):
            out.append((paragraph, min((statuses[u.wid] for u in parts), key=AGREEMENT.index)))
        return out

    def proposals(self) -> list[Amendment]:
        """Every proposal on record (statements left out), whatever its status."""
        return [r for r in self.records if r.kind != "statement"]

    def pending(self) -> list[Amendment]:
        """The pending proposals: proposed or accepted, not yet incorporated into a revision."""
        return [r for r in self.proposals() if r.is_open]

    def conflicts(self) -> tuple[list[Collision], dict[str, str]]:
        """Colliding pairs of pending proposals, one per pair, and the stale ones (``{id: why}``).

        A pair that collides in several languages is given once, in the language being read when
        it collides in it.
        """
        if self._conflicts is None:
            # Imported here: the redline, the annex and the report never ask for conflicts.
            from tracker.amendments.proposals import conflicts

            found, stale = conflicts(self.ws, self.symbol.base)
            pairs: dict[tuple[str, str], Collision] = {}
            for collision in found:
                key = (collision.first, collision.second)
                if key not in pairs or collision.lang == self.lang:
                    pairs[key] = collision
            self._conflicts = (list(pairs.values()), stale)
        return self._conflicts

    def untranslated(self, record: Amendment) -> list[str]:
        """The working languages of the latest revision that ``record`` has no text in yet."""
        if self._latest_languages is None:  # asked for every pending proposal of a report
            self._latest_languages = set(draft_files(self.ws, self.symbol.slug)[self.latest])
        have = self._latest_languages
        return [lang for lang in self.ws.config.languages if lang in have and lang not in record.texts]

    def incorporated_in(self) -> dict[str, int]:
        """``{amendment id: rev}`` for every amendment or statement a revision incorporated."""
        return {i: revision.rev for revision in self.revisions() for i in revision.incorporated}

    def cite_paragraphs(self, paragraphs: list[Unit]) -> str:
        """Paragraphs of the latest revision (as :meth:`paragraph_statuses` gives them) cited in one line.

        Each is cited with its sub-paragraphs, and an opener standing between two of them with them,
        so that consecutive paragraphs read as one range (``the first to twenty-first preambular
        paragraphs``, ``operative paragraphs 3 to 15``), never broken where a unit is not a paragraph.
        """
        units = self.draft().units()
        parts = dict((p.wid, members) for p, members in counted_paragraphs(units))
        chosen = {u.wid for p in paragraphs for u in parts.get(p.wid, [p])}
        bridges = {
            unit.wid
            for before, unit, after in zip(units, units[1:], units[2:])
            if unit.kind == "recitals" and before.wid in chosen and after.wid in chosen
        }
        return self.citations().cite_all(u for u in units if u.wid in chosen or u.wid in bridges)

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


def compared(
    ws: Workspace, symbol: str, rev_from: int, rev_to: int, lang: str | None
) -> tuple[Negotiation, Comparison]:
    """Two revisions compared (:func:`~tracker.compare.compare_revisions`), and the negotiation a redline reads.

    The negotiation holds the records of the amendments and statements the comparison
    names (those the revisions after ``rev_from`` incorporated, each checked in full), not
    every proposal on record: a redline's cost follows what changed, not how much is open.
    Both read the same revisions, each parsed once.
    """
    drafts = draft_cache(ws, resolve_symbol(ws, symbol).base)
    comparison = compare_revisions(ws, symbol, rev_from, rev_to, lang, drafts)
    named = {a.amendment for unit in comparison.units for a in unit.attributions}
    return Negotiation.of(ws, symbol, comparison.lang, records=named, drafts=drafts), comparison


def counted_paragraphs(units: list[Unit]) -> list[tuple[Unit, list[Unit]]]:
    """The paragraphs of a document as a working group counts them, each with the units it is made of.

    Preambular and operative paragraphs, the paragraphs of a report's sections or of a note, and
    the numbered items of an appendix are paragraphs; a sub-paragraph belongs to its paragraph
    (listed after it); the title, formulas, openers, headings and appendix heading lines are not
    paragraphs (:data:`NOT_PARAGRAPHS`).
    """
    by_wid = {u.wid: u for u in units}
    paragraphs: dict[str, list[Unit]] = {}
    for unit in units:  # in reading order: a paragraph comes before its sub-paragraphs
        owner = unit
        while owner.kind in SUB_PARAGRAPHS and owner.parent in by_wid:
            owner = by_wid[owner.parent]
        if owner.kind in NOT_PARAGRAPHS:
            continue
        paragraphs.setdefault(owner.wid, [owner])
        if owner is not unit:
            paragraphs[owner.wid].append(unit)
    return [(parts[0], parts) for parts in paragraphs.values()]
