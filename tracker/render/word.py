"""The issued document as a Word file (DOCX).

python-docx makes the package from its template (styles, page, properties, the
header block); the body's paragraphs are written with lxml, in time linear in
the document (see :mod:`tracker.render.wordparts`), to the same XML python-docx
wrote. Operative paragraphs, sub-paragraphs and appendix items are real Word lists
(``numbering.xml``) and notes are real Word footnotes, so the secretariat can
go on editing the file in Word or LibreOffice; see :mod:`tracker.render.wordparts`.
A sequence whose printed numbers Word could not reproduce keeps them as text.
"""

from __future__ import annotations

import copy
import io

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Inches, Length, Pt
from lxml import etree

from tracker.render.model import (
    DELETED,
    INSERTED,
    MARKED,
    TRACKED,
    Block,
    Change,
    Fold,
    Item,
    Layout,
    Run,
    Table,
    header_blocks,
)
from tracker.render.wordchanges import Revisions, show_change
from tracker.render.wordmarks import CORE_PROPERTY_LIMIT, Bookmarks, core_property, describe_package
from tracker.render.wordparts import (
    PPR,
    RPR,
    Footnotes,
    P,
    R,
    Setting,
    add_numbering,
    add_run,
    element,
    numbering_levels,
    properties,
    set_numbering,
    set_props,
    w,
)

FONT = "Times New Roman"
#: A regional tag for Word's proofing language; other languages use their bare code.
PROOFING = {"en": "en-US", "es": "es-ES", "fr": "fr-FR", "pt": "pt-BR"}
FIRST_LINE = Inches(0.5)
#: US Letter with 1-inch margins, as the OAS issues its documents in Washington (turned for a landscape layout).
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Inches(8.5), Inches(11), Inches(1)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
LANDSCAPE_TEXT_WIDTH = PAGE_HEIGHT - 2 * MARGIN
#: The header block sits at the right margin.
BLOCK_WIDTH = Cm(5.5)


