"""Plain-text and markdown documents shaped as real OAS and UN documents are: imported and judged.

Each ``tests/data/real/txt-*`` file is a realistic document: an OAS General Assembly resolution in
Spanish and in English with its header block, UN reports whose paragraphs a page break split, a
markdown export of a working-group draft, a note verbale covering a long report, a file saved by
Windows Notepad (BOM, CRLF), an e-mail body wrapped at 72 columns, a report of the Commission on
Human Rights with its running heads, an extract whose paragraphs run past 1000. ``expected_text.toml``
says, for each, what a secretariat officer expects the import to make of it:

* the header block: the fields the draft keeps (``<wgt:header>``, read by ``read_header``) and the
  source lines they came from;
* the outline: every unit's label, kind, number and parent, and the words it opens with (the units
  of ``wgt show --format json``);
* the summary: units by kind, where the words went (in units, in the header block, in the closing
  lines; none outside any unit), paragraphs joined, footnotes linked, page furniture left out;
* fidelity: every word of the source, but for the header block, the closing lines (signature, place
  and date, addressee), the page furniture (page numbers, running heads, rules) and the markdown
  marks, stands in a unit in the order of the source; each footnote marker stands where the text had
  it, and each note body's words are the words of the note linked there.

Where the importer gets a document wrong, the expectation says what it should make of it and the
check is marked ``xfail(strict=True)``, with the reason, from the document's ``xfail`` table.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from conftest import new_workspace

from tracker.akn.meta import read_header
from tracker.imports import ImportResult, import_file
from tracker.views.structured import draft_json

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).resolve().parent / "data" / "real"
EXPECTED = tomllib.loads((DATA / "expected_text.toml").read_text(encoding="utf-8"))
DOCS: list[dict] = EXPECTED["doc"]
BY_ID = {doc["id"]: doc for doc in DOCS}
#: Where a footnote marker stands, in the words of the source and of the units alike.
MARK = "†"
SUMMARY = (
    "units",
    "words_in_units",
    "words_header",
    "words_closing",
    "words_unplaced",
    "footnotes",
    "joins",
    "dropped",
)


def cases(check: str) -> list:
    """One case per document; xfail (strict) where the expectation says the importer gets it wrong."""
    out = []
    for doc in DOCS:
        reason = doc.get("xfail", {}).get(check)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(doc, id=doc["id"], marks=marks))
    return out


# -- the source, as a person reads it ------------------------------------------------------------


def source_lines(doc: dict) -> list[str]:
    """The file's non-blank lines: BOM and CRLF as Windows writes them, form feeds as spaces, NFC;
    in a markdown file without its marks (``#`` headings, ``**bold**``, ``*emphasis*``)."""
    text = (DATA / doc["file"]).read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(unicodedata.normalize("NFC", line).replace("\x0c", " ").split()) for line in text.split("\n")]
    if doc["file"].endswith(".md"):
        lines = [_unmarked(line) for line in lines]
    return [line for line in lines if line]


def _unmarked(line: str) -> str:
    line = re.sub(r"^#{1,6}\s+", "", line).replace("**", "").replace("__", "")
    return re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", line)


def sorted_source(doc: dict) -> dict[str, list[str]]:
    """The source lines by where they belong: header block (in order, from the top), closing, furniture, text, notes."""
    wanted = list(doc.get("header_lines", []))
    closing, dropped = set(doc.get("closing_lines", [])), set(doc.get("dropped_lines", []))
    out: dict[str, list[str]] = {"header": [], "closing": [], "dropped": [], "text": [], "notes": []}
    for line in source_lines(doc):
        if wanted and line == wanted[0]:
            out["header"].append(wanted.pop(0))
        elif line in closing:
            out["closing"].append(line)
        elif line in dropped:
            out["dropped"].append(line)
        else:
            out["text"].append(line)
    assert not wanted, f"header lines not found in order in {doc['file']}: {wanted}"
    assert set(out["closing"]) == closing, f"closing lines not in {doc['file']}: {closing - set(out['closing'])}"
    notes = doc.get("note_lines", 0)
    if notes:
        out["text"], out["notes"] = out["text"][:-notes], out["text"][-notes:]
    return out


