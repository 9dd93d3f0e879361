"""The law of Word export and import: a DOCX written by ``wgt render`` imports back to the same units.

Same units means the same labels, kinds, numbers, texts and footnotes (text and
place), in the same order, for every bundled draft in both languages and for
generated resolutions and reports; only the stable ids are new, as for any
import. The reader is tested on its own in ``test_read_docx.py``; this is the
whole path a secretariat officer takes: render, send, receive, import.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from amend_helpers import copy_bundled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.akn.build import build_document
from tracker.akn.document import Draft
from tracker.akn.meta import DocMeta
from tracker.akn.outline import Block, Note, Outline
from tracker.documents import load_draft
from tracker.imports import import_file
from tracker.render.layout import build_layout
from tracker.render.word import render_docx
from tracker.workspace import Workspace


def units_of(draft: Draft) -> list[tuple]:
    """What must survive the round trip, unit by unit (the ids excepted)."""
    return [
        (unit.label, unit.kind, unit.num, unit.text, [(note.offset, note.text) for note in unit.notes])
        for unit in draft.units()
    ]


def round_trip(draft: Draft, ws: Workspace, folder: Path, symbol: str) -> Draft:
    source = folder / f"{draft.meta.slug}.{draft.meta.lang}.docx"
    source.write_bytes(render_docx(build_layout(draft)))
    return import_file(ws, source, symbol, draft.meta.lang, dry_run=True).draft


#: Every (document, language) the bundled workspace holds (the note verbale is in English only).
BUNDLED = sorted(
    {
        (path.parent.name, path.name.split(".")[1])
        for path in (Path(__file__).resolve().parent.parent / "drafts").glob("*/rev*.xml")
    }
)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> Workspace:
    return Workspace.open(copy_bundled(tmp_path_factory.mktemp("bundled") / "ws"))


@pytest.mark.parametrize(("slug", "lang"), BUNDLED)
def test_every_bundled_draft_comes_back_from_word(bundled, empty_ws, tmp_path, slug, lang):
    symbol = {"cajp-gt-tm-11-04": "CAJP/GT/TM-11/04", "cajp-gt-tm-38-05": "CAJP/GT/TM-38/05"}.get(
        slug, "CAJP/GT/TM-41/05"
    )
    draft = load_draft(bundled, symbol, lang=lang)
    back = round_trip(draft, empty_ws, tmp_path, draft.meta.symbol)
    assert back.meta.doc_type == draft.meta.doc_type
    assert units_of(back) == units_of(draft)


# -- generated drafts, in the shapes real ones take ------------------------------------------------

WORD = st.sampled_from(
    "migrants rights states programme cooperation información derechos Estados niñas protección "
    "“policies” consular assistance labour frontiers 2004 AG/RES. 1928 (XXXIII-O/03) Commission".split()
)
WORDS = st.lists(WORD, min_size=3, max_size=14).map(" ".join)
OPENERS = ["RECALLING", "CONSIDERING", "BEARING IN MIND that", "REAFFIRMING", "NOTING with concern that"]
HEADINGS = ["INTRODUCTION", "PROCEEDINGS", "WORK PLAN", "CONCLUSIONS", "SPECIAL MEETING"]
ROMAN = ["I.", "II.", "III.", "IV."]
META = {
    kind: DocMeta("CAJP/GT/TM-70/06", "cajp-gt-tm-70-06", kind, 0, "2006-03-01", "en", "en")
    for kind in ("resolution", "report")
}


@st.composite
def noted(draw, kind: str, text: str) -> Block:
    offsets = draw(st.lists(st.integers(1, len(text)), max_size=2, unique=True))
    return Block(kind, text, notes=[Note(offset, draw(WORDS) + ".") for offset in sorted(offsets)])


@st.composite
def resolutions(draw) -> Outline:
    recitals = [
        draw(noted("recital", f"{draw(st.sampled_from(OPENERS))} {draw(WORDS)};"))
        for _ in range(draw(st.integers(1, 4)))
    ]
    paragraphs = []
    for n in range(1, draw(st.integers(1, 6)) + 1):
        paragraph = draw(noted("paragraph", f"To {draw(WORDS)};"))
        paragraph.num = f"{n}."
        subs = draw(st.integers(0, 3))
        if subs:
            paragraph.text = f"To {draw(WORDS)}:"
            paragraph.children = [Block("subparagraph", f"{draw(WORDS)};", num=f"{'abc'[k]}.") for k in range(subs)]
        paragraphs.append(paragraph)
    return Outline(
        "resolution",
        title=Block("docTitle", draw(WORDS).upper()),
        preamble=[Block("formula", "THE GENERAL ASSEMBLY,", name="enactingFormula"), *recitals,
                  Block("formula", "RESOLVES:", name="resolvingFormula")],
        body=paragraphs,
    )  # fmt: skip


@st.composite
def reports(draw) -> Outline:
    sections = []
    for n in range(draw(st.integers(1, 4))):
        section = Block("section", draw(st.sampled_from(HEADINGS)), num=ROMAN[n])
        section.children = [draw(noted("paragraph", f"The {draw(WORDS)}.")) for _ in range(draw(st.integers(1, 3)))]
        for k in range(draw(st.integers(0, 2))):
            sub = Block("subsection", draw(st.sampled_from(HEADINGS)), num=f"{'ABC'[k]}.")
            sub.children = [draw(noted("paragraph", f"The {draw(WORDS)}.")) for _ in range(draw(st.integers(1, 2)))]
            section.children.append(sub)
        sections.append(section)
    return Outline("report", body=sections)


@settings(
    derandomize=True, database=None, deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow,
    HealthCheck.function_scoped_fixture]
)  # fmt: skip
@given(st.one_of(resolutions(), reports()))
def test_generated_drafts_come_back_from_word(empty_ws, tmp_path, outline):
    draft = Draft(build_document(outline, META[outline.doc_type]), "generated.xml")
    back = round_trip(draft, empty_ws, tmp_path, "CAJP/GT/TM-70/06")
    assert back.meta.doc_type == outline.doc_type
    assert units_of(back) == units_of(draft)
