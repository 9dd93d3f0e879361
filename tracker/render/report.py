"""``wgt report``: the chair's report on the negotiation of a document, in the shape of the OAS chair's reports.

A document of its own (:mod:`~tracker.render.identity`: its symbol, date,
header block and ``Original: …``), in six numbered sections, each from the
signed record of the workspace:

I. the document's history — each revision's symbol and date (from its signed
   manifest) and what it incorporated;
II. the paragraphs by negotiation status, counted as the group counts them
   (:func:`~tracker.render.record.counted_paragraphs`: no title, formulas,
   openers or heading lines; sub-paragraphs with their paragraph), with the
   share agreed, and agreed *ad referendum* apart from both agreed and open;
III. the proposals by delegation: counts by outcome, then each proposal with
   its paragraph, co-sponsors and outcome;
IV. the statements entered into the record, quoted verbatim ("The statement
   that the delegation of Mexico asked be entered into the record …");
V. the conclusion: approved by consensus when every paragraph is agreed, else
   how many paragraphs are not yet;
VI. what remains for the next meeting (:mod:`~tracker.render.pending`).

It closes with the place and date and the chair's signature.
"""

from __future__ import annotations

import datetime as dt

from babel.lists import format_list
from babel.numbers import format_percent

from tracker.i18n import N_, delegation_name, running_date, translations
from tracker.render.annex import concerning
from tracker.render.citing import PARAGRAPH_STATUSES, PROPOSAL_STATUSES, amendment_label, delegation_of, untranslated
from tracker.render.consensus import adopted_under_silence, consensus_blocks
from tracker.render.identity import chair_name, document_identity, given_line
from tracker.render.model import Block, Layout, Run, Table
from tracker.render.pending import capitalized, cell, pending_blocks, proposal_place
from tracker.render.prose import counted
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
    "superseded": N_("Superseded"),
}
SECTIONS = (
    N_("HISTORY OF THE DOCUMENT"),
    N_("NEGOTIATION STATUS OF THE PARAGRAPHS"),
    N_("PROPOSALS BY DELEGATION AND OUTCOME"),
    N_("STATEMENTS ENTERED INTO THE RECORD"),
    N_("CONCLUSIONS"),
    N_("MATTERS PENDING FOR THE NEXT MEETING"),
)
#: The section on compromise texts, confirmations and silence, after III when the record has any.
CONSENSUS_SECTION = N_("COMPROMISE TEXTS, CONFIRMATIONS AND SILENCE PROCEDURE")
_ROMAN = ("I.", "II.", "III.", "IV.", "V.", "VI.", "VII.")
#: The parts of a document whose paragraphs are counted apart, by the family of their labels.
PARTS = {"pp": "preamble", "op": "operative", "app": "appendix", "annex": "annex"}


def report_layout(
    ws: Workspace,
    symbol: str,
    lang: str | None,
    date: str | None = None,
    *,
    own_symbol: str | None = None,
    chair: str | None = None,
    place: str | None = None,
) -> Layout:
    """The chair's report on ``symbol`` in ``lang``, dated ``date`` (today by default).

    ``own_symbol``, ``chair`` and ``place`` override what ``wgt.toml`` says (see :mod:`~tracker.render.identity`).
    """
    neg = Negotiation.of(ws, symbol, lang)
    identity = document_identity(neg, "report", date or dt.date.today().isoformat(), own_symbol)
    signer = chair_name(ws, chair)
    where = given_line(place, N_("place")) if place is not None else ws.config.documents.place
    return _Report(neg, identity, signer, where).build()


