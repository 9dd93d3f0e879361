"""``wgt annex`` and ``wgt report``: statements on record and the chair's report, read as a person reads them.

The story's own documents (written by the demo's last step) are read in HTML
with lxml.html; a copy of the workspace gets statements on the report
CAJP/GT/TM-41/05 (cited by section heading), a later statement and a withdrawn
one (what ``--rev`` and the statuses keep out), and finally every paragraph
agreed (the report then says the text was approved by consensus). DOCX is read
with python-docx.
"""

from __future__ import annotations

import shlex

import pytest
from amend_helpers import ok
from story_helpers import (
    SYMBOL,
    by_class,
    clean_language_environment,
    copy_of,
    docx_parts,
    page,
    paragraph_texts,
    story_workspace,
    texts,
)

from tracker.amendments.proposals import mark
from tracker.documents import load_draft
from tracker.render import render_layout
from tracker.render.annex import annex_layout
from tracker.render.report import report_layout
from tracker.workspace import Workspace

REPORT = "CAJP/GT/TM-41/05"
ANNEX_HEADINGS = {
    "en": [
        "1. United States — The document as a whole (US-1)",
        "2. Mexico — The fifth preambular paragraph (MX-1)",  # REAFFIRMING: openers are not counted
        "3. United States — Operative paragraph 3 (US-4)",
    ],
    "es": [
        "1. Estados Unidos — El documento en su conjunto (US-1)",
        "2. México — El quinto párrafo preambular (MX-1)",
        "3. Estados Unidos — El párrafo resolutivo 3 (US-4)",
    ],
}


_clean_language = pytest.fixture(autouse=True, name="_clean_language")(clean_language_environment)
ws = pytest.fixture(scope="module", name="ws")(story_workspace)


@pytest.fixture(scope="module")
def changed(tmp_path_factory, ws):
    """A copy with statements on the report, a statement after rev. 2 and a withdrawn one (AR-2)."""
    root = copy_of(ws, tmp_path_factory.mktemp("annex") / "ws")
    steps = (
        f"amend statement {REPORT} --by MX --unit II.C.5 --lang es"
        " --text 'México reitera que los derechos humanos de los migrantes no están condicionados.'",
        f"amend statement {REPORT} --by US --lang en --text 'The United States joins consensus.'",
        f"amend statement {SYMBOL} --by GT --unit op9 --lang es"
        " --text 'Guatemala entiende que el apoyo depende de los recursos disponibles.'",
        f"amend statement {SYMBOL} --by AR --unit op1 --lang es --text 'Retirada.'",
        "amend withdraw AR-2 --by AR",
    )
    for step in steps:
        ok(root, *shlex.split(step))
    return root


def html_of(layout) -> object:
    return page(render_layout(layout, "html"))


# -- the annex -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_annex_of_the_story(ws, lang):
    tree = page(ws / "documents" / f"annex.{lang}.html")
    title = {"en": "Statements and reservations of delegations", "es": "Declaraciones y reservas de las delegaciones"}
    assert texts(tree.xpath("//h1")) == [title[lang]]
    assert texts(by_class(tree, "caption")) == [{"en": "ANNEX", "es": "ANEXO"}[lang]]
    assert texts(by_class(tree, "subtitle"))[0].startswith(
        {"en": "to ", "es": "al documento "}[lang] + f"{SYMBOL} rev. 2"
    )
    assert texts(tree.xpath("//main/p[contains(@class, 'paragraph')]")) == ANNEX_HEADINGS[lang]
    quotes = texts(by_class(tree, "quote"))
    draft = load_draft(Workspace.open(ws), SYMBOL, 2, lang)
    assert quotes[2] == f"“{' '.join(draft.unit('op3').notes[0].text.split())}”"  # the text in this language
    assert quotes[1].startswith({"en": "“While this is the language", "es": "“Si bien este es el lenguaje"}[lang])


def test_annex_cites_report_paragraphs_by_section(changed):
    english = html_of(annex_layout(Workspace.open(changed), REPORT, None, "en"))
    headings = texts(english.xpath("//main/p[contains(@class, 'paragraph')]"))
    assert headings == [
        "1. United States — The document as a whole (US-6)",
        "2. Mexico — Section II.C, paragraph 5 (MX-4)",
    ]
    assert texts(by_class(english, "note")) == ["Not yet translated into English: shown in the original (Spanish)."]
    assert texts(by_class(english, "subtitle")) == [f"to {REPORT}"]  # a report has no title
    spanish = html_of(annex_layout(Workspace.open(changed), REPORT, None, "es"))
    headings = texts(spanish.xpath("//main/p[contains(@class, 'paragraph')]"))
    assert headings[1] == "2. México — El párrafo 5 de la sección II.C (MX-4)"
    assert texts(by_class(spanish, "quote"))[1].startswith("“México reitera")


