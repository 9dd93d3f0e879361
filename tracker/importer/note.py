"""Notes verbales: paragraphs, then place and date, then the addressee (``seeds/000_…``)."""

from __future__ import annotations

from tracker.akn.outline import Block, Outline
from tracker.errors import ImportTextError
from tracker.i18n import _
from tracker.importer.patterns import iso_date, place_and_date
from tracker.importer.source import Line


def parse(lines: list[Line]) -> Outline:
    """Parse a note verbale; raises :class:`ImportTextError` naming the line."""
    pattern = place_and_date()
    at = next((i for i, line in enumerate(lines) if pattern.match(line.text)), None)
    if at is None:
        raise ImportTextError(
            _(
                "line {line}: no place and date line (e.g. 'Washington, D.C., July 9, 2004'); "
                "is this a note verbale? pass --type"
            ).format(line=lines[-1].number)
        )
    if at == 0:
        raise ImportTextError(
            _("line {line}: the note has no paragraphs before its place and date").format(line=lines[0].number)
        )
    outline = Outline("note")
    outline.body = [Block("paragraph", line.text, line=line.number) for line in lines[:at]]
    dated = lines[at]
    match = pattern.match(dated.text)
    attrs = {"place": match.group("place"), "date_text": match.group("date")}
    if iso := iso_date(match.group("date")):
        attrs["date"] = iso
    outline.conclusions.append(
        Block("p", dated.text, name="placeDate", line=dated.number, amendable=False, attrs=attrs)
    )
    if lines[at + 1 :]:
        addressee = [Block("p", line.text, line=line.number, amendable=False) for line in lines[at + 1 :]]
        outline.conclusions.append(Block("blockContainer", name="addressee", children=addressee, amendable=False))
    return outline
