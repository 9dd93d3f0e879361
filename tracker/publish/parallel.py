"""A revision's languages side by side, paragraph by paragraph, aligned by the units' stable ids.

Each language's text is laid out once by the document writer
(:func:`tracker.render.layout.build_layout`) and drawn by the HTML writer; this
module pairs the blocks of the languages: a unit's block with the block of the
same ``wId`` in the other languages, the lines that belong to no unit (closing
lines, the caption) in their order. A unit only one language has stands where
that language reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import html as lxml_html
from markupsafe import Markup

from tracker.render.html import block_element
from tracker.render.model import Block, Layout
from tracker.render.status import AD_REFERENDUM, AGREED, OPEN


@dataclass(frozen=True)
class Note:
    """A footnote as a cell lists it: its element id, the id of its call, its number and its text."""

    id: str
    back: str
    number: int
    shown: str
    text: str


@dataclass(frozen=True)
class Cell:
    """One language's paragraph: its drawn HTML and the notes it calls."""

    lang: str
    html: Markup
    notes: list[Note]
    text: str


@dataclass
class Row:
    """One unit (or one line of no unit) in every language that has it."""

    unit: str | None
    role: str
    status: str | None = None
    bracketed: bool = False
    cells: list[Cell] = field(default_factory=list)
    label: str = ""
    status_text: str = ""
    records: list = field(default_factory=list)

    @property
    def status_class(self) -> str:
        """The status as a CSS class name (``ad-ref`` → ``ad_referendum``)."""
        return {AD_REFERENDUM: "ad_referendum", AGREED: "agreed", OPEN: "open"}.get(self.status or "", "")


def parallel_rows(layouts: dict[str, Layout], labels: dict[str, str]) -> list[Row]:
    """The rows of ``layouts`` (``{lang: layout}``, the first language leading), with unit labels from ``labels``."""
    langs = list(layouts)
    keyed = {lang: _keyed_blocks(layouts[lang]) for lang in langs}
    order: list[object] = list(keyed[langs[0]])
    for lang in langs[1:]:  # a unit only a later language has goes after the unit it follows there
        at = 0
        for key in keyed[lang]:
            if key in order:
                at = order.index(key) + 1
            else:
                order.insert(at, key)
                at += 1
    rows = []
    for key in order:
        blocks = {lang: keyed[lang][key] for lang in langs if key in keyed[lang]}
        first = next(iter(blocks.values()))
        row = Row(
            first.unit, first.role, first.status, bracketed=_bracketed(first), label=labels.get(first.unit or "", "")
        )
        row.cells = [_cell(lang, block, layouts[lang]) for lang, block in blocks.items()]
        rows.append(row)
    return rows


def _keyed_blocks(layout: Layout) -> dict[object, Block]:
    """The layout's blocks by unit id, and the lines of no unit by their place among such lines."""
    keyed: dict[object, Block] = {}
    loose = 0
    for block in layout.blocks:
        if not isinstance(block, Block):
            continue
        if block.unit:
            keyed[block.unit] = block
        else:
            keyed[("line", loose)] = block
            loose += 1
    return keyed


def _bracketed(block: Block) -> bool:
    return block.status == OPEN and bool(block.runs) and block.runs[0].text == "["


def _cell(lang: str, block: Block, layout: Layout) -> Cell:
    prefix = f"{lang}-"
    element = block_element(block, notes=prefix)
    element.set("class", f"text {element.get('class')}")
    # The page's h1 names the document and "The text" is its h2: the document's own headings come under them.
    # The title (h1) goes to h3; a section (h2) or subsection (h3) of a document without one, one step less.
    for heading in element.iter("h1", "h2", "h3", "h4"):
        heading.tag = f"h{min(6, int(heading.tag[1]) + (2 if heading.tag == 'h1' else 1))}"
    called = {run.note for run in block.runs if run.note is not None}
    notes = [
        Note(f"fn-{prefix}{note.number}", f"fnref-{prefix}{note.number}", note.number, note.shown, note.text)
        for note in layout.notes
        if note.number in called
    ]
    return Cell(lang, Markup(lxml_html.tostring(element, encoding="unicode")), notes, block.text)
