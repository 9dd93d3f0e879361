"""Paragraphs split in two by the way a text reached us, joined again, and every join listed.

A page break cuts a paragraph where the page ends (``… the program's`` /
``implementation …``); a text exported from Word or copied from an e-mail may
wrap a paragraph over lines. Both leave a line that ends mid-sentence followed
by one that starts in lower case (or a line ending with a word no sentence ends
with, ``and``, ``of``, ``de``, followed by any line): one paragraph, not two units. A line that
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
    #: The lines from ``first`` to ``second`` were all one paragraph (a text wrapped at a fixed width).
    span: bool = False

    def __str__(self) -> str:
        return f"{self.first} … {self.second}" if self.span else f"{self.first} + {self.second}"


#: Words no sentence ends with: a line ending with one goes on, even when the next line opens with a
#: capital (``… the Promotion and`` / ``Protection of the Human Rights …``).
_NEVER_LAST = frozenset(
    "a an and as at by for from in into of on or the to with whose which that "
    "al con de del el en la las los o para por que su sus un una y e "
    "à au aux dans de des du en et la le les ou par pour sur un une "
    "ao aos com da das do dos em na nas no nos ou pelo pela um uma".split()
)


def continues(previous: str, text: str) -> bool:
    """Whether ``text`` goes on with the sentence ``previous`` left unfinished."""
    end = previous.rstrip(_CLOSERS) or previous
    if not end or end[-1] in _ENDS:
        return False
    first = next((char for char in text if char.isalpha()), "")
    if not first or text[0] in "(" or read_label(text):
        return False
    if first.islower():
        return True
    # "… the Promotion and" goes on; "…; and" ends an item of a list (the next opens the next item).
    words = end.rsplit(None, 2)
    return words[-1] in _NEVER_LAST and not (len(words) > 1 and words[-2][-1:] in ";,:")


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
        # The paragraph the page cut: the last one in the same place (a note at the page's foot between).
        at = len(out) - 1
        while at >= 0 and out[at].where == "page-foot" and line.where != "page-foot":
            at -= 1
        previous = out[at] if at >= 0 else None
        if (
            line.after_break
            and previous is not None
            and previous.where == line.where
            and continues(previous.text, line.text)
        ):
            out[at] = join_lines(previous, line)
            joins.append(Join(previous.place, line.place, True))
            continue
        out.append(line)
    return out, joins


__all__ = ["Join", "continues", "join_lines", "join_page_breaks"]
