"""The issued document as a Word file (DOCX) built with python-docx.

Operative paragraphs, sub-paragraphs and appendix items are real Word lists
(``numbering.xml``) and notes are real Word footnotes, so the secretariat can
go on editing the file in Word or LibreOffice; see :mod:`tracker.render.wordparts`.
A sequence whose printed numbers Word could not reproduce keeps them as text.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Inches, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun

from tracker.render.model import Block, Fold, Item, Layout, Run, Table
from tracker.render.wordchanges import Revisions, show_change
from tracker.render.wordparts import Footnotes, add_numbering, numbering_levels, set_numbering

FONT = "Times New Roman"
#: A regional tag for Word's proofing language; other languages use their bare code.
PROOFING = {"en": "en-US", "es": "es-ES", "fr": "fr-FR", "pt": "pt-BR"}
FIRST_LINE = Inches(0.5)
#: US Letter with 1-inch margins, as the OAS issues its documents in Washington.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Inches(8.5), Inches(11), Inches(1)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
#: The header block sits at the right margin.
BLOCK_WIDTH = Cm(5.5)


def render_docx(layout: Layout) -> bytes:
    """The whole document as the bytes of a .docx file."""
    document = docx.Document()
    _setup(document, layout)
    _header_block(document, layout)
    if layout.legend:
        legend = document.add_paragraph()
        legend.add_run(layout.legend).italic = True
    writer = _Writer(document, layout)
    for item in layout.blocks:
        writer.item(item)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Writer:
    """Draws blocks, folds and tables into one document, with its lists, footnotes and tracked changes."""

    def __init__(self, document: Document, layout: Layout) -> None:
        self.document = document
        self.lists = _lists(document, list(layout.paragraphs()))
        self.footnotes = Footnotes(document) if layout.notes else None
        self.notes = {note.number: note for note in layout.notes}
        #: A redline's changes are Word tracked changes; elsewhere (a compilation) they are only coloured.
        last_note = max((note.number for note in layout.notes), default=0)
        self.revisions = Revisions(document, first_comment=last_note + 1) if layout.tracked_changes else None

    def item(self, item: Item) -> None:
        if isinstance(item, Table):
            self.table(item)
        else:  # a fold is unfolded: Word has no folding, and accepting every change must give the whole text
            for block in item.blocks if isinstance(item, Fold) else [item]:
                self.fill(self.document.add_paragraph(), block)

    def fill(self, paragraph: Paragraph, block: Block, in_cell: bool = False) -> None:
        """Number, runs, footnotes, changes and mark of ``block`` in ``paragraph``."""
        _format(paragraph, block, in_cell)
        num_id = self.lists.get(block.list_key)
        if num_id is not None:
            set_numbering(paragraph, num_id, block.level)
        elif block.num:
            paragraph.add_run(f"{block.num}\t")
        for run in block.runs:
            self.run(paragraph, run)
        if block.mark:
            paragraph.add_run(" ")
            paragraph.add_run(block.mark).italic = True
        if block.role in ("caption", "title", "subtitle", "attachment-heading", "heading", "flag"):
            for run in paragraph.runs:
                run.bold = True
                run.font.all_caps = block.role == "title" or None
        if block.role in ("note", "flag"):
            for run in paragraph.runs:
                run.font.size = Pt(10)
        if block.role == "legend":
            for run in paragraph.runs:
                run.italic = True

    def run(self, paragraph: Paragraph, run: Run) -> None:
        if run.note is not None:
            note = self.notes[run.note]
            reference, body = self.footnotes.add(paragraph, run.note, note.text)
            # Only the reference is tracked: rejecting it removes the note with it.
            if run.change is not None and self.revisions is not None:
                self.revisions.track(reference, run.change)
                if note.change is not None:
                    self.revisions.track(body, note.change, labelled=False)
            elif note.change is not None:
                show_change(DocxRun(body, paragraph), note.change)
            return
        if run.style == "label" and self.revisions is not None:
            self.revisions.comment(run.text)
            return
        drawn = paragraph.add_run(run.text)
        if run.style == "label":
            drawn.text = f" [{run.text}]"
            drawn.font.size = Pt(9)
        drawn.bold = run.style == "strong" or None
        drawn.italic = run.style == "em" or None
        if run.change is not None:
            if self.revisions is not None:
                self.revisions.track(drawn._r, run.change)
            else:
                show_change(drawn, run.change)

    def table(self, table: Table) -> None:
        """A bordered table whose header row repeats on every page."""
        grid = self.document.add_table(rows=1 + len(table.rows), cols=len(table.head))
        grid.style = self.document.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        weights = table.widths or (1,) * len(table.head)
        widths = [int(TEXT_WIDTH * w / sum(weights)) for w in weights]
        for column, width in zip(grid.columns, widths):
            column.width = width
        for row in grid.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width
        head = grid.rows[0]
        head._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        for cell, text in zip(head.cells, table.head):
            _cell_spacing(cell.paragraphs[0])
            cell.paragraphs[0].add_run(text).bold = True
        for row, cells in zip(grid.rows[1:], table.rows):
            for cell, blocks in zip(row.cells, cells):
                for n, block in enumerate(blocks):
                    self.fill(cell.paragraphs[0] if n == 0 else cell.add_paragraph(), block, in_cell=True)
                cell.paragraphs[0].paragraph_format.space_before = None
        self.document.add_paragraph().paragraph_format.space_after = Pt(6)


def _cell_spacing(paragraph: Paragraph) -> None:
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.first_line_indent = Pt(4), None
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _setup(document: Document, layout: Layout) -> None:
    """Page, fonts, language, properties and a page number in the footer."""
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
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
    document.core_properties.title = f"{layout.symbol} {layout.title}".strip()
    document.core_properties.language = layout.lang
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _header_block(document: Document, layout: Layout) -> None:
    """Organisation top left, series/symbol/date/original top right, in a borderless table."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    left, right = table.rows[0].cells
    widths = (TEXT_WIDTH - BLOCK_WIDTH, BLOCK_WIDTH)
    for column, cell, width in zip(table.columns, (left, right), widths):
        column.width = width  # w:gridCol, which LibreOffice follows
        cell.width = width  # w:tcW, which Word follows
    left.paragraphs[0].add_run(layout.header.organization).bold = True
    lines = layout.header.lines
    right.paragraphs[0].add_run(lines[0])
    for line in lines[1:]:
        right.add_paragraph(line)
    for paragraph in (*left.paragraphs, *right.paragraphs):
        paragraph.paragraph_format.space_after = Pt(0)
        for run in paragraph.runs:
            run.font.size = Pt(11)
    document.add_paragraph().paragraph_format.space_after = Pt(18)