def source_words(doc: dict) -> tuple[list[str], list[str]]:
    """``(words of the text with MARK where a footnote marker stands, the note bodies without their numbers)``."""
    parts = sorted_source(doc)
    glued = doc.get("glued_markers", {})
    words: list[str] = []
    for line in parts["text"]:
        for index, token in enumerate(line.split()):
            if token in glued:  # a UN superscript that a text export glued to the word: "Families,1"
                words += [glued[token], MARK]
            elif index == 0 and re.fullmatch(r"\d{0,3}/", token):  # "/ prepared by", or "/" alone
                words.append(MARK)
            elif match := re.fullmatch(r"(.*?[^\s/])\d{0,3}/", token):  # "Group,/", "(XXXIV-O/04)/", "Group,1/"
                words += [match.group(1), MARK]
            else:
                words.append(token)
    notes = [" ".join(line.split()[1:]) for line in parts["notes"]]  # "1/", "1.", "\ufffd." or "1": the number
    return words, notes


# -- the import, as wgt makes it -----------------------------------------------------------------


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    """``imported(doc)``: the dry-run import of the document (made once), as ``wgt import --dry-run`` makes it."""
    ws = new_workspace(tmp_path_factory.mktemp("txt") / "ws")
    done: dict[str, ImportResult] = {}

    def get(doc: dict) -> ImportResult:
        if doc["id"] not in done:
            done[doc["id"]] = import_file(
                ws, DATA / doc["file"], doc["symbol"], doc["lang"], dry_run=True, allow_unplaced=True
            )
        return done[doc["id"]]

    return get


def outline_of(data: dict) -> list[str]:
    """``label kind num parent | first words`` of every unit of ``wgt show --format json``."""
    labels = {unit["id"]: unit["label"] for unit in data["units"]}
    return [
        f"{u['label']} {u['kind']} {u['num'] or '-'} {labels[u['parent']] if u['parent'] else '-'}"
        f" | {' '.join(u['text'].split()[:4])}"
        for u in data["units"]
    ]


def expected_outline(doc: dict) -> list[str]:
    out = []
    for line in doc["outline"].strip().splitlines():
        shape, words = line.split(" | ", 1)
        out.append(f"{' '.join(shape.split())} | {' '.join(words.split())}")
    return out


def unit_words(data: dict) -> tuple[list[str], list[str]]:
    """``(words of the units in order, each number first, MARK where a note is anchored; the notes' texts)``."""
    words: list[str] = []
    notes: list[str] = []
    for unit in data["units"]:
        if unit["num"]:
            words += unit["num"].split()
        text = unit["text"]
        anchored = sorted(unit["notes"], key=lambda note: note["offset"])
        for note in reversed(anchored):
            text = f"{text[: note['offset']]} {MARK} {text[note['offset'] :]}"
        words += text.split()
        notes += [" ".join(note["text"].split()) for note in anchored]
    return words, notes


def first_difference(got: list[str], want: list[str]) -> str:
    at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    return f"word {at}: units have {got[max(at - 5, 0) : at + 6]}, the source has {want[max(at - 5, 0) : at + 6]}"


# -- the checks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("doc", cases("outline"))
def test_outline(imported, doc):
    """Units, their kinds, numbers and nesting, as the officer reads the document."""
    data = draft_json(imported(doc).draft)
    assert data["type"] == doc["type"]
    assert outline_of(data) == expected_outline(doc)


@pytest.mark.parametrize("doc", cases("header"))
def test_header_block_is_kept_as_fields(imported, doc):
    """The header block is in the draft's ``<wgt:header>``, field by field, and in no unit."""
    fields = [[h.kind, h.text, h.value] for h in read_header(imported(doc).draft.root)]
    assert fields == doc["header"]


