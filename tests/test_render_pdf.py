"""PDF, the format documents are distributed in, read back with pdfplumber and pypdf as a reader's viewer would.

The demo's resolution (rev. 2 of CAJP/GT/TM-38/05, with the statements entered
as notes: on the title, a preambular and an operative paragraph) in English and
Spanish, as the story of ``wgt demo`` issues it: every word in
the order the layout has it, each note at the foot of the page that calls it,
``- N -`` at the foot of every page and the symbol at the top of every page
after the first, the metadata naming the document, the fonts embedded. The
bundled note verbale, small and fast, shows the papers (Letter, A4, turned
for a landscape layout), that the same layout makes the same bytes, and
what a reader gets when WeasyPrint cannot run. A hand-made layout shows
folds, tables and a note called inside a table cell.
"""

from __future__ import annotations

import dataclasses
import io
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from story_helpers import SYMBOL, story

from tracker.akn.document import Draft
from tracker.documents import load_draft
from tracker.render import render_layout
from tracker.render.layout import build_layout
from tracker.render.model import Block, Fold, Footnote, Header, Layout, Run, Table
from tracker.render.pdf import PdfError, css_string
from tracker.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
NOTE = REPO / "drafts" / "cajp-gt-tm-11-04" / "rev0.en.xml"
#: The page margins of the paged stylesheet, in points (2.5 cm at the top, 2.2 cm at the foot).
TOP, FOOT = 2.5 / 2.54 * 72, 2.2 / 2.54 * 72
LETTER, A4 = (612, 792), (595.28, 841.89)
ORGANIZATION = {"en": "ORGANIZATION OF AMERICAN STATES", "es": "ORGANIZACIÓN DE LOS ESTADOS AMERICANOS"}


def words(text: str) -> list[str]:
    """The words of ``text`` as a search finds them: case folded, punctuation and brackets left out."""
    return re.findall(r"\w+", text.casefold())


def drawn(block: Block) -> str:
    """A block as it reads: its number, its text with each footnote call right after the word it follows, its mark."""
    text = "".join(run.call if run.note is not None else run.text for run in block.runs)
    return " ".join(part for part in (block.num, text, block.mark) if part)


@dataclass
class Page:
    """One page of a PDF, cut where a reader sees its parts."""

    head: str
    body: str
    notes: str
    foot: str
    #: The footnote calls on the page (small raised figures in the text), in reading order.
    calls: list[str]
    size: tuple[float, float]


def read_pdf(data: bytes) -> list[Page]:
    """Each page split into running head, body, notes (below the footnote rule) and foot."""
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            bottom = page.height - FOOT
            rules = [
                r["top"]
                for r in page.rects
                if r["top"] > TOP + 1 and r.get("non_stroking_color") in (0, (0,), (0.0, 0.0, 0.0))
            ]
            split = min(rules, default=bottom)
            body = page.within_bbox((0, TOP, page.width, split))
            body_size = max(Counter(round(c["size"]) for c in body.chars).items(), key=lambda kv: kv[1])[0]
            calls, current, last = [], "", None
            for char in sorted(body.chars, key=lambda c: (round(c["top"]), c["x0"])):
                small = char["size"] < body_size * 0.8 and char["text"].strip()
                if small and last is not None and abs(char["x0"] - last) < 1:
                    current += char["text"]
                elif small:
                    if current:
                        calls.append(current)
                    current = char["text"]
                last = char["x1"] if small else None
            if current:
                calls.append(current)
            pages.append(
                Page(
                    head=page.within_bbox((0, 0, page.width, TOP)).extract_text() or "",
                    body=body.extract_text() or "",
                    notes=page.within_bbox((0, split, page.width, bottom)).extract_text() if split < bottom else "",
                    foot=page.within_bbox((0, bottom, page.width, page.height)).extract_text() or "",
                    calls=calls,
                    size=(float(page.width), float(page.height)),
                )
            )
    return pages


@pytest.fixture(scope="module", params=["en", "es"])
def resolution(request, tmp_path_factory) -> tuple[Layout, bytes, list[Page]]:
    ws = Workspace.open(story(tmp_path_factory))
    layout = build_layout(load_draft(ws, SYMBOL, None, request.param))
    data = render_layout(layout, "pdf")
    return layout, data, read_pdf(data)


@pytest.fixture(scope="module")
def note_layout() -> Layout:
    return build_layout(Draft.load(NOTE))


def test_every_word_of_the_text_in_order(resolution) -> None:
    layout, _data, pages = resolution
    header = words(" ".join([*layout.header.left, *layout.header.lines]))
    body = [word for page in pages for word in words(page.body)]
    # The header block is two columns side by side: its lines interleave, so its words are compared as a set.
    assert Counter(body[: len(header)]) == Counter(header)
    expected = words(" ".join([layout.legend or "", *(drawn(b) for b in layout.blocks if isinstance(b, Block))]))
    assert body[len(header) :] == expected
    assert len(expected) > 1500


