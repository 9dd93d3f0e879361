"""What an import found: units by kind, where the words went, joins made, footnotes linked.

Every word of a source ends up somewhere: in an amendable unit, in the header
block (metadata), in a closing block (signature, place and date, addressee), or
— when no rule could place it — outside any unit. The last is what a person
must hear about: above 5 % of the body's words it refuses the import unless
``--allow-unplaced`` says it is meant.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tracker.akn.outline import Block, HeaderLine, Outline
from tracker.i18n import _, ngettext
from tracker.importer.joins import Join

#: Above this share of the body's words outside units, an import is refused (``--allow-unplaced`` to go on).
MAX_UNPLACED = 0.05
#: Header lines a structure rule found by the title (not in the block the header rules took off).
UNDER_TITLE = ("adoption", "presented", "reference")
#: Blocks that hold words no unit should: they close a note or a report.
CLOSING = ("signature", "placeDate", "addressee", "meeting", "date")
#: How many units of each block kind, as the summary says it (written out so that catalogs see each plural).
UNIT_NAMES = {
    "docTitle": lambda n: ngettext("{n} title", "{n} titles", n),
    "formula": lambda n: ngettext("{n} formula", "{n} formulas", n),
    "recitals": lambda n: ngettext("{n} group opener", "{n} group openers", n),
    "recital": lambda n: ngettext("{n} preambular paragraph", "{n} preambular paragraphs", n),
    "section": lambda n: ngettext("{n} section", "{n} sections", n),
    "subsection": lambda n: ngettext("{n} sub-section", "{n} sub-sections", n),
    "paragraph": lambda n: ngettext("{n} paragraph", "{n} paragraphs", n),
    "subparagraph": lambda n: ngettext("{n} sub-paragraph", "{n} sub-paragraphs", n),
    "p": lambda n: ngettext("{n} heading line", "{n} heading lines", n),
}


def unit_name(kind: str, n: int) -> str:
    """``3 paragraphs``: the count and the name, in the interface language."""
    name = UNIT_NAMES.get(kind)
    return name(n).format(n=n) if name else f"{n} {kind}"


@dataclass
class ImportSummary:
    """The account an import gives of itself (printed, and kept in ``--dry-run``)."""

    doc_type: str
    units: Counter = field(default_factory=Counter)
    words_in_units: int = 0
    words_header: int = 0
    words_closing: int = 0
    words_unplaced: int = 0
    footnotes: int = 0
    joins: list[Join] = field(default_factory=list)
    dropped: int = 0  # page numbers and rules: no words of the document
    header: list[HeaderLine] = field(default_factory=list)
    unplaced_at: list[str] = field(default_factory=list)  # where the unplaced lines stood

    @property
    def unplaced_places(self) -> str:
        """Where the unplaced lines stand, runs folded: ``59–70, 112`` (at most eight runs, then how many more)."""
        runs: list[list[int]] = []
        for item in self.unplaced_at:
            number = int(item)
            if runs and number - runs[-1][1] in (0, 1):
                runs[-1][1] = number
            else:
                runs.append([number, number])
        shown = [str(a) if a == b else f"{a}–{b}" for a, b in runs[:8]]
        if len(runs) > 8:
            shown.append(_("and {n} more").format(n=len(runs) - 8))
        return ", ".join(shown)

    @property
    def share_unplaced(self) -> float:
        body = self.words_in_units + self.words_unplaced
        return self.words_unplaced / body if body else 0.0

    def lines(self) -> list[str]:
        """The summary as a person reads it."""
        kinds = ", ".join(unit_name(kind, n) for kind, n in sorted(self.units.items()))
        out = [
            ngettext("{n} unit ({kinds})", "{n} units ({kinds})", sum(self.units.values())).format(
                n=sum(self.units.values()), kinds=kinds
            ),
            _(
                "words: {inside} in units, {header} in the header block, {closing} in signature and address, "
                "{outside} outside any unit ({share:.1%})"
            ).format(
                inside=self.words_in_units,
                header=self.words_header,
                closing=self.words_closing,
                outside=self.words_unplaced,
                share=self.share_unplaced,
            )
            + (_(" at lines {lines}").format(lines=self.unplaced_places) if self.unplaced_at else ""),
            ngettext("{n} footnote linked", "{n} footnotes linked", self.footnotes).format(n=self.footnotes),
        ]
        if self.joins:
            places = "; ".join(str(join) for join in self.joins[:8])
            more = f" …(+{len(self.joins) - 8})" if len(self.joins) > 8 else ""
            out.append(
                ngettext("{n} paragraph joined: {places}", "{n} paragraphs joined: {places}", len(self.joins)).format(
                    n=len(self.joins), places=places + more
                )
            )
        if self.dropped:
            out.append(
                ngettext("{n} page number or rule left out", "{n} page numbers or rules left out", self.dropped).format(
                    n=self.dropped
                )
            )
        if self.header:
            out.append(_("header block: {fields}").format(fields=" | ".join(h.text for h in self.header)))
        return out


def summarize(outline: Outline, header_words: int, joins: list[Join], dropped: int) -> ImportSummary:
    """Count what ``outline`` holds."""
    summary = ImportSummary(outline.doc_type, joins=list(joins), dropped=dropped, header=list(outline.header))
    summary.words_header = header_words + sum(len(h.text.split()) for h in outline.header if h.kind in UNDER_TITLE)
    blocks: list[Block] = []
    if outline.title is not None:
        blocks.append(outline.title)
    blocks += outline.preamble + outline.body + outline.conclusions
    for attachment in outline.attachments:
        blocks += attachment.preface + attachment.body
    for block in blocks:
        _count(block, summary, closing=False)
    return summary


def _count(block: Block, summary: ImportSummary, closing: bool) -> None:
    closing = closing or block.name in CLOSING
    words = len(block.text.split()) + sum(len(note.text.split()) for note in block.notes)
    summary.footnotes += len(block.notes)
    if closing:
        summary.words_closing += words
    elif block.amendable and block.kind != "blockContainer":
        summary.units[block.kind] += 1
        summary.words_in_units += words
    else:
        summary.words_unplaced += words
        if words and block.line is not None:
            summary.unplaced_at.append(str(block.line))
    for child in block.children:
        _count(child, summary, closing)


__all__ = ["MAX_UNPLACED", "ImportSummary", "summarize"]