@pytest.mark.parametrize("doc", cases("meta"))
def test_date_and_original_language_come_from_the_text(imported, doc):
    """The date of the header block (or of a note's place and date; today when the text states none)."""
    meta = imported(doc).draft.meta
    date = dt.date.today().isoformat() if doc["date"] == "today" else doc["date"]
    assert (meta.symbol, meta.lang, meta.date, meta.original_lang) == (
        doc["symbol"],
        doc["lang"],
        date,
        doc["original"],
    )


@pytest.mark.parametrize("doc", cases("summary"))
def test_summary_figures(imported, doc):
    summary = imported(doc).summary
    got = {
        "units": dict(summary.units),
        "words_in_units": summary.words_in_units,
        "words_header": summary.words_header,
        "words_closing": summary.words_closing,
        "words_unplaced": summary.words_unplaced,
        "footnotes": summary.footnotes,
        "joins": len(summary.joins),
        "dropped": summary.dropped,
    }
    assert got == {key: doc[key] for key in SUMMARY}


@pytest.mark.parametrize("doc", cases("unplaced"))
def test_no_word_outside_units(imported, doc):
    summary = imported(doc).summary
    assert (summary.words_unplaced, summary.unplaced_at) == (0, [])


@pytest.mark.parametrize("doc", cases("fidelity"))
def test_fidelity_every_word_in_its_unit_in_order(imported, doc):
    """The words of the units are the words of the source, in order; footnotes where the text had them."""
    got, got_notes = unit_words(draft_json(imported(doc).draft))
    want, want_notes = source_words(doc)
    assert got == want, first_difference(got, want)
    assert got_notes == want_notes


# -- the expectations themselves -----------------------------------------------------------------


@pytest.mark.parametrize("doc", cases("-"))
def test_expectation_agrees_with_the_source(doc):
    """The figures written in expected_text.toml follow from the source and the expected outline.

    So an expectation cannot drift from its document: the header fields are the words of the header
    lines, each unit's number is one word of the source, and every other word is a unit's or a note's.
    """
    parts = sorted_source(doc)
    words, notes = source_words(doc)
    outline = [line.split() for line in expected_outline(doc)]
    numbered = sum(shape[2] != "-" for shape in outline)
    assert Counter(shape[1] for shape in outline) == Counter(doc["units"])
    assert " ".join(text for _kind, text, _value in doc["header"]).split() == " ".join(parts["header"]).split()
    assert doc["words_header"] == len(" ".join(parts["header"]).split())
    assert doc["words_closing"] == len(" ".join(parts["closing"]).split())
    assert doc["dropped"] == len(parts["dropped"])
    assert doc["footnotes"] == len(notes) == words.count(MARK)
    assert doc["words_in_units"] == len(words) - words.count(MARK) - numbered + len(" ".join(notes).split())
    assert doc["words_unplaced"] == 0
    assert set(doc.get("xfail", {})) <= {"outline", "header", "meta", "summary", "unplaced", "fidelity"}


# -- through the command line, after a real import -----------------------------------------------


