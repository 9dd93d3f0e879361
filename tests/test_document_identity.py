"""Issue 12, defect 3: the compilation, the annex and the report are documents of their own.

Each has its own symbol (an addendum of the draft by default, else what ``wgt.toml`` or
``--symbol`` says), a full header block (the body's lines from ``wgt.toml``, the series,
its own symbol and date, ``Original: español``), and the report closes with the place,
the date and the chair who signs it (from ``wgt.toml``, the roster, or the options).
A value of ``[documents]`` that cannot be used is one clear error naming the file and key.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from amend_helpers import ok
from story_helpers import SYMBOL, by_class, clean_language_environment, copy_of, docx_parts, page, story, texts

from tracker.render import render_layout
from tracker.render.annex import annex_layout
from tracker.render.compilation import compilation_layout
from tracker.render.report import report_layout
from tracker.workspace import CONFIG_NAME, Workspace, parse_config

_clean_language = pytest.fixture(autouse=True, name="_clean_language")(clean_language_environment)

BODIES = {
    "en": [
        "PERMANENT COUNCIL OF THE ORGANIZATION OF AMERICAN STATES",
        "COMMITTEE ON JURIDICAL AND POLITICAL AFFAIRS",
        "Working Group to Prepare an Inter-American Program for the Promotion and Protection of the Human Rights of "
        "Migrants, Including Migrant Workers and Their Families",
    ],
    "es": [
        "CONSEJO PERMANENTE DE LA ORGANIZACIÓN DE LOS ESTADOS AMERICANOS",
        "COMISIÓN DE ASUNTOS JURÍDICOS Y POLÍTICOS",
        "Grupo de Trabajo encargado de elaborar un Programa Interamericano para la Promoción y Protección de los "
        "Derechos Humanos de los Migrantes, incluyendo a los Trabajadores Migratorios y sus Familias",
    ],
}
DATES = {"en": "18 March 2005", "es": "18 marzo 2005"}
ORIGINAL = {"en": "Original: Spanish", "es": "Original: español"}


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Path:
    return story(tmp_path_factory)


def layouts(root: Path, lang: str) -> dict[str, object]:
    workspace = Workspace.open(root)
    return {
        "compilation": compilation_layout(workspace, SYMBOL, lang, "2005-03-18"),
        "annex": annex_layout(workspace, SYMBOL, None, lang, "2005-03-18"),
        "report": report_layout(workspace, SYMBOL, lang, "2005-03-18"),
    }


def header_of(html: str) -> tuple[list[str], list[str]]:
    tree = page(html)
    return texts(by_class(tree, "org")[0].findall("div")), texts(by_class(tree, "block")[0].findall("p"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_document_has_its_own_symbol_and_header_block(ws, lang):
    for (kind, layout), number in zip(layouts(ws, lang).items(), (1, 2, 3)):
        left, right = header_of(render_layout(layout, "html"))
        assert left == BODIES[lang], kind
        assert right == ["OEA/Ser.G", f"{SYMBOL} add. {number}", DATES[lang], ORIGINAL[lang]], kind
        assert layout.about == f"{SYMBOL} rev. 2"
        markdown = render_layout(layout, "md")
        assert f"{SYMBOL} add. {number}" in markdown and f"{SYMBOL} rev. 2  \n" not in markdown


def test_docx_carries_the_documents_own_symbol(ws):
    layout = layouts(ws, "es")["compilation"]
    document, _parts = docx_parts(render_layout(layout, "docx"))
    assert document.core_properties.subject == f"{SYMBOL} add. 1"
    header = document.tables[0]
    assert [p.text for p in header.rows[0].cells[1].paragraphs] == [
        "OEA/Ser.G",
        f"{SYMBOL} add. 1",
        DATES["es"],
        ORIGINAL["es"],
    ]
    assert [p.text for p in header.rows[0].cells[0].paragraphs] == BODIES["es"]


def test_docx_properties_name_the_body_and_the_documents_date(ws):
    body = Workspace.open(ws).config.body
    for kind, layout in layouts(ws, "en").items():
        core = docx_parts(render_layout(layout, "docx"))[0].core_properties
        assert (core.author, core.last_modified_by) == (body, body), kind
        assert core.created.date().isoformat() == core.modified.date().isoformat() == "2005-03-18", kind


def test_annex_is_dated_as_its_revision_unless_told(ws):
    annex = render_layout(annex_layout(Workspace.open(ws), SYMBOL, 1, "es"), "md")
    assert f"{SYMBOL} add. 2  \n1 marzo 2005  \nOriginal: español" in annex
    assert f"al documento {SYMBOL} rev. 1" in annex


def _with_config(root: Path, extra: str, replace: tuple[str, str] | None = None) -> None:
    path = root / CONFIG_NAME
    text = path.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    path.write_text(text.replace("[participants]", extra + "\n[participants]"), encoding="utf-8")


def test_symbols_from_wgt_toml_and_from_the_option(ws, tmp_path, run_cli):
    root = copy_of(ws, tmp_path / "ws")
    _with_config(
        root,
        f'[documents."{SYMBOL}"]\nreport = "CAJP/GT/TM-42/05"\n',
        ('compilation = "{symbol} add. 1"', 'compilation = "{symbol}  ADD.4"'),
    )
    code, out, err = run_cli("--workspace", root, "report", SYMBOL, "--lang", "en", "--date", "2005-03-18")
    assert (code, err) == (0, "") and "CAJP/GT/TM-42/05  \n18 March 2005" in out
    code, out, err = run_cli("--workspace", root, "compilation", SYMBOL, "--lang", "en", "--date", "2005-03-18")
    assert code == 0 and f"{SYMBOL} add. 4  \n18 March 2005" in out  # printed canonically
    target = tmp_path / "report.md"
    code, out, err = run_cli(
        "--workspace", root, "report", SYMBOL, "--symbol", "CAJP/GT/TM-38/05 add.9", "--lang", "en", "-o", target
    )
    assert (code, err) == (0, "")
    assert out == f"Wrote the chair's report {SYMBOL} add. 9 on {SYMBOL} rev. 2 (en, md) to {target}\n"
    assert f"{SYMBOL} add. 9  \n" in target.read_text(encoding="utf-8")
    assert "verified" in ok(root, "verify")  # [documents] is the secretariat's to set: no log entry needed


def test_a_symbol_the_workspace_holds_is_refused(ws, tmp_path, run_cli):
    code, out, err = run_cli("--workspace", ws, "annex", SYMBOL, "--symbol", "CAJP/GT/TM-41/05")
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        "Error: CAJP/GT/TM-41/05 is already a document of this workspace; the annex needs a symbol of its own: "
        "give another with --symbol"
    ]
    code, _out, err = run_cli("--workspace", ws, "compilation", SYMBOL, "--symbol", f"{SYMBOL} rev. 3")
    assert code == 1 and f"{SYMBOL} rev. 3 is already a document of this workspace" in err
    root = copy_of(ws, tmp_path / "ws")
    _with_config(root, f'[documents."{SYMBOL}"]\nreport = "CAJP/GT/TM-41/05"\n')
    code, _out, err = run_cli("--workspace", root, "report", SYMBOL)
    assert code == 1 and "set another in wgt.toml [documents] or give one with --symbol" in err


@pytest.mark.parametrize(
    ("lang", "closing"),
    [
        ("en", ["Washington, D.C., March 18, 2005", "Eduardo Acevedo Díaz", "Chair of the Working Group"]),
        ("es", ["Washington, D.C., 18 de marzo de 2005", "Eduardo Acevedo Díaz", "Presidencia del Grupo de Trabajo"]),
    ],
)
def test_report_names_place_date_and_chair(ws, lang, closing):
    tree = page(render_layout(layouts(ws, lang)["report"], "html"))
    assert texts(by_class(tree, "closing")) == closing
    assert texts(by_class(tree, "placeDate")) == closing[:1]
    assert texts(by_class(tree, "signature")) == closing[1:2] and texts(by_class(tree, "office")) == closing[2:]


def test_report_chair_and_place_from_options_and_from_the_roster(ws, tmp_path, run_cli):
    args = ("report", SYMBOL, "--lang", "es", "--date", "2005-03-18")
    code, out, _err = run_cli("--workspace", ws, *args, "--chair", "Otto  Pérez", "--place", "Quito")
    assert code == 0 and out.endswith("Quito, 18 de marzo de 2005\n\nOtto Pérez\n\nPresidencia del Grupo de Trabajo\n")
    root = copy_of(ws, tmp_path / "ws")
    path = root / CONFIG_NAME
    text = path.read_text(encoding="utf-8").replace('chair = "Eduardo Acevedo Díaz"\n', "")
    text = text.replace('name = "Chair of the Working Group"', 'name = "Eduardo Acevedo Díaz"')
    path.write_text(text, encoding="utf-8")
    # The roster makes CHAIR the chair; wgt.toml gives CHAIR a person's name.
    assert ok(root, *args).endswith("Eduardo Acevedo Díaz\n\nPresidencia del Grupo de Trabajo\n")
    path.write_text(text.replace('name = "Eduardo Acevedo Díaz"', 'name = "Chair of the Working Group"'), "utf-8")
    out = ok(root, *args)  # a name that is only the office names nobody: the office signs
    assert out.endswith("Washington, D.C., 18 de marzo de 2005\n\nPresidencia del Grupo de Trabajo\n")
    code, _out, err = run_cli("--workspace", root, *args, "--place", "Quito\u200b")
    assert code == 1 and "invisible" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("change", "needles"),
    [
        (('original = "es"', 'original = "fr"'), ("[documents] original", "en, es")),
        (('place = "Washington, D.C."', "place = 3"), ("[documents] place", "line of text")),
        (('place = "Washington, D.C."', 'place = "Washington\\u0007"'), ("[documents] place", "U+0007")),
        (('compilation = "{symbol} add. 1"', 'compilation = "add one"'), ("[documents] compilation", "add one")),
        (('annex = "{symbol} add. 2"', 'annex = "{symbol} add. {n}"'), ("[documents] annex", "{symbol}")),
        (('report = "{symbol} add. 3"', 'report = "{symbol} add. 3"\nsymbol = 1'), ("[documents]", "'symbol'")),
        (("[documents.bodies]", '[documents.bodies]\nfr = ["X"]'), ("[documents.bodies] fr",)),
        (("[documents.bodies]\nen = [", '[documents.bodies]\nen = "PERMANENT COUNCIL"\nxx = ['), ("bodies] en",)),
        (("[documents.bodies]", f'[documents."{SYMBOL}"]\nminutes = "X/1"\n\n[documents.bodies]'), ("minutes",)),
        (("[documents.bodies]", '[documents."not a symbol"]\nreport = "X/1"\n\n[documents.bodies]'), ("not a symbol",)),
        (('chair = "Eduardo Acevedo Díaz"', "chair = []"), ("[documents] chair",)),
    ],
)
def test_a_bad_documents_value_is_one_error_naming_file_and_key(ws, tmp_path, run_cli, change, needles):
    root = copy_of(ws, tmp_path / "ws")
    path = root / CONFIG_NAME
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    code, out, err = run_cli("--workspace", root, "list")
    lines = err.strip().splitlines()
    assert code == 1 and out == "" and len(lines) == 1 and lines[0].startswith("Error: "), err
    assert str(path) in lines[0] or "wgt.toml" in lines[0]
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def test_documents_table_round_trips_and_survives_a_role_change(ws, tmp_path):
    path = ws / CONFIG_NAME
    text = path.read_text(encoding="utf-8")
    config = parse_config(text, path)
    assert config.to_toml() == text
    assert config.documents.place == "Washington, D.C." and config.documents.original == "es"
    assert config.documents.bodies["es"][1] == "COMISIÓN DE ASUNTOS JURÍDICOS Y POLÍTICOS"
    root = copy_of(ws, tmp_path / "ws")
    ok(root, "roles", "set", "CHAIR", "observer")  # wgt.toml states CHAIR's role: it is rewritten with it
    changed = (root / CONFIG_NAME).read_text(encoding="utf-8")
    assert 'CHAIR = { role = "observer"' in changed
    assert changed.replace('role = "observer"', 'role = "chair"') == text
