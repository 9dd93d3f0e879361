"""``wgt compilation``: the open proposals paragraph by paragraph, as a working group circulates them.

For every unit of the latest revision with open proposals (proposed or
accepted) a two-column row: on the left the unit as it stands, on the right
each delegation's proposal redlined against that text (its edits carried from
the revision it was written against, as ``rev issue`` would apply them), with
its co-sponsors, original language (``Or. es``), status, justification, and a
flag when it collides with another proposal or no longer applies (stale).
Units without proposals are summed up in one line, not repeated.
"""

from __future__ import annotations

import datetime as dt

from babel.lists import format_list

from tracker.akn.meta import read_header
from tracker.amendments.proposals import conflicts, proposal_texts
from tracker.amendments.record import Amendment
from tracker.amendments.texts import carried_edits
from tracker.i18n import delegation_name, running_date, translations
from tracker.patches import apply_edits, word_diff
from tracker.render.citing import PROPOSAL_STATUSES, amendment_label, cite, label_ranges, untranslated
from tracker.render.layout import make_header
from tracker.render.model import DELETED, INSERTED, Block, Change, Layout, Run, Table
from tracker.render.record import Negotiation
from tracker.workspace import Workspace


def compilation_layout(ws: Workspace, symbol: str, lang: str | None, date: str | None = None) -> Layout:
    """The compilation of the open proposals on ``symbol``'s latest revision, in ``lang``."""
    neg = Negotiation.of(ws, symbol, lang)
    collisions, stale = conflicts(ws, symbol)
    return _Compilation(neg, collisions, stale, date or dt.date.today().isoformat()).build()