def _lists(document: Document, blocks: list[Block]) -> dict[str | None, int]:
    """A Word list for every numbered sequence whose printed numbers Word reproduces."""
    sequences: dict[str, list[tuple[int, str]]] = {}
    for block in blocks:
        if block.list_key and block.num:
            sequences.setdefault(block.list_key, []).append((block.level, block.num))
    lists: dict[str | None, int] = {}
    for key, nums in sequences.items():
        levels = numbering_levels(nums)
        if levels is not None:
            lists[key] = add_numbering(document, levels)
    return lists


def _format(paragraph: Paragraph, block: Block, in_cell: bool = False) -> None:
    """Alignment, indentation and spacing by role (in a table cell: left-aligned, no indents)."""
    fmt = paragraph.paragraph_format
    role = block.role
    if in_cell:
        _cell_spacing(paragraph)
        if role in ("note", "flag"):
            fmt.space_after = Pt(2)
        if block.style == "proposal":  # the next proposal in the same cell stands apart
            fmt.space_before = Pt(8)
        return
    if role == "subtitle":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.space_after = Pt(24)
    elif role == "quote":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.left_indent = fmt.right_indent = FIRST_LINE
    elif role in ("note", "flag", "legend"):
        fmt.space_after = Pt(8)
    elif role in ("caption", "title", "attachment-heading"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.keep_with_next = True
        if role == "title":
            fmt.space_after = Pt(24)
        elif role == "attachment-heading":
            fmt.space_after = Pt(6)
    elif role == "heading":
        fmt.keep_with_next = True
        fmt.space_before = Pt(12)
        if block.level:
            fmt.left_indent = FIRST_LINE
    elif role == "formula":
        fmt.space_before = Pt(6)
        fmt.keep_with_next = True
    elif role == "closing":
        fmt.space_after = Pt(0)
        if block.style == "signature":
            fmt.left_indent = Inches(3.25)
            fmt.space_before = Pt(36)
        elif block.style == "placeDate":
            fmt.space_before, fmt.space_after = Pt(12), Pt(12)
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if role == "sub" and not block.list_key:
            fmt.left_indent, fmt.first_line_indent = Inches(1), -FIRST_LINE
        elif role != "sub":
            fmt.first_line_indent = FIRST_LINE
        if role == "opener":
            fmt.keep_with_next = True
    if block.new_page:
        fmt.page_break_before = True
