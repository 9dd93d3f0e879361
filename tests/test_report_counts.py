"""Issue 12, defect 4: the chair's report counts paragraphs as the working group does.

The title, the formulas, the openers of a group of preambular paragraphs (``TAKING INTO
ACCOUNT:``) and the appendix's heading lines are not paragraphs; a sub-paragraph counts with
its paragraph, which is agreed only when all of it is; agreed *ad referendum* is neither
agreed nor under negotiation. The report lists every proposal with its delegation,
paragraph, co-sponsors and outcome, and ends with what remains open for the next meeting.
Counts in running text are words up to ten and at the start of a sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich_story import rich_story
from story_helpers import SYMBOL, by_class, clean_language_environment, copy_of, page, story, text_of, texts

from tracker.amendments.proposals import decide, mark
from tracker.documents import load_draft
from tracker.render import render_layout
from tracker.render.record import Negotiation, counted_paragraphs
from tracker.render.report import report_layout
from tracker.workspace import Workspace

_clean_language = pytest.fixture(autouse=True, name="_clean_language")(clean_language_environment)


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Path:
    return story(tmp_path_factory)


@pytest.fixture(scope="module")
def rich(tmp_path_factory) -> Path:
    return rich_story(tmp_path_factory)


def report_of(root: Path, lang: str):
    return page(render_layout(report_layout(Workspace.open(root), SYMBOL, lang, "2005-04-05"), "html"))


def section(tree, number: str) -> list:
    """The blocks of report section ``number`` (``II.``), up to the next heading."""
    heading = next(h for h in tree.xpath("//main/h2") if text_of(h).startswith(number))
    out = []
    for element in heading.itersiblings():
        if element.tag == "h2" or "closing" in (element.get("class") or "").split():
            break
        out.append(element)
    return out


def paragraphs_of(blocks) -> list[str]:
    return texts(b for b in blocks if b.tag == "p")


def rows_of(table) -> list[list[str]]:
    return [texts(row.xpath("./td")) for row in table.xpath("./tbody/tr")]


def test_the_units_that_are_paragraphs(ws):
    units = load_draft(Workspace.open(ws), SYMBOL, 2, "en").units()
    counted = counted_paragraphs(units)
    kinds = {u.kind for paragraph, _parts in counted for u in [paragraph]}
    assert kinds == {"recital", "paragraph"}
    assert len(counted) == 42 and len(units) == 61
    op8 = next(parts for paragraph, parts in counted if paragraph.label == "op8")
    assert [u.label for u in op8] == ["op8", "op8.a", "op8.b", "op8.c"]
    report = load_draft(Workspace.open(ws), "CAJP/GT/TM-41/05", 0, "en").units()
    assert len(counted_paragraphs(report)) == 16  # the report's paragraphs, not its section headings


STORY_COUNTS = {
    "en": (
        f"{SYMBOL} rev. 2 has 42 paragraphs: 21 preambular paragraphs, 15 operative paragraphs, and six items of "
        "the appendix.",
        "One paragraph is agreed (2% of the text). One paragraph is agreed ad referendum, pending confirmation. "
        "Forty paragraphs are still under negotiation.",
        [["Agreed", "1"], ["Agreed ad referendum", "1"], ["Under negotiation", "40"], ["Total", "42"]],
    ),
    "es": (
        f"El documento {SYMBOL} rev. 2 tiene 42 párrafos: 21 párrafos preambulares, 15 párrafos resolutivos y seis "
        "puntos del apéndice.",
        "Está acordado un párrafo (2 % del texto). Un párrafo está acordado ad referéndum, pendiente de "
        "confirmación. Cuarenta párrafos siguen en negociación.",
        [["Acordados", "1"], ["Acordados ad referéndum", "1"], ["En negociación", "40"], ["Total", "42"]],
    ),
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_story_paragraphs_counted_as_the_group_counts(ws, lang):
    composition, statuses, table = STORY_COUNTS[lang]
    blocks = section(report_of(ws, lang), "II.")
    said = paragraphs_of(blocks)
    assert said[:2] == [composition, statuses]
    counts = rows_of(next(b for b in blocks if b.tag == "table"))
    assert [row[:2] for row in counts] == table
    assert not any("61" in line for line in said)


def test_a_paragraph_is_agreed_only_when_all_of_it_is(rich):
    neg = Negotiation.of(Workspace.open(rich), SYMBOL, "en")
    statuses = {unit.label: status for unit, status in neg.paragraph_statuses()}
    assert statuses["op3"] == "agreed" and statuses["op1"] == "agreed"
    assert statuses["op8"] == "open"  # marked agreed, but its sub-paragraph b is still open
    assert statuses["pp1"] == "ad-ref" and statuses["op2"] == "ad-ref"
    assert "op8.b" not in statuses and "pp2" not in statuses  # a sub-paragraph, an opener


RICH = {
    "en": {
        "status": "Two paragraphs are agreed (5% of the text). Two paragraphs are agreed ad referendum, pending "
        "confirmation. Thirty-eight paragraphs are still under negotiation.",
        "lead": "Seventeen proposals were submitted by eight delegations; their outcome:",
        "rows": [
            ["Argentina", "AR-2", "Operative paragraph 10 (deletion of the paragraph)", "—", "Awaiting a decision"],
            ["Brazil", "BR-1", "Operative paragraph 13", "—", "Accepted, to be incorporated in the next revision"],
            ["Canada", "CA-1", "Operative paragraph 14", "—", "Rejected"],
            ["Chile", "CL-1", "Operative paragraph 15", "Colombia", "Withdrawn"],
            ["Guatemala", "GT-2", "Operative paragraph 4", "—", "Incorporated in rev. 3"],
            ["Mexico", "MX-4", "Operative paragraph 4", "Guatemala and Argentina", "Awaiting a decision"],
            [
                "United States",
                "US-7",
                "Operative paragraph 7 (a new paragraph to follow it)",
                "—",
                "Awaiting a decision",
            ],
        ],
        "conclusion": f"The text of {SYMBOL} rev. 3 has not yet been approved by consensus: 38 paragraphs are still "
        "under negotiation. Consensus also awaits the confirmation of two paragraphs agreed ad referendum.",
        "open": [
            "Paragraphs agreed ad referendum, awaiting confirmation: the first preambular paragraph; operative "
            "paragraph 2.",
            "Proposals accepted, to be incorporated in the next revision: BR-1 (Brazil), operative paragraph 13.",
            "Operative paragraph 4: MX-4 (Mexico) and US-6 (United States) change the same words, “adequate”; only "
            "one of them can be accepted as written.",
            "Operative paragraph 4: MX-5 (Mexico) was written against rev. 2 and no longer applies to rev. 3; it "
            "must be presented again.",
            "Operative paragraph 4: US-6 (United States) is not yet translated into Spanish.",
            "Item V of the appendix: CO-1 (Colombia) is not yet translated into English.",
        ],
        "bracketed": "Paragraphs still under negotiation, in square brackets: ",
        "awaiting": "Proposals awaiting a decision: AR-2 (Argentina), operative paragraph 10 (deletion of the "
        "paragraph); CO-1 (Colombia), item V of the appendix;",
    },
    "es": {
        "status": "Están acordados dos párrafos (5 % del texto). Dos párrafos están acordados ad referéndum, "
        "pendientes de confirmación. Treinta y ocho párrafos siguen en negociación.",
        "lead": "Se presentaron 17 propuestas de ocho delegaciones, con el resultado siguiente:",
        "rows": [
            ["Brasil", "BR-1", None, "—", "Aceptada; se incorporará en la próxima revisión"],
            ["Canadá", "CA-1", None, "—", "Rechazada"],
            ["Chile", "CL-1", None, "Colombia", "Retirada"],
            ["Guatemala", "GT-2", None, "—", "Incorporada en la rev. 3"],
            ["México", "MX-4", None, "Guatemala y Argentina", "Pendiente de decisión"],
        ],
        "conclusion": f"El texto del documento {SYMBOL} rev. 3 aún no se ha aprobado por consenso: 38 párrafos "
        "siguen en negociación. El consenso también está pendiente de la confirmación de dos párrafos acordados "
        "ad referéndum.",
        "open": [],
        "bracketed": "Párrafos que siguen en negociación, entre corchetes: ",
        "awaiting": "Propuestas pendientes de decisión: AR-2 (Argentina), ",
    },
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_rich_report_counts_proposals_and_what_remains_open(rich, lang):
    words = RICH[lang]
    tree = report_of(rich, lang)
    assert paragraphs_of(section(tree, "II."))[1] == words["status"]
    proposals = section(tree, "III.")
    assert paragraphs_of(proposals)[0] == words["lead"]
    counts, listed = (b for b in proposals if b.tag == "table")
    assert rows_of(counts)[-1][0] == "Total" and rows_of(counts)[-1][-1] == "17"
    rows = rows_of(listed)
    assert len(rows) == 17 and len({row[0] for row in rows}) == 8
    for expected in words["rows"]:
        found = next(row for row in rows if row[1] == expected[1])
        assert [e if e is not None else f for e, f in zip(expected, found)] == found
    assert paragraphs_of(section(tree, "V."))[0] == words["conclusion"]
    pending = paragraphs_of(section(tree, "VI."))
    for line in words["open"]:
        assert line in pending
    assert any(line.startswith(words["bracketed"]) for line in pending)
    assert any(line.startswith(words["awaiting"]) for line in pending)
    assert len(by_class(tree, "pending")) == len(pending) - 1  # one paragraph per matter, after the lead
    headings = texts(tree.xpath("//main/h2"))
    assert headings[-1].startswith("VI.")  # what is open ends the report, before the signature


def test_ad_referendum_is_neither_agreed_nor_open(ws, tmp_path):
    root = copy_of(ws, tmp_path / "ws")
    workspace = Workspace.open(root)
    for unit in load_draft(workspace, SYMBOL).units():
        if unit.parent is None and unit.label != "op2":
            mark(workspace, SYMBOL, unit.wid, "agreed", "CHAIR")
    tree = report_of(root, "en")
    assert paragraphs_of(section(tree, "II."))[1] == (
        "Forty-one paragraphs are agreed (98% of the text). One paragraph is agreed ad referendum, pending "
        "confirmation."
    )
    assert paragraphs_of(section(tree, "V.")) == [
        f"Every other paragraph of {SYMBOL} rev. 2 being agreed, the text will be approved by consensus once one "
        "paragraph agreed ad referendum is confirmed."
    ]
    mark(workspace, SYMBOL, "op2", "agreed", "CHAIR")
    tree = report_of(root, "es")
    assert paragraphs_of(section(tree, "II."))[1] == "Están acordados 42 párrafos (100 % del texto)."
    pending = paragraphs_of(section(tree, "VI."))
    assert pending[0] == "Para su próxima reunión, el Grupo de Trabajo tiene ante sí:" and len(pending) == 2
    assert pending[1].startswith("Propuestas pendientes de decisión: MX-2 (México), ")
    decide(workspace, ["MX-2"], "rejected", "CHAIR")
    tree = report_of(root, "es")
    assert paragraphs_of(section(tree, "VI.")) == ["No queda ningún asunto pendiente sobre este documento."]
    assert paragraphs_of(section(tree, "V.")) == [
        f"Acordados todos los párrafos del documento {SYMBOL} rev. 2, el texto se aprobó por consenso."
    ]
