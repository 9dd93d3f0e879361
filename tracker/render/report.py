"""``wgt report``: the chair's consensus report on a document, in the shape of the OAS chair's reports.

Five numbered sections, each from the signed record of the workspace:

I. the document's history — each revision's symbol and date (from its signed
   manifest) and what it incorporated;
II. the paragraphs by negotiation status (the latest revision's
   ``wgt:unitStatus`` brought up to date by the chair's marks), with counts and
   the share agreed;
III. the proposals by delegation and outcome;
IV. the statements entered into the record, quoted verbatim ("The statement
   that the delegation of Mexico asked be entered into the record …");
V. the conclusion: approved by consensus when every paragraph is agreed, else
   how many are not yet.
"""

from __future__ import annotations

import datetime as dt

from babel.numbers import format_percent

from tracker.i18n import N_, delegation_name, running_date, translations
from tracker.render.annex import concerning
from tracker.render.citing import PARAGRAPH_STATUSES, amendment_label, delegation_of, label_ranges, untranslated
from tracker.render.layout import make_header
from tracker.render.model import Block, Layout, Run, Table
from tracker.render.record import Negotiation
from tracker.render.status import AD_REFERENDUM, AGREED, OPEN
from tracker.workspace import Workspace

#: Columns of the table of proposals by delegation: record statuses, as plural column heads.
OUTCOMES = {
    "proposed": N_("Pending"),
    "accepted": N_("Accepted"),
    "incorporated": N_("Incorporated"),
    "rejected": N_("Rejected"),
    "withdrawn": N_("Withdrawn"),
}
SECTIONS = (
    N_("HISTORY OF THE DOCUMENT"),
    N_("NEGOTIATION STATUS OF THE PARAGRAPHS"),
    N_("PROPOSALS BY DELEGATION AND OUTCOME"),
    N_("STATEMENTS ENTERED INTO THE RECORD"),
    N_("CONCLUSIONS"),
)
_ROMAN = ("I.", "II.", "III.", "IV.", "V.")


def report_layout(ws: Workspace, symbol: str, lang: str | None, date: str | None = None) -> Layout:
    """The chair's report on ``symbol`` in ``lang``, dated ``date`` (today by default)."""
    return _Report(Negotiation.of(ws, symbol, lang), date or dt.date.today().isoformat()).build()


