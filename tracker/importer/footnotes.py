"""Footnotes as plain-text copies of OAS documents carry them, and as Word does.

In a text export the marker is glued to the word before it — ``…meeting,1/``,
or a bare ``/`` when the number was lost — and the note bodies are collected at
the end, in marker order (``1. See document …``, ``1/ See …`` or, number lost,
``\\ufffd.	See …``; see ``seeds/001_…``). A line may also *begin* with a marker
(``/ prepared by …``): the text before the marker ends on the line above.
Word keeps real footnotes; its reader gives them with their offsets
(:attr:`~tracker.importer.lines.SourceLine.notes`), and they need nothing here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.akn.outline import Block, Note
from tracker.errors import ImportTextError
from tracker.i18n import _, ngettext
from tracker.importer.lines import SourceLine

#: A note body at the end: ``1.``, ``1/`` or the lost number ``\ufffd.`` then its text.
NOTE_BODY = re.compile(r"^(?:\ufffd|\d{1,3})[./]\s*(.*)$")
#: A marker inside a line: ``/`` or ``12/`` right after a non-space, before a space or the end.
INLINE_MARKER = re.compile(r"(?<=[^\s/])\d{0,3}/(?=\s|$)")
#: A marker that opens a line.
LEADING_MARKER = re.compile(r"^\d{0,3}/(?:\s+|$)")


def split_note_bodies(lines: list[SourceLine]) -> tuple[list[SourceLine], list[SourceLine]]:
    """``(text lines, note bodies)``: as many trailing note-shaped lines as the text has markers.

    Counting markers first keeps the last operative paragraphs of a resolution
    (``14. To request …``) from being taken for notes.
    """
    markers = sum(len(INLINE_MARKER.findall(line.text)) + bool(LEADING_MARKER.match(line.text)) for line in lines)
    start = len(lines)
    while start > 0 and len(lines) - start < markers and NOTE_BODY.match(lines[start - 1].text):
        start -= 1
    if start == len(lines) or len(lines) - start != _markers_before(lines, start):
        return lines, []
    return lines[:start], lines[start:]


def _markers_before(lines: list[SourceLine], end: int) -> int:
    return sum(len(INLINE_MARKER.findall(line.text)) + bool(LEADING_MARKER.match(line.text)) for line in lines[:end])


@dataclass
class Markers:
    """The markers met while the text is placed, each with its block, offset and line."""

    found: list[tuple[Block, int, SourceLine]] = field(default_factory=list)

    def take(self, text: str, block: Block, line: SourceLine) -> str:
        """``text`` without the markers glued inside it, each recorded at its offset in ``block``'s text.

        ``block.text`` must hold what precedes ``text`` in the block (it is appended to it).
        """
        out: list[str] = []
        cursor = 0
        for match in INLINE_MARKER.finditer(text):
            out.append(text[cursor : match.start()])
            self.found.append((block, len(block.text) + len("".join(out)), line))
            cursor = match.end()
        out.append(text[cursor:])
        return "".join(out)

    def leading(self, text: str, block: Block | None, line: SourceLine) -> str | None:
        """For a line that opens with a marker: record it at the end of ``block``; the rest of the line (or None)."""
        if not LEADING_MARKER.match(text):
            return None
        if block is None:
            raise ImportTextError(_("{place}: a footnote marker '/' with no text before it").format(place=line.place))
        self.found.append((block, len(block.text), line))
        return LEADING_MARKER.sub("", text, count=1)

    def attach(self, bodies: list[SourceLine], fallback: SourceLine) -> int:
        """Give each marker its note, in order; returns how many were linked."""
        if len(self.found) != len(bodies):
            where = bodies[0] if bodies else (self.found[-1][2] if self.found else fallback)
            raise ImportTextError(
                _("{place}: {markers} but {bodies} at the end; each marker needs its note").format(
                    place=where.place,
                    markers=ngettext(
                        "{n} footnote markers ('/')", "{n} footnote markers ('/')", len(self.found)
                    ).format(n=len(self.found)),
                    bodies=ngettext("{n} note bodies", "{n} note bodies", len(bodies)).format(n=len(bodies)),
                )
            )
        for (block, offset, _line), body in zip(self.found, bodies):
            block.notes.append(Note(offset, NOTE_BODY.match(body.text).group(1)))
        return len(bodies)


def real_notes(line: SourceLine, block: Block, before: int = 0) -> int:
    """The notes Word gave a line, moved to ``block`` (its text starts ``before`` characters into the block)."""
    for offset, text in line.notes:
        block.notes.append(Note(max(before + offset, 0), text))
    return len(line.notes)


__all__ = ["LEADING_MARKER", "NOTE_BODY", "Markers", "real_notes", "split_note_bodies"]
