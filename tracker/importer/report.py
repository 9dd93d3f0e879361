"""Reports and programs: headed sections, sub-sections, paragraphs and footnotes.

Shape (see ``seeds/001_…``)::

    I. INTRODUCTION                 section: Roman numeral, heading in capitals
    A. WORK PLAN …                  sub-section: capital letter, heading in capitals
    The Working Group …             a paragraph per line
    / prepared by …                 footnote marker ("/" or "1/") glued to the text before
    Eduardo Acevedo Díaz            signature: a short last line without final punctuation
    �.	See document …               note bodies at the end, in marker order
"""

from __future__ import annotations

import re

from tracker.akn.outline import Block, Note, Outline
from tracker.errors import ImportTextError
from tracker.i18n import _, ngettext
from tracker.importer.patterns import CAPITAL_NUM, ROMAN_NUM, is_capitals, roman_value
from tracker.importer.source import Line

#: A note body at the end: ``1.``, ``1/`` or the lost number ``\ufffd.`` then its text.
NOTE_BODY = re.compile(r"^(?:\ufffd|\d{1,3})[./]\s*(.*)$")
#: A marker inside a line: ``/`` or ``12/`` right after a non-space, before a space or the end.
INLINE_MARKER = re.compile(r"(?<=[^\s/])\d{0,3}/(?=\s|$)")
LEADING_MARKER = re.compile(r"^\d{0,3}/(?:\s+|$)")


def parse(lines: list[Line]) -> Outline:
    """Parse a report or program; raises :class:`ImportTextError` naming the line."""
    outline = Outline("report")
    notes_at = _notes_start(lines)
    text_lines, note_lines = lines[:notes_at], lines[notes_at:]
    section: Block | None = None
    container: Block | None = None
    last: Block | None = None
    markers: list[tuple[Block, int, int]] = []  # block, offset, source line

    def add_marker(block: Block | None, offset: int, line: Line) -> None:
        if block is None:
            raise ImportTextError(
                _("line {line}: a footnote marker '/' with no text before it").format(line=line.number)
            )
        markers.append((block, offset, line.number))

    for i, line in enumerate(text_lines):
        text = line.text
        m = ROMAN_NUM.match(text)
        if m and m.group(2) and is_capitals(m.group(2)) and roman_value(m.group(1)) == _sections(outline) + 1:
            section = Block("section", m.group(2), num=f"{m.group(1)}.", line=line.number)
            outline.body.append(section)
            container, last = section, None
            continue
        if (m := CAPITAL_NUM.match(text)) and is_capitals(m.group(2)) and section is not None:
            container = Block("subsection", m.group(2), num=f"{m.group(1)}.", line=line.number)
            section.children.append(container)
            last = None
            continue
        if LEADING_MARKER.match(text):
            add_marker(last, len(last.text) if last else 0, line)
            rest = LEADING_MARKER.sub("", text, count=1)
            if rest:
                last.text = _with_inline_markers(f"{last.text} {rest}", last, add_marker, line)
            continue
        if i == len(text_lines) - 1 and _looks_like_signature(text):
            outline.conclusions.append(Block("p", text, name="signature", line=line.number, amendable=False))
            continue
        last = Block("paragraph", "", line=line.number)
        last.text = _with_inline_markers(text, last, add_marker, line)
        (container.children if container is not None else outline.body).append(last)

    if len(markers) != len(note_lines):
        where = note_lines[0].number if note_lines else lines[-1].number
        raise ImportTextError(
            _("line {line}: {markers} but {bodies} at the end; each marker needs its note").format(
                line=where,
                markers=ngettext("{n} footnote markers ('/')", "{n} footnote markers ('/')", len(markers)).format(
                    n=len(markers)
                ),
                bodies=ngettext("{n} note bodies", "{n} note bodies", len(note_lines)).format(n=len(note_lines)),
            )
        )
    for (block, offset, _line), body in zip(markers, note_lines):
        block.notes.append(Note(offset, NOTE_BODY.match(body.text).group(1)))
    return outline


def _with_inline_markers(text: str, block: Block, add_marker, line: Line) -> str:
    """Remove markers glued inside ``text``, recording each at its offset."""
    out: list[str] = []
    cursor = 0
    for m in INLINE_MARKER.finditer(text):
        out.append(text[cursor : m.start()])
        block.text = "".join(out)
        add_marker(block, len(block.text), line)
        cursor = m.end()
    out.append(text[cursor:])
    return "".join(out)


def _notes_start(lines: list[Line]) -> int:
    """Index of the first of the trailing note bodies (len(lines) when none)."""
    start = len(lines)
    while start > 0 and NOTE_BODY.match(lines[start - 1].text) and not ROMAN_NUM.match(lines[start - 1].text):
        start -= 1
    return start


def _looks_like_signature(text: str) -> bool:
    words = text.split()
    return 1 < len(words) <= 6 and text[-1] not in ".;:,!?" and not is_capitals(text)


def _sections(outline: Outline) -> int:
    return sum(block.kind == "section" for block in outline.body)
