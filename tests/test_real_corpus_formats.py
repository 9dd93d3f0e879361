"""PDF and Word documents as they come: imported end to end and judged against ``expected_formats.toml``.

The PDFs are typeset as the OAS prints its documents (header block in two columns, running heads,
page numbers, footnotes at the foot of the page, paragraphs a page break splits); the Word files were
written in LibreOffice with automatic numbering, heading styles and footnotes. Each is imported as
``wgt import FILE --lang L`` would, without ``--symbol``: the symbol, date and original language come
from the text. For each, the outline, the header fields and the summary are what a secretariat
officer expects, and no word is lost or invented: every word of a PDF's source page (the HTML it was
printed from) is in the header block, a unit, a note or the closing lines.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from conftest import new_workspace
from lxml import html
from test_real_corpus_text import expected_outline, outline_of

from tracker.akn.meta import read_header
from tracker.imports import ImportResult, import_file
from tracker.views.structured import draft_json

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).resolve().parent / "data" / "real"
DOCS: list[dict] = tomllib.loads((DATA / "expected_formats.toml").read_text(encoding="utf-8"))["doc"]
CASES = [pytest.param(doc, id=doc["id"]) for doc in DOCS]
PDFS = [pytest.param(doc, id=doc["id"]) for doc in DOCS if doc["file"].endswith(".pdf")]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    """``imported(doc)``: the dry-run import of the document, made once."""
    ws = new_workspace(tmp_path_factory.mktemp("formats") / "ws")
    done: dict[str, ImportResult] = {}

    def get(doc: dict) -> ImportResult:
        if doc["id"] not in done:
            done[doc["id"]] = import_file(ws, DATA / doc["file"], None, doc["lang"], dry_run=True)
        return done[doc["id"]]

    return get


@pytest.mark.parametrize("doc", CASES)
def test_outline(imported, doc):
    data = draft_json(imported(doc).draft)
    assert data["type"] == doc["type"]
    assert outline_of(data) == expected_outline(doc)


@pytest.mark.parametrize("doc", CASES)
def test_header_fields_and_what_the_text_states(imported, doc):
    result = imported(doc)
    assert [[h.kind, h.text, h.value] for h in read_header(result.draft.root)] == doc["header"]
    meta = result.draft.meta
    assert (meta.symbol, meta.date, meta.original_lang) == (doc["symbol"], doc["date"], doc["original"])


@pytest.mark.parametrize("doc", CASES)
def test_summary(imported, doc):
    summary = imported(doc).summary
    got = (dict(summary.units), summary.words_closing, summary.footnotes, len(summary.joins))
    assert got == (doc["units"], doc["words_closing"], doc["footnotes"], doc["joins"])
    assert (summary.words_unplaced, summary.unplaced_at) == (0, [])


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


@pytest.mark.parametrize("doc", PDFS)
def test_every_word_of_the_printed_page_is_kept_once(imported, doc):
    """The words of the HTML the PDF was printed from are the words the draft holds, each once.

    The draft's words: its header fields, its units (numbers, texts, notes) and its closing lines.
    Running heads and page numbers are drawn by the page style, not the HTML: none of them may come in.
    """
    page = html.parse(str(DATA / doc["file"].replace(".pdf", ".html"))).getroot()
    printed = Counter(_words(" ".join(page.body.itertext())))
    result = imported(doc)
    held = Counter(_words(" ".join(field.text for field in read_header(result.draft.root))))
    for unit in draft_json(result.draft)["units"]:
        held += Counter(_words(f"{unit['num'] or ''} {unit['text']}"))
        held += Counter(_words(" ".join(note["text"] for note in unit["notes"])))
    closing = result.draft.root.xpath("//*[local-name()='conclusions']//*[local-name()='p']")
    held += Counter(_words(" ".join("".join(p.itertext()) for p in closing)))
    assert held == printed, (held - printed, printed - held)


@pytest.mark.parametrize("doc", CASES)
def test_wgt_import_without_symbol_then_show(empty_ws, run_cli, doc):
    """As a person types it: the symbol comes from the document; ``wgt show`` gives the outline."""
    code, out, err = run_cli("--workspace", empty_ws.root, "import", DATA / doc["file"], "--lang", doc["lang"])
    assert code == 0, err
    assert f"as {doc['symbol']} rev. 0" in out
    code, out, err = run_cli(
        "--workspace", empty_ws.root, "show", doc["symbol"], "--lang", doc["lang"], "--format", "json"
    )
    assert code == 0, err
    assert outline_of(json.loads(out)) == expected_outline(doc)
