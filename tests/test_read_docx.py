"""Reading Word files (:mod:`tracker.importer.readers.docx`): every paragraph a person sees, with Word's hints.

Three sources of documents, each read back line by line:

* small files built here with python-docx and lxml, one feature each (the
  header block in a page header, a table and a text box; automatic numbering;
  footnotes; heading styles; bold; page breaks; tracked changes; hidden text)
  and every kind of file the reader must refuse cleanly;
* the project's own DOCX writer: the bundled drafts and generated ones, whose
  layout says exactly which texts, numbers and footnotes the file must give back;
* two files LibreOffice wrote (``tests/data/real``, rebuilt by ``build_docx.sh``),
  shaped like an OAS draft resolution and a United Nations report.
"""

from __future__ import annotations

import io
import struct
import unicodedata
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tracker.akn.build import build_document
from tracker.akn.document import Draft
from tracker.akn.meta import DocMeta
from tracker.akn.namespace import NS
from tracker.akn.outline import Block, Note, Outline
from tracker.errors import ImportTextError
from tracker.importer.lines import SourceLine
from tracker.importer.readers.docx import collapse, read_docx
from tracker.render.layout import build_layout
from tracker.render.model import DELETED, INSERTED, Change, Header, Layout, Run
from tracker.render.model import Block as LayoutBlock
from tracker.render.word import render_docx
from tracker.render.wordparts import Footnotes, numbering_levels