def render_docx(layout: Layout) -> bytes:
    """The whole document as the bytes of a .docx file."""
    layout = layout.drawn_as(TRACKED if layout.tracked_changes else MARKED)
    document = docx.Document()
    _setup(document, layout)
    writer = _Writer(document, layout)
    _header_block(document, writer, layout)
    if layout.legend:
        writer.fill(writer.paragraph(), Block("legend", [Run(layout.legend)]))
    for item in layout.blocks:
        writer.item(item)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Writer:
    """Draws blocks, folds and tables into one document, with its lists, footnotes and tracked changes.

    Paragraphs are ``w:p`` elements written with lxml (see :mod:`tracker.render.wordparts` for why).
    """

    def __init__(self, document: Document, layout: Layout) -> None:
        self.document = document
        #: New body elements go just before the section properties, which must stay the body's last
        #: child; ``addprevious`` there takes constant time whatever the length of the document.
        self.end = document.element.body.find(w("sectPr"))
        self.lists = _lists(document, list(layout.paragraphs()), layout.tracked_changes)
        self.footnotes = Footnotes(document) if layout.notes else None
        self.notes = {note.number: note for note in layout.notes}
        #: Word footnote ids in the order the notes are called: LibreOffice pairs a reference with its
        #: note by that order, so ids must follow it even where the layout's numbers do not (a redline's
        #: lost notes, numbered after the others, are called where their paragraph stood).
        self.note_ids: dict[int, int] = {}
        #: A redline's changes are Word tracked changes; elsewhere (a compilation) they are only coloured.
        last_note = max((note.number for note in layout.notes), default=0)
        self.revisions = Revisions(document, first_comment=last_note + 1) if layout.tracked_changes else None
        #: ``w:pPr`` by format, to copy (see :meth:`paragraph_properties`).
        self.formats: dict[tuple, etree._Element] = {}
        #: Each unit's paragraph is bookmarked with its stable id (see :mod:`tracker.render.wordmarks`).
        self.bookmarks = Bookmarks()
        self.text_width = _text_width(layout)
        self.renumbering = layout.renumbering
        #: A remark (a comment on a whole paragraph) is the document's own: in its issuer's name, of its date.
        self.remarked_by = Change(INSERTED, layout.author or layout.header.organization, layout.date)

    def paragraph(self) -> etree._Element:
        """A new empty ``w:p`` at the end of the body (made there, it takes the body's ``w`` prefix)."""
        p = etree.SubElement(self.end.getparent(), P)
        self.end.addprevious(p)
        return p

    def item(self, item: Item) -> None:
        if isinstance(item, Table):
            self.table(item)
        else:  # a fold is unfolded: Word has no folding, and accepting every change must give the whole text
            for block in item.blocks if isinstance(item, Fold) else [item]:
                self.fill(self.paragraph(), block)

    def fill(self, paragraph: etree._Element, block: Block, in_cell: bool = False) -> None:
        """Number, runs, footnotes, changes and mark of ``block`` in the ``w:p`` ``paragraph``."""
        num_id = self.lists.get(block.list_key)
        ppr = self.paragraph_properties(block, num_id, in_cell)
        paragraph.insert(0, ppr)
        if self.revisions is not None:
            self.revisions.new_paragraph()
            if block.change is not None:
                self.revisions.track_paragraph(ppr, block.change)
        if num_id is None:
            self.typed_number(paragraph, block)
        for run in block.runs:
            self.run(paragraph, run)
        if block.mark:
            add_run(paragraph, " ")
            add_run(paragraph, block.mark, [_ITALIC])
        if block.unit is not None:
            self.bookmarks.wrap(paragraph, block.unit)
        if block.remark and self.revisions is not None and len(paragraph) > 1:
            self.revisions.comment_on(paragraph[1], paragraph[-1], block.remark, self.remarked_by)
        # The paragraph's own runs and those of its tracked changes; not a note's or a comment's reference.
        emphasis = _EMPHASIS.get((block.role, block.style)) or _EMPHASIS.get(block.role)
        if emphasis:
            for drawn in _text_runs(paragraph):
                set_props(drawn, RPR, emphasis)

    def typed_number(self, paragraph: etree._Element, block: Block) -> None:
        """The number as text, where Word's numbering cannot print it; in a redline, its change tracked.

        A paragraph inserted or deleted carries its number in its own change. A number that changed
        (``5 bis.`` became ``6.``) is a change of nobody's (:attr:`Layout.renumbering`): no delegation
        renumbers, the text does.
        """
        if self.revisions is None:
            if block.num:
                add_run(paragraph, f"{block.num}\t")
            return
        if block.change is not None:
            number = block.num if block.change.kind == INSERTED else block.num_from
            if number:
                self.revisions.track(add_run(paragraph, f"{number}\t"), block.change, labelled=False)
            return
        if block.num == block.num_from:
            if block.num:
                add_run(paragraph, f"{block.num}\t")
            return
        for number, kind in ((block.num_from, DELETED), (block.num, INSERTED)):
            if number:
                change = Change(kind, self.renumbering, None)
                self.revisions.track(add_run(paragraph, f"{number}\t"), change, labelled=False)

    def paragraph_properties(self, block: Block, num_id: int | None, in_cell: bool) -> etree._Element:
        """A new ``w:pPr`` for ``block``: alignment, spacing and indents by role, list membership.

        Blocks share a few formats, so each is built once and then copied (one C call):
        building them element by element was most of the time of a long document.
        """
        key = (block.role, block.style, block.level, bool(block.list_key), block.new_page, in_cell, num_id)
        ppr = self.formats.get(key)
        if ppr is None:
            scratch = element("p")
            set_props(scratch, PPR, _format(block, in_cell))
            if num_id is not None:
                set_numbering(scratch, num_id, block.level)
            ppr = self.formats[key] = scratch[0]
        return copy.deepcopy(ppr)

    def run(self, paragraph: etree._Element, run: Run) -> None:
        if run.note is not None:
            note = self.notes[run.note]
            note_id = self.note_ids.setdefault(run.note, len(self.note_ids) + 1)
            reference, body = self.footnotes.add(paragraph, note_id, note.text, note.mark)
            # Only the reference is tracked: rejecting it removes the note with it.
            if run.change is not None and self.revisions is not None:
                self.revisions.track(reference, run.change)
                if note.change is not None:
                    self.revisions.track(body, note.change, labelled=False)
            elif note.change is not None:
                show_change(body, note.change)
            return
        if run.style in ("label", "gap") and self.revisions is not None:
            if run.style == "label":  # a comment on the changes it follows; its gaps are not text
                self.revisions.comment(run.text)
            return
        label = run.style == "label"
        drawn = add_run(paragraph, f"[{run.text}]" if label else run.text, _RUN_STYLES.get(run.style, ()))
        if run.change is not None:
            if self.revisions is not None:
                self.revisions.track(drawn, run.change)
            else:
                show_change(drawn, run.change)

    def table(self, table: Table) -> None:
        """A bordered table whose header row repeats on every page and whose rows never break across pages.

        ``w:tblHeader`` repeats the first row; ``w:cantSplit`` keeps each row on one page (Word and
        LibreOffice still break a row taller than a page, rather than lose its end).
        """
        grid = self.document.add_table(rows=1 + len(table.rows), cols=len(table.head))
        grid.style = self.document.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        weights = table.widths or (1,) * len(table.head)
        widths = [int(self.text_width * weight / sum(weights)) for weight in weights]
        for column, width in zip(grid.columns, widths):
            column.width = width
        rows = grid.rows
        for row in rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width
            row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
        head = rows[0]
        head._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        for cell, text in zip(head.cells, table.head):
            paragraph = cell._tc.find(P)
            set_props(paragraph, PPR, _CELL)
            add_run(paragraph, text, [_BOLD])
        for row, cells in zip(rows[1:], table.rows):
            for cell, blocks in zip(row.cells, cells):
                first = cell._tc.find(P)
                for n, block in enumerate(blocks):
                    self.fill(first if n == 0 else etree.SubElement(cell._tc, P), block, in_cell=True)
                # The first paragraph of a cell needs no space above (python-docx's space_before = None).
                spacing = properties(first, PPR).find(w("spacing"))
                if spacing is not None:
                    spacing.attrib.pop(w("before"), None)
        set_props(self.paragraph(), PPR, [("spacing", {"after": _tw(Pt(6))})])


