"""Several proposals of one delegation, made together against one revision and recorded as one action.

A delegation's Word file (``wgt amend from-word``) holds many changes; they are
one submission, so either every proposal of the file is recorded or none is: the
records are built and checked first (:func:`~tracker.amendments.proposals.build_proposal`,
the same checks as ``wgt amend propose``), then numbered, signed and written by a
single :class:`~tracker.trust.actions.Action`, whose one log entry names them all.
The base revision may be older than the latest: the proposals are made against
the text the delegation edited, and the usual three-way check
(:func:`~tracker.amendments.proposals.open_changes`) says which of them are stale.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.amendments.authenticity import seal_new
from tracker.amendments.operations import Operation
from tracker.amendments.proposals import Context, build_proposal, new_unit_wid, open_changes, proposer
from tracker.amendments.record import Amendment
from tracker.amendments.store import AmendmentStore
from tracker.trust.actions import Action
from tracker.workspace import Workspace

MODIFY, NEW_UNIT, DELETE_UNIT = "modify", "new-unit", "delete-unit"


@dataclass(frozen=True)
class Planned:
    """One proposal to make: modify ``unit`` to ``text``, add a unit with ``text`` after ``unit``, or delete ``unit``."""

    kind: str  # MODIFY | NEW_UNIT | DELETE_UNIT
    unit: str  # the stable id of the unit changed, deleted, or followed by the new one
    text: str = ""
    justification: str = ""


def build_several(ctx: Context, by: str, rev: int, lang: str, planned: list[Planned]) -> list[Amendment]:
    """The records ``planned`` makes, by ``by`` against rev. ``rev`` in ``lang``, checked and not yet numbered."""
    records = []
    for plan in planned:
        common = {"justification": plan.justification}
        if plan.kind == NEW_UNIT:
            record = build_proposal(ctx, by, rev, lang, unit=None, new_unit_text=plan.text, after=plan.unit, **common)
        elif plan.kind == DELETE_UNIT:
            record = build_proposal(ctx, by, rev, lang, unit=plan.unit, delete_unit=True, **common)
        else:
            record = build_proposal(
                ctx, by, rev, lang, unit=plan.unit, operation=Operation("text", new=plan.text), **common
            )
        records.append(record)
    return records


def record_several(ws: Workspace, ctx: Context, records: list[Amendment], subject: str) -> list[Amendment]:
    """Number, sign and store ``records`` (all by one participant) in one action; returns them with their ids.

    ``subject`` names the submission in the log (the file's name); the ids follow it.
    """
    if not records:
        return []
    by = proposer(ws, records[0].by)
    store = AmendmentStore(ws)
    # Drawn as ``wgt amend propose`` draws them: none of the latest revision's units (nor each other).
    taken = set(ctx.current(records[0].original_lang).labels())
    with Action(ws, by, "propose") as action:  # numbered under the lock: no other action takes these ids
        number_several(action.state.highest_number(by), records)
        for record in records:
            if record.kind == NEW_UNIT:
                record.new_unit["wid"] = new_unit_wid(record, taken)
            seal_new(record, action.signer, action.state.group)
        action.subject = f"{subject}: {', '.join(r.id for r in records)}"
        store.save(action, *records)
    return records


def number_several(highest: int, records: list[Amendment]) -> None:
    """Give ``records`` (by one proposer, whose highest number so far is ``highest``) the ids that follow it."""
    for number, record in enumerate(records, start=highest + 1):
        record.id = f"{record.by}-{number}"


def stale_among(ws: Workspace, symbol: str, records: list[Amendment]) -> dict[str, str]:
    """Why each of ``records`` no longer applies to the latest revision (the three-way check), by id."""
    ctx = Context.of(ws, symbol)
    return open_changes(ctx, records)[2]


__all__ = [
    "DELETE_UNIT",
    "MODIFY",
    "NEW_UNIT",
    "Planned",
    "build_several",
    "number_several",
    "record_several",
    "stale_among",
]
