"""``wgt compilation``: the pending proposals paragraph by paragraph, as a working group circulates them.

A document of its own (:mod:`~tracker.render.identity`: by default
``CAJP/GT/TM-38/05 add. 1``), laid out across the page, with one row for every
paragraph of the latest revision that has pending proposals (proposed or
accepted), in three columns:

1. the paragraph as it stands, cited as delegates cite it, with its negotiation
   status (open text in [square brackets]);
2. each delegation's proposal redlined against that text (its edits carried from
   the revision it was written against, as ``rev issue`` would apply them), with
   its co-sponsors, ``Original: español``, status and justification; a text or a
   justification not yet translated is shown in its original language and says so;
3. comments and agreed text: the paragraph as the accepted proposals make it, the
   statements asked for on it, and the proposals that collide or no longer apply.

Paragraphs without proposals are cited in one line, not repeated.
"""

from __future__ import annotations

import datetime as dt

from babel.lists import format_list

from tracker.amendments.record import Amendment
from tracker.amendments.store import AmendmentStore
from tracker.amendments.texts import base_text, carried_edits, proposed_text
from tracker.i18n import N_, delegation_name, language_name, running_date, translations
from tracker.patches import apply_edits, word_diff
from tracker.render.citing import PROPOSAL_STATUSES, amendment_label, untranslated
from tracker.render.consensus import compromise_line, procedure_notes, share_sentence
from tracker.render.identity import document_identity
from tracker.render.model import DELETED, INSERTED, Block, Change, Layout, Run, Table
from tracker.render.pending import capitalized
from tracker.render.prose import counted
from tracker.render.record import Negotiation
from tracker.render.status import AD_REFERENDUM, AGREED, OPEN
from tracker.workspace import Workspace

#: A paragraph's status as the first column states it.
UNIT_STATUSES = {
    AGREED: N_("Status: agreed"),
    AD_REFERENDUM: N_("Status: agreed ad referendum, pending confirmation"),
    OPEN: N_("Status: under negotiation"),
}


def compilation_layout(
    ws: Workspace, symbol: str, lang: str | None, date: str | None = None, *, own_symbol: str | None = None
) -> Layout:
    """The compilation of the pending proposals on ``symbol``'s latest revision, in ``lang``, dated ``date``."""
    neg = Negotiation.of(ws, symbol, lang)
    identity = document_identity(neg, "compilation", date or dt.date.today().isoformat(), own_symbol)
    return _Compilation(neg, identity).build()


