"""Guessing a document's type from its lines when ``--type`` is omitted."""

from __future__ import annotations

from tracker.errors import ImportTextError
from tracker.i18n import _
from tracker.importer.patterns import OPERATIVE_NUM, ROMAN_NUM, is_capitals, place_and_date
from tracker.importer.resolution import is_enacting_formula
from tracker.importer.source import Line


def guess_type(lines: list[Line], name: str) -> str:
    """``resolution``, ``report`` or ``note``; an error naming the file when unsure."""
    texts = [line.text for line in lines]
    if any(is_enacting_formula(t) for t in texts[:5]) and any(OPERATIVE_NUM.match(t) for t in texts):
        return "resolution"
    if any((m := ROMAN_NUM.match(t)) and m.group(2) and is_capitals(m.group(2)) for t in texts):
        return "report"
    if any(place_and_date().match(t) for t in texts):
        return "note"
    raise ImportTextError(
        _(
            "{name}: cannot tell whether this is a resolution, a report or a note; pass --type resolution|report|note"
        ).format(name=name)
    )
