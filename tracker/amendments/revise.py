"""Revising a proposal in its own language while it is still proposed.

A delegation (or the chair, for its compromise) may rework what it proposes
before the group decides. The revision is a new signed version of the original
language's text (act ``revise``: only the proposer, only while proposed); every
translation made before it is then *translation outdated*
(:meth:`~tracker.amendments.store.AmendmentStore.outdated_translations`, read
from the signed log) until it is made again, and the proposal cannot be accepted
or issued meanwhile.
"""

from __future__ import annotations

from tracker.amendments.authenticity import seal_text
from tracker.amendments.operations import Operation, apply_operation, clean
from tracker.amendments.proposals import Context, participant
from tracker.amendments.record import Amendment, LanguageText, text_hash
from tracker.amendments.store import AmendmentStore
from tracker.amendments.texts import base_text, proposed_text
from tracker.errors import WgtError
from tracker.i18n import _, term
from tracker.patches import make_patch
from tracker.trust.actions import Action
from tracker.workspace import Workspace


def revise(ws: Workspace, amendment_id: str, by: str, operation: Operation) -> tuple[Amendment, list[str]]:
    """Apply ``operation`` to the proposal's own text; returns the record and the translations now outdated."""
    store = AmendmentStore(ws)
    code = participant(ws, by).code
    record = store.get(amendment_id)
    if code != record.by:
        raise WgtError(
            _("{id} was proposed by {proposer}; only {proposer} can revise it").format(id=record.id, proposer=record.by)
        )
    if record.kind != "modify":
        raise WgtError(
            _("{id} is a {kind}; only a proposal that changes a unit's words is revised").format(
                id=record.id, kind=term(record.kind)
            )
        )
    lang = record.original_lang
    ctx = Context.of(ws, record.document)
    base = base_text(record, lang, ctx.drafts)
    where = f"{record.id} ({lang})"
    operation = Operation(
        operation.kind, clean(operation.old), clean(operation.new), clean(operation.anchor), operation.before
    )
    with Action(ws, code, "revise", record.id) as action:
        record = store.get(amendment_id)
        if record.status != "proposed":
            raise WgtError(
                _("{id} is {status}; a proposal is revised only while it is proposed").format(
                    id=record.id, status=term(record.status)
                )
            )
        current = proposed_text(record, lang, ctx.drafts, base)
        revised = apply_operation(current, operation, where)
        if revised == current:
            raise WgtError(_("the revision leaves the text of {id} as it is").format(id=record.id))
        record.texts[lang] = LanguageText(text_hash(base), make_patch(base, revised), revised, operation.describe())
        seal_text(record, lang, action.signer, action.state.group)
        store.save(action, record)
    return record, [other for other in record.texts if other != lang]
