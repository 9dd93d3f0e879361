"""Footnotes as plain-text copies of OAS documents carry them, and as Word does.

In a text export the marker is glued to the word before it — ``…meeting,1/``,
or a bare ``/`` when the number was lost — and the note bodies are collected at
the end, in marker order (``1. See document …``, ``1/ See …`` or, number lost,
``\\ufffd.	See …``; see ``seeds/001_…``). A line may also *begin* with a marker
(``/ prepared by …``): the text before the marker ends on the line above.
A UN text export ends with bodies ``1 Resolution 45/158, annex.`` and glues its
calls to the word (``Families,1``): :func:`glued_notes` makes them real notes.
Word keeps real footnotes; its reader gives them with their offsets
(:attr:`~tracker.importer.lines.SourceLine.notes`), and they need nothing here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tracker.akn.outline import Block, Note
from tracker.errors import ImportTextError
from tracker.i18n import _, count_words, ngettext, ui_language
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
                    markers=ngettext("{n} footnote marker ('/')", "{n} footnote markers ('/')", len(self.found)).format(
                        n=count_words(len(self.found), ui_language())
                    ),
                    bodies=ngettext("{n} note body", "{n} note bodies", len(bodies)).format(
                        n=count_words(len(bodies), ui_language())
                    ),
                )
            )
        for (block, offset, _line), body in zip(self.found, bodies):
            block.notes.append(Note(offset, NOTE_BODY.match(body.text).group(1)))
        return len(bodies)


#: A UN note body at the end: its number, a space, its text (``1 Resolution 45/158, annex.``).
_NUMBERED_BODY = re.compile(r"^(\d{1,2})\s+(\S.*)$")
#: A note's number as a text export leaves a superscript: glued to the word or the punctuation before it
#: (``Families,1``, ``Relations,2``), before a space or the end of the line.
_GLUED = re.compile(r"(?<=[a-záéíóúñü,.;:)”’\"])(\d{1,2})(?=\s|$)")
#: Tokens whose digits are their own: a symbol's part (``Add.1``, ``Rev.2``, ``No.3``), a symbol (``54/166``).
_OWN_DIGITS = re.compile(
    r"(?:^|\s)(?:\S*/\S*|Add\.|Rev\.|Corr\.|No\.|Nos\.|art\.|para\.|vol\.|p\.|pp\.)$", re.IGNORECASE
)


def glued_notes(lines: list[SourceLine]) -> list[SourceLine]:
    """The lines with the UN's glued note numbers made real notes (as Word gives them), when they all agree.

    A UN document exported to text ends with its note bodies numbered ``1``, ``2`` …, and its
    superscript calls are digits glued to the word before (``Families,1``). Only when the
    calls, in reading order, are exactly 1, 2 … as many as the bodies are they taken for
    notes: each call leaves the text and its body moves to the line, at the call's place.
    """
    start = len(lines)
    while start > 0 and (match := _NUMBERED_BODY.match(lines[start - 1].text)):
        start -= 1
        if match.group(1) == "1":
            break  # the first note: what stands above it ("17 December 1999") is text
    numbers = [int(_NUMBERED_BODY.match(line.text).group(1)) for line in lines[start:]]
    if not numbers or numbers != list(range(1, len(numbers) + 1)):
        return lines
    calls: list[tuple[int, re.Match[str]]] = []
    for index, line in enumerate(lines[:start]):
        for match in _GLUED.finditer(line.text):
            if int(match.group(1)) == len(calls) + 1 and not _OWN_DIGITS.search(line.text[: match.start()]):
                calls.append((index, match))
    if len(calls) != len(numbers):
        return lines
    out = list(lines[:start])
    bodies = [_NUMBERED_BODY.match(line.text).group(2) for line in lines[start:]]
    for (index, match), body in reversed(list(zip(calls, bodies))):
        line = out[index]
        text = line.text[: match.start()] + line.text[match.end() :]
        shift = match.end() - match.start()
        notes = [(offset - shift if offset > match.start() else offset, note) for offset, note in line.notes]
        out[index] = replace(line, text=text, notes=sorted([*notes, (match.start(), body)]))
    return out


def real_notes(line: SourceLine, block: Block, before: int = 0) -> int:
    """The notes Word gave a line, moved to ``block`` (its text starts ``before`` characters into the block)."""
    for offset, text in line.notes:
        block.notes.append(Note(max(before + offset, 0), text))
    return len(line.notes)


__all__ = ["LEADING_MARKER", "NOTE_BODY", "Markers", "glued_notes", "real_notes", "split_note_bodies"]
