"""The HTML page printed, as a browser prints it: page numbers, headings kept with their text, notes before the appendix.

WeasyPrint stands in for the browser's print (it honours the same ``@page``
margin boxes and ``break-after`` rules Chromium does; neither puts notes at the
foot of a page from HTML, so the page lists each part's notes after it). The
demo's resolution (rev. 2 of CAJP/GT/TM-38/05, a note on its title) is printed
in both languages; a made-up text of forty openers (``CONSIDERING:``) and
paragraphs of varied length shows that no page ends on a line that opens what
follows it.
"""

from __future__ import annotations

import io
import logging

import pdfplumber
import pytest
import weasyprint
from story_helpers import SYMBOL, story

from tracker.documents import load_draft
from tracker.render.html import render_html
from tracker.render.layout import build_layout
from tracker.render.model import Block, Header, Layout, Run
from tracker.workspace import Workspace

#: The foot margin of the page's ``@page`` rule (2.2 cm), in points: the page number is drawn there.
FOOT = 2.2 / 2.54 * 72
WORDS = "the working group takes note of the proposals of delegations and of the report of the chair".split()


def printed(html: str) -> list[tuple[list[str], str]]:
    """Each printed page: its lines of text above the foot margin, and what the foot margin shows."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pages = []
    with pdfplumber.open(io.BytesIO(weasyprint.HTML(string=html).write_pdf())) as pdf:
        for page in pdf.pages:
            body = page.within_bbox((0, 0, page.width, page.height - FOOT)).extract_text() or ""
            foot = page.within_bbox((0, page.height - FOOT, page.width, page.height)).extract_text() or ""
            pages.append(([line for line in body.splitlines() if line.strip()], foot.strip()))
    return pages


@pytest.fixture(scope="module", params=["en", "es"])
def resolution(request, tmp_path_factory) -> tuple[Layout, list[tuple[list[str], str]]]:
    layout = build_layout(load_draft(Workspace.open(story(tmp_path_factory)), SYMBOL, None, request.param))
    return layout, printed(render_html(layout))


def test_every_page_is_numbered(resolution) -> None:
    _layout, pages = resolution
    assert [foot for _lines, foot in pages] == [f"- {n} -" for n in range(1, len(pages) + 1)]


def test_the_notes_are_printed_before_the_appendix(resolution) -> None:
    layout, pages = resolution
    appendix = next(block for block in layout.blocks if isinstance(block, Block) and block.new_page)
    title_note = f"1. {layout.notes[0].text}"[:40]
    note_page = next(n for n, (lines, _foot) in enumerate(pages) if any(line.startswith(title_note) for line in lines))
    appendix_page = next(n for n, (lines, _foot) in enumerate(pages) if lines and lines[0] == appendix.text)
    assert note_page < appendix_page  # the title's note no longer comes pages after the text it belongs to
    assert appendix_page == len(pages) - 1  # the appendix is the last part and calls no note


def test_no_page_ends_on_an_opener_or_a_heading() -> None:
    header = Header("ORGANIZATION OF AMERICAN STATES", "OEA/Ser.G", "CAJP/GT/TM-1/05", "1 March 2005")
    layout = Layout("en", "CAJP/GT/TM-1/05", "Openers", header)
    openers = set()
    for i in range(40):
        role = ("opener", "formula", "heading", "attachment-heading")[i % 4]
        text = f"{role.upper()} {i}:"
        openers.add(text)
        layout.blocks.append(Block(role, [Run(text)]))
        length = 15 + (i * 7) % 50
        layout.blocks.append(Block("preamble", [Run(" ".join(WORDS[j % len(WORDS)] for j in range(length)) + ";")]))
    pages = printed(render_html(layout))
    assert len(pages) > 3
    assert [lines[-1] for lines, _foot in pages if lines[-1] in openers] == []