def test_annex_keeps_out_withdrawn_and_later_statements(changed, run_cli):
    latest = html_of(annex_layout(Workspace.open(changed), SYMBOL, None, "es"))
    headings = texts(latest.xpath("//main/p[contains(@class, 'paragraph')]"))
    assert headings[:3] == ANNEX_HEADINGS["es"]
    assert headings[3] == "4. Guatemala — El párrafo resolutivo 9 (GT-2)" and len(headings) == 4  # AR's was withdrawn
    code, out, _ = run_cli("--workspace", changed, "annex", SYMBOL, "--rev", "1", "--lang", "es")
    assert code == 0 and "GT-2" not in out and "1 marzo 2005" in out and "Guatemala" not in out
    assert "**México** — El quinto párrafo preambular *(MX-1)*" in out


def test_annex_docx(ws, tmp_path, run_cli):
    target = tmp_path / "annex.docx"
    code, out, _ = run_cli("--workspace", ws, "annex", SYMBOL, "--lang", "es", "-o", target)
    assert code == 0 and out.startswith(f"Wrote the annex of statements {SYMBOL} add. 2 on {SYMBOL} rev. 2 (es, docx)")
    document, _ = docx_parts(target.read_bytes())
    lines = paragraph_texts(document)
    assert "Declaraciones y reservas de las delegaciones" in lines
    assert "1.\tEstados Unidos — El documento en su conjunto (US-1)" in lines
    assert any(line.startswith("“Los Estados Unidos se suman al consenso") for line in lines)


# -- the chair's report ----------------------------------------------------------------------

NAMES = {"en": ("Mexico", "United States"), "es": ("México", "Estados Unidos")}
#: Each line of the report the tests look for: (English, Spanish).
REPORT_WORDS = {
    "headings": (
        "I. HISTORY OF THE DOCUMENT | II. NEGOTIATION STATUS OF THE PARAGRAPHS | III. PROPOSALS BY DELEGATION AND "
        "OUTCOME | IV. STATEMENTS ENTERED INTO THE RECORD | V. CONCLUSIONS | VI. MATTERS PENDING FOR THE NEXT MEETING",
        "I. ANTECEDENTES DEL DOCUMENTO | II. ESTADO DE LA NEGOCIACIÓN DE LOS PÁRRAFOS | III. PROPUESTAS POR "
        "DELEGACIÓN Y RESULTADO | IV. DECLARACIONES QUE CONSTAN EN ACTAS | V. CONCLUSIONES | VI. ASUNTOS PENDIENTES "
        "PARA LA PRÓXIMA REUNIÓN",
    ),
    "dates": (
        "May 3, 2004 | March 1, 2005 | March 15, 2005",
        "3 de mayo de 2004 | 1 de marzo de 2005 | 15 de marzo de 2005",
    ),
    "share": (
        "One paragraph is agreed (2% of the text). One paragraph is agreed ad referendum, pending confirmation. Forty "
        "paragraphs are still under negotiation.",
        "Está acordado un párrafo (2 % del texto). Un párrafo está acordado ad referéndum, pendiente de confirmación. "
        "Cuarenta párrafos siguen en negociación.",
    ),
    "agreed": ("Operative paragraph 1 | Operative paragraph 2", "El párrafo resolutivo 1 | El párrafo resolutivo 2"),
    "statuses": (
        "Agreed | Agreed ad referendum | Under negotiation",
        "Acordados | Acordados ad referéndum | En negociación",
    ),
    "lead": (
        "The statement that the Delegation of Mexico asked be entered into the record (the fifth preambular paragraph) "
        "is as follows:",
        "La Delegación de México solicitó que se hiciera constar en actas la siguiente declaración sobre el quinto "
        "párrafo preambular:",
    ),
    "us_lead": (
        "The statement that the Delegation of the United States asked be entered into the record (the document as a "
        "whole) is as follows:",
        "La Delegación de los Estados Unidos solicitó que se hiciera constar en actas la siguiente declaración sobre "
        "el documento en su conjunto:",
    ),
    "open": (
        f"The text of {SYMBOL} rev. 2 has not yet been approved by consensus: 40 paragraphs are still under "
        "negotiation. Consensus also awaits the confirmation of one paragraph agreed ad referendum.",
        f"El texto del documento {SYMBOL} rev. 2 aún no se ha aprobado por consenso: 40 párrafos siguen en "
        "negociación. El consenso también está pendiente de la confirmación de un párrafo acordado ad referéndum.",
    ),
    "signature": ("Chair of the Working Group", "Presidencia del Grupo de Trabajo"),
}


