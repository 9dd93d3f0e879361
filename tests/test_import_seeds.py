"""Import of the real OAS seed texts, in English and Spanish: structure, counts, alignment, fidelity.

The texts are ``sources/*.txt`` (the seeds of ``../shared/seeds/`` and their Spanish versions);
the note verbale has no Spanish version in the bundled workspace, so a line-for-line Spanish
text lives in ``tests/data/`` to exercise the note importer (and its Spanish dates) too.
Units are read through ``wgt show --format json``, the contract scripts rely on.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from tracker.akn.document import Draft
from tracker.akn.namespace import NS
from tracker.documents import import_document, load_draft
from tracker.errors import ImportTextError, WgtError
from tracker.importer import import_lines, import_text
from tracker.importer.readers.text import read_text_file, text_lines
from tracker.imports import import_file
from tracker.sources import source_texts
from tracker.views.plain import render_text
from tracker.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
RES, REP, NOTE = "CAJP/GT/TM-38/05", "CAJP/GT/TM-41/05", "CAJP/GT/TM-11/04"
NOTE_ES = DATA / "cajp-gt-tm-11-04.es.txt"


def _texts() -> dict[tuple[str, str], tuple[Path, str | None]]:
    """(symbol, lang) -> (source file, title given on the command line)."""
    out = {(t.symbol, t.lang): (t.path, t.title) for t in source_texts(REPO / "sources")}
    out[(NOTE, "es")] = (NOTE_ES, None)
    return out


TEXTS = _texts()
ALL = sorted(TEXTS)

#: Units per document and language, counted by reading the texts:
#: resolution: title, 2 formulas, 3 recital groups + 21 recitals, 14 operative paragraphs,
#: 7 sub-paragraphs (a-c of 7, a-d of 10), appendix: 6 heading lines and 6 agenda items = 60;
#: report: 3 sections, 3 sub-sections, 3 + (1 + 3 + 6) + 3 = 16 paragraphs = 22;
#: note verbale: 5 paragraphs (place and date, addressee are not amendable units) = 5.
UNIT_KINDS = {
    RES: {
        ("preface", "docTitle"): 1,
        ("preamble", "formula"): 2,
        ("preamble", "recitals"): 3,
        ("preamble", "recital"): 21,
        ("body", "paragraph"): 14,
        ("body", "subparagraph"): 7,
        ("annex", "p"): 6,
        ("annex", "paragraph"): 6,
    },
    REP: {("body", "section"): 3, ("body", "subsection"): 3, ("body", "paragraph"): 16},
    NOTE: {("body", "paragraph"): 5},
}
UNIT_COUNTS = {
    (RES, "en"): 60,
    (RES, "es"): 60,
    (REP, "en"): 22,
    (REP, "es"): 22,
    (NOTE, "en"): 5,
    (NOTE, "es"): 5,
}


@pytest.fixture(scope="module")
def ws_root(_seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeded workspace plus the Spanish note verbale (read-only for this module)."""
    root = tmp_path_factory.mktemp("seeds") / "ws"
    shutil.copytree(_seeded_template, root)
    import_document(Workspace.open(root), NOTE_ES, NOTE, "es")
    return root


@pytest.fixture(scope="module")
def ws(ws_root: Path) -> Workspace:
    return Workspace.open(ws_root)


@pytest.fixture
def show_json(run_cli, ws_root):
    def show(symbol: str, lang: str) -> dict:
        code, out, err = run_cli("--workspace", ws_root, "show", symbol, "--lang", lang, "--format", "json")
        assert code == 0, err
        return json.loads(out)

    return show


def by_label(doc: dict) -> dict[str, dict]:
    return {u["label"]: u for u in doc["units"]}


def children(doc: dict, unit: dict) -> list[dict]:
    return [u for u in doc["units"] if u["parent"] == unit["id"]]


# -- counts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("symbol", "lang"), ALL)
def test_unit_counts(show_json, symbol, lang):
    doc = show_json(symbol, lang)
    assert (doc["symbol"], doc["lang"], doc["rev"]) == (symbol, lang, 0)
    assert len(doc["units"]) == UNIT_COUNTS[(symbol, lang)]
    assert Counter((u["part"], u["kind"]) for u in doc["units"]) == UNIT_KINDS[symbol]