def test_each_note_at_the_foot_of_the_page_that_calls_it(resolution) -> None:
    layout, _data, pages = resolution
    notes = {note.shown: note for note in layout.notes}
    placed = []
    for page in pages:
        expected = " ".join(f"{call}. {notes[call].text}" for call in page.calls)
        assert words(page.notes) == words(expected)
        placed += page.calls
    assert placed == [note.shown for note in layout.notes] and len(placed) >= 2
    assert pages[0].calls[0] == "1"  # the title's note is on the first page, not after the appendix


def test_page_numbers_and_running_head(resolution) -> None:
    layout, _data, pages = resolution
    assert len(pages) >= 5
    assert [page.foot.strip() for page in pages] == [f"- {n} -" for n in range(1, len(pages) + 1)]
    assert pages[0].head.strip() == ""  # the header block names the document on the first page
    assert {page.head.strip() for page in pages[1:]} == {layout.symbol}


def test_metadata_names_the_document(resolution) -> None:
    layout, data, _pages = resolution
    reader = PdfReader(io.BytesIO(data))
    info = reader.metadata
    assert info.title == f"{layout.symbol} — {layout.title}"
    assert info.subject == layout.symbol
    assert info.author == ", ".join(layout.header.left)  # the body the header block names, in the document's language
    assert info.author.startswith(ORGANIZATION[layout.lang])
    assert layout.lang in info["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == layout.lang
    assert "/CreationDate" not in info  # the same layout makes the same bytes


def test_fonts_are_embedded(resolution) -> None:
    _layout, data, _pages = resolution
    reader = PdfReader(io.BytesIO(data))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert any("Bold" in name for name in fonts)  # the title and the header's organisation


def test_paper_letter_a4_and_landscape(note_layout) -> None:
    def size(layout: Layout, paper: str | None) -> tuple[float, float]:
        reader = PdfReader(io.BytesIO(render_layout(layout, "pdf", paper)))
        box = reader.pages[0].mediabox
        return round(float(box.width), 2), round(float(box.height), 2)

    assert size(note_layout, None) == size(note_layout, "letter") == LETTER
    assert size(note_layout, "a4") == A4
    turned = dataclasses.replace(note_layout, landscape=True)
    assert size(turned, "a4") == A4[::-1]
    assert size(turned, "letter") == LETTER[::-1]


def test_same_layout_same_bytes(note_layout) -> None:
    assert render_layout(note_layout, "pdf") == render_layout(note_layout, "pdf")


def test_unknown_paper_is_refused(note_layout) -> None:
    with pytest.raises(PdfError, match="unknown paper 'legal'"):
        render_layout(note_layout, "pdf", "legal")


def test_without_weasyprint_one_clear_error(note_layout, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint now raises ImportError
    with pytest.raises(PdfError, match=r"PDF needs WeasyPrint .*pip install weasyprint"):
        render_layout(note_layout, "pdf")


def test_folds_tables_and_a_note_in_a_cell() -> None:
    """A closed fold is its summary line, an open one its paragraphs; a note called in a table cell is a footnote."""
    header = Header("ORGANIZATION OF AMERICAN STATES", "OEA/Ser.G", "CAJP/GT/TM-1/05", "1 March 2005")
    layout = Layout("en", "CAJP/GT/TM-1/05", "Folds", header)
    layout.blocks = [
        Fold("… 2 unchanged paragraphs: first and second", [Block("paragraph", [Run("hidden words here")])]),
        Fold("never shown summary", [Block("paragraph", [Run("unfolded words here")])], open=True),
        Table(["Text", "Proposals"], [[[Block("paragraph", [Run("cell text"), Run(note=1)])], []]], widths=(1, 1)),
    ]
    layout.notes = [Footnote(1, "The note of the cell.")]
    pages = read_pdf(render_layout(layout, "pdf"))
    text = " ".join(page.body for page in pages)
    assert "2 unchanged paragraphs" in text and "unfolded words here" in text
    assert "hidden words" not in text and "never shown summary" not in text
    assert pages[0].calls == ["1"] and words(pages[0].notes) == words("1. The note of the cell.")


def test_css_string_escapes_what_could_end_the_string() -> None:
    assert css_string("CAJP/GT/TM-38/05 rev. 2") == '"CAJP/GT/TM-38/05 rev. 2"'
    assert css_string('a"b\\c\n') == '"a\\000022b\\00005cc\\00000a"'