def _show(run_cli, root: Path, symbol: str, lang: str) -> dict:
    code, out, err = run_cli("--workspace", root, "show", symbol, "--lang", lang, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def _import(run_cli, root: Path, doc: dict) -> str:
    code, out, err = run_cli(
        "--workspace", root, "import", DATA / doc["file"], "--symbol", doc["symbol"], "--lang", doc["lang"]
    )
    assert code == 0, err
    return out


@pytest.mark.parametrize(
    ("original", "translation"),
    [("ag-res-1717-es", "ag-res-1717-en"), ("cajp-gt-tm-38-05-rev-1-md", "cajp-gt-tm-38-05-rev-1-es-bom-crlf")],
)
def test_the_two_languages_import_and_align(empty_ws, run_cli, original, translation):
    """The original imports, ``wgt show`` gives the expected outline, and the other language aligns with it unit by unit.

    The second pair is a markdown export and a Notepad file (BOM, CRLF) of the same draft.
    """
    first, second = BY_ID[original], BY_ID[translation]
    assert "Imported" in _import(run_cli, empty_ws.root, first)
    assert "Imported" in _import(run_cli, empty_ws.root, second)
    one = _show(run_cli, empty_ws.root, first["symbol"], first["lang"])
    two = _show(run_cli, empty_ws.root, second["symbol"], second["lang"])
    assert outline_of(one) == expected_outline(first)
    shape = ("id", "eid", "num", "kind", "part", "parent", "label")
    assert [tuple(u[k] for k in shape) for u in two["units"]] == [tuple(u[k] for k in shape) for u in one["units"]]
    assert all(a["text"] != b["text"] for a, b in zip(one["units"], two["units"]))  # translated, not copied
    assert one["original_lang"] == two["original_lang"] == first["original"]


def test_dry_run_prints_the_summary_and_writes_nothing(empty_ws, run_cli, snapshot):
    doc = BY_ID["cp-cajp-2252-05"]
    before = snapshot(empty_ws.root)
    code, out, err = run_cli(
        "--workspace",
        empty_ws.root,
        "import",
        DATA / doc["file"],
        "--symbol",
        doc["symbol"],
        "--lang",
        "en",
        "--dry-run",
    )
    assert (code, err) == (0, "")
    assert "would import as CP/CAJP-2252/05 rev. 0 (en, resolution; nothing was written)" in out
    assert f"{doc['words_in_units']} in units, {doc['words_header']} in the header block" in out
    assert "0 outside any unit (0.0%)" in out
    assert "    op3.a.iii    The financing of the system" in out
    assert snapshot(empty_ws.root) == before


def test_a_windows_1252_file_is_refused_naming_the_line_and_the_byte(empty_ws, run_cli, snapshot):
    """The e-mail of CAJP/GT/TM-33/05 saved by an old Windows editor: refused, clearly, nothing written.

    The same text in UTF-8 (``txt-cajp-gt-tm-33-05.es.txt``) is the document the other checks import.
    """
    before = snapshot(empty_ws.root)
    source = DATA / "txt-cajp-gt-tm-33-05.cp1252.txt"
    assert source.read_bytes().decode("cp1252") == (DATA / "txt-cajp-gt-tm-33-05.es.txt").read_bytes().decode("utf-8")
    code, out, err = run_cli(
        "--workspace", empty_ws.root, "import", source, "--symbol", "CAJP/GT/TM-33/05", "--lang", "es"
    )
    assert code != 0 and out == ""
    assert "line 1: not UTF-8 (byte 0xf3); save the file as UTF-8 and import again" in err
    assert snapshot(empty_ws.root) == before


def test_the_fidelity_comparison_catches_a_lost_word_a_swap_and_a_moved_note(imported):
    """The normalisation hides markers and page furniture only: any change of the words or of a note's place shows."""
    doc = BY_ID["cajp-gt-tm-16-04"]
    data = draft_json(imported(doc).draft)
    want, want_notes = source_words(doc)
    assert unit_words(data) == (want, want_notes)
    unit = next(u for u in data["units"] if u["notes"])
    text, offset = unit["text"], unit["notes"][0]["offset"]
    for changed in (
        {"text": text.replace(" de ", " ", 1)},  # a word lost
        {"text": text.replace("reunión especial", "especial reunión", 1)},  # two words swapped
        {"notes": [{**unit["notes"][0], "offset": offset - 8}, *unit["notes"][1:]]},  # a note moved
        {"notes": [{**unit["notes"][0], "text": "Véase el documento CP/CAJP-2038/04."}, *unit["notes"][1:]]},
    ):
        units = [dict(u, **changed) if u is unit else u for u in data["units"]]
        assert unit_words({"units": units}) != (want, want_notes)