def words_in(lang: str) -> dict[str, str]:
    return {key: pair[("en", "es").index(lang)] for key, pair in REPORT_WORDS.items()}


def rows_of(table) -> list[list[str]]:
    return [texts(row.xpath("./td")) for row in table.xpath("./tbody/tr")]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_report_of_the_story(ws, lang):
    tree = page(ws / "documents" / f"report.{lang}.html")
    words, (mexico, us) = words_in(lang), NAMES[lang]
    assert texts(tree.xpath("//h2")) == words["headings"].split(" | ")
    history, statuses, proposals, _each = tree.xpath("//table")
    made = f"MX-1 ({mexico}), MX-3 ({mexico}), US-1 ({us}), US-2 ({us}), US-3 ({us}), US-4 ({us})"
    symbols = [SYMBOL, f"{SYMBOL} rev. 1", f"{SYMBOL} rev. 2"]
    assert rows_of(history) == [
        list(row) for row in zip(symbols, words["dates"].split(" | "), ["—", made, "GT-1 (Guatemala)"])
    ]
    assert words["share"] in texts(tree.xpath("//main/p"))
    counted = rows_of(statuses)
    expected = [[name, n] for name, n in zip(words["statuses"].split(" | "), ["1", "1", "40"])] + [["Total", "42"]]
    assert [row[:2] for row in counted] == expected
    assert [counted[0][2], counted[1][2]] == words["agreed"].split(" | ")
    table = rows_of(proposals)
    assert [mexico, "1", "0", "1", "0", "0", "2"] in table and [us, "0", "0", "2", "0", "1", "3"] in table
    assert table[-1] == ["Total", "1", "0", "4", "1", "1", "7"]
    paragraphs = texts(tree.xpath("//main/p"))
    assert words["lead"] in paragraphs and words["us_lead"] in paragraphs
    quoted = texts(by_class(tree, "quote"))
    draft = load_draft(Workspace.open(ws), SYMBOL, 2, lang)
    note = " ".join(draft.unit("pp6").notes[0].text.split())  # the issued note quotes the statement
    assert any(quote.strip("“”") in note for quote in quoted)  # verbatim
    assert paragraphs[paragraphs.index(words["lead"]) + 1] in quoted
    assert words["open"] in paragraphs
    assert texts(by_class(tree, "signature")) == ["Eduardo Acevedo Díaz"]
    assert texts(by_class(tree, "office")) == [words["signature"]]


def test_report_says_approved_by_consensus_once_every_paragraph_is_agreed(tmp_path, ws):
    root = copy_of(ws, tmp_path / "ws")
    workspace = Workspace.open(root)
    for unit in load_draft(workspace, SYMBOL).units():
        if unit.parent is None:
            mark(workspace, SYMBOL, unit.wid, "agreed", "CHAIR")
    english = html_of(report_layout(workspace, SYMBOL, "en", "2005-03-20"))
    assert f"Every paragraph of {SYMBOL} rev. 2 having been agreed, the text was approved by consensus." in texts(
        english.xpath("//main/p")
    )
    assert "Forty-two paragraphs are agreed (100% of the text)." in texts(english.xpath("//main/p"))
    spanish = render_layout(report_layout(workspace, SYMBOL, "es", "2005-03-20"), "md")
    assert f"Acordados todos los párrafos del documento {SYMBOL} rev. 2, el texto se aprobó por consenso." in spanish
    assert "20 marzo 2005" in spanish


def test_report_docx(ws):
    document, _ = docx_parts(render_layout(report_layout(Workspace.open(ws), SYMBOL, "es", "2005-03-18"), "docx"))
    lines = paragraph_texts(document)
    assert "INFORME DE LA PRESIDENCIA DEL GRUPO DE TRABAJO" in lines
    assert "II.\tESTADO DE LA NEGOCIACIÓN DE LOS PÁRRAFOS" in lines
    assert words_in("es")["lead"] in lines
    history, statuses, proposals, _each = document.tables[1:]
    assert [c.text for c in history.rows[2].cells][:2] == [f"{SYMBOL} rev. 1", "1 de marzo de 2005"]
    assert [c.text for c in statuses.rows[1].cells] == ["Acordados", "1", "El párrafo resolutivo 1"]
    assert proposals.rows[0].cells[0].text == "Delegación"
    assert "Presidencia del Grupo de Trabajo" in lines
