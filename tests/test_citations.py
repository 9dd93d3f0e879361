"""Issue 12, defect 2: documents cite paragraphs as delegates do, never by the CLI's labels.

``operative paragraph 7 (c)`` / ``el párrafo resolutivo 7 c`` (resolutivo, not dispositivo),
``the fifth preambular paragraph`` / ``el quinto párrafo preambular`` counted without the group
openers, a paragraph of a group under its opener, ``section II.C, paragraph 5``, the enacting
formula, the title, appendix lines and items; runs as ranges. Every document wgt writes for
people (render, compare, compilation, annex, report) is then searched for a label in every
format and both languages. The labels stay the CLI's own.
"""

from __future__ import annotations

import re

import pytest
from amend_helpers import ok
from negotiation_helpers import REPORT, RESOLUTION, docx_text, negotiation

from tracker.documents import load_draft
from tracker.i18n import translations
from tracker.render import render_layout
from tracker.render.annex import annex_layout
from tracker.render.citing import Citations
from tracker.render.compilation import compilation_layout
from tracker.render.layout import build_layout
from tracker.render.redline import redline_layout
from tracker.render.report import report_layout
from tracker.workspace import Workspace

#: What a label looks like: pp5, op7.c, formula1, app1.h1, annex2.IV, II.C.5 … and "title" leading a list.
LABEL = re.compile(r"\b(?:pp\d+|op\d+(?:\.\w+)*|formula\d+|(?:app|annex)\d+\.\w+|[IVX]+\.[A-Z]\.\d+)\b|(?:^|: )title\b")

ONE = {
    "en": {
        "title": "the title",
        "formula1": "the enacting formula",
        "pp1": "the first preambular paragraph",
        "pp2": "the opening phrase “TAKING INTO ACCOUNT”",
        "pp4": "the second paragraph under “TAKING INTO ACCOUNT”",
        "pp6": "the fifth preambular paragraph",
        "pp24": "the twenty-first preambular paragraph",
        "formula2": "the formula “RESOLVES”",
        "op3": "operative paragraph 3",
        "op7.c": "operative paragraph 7 (c)",
        "app1.h1": "line 1 of the heading of the appendix",
        "app1.IV": "item IV of the appendix",
    },
    "es": {
        "title": "el título",
        "formula1": "la fórmula de adopción",
        "pp1": "el primer párrafo preambular",
        "pp2": "la frase introductoria “TENIENDO EN CUENTA”",
        "pp4": "el segundo párrafo del apartado “TENIENDO EN CUENTA”",
        "pp6": "el quinto párrafo preambular",
        "pp24": "el párrafo preambular 21",  # past décimo, Spanish cites by number
        "formula2": "la fórmula “RESUELVE”",
        "op3": "el párrafo resolutivo 3",
        "op7.c": "el párrafo resolutivo 7 c",
        "app1.h1": "la línea 1 del encabezado del apéndice",
        "app1.IV": "el punto IV del apéndice",
    },
}
MANY = {
    "en": {
        ("formula1", "pp1", "pp2", "pp3", "pp4", "pp5"): "the enacting formula; the first to fourth preambular paragraphs",
        ("pp3", "pp4", "pp5"): "the first to third paragraphs under “TAKING INTO ACCOUNT”",
        ("pp2", "pp3", "pp4"): "the opening phrase “TAKING INTO ACCOUNT”; the first and second paragraphs under “TAKING INTO ACCOUNT”",
        ("pp1", "pp2", "pp3"): "the first and second preambular paragraphs",
        ("op6", "op7", "op7.a", "op7.b", "op7.c"): "operative paragraphs 6 to 7 (c)",
        ("op1", "op2", "op4", "op7.b"): "operative paragraphs 1, 2, 4, and 7 (b)",
        ("app1.h5", "app1.h6", "app1.I", "app1.II", "app1.III"): (
            "lines 5 and 6 of the heading of the appendix; items I to III of the appendix"
        ),
    },
    "es": {
        ("formula1", "pp1", "pp2", "pp3", "pp4", "pp5"): "la fórmula de adopción; los párrafos preambulares primero a cuarto",
        ("pp3", "pp4", "pp5"): "los párrafos primero a tercero del apartado “TENIENDO EN CUENTA”",
        ("pp2", "pp3", "pp4"): (
            "la frase introductoria “TENIENDO EN CUENTA”; los párrafos primero y segundo del apartado “TENIENDO EN CUENTA”"
        ),
        ("pp1", "pp2", "pp3"): "los párrafos preambulares primero y segundo",
        ("op6", "op7", "op7.a", "op7.b", "op7.c"): "los párrafos resolutivos 6 a 7 c",
        ("op1", "op2", "op4", "op7.b"): "los párrafos resolutivos 1, 2, 4 y 7 b",
        ("app1.h5", "app1.h6", "app1.I", "app1.II", "app1.III"): (
            "las líneas 5 y 6 del encabezado del apéndice; los puntos I a III del apéndice"
        ),
    },
}  # fmt: skip
SECTIONS = {
    "en": {
        "II.C": "section II.C",
        "II.C.5": "section II.C, paragraph 5",
        "I.1 I.2 I.3": "section I, paragraphs 1 to 3",
    },
    "es": {
        "II.C": "la sección II.C",
        "II.C.5": "el párrafo 5 de la sección II.C",
        "I.1 I.2 I.3": "los párrafos 1 a 3 de la sección I",
    },
}


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Workspace:
    return Workspace.open(negotiation(tmp_path_factory.mktemp("citations") / "ws"))