class _Report:
    def __init__(self, neg: Negotiation, identity, chair: str | None, place: str | None) -> None:
        self.neg, self.lang, self.identity = neg, neg.lang, identity
        self.chair, self.place = chair, place
        self.tr = translations(neg.lang)
        self.draft = neg.draft()
        #: The document reported on, with its revision.
        self.symbol = neg.symbol.with_rev(neg.latest)
        self.paragraphs = neg.paragraph_statuses()

    def build(self) -> Layout:
        tr = self.tr
        title = next((u.text for u in self.draft.units() if u.kind == "docTitle"), "")
        layout = Layout(
            self.lang,
            self.identity.symbol,
            title,
            self.identity.header,
            about=self.symbol,
            date=self.identity.date,
            author=self.neg.ws.config.body,
        )
        layout.blocks.append(Block("caption", [Run(tr.gettext("REPORT OF THE CHAIR OF THE WORKING GROUP"))]))
        heading = tr.gettext("On the negotiation of document {symbol}").format(symbol=self.neg.symbol.base)
        layout.blocks.append(Block("title", [Run(heading)]))
        if title:
            layout.blocks.append(Block("subtitle", [Run(f"“{title}”")]))
        parts = [self.history, self.statuses, self.proposals, self.statements, self.conclusions, self.pending]
        built = [(name, part()) for name, part in zip(SECTIONS, parts)]
        if consensus := consensus_blocks(self.neg, self.identity.date):  # only when there is something to say
            built.insert(3, (CONSENSUS_SECTION, consensus))
        for number, (name, blocks) in zip(_ROMAN, built):
            layout.blocks.append(Block("heading", [Run(tr.gettext(name))], num=number))
            layout.blocks += blocks
        layout.blocks += self.closing()
        return layout

    # -- I. ----------------------------------------------------------------------------------
    def history(self) -> list:
        tr, revisions = self.tr, self.neg.revisions()
        first, later = revisions[0], len(revisions) - 1
        opening = tr.gettext("The Technical Secretariat issued document {symbol} on {date}.").format(
            symbol=first.symbol, date=running_date(first.date, self.lang)
        )
        if later:
            since = counted(
                tr.ngettext(
                    "The Working Group revised it once, in the light of the proposals it accepted:",
                    "The Working Group revised it {n} times, in the light of the proposals it accepted:",
                    later,
                ),
                later,
                self.lang,
                feminine=True,  # veces
            )
        else:
            since = tr.gettext("It has not been revised since.")
        rows = []
        records = {r.id: r for r in self.neg.records}
        for revision in revisions:
            made = [amendment_label(i, records[i].by, self.lang) for i in revision.incorporated if i in records]
            rows.append(
                [
                    [cell(revision.symbol)],
                    [cell(running_date(revision.date, self.lang))],
                    [cell(", ".join(made) or "—")],
                ]
            )
        head = [tr.gettext("Symbol"), tr.gettext("Date"), tr.gettext("Amendments and statements incorporated")]
        return [Block("paragraph", [Run(f"{opening} {since}")]), Table(head, rows, "history", (1.7, 1.1, 2.2))]

    # -- II. ---------------------------------------------------------------------------------
    def statuses(self) -> list:
        tr = self.tr
        groups: dict[str, list] = {AGREED: [], AD_REFERENDUM: [], OPEN: []}
        for unit, status in self.paragraphs:
            groups[status].append(unit)
        total = len(self.paragraphs)
        blocks = [Block("paragraph", [Run(self.composition(total))])]
        if total:
            blocks.append(Block("paragraph", [Run(" ".join(self.status_sentences(groups, total)))]))
        rows = [
            [
                [cell(tr.gettext(PARAGRAPH_STATUSES[s]))],
                [cell(str(len(units)))],
                [cell(capitalized(self.neg.cite_paragraphs(units)) or "—")],
            ]
            for s, units in groups.items()
        ]
        rows.append([[cell(tr.gettext("Total"), "strong")], [cell(str(total), "strong")], [cell("")]])
        head = [tr.gettext("Status"), tr.gettext("Number"), tr.gettext("Paragraphs")]
        note = tr.gettext(
            "The title, the formulas, the phrases that open a group of paragraphs and the headings are not "
            "counted as paragraphs; a sub-paragraph is counted with its paragraph, which is agreed only when all "
            "of it is. Paragraphs on which the Chair has declared no status are counted as under negotiation."
        )
        return [*blocks, Table(head, rows, "status", (1.2, 0.6, 2.5)), Block("note", [Run(note)])]

    def composition(self, total: int) -> str:
        """``CAJP/GT/TM-38/05 rev. 2 has 42 paragraphs: 21 preambular paragraphs, 15 operative …``."""
        tr, lang = self.tr, self.lang
        if not total:
            return tr.gettext("{symbol} has no paragraphs to count.").format(symbol=self.symbol)
        by_part: dict[str, int] = {}
        for unit, _status in self.paragraphs:
            family = unit.label.split(".")[0].rstrip("0123456789")
            part = PARTS.get(family, "paragraphs")
            by_part[part] = by_part.get(part, 0) + 1
        pieces = [counted(self.part_name(part, n), n, lang) for part, n in by_part.items()]
        sentence = tr.ngettext("{symbol} has {n} paragraph: {parts}.", "{symbol} has {n} paragraphs: {parts}.", total)
        if len(pieces) == 1:
            sentence = tr.ngettext("{symbol} has {n} paragraph.", "{symbol} has {n} paragraphs.", total)
        return counted(sentence, total, lang, symbol=self.symbol, parts=format_list(pieces, locale=lang))

    def part_name(self, part: str, n: int) -> str:
        tr = self.tr
        if part == "preamble":
            return tr.ngettext("{n} preambular paragraph", "{n} preambular paragraphs", n)
        if part == "operative":
            return tr.ngettext("{n} operative paragraph", "{n} operative paragraphs", n)
        if part == "appendix":
            return tr.ngettext("{n} item of the appendix", "{n} items of the appendix", n)
        if part == "annex":
            return tr.ngettext("{n} item of the annex", "{n} items of the annex", n)
        return tr.ngettext("{n} paragraph", "{n} paragraphs", n)

    def status_sentences(self, groups: dict[str, list], total: int) -> list[str]:
        """How many are agreed (with the share), agreed ad referendum and still under negotiation."""
        tr, lang = self.tr, self.lang
        agreed, adref, negotiating = (len(groups[s]) for s in (AGREED, AD_REFERENDUM, OPEN))
        share = format_percent(agreed / total, locale=lang)
        if agreed:
            said = [
                counted(
                    tr.ngettext(
                        "{n} paragraph is agreed ({share} of the text).",
                        "{n} paragraphs are agreed ({share} of the text).",
                        agreed,
                    ),
                    agreed,
                    lang,
                    sentence=True,
                    share=share,
                )
            ]
        else:
            said = [tr.gettext("No paragraph is agreed yet.")]
        if adref:
            said.append(
                counted(
                    tr.ngettext(
                        "{n} paragraph is agreed ad referendum, pending confirmation.",
                        "{n} paragraphs are agreed ad referendum, pending confirmation.",
                        adref,
                    ),
                    adref,
                    lang,
                    sentence=True,
                )
            )
        if negotiating:
            said.append(
                counted(
                    tr.ngettext(
                        "{n} paragraph is still under negotiation.",
                        "{n} paragraphs are still under negotiation.",
                        negotiating,
                    ),
                    negotiating,
                    lang,
                    sentence=True,
                )
            )
        return said

    # -- III. --------------------------------------------------------------------------------
    def proposals(self) -> list:
        tr, lang = self.tr, self.lang
        proposals = self.neg.proposals()
        if not proposals:
            return [Block("paragraph", [Run(tr.gettext("No delegation has submitted a proposal."))])]
        counts: dict[str, dict[str, int]] = {}
        # The superseded column only when a compromise superseded something: most reports have none.
        outcomes = {
            s: name for s, name in OUTCOMES.items() if s != "superseded" or any(r.status == s for r in proposals)
        }
        for record in proposals:
            row = counts.setdefault(record.by, dict.fromkeys(outcomes, 0))
            row[record.status] += 1
        delegations = sorted(counts, key=lambda code: delegation_name(code, lang))
        rows = [
            [
                [cell(delegation_name(code, lang))],
                *([cell(str(n))] for n in counts[code].values()),
                [cell(str(sum(counts[code].values())), "strong")],
            ]
            for code in delegations
        ]
        totals = [sum(counts[c][s] for c in counts) for s in outcomes]
        rows.append(
            [[cell(tr.gettext("Total"), "strong")], *([cell(str(n), "strong")] for n in [*totals, sum(totals)])]
        )
        head = [tr.gettext("Delegation"), *(tr.gettext(name) for name in outcomes.values()), tr.gettext("Total")]
        by = counted(tr.ngettext("{n} delegation", "{n} delegations", len(counts)), len(counts), lang, feminine=True)
        lead = counted(
            tr.ngettext(
                "{n} proposal was submitted by {delegations}; their outcome:",
                "{n} proposals were submitted by {delegations}; their outcome:",
                len(proposals),
            ),
            len(proposals),
            lang,
            feminine=True,
            sentence=True,
            delegations=by,
        )
        widths = (2, *(1,) * len(outcomes), 0.8)
        detail = tr.gettext(
            "Each proposal, by delegation, with the paragraph it concerns, its co-sponsors and outcome:"
        )
        return [
            Block("paragraph", [Run(lead)]),
            Table(head, rows, "counts", widths),
            Block("paragraph", [Run(detail)]),
            self.proposal_table(proposals, delegations),
        ]

    def proposal_table(self, proposals: list, delegations: list[str]) -> Table:
        tr, lang = self.tr, self.lang
        incorporated = self.neg.incorporated_in()
        rows = []
        for code in delegations:
            for record in sorted((r for r in proposals if r.by == code), key=_id_order):
                cosponsors = [delegation_name(c, lang) for c in record.cosponsors]
                rows.append(
                    [
                        [cell(delegation_name(code, lang))],
                        [cell(record.id, "strong")],
                        [cell(proposal_place(self.neg, record))],
                        [cell(format_list(cosponsors, locale=lang) if cosponsors else "—")],
                        [cell(self.outcome(record, incorporated))],
                    ]
                )
        head = [
            tr.gettext("Delegation"),
            tr.gettext("Proposal"),
            tr.gettext("Paragraph"),
            tr.gettext("Co-sponsors"),
            tr.gettext("Outcome"),
        ]
        return Table(head, rows, "proposals", (1.1, 0.9, 1.9, 1.2, 1.3))

    def outcome(self, record, incorporated: dict[str, int]) -> str:
        """What became of one proposal, as a sentence's start: ``Incorporated in rev. 1``, ``Rejected``."""
        tr = self.tr
        if record.status == "incorporated" and record.id in incorporated:
            return tr.gettext("Incorporated in rev. {rev}").format(rev=incorporated[record.id])
        if record.status == "accepted":
            return tr.gettext("Accepted, to be incorporated in the next revision")
        if record.status == "proposed":
            return tr.gettext("Awaiting a decision")
        return capitalized(tr.gettext(PROPOSAL_STATUSES[record.status]))

    # -- IV. ---------------------------------------------------------------------------------
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

    # -- V. ----------------------------------------------------------------------------------
    def conclusions(self) -> list:
        tr, lang = self.tr, self.lang
        negotiating = sum(1 for _, status in self.paragraphs if status == OPEN)
        adref = sum(1 for _, status in self.paragraphs if status == AD_REFERENDUM)
        if not negotiating and not adref:
            text = tr.gettext("Every paragraph of {symbol} having been agreed, the text was approved by consensus.")
            silence = adopted_under_silence(self.neg)
            return [Block("paragraph", [Run(text.format(symbol=self.symbol) + (f" {silence}" if silence else ""))])]
        said = []
        if negotiating:
            said.append(
                counted(
                    tr.ngettext(
                        "The text of {symbol} has not yet been approved by consensus: {n} paragraph is still under "
                        "negotiation.",
                        "The text of {symbol} has not yet been approved by consensus: {n} paragraphs are still under "
                        "negotiation.",
                        negotiating,
                    ),
                    negotiating,
                    lang,
                    symbol=self.symbol,
                )
            )
        if adref:
            said.append(
                counted(
                    tr.ngettext(
                        "Consensus also awaits the confirmation of {n} paragraph agreed ad referendum.",
                        "Consensus also awaits the confirmation of {n} paragraphs agreed ad referendum.",
                        adref,
                    )
                    if negotiating
                    else tr.ngettext(
                        "Every other paragraph of {symbol} being agreed, the text will be approved by consensus once "
                        "{n} paragraph agreed ad referendum is confirmed.",
                        "Every other paragraph of {symbol} being agreed, the text will be approved by consensus once "
                        "the {n} paragraphs agreed ad referendum are confirmed.",
                        adref,
                    ),
                    adref,
                    lang,
                    symbol=self.symbol,
                )
            )
        return [Block("paragraph", [Run(" ".join(said))])]

    # -- VI. ---------------------------------------------------------------------------------
    def pending(self) -> list:
        return pending_blocks(self.neg, self.paragraphs)

    # -- closing -----------------------------------------------------------------------------
    def closing(self) -> list:
        """Place and date, then the chair's name (when known) over the office."""
        tr, blocks = self.tr, []
        date = running_date(self.identity.date, self.lang)
        # TRANSLATORS: the place and date the chair signs the report, e.g. Washington, D.C., March 18, 2005.
        line = tr.gettext("{place}, {date}").format(place=self.place, date=date) if self.place else date
        blocks.append(Block("closing", [Run(line)], style="placeDate"))
        office = delegation_name("CHAIR", self.lang)
        if self.chair:
            blocks.append(Block("closing", [Run(self.chair)], style="signature"))
            blocks.append(Block("closing", [Run(office)], style="office"))
        else:
            blocks.append(Block("closing", [Run(office)], style="signature"))
        return blocks


def _id_order(record) -> tuple[str, int]:
    code, _sep, number = record.id.partition("-")
    return code, int(number) if number.isdigit() else 0
