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

from tracker.render.layout import Block, Layout
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
    lists = _lists(document, layout.blocks)
    footnotes = Footnotes(document) if layout.notes else None
    notes = {note.number: note.text for note in layout.notes}
    for block in layout.blocks:
        paragraph = document.add_paragraph()
        _format(paragraph, block)
        num_id = lists.get(block.list_key)
        if num_id is not None:
            set_numbering(paragraph, num_id, block.level)
        elif block.num:
            paragraph.add_run(f"{block.num}\t")
        for run in block.runs:
            if run.note is None:
                paragraph.add_run(run.text)
            else:
                footnotes.add(paragraph, run.note, notes[run.note])
        if block.mark:
            paragraph.add_run(" ")
            paragraph.add_run(block.mark).italic = True
        if block.role in ("caption", "title", "attachment-heading", "heading"):
            for run in paragraph.runs:
                run.bold = True
                run.font.all_caps = block.role == "title" or None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


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


def _format(paragraph: Paragraph, block: Block) -> None:
    """Alignment, indentation and spacing by role."""
    fmt = paragraph.paragraph_format
    role = block.role
    if role in ("caption", "title", "attachment-heading"):
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