def test_the_seeds_are_the_bundled_sources():
    """sources/*.en.txt are the seeds of ../shared/seeds/ byte for byte (when the seeds are there)."""
    seeds = REPO.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds/ is not next to this checkout")
    pairs = {"000": "cajp-gt-tm-11-04", "001": "cajp-gt-tm-41-05", "002": "cajp-gt-tm-38-05"}
    for prefix, slug in pairs.items():
        (seed,) = seeds.glob(f"{prefix}_*.txt")
        assert seed.read_bytes() == (REPO / "sources" / f"{slug}.en.txt").read_bytes()


# -- the draft resolution ----------------------------------------------------------------------

RESOLUTION = {
    "en": {
        "formula": "THE GENERAL ASSEMBLY,",
        "resolving": "RESOLVES:",
        "groups": {"TAKING INTO ACCOUNT:": 3, "CONSIDERING:": 8, "BEARING IN MIND:": 2},
        "taking_into_account": ["Its resolutions", "The annual report", "The draft"],
        "loose": [
            "HAVING",
            "REAFFIRMING",
            "EMPHASIZING",
            "REAFFIRMING",
            "EXPRESSING",
            "TAKING",
            "CONCERNED",
            "BEARING",
        ],
        "op1": "To vehemently condemn",
        "op7": "To instruct the Permanent Council:",
        "op10c": "Provide the Office of the Special Rapporteur",
        "appendix": "APPENDIX",
        "items": [
            "Inaugural session",
            "Draft “Inter-American Program",
            "Experiences of the organs",
            "Experiences of other organizations",
            "Dialogue among governmental experts",
            "Preliminary conclusions",
        ],
    },
    "es": {
        "formula": "LA ASAMBLEA GENERAL,",
        "resolving": "RESUELVE:",
        "groups": {"TENIENDO EN CUENTA:": 3, "CONSIDERANDO:": 8, "TENIENDO PRESENTE:": 2},
        "taking_into_account": ["Sus resoluciones", "El informe anual", "El proyecto"],
        "loose": [
            "VISTO",
            "REAFIRMANDO",
            "DESTACANDO",
            "REAFIRMANDO",
            "EXPRESANDO",
            "TOMANDO",
            "PREOCUPADA",
            "TENIENDO",
        ],
        "op1": "Condenar enérgicamente",
        "op7": "Encomendar al Consejo Permanente:",
        "op10c": "Dote a la Relatoría Especial",
        "appendix": "APÉNDICE",
        "items": [
            "Sesión inaugural",
            "Proyecto de “Programa Interamericano",
            "Experiencias de los órganos",
            "Experiencias de otras organizaciones",
            "Diálogo entre expertos gubernamentales",
            "Conclusiones preliminares",
        ],
    },
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_resolution_preface_and_preamble(show_json, lang):
    want = RESOLUTION[lang]
    doc = show_json(RES, lang)
    units = doc["units"]
    title = TEXTS[(RES, lang)][1]
    assert title
    assert units[0] == units[0] | {"kind": "docTitle", "part": "preface", "text": title, "parent": None}
    formulas = [u for u in units if u["kind"] == "formula"]
    assert [f["text"] for f in formulas] == [want["formula"], want["resolving"]]
    assert units[1] is formulas[0]  # the enacting formula opens the preamble

    groups = [u for u in units if u["kind"] == "recitals"]
    assert {g["text"]: len(children(doc, g)) for g in groups} == want["groups"]
    assert [g["text"] for g in groups] == list(want["groups"])  # in this order
    for group in groups:
        assert all(c["kind"] == "recital" and c["part"] == "preamble" for c in children(doc, group))
    taking = children(doc, groups[0])
    assert [c["text"][: len(s)] for c, s in zip(taking, want["taking_into_account"])] == want["taking_into_account"]

    loose = [u for u in units if u["kind"] == "recital" and u["parent"] is None]
    assert [u["text"].split()[0] for u in loose] == want["loose"]
    # Preamble labels run pp1 … pp24 in document order, groups included.
    preamble = [u for u in units if u["part"] == "preamble" and u["kind"] != "formula"]
    assert [u["label"] for u in preamble] == [f"pp{i}" for i in range(1, 25)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_resolution_operative_part(show_json, lang):
    want = RESOLUTION[lang]
    doc = show_json(RES, lang)
    ops = [u for u in doc["units"] if u["part"] == "body" and u["parent"] is None]
    assert [u["num"] for u in ops] == [f"{i}." for i in range(1, 15)]
    assert all(u["kind"] == "paragraph" for u in ops)
    assert [u["eid"] for u in ops] == [f"para_{i}" for i in range(1, 15)]
    assert ops[0]["text"].startswith(want["op1"])  # the text sits on the line after "1."
    assert ops[6]["text"] == want["op7"]
    subs = {op["num"]: [c["num"] for c in children(doc, op)] for op in ops if children(doc, op)}
    assert subs == {"7.": ["a.", "b.", "c."], "10.": ["a.", "b.", "c.", "d."]}
    labels = by_label(doc)
    assert labels["op10.c"]["text"].startswith(want["op10c"])  # "c." alone, its text on the next line
    assert labels["op7.a"]["eid"] == "para_7__subpara_a"
    assert all(u["kind"] == "subparagraph" for op in ops for u in children(doc, op))
    assert all(u["text"].strip() for u in doc["units"])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_resolution_appendix(show_json, ws, lang):
    want = RESOLUTION[lang]
    doc = show_json(RES, lang)
    annex = [u for u in doc["units"] if u["part"] == "annex"]
    headings = [u for u in annex if u["num"] is None]
    items = [u for u in annex if u["num"] is not None]
    assert headings[0]["text"] == want["appendix"]
    assert len(headings) == 6
    assert [u["num"] for u in items] == ["I.", "II.", "III.", "IV.", "V.", "VI."]
    assert [u["text"][: len(s)] for u, s in zip(items, want["items"])] == want["items"]
    assert [u["label"] for u in items] == [f"app1.{n}" for n in ("I", "II", "III", "IV", "V", "VI")]
    assert annex == doc["units"][-12:]  # the appendix closes the document
    root = load_draft(ws, RES, lang=lang).root
    (statement,) = root
    assert statement.get("name") == "resolutionDraft"
    assert [d.get("name") for d in statement.iterfind("a:attachments/a:attachment/a:doc", NS)] == ["appendix"]


# -- the chair's report ------------------------------------------------------------------------

REPORT = {
    "en": {
        "sections": ["INTRODUCTION", "PROCEEDINGS", "CONCLUSIONS"],
        "subsections": ["WORK PLAN AND ELECTION OF OFFICERS", "SPECIAL MEETING", "DRAFT OF THE PROGRAM"],
        "notes": [
            ("II.B.3", "See document CAJP/GT/TM-16/04."),
            ("II.C.1", "See document CP/CAJP-2038/03"),
            ("II.C.3", "See document CAJP/GT/TM-18/04"),
            ("II.C.4", "See documents (CAJP/GT/TM-24/05 rev. 7) and (CAJP/GT/TM-38/05 rev. 2)"),
        ],
        "rapporteur": ("The report of the Rapporteur of the Special Meeting of the Working Group,", " prepared by"),
        "note3_after": " (CAJP/GT/TM-18/04) was presented.",
    },
    "es": {
        "sections": ["INTRODUCCIÓN", "DESARROLLO DE LOS TRABAJOS", "CONCLUSIONES"],
        "subsections": ["PLAN DE TRABAJO Y ELECCIÓN DE AUTORIDADES", "REUNIÓN ESPECIAL", "PROYECTO DE PROGRAMA"],
        "notes": [
            ("II.B.3", "Véase el documento CAJP/GT/TM-16/04."),
            ("II.C.1", "Véase el documento CP/CAJP-2038/03"),
            ("II.C.3", "Véase el documento CAJP/GT/TM-18/04"),
            ("II.C.4", "Véanse los documentos (CAJP/GT/TM-24/05 rev. 7) y (CAJP/GT/TM-38/05 rev. 2)"),
        ],
        "rapporteur": ("El informe de la Relatora de la Reunión Especial del Grupo de Trabajo,", " preparado por"),
        "note3_after": " (CAJP/GT/TM-18/04).",
    },
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_report_sections_and_paragraphs(show_json, lang):
    want = REPORT[lang]
    doc = show_json(REP, lang)
    sections = [u for u in doc["units"] if u["kind"] == "section"]
    assert [(s["num"], s["text"], s["parent"]) for s in sections] == [
        (n, t, None) for n, t in zip(["I.", "II.", "III."], want["sections"])
    ]
    subsections = [u for u in doc["units"] if u["kind"] == "subsection"]
    assert [(s["num"], s["text"]) for s in subsections] == list(zip(["A.", "B.", "C."], want["subsections"]))
    assert {s["parent"] for s in subsections} == {sections[1]["id"]}
    paragraphs_in = {u["label"]: len([c for c in children(doc, u) if c["kind"] == "paragraph"]) for u in doc["units"]}
    assert {k: v for k, v in paragraphs_in.items() if v} == {"I": 3, "II.A": 1, "II.B": 3, "II.C": 6, "III": 3}
    assert [u["eid"] for u in subsections] == ["sec_II__subsec_A", "sec_II__subsec_B", "sec_II__subsec_C"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_report_footnotes_linked_in_order(show_json, ws, lang):
    want = REPORT[lang]
    doc = show_json(REP, lang)
    found = [(u["label"], n["marker"], n["text"]) for u in doc["units"] for n in u["notes"]]
    assert found == [(label, str(i), text) for i, (label, text) in enumerate(want["notes"], start=1)]
    units = by_label(doc)

    def split_at_note(label: str) -> tuple[str, str]:
        unit = units[label]
        (note,) = unit["notes"]
        return unit["text"][: note["offset"]], unit["text"][note["offset"] :]

    before, after = split_at_note("II.B.3")  # "…Working Group,1/ prepared by…"
    assert before == want["rapporteur"][0]
    assert after.startswith(want["rapporteur"][1])
    assert split_at_note("II.C.1")[1] == ""  # a "/" alone on the next line: end of the paragraph
    assert split_at_note("II.C.3")[1] == want["note3_after"]  # "/ (CAJP/GT/TM-18/04) …" continues it
    assert split_at_note("II.C.4")[1] == ""
    assert not any("/" in u["text"][-1:] for u in doc["units"])  # no marker left in the words
    root = load_draft(ws, REP, lang=lang).root
    notes = root.findall(".//a:authorialNote", NS)
    assert [(n.get("marker"), n.get("placement")) for n in notes] == [(str(i), "bottom") for i in range(1, 5)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_report_signature_in_conclusions(ws, show_json, lang):
    (doc,) = load_draft(ws, REP, lang=lang).root
    assert doc.get("name") == "report"
    signature = doc.findall("a:conclusions/a:p", NS)
    assert [(p.get("class"), p.text) for p in signature] == [("signature", "Eduardo Acevedo Díaz")]
    assert "Eduardo Acevedo Díaz" not in [u["text"] for u in show_json(REP, lang)["units"]]


# -- the note verbale --------------------------------------------------------------------------

NOTE_PARTS = {
    "en": {
        "opening": "The Permanent Mission of Mexico to the Organization of American States",
        "date": "July 9, 2004",
        "addressee": [
            "Chair of the Working Group",
            "to Prepare an Inter-American Program",
            "for the Promotion and Protection of the Human Rights of Migrants",
        ],
    },
    "es": {
        "opening": "La Misión Permanente de México ante la Organización de los Estados Americanos",
        "date": "9 de julio de 2004",
        "addressee": [
            "Presidencia del Grupo de Trabajo",
            "encargado de elaborar un Programa Interamericano",
            "para la Promoción y Protección de los Derechos Humanos de los Migrantes",
        ],
    },
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_note_verbale(ws, show_json, lang):
    want = NOTE_PARTS[lang]
    units = show_json(NOTE, lang)["units"]
    assert [(u["kind"], u["num"], u["parent"]) for u in units] == [("paragraph", None, None)] * 5
    assert units[0]["text"].startswith(want["opening"])
    (doc,) = load_draft(ws, NOTE, lang=lang).root
    assert doc.get("name") == "noteVerbale"
    (place_date,) = doc.iterfind("a:conclusions/a:p[@class='placeDate']", NS)
    (location,) = place_date.iterfind("a:location", NS)
    (date,) = place_date.iterfind("a:date", NS)
    assert location.text == "Washington, D.C."
    assert (date.get("date"), date.text) == ("2004-07-09", want["date"])
    (addressee,) = doc.iterfind("a:conclusions/a:blockContainer[@class='addressee']", NS)
    assert [p.text for p in addressee.iterfind("a:p", NS)] == want["addressee"]


# -- the two languages -------------------------------------------------------------------------


@pytest.mark.parametrize("symbol", [RES, REP, NOTE])
def test_spanish_units_align_with_english(show_json, symbol):
    en, es = show_json(symbol, "en"), show_json(symbol, "es")
    shape = ("id", "eid", "num", "kind", "part", "parent", "label")
    assert [tuple(u[k] for k in shape) for u in es["units"]] == [tuple(u[k] for k in shape) for u in en["units"]]
    assert len({u["id"] for u in en["units"]}) == len(en["units"])
    # Aligned, not copied: every unit's words are the Spanish ones.
    assert all(a["text"] != b["text"] for a, b in zip(en["units"], es["units"]))


# -- fidelity ----------------------------------------------------------------------------------
#
# The words of the rendered text equal the words of the input file, in order, whitespace aside,
# after this normalisation and nothing else:
#   * both sides: Unicode NFC (the tool stores NFC; the seeds already are);
#   * both sides: footnote markers dropped: a trailing "N/" or "/" is stripped from every token
#     (the input has "/" alone or glued to a word, the output "1/", "2/" … glued to the word),
#     and tokens left empty disappear;
#   * note bodies: the number token opening each note body is dropped ("\ufffd." in the input,
#     where the original number was lost, "N." in the output, which must number them 1, 2, …);
#   * the title given with --title (the resolution's text has none of its own) is expected first.

MARKER = re.compile(r"\d*/$")


def _tokens(lines: list[str]) -> list[str]:
    return [t for t in (MARKER.sub("", tok) for line in lines for tok in line.split()) if t]


def input_words(text: str, title: str | None) -> list[str]:
    lines = unicodedata.normalize("NFC", text).splitlines()
    lines = [re.sub(r"^\s*\ufffd\.(?=\s)", "", line) for line in lines]
    return _tokens(([title] if title else []) + lines)


def output_words(rendered: str, notes: int) -> list[str]:
    blocks = unicodedata.normalize("NFC", rendered).rstrip("\n").split("\n\n")
    body, bodies = blocks[: len(blocks) - notes], blocks[len(blocks) - notes :]
    for number, block in enumerate(bodies, start=1):
        assert block.startswith(f"{number}. "), f"note body {number} is not numbered: {block[:40]!r}"
    return _tokens(body + [block.split(" ", 1)[1] for block in bodies])


@pytest.mark.parametrize(("symbol", "lang"), ALL)
def test_fidelity_every_word_in_order(ws, run_cli, ws_root, symbol, lang):
    path, title = TEXTS[(symbol, lang)]
    draft = load_draft(ws, symbol, lang=lang)
    rendered = render_text(draft)
    notes = len(draft.root.findall(".//a:authorialNote", NS))
    assert output_words(rendered, notes) == input_words(path.read_text(encoding="utf-8"), title)
    code, shown, err = run_cli("--workspace", ws_root, "show", symbol, "--lang", lang, "--format", "text")
    assert (code, shown, err) == (0, rendered, "")


def test_fidelity_comparison_is_strict(ws):
    """The normalisation hides markers and note numbers only: a lost or moved word is caught."""
    path, title = TEXTS[(REP, "en")]
    rendered = render_text(load_draft(ws, REP, lang="en"))
    expected = input_words(path.read_text(encoding="utf-8"), title)
    assert output_words(rendered, 4) == expected
    dropped = rendered.replace(" ratified the Alternate", " the Alternate", 1)
    swapped = rendered.replace("Group ratified", "ratified Group", 1)
    note_lost = rendered.replace("4. See documents", "See documents", 1)
    marker_words = rendered.replace("Working Group,1/", "Working Group,1/ extra", 1)
    assert output_words(dropped, 4) != expected
    assert output_words(swapped, 4) != expected
    assert output_words(marker_words, 4) != expected
    with pytest.raises(AssertionError):
        output_words(note_lost, 4)


def test_render_text_does_not_repeat_the_title(ws):
    rendered = render_text(load_draft(ws, RES, lang="en"))
    title = TEXTS[(RES, "en")][1]
    assert rendered.count(title) == 1
    assert rendered.startswith(title + "\n\nTHE GENERAL ASSEMBLY,\n\n")


# -- guessing the type, refusing what cannot be placed -----------------------------------------


@pytest.mark.parametrize(("symbol", "lang"), ALL)
def test_type_is_guessed_when_omitted(symbol, lang):
    path, _ = TEXTS[(symbol, lang)]
    expected = {RES: "resolution", REP: "report", NOTE: "note"}[symbol]
    assert import_text(read_text_file(path), name=str(path)).doc_type == expected


def test_a_line_the_resolution_importer_cannot_place_is_counted_outside_units_with_its_line(sources_dir):
    """A stray line is never dropped: it stays as text outside any unit, and the summary says where."""
    lines = (sources_dir / "cajp-gt-tm-38-05.en.txt").read_text(encoding="utf-8").split("\n")
    at = lines.index("3.") + 2  # after paragraph 3's text line (which ends a sentence)
    lines.insert(at, "Something that belongs to no paragraph.")
    summary = import_lines(text_lines("\n".join(lines)), "resolution", name="x.txt").summary
    assert (summary.words_unplaced, summary.unplaced_at) == (6, [str(at + 1)])
    assert f"6 outside any unit (0.3%) at lines {at + 1}" in summary.lines()[1]


def test_more_than_five_percent_outside_units_is_refused_naming_the_lines(sources_dir, empty_ws, tmp_path):
    lines = (sources_dir / "cajp-gt-tm-38-05.en.txt").read_text(encoding="utf-8").split("\n")
    at = lines.index("3.") + 2
    stray = ["Something that belongs to no paragraph at all, said at some length."] * 12
    source = tmp_path / "x.txt"
    source.write_text("\n".join(lines[:at] + stray + lines[at:]), encoding="utf-8")
    with pytest.raises(
        WgtError, match=rf"x\.txt: \d+% of the body's words stand outside any unit \(lines {at + 1}–{at + 12}\) "
    ):
        import_file(empty_ws, source, "CAJP/GT/TM-38/05", "en", title="T")
    result = import_file(empty_ws, source, "CAJP/GT/TM-38/05", "en", title="T", allow_unplaced=True, dry_run=True)
    assert result.path is None and result.summary.words_unplaced == 12 * 12


def test_a_line_that_goes_on_with_an_agenda_item_is_joined_and_listed(sources_dir):
    text = (sources_dir / "cajp-gt-tm-38-05.en.txt").read_text(encoding="utf-8").rstrip() + "\nof the meeting\n"
    last = len(text.rstrip("\n").split("\n"))
    imported = import_lines(text_lines(text), "resolution", name="x.txt")
    (join,) = imported.summary.joins
    assert join.second == f"line {last}" and not join.after_break
    assert imported.outline.attachments[0].body[-1].text.endswith(" of the meeting")


def test_report_markers_without_note_bodies_are_an_error(sources_dir):
    text = (sources_dir / "cajp-gt-tm-41-05.en.txt").read_text(encoding="utf-8")
    cut = text[: text.index("\ufffd.")]  # drop the note bodies, keep the markers
    with pytest.raises(ImportTextError, match=r"four footnote markers \('/'\) but zero note bodies"):
        import_text(cut, "report", name="x.txt")


def test_imported_draft_roundtrips_through_its_bytes(ws):
    draft = load_draft(ws, REP, lang="es")
    again = Draft.from_bytes(draft.to_bytes(), "again")
    assert [(u.wid, u.text, u.notes) for u in again.units()] == [(u.wid, u.text, u.notes) for u in draft.units()]
