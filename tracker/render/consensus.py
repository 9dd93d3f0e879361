"""What the documents say of the road to consensus: compromise texts, ad referendum, silence.

One place decides these sentences, in the language being read; the report gives them a
section of their own, the compilation beside the paragraphs they concern, the site through
both. Each sentence comes from the signed record: the compromise's per-word attribution
(:func:`tracker.amendments.compromise.origins`), and the document's negotiation record
(:mod:`tracker.amendments.negotiation`).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_time, get_timezone_location
from babel.lists import format_list

from tracker.amendments.compromise import origins
from tracker.amendments.consensus import group_zone, local_time
from tracker.amendments.negotiation import ADOPTED, NegotiationState
from tracker.amendments.record import Amendment
from tracker.delegations import delegation_of
from tracker.errors import WgtError
from tracker.i18n import running_date, translations
from tracker.patches.origins import BASE, contributors, shares
from tracker.render.citing import amendment_label
from tracker.render.model import Block, Run
from tracker.render.pending import capitalized
from tracker.render.record import Negotiation


def negotiation_state(neg: Negotiation) -> NegotiationState:
    """The document's negotiation record, read once per document built (:attr:`Negotiation.negotiation_record`)."""
    return neg.negotiation_record


def running_moment(neg: Negotiation, moment: str) -> str:
    """A UTC time as running text writes it, in the group's time zone: ``May 27, 2005, 6:00 PM (New York time)``."""
    tr, lang = translations(neg.lang), neg.lang
    local = local_time(neg.ws, moment)
    city = get_timezone_location(group_zone(neg.ws), locale=lang, return_city=True)
    # TRANSLATORS: a deadline: date, time, and the city whose time it is (hora de Nueva York).
    return tr.gettext("{date}, {time} ({city} time)").format(
        date=running_date(local.date(), lang), time=format_time(local, "short", locale=lang), city=city
    )


def _day(neg: Negotiation, moment: str) -> dt.date:
    """The day of a UTC moment in the group's time zone (a deadline and its day read alike)."""
    return local_time(neg.ws, moment).date()


def names(codes: list[str], lang: str) -> str:
    """Delegations named in running text: ``the Delegation of Mexico and the Delegation of the United States``."""
    tr = translations(lang)
    return format_list([delegation_of(code, tr, lang) for code in codes], locale=lang)


def compromises(neg: Negotiation) -> list[Amendment]:
    """The compromise texts on record (every status), in document order."""
    return neg.in_document_order([r for r in neg.records if r.supersedes], neg.draft())


def compromise_line(neg: Negotiation, record: Amendment) -> str:
    """``op3 as agreed combines AR-1 (Argentina) and US-2 (United States)`` in the language being read."""
    tr, lang = translations(neg.lang), neg.lang
    by_id = {r.id: r for r in neg.records}
    try:
        pieces = origins(neg.ws, record, lang if lang in record.texts else record.original_lang)
    except WgtError:
        pieces = []
    sources = [(i, "") for i in record.supersedes]
    used = contributors(pieces, sources) if pieces else list(record.supersedes)
    named = format_list(
        [amendment_label(i, by_id[i].by if i in by_id else i.split("-")[0], lang) for i in used], locale=lang
    )
    unit = neg.draft().find(record.unit or "")
    where = neg.citations().cite(unit) if unit is not None else record.unit
    if record.status in ("accepted", "incorporated"):
        text = tr.gettext("{unit} as agreed ({id}) combines {sources}").format(unit=where, id=record.id, sources=named)
    else:
        text = tr.gettext("The compromise text {id} on {unit} combines {sources}").format(
            unit=where, id=record.id, sources=named
        )
    return text[:1].upper() + text[1:]


def share_sentence(neg: Negotiation, record: Amendment, lang: str | None = None) -> str:
    """How many of the compromise's words come from the base text, each proposal and its author (in ``lang``)."""
    lang = lang or neg.lang
    tr = translations(lang)
    try:
        pieces = origins(neg.ws, record, lang if lang in record.texts else record.original_lang)
    except WgtError:
        return ""
    by_id = {r.id: r for r in neg.records}
    parts = []
    for origin, count in shares(pieces).items():
        if origin == BASE:
            parts.append(
                tr.ngettext("{n} word from the text as it stood", "{n} words from the text as it stood", count)
            )
        elif origin == record.by:
            parts.append(tr.ngettext("{n} word of its own", "{n} words of its own", count))
        else:
            label = amendment_label(origin, by_id[origin].by if origin in by_id else origin.split("-")[0], lang)
            parts.append(
                tr.ngettext("{n} word from {source}", "{n} words from {source}", count).replace("{source}", label)
            )
        parts[-1] = parts[-1].format(n=count)
    return tr.gettext("Its words: {parts}.").format(parts=format_list(parts, locale=lang))