REPO = Path(__file__).resolve().parent.parent
REAL = Path(__file__).resolve().parent / "data" / "real"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECLARATIONS = (
    f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# -- a builder of small Word files ------------------------------------------------------------


def r(text: str, rpr: str = "") -> str:
    """A run of ``text`` (``rpr``: the XML of its properties)."""
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def num_pr(num_id: str, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def style(name: str) -> str:
    return f'<w:pStyle w:val="{name}"/>'


def fragment(xml: str) -> list[etree._Element]:
    return list(parse_xml(f"<w:wrap {DECLARATIONS}>{xml}</w:wrap>"))


class Doc:
    """A Word document made with python-docx, its WordprocessingML written as XML strings."""

    def __init__(self) -> None:
        self.document = docx.Document()
        body = self.document.element.body
        self.end = body.find(w("sectPr"))
        self.numbering = self.document.part.numbering_part.element
        self.styles = self.document.styles.element
        self.next_abstract = 100
        self.next_note = 1
        self.notes: dict[str, etree._Element] = {}

    def add(self, xml: str) -> Doc:
        for element in fragment(xml):
            self.end.addprevious(element)
        return self

    def p(self, inner: str = "", ppr: str = "") -> Doc:
        """A paragraph; ``inner`` is text (one run) or the XML of its runs."""
        runs = inner if inner.startswith("<") else (r(inner) if inner else "")
        return self.add(f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")

    def style(self, xml: str) -> Doc:
        for element in fragment(xml):
            self.styles.append(element)
        return self

    def abstract(self, *levels: str) -> str:
        """A new ``w:abstractNum`` whose levels are ``w:lvl`` contents (without ``w:lvl`` itself)."""
        aid = str(self.next_abstract)
        self.next_abstract += 1
        lvls = "".join(f'<w:lvl w:ilvl="{i}">{level}</w:lvl>' for i, level in enumerate(levels))
        first_num = self.numbering.find(w("num"))
        for element in fragment(f'<w:abstractNum w:abstractNumId="{aid}">{lvls}</w:abstractNum>'):
            first_num.addprevious(element)  # the schema puts every abstractNum before the nums
        return aid

    def abstract_linked(self, numbering_style: str) -> str:
        """A ``w:abstractNum`` that only points at a numbering style (``w:numStyleLink``)."""
        aid = str(self.next_abstract)
        self.next_abstract += 1
        xml = f'<w:abstractNum w:abstractNumId="{aid}"><w:numStyleLink w:val="{numbering_style}"/></w:abstractNum>'
        self.numbering.find(w("num")).addprevious(fragment(xml)[0])
        return aid

    def num(self, abstract_id: str, overrides: str = "") -> str:
        num_id = str(max(int(n.get(w("numId"))) for n in self.numbering.findall(w("num"))) + 1)
        for element in fragment(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
        ):
            self.numbering.append(element)
        return num_id

    def note(self, text: str, kind: str = "footnote", body: str | None = None, mark: str | None = None) -> str:
        """A footnote (or endnote) written the way Word writes one; returns the XML of its reference run
        (with ``mark``, a reference that prints that mark instead of the note's number)."""
        part = self.notes.get(kind)
        if part is None:
            if kind == "footnote":
                part = Footnotes(self.document).part.element
            else:
                xml = f'<w:endnotes {DECLARATIONS}><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote></w:endnotes>'
                made = XmlPart(
                    PackURI("/word/endnotes.xml"), CT.WML_ENDNOTES, parse_xml(xml), self.document.part.package
                )
                self.document.part.relate_to(made, RT.ENDNOTES)
                part = made.element
            self.notes[kind] = part
        nid = str(self.next_note)
        self.next_note += 1
        content = body or (
            f'<w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{kind}Ref/></w:r>{r(" " + text)}</w:p>'
        )
        for element in fragment(f'<w:{kind} w:id="{nid}">{content}</w:{kind}>'):
            part.append(element)
        if mark:
            return f'<w:r><w:{kind}Reference w:customMarkFollows="1" w:id="{nid}"/><w:t>{mark}</w:t></w:r>'
        return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{kind}Reference w:id="{nid}"/></w:r>'

    def data(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    def read(self, **options) -> list[SourceLine]:
        return read_docx(self.data(), "draft.docx", **options)


def texts(lines: list[SourceLine]) -> list[str]:
    return [line.text for line in lines]


DECIMAL = '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
LETTERS_IN_PARENS = '<w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>'


# -- (a) what the reader takes from Word's markup ---------------------------------------------------


def test_plain_paragraphs_in_reading_order_text_as_word_prints_it():
    doc = Doc()
    doc.p("THE GENERAL ASSEMBLY,")
    doc.p("")  # an empty paragraph is skipped, and does not count
    doc.p("   ")
    doc.p(r("RECALLING  its resolution") + "<w:r><w:tab/></w:r>" + r("AG/RES. 1928 (XXXIII-O/03);"))
    doc.p(r("Line") + '<w:r><w:br/><w:t>broken</w:t><w:br w:type="textWrapping"/><w:t>twice</w:t></w:r>')
    doc.p(
        "<w:r><w:t>non</w:t><w:noBreakHyphen/><w:t>binding</w:t><w:t>hy</w:t><w:softHyphen/><w:t>phen</w:t>"
        '<w:sym w:font="Symbol" w:char="F0B7"/></w:r>'
    )
    # a field: its code is not text, its result is
    doc.p(
        r("See page ")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF x </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("4")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + '<w:hyperlink r:id="rId99">'
        + r(" and the site")
        + "</w:hyperlink>"
    )
    doc.p(r("Me\u0301xico") + r(" and  Panama\u00a0 "))  # decomposed accent: NFC
    doc.p(r("shown") + r(" hidden", "<w:vanish/>"))  # hidden text is not printed
    doc.p(r("where ") + "<m:oMath><m:r><m:t>x+1</m:t></m:r></m:oMath>" + r(" is a formula"))
    lines = doc.read()
    assert texts(lines) == [
        "THE GENERAL ASSEMBLY,",
        "RECALLING its resolution AG/RES. 1928 (XXXIII-O/03);",
        "Line broken twice",
        "non-bindinghyphen",
        "See page 4 and the site",
        "México and Panama",
        "shown",
        "where x+1 is a formula",
    ]
    assert [line.number for line in lines] == list(range(1, 9))
    assert {(line.counted, line.where, line.page, line.heading, line.label) for line in lines} == {
        ("paragraph", "body", None, 0, None)
    }
    assert lines[5].text == unicodedata.normalize("NFC", lines[5].text)
    assert lines[0].place == "paragraph 1"


def test_header_block_in_page_header_table_and_text_box():
    doc = Doc()
    section = doc.document.sections[0]
    header = section.header.paragraphs[0]
    header.text = "OEA/Ser.G"
    section.header.add_paragraph("CP/CAJP-2213/04")
    section.footer.paragraphs[0].text = "- 1 -"  # the footer is never read
    doc.add(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr><w:tc><w:p>{r('PERMANENT COUNCIL', '<w:b/>')}</w:p></w:tc>"
        f"<w:tc><w:p>{r('OEA/Ser.G')}</w:p><w:p/><w:p>{r('CP/CAJP-2213/04')}</w:p></w:tc></w:tr>"
        f"<w:tr><w:tc><w:p>{r('COMMITTEE')}</w:p></w:tc><w:tc><w:p>{r('12 May 2004')}</w:p></w:tc></w:tr>"
        "</w:tbl>"
    )
    box = f"<w:txbxContent><w:p>{r('12 May 2004')}</w:p><w:p>{r('Original: Spanish')}</w:p></w:txbxContent>"
    # Word writes a text box twice: the DrawingML shape and a VML fallback for older readers
    doc.p(
        r("DRAFT RESOLUTION")
        + '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        + f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        + f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        + "</mc:Fallback></mc:AlternateContent></w:r>"
    )
    doc.p(f"<w:r><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></w:r>")  # VML only, empty anchor
    lines = doc.read()
    assert [(line.where, line.text) for line in lines] == [
        ("page-header", "OEA/Ser.G"),
        ("page-header", "CP/CAJP-2213/04"),
        ("table", "PERMANENT COUNCIL"),
        ("table", "OEA/Ser.G"),
        ("table", "CP/CAJP-2213/04"),
        ("table", "COMMITTEE"),
        ("table", "12 May 2004"),
        ("body", "DRAFT RESOLUTION"),
        ("textbox", "12 May 2004"),
        ("textbox", "Original: Spanish"),
        ("textbox", "12 May 2004"),
        ("textbox", "Original: Spanish"),
    ]
    assert [line.number for line in lines] == list(range(1, 13))
    assert lines[2].bold and not lines[3].bold


def test_first_page_header_comes_first_and_only_the_first_section_counts():
    doc = Doc()
    section = doc.document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "A/55/275/Add.1"
    section.header.paragraphs[0].text = "A/55/275/Add.1 (continued)"
    doc.p("Body")
    later = doc.document.add_section(WD_SECTION.NEW_PAGE)
    later.header.is_linked_to_previous = False
    later.header.paragraphs[0].text = "Annex header"
    lines = doc.read()
    assert [(line.where, line.text) for line in lines] == [
        ("page-header", "A/55/275/Add.1"),
        ("page-header", "A/55/275/Add.1 (continued)"),
        ("body", "Body"),
    ]


def test_automatic_numbering_two_levels_restart_after_a_higher_level():
    doc = Doc()
    num = doc.num(doc.abstract(DECIMAL, LETTERS_IN_PARENS))
    doc.p("RESOLVES:")
    for ilvl, text in [(0, "To reaffirm"), (0, "To urge:"), (1, "to ensure"), (1, "to promote"), (0, "To request")]:
        doc.p(text, num_pr(num, ilvl))
    doc.p("", num_pr(num, 1))  # an empty item: skipped, but Word numbers it
    doc.p("to report", num_pr(num, 1))
    lines = doc.read()
    assert [(line.label, line.text) for line in lines] == [
        (None, "RESOLVES:"),
        ("1.", "To reaffirm"),
        ("2.", "To urge:"),
        ("(a)", "to ensure"),
        ("(b)", "to promote"),
        ("3.", "To request"),
        ("(b)", "to report"),
    ]


def test_number_formats_and_level_texts():
    doc = Doc()
    roman = doc.num(
        doc.abstract(
            '<w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>',
            '<w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%2."/>',
            '<w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/>',
        )
    )
    outline = doc.num(
        doc.abstract(DECIMAL, '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/>')
    )
    legal = doc.num(
        doc.abstract(
            '<w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>',
            '<w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:isLgl/><w:lvlText w:val="%1.%2"/>',
        )
    )
    seventh = doc.num(
        doc.abstract(
            '<w:start w:val="7"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>',
            '<w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlRestart w:val="0"/><w:lvlText w:val="%2)"/>',
        )
    )
    bullets = doc.num(doc.abstract('<w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>'))
    unnumbered = doc.num(doc.abstract('<w:numFmt w:val="none"/><w:lvlText w:val=""/>'))
    items = [(roman, 0), (roman, 1), (roman, 2), (roman, 2), (roman, 1), (roman, 0), (roman, 0), (roman, 0), (roman, 0)]
    items += [(outline, 0), (outline, 1), (outline, 1), (outline, 0), (outline, 1)]
    items += [(legal, 0), (legal, 0), (legal, 1)]
    items += [(seventh, 0), (seventh, 1), (seventh, 0), (seventh, 1)]
    items += [(bullets, 0), (unnumbered, 0)]
    for n, (num, ilvl) in enumerate(items):
        doc.p(f"item {n}", num_pr(num, ilvl))
    labels = [line.label for line in doc.read()]
    assert labels == [
        "I.", "A.", "(i)", "(ii)", "B.", "II.", "III.", "IV.", "V.",
        "1.", "1.1.", "1.2.", "2.", "2.1.",
        "I.", "II.", "2.1",
        "7.", "a)", "8.", "b)",
        None, None,
    ]  # fmt: skip


def test_level_overrides_numbering_styles_restart_levels_and_the_template_styles():
    doc = Doc()
    levels = (
        DECIMAL,
        '<w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/>',
        # restarts only after level 1 (the first), not after level 2
        '<w:start w:val="1"/><w:numFmt w:val="decimalZero"/><w:lvlRestart w:val="1"/><w:lvlText w:val="%3"/>',
    )
    restarting = doc.num(doc.abstract(*levels))
    overridden = doc.num(
        doc.abstract(DECIMAL),
        '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/>'
        '<w:lvlText w:val="%1)"/></w:lvl></w:lvlOverride>',
    )
    # a list defined by a numbering style: the abstract numbering links to the style, whose list has the levels
    real = doc.abstract('<w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>')
    styled = doc.num(real)
    doc.style(
        '<w:style w:type="numbering" w:styleId="Articles"><w:name w:val="Articles"/>'
        f'<w:pPr><w:numPr><w:numId w:val="{styled}"/></w:numPr></w:pPr></w:style>'
    )
    linked = doc.num(doc.abstract_linked("Articles"))
    for num, ilvl in [(restarting, 0), (restarting, 1), (restarting, 2), (restarting, 2), (restarting, 1)]:
        doc.p("x", num_pr(num, ilvl))
    doc.p("x", num_pr(restarting, 2))
    doc.p("x", num_pr(restarting, 0))
    doc.p("x", num_pr(restarting, 2))
    doc.p("x", num_pr(overridden))
    doc.p("x", num_pr(overridden))
    doc.p("x", num_pr(linked))
    doc.p("x", num_pr(styled))  # the style's own list: the same counters
    doc.p("The template's List Number style", style("ListNumber"))
    labels = [line.label for line in doc.read()]
    assert labels == ["1.", "a.", "01", "02", "b.", "03", "2.", "01", "A)", "B)", "I.", "II.", "1."]


def test_lists_sharing_an_abstract_numbering_continue_unless_a_start_override_restarts_them():
    """Word counts per abstract numbering: a second w:num continues the first; "Restart at 1" is a new
    w:num with a w:startOverride, which restarts the count where it is first used."""
    doc = Doc()
    abstract = doc.abstract(DECIMAL, LETTERS_IN_PARENS)
    first, same = doc.num(abstract), doc.num(abstract)
    restart = doc.num(abstract, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
    seeded = doc.num(abstract, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride>')
    other = doc.num(doc.abstract(DECIMAL))
    for num in (first, first, other, same, restart, restart, first, seeded, seeded):
        doc.p("paragraph", num_pr(num))
    assert [line.label for line in doc.read()] == ["1.", "2.", "1.", "3.", "1.", "2.", "3.", "10.", "11."]


def test_numbering_through_paragraph_styles():
    doc = Doc()
    sections = doc.abstract(
        '<w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:pStyle w:val="OASSection"/><w:lvlText w:val="%1."/>',
        '<w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:pStyle w:val="OASSubsection"/><w:lvlText w:val="%2."/>',
    )
    num = doc.num(sections)
    numbered = f'<w:pPr><w:numPr><w:numId w:val="{num}"/></w:numPr></w:pPr>'
    doc.style(
        '<w:style w:type="paragraph" w:styleId="OASSection"><w:name w:val="OAS section"/>'
        f'<w:basedOn w:val="Heading1"/>{numbered}</w:style>'
        '<w:style w:type="paragraph" w:styleId="OASSubsection"><w:name w:val="OAS subsection"/>'
        f'<w:basedOn w:val="Heading2"/>{numbered}</w:style>'
        '<w:style w:type="paragraph" w:styleId="OASSectionPlain"><w:name w:val="OAS section plain"/>'
        '<w:basedOn w:val="OASSection"/></w:style>'
    )
    doc.p("INTRODUCTION", style("OASSection"))
    doc.p("The Working Group …")
    doc.p("PROCEEDINGS", style("OASSection"))
    doc.p("WORK PLAN", style("OASSubsection"))  # the level is the one whose w:pStyle names the style
    doc.p("SPECIAL MEETING", style("OASSubsection"))
    doc.p("CONCLUSIONS", style("OASSectionPlain"))  # numbering inherited through w:basedOn
    doc.p("Unnumbered", style("OASSection") + '<w:numPr><w:numId w:val="0"/></w:numPr>')  # numId 0: no list
    lines = doc.read()
    assert [(line.label, line.heading, line.text) for line in lines] == [
        ("I.", 1, "INTRODUCTION"),
        (None, 0, "The Working Group …"),
        ("II.", 1, "PROCEEDINGS"),
        ("A.", 2, "WORK PLAN"),
        ("B.", 2, "SPECIAL MEETING"),
        ("III.", 1, "CONCLUSIONS"),
        (None, 1, "Unnumbered"),
    ]


def test_footnotes_and_endnotes_at_their_offsets():
    doc = Doc()
    one = doc.note("See document CAJP/GT/TM-16/04.")
    two = doc.note("The Delegation of Mexico reserves its position.")
    end = doc.note("A/55/150.")
    endnote = doc.note("An endnote.", kind="endnote")
    # the project's writer's own way: the number, ".", a tab, the text
    typed = doc.note(
        "",
        body="<w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>.</w:t></w:r><w:r><w:tab/></w:r>"
        + r("Typed the OAS way.")
        + "</w:p>"
        "<w:p>" + r("A second paragraph of the note.") + "</w:p>",
    )
    custom = doc.note("Custom mark.", mark="*")
    doc.p(r("The report") + one + r(" prepared by Panama") + two + r(" contains the information."))
    doc.p(r("Item 116 of the provisional agenda.") + end)
    doc.p(r("Endnoted") + endnote + r(" here") + typed)
    doc.p(r("Starred") + custom + r(" text."))
    doc.p(doc.note("A paragraph of nothing but a reference: the note is not lost."))
    lines = doc.read()
    assert [(line.text, line.notes) for line in lines] == [
        (
            "The report prepared by Panama contains the information.",
            [(10, "See document CAJP/GT/TM-16/04."), (29, "The Delegation of Mexico reserves its position.")],
        ),
        ("Item 116 of the provisional agenda.", [(35, "A/55/150.")]),
        ("Endnoted here", [(8, "An endnote."), (13, "Typed the OAS way. A second paragraph of the note.")]),
        ("Starred text.", [(7, "Custom mark.")]),
        ("", [(0, "A paragraph of nothing but a reference: the note is not lost.")]),
    ]


def test_headings_by_style_id_name_base_and_outline_level():
    doc = Doc()
    doc.style(
        # Spanish Word localises the id but keeps the built-in name
        '<w:style w:type="paragraph" w:styleId="Ttulo2"><w:name w:val="heading 2"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="ReportSection"><w:name w:val="Report section"/>'
        '<w:basedOn w:val="Heading3"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Outlined"><w:name w:val="Outlined"/>'
        '<w:pPr><w:outlineLvl w:val="4"/></w:pPr></w:style>'
    )
    doc.p("Heading one", style("Heading1"))
    doc.p("Título dos", style("Ttulo2"))
    doc.p("Based on heading 3", style("ReportSection"))
    doc.p("The title", style("Title"))
    doc.p("Outline level in the style", style("Outlined"))
    doc.p("Outline level on the paragraph", '<w:outlineLvl w:val="0"/>')
    doc.p("Body text level", style("Heading1") + '<w:outlineLvl w:val="9"/>')
    doc.p("Plain", style("Normal"))
    doc.p("Subtitle", style("Subtitle"))
    assert [line.heading for line in doc.read()] == [1, 2, 3, 1, 5, 1, 0, 0, 0]


def test_bold_when_every_run_holding_text_is_bold():
    doc = Doc()
    doc.style(
        '<w:style w:type="paragraph" w:styleId="Caption2"><w:name w:val="Caption two"/>'
        "<w:rPr><w:b/></w:rPr></w:style>"
        '<w:style w:type="character" w:styleId="Loud"><w:name w:val="Loud"/><w:basedOn w:val="Strong"/></w:style>'
    )
    doc.p(r("DRAFT ", "<w:b/>") + r("RESOLUTION", "<w:b/><w:bCs/>"))
    doc.p(r("DRAFT", "<w:b/>") + r(" ") + r("RESOLUTION", "<w:b/>"))  # a space between does not count
    doc.p(r("Mixed ", "<w:b/>") + r("text"))
    doc.p(r("By the paragraph style"), style("Caption2"))
    doc.p(r("Not bold after all", '<w:b w:val="0"/>'), style("Caption2"))
    doc.p(r("By a character style", '<w:rStyle w:val="Loud"/>'))
    doc.p(r("Complex script", "<w:bCs/>"))
    doc.p(r("Off", '<w:b w:val="false"/>'))
    assert [line.bold for line in doc.read()] == [True, True, False, True, False, True, True, False]


def test_page_breaks():
    doc = Doc()
    doc.style(
        '<w:style w:type="paragraph" w:styleId="Annex"><w:name w:val="Annex"/>'
        "<w:pPr><w:pageBreakBefore/></w:pPr></w:style>"
    )
    doc.p("first")
    doc.p('<w:r><w:br w:type="page"/></w:r>')  # Word's Ctrl+Enter: a paragraph holding the break
    doc.p("after a page break")
    doc.p("<w:r><w:lastRenderedPageBreak/><w:t>not a break: where Word last laid the page out</w:t></w:r>")
    doc.p(r("words then") + '<w:r><w:br w:type="page"/></w:r>')
    doc.p("after a break at the end of the last one")
    doc.p('<w:r><w:br w:type="page"/><w:t>ANNEX: the break opens the paragraph</w:t></w:r>')
    doc.p("page break before", "<w:pageBreakBefore/>")
    doc.p("by its style", style("Annex"))
    doc.p("not by a false one", '<w:pageBreakBefore w:val="0"/>')
    doc.p("ends a section", '<w:sectPr><w:type w:val="nextPage"/></w:sectPr>')
    doc.p("after a section break (the next section starts on a new page)")
    doc.p("ends a continuous one", '<w:sectPr><w:type w:val="nextPage"/></w:sectPr>')
    doc.add('<w:p><w:pPr><w:sectPr><w:type w:val="continuous"/></w:sectPr></w:pPr></w:p>')
    doc.p("same page")
    doc.end.append(fragment('<w:type w:val="continuous"/>')[0])  # the last section
    lines = doc.read()
    broken = [line.text for line in lines if line.after_break]
    assert broken == [
        "after a page break",
        "after a break at the end of the last one",
        "ANNEX: the break opens the paragraph",
        "page break before",
        "by its style",
        "after a section break (the next section starts on a new page)",
    ]


def test_a_rule_is_a_line_of_no_words():
    doc = Doc()
    doc.p("above")
    doc.p("", '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>')
    doc.p('<w:r><w:pict><v:rect o:hr="t" style="width:0;height:1.5pt"/></w:pict></w:r>')
    doc.p("", '<w:pBdr><w:bottom w:val="nil"/></w:pBdr>')
    doc.p("below")
    lines = doc.read()
    assert [(line.text, line.rule) for line in lines] == [("above", False), ("", True), ("", True), ("below", False)]


def tracked() -> Doc:
    doc = Doc()
    doc.p(
        r("To condemn ")
        + '<w:del w:id="1" w:author="Mexico" w:date="2005-03-01T00:00:00Z"><w:r><w:delText>vehemently </w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="United States"><w:r><w:t>firmly </w:t></w:r></w:ins>'
        + r("all acts.")
    )
    doc.p(
        r("Moved ")
        + '<w:moveFrom w:id="3" w:author="Mexico"><w:r><w:t>away </w:t></w:r></w:moveFrom>'
        + r("here")
        + '<w:moveTo w:id="4" w:author="Mexico"><w:r><w:t> away</w:t></w:r></w:moveTo>'
    )
    # a paragraph whose mark is deleted joins the next one
    doc.p(r("Joined"), '<w:rPr><w:del w:id="5" w:author="Mexico"/></w:rPr>')
    doc.p(r(" with the next."))
    # a paragraph deleted whole: its words and its mark
    doc.p(
        '<w:del w:id="6" w:author="Mexico"><w:r><w:delText>Gone.</w:delText></w:r></w:del>',
        '<w:rPr><w:del w:id="7" w:author="Mexico"/></w:rPr>',
    )
    doc.p("Kept.", style("Heading1"))
    doc.add(
        "<w:tbl><w:tr><w:tc><w:p>" + r("kept row") + "</w:p></w:tc></w:tr>"
        '<w:tr><w:trPr><w:del w:id="8" w:author="Mexico"/></w:trPr><w:tc><w:p>'
        + r("deleted row")
        + "</w:p></w:tc></w:tr>"
        "</w:tbl>"
    )
    return doc


def test_tracked_changes_are_refused_naming_their_count_and_authors():
    with pytest.raises(ImportTextError) as caught:
        tracked().read()
    assert str(caught.value) == (
        "draft.docx: holds tracked changes (two insertions, six deletions by Mexico, United States); accept or reject "
        "them in Word first, or pass --accept-changes; to turn a delegation's tracked changes into proposals use "
        "'wgt amend from-word'"
    )


def test_a_tracked_change_in_a_footnote_is_refused_too():
    doc = Doc()
    reference = doc.note(
        "",
        body="<w:p><w:r><w:footnoteRef/></w:r>"
        + r(" A note")
        + '<w:ins w:id="9" w:author="Ch\u202eile"><w:r><w:t> amended</w:t></w:r></w:ins></w:p>',
    )
    doc.p(r("Text") + reference)
    with pytest.raises(ImportTextError, match=r"\(one insertion, zero deletions by Chile\)"):
        doc.read()
    assert doc.read(accept_changes=True)[0].notes == [(4, "A note amended")]


def test_tracked_changes_accepted():
    lines = tracked().read(accept_changes=True)
    assert [(line.text, line.heading, line.where) for line in lines] == [
        ("To condemn firmly all acts.", 0, "body"),
        ("Moved here away", 0, "body"),
        ("Joined with the next.", 0, "body"),
        ("Kept.", 1, "body"),
        ("kept row", 0, "table"),
    ]


def test_the_writers_redline_accepted_gives_the_new_text_without_the_labels():
    mexico = Change(INSERTED, "México", "2005-03-01")
    gone = Change(DELETED, "México", "2005-03-01")
    layout = Layout(
        "en", "CAJP/GT/TM-38/05 rev. 1", "Title", Header("ORG", "OEA/Ser.G", "CAJP/GT/TM-38/05", "1 March 2005")
    )
    layout.tracked_changes = True
    layout.blocks = [
        LayoutBlock(
            "operative",
            [Run("To condemn "), Run("vehemently ", change=gone), Run("firmly ", change=mexico),
             Run("MX-1 (México)", style="label"), Run("all acts.")],
            num="1.", list_key="operative",
        )
    ]  # fmt: skip
    data = render_docx(layout)
    with pytest.raises(ImportTextError, match=r"\(one insertion, one deletion by México\)"):
        read_docx(data, "redline.docx")
    lines = read_docx(data, "redline.docx", accept_changes=True)
    assert (lines[-1].label, lines[-1].text) == ("1.", "To condemn firmly all acts.")


@pytest.mark.parametrize(
    ("inner", "place", "code"),
    [
        (r("Text with \u202e reversed"), "paragraph 2", "U+202E"),
        (r("zero\u200bwidth"), "paragraph 2", "U+200B"),
        (r("soft\u00adhyphen"), "paragraph 2", "U+00AD"),
        (r("private \ue000 use"), "paragraph 2", "U+E000"),
    ],
)
def test_characters_no_text_may_hold_are_refused_naming_the_paragraph(inner, place, code):
    doc = Doc()
    doc.p("fine")
    doc.p("")
    doc.p(inner)
    with pytest.raises(ImportTextError) as caught:
        doc.read()
    assert str(caught.value) == (
        f"draft.docx: {place}: contains the control or invisible character {code}, which no document text "
        "may hold; remove it and import again"
    )


def test_a_forbidden_character_in_a_footnote_names_the_note():
    doc = Doc()
    doc.p(r("Text") + doc.note("bad \u2066 note"))
    with pytest.raises(
        ImportTextError,
        match=r"^draft\.docx: paragraph 1: footnote 1: contains the control or invisible character U\+2066",
    ):
        doc.read()


def test_collapse_keeps_references_where_they_stand():
    assert collapse(["  The report", " prepared", ""]) == ("The report prepared", [10, 19])
    assert collapse(["word ", "next"]) == ("word next", [5])
    assert collapse(["word", " next"]) == ("word next", [4])
    assert collapse(["word ", ""]) == ("word", [4])
    assert collapse(["", "", "x"]) == ("x", [0, 0])
    assert collapse(["wo", "rd"]) == ("word", [2])


# -- (a) files that are no readable Word document --------------------------------------------------


def repack(data: bytes, replace: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    """``data`` (a zip) with parts replaced, added or dropped."""
    replace = dict(replace or {})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            target.writestr(info.filename, replace.pop(info.filename, None) or source.read(info.filename))
        for name, content in replace.items():
            target.writestr(name, content)
    return out.getvalue()


def patch_central_directory(data: bytes, name: str, **fields: int) -> bytes:
    """``data`` with the central directory entry of ``name`` changed (``flags``, ``size``): what a forger does."""
    at = data.find(b"PK\x01\x02")
    out = bytearray(data)
    while at != -1:
        name_length = struct.unpack_from("<H", out, at + 28)[0]
        if out[at + 46 : at + 46 + name_length].decode() == name:
            if "flags" in fields:
                struct.pack_into("<H", out, at + 8, fields["flags"])
            if "size" in fields:
                struct.pack_into("<I", out, at + 24, fields["size"])
        at = out.find(b"PK\x01\x02", at + 46)
    return bytes(out)


def plain_docx() -> bytes:
    doc = Doc()
    doc.p("Text")
    return doc.data()


def odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def ole(*streams: str) -> bytes:
    """The start of an OLE compound file (a .doc, or an encrypted .docx) naming ``streams`` in its directory."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + b"".join(s.encode("utf-16-le") for s in streams)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "draft.docx: is not a zip package, not a Word document (.docx)"),
        (b"THE GENERAL ASSEMBLY,\n", "draft.docx: is not a zip package, not a Word document (.docx)"),
        (b"%PDF-1.4\n", "draft.docx: is a PDF file, not a Word document (.docx)"),
        (b"{\\rtf1\\ansi", "draft.docx: is an RTF file, not a Word document (.docx)"),
        (ole("WordDocument"), "draft.docx: is a Word 97–2003 document (.doc); save it as Word Document (.docx)"),
        (ole("EncryptionInfo", "EncryptedPackage"), "draft.docx: is protected by a password"),
        (odt(), "draft.docx: is an OpenDocument file (.odt), not a Word document (.docx)"),
        (repack(plain_docx(), drop=("word/document.xml",)), "draft.docx: is a zip file without word/document.xml"),
        (plain_docx()[:2000], "draft.docx: the Word file is damaged"),
        (
            repack(plain_docx(), {"word/document.xml": BILLION_LAUGHS}),
            "draft.docx: word/document.xml: refuses a DOCTYPE",
        ),
        (
            repack(
                plain_docx(),
                {"word/styles.xml": b'<?xml version="1.0"?>\n<!-- -->\n<!ENTITY x SYSTEM "file:///etc/passwd">'},
            ),
            "draft.docx: word/styles.xml: refuses a DOCTYPE or ENTITY declaration",
        ),
        (repack(plain_docx(), {"word/document.xml": b"<w:document"}), "draft.docx: word/document.xml: malformed XML"),
        (
            repack(plain_docx(), {"word/document.xml": b"<document><body/></document>"}),
            "draft.docx: is an XML package that is no Word document",
        ),
        (
            repack(
                plain_docx(),
                {"word/document.xml": b'<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"/>'},
            ),
            "draft.docx: is saved as Strict Open XML",
        ),
        (patch_central_directory(plain_docx(), "word/document.xml", flags=1), "draft.docx: is protected by a password"),
    ],
)
def test_files_that_are_not_readable_word_documents_are_refused_cleanly(data, expected):
    with pytest.raises(ImportTextError) as caught:
        read_docx(data, "draft.docx")
    assert str(caught.value).startswith(expected)


def test_zip_bombs_are_refused_before_anything_is_decompressed():
    data = plain_docx()
    one = patch_central_directory(data, "word/document.xml", size=65 * 2**20)
    with pytest.raises(ImportTextError, match=r"^draft\.docx: refused: the part word/document\.xml would be 65 MB"):
        read_docx(one, "draft.docx")
    many = data
    for name in (
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/webSettings.xml",
        "word/numbering.xml",
    ):
        many = patch_central_directory(many, name, size=60 * 2**20)
    with pytest.raises(ImportTextError, match=r"^draft\.docx: refused: the whole package would be \d+ MB uncompressed, "
                       r"more than the 256 MB"):  # fmt: skip
        read_docx(many, "draft.docx")
    # a member that holds more than its entry declares is cut at the declared size, then fails its check
    lying = patch_central_directory(data, "word/document.xml", size=100)
    with pytest.raises(
        ImportTextError, match=r"^draft\.docx: (the Word file is damaged|word/document\.xml: malformed)"
    ):
        read_docx(lying, "draft.docx")


def test_a_part_twice_and_an_embedded_document_are_refused():
    data = plain_docx()
    twice = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(twice, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr("Word/Document.xml", b"<x/>")  # part names ignore case
    with pytest.raises(ImportTextError, match=r"holds the part word/document\.xml twice"):
        read_docx(twice.getvalue(), "draft.docx")
    doc = Doc()
    doc.add('<w:altChunk r:id="rId42"/>')
    with pytest.raises(ImportTextError, match=r"holds an embedded document \(altChunk\)"):
        doc.read()


@settings(derandomize=True, database=None, deadline=None, max_examples=40)
@given(st.data())
def test_damaged_bytes_give_a_clear_refusal_or_lines_never_a_traceback(data):
    original = bytearray(REAL.joinpath("lo-report.docx").read_bytes())
    if data.draw(st.booleans()):
        damaged = original[: data.draw(st.integers(0, len(original)))]
    else:
        damaged = original
        for _ in range(data.draw(st.integers(1, 6))):
            damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    for accept in (False, True):
        try:
            lines = read_docx(bytes(damaged), "draft.docx", accept_changes=accept)
        except ImportTextError as exc:
            assert str(exc).startswith("draft.docx: ")
        else:
            assert all(isinstance(line, SourceLine) for line in lines)


# -- (b) the project's own writer, read back ----------------------------------------------------------


def word_lists(layout: Layout) -> set[str]:
    """The numbered sequences the writer made Word lists of (the others carry their numbers as text)."""
    sequences: dict[str, list[tuple[int, str]]] = {}
    for block in layout.paragraphs():
        if block.list_key and block.num:
            sequences.setdefault(block.list_key, []).append((block.level, block.num))
    return {key for key, nums in sequences.items() if numbering_levels(nums) is not None}


def words(text: str) -> str:
    return " ".join(text.split())


def expected_lines(layout: Layout) -> list[tuple[str | None, str, list[tuple[int, str]], bool]]:
    """What the writer put in the file: (label, text, notes, page break before) of each paragraph a reader sees."""
    notes = {note.number: words(note.text) for note in layout.notes}
    lists = word_lists(layout)
    out = [(None, layout.header.organization, [], False)] + [(None, line, [], False) for line in layout.header.lines]
    if layout.legend:
        out.append((None, layout.legend, [], False))
    for block in layout.paragraphs():
        label = block.num if block.list_key in lists else None
        typed = f"{block.num}\t" if block.num and label is None else ""
        pieces = [typed]
        references = []
        for run in block.runs:
            if run.note is not None:
                references.append(("".join(pieces), run.note))
            else:
                pieces.append(run.text)
        if block.mark:
            pieces.append(f" {block.mark}")
        text = words("".join(pieces))
        placed = []
        for before, number in references:
            offset = len(words(before))
            if before[-1:].isspace() and words(before) and offset < len(text):
                offset += 1  # after a space: the reference points at the next word
            placed.append((offset, notes[number]))
        if text or placed:
            out.append((label, text, placed, block.new_page))
    return out


def read_back(layout: Layout) -> list[SourceLine]:
    return read_docx(render_docx(layout), "rendered.docx")


def assert_round_trip(layout: Layout) -> list[SourceLine]:
    lines = read_back(layout)
    got = [(line.label, line.text, line.notes, line.after_break) for line in lines]
    assert got == expected_lines(layout)
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    assert [line.where for line in lines[:2]] == ["table", "table"]
    assert all(line.where == "body" for line in lines[len(layout.header.lines) + 1 :])
    return lines


BUNDLED = sorted((REPO / "drafts").glob("*/rev0.*.xml"))


@pytest.mark.parametrize("path", BUNDLED, ids=[f"{p.parent.name}.{p.name}" for p in BUNDLED])
def test_bundled_drafts_read_back_as_the_writer_wrote_them(path):
    layout = build_layout(Draft.load(path))
    lines = assert_round_trip(layout)
    emphasised = {"caption", "subtitle", "attachment-heading", "heading", "title", "flag"}
    blocks = [b for b in layout.paragraphs() if b.text.strip() or any(r.note for r in b.runs)]
    body = lines[len(lines) - len(blocks) :]
    assert [line.bold for line in body] == [block.role in emphasised for block in blocks]


def test_a_draft_with_negotiation_marks_reads_back():
    root = etree.parse(str(REPO / "drafts" / "cajp-gt-tm-38-05" / "rev0.en.xml")).getroot()
    record = root.find("./*/a:meta/a:proprietary/w:document", NS)
    draft = Draft(root, "x.xml")
    units = [u for u in draft.units() if u.kind == "paragraph"][:3]
    for unit, status in zip(units, ["agreed", "open", "ad-ref"]):
        record.getparent().append(etree.Element(f"{{{NS['w']}}}unitStatus", wId=unit.wid, status=status))
    layout = build_layout(Draft(root, "x.xml"))
    assert layout.legend and any(block.mark for block in layout.paragraphs())
    assert_round_trip(layout)


META = {
    kind: DocMeta("CAJP/GT/TM-70/06", "cajp-gt-tm-70-06", kind, 0, "2006-03-01", "en", "en")
    for kind in ("resolution", "report")
}
#: Letters with accents, curly quotes, digits, punctuation, no-break spaces and characters beyond the BMP.
CHARACTER = st.one_of(
    st.characters(categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F),
    st.sampled_from([*"áéñÑüç“”‘’;:,.()/-–", "\u00a0", "𝔐", "😀", "𠜎"]),
)
TEXT = (
    st.lists(st.text(CHARACTER, min_size=1, max_size=7), min_size=1, max_size=7)
    .map(" ".join)
    .map(lambda t: unicodedata.normalize("NFC", t))
    .filter(lambda t: t.strip())
)
CAPITALS = st.lists(st.sampled_from(["WORK", "PLAN", "MEETING", "CONCLUSIONS", "ÁREA"]), min_size=1, max_size=3).map(
    " ".join
)
ROMAN = ["I.", "II.", "III.", "IV.", "V.", "VI."]


@st.composite
def with_notes(draw, kind: str) -> Block:
    text = draw(TEXT)
    offsets = draw(st.lists(st.integers(0, len(text)), max_size=3))
    return Block(kind, text, notes=[Note(offset, draw(TEXT)) for offset in sorted(offsets)])


@st.composite
def resolutions(draw) -> Outline:
    recitals = draw(st.lists(with_notes("recital"), min_size=1, max_size=3))
    paragraphs = []
    regular = draw(st.booleans())  # else numbers Word cannot count: the writer types them
    for n in range(1, draw(st.integers(1, 5)) + 1):
        paragraph = draw(with_notes("paragraph"))
        paragraph.num = f"{n if regular else 2 * n + 1}."
        paragraph.children = [
            Block("subparagraph", draw(TEXT), num=f"{chr(96 + k)}.") for k in range(1, draw(st.integers(0, 3)) + 1)
        ]
        paragraphs.append(paragraph)
    return Outline(
        "resolution",
        title=Block("docTitle", draw(TEXT)),
        preamble=[Block("formula", "THE GENERAL ASSEMBLY,", name="enactingFormula"), *recitals,
                  Block("formula", "RESOLVES:", name="resolvingFormula")],
        body=paragraphs,
    )  # fmt: skip


@st.composite
def reports(draw) -> Outline:
    sections = []
    for n in range(draw(st.integers(1, 3))):
        section = Block("section", draw(CAPITALS), num=ROMAN[n])
        section.children = draw(st.lists(with_notes("paragraph"), max_size=3))
        for k in range(draw(st.integers(0, 2))):
            sub = Block("subsection", draw(CAPITALS), num=f"{'ABC'[k]}.")
            sub.children = draw(st.lists(with_notes("paragraph"), min_size=1, max_size=2))
            section.children.append(sub)
        sections.append(section)
    return Outline("report", body=sections)


GENERATED = settings(
    derandomize=True, database=None, deadline=None, max_examples=12, suppress_health_check=[HealthCheck.too_slow]
)


@GENERATED
@given(st.one_of(resolutions(), reports()))
def test_generated_drafts_read_back_as_the_writer_wrote_them(outline):
    layout = build_layout(Draft(build_document(outline, META[outline.doc_type]), "generated.xml"))
    assert_round_trip(layout)


def test_numbers_word_cannot_count_are_read_as_typed_text():
    outline = Outline(
        "resolution",
        preamble=[Block("formula", "THE GENERAL ASSEMBLY,", name="enactingFormula"), Block("recital", "NOTING x;"),
                  Block("formula", "RESOLVES:", name="resolvingFormula")],
        body=[Block("paragraph", "To begin.", num="1."), Block("paragraph", "To skip.", num="3.")],
    )  # fmt: skip
    lines = read_back(build_layout(Draft(build_document(outline, META["resolution"]), "x.xml")))
    assert [(line.label, line.text) for line in lines[-2:]] == [(None, "1. To begin."), (None, "3. To skip.")]


# -- (c) files LibreOffice wrote ---------------------------------------------------------------------


def read_real(name: str) -> list[SourceLine]:
    return read_docx((REAL / name).read_bytes(), name)


def test_libreoffice_draft_resolution():
    lines = read_real("lo-draft-resolution.docx")
    assert [(line.where, line.bold, line.label, line.text) for line in lines] == [
        ("page-header", True, None, "PERMANENT COUNCIL OF THE"),
        ("page-header", True, None, "ORGANIZATION OF AMERICAN STATES"),
        ("page-header", True, None, "COMMITTEE ON JURIDICAL AND POLITICAL AFFAIRS"),
        ("page-header", False, None, "OEA/Ser.G"),
        ("page-header", False, None, "CP/CAJP-2213/04"),
        ("page-header", False, None, "12 May 2004"),
        ("page-header", False, None, "Original: Spanish"),
        ("body", True, None, "DRAFT RESOLUTION"),
        ("body", True, None, "RIGHT TO FREEDOM OF THOUGHT AND EXPRESSION AND THE IMPORTANCE OF THE MEDIA"),
        ("body", True, None, "(Presented by the Delegation of Costa Rica)"),
        ("body", False, None, "THE GENERAL ASSEMBLY,"),
        ("body", False, None, "HAVING SEEN the Annual Report of the Permanent Council to the General Assembly "
         "(AG/doc.4265/04), in particular the section on the matters entrusted to the Committee on Juridical and "
         "Political Affairs;"),
        ("body", False, None, "RECALLING Article 13 of the American Convention on Human Rights and Article IV of the "
         "American Declaration of the Rights and Duties of Man;"),
        ("body", False, None, "BEARING IN MIND that freedom of expression is a fundamental right of every person and "
         "an indispensable condition for the very existence of a democratic society;"),
        ("body", False, None, "RESOLVES:"),
        ("body", False, "1.", "To reaffirm the right to freedom of thought and expression, and to call upon the "
         "member states to respect and promote respect for this right."),
        ("body", False, "2.", "To urge the member states:"),
        ("body", False, "a.", "To ensure that their domestic legislation on freedom of expression is consistent with "
         "their international obligations;"),
        ("body", False, "b.", "To promote a pluralistic approach to information and multiple points of view by "
         "fostering full exercise of freedom of expression and access to the media."),
        ("body", False, "3.", "To request the Inter-American Commission on Human Rights to continue to report on the "
         "situation of freedom of expression in the Hemisphere as part of its annual report."),
        ("body", False, "4.", "To instruct the Permanent Council to report to the General Assembly at its "
         "thirty-fifth regular session on the implementation of this resolution."),
    ]  # fmt: skip
    bearing, request, instruct = lines[13], lines[19], lines[20]
    assert bearing.notes == [
        (
            len(bearing.text),
            "Declaration of Principles on Freedom of Expression, approved by the "
            "Inter-American Commission on Human Rights at its 108th regular session, October 2000.",
        )
    ]
    assert request.notes == [
        (
            request.text.index(" as part of"),
            "The Delegation of the United States states that it "
            "joins the consensus on the understanding that nothing in this resolution alters the "
            "obligations of States under the instruments to which they are party.",
        )
    ]
    assert instruct.notes == [
        (len(instruct.text), "The Delegation of Venezuela reserves its position on this paragraph.")
    ]
    assert sum(bool(line.notes) for line in lines) == 3
    assert [line.number for line in lines] == list(range(1, 22))
    assert not any(line.after_break or line.heading for line in lines)


def test_libreoffice_report():
    lines = read_real("lo-report.docx")
    assert [(line.where, line.label, line.heading, line.text) for line in lines] == [
        ("body", None, 0, "United Nations"),
        ("body", None, 0, "General Assembly"),
        ("textbox", None, 0, "A/55/275/Add.1"),  # written twice by LibreOffice (DrawingML and VML), read once
        ("textbox", None, 0, "Distr.: General"),
        ("textbox", None, 0, "14 September 2000"),
        ("textbox", None, 0, "Original: English"),
        ("body", None, 0, "Fifty-fifth session"),
        ("body", None, 0, "Item 116 (a) of the provisional agenda"),
        ("body", None, 1, "Human rights questions: implementation of human rights instruments"),
        ("body", None, 1, "Report of the Secretary-General"),
        ("body", None, 1, "Addendum"),
        ("body", "I.", 1, "Introduction"),
        ("body", "1.", 0, "The present addendum contains the replies received from Governments after the report of "
         "the Secretary-General (A/55/275) was issued."),
        ("body", "2.", 0, "Replies received after 1 October 2000 will be issued as further addenda."),
        ("body", "II.", 1, "Information received from Governments"),
        ("body", "A.", 2, "Argentina"),
        ("body", "3.", 0, "The Government of Argentina reported that it had taken the following measures:"),
        ("body", "(a)", 0, "Ratification of the Optional Protocol to the Convention on the Elimination of All Forms "
         "of Discrimination against Women;"),
        ("body", "(b)", 0, "Establishment of a national commission on the rights of migrants."),
        ("body", "B.", 2, "Mexico"),
        ("body", "4.", 0, "The Government of Mexico described the programmes of its National Institute of "
         "Migration, in particular:"),
        ("body", "(a)", 0, "The Beta groups for the protection of migrants at the northern and southern borders;"),
        ("body", "(b)", 0, "The programme for the repatriation of minors."),
        ("body", "5.", 0, "The Government also informed the Secretary-General of its support for the work of the "
         "Special Rapporteur."),
        ("body", "III.", 1, "Conclusions"),
        ("body", "6.", 0, "The Secretary-General will continue to report to the General Assembly on this question."),
    ]  # fmt: skip
    assert [line.text for line in lines if line.after_break] == ["Conclusions"]
    assert [line.notes for line in lines if line.notes] == [
        [(38, "A/55/150.")],
        [(65, "Decree No. 1117/2000 of 1 August 2000.")],
        [(24, "Note verbale of 12 July 2000 from the Permanent Mission of Mexico to the United Nations.")],
    ]
    assert lines[1].bold and lines[8].bold and not lines[0].bold