def _citations(ws: Workspace, symbol: str, lang: str) -> tuple[Citations, dict]:
    units = load_draft(ws, symbol, 0, lang).units()
    return Citations(units, translations(lang), lang), {u.label: u for u in units}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_one_unit_as_delegates_cite_it(ws, lang):
    citations, units = _citations(ws, RESOLUTION, lang)
    assert {label: citations.cite(units[label]) for label in ONE[lang]} == ONE[lang]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_many_units_in_one_line(ws, lang):
    citations, units = _citations(ws, RESOLUTION, lang)
    cited = {labels: citations.cite_all(units[label] for label in labels) for labels in MANY[lang]}
    assert cited == MANY[lang]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_report_paragraphs_by_section(ws, lang):
    citations, units = _citations(ws, REPORT, lang)
    cited = {labels: citations.cite_all(units[label] for label in labels.split()) for labels in SECTIONS[lang]}
    assert cited == SECTIONS[lang]


def test_spanish_never_says_dispositivo(ws):
    citations, units = _citations(ws, RESOLUTION, "es")
    everything = citations.cite_all(units.values())
    assert "resolutivos" in everything and "dispositiv" not in everything


def _documents(ws: Workspace, lang: str) -> dict[str, object]:
    return {
        "render": build_layout(load_draft(ws, RESOLUTION, 1, lang)),
        "compare": redline_layout(ws, RESOLUTION, 0, 1, lang, full=False),
        "compilation": compilation_layout(ws, RESOLUTION, lang, "2005-03-02"),
        "annex": annex_layout(ws, RESOLUTION, None, lang),
        "report": report_layout(ws, RESOLUTION, lang, "2005-03-02"),
        "report on a report": annex_layout(ws, REPORT, None, lang),
    }


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_document_shows_a_label(ws, lang, fmt):
    for name, layout in _documents(ws, lang).items():
        drawn = render_layout(layout, fmt)
        text = docx_text(drawn) if fmt == "docx" else drawn
        found = {m.group(0) for line in text.splitlines() for m in LABEL.finditer(line.strip())}
        assert not found, f"{name} ({lang}, {fmt}) shows labels: {sorted(found)}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_documents_cite_as_delegates_do(ws, lang):
    """The places where documents used to print labels now print citations."""
    documents = {name: render_layout(layout, "txt") for name, layout in _documents(ws, lang).items()}
    folded = " ".join(documents["compare"].split())
    quiet = " ".join(documents["compilation"].split())
    if lang == "en":
        assert (
            "… four unchanged paragraphs: the enacting formula; the first to fourth preambular paragraphs …" in folded
        )
        assert "Operative paragraph 7 (c)" in quiet and "The second paragraph under “TAKING INTO ACCOUNT”" in quiet
        assert "the title; the enacting formula; the first, second, and fourth to twenty-first preambular" in quiet
    else:
        assert (
            "… cuatro párrafos sin cambios: la fórmula de adopción; los párrafos preambulares primero a cuarto …"
            in folded
        )
        assert "El párrafo resolutivo 7 c" in quiet and "El segundo párrafo del apartado “TENIENDO EN CUENTA”" in quiet
        assert "el título; la fórmula de adopción; los párrafos preambulares 1, 2 y 4 a 21" in quiet


def test_the_cli_keeps_its_labels(ws):
    listed = ok(ws.root, "amend", "list", RESOLUTION)
    assert " op7.c " in listed and " pp4 " in listed
    assert "[op7.c sp-" in ok(ws.root, "show", RESOLUTION, "--ids")