def ad_referendum_sentences(neg: Negotiation, on: str) -> list[tuple[str, str]]:
    """``(unit wId, sentence)`` for each unit whose ad referendum mark named delegations to confirm."""
    tr, lang = translations(neg.lang), neg.lang
    state = negotiation_state(neg)
    out = []
    draft = neg.draft()
    for wid, ad_ref in state.ad_referendum.items():
        if not ad_ref.pending:
            continue
        unit = draft.find(wid)
        if unit is None:
            continue
        where = neg.citations().cite(unit)
        said = [
            tr.gettext("{unit} was agreed ad referendum on {date}, pending confirmation by {delegations}").format(
                unit=where, date=running_date(_day(neg, ad_ref.at), lang), delegations=names(ad_ref.pending, lang)
            )
            + (tr.gettext(" by {date}").format(date=running_date(ad_ref.until, lang)) if ad_ref.until else "")
            + "."
        ]
        for code, when in ad_ref.confirmed.items():
            said.append(
                capitalized(
                    tr.gettext("{delegation} confirmed it on {date}.").format(
                        delegation=delegation_of(code, tr, lang), date=running_date(_day(neg, when), lang)
                    )
                )
            )
        if state.withdrawn.get(wid):
            said.append(
                capitalized(
                    tr.gettext("{delegation} withdrew its consent; the paragraph is under negotiation again.").format(
                        delegation=delegation_of(state.withdrawn[wid], tr, lang)
                    )
                )
            )
        elif overdue := ad_ref.overdue(on):
            said.append(
                tr.gettext("The date has passed: {delegations} has not confirmed it.").format(
                    delegations=names(overdue, lang)
                )
                if len(overdue) == 1
                else tr.gettext("The date has passed: {delegations} have not confirmed it.").format(
                    delegations=names(overdue, lang)
                )
            )
        elif not ad_ref.waiting:
            said.append(tr.gettext("With every confirmation in, it is agreed."))
        text = " ".join(said)
        out.append((wid, text[:1].upper() + text[1:]))
    return out


def silence_sentences(neg: Negotiation) -> list[tuple[Block, ...]]:
    """For each silence procedure: what it was on, its deadline, each break (quoted) and its outcome."""
    tr, lang = translations(neg.lang), neg.lang
    out = []
    draft = neg.draft()
    for silence in negotiation_state(neg).silences:
        symbol = neg.symbol.with_rev(silence.rev)
        blocks = [
            Block(
                "paragraph",
                [
                    Run(
                        tr.gettext(
                            "On {date} the Chair put {symbol} to the silence procedure until {deadline}."
                        ).format(
                            date=running_date(_day(neg, silence.at), lang),
                            symbol=symbol,
                            deadline=running_moment(neg, silence.until),
                        )
                    )
                ],
            )
        ]
        for objection in silence.breaks:
            unit = draft.find(objection.unit) if objection.unit else None
            delegation = delegation_of(objection.by, tr, lang)
            lead = (
                tr.gettext("On {date} {delegation} broke silence on {unit}:").format(
                    date=running_date(_day(neg, objection.at), lang),
                    delegation=delegation,
                    unit=neg.citations().cite(unit),
                )
                if unit is not None
                else tr.gettext("On {date} {delegation} broke silence:").format(
                    date=running_date(_day(neg, objection.at), lang), delegation=delegation
                )
            )
            blocks += [Block("paragraph", [Run(lead)]), Block("quote", [Run(f"“{objection.text}”")])]
        if silence.outcome == ADOPTED:
            closing = tr.gettext(
                "No delegation having broken silence by the deadline, {symbol} was adopted under the silence procedure."
            ).format(symbol=symbol)
        elif silence.outcome:
            closing = tr.gettext(
                "Silence having been broken by {delegations}, {symbol} was not adopted under the procedure."
            ).format(symbol=symbol, delegations=names(list(dict.fromkeys(b.by for b in silence.breaks)), lang))
        else:
            closing = tr.gettext("The procedure is under way.")
        blocks.append(Block("paragraph", [Run(closing)]))
        out.append(tuple(blocks))
    return out


def consensus_blocks(neg: Negotiation, on: str) -> list:
    """The report's section on compromise texts, ad referendum confirmations and silence ([] when none)."""
    tr = translations(neg.lang)
    blocks: list = []
    made = compromises(neg)
    if made:
        blocks.append(Block("heading", [Run(tr.gettext("Compromise texts"))], level=1))
        for record in made:
            blocks.append(Block("paragraph", [Run(compromise_line(neg, record) + ". " + share_sentence(neg, record))]))
    confirmations = ad_referendum_sentences(neg, on)
    if confirmations:
        blocks.append(Block("heading", [Run(tr.gettext("Confirmations of paragraphs agreed ad referendum"))], level=1))
        blocks += [Block("paragraph", [Run(text)]) for _wid, text in confirmations]
    procedures = silence_sentences(neg)
    if procedures:
        blocks.append(Block("heading", [Run(tr.gettext("Silence procedure"))], level=1))
        for procedure in procedures:
            blocks += list(procedure)
    return blocks


def adopted_under_silence(neg: Negotiation) -> str | None:
    """The sentence saying the latest revision was adopted under silence, when it was."""
    for silence in reversed(negotiation_state(neg).silences):
        if silence.rev == neg.latest and silence.outcome == ADOPTED:
            tr = translations(neg.lang)
            return tr.gettext("{symbol} was adopted under the silence procedure on {date}.").format(
                symbol=neg.symbol.with_rev(silence.rev), date=running_date(_day(neg, silence.closed_at), neg.lang)
            )
    return None


def procedure_notes(neg: Negotiation, on: str) -> list[str]:
    """What a compilation says first of the procedures: each ad referendum paragraph, and the silence procedure."""
    notes = [text for _wid, text in ad_referendum_sentences(neg, on)]
    tr, lang = translations(neg.lang), neg.lang
    state = negotiation_state(neg)
    running = state.open_silence
    if running is not None:
        notes.append(
            tr.gettext("{symbol} is under the silence procedure until {deadline}.").format(
                symbol=neg.symbol.with_rev(running.rev), deadline=running_moment(neg, running.until)
            )
        )
    elif adopted := adopted_under_silence(neg):
        notes.append(adopted)
    elif state.silences and state.silences[-1].outcome:
        last = state.silences[-1]
        notes.append(
            tr.gettext("Silence on {symbol} was broken by {delegations}.").format(
                symbol=neg.symbol.with_rev(last.rev),
                delegations=names(list(dict.fromkeys(b.by for b in last.breaks)), lang),
            )
        )
    return notes