def _text_width(layout: Layout) -> Length:
    """The width between the margins: of a Letter page, or of one turned for a landscape layout."""
    return Length(LANDSCAPE_TEXT_WIDTH if layout.landscape else TEXT_WIDTH)


def _tw(length: Length) -> str:
    """A length in twentieths of a point, as Word writes spacing and indents."""
    return str(length.twips)


_BOLD: Setting = ("b", {})
_ITALIC: Setting = ("i", {})
_LABEL_SIZE: Setting = ("sz", {"val": "18"})
#: Run formatting by the model's run style (python-docx left an empty ``w:rPr`` on plain runs; so do we).
_RUN_STYLES: dict[str | None, list[Setting]] = {"strong": [_BOLD], "em": [_ITALIC], "label": [_LABEL_SIZE]}
#: Run formatting every run of a block with this role gets (the title in capitals, notes smaller).
_EMPHASIS: dict[str | tuple[str, str | None], list[Setting]] = {
    **{role: [_BOLD, ("caps", None)] for role in ("caption", "subtitle", "attachment-heading", "heading")},
    "title": [_BOLD, ("caps", {})],
    "flag": [_BOLD, ("caps", None), ("sz", {"val": "20"})],
    "note": [("sz", {"val": "20"})],
    "legend": [_ITALIC],
    "header": [("sz", {"val": "22"})],
    ("header", "organization"): [_BOLD, ("sz", {"val": "22"})],
}
_TRACKED = (w("ins"), w("del"))
#: A table cell's paragraph: left-aligned, close to the next, no first-line indent.
_CELL: list[Setting] = [("spacing", {"after": _tw(Pt(4))}), ("jc", {"val": "left"})]