class _Compilation:
    def __init__(self, neg: Negotiation, collisions: list, stale: dict[str, str], date: str) -> None:
        self.neg, self.lang, self.date = neg, neg.lang, date
        self.tr = translations(neg.lang)
        self.draft = neg.draft()
        self.units = self.draft.units()
        self.by_wid = {u.wid: u for u in self.units}
        self.stale = stale
        self.collisions: dict[str, list] = {}
        for collision in collisions:
            for mine, other in ((collision.first, collision.second), (collision.second, collision.first)):
                self.collisions.setdefault(mine, []).append((other, collision))

    def build(self) -> Layout:
        tr, neg = self.tr, self.neg
        symbol = neg.symbol.with_rev(neg.latest)
        header = make_header(
            tr, symbol, self.date, self.lang, self.draft.meta.original_lang, read_header(self.draft.root)
        )
        title = next((u.text for u in self.units if u.kind == "docTitle"), "")
        layout = Layout(self.lang, symbol, title, header)
        layout.blocks.append(Block("caption", [Run(tr.gettext("COMPILATION OF PROPOSALS"))]))
        layout.blocks.append(Block("title", [Run(title)]))
        open_records = [r for r in neg.records if r.is_open and r.kind != "statement"]
        by_unit: dict[str | None, list[Amendment]] = {}
        for record in open_records:
            anchor = record.new_unit.get("after") if record.kind == "new-unit" else record.unit
            by_unit.setdefault(anchor if anchor in self.by_wid else None, []).append(record)
        delegations = {r.by for r in open_records}
        intro = tr.gettext(
            "Open proposals (proposed or accepted) on {symbol} of {date}, paragraph by paragraph: "
            "{proposals} from {delegations} on {units}."
        ).format(
            symbol=symbol,
            date=running_date(self.draft.meta.date, self.lang),
            proposals=tr.ngettext("{n} proposal", "{n} proposals", len(open_records)).format(n=len(open_records)),
            delegations=tr.ngettext("{n} delegation", "{n} delegations", len(delegations)).format(n=len(delegations)),
            units=tr.ngettext("{n} paragraph", "{n} paragraphs", len(by_unit)).format(n=len(by_unit)),
        )
        layout.blocks.append(Block("paragraph", [Run(intro)]))
        rows = [self.row(unit, by_unit[unit.wid]) for unit in self.units if unit.wid in by_unit]
        if None in by_unit:
            gone = Block("paragraph", [Run(tr.gettext("No longer in the current text"), style="strong")])
            rows.append([[gone], [b for r in by_unit[None] for b in self.proposal(r, None)]])
        if rows:
            current = tr.gettext("Current text (rev. {rev})").format(rev=neg.latest)
            layout.blocks.append(Table([current, tr.gettext("Proposals")], rows, "compilation", (1, 1.25)))
        quiet = [u.label for u in self.units if u.wid not in by_unit]
        if quiet:
            lead = tr.gettext("Paragraphs without proposals:")
            runs = [Run(lead, style="strong"), Run(f" {label_ranges(quiet, [u.label for u in self.units])}.")]
            layout.blocks.append(Block("paragraph", runs))
        return layout

    def row(self, unit, records: list[Amendment]) -> list[list[Block]]:
        where = cite(unit, self.by_wid, self.tr, self.lang)
        heading = Block("paragraph", [Run(f"{where[:1].upper()}{where[1:]} ({unit.label})", style="strong")])
        text = Block("paragraph", [Run(unit.text)], num=unit.num)
        return [[heading, text], [b for record in records for b in self.proposal(record, unit)]]

    def proposal(self, record: Amendment, unit) -> list[Block]:
        """The blocks of one proposal: who, redline, justification, flags."""
        tr = self.tr
        details = [Run(amendment_label(record.id, record.by, self.lang), style="strong")]
        if record.cosponsors:
            names = format_list([delegation_name(c, self.lang) for c in record.cosponsors], locale=self.lang)
            details.append(Run(" — " + tr.gettext("co-sponsored by {names}").format(names=names)))
        # TRANSLATORS: the original language of a proposal, as a code: Or. es
        details.append(Run(" — " + tr.gettext("Or. {language}").format(language=record.original_lang)))
        details.append(Run(" — " + tr.gettext(PROPOSAL_STATUSES[record.status])))
        blocks = [Block("paragraph", details, style="proposal")]
        lang = self.lang if self.lang in record.texts else record.original_lang
        diff = self.diff(record, unit, lang)
        author = delegation_name(record.by, self.lang)
        runs = [Run(t, change=_change(op, author, record.created)) for op, t in diff if t]
        if record.kind == "new-unit":
            runs.insert(0, Run(tr.gettext("A new paragraph, to follow this one:") + " ", style="em"))
        elif record.kind == "delete-unit":
            runs.insert(0, Run(tr.gettext("Delete the paragraph:") + " ", style="em"))
        blocks.append(Block("paragraph", runs))
        if lang != self.lang:
            blocks.append(Block("note", [Run(untranslated(tr, self.lang, lang))]))
        if record.justification:
            label = tr.gettext("Justification:")
            blocks.append(Block("note", [Run(label, style="em"), Run(f" {record.justification}")]))
        for other, collision in self.collisions_of(record.id):
            flag = tr.gettext("Collides with {other} on “{words}”.")
            blocks.append(Block("flag", [Run(flag.format(other=other, words=collision.text))]))
        if record.id in self.stale or unit is None:
            flag = tr.gettext(
                "Stale: written against rev. {base}, it no longer applies to rev. {latest} and must be re-proposed."
            )
            blocks.append(Block("flag", [Run(flag.format(base=record.base_rev, latest=self.neg.latest))]))
        return blocks

    def collisions_of(self, amendment_id: str) -> list:
        """One collision per other proposal, in the language being read where it collides in it."""
        found: dict[str, object] = {}
        for other, collision in self.collisions.get(amendment_id, []):
            if other not in found or collision.lang == self.lang:
                found[other] = collision
        return list(found.items())

    def diff(self, record: Amendment, unit, lang: str) -> list[tuple[int, str]]:
        """The proposal redlined against the unit's current text (against its base when stale)."""
        if record.kind == "new-unit":
            return [(1, record.texts[lang].text)]
        current = self.neg.drafts.get(self.neg.latest, lang).unit(unit.wid).text if unit is not None else None
        if record.kind == "delete-unit" and current is not None:
            return [(-1, current)]
        if current is not None and record.id not in self.stale:
            carried = carried_edits(record, lang, current, self.neg.drafts)
            if carried.stale is None:
                return word_diff(current, apply_edits(current, carried.edits))
        base, proposed = proposal_texts(self.neg.ws, record, lang)
        return word_diff(base, proposed)


def _change(op: int, author: str, created: str) -> Change | None:
    if op == 0:
        return None
    return Change(INSERTED if op > 0 else DELETED, author, created[:10])
