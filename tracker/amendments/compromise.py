"""Compromise texts: the chair merges colliding proposals on a unit into one text that supersedes them.

A compromise is an ordinary proposal (collisions, translation, acceptance, issue)
that names the proposals it supersedes (:attr:`Amendment.supersedes`). Making it
is one signed act (``compromise``) that writes the new record and marks each
superseded proposal ``superseded`` — a signed status change, reversible
(:func:`restore`, or rejecting the compromise) while the compromise is not
accepted. :func:`origins` attributes each word of the compromise to the base
text, a superseded proposal or the chair (:mod:`tracker.patches.origins`).
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.amendments.authenticity import seal_new, seal_status
from tracker.amendments.operations import Operation
from tracker.amendments.proposals import Context, _check_lang, _default_lang, _entitled, build_proposal
from tracker.amendments.record import AMENDMENT_ID, Amendment
from tracker.amendments.store import AmendmentStore
from tracker.amendments.texts import base_text, proposed_text
from tracker.errors import WgtError
from tracker.i18n import _, term
from tracker.patches.origins import Piece, attribute
from tracker.trust.actions import Action
from tracker.workspace import Workspace

#: The statuses a proposal may be superseded from: still open.
SUPERSEDABLE = ("proposed", "accepted")


def compromise(
    ws: Workspace,
    symbol: str,
    by: str,
    *,
    unit: str,
    supersedes: Sequence[str],
    operation: Operation,
    lang: str | None = None,
    justification: str = "",
) -> tuple[Amendment, list[Amendment]]:
    """The chair's (or secretariat's) compromise on ``unit`` superseding ``supersedes``; returns it and them."""
    author = _entitled(
        ws, by, "compromise", _("only the chair or the secretariat proposes compromise texts; {code} is a {role}")
    )
    ids = list(dict.fromkeys(i.strip().upper() for i in supersedes if i.strip()))
    if not ids:
        raise WgtError(_("name the proposals the compromise supersedes: --supersedes AR-1,US-2"))
    for amendment_id in ids:
        if not AMENDMENT_ID.match(amendment_id):
            raise WgtError(_("{id!r} is not an amendment id (like MX-3)").format(id=amendment_id[:40]))
    ctx = Context.of(ws, symbol)
    lang = _check_lang(ctx, lang or _default_lang(ws, author.code, ctx))
    record = build_proposal(
        ctx, author.code, ctx.latest, lang, unit=unit, operation=operation, justification=justification
    )
    record.supersedes = ids
    store = AmendmentStore(ws)
    label = ctx.current(lang).labels().get(record.unit, unit)
    with Action(ws, author.code, "compromise") as action:
        action.where = f"on {label} ({lang})"
        superseded = [store.get(i) for i in ids]  # under the lock: as they stand now
        for other in superseded:
            _refuse_unsupersedable(other, record, label)
        record.id = store.next_id(author.code)
        action.subject = ", ".join([record.id, *ids])
        seal_new(record, action.signer, action.state.group)
        for other in superseded:
            other.change_status("superseded", author.code, record.id)
            seal_status(other, action.signer, action.state.group)
        store.save(action, record, *superseded)
    return record, superseded


def _refuse_unsupersedable(other: Amendment, record: Amendment, label: str) -> None:
    if other.document != record.document or other.unit != record.unit or other.kind != "modify":
        raise WgtError(
            _("{id} does not change {unit} of {symbol}; a compromise supersedes proposals on its own unit").format(
                id=other.id, unit=label, symbol=record.document
            )
        )
    if other.status not in SUPERSEDABLE:
        raise WgtError(
            _("{id} is {status}; only an open proposal can be superseded").format(
                id=other.id, status=term(other.status)
            )
        )


def superseding(store: AmendmentStore, record: Amendment) -> Amendment | None:
    """The compromise that superseded ``record`` (named in its latest status change), or None."""
    if record.status != "superseded":
        return None
    by_id = record.history[-1].note
    if not AMENDMENT_ID.match(by_id):
        return None
    found = store.some([by_id])
    return found[0] if found else None


def restore(ws: Workspace, ids: Sequence[str], by: str) -> list[Amendment]:
    """Bring superseded proposals back (proposed), refused once the compromise that superseded them is accepted."""
    author = _entitled(
        ws, by, "restore", _("only the chair or the secretariat restores superseded proposals; {code} is a {role}")
    )
    store = AmendmentStore(ws)
    with Action(ws, author.code, "restore") as action:
        records = list({r.id: r for r in (store.get(i) for i in ids)}.values())
        action.subject = ", ".join(r.id for r in records)
        for record in records:
            if record.status != "superseded":
                raise WgtError(
                    _("{id} is {status}, not superseded; there is nothing to restore").format(
                        id=record.id, status=term(record.status)
                    )
                )
            refuse_if_settled(store, record)
            record.change_status("proposed", author.code, "restored")
            seal_status(record, action.signer, action.state.group)
        store.save(action, *records)
    return records


def refuse_if_settled(store: AmendmentStore, record: Amendment) -> None:
    """Refuse to bring back ``record`` once the compromise that superseded it is accepted or issued."""
    winner = superseding(store, record)
    if winner is not None and winner.status in ("accepted", "incorporated"):
        raise WgtError(
            _(
                "{id} was superseded by {compromise}, which is {status}; reject {compromise} first "
                "('wgt amend reject {compromise}'), and {id} comes back"
            ).format(id=record.id, compromise=winner.id, status=term(winner.status))
        )


def restored_by_rejection(store: AmendmentStore, rejected: Sequence[Amendment]) -> list[Amendment]:
    """The proposals that rejecting the compromises among ``rejected`` brings back (still superseded by them)."""
    back = []
    for record in rejected:
        if not record.supersedes:
            continue
        for other in store.some(record.supersedes):
            if other.status == "superseded" and other.history[-1].note == record.id:
                back.append(other)
    return back


def origins(ws: Workspace, record: Amendment, lang: str) -> list[Piece]:
    """Each word of the compromise ``record`` in ``lang``: from the base text, a superseded proposal, or its author.

    A superseded proposal without a ``lang`` text is left out of the alignment (its words
    in that language cannot be known); its words then count as the author's.
    """
    ctx = Context.of(ws, record.document)
    base = base_text(record, lang, ctx.drafts)
    text = proposed_text(record, lang, ctx.drafts, base)
    store = AmendmentStore(ws)
    sources = []
    for other in store.some(record.supersedes):
        if lang in other.texts and other.kind == "modify":
            sources.append((other.id, proposed_text(other, lang, ctx.drafts)))
    order = {i: n for n, i in enumerate(record.supersedes)}
    sources.sort(key=lambda source: order.get(source[0], len(order)))
    return attribute(text, base, sources, new=record.by)