def _setup(document: Document, layout: Layout) -> None:
    """Page, fonts, language, properties (:mod:`tracker.render.wordmarks`) and a page number in the footer."""
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    if layout.landscape:  # the compilation's three columns: the page turned, w:orient and the sizes swapped
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
    else:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr.append(lang)
    lang.set(qn("w:val"), PROOFING.get(layout.lang, layout.lang))
    normal.paragraph_format.space_after = Pt(12)
    normal.paragraph_format.space_before = Pt(0)
    describe_package(document, layout)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _header_block(document: Document, writer: _Writer, layout: Layout) -> None:
    """Organisation top left, series/symbol/date/original top right, in a borderless table."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    left, right = table.rows[0].cells
    widths = (Length(writer.text_width - BLOCK_WIDTH), BLOCK_WIDTH)
    for column, cell, width in zip(table.columns, (left, right), widths):
        column.width = width  # w:gridCol, which LibreOffice follows
        cell.width = width  # w:tcW, which Word follows
    for cell, blocks in zip((left, right), layout.header_blocks or header_blocks(layout.header)):
        first = cell._tc.find(P)
        for n, block in enumerate(blocks):
            writer.fill(first if n == 0 else etree.SubElement(cell._tc, P), block, in_cell=True)
    document.add_paragraph().paragraph_format.space_after = Pt(18)


def _lists(document: Document, blocks: list[Block], tracked: bool) -> dict[str | None, int]:
    """A Word list for every numbered sequence whose printed numbers Word reproduces.

    In a redline Word accepts or rejects (``tracked``), a sequence is a list only if Word's numbering
    reproduces it in both revisions, the later one's numbers (without its deleted paragraphs) and the
    earlier one's (without the inserted ones): then accepting or rejecting needs no renumbering at all.
    """
    later: dict[str, list[tuple[int, str]]] = {}
    earlier: dict[str, list[tuple[int, str]]] = {}
    for block in blocks:
        if not block.list_key:
            continue
        kind = block.change.kind if block.change is not None else None
        if block.num and kind != DELETED:
            later.setdefault(block.list_key, []).append((block.level, block.num))
        if tracked and block.num_from and kind != INSERTED:
            earlier.setdefault(block.list_key, []).append((block.level, block.num_from))
    lists: dict[str | None, int] = {}
    for key in dict.fromkeys([*later, *earlier]):
        levels = numbering_levels(later.get(key, []))
        if tracked:
            levels = _common_levels(levels, numbering_levels(earlier.get(key, [])))
        if levels:
            lists[key] = add_numbering(document, levels)
    return lists


def _common_levels(a: list | None, b: list | None) -> list | None:
    """Level definitions printing both sequences (one's levels a start of the other's), or None."""
    if a is None or b is None:
        return None
    shorter, longer = sorted((a, b), key=len)
    return longer if longer[: len(shorter)] == shorter else None


def _text_runs(paragraph: etree._Element):
    """The ``w:r`` of a paragraph's text, in tracked changes too; not references (notes, comments)."""
    for child in paragraph:
        for run in [child] if child.tag == R else child.iterchildren(R) if child.tag in _TRACKED else ():
            if run.find(f"{RPR}/{w('rStyle')}") is None and run.find(w("commentReference")) is None:
                yield run


def _format(block: Block, in_cell: bool) -> list[Setting]:
    """Alignment, indentation and spacing by role (in a table cell: left-aligned, no indents).

    The settings apply in this order, a later one changing an earlier one as python-docx's setters did.
    """
    role, style = block.role, block.style
    if role == "header":
        return [("spacing", {"after": "0"})]
    if in_cell:
        out = list(_CELL)
        if role in ("note", "flag"):
            out.append(("spacing", {"after": _tw(Pt(2))}))
        if style == "proposal":  # the next proposal in the same cell stands apart
            out.append(("spacing", {"before": _tw(Pt(8))}))
        return out
    center, justify, keep = ("jc", {"val": "center"}), ("jc", {"val": "both"}), ("keepNext", {})
    if role == "subtitle":
        out = [center, ("spacing", {"after": _tw(Pt(24))})]
    elif role == "quote":
        out = [justify, ("ind", {"left": _tw(FIRST_LINE), "right": _tw(FIRST_LINE)})]
    elif role in ("note", "flag", "legend"):
        out = [("spacing", {"after": _tw(Pt(8))})]
    elif role in ("caption", "title", "attachment-heading"):
        out = [center, keep]
        if role == "title":
            out.append(("spacing", {"after": _tw(Pt(24))}))
        elif role == "attachment-heading":
            out.append(("spacing", {"after": _tw(Pt(6))}))
    elif role == "heading":
        out = [keep, ("spacing", {"before": _tw(Pt(12))})]
        if block.level:
            out.append(("ind", {"left": _tw(FIRST_LINE)}))
    elif role == "formula":
        out = [("spacing", {"before": _tw(Pt(6))}), keep]
    elif role == "closing":
        out = [("spacing", {"after": "0"})]
        if style == "signature":
            out += [("ind", {"left": _tw(Inches(3.25))}), ("spacing", {"before": _tw(Pt(36))})]
        elif style == "office":  # the office under a signature's name
            out.append(("ind", {"left": _tw(Inches(3.25))}))
        elif style == "placeDate":
            out.append(("spacing", {"before": _tw(Pt(12)), "after": _tw(Pt(12))}))
    else:
        out = [justify]
        if role == "sub" and not block.list_key:
            out.append(("ind", {"left": _tw(Inches(1)), "hanging": _tw(FIRST_LINE)}))
        elif role != "sub":
            out.append(("ind", {"firstLine": _tw(FIRST_LINE)}))
        if role == "opener":
            out.append(keep)
    if block.new_page:
        out.append(("pageBreakBefore", {}))
    return out


#: ``core_property`` and its limit are kept importable from here, where they were first.
__all__ = ["CORE_PROPERTY_LIMIT", "core_property", "render_docx"]
