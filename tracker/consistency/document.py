"""``wgt check``'s library: an issued revision's language versions, and the open proposals, compared.

This module reads the workspace (the signed log's drafts, the amendment records), so it
sits above the amendments layer; the comparison itself is :mod:`.drafts` and :mod:`.compare`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tracker.amendments.proposals import Context
from tracker.amendments.record import OPEN
from tracker.amendments.store import AmendmentStore
from tracker.amendments.texts import proposed_text
from tracker.consistency.compare import compare_texts
from tracker.consistency.drafts import UnitReport, compare_drafts
from tracker.consistency.findings import KINDS, Finding
from tracker.documents import draft_files
from tracker.errors import WgtError
from tracker.i18n import _
from tracker.workspace import Workspace


@dataclass(frozen=True)
class ProposalReport:
    """An open proposal whose proposed texts differ between languages."""

    id: str
    unit: str
    differences: list[Finding]

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "unit": self.unit, "differences": [f.to_json() for f in self.differences]}


@dataclass(frozen=True)
class CheckReport:
    """What ``wgt check`` found in one revision (and in the open proposals against it)."""

    document: str
    rev: int
    languages: list[str]
    units_checked: int
    units: list[UnitReport]
    proposals: list[ProposalReport] = field(default_factory=list)
    proposals_checked: int = 0

    @property
    def blocking(self) -> bool:
        """True when a unit has a difference ``rev issue`` would refuse on."""
        return any(u.blocking for u in self.units)

    @property
    def consistent(self) -> bool:
        """True when neither a unit nor an open proposal differs between languages."""
        return not self.units and not self.proposals

    def counts(self) -> dict[str, int]:
        """``{kind: units' findings of that kind}``, every kind listed (0 when none)."""
        found = Counter(f.kind for u in self.units for f in u.differences)
        return {kind: found[kind] for kind in KINDS}

    def to_json(self) -> dict[str, object]:
        return {
            "document": self.document,
            "rev": self.rev,
            "languages": self.languages,
            "units_checked": self.units_checked,
            "units": [u.to_json() for u in self.units],
            "blocking": self.blocking,
            "counts": self.counts(),
            "proposals_checked": self.proposals_checked,
            "proposals": [p.to_json() for p in self.proposals],
        }


def check_document(ws: Workspace, symbol: str, rev: int | None = None) -> CheckReport:
    """Compare revision ``rev`` of ``symbol`` (default: the one the symbol names, else the latest).

    Languages are the workspace's (``wgt.toml``) that the revision has. When the
    latest revision is checked, the open proposals with a text in every one of
    them are compared too (their proposed texts, language against language).
    """
    ctx = Context.of(ws, symbol)
    files = draft_files(ws, ctx.symbol.slug)
    wanted = rev if rev is not None else ctx.symbol.rev if ctx.symbol.rev is not None else ctx.latest
    if wanted not in files:
        raise WgtError(
            _("{symbol} has no issued rev. {rev}; its revisions: {revisions}").format(
                symbol=ctx.symbol.base, rev=wanted, revisions=", ".join(map(str, sorted(files)))
            )
        )
    languages = [lang for lang in ws.config.languages if lang in files[wanted]]
    if len(languages) < 2:
        raise WgtError(
            _("{symbol} rev. {rev} is in {languages} only: there is no other version to compare it with").format(
                symbol=ctx.symbol.base, rev=wanted, languages=", ".join(sorted(files[wanted]))
            )
        )
    drafts = {lang: ctx.drafts.get(wanted, lang) for lang in languages}
    checked, units = compare_drafts(drafts, ws.config.glossary)
    proposals: list[ProposalReport] = []
    proposals_checked = 0
    if wanted == ctx.latest:
        proposals_checked, proposals = _check_proposals(ws, ctx, languages, drafts[languages[0]].labels())
    return CheckReport(ctx.symbol.base, wanted, languages, checked, units, proposals, proposals_checked)


def _check_proposals(
    ws: Workspace, ctx: Context, languages: list[str], labels: dict[str, str]
) -> tuple[int, list[ProposalReport]]:
    """(proposals compared, those whose proposed texts differ): open modifications and new units only."""
    checked = 0
    reports = []
    for record in AmendmentStore(ws).all(ctx.symbol.slug):
        if record.status not in OPEN or record.kind not in ("modify", "new-unit"):
            continue
        if any(lang not in record.texts for lang in languages):
            continue  # waiting for its translation: 'wgt status' says so
        try:
            texts = {lang: proposed_text(record, lang, ctx.drafts) for lang in languages}
        except WgtError:
            continue  # a damaged or stale record: 'wgt verify' and 'rev issue' report it
        checked += 1
        found = compare_texts(texts, glossary=ws.config.glossary)
        if found:
            unit = labels.get(record.unit, record.unit or "") if record.kind == "modify" else _("new unit")
            reports.append(ProposalReport(record.id, unit, found))
    return checked, reports
