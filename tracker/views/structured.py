"""A draft as JSON for scripts (``wgt show --format json``); the keys are a contract."""

from __future__ import annotations

from tracker.akn.document import Draft


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
        "units": [
            {
                "id": unit.wid,
                "eid": unit.eid,
                "num": unit.num,
                "kind": unit.kind,
                "part": unit.part,
                "parent": unit.parent,
                "label": unit.label,
                "text": unit.text,
                "notes": [{"marker": n.marker, "offset": n.offset, "text": n.text} for n in unit.notes],
            }
            for unit in draft.units()
        ],
    }
