"""A draft as JSON for scripts (``wgt show --format json``); the keys are a contract."""

from __future__ import annotations

from tracker.akn.document import Draft
from tracker.akn.slots import read_slot
from tracker.akn.units import Unit


def draft_json(draft: Draft) -> dict[str, object]:
    """``symbol``, ``rev``, ``lang`` and ``units`` (id, eid, num, kind, part, parent, text …)."""
    meta = draft.meta
    return {
        "symbol": meta.symbol,
        "rev": meta.rev,
        "lang": meta.lang,
        "type": meta.doc_type,
        "date": meta.date,
        "original_lang": meta.original_lang,
        "units": [_unit_json(unit) for unit in draft.units()],
    }


def _unit_json(unit: Unit) -> dict[str, object]:
    """One unit's entry; its slot is read once for both its text and its notes."""
    text, notes = read_slot(unit.slot)
    return {
        "id": unit.wid,
        "eid": unit.eid,
        "num": unit.num,
        "kind": unit.kind,
        "part": unit.part,
        "parent": unit.parent,
        "label": unit.label,
        "text": text,
        "notes": [{"marker": n.marker, "offset": n.offset, "text": n.text} for n in notes],
    }