class _Report:
    def __init__(self, neg: Negotiation, date: str) -> None:
        self.neg, self.lang, self.date = neg, neg.lang, date
        self.tr = translations(neg.lang)
        self.draft = neg.draft()
        self.symbol = neg.symbol.with_rev(neg.latest)

    def build(self) -> Layout:
        tr = self.tr
        title = next((u.text for u in self.draft.units() if u.kind == "docTitle"), "")
        header = make_header(tr, self.symbol, self.date, self.lang)
        layout = Layout(self.lang, self.symbol, title, header)
        layout.blocks.append(Block("caption", [Run(tr.gettext("REPORT OF THE CHAIR OF THE WORKING GROUP"))]))
        heading = tr.gettext("On the negotiation of document {symbol}").format(symbol=self.neg.symbol.base)
        layout.blocks.append(Block("title", [Run(heading)]))
        if title:
            layout.blocks.append(Block("subtitle", [Run(f"“{title}”")]))
        parts = (self.history, self.statuses, self.proposals, self.statements, self.conclusions)
        for number, name, part in zip(_ROMAN, SECTIONS, parts):
            layout.blocks.append(Block("heading", [Run(tr.gettext(name))], num=number))
            layout.blocks += part()
        chair = delegation_name("CHAIR", self.lang)
        layout.blocks.append(Block("closing", [Run(chair)], style="signature"))
        return layout

    def history(self) -> list:
        tr, revisions = self.tr, self.neg.revisions()
        first, later = revisions[0], len(revisions) - 1
        opening = tr.gettext("The Technical Secretariat issued document {symbol} on {date}.").format(
            symbol=first.symbol, date=running_date(first.date, self.lang)
        )
        if later:
            since = tr.ngettext(
                "The Working Group revised it once, in the light of the proposals it accepted:",
                "The Working Group revised it {n} times, in the light of the proposals it accepted:",
                later,
            ).format(n=later)
        else:
            since = tr.gettext("It has not been revised since.")
        rows = []
        records = {r.id: r for r in self.neg.records}
        for revision in revisions:
            made = [amendment_label(i, records[i].by, self.lang) for i in revision.incorporated if i in records]
            rows.append(
                [
                    [_cell(revision.symbol)],
                    [_cell(running_date(revision.date, self.lang))],
                    [_cell(", ".join(made) or "—")],
                ]
            )
        head = [tr.gettext("Symbol"), tr.gettext("Date"), tr.gettext("Amendments and statements incorporated")]
        return [Block("paragraph", [Run(f"{opening} {since}")]), Table(head, rows, "history", (1.7, 1.1, 2.2))]

    def statuses(self) -> list:
        tr = self.tr
        units = self.neg.unit_statuses()
        order = [u.label for u, _ in units]
        groups = {AGREED: [], AD_REFERENDUM: [], OPEN: []}
        for unit, status in units:
            groups[status if status in groups else OPEN].append(unit.label)
        total, agreed = len(units), len(groups[AGREED])
        share = format_percent(agreed / total if total else 0, locale=self.lang)
        sentence = tr.ngettext(
            "{share} of {symbol} is agreed: {agreed} of its {total} paragraph.",
            "{share} of {symbol} is agreed: {agreed} of its {total} paragraphs.",
            total,
        ).format(share=share, symbol=self.symbol, agreed=agreed, total=total)
        note = tr.gettext(
            "Paragraphs on which the Chair has declared no status are counted as under negotiation; "
            "a paragraph takes the status of the paragraph it belongs to."
        )
        rows = [
            [
                [_cell(tr.gettext(PARAGRAPH_STATUSES[s]))],
                [_cell(str(len(labels)))],
                [_cell(label_ranges(labels, order) or "—")],
            ]
            for s, labels in groups.items()
        ]
        rows.append([[_cell(tr.gettext("Total"), "strong")], [_cell(str(total), "strong")], [_cell("")]])
        head = [tr.gettext("Status"), tr.gettext("Number"), tr.gettext("Paragraphs")]
        return [
            Block("paragraph", [Run(sentence)]),
            Table(head, rows, "status", (1.2, 0.6, 2.5)),
            Block("note", [Run(note)]),
        ]

    def proposals(self) -> list:
        tr = self.tr
        proposals = [r for r in self.neg.records if r.kind != "statement"]
        if not proposals:
            return [Block("paragraph", [Run(tr.gettext("No delegation has submitted a proposal."))])]
        counts: dict[str, dict[str, int]] = {}
        for record in proposals:
            row = counts.setdefault(record.by, dict.fromkeys(OUTCOMES, 0))
            row[record.status] += 1
        delegations = sorted(counts, key=lambda code: delegation_name(code, self.lang))
        rows = [
            [
                [_cell(delegation_name(code, self.lang))],
                *([_cell(str(n))] for n in counts[code].values()),
                [_cell(str(sum(counts[code].values())), "strong")],
            ]
            for code in delegations
        ]
        totals = [sum(counts[c][s] for c in counts) for s in OUTCOMES]
        rows.append(
            [[_cell(tr.gettext("Total"), "strong")], *([_cell(str(n), "strong")] for n in [*totals, sum(totals)])]
        )
        head = [tr.gettext("Delegation"), *(tr.gettext(name) for name in OUTCOMES.values()), tr.gettext("Total")]
        lead = tr.ngettext(
            "{n} proposal was submitted by {delegations}; their outcome:",
            "{n} proposals were submitted by {delegations}; their outcome:",
            len(proposals),
        ).format(
            n=len(proposals),
            delegations=tr.ngettext("{n} delegation", "{n} delegations", len(counts)).format(n=len(counts)),
        )
        widths = (2, *(1,) * len(OUTCOMES), 0.8)
        return [Block("paragraph", [Run(lead)]), Table(head, rows, "counts", widths)]

    def statements(self) -> list:
        tr = self.tr
        statements = self.neg.in_document_order(self.neg.statements(), self.draft)
        if not statements:
            return [
                Block(
                    "paragraph", [Run(tr.gettext("No delegation asked that a statement be entered into the record."))]
                )
            ]
        blocks = []
        for record in statements:
            lead = tr.gettext(
                "The statement that {delegation} asked be entered into the record ({where}) is as follows:"
            ).format(delegation=delegation_of(record.by, tr, self.lang), where=concerning(self.neg, self.draft, record))
            text, lang = self.neg.text_of(record)
            blocks += [Block("paragraph", [Run(lead[:1].upper() + lead[1:])]), Block("quote", [Run(f"“{text}”")])]
            if lang != self.lang:
                blocks.append(Block("note", [Run(untranslated(tr, self.lang, lang))]))
        return blocks

    def conclusions(self) -> list:
        tr = self.tr
        units = self.neg.unit_statuses()
        pending = sum(1 for _, status in units if status != AGREED)
        if pending == 0:
            text = tr.gettext("Every paragraph of {symbol} having been agreed, the text was approved by consensus.")
        else:
            text = tr.ngettext(
                "The text of {symbol} has not yet been approved by consensus: {n} paragraph is not yet agreed.",
                "The text of {symbol} has not yet been approved by consensus: {n} paragraphs are not yet agreed.",
                pending,
            )
        return [Block("paragraph", [Run(text.format(symbol=self.symbol, n=pending))])]


def _cell(text: str, style: str | None = None) -> Block:
    return Block("paragraph", [Run(text, style=style)] if text else [])
