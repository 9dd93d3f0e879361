"""Paragraphs split in two by the way a text reached us, joined again, and every join listed.

A page break cuts a paragraph where the page ends (``… the program's`` /
``implementation …``); a text exported from Word or copied from an e-mail may
wrap a paragraph over lines. Both leave a line that ends mid-sentence followed
by one that starts in lower case: one paragraph, not two units. A line that
opens with a paragraph number (``a.``, ``(i)``) starts a new unit whatever its
case.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tracker.importer.lines import SourceLine
from tracker.importer.numbering import read_label

#: What ends a sentence or a paragraph (a closing quotation mark or bracket after it too).
_ENDS = ".;:!?"
_CLOSERS = "\"'”’»)]"


@dataclass(frozen=True)
class Join:
    """Two source lines made one paragraph: where each stood (what the import summary lists)."""

    first: str
    second: str
    after_break: bool


def continues(previous: str, text: str) -> bool:
    """Whether ``text`` goes on with the sentence ``previous`` left unfinished."""
    end = previous.rstrip(_CLOSERS) or previous
    if not end or end[-1] in _ENDS:
        return False
    first = next((char for char in text if char.isalpha()), "")
    return bool(first) and first.islower() and text[0] not in "(" and not read_label(text)


def join_lines(first: SourceLine, second: SourceLine) -> SourceLine:
    """``first`` and ``second`` as one line (the notes of ``second`` moved along with its words)."""
    shift = len(first.text) + 1
    notes = [*first.notes, *((offset + shift, note) for offset, note in second.notes)]
    return replace(first, text=f"{first.text} {second.text}", notes=notes)


def join_page_breaks(lines: list[SourceLine]) -> tuple[list[SourceLine], list[Join]]:
    """The lines with every paragraph a page break split joined again; and the joins made."""
    out: list[SourceLine] = []
    joins: list[Join] = []
    for line in lines:
        if line.rule:
            continue  # a page number or a rule: no words of the document (the summary counts them)
        previous = out[-1] if out else None
        if (
            line.after_break
            and previous is not None
            and previous.where == line.where
            and continues(previous.text, line.text)
        ):
            out[-1] = join_lines(previous, line)
            joins.append(Join(previous.place, line.place, True))
            continue
        out.append(line)
    return out, joins


__all__ = ["Join", "continues", "join_lines", "join_page_breaks"]
