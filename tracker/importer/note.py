"""Notes verbales: a title and the note's number, paragraphs, then place and date, then the addressee
(``seeds/000_…``).

A note may also cover a report sent with it (``… has the honour to transmit the
report …``): :func:`note_part` finds where the note ends, and the report's rules
read the rest.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tracker.akn.outline import Block, HeaderLine, Outline
from tracker.errors import ImportTextError
from tracker.i18n import _
from tracker.importer.footnotes import Markers, split_note_bodies
from tracker.importer.joins import Join, continues
from tracker.importer.lines import SourceLine
from tracker.importer.numbering import read_label
from tracker.importer.patterns import is_capitals, iso_date, place_and_date

#: How a note verbale opens: the sender presents its compliments (in the OAS's languages).
_OPENING = re.compile(
    r"\b(?:presents its compliments|has the honou?r|saluda (?:muy )?atentamente|tiene el honor|"
    r"présente ses compliments|a l'honneur|cumprimenta|tem a honra)\b",
    re.IGNORECASE,
)
#: An addressee line is short (a wrapped e-mail gives it as one); a longer line is the text that follows.
_ADDRESSEE_WORDS = 40


class NotePart(NamedTuple):
    """A covering note cut into its parts; ``rest`` is the text it covers."""

    lead: list[SourceLine]
    paragraphs: list[SourceLine]
    closing: list[SourceLine]
    rest: list[SourceLine]


def parse(lines: list[SourceLine], joins: list[Join]) -> Outline:
    """Parse a note verbale; raises :class:`ImportTextError` naming the line."""
    lines, bodies = split_note_bodies(lines)
    pattern = place_and_date()
    at = next((i for i, line in enumerate(lines) if pattern.match(line.text)), None)
    if at is None:
        raise ImportTextError(
            _(
                "{place}: no place and date line (e.g. 'Washington, D.C., July 9, 2004'); "
                "is this a note verbale? pass --type"
            ).format(place=lines[-1].place)
        )
    if at == 0:
        raise ImportTextError(
            _("{place}: the note has no paragraphs before its place and date").format(place=lines[0].place)
        )
    from tracker.importer.resolution import append

    outline = Outline("note")
    markers = Markers()
    previous: SourceLine | None = None
    start = _lead_length(lines[:at])
    take_lead(lines[:start], outline, markers)
    for line in lines[start:at]:
        last = outline.body[-1] if outline.body else None
        if last is not None and (rest := markers.leading(line.text, last, line)) is not None:
            if rest:
                append(last, line, markers, rest)
            continue
        if last is not None and previous is not None and continues(last.text, line.text):
            joins.append(Join(previous.place, line.place, False))
            append(last, line, markers)
        else:
            block = Block("paragraph", "", line=line.number)
            append(block, line, markers)
            outline.body.append(block)
        previous = line
    end = at + 1
    while end < len(lines) and _is_addressee(lines[end]):
        end += 1
    outline.conclusions += closing_blocks(lines[at:end])
    # What follows the addressee is no part of a note: words outside any unit (a report, perhaps: see note_part).
    outline.conclusions += [
        Block("p", line.text, name="unplaced", line=line.number, amendable=False) for line in lines[end:]
    ]
    markers.attach(bodies, lines[-1])
    return outline


#: A note's own number, above its text: ``OEA-01896``, ``MPM/OEA/123/04``, ``NV-OEA-M4-No.215-2005``, ``No. 1234``.
_REFERENCE = re.compile(r"^(?P<prefix>(?:No|N[º°o]|Nota|Note|Ref)\.?\s*)?(?=\S*\d)[A-Za-z0-9/.\-]+$")
#: A note's number is short.
_REFERENCE_CHARS = 40
#: How far down a note's title and number may stand before the note opens.
_LEAD_LINES = 6


def is_reference(text: str) -> bool:
    """A note's number: one token with a digit, and capitals (``NV-OEA-…``) or a ``No.`` before it."""
    match = _REFERENCE.match(text)
    if match is None or len(text) > _REFERENCE_CHARS:
        return False
    return bool(match.group("prefix")) or sum(c.isupper() for c in text) >= 2


def _lead_length(lines: list[SourceLine]) -> int:
    """How many lines of title and number stand above the note's opening (0 when none or when it does not open)."""
    opening = next((i for i, line in enumerate(lines[: _LEAD_LINES + 1]) if _OPENING.search(line.text)), None)
    if not opening:
        return 0
    if all(is_reference(line.text) or is_capitals(line.text) or line.heading or line.bold for line in lines[:opening]):
        return opening
    return 0  # something else stands there: keep every line as the note's text


def take_lead(lines: list[SourceLine], outline: Outline, markers: Markers) -> None:
    """Put a note's title lines (``NOTE FROM THE PERMANENT MISSION OF MEXICO`` …) in the title, its number in the header."""
    from tracker.importer.resolution import append

    for line in lines:
        if is_reference(line.text):
            outline.header.append(HeaderLine("reference", line.text))
        else:
            if outline.title is None:
                outline.title = Block("docTitle", "", line=line.number)
            append(outline.title, line, markers)


def closing_blocks(lines: list[SourceLine]) -> list[Block]:
    """The place and date (its place and date marked up), then the addressee lines: no units."""
    pattern = place_and_date()
    dated = lines[0]
    match = pattern.match(dated.text)
    attrs = {"place": match.group("place"), "date_text": match.group("date")}
    if iso := iso_date(match.group("date")):
        attrs["date"] = iso
    blocks = [Block("p", dated.text, name="placeDate", line=dated.number, amendable=False, attrs=attrs)]
    if lines[1:]:
        addressee = [Block("p", line.text, line=line.number, amendable=False) for line in lines[1:]]
        blocks.append(Block("blockContainer", name="addressee", children=addressee, amendable=False))
    return blocks


def note_part(lines: list[SourceLine]) -> NotePart | None:
    """The covering note's parts when a note verbale covers the text (a report sent with it).

    None unless the text opens as a note verbale does (its title and number may
    stand above the opening) and goes on after the note's addressee.
    """
    start = _lead_length(lines)
    if not lines or not _OPENING.search(lines[start].text):
        return None
    pattern = place_and_date()
    at = next((i for i, line in enumerate(lines) if pattern.match(line.text)), None)
    if at is None or at <= start:
        return None
    end = at + 1
    while end < len(lines) and _is_addressee(lines[end]):
        end += 1
    if end >= len(lines):
        return None  # nothing follows: the whole text is a note
    return NotePart(lines[:start], lines[start:at], lines[at:end], lines[end:])


def _is_addressee(line: SourceLine) -> bool:
    """A short line, not a heading in capitals nor a numbered paragraph, not a sentence."""
    text = line.text
    return (
        len(text.split()) <= _ADDRESSEE_WORDS
        and not read_label(text)
        and (text[-1:] != "." or len(text.split()) <= 3)  # "Washington, D.C." ends a short line, not a sentence
        and not is_capitals(text)
        and not line.heading
    )
