"""What remains open on a draft for the next meeting, and where each proposal stands in the text.

The chair's report ends with it (section VI): the paragraphs still in square
brackets, those agreed *ad referendum* awaiting confirmation, the proposals
awaiting a decision and those accepted for the next revision, the pairs of
proposals that collide, the stale proposals that must be presented again, and
the proposals not yet translated into every working language.
"""

from __future__ import annotations

from babel.lists import format_list
from babel.support import NullTranslations

from tracker.akn.units import Unit
from tracker.amendments.record import Amendment
from tracker.i18n import language_name, translations
from tracker.render.citing import amendment_label
from tracker.render.model import Block, Run
from tracker.render.record import Negotiation
from tracker.render.status import AD_REFERENDUM, OPEN


def cell(text: str, style: str | None = None) -> Block:
    """A table cell's one paragraph (empty when ``text`` is)."""
    return Block("paragraph", [Run(text, style=style)] if text else [])


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def proposal_place(neg: Negotiation, record: Amendment, *, capital: bool = True) -> str:
    """Where a proposal stands, as a person cites it: ``Operative paragraph 7: new paragraph to follow it``.

    A unit no longer in the latest revision is cited as the revision the proposal was made on had it.
    """
    tr = translations(neg.lang)
    wid = record.new_unit.get("after") if record.kind == "new-unit" else record.unit
    where = _cited(neg, wid, tr)
    where = capitalized(where) if capital else where
    if record.kind == "new-unit":
        # TRANSLATORS: where a proposed new paragraph goes, e.g. Operative paragraph 7 (a new paragraph to follow it).
        return tr.gettext("{where} (a new paragraph to follow it)").format(where=where)
    if record.kind == "delete-unit":
        # TRANSLATORS: a proposal to delete a whole paragraph, e.g. Operative paragraph 10 (deletion of the paragraph).
        return tr.gettext("{where} (deletion of the paragraph)").format(where=where)
    return where


def _cited(neg: Negotiation, wid: str | None, tr: NullTranslations) -> str:
    for rev in (neg.latest, *range(neg.latest - 1, -1, -1)):
        citations = neg.citations(rev)
        if wid in citations.by_wid:
            where = citations.cite(citations.by_wid[wid])
            if rev == neg.latest:
                return where
            return tr.gettext("{where} of {symbol}").format(where=where, symbol=neg.symbol.with_rev(rev))
    return tr.gettext("a paragraph no longer in the text")


def pending_blocks(neg: Negotiation, paragraphs: list[tuple[Unit, str]]) -> list[Block]:
    """Section VI of the report: each open matter in one paragraph, or one line saying none remains."""
    tr, lang = translations(neg.lang), neg.lang
    citations = neg.citations()
    said: list[str] = []
    negotiating = [u for u, status in paragraphs if status == OPEN]
    adref = [u for u, status in paragraphs if status == AD_REFERENDUM]
    if negotiating:
        said.append(
            tr.gettext("Paragraphs still under negotiation, in square brackets: {paragraphs}.").format(
                paragraphs=neg.cite_paragraphs(negotiating)
            )
        )
    if adref:
        said.append(
            tr.gettext("Paragraphs agreed ad referendum, awaiting confirmation: {paragraphs}.").format(
                paragraphs=neg.cite_paragraphs(adref)
            )
        )
    pending = neg.pending()
    listed = {
        "proposed": tr.gettext("Proposals awaiting a decision: {proposals}."),
        "accepted": tr.gettext("Proposals accepted, to be incorporated in the next revision: {proposals}."),
    }
    for status, sentence in listed.items():
        chosen = [r for r in pending if r.status == status]
        if chosen:
            said.append(sentence.format(proposals="; ".join(_named(neg, r) for r in chosen)))
    collisions, stale = neg.conflicts()
    labels = {r.id: amendment_label(r.id, r.by, lang) for r in neg.records}
    for collision in collisions:
        unit = citations.by_wid.get(collision.unit)
        where = capitalized(citations.cite(unit)) if unit is not None else collision.label
        said.append(
            tr.gettext(
                "{where}: {first} and {second} change the same words, “{words}”; only one of them can be accepted "
                "as written."
            ).format(
                where=where,
                first=labels.get(collision.first, collision.first),
                second=labels.get(collision.second, collision.second),
                words=collision.text,
            )
        )
    for record in (r for r in pending if r.id in stale):
        said.append(
            tr.gettext(
                "{where}: {proposal} was written against rev. {base} and no longer applies to rev. {latest}; it "
                "must be presented again."
            ).format(
                where=proposal_place(neg, record), proposal=labels[record.id], base=record.base_rev, latest=neg.latest
            )
        )
    for record in pending:
        missing = neg.untranslated(record)
        if missing:
            names = format_list([language_name(m, lang) for m in missing], locale=lang)
            said.append(
                tr.gettext("{where}: {proposal} is not yet translated into {languages}.").format(
                    where=proposal_place(neg, record), proposal=labels[record.id], languages=names
                )
            )
    if not said:
        return [Block("paragraph", [Run(tr.gettext("Nothing remains pending on this document."))])]
    lead = Block("paragraph", [Run(tr.gettext("For its next meeting, the Working Group has before it:"))])
    return [lead, *(Block("paragraph", [Run(line)], style="pending") for line in said)]


def _named(neg: Negotiation, record: Amendment) -> str:
    """``MX-2 (México), item V of the appendix``: a proposal and where it stands, in a list of them."""
    return f"{amendment_label(record.id, record.by, neg.lang)}, {proposal_place(neg, record, capital=False)}"