class _Compilation:
    def __init__(self, neg: Negotiation, identity) -> None:
        self.neg, self.lang, self.identity = neg, neg.lang, identity
        self.tr = translations(neg.lang)
        self._statements: dict[str | None, list[Amendment]] | None = None
        self.draft = neg.draft()
        self.units = self.draft.units()
        self.citations = neg.citations()
        self.by_wid = {u.wid: u for u in self.units}
        self.statuses = {u.wid: status or OPEN for u, status in neg.unit_statuses()}
        collisions, self.stale = neg.conflicts()
        self.collisions: dict[str, list] = {}
        for collision in collisions:
            for mine in (collision.first, collision.second):
                self.collisions.setdefault(mine, []).append(collision)

    def build(self) -> Layout:
        tr, neg = self.tr, self.neg
        symbol = neg.symbol.with_rev(neg.latest)
        title = next((u.text for u in self.units if u.kind == "docTitle"), "")
        layout = Layout(
            self.lang,
            self.identity.symbol,
            title,
            self.identity.header,
            about=symbol,
            landscape=True,
            date=self.identity.date,
            author=neg.ws.config.body,
        )
        layout.blocks.append(Block("caption", [Run(tr.gettext("COMPILATION OF PROPOSALS"))]))
        layout.blocks.append(Block("title", [Run(title)]))
        pending = neg.pending()
        by_unit: dict[str | None, list[Amendment]] = {}
        for record in pending:
            anchor = record.new_unit.get("after") if record.kind == "new-unit" else record.unit
            by_unit.setdefault(anchor if anchor in self.by_wid else None, []).append(record)
        layout.blocks.append(Block("paragraph", [Run(self.intro(symbol, pending, by_unit))]))
        layout.blocks += [Block("paragraph", [Run(text)]) for text in procedure_notes(neg, self.identity.date)]
        rows = [self.row(unit, by_unit[unit.wid]) for unit in self.units if unit.wid in by_unit]
        if None in by_unit:
            gone = Block("paragraph", [Run(tr.gettext("No longer in the current text"), style="strong")])
            records = by_unit[None]
            rows.append([[gone], [b for r in records for b in self.proposal(r, None)], self.comments(None, records)])
        if rows:
            head = [
                tr.gettext("Current text (rev. {rev})").format(rev=neg.latest),
                tr.gettext("Proposals"),
                tr.gettext("Comments and agreed text"),
            ]
            layout.blocks.append(Table(head, rows, "compilation", (1, 1.35, 0.9)))
        if any(self.statuses[wid] == OPEN for wid in by_unit if wid is not None):
            layout.legend = tr.gettext("Text in square brackets is still under negotiation.")
        quiet = [u for u in self.units if u.wid not in by_unit]
        if quiet:
            lead = tr.gettext("Paragraphs without proposals:")
            runs = [Run(lead, style="strong"), Run(f" {self.citations.cite_all(quiet)}.")]
            layout.blocks.append(Block("paragraph", runs))
        return layout

    def intro(self, symbol: str, pending: list[Amendment], by_unit: dict) -> str:
        tr, lang = self.tr, self.lang
        delegations = {r.by for r in pending}
        return tr.gettext(
            "Pending proposals (proposed or accepted) on {symbol} of {date}, paragraph by paragraph: "
            "{proposals} from {delegations} on {units}."
        ).format(
            symbol=symbol,
            date=running_date(self.draft.meta.date, lang),
            proposals=counted(
                tr.ngettext("{n} proposal", "{n} proposals", len(pending)), len(pending), lang, feminine=True
            ),
            delegations=counted(
                tr.ngettext("{n} delegation", "{n} delegations", len(delegations)),
                len(delegations),
                lang,
                feminine=True,
            ),
            units=counted(tr.ngettext("{n} paragraph", "{n} paragraphs", len(by_unit)), len(by_unit), lang),
        )

    # -- the first column: the paragraph as it stands ------------------------------------------
    def row(self, unit, records: list[Amendment]) -> list[list[Block]]:
        status = self.statuses[unit.wid]
        heading = Block("paragraph", [Run(capitalized(self.citations.cite(unit)), style="strong")])
        state = Block("note", [Run(self.tr.gettext(UNIT_STATUSES[status]), style="em")], status=status)
        runs = [Run("["), Run(unit.text), Run("]")] if status == OPEN else [Run(unit.text)]
        text = Block("paragraph", runs, num=unit.num, status=status)
        proposals = [b for record in records for b in self.proposal(record, unit)]
        return [[heading, state, text], proposals, self.comments(unit, records)]

    # -- the second column: each proposal ----------------------------------------------------
    def proposal(self, record: Amendment, unit) -> list[Block]:
        """The blocks of one proposal: who, in what language, its redline and its justification."""
        tr, lang = self.tr, self.lang
        details = [Run(amendment_label(record.id, record.by, lang), style="strong")]
        if record.cosponsors:
            names = format_list([delegation_name(c, lang) for c in record.cosponsors], locale=lang)
            details.append(Run(" — " + tr.gettext("co-sponsored by {names}").format(names=names)))
        original = tr.gettext("Original: {language}").format(language=language_name(record.original_lang, lang))
        details.append(Run(f" — {original} — {tr.gettext(PROPOSAL_STATUSES[record.status])}"))
        blocks = [Block("paragraph", details, style="proposal")]
        if record.supersedes:
            line = compromise_line(self.neg, record) + ". " + share_sentence(self.neg, record)
            blocks.append(Block("note", [Run(line, style="em")]))
        for outdated in AmendmentStore(self.neg.ws).outdated_translations(record):
            flag = tr.gettext("Translation outdated: its {language} text was made before the proposal was revised.")
            blocks.append(Block("flag", [Run(flag.format(language=language_name(outdated, lang)))]))
        shown = lang if lang in record.texts else record.original_lang
        author = delegation_name(record.by, lang)
        runs = [Run(t, change=_change(op, author, record.created)) for op, t in self.diff(record, unit, shown) if t]
        if record.kind == "new-unit":
            runs.insert(0, Run(tr.gettext("A new paragraph, to follow this one:") + " ", style="em"))
        elif record.kind == "delete-unit":
            runs.insert(0, Run(tr.gettext("Delete the paragraph:") + " ", style="em"))
        blocks.append(Block("paragraph", runs))
        if shown != lang:
            blocks.append(Block("note", [Run(untranslated(tr, lang, shown))]))
        if record.justification:
            if record.original_lang == lang:
                label = tr.gettext("Justification:")
            else:
                label = tr.gettext("Justification (not yet translated into {language}; original in {original}):")
                label = label.format(
                    language=language_name(lang, lang), original=language_name(record.original_lang, lang)
                )
            blocks.append(Block("note", [Run(label, style="em"), Run(f" {record.justification}")]))
        return blocks

    def diff(self, record: Amendment, unit, lang: str) -> list[tuple[int, str]]:
        """The proposal redlined against the unit's current text (against its base when stale)."""
        if record.kind == "new-unit":
            return [(1, record.texts[lang].text)]
        current = self.current_text(unit, lang)
        if record.kind == "delete-unit" and current is not None:
            return [(-1, current)]
        if current is not None and record.id not in self.stale:
            carried = carried_edits(record, lang, current, self.neg.drafts)
            if carried.stale is None:
                return word_diff(current, apply_edits(current, carried.edits))
        base = base_text(record, lang, self.neg.drafts)
        return word_diff(base, proposed_text(record, lang, self.neg.drafts, base))

    def current_text(self, unit, lang: str) -> str | None:
        if unit is None:
            return None
        return self.neg.drafts.get(self.neg.latest, lang).unit(unit.wid).text

    # -- the third column: comments and agreed text -------------------------------------------
    def comments(self, unit, records: list[Amendment]) -> list[Block]:
        """Accepted text, statements asked for on the paragraph, collisions and stale proposals."""
        tr = self.tr
        blocks = self.accepted(unit, [r for r in records if r.status == "accepted"])
        for statement in self.statements_on(unit):
            text, shown = self.neg.text_of(statement)
            lead = tr.gettext("Statement asked for by {delegation} ({id}):").format(
                delegation=delegation_name(statement.by, self.lang), id=statement.id
            )
            blocks += [Block("note", [Run(lead, style="em")]), Block("paragraph", [Run(f"“{text}”")])]
            if shown != self.lang:
                blocks.append(Block("note", [Run(untranslated(tr, self.lang, shown))]))
        seen = set()
        for record in records:
            for collision in self.collisions.get(record.id, []):
                if (collision.first, collision.second) in seen:
                    continue
                seen.add((collision.first, collision.second))
                flag = tr.gettext(
                    "{first} and {second} change the same words, “{words}”: only one of them can be accepted as "
                    "written."
                ).format(first=collision.first, second=collision.second, words=collision.text)
                blocks.append(Block("flag", [Run(flag)]))
        for record in records:
            if record.id in self.stale or unit is None:
                flag = tr.gettext(
                    "{id} is stale: written against rev. {base}, it no longer applies to rev. {latest} and must be "
                    "presented again."
                ).format(id=record.id, base=record.base_rev, latest=self.neg.latest)
                blocks.append(Block("flag", [Run(flag)]))
        return blocks or [Block("paragraph", [Run("—")])]

    def accepted(self, unit, records: list[Amendment]) -> list[Block]:
        """The paragraph as the accepted proposals make it, in the next revision."""
        if not records:
            return []
        tr = self.tr
        following = self.neg.latest + 1
        deleting = [r for r in records if r.kind == "delete-unit"]
        if deleting:
            said = tr.ngettext(
                "Accepted: {ids}. The paragraph will be deleted in rev. {rev}.",
                "Accepted: {ids}. The paragraph will be deleted in rev. {rev}.",
                len(records),
            )
            return [Block("note", [Run(said.format(ids=_ids(records), rev=following), style="em")])]
        blocks = []
        modified = [r for r in records if r.kind == "modify"]
        text = self.consolidated(unit, modified) if modified else None
        if text is not None:
            said = tr.ngettext(
                "Accepted: {ids}. The paragraph will read in rev. {rev}:",
                "Accepted: {ids}. The paragraph will read in rev. {rev}:",
                len(modified),
            )
            blocks += [
                Block("note", [Run(said.format(ids=_ids(modified), rev=following), style="em")]),
                Block("paragraph", [Run(text)], num=unit.num),
            ]
        elif modified:
            said = tr.ngettext(
                "Accepted: {ids}, to be incorporated in rev. {rev}.",
                "Accepted: {ids}, to be incorporated in rev. {rev}.",
                len(modified),
            )
            blocks.append(Block("note", [Run(said.format(ids=_ids(modified), rev=following), style="em")]))
        for record in (r for r in records if r.kind == "new-unit"):
            said = tr.gettext("Accepted: {id}. The new paragraph will follow this one in rev. {rev}.")
            blocks.append(Block("note", [Run(said.format(id=record.id, rev=following), style="em")]))
        return blocks

    def consolidated(self, unit, records: list[Amendment]) -> str | None:
        """The unit's text in the language read with ``records`` applied, or None when one cannot be carried."""
        current = self.current_text(unit, self.lang)
        if current is None:
            return None
        edits = []
        for record in records:
            if self.lang not in record.texts:
                return None
            carried = carried_edits(record, self.lang, current, self.neg.drafts)
            if carried.stale is not None:
                return None
            edits += carried.edits
        return apply_edits(current, edits)

    def statements_on(self, unit) -> list[Amendment]:
        """Statements asked for on ``unit`` and not yet entered into a revision."""
        if unit is None:
            return []
        if self._statements is None:  # grouped once: a compilation of thousands of rows asks for each
            self._statements = {}
            for r in self.neg.records:
                if r.kind == "statement" and r.is_open:
                    self._statements.setdefault(r.unit, []).append(r)
        return self._statements.get(unit.wid, [])


def _ids(records: list[Amendment]) -> str:
    return ", ".join(record.id for record in records)


def _change(op: int, author: str, created: str) -> Change | None:
    if op == 0:
        return None
    return Change(INSERTED if op > 0 else DELETED, author, created[:10])
