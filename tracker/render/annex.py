"""``wgt annex``: "Statements and reservations of delegations", every statement on record.

A document of its own (:mod:`~tracker.render.identity`: by default an addendum
of the draft, ``CAJP/GT/TM-38/05 add. 2``, dated as the revision it annexes).
Each statement a delegation asked to enter into the record (not withdrawn or
rejected, made by the revision asked for), with the delegation's name in the
document's language, the paragraph it concerns as a person cites it
(``operative paragraph 3`` / ``párrafo resolutivo 3``, ``section II.C,
paragraph 5``) and its text in that language; ordered
as the document reads, statements on the whole document first.
"""

from __future__ import annotations

import weakref

from tracker.akn.document import Draft
from tracker.amendments.record import Amendment
from tracker.i18n import delegation_name, translations
from tracker.render.citing import untranslated
from tracker.render.identity import document_identity
from tracker.render.model import Block, Layout, Run
from tracker.render.record import Negotiation
from tracker.workspace import Workspace


def annex_layout(
    ws: Workspace,
    symbol: str,
    rev: int | None,
    lang: str | None,
    date: str | None = None,
    *,
    own_symbol: str | None = None,
) -> Layout:
    """The annex of statements on record by ``rev`` (the latest by default) of ``symbol``, in ``lang``.

    Dated ``date``, else as the revision it annexes.
    """
    neg = Negotiation.of(ws, symbol, lang)
    draft = neg.draft(rev)
    rev = draft.meta.rev
    tr = translations(neg.lang)
    symbol_rev = neg.symbol.with_rev(rev)
    identity = document_identity(neg, "annex", date or draft.meta.date, own_symbol)
    title = next((u.text for u in draft.units() if u.kind == "docTitle"), "")
    layout = Layout(
        neg.lang,
        identity.symbol,
        title,
        identity.header,
        about=symbol_rev,
        date=identity.date,
        author=neg.ws.config.body,
    )
    layout.blocks.append(Block("caption", [Run(tr.gettext("ANNEX"))]))
    # TRANSLATORS: the title of the annex that gathers the statements of delegations.
    layout.blocks.append(Block("title", [Run(tr.gettext("Statements and reservations of delegations"))]))
    if title:
        about = tr.gettext("to {symbol}, “{title}”").format(symbol=symbol_rev, title=title)
    else:
        about = tr.gettext("to {symbol}").format(symbol=symbol_rev)
    layout.blocks.append(Block("subtitle", [Run(about)]))
    statements = neg.in_document_order(neg.statements(rev), draft)
    if not statements:
        layout.blocks.append(Block("paragraph", [Run(tr.gettext("No delegation has entered a statement."))]))
    for number, record in enumerate(statements, start=1):
        layout.blocks += statement_blocks(neg, draft, record, f"{number}.")
    return layout


def concerning(neg: Negotiation, draft: Draft, record: Amendment) -> str:
    """What a statement is about, as a person cites it (the whole document when on no unit)."""
    tr = translations(neg.lang)
    if record.unit is None:
        return tr.gettext("the document as a whole")
    units = _units_by_wid(draft)
    if record.unit not in units:
        return tr.gettext("a paragraph no longer in the text")
    return neg.citations(draft.meta.rev).cite(units[record.unit])  # the revision's citations, made once


#: Each draft's units by stable id, made once per draft: an annex of a thousand statements asks a thousand times.
_BY_WID: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _units_by_wid(draft: Draft) -> dict:
    if draft not in _BY_WID:
        _BY_WID[draft] = {u.wid: u for u in draft.listed()}
    return _BY_WID[draft]


def statement_blocks(neg: Negotiation, draft: Draft, record: Amendment, number: str | None = None) -> list[Block]:
    """A statement's heading line (delegation, paragraph, id) and its text quoted, in the language read."""
    tr = translations(neg.lang)
    where = concerning(neg, draft, record)
    heading = [
        Run(delegation_name(record.by, neg.lang), style="strong"),
        Run(" — " + where[:1].upper() + where[1:]),
        Run(f" ({record.id})", style="em"),
    ]
    text, lang = neg.text_of(record)
    blocks = [Block("paragraph", heading, num=number), Block("quote", [Run(f"“{text}”")])]
    if lang != neg.lang:
        blocks.append(Block("note", [Run(untranslated(tr, neg.lang, lang))]))
    return blocks
