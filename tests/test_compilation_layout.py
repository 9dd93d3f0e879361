"""Issue 12, defect 5: a compilation a delegate can work from.

Landscape, three columns — the current text with its status and brackets; the proposals
redlined, each with its delegation, co-sponsors and original language written out
(``Original: español``, never ``Or. es``); comments and agreed text. In DOCX the section is
landscape, rows never break across pages (``w:cantSplit``) and the header row repeats
(``w:tblHeader``); HTML prints landscape. A text or a justification not yet translated says so.
Read on the richer negotiation of :mod:`rich_story`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich_story import rich_story
from story_helpers import SYMBOL, W_NS, clean_language_environment, docx_parts, page, paragraph_texts, text_of, texts

from tracker.render import render_layout
from tracker.render.compilation import compilation_layout
from tracker.workspace import Workspace

_clean_language = pytest.fixture(autouse=True, name="_clean_language")(clean_language_environment)


@pytest.fixture(scope="module")
def rich(tmp_path_factory) -> Path:
    return rich_story(tmp_path_factory)


def build(root: Path, lang: str, fmt: str):
    return render_layout(compilation_layout(Workspace.open(root), SYMBOL, lang, "2005-04-05"), fmt)


WORDS = {
    "en": {
        "head": ["Current text (rev. 3)", "Proposals", "Comments and agreed text"],
        "status": "Status: under negotiation",
        "mx4": "MX-4 (Mexico) — co-sponsored by Guatemala and Argentina — Original: Spanish — proposed",
        "us6": "US-6 (United States) — Original: English — proposed",
        "justification": "Justification (not yet translated into English; original in Spanish): La protección debe "
        "ser efectiva.",
        "own": "Justification: Appropriate is the term of the Convention.",
        "untranslated": "Not yet translated into English: shown in the original (Spanish).",
        "collision": "MX-4 and US-6 change the same words, “adequate”: only one of them can be accepted as written.",
        "stale": "MX-5 is stale: written against rev. 2, it no longer applies to rev. 3 and must be presented again.",
        "accepted": "Accepted: BR-1. The paragraph will read in rev. 4:",
        "consolidated": "13. To invite also the member states",
        "intro": "eight proposals from five delegations on five paragraphs.",
    },
    "es": {
        "head": ["Texto vigente (rev. 3)", "Propuestas", "Comentarios y texto acordado"],
        "status": "Estado: en negociación",
        "mx4": "MX-4 (México) — copatrocinada por Guatemala y Argentina — Original: español — presentada",
        "us6": "US-6 (Estados Unidos) — Original: inglés — presentada",
        "justification": "Justificación (aún sin traducir al español; original en inglés): Appropriate is the term "
        "of the Convention.",
        "own": "Justificación: La protección debe ser efectiva.",
        "untranslated": "Aún sin traducir al español: se muestra en el original (inglés).",
        "collision": "MX-4 y US-6 modifican las mismas palabras, “adequate”: solo una de ellas puede aceptarse tal "
        "como está redactada.",
        "stale": "MX-5 ha quedado desfasada: se presentó respecto de la rev. 2, ya no puede aplicarse a la rev. 3 y "
        "debe presentarse de nuevo.",
        "accepted": "Propuesta aceptada: BR-1. En la rev. 4 el párrafo dirá:",
        "consolidated": "13. Invitar también a los Estados Miembros",
        "intro": "ocho propuestas de cinco delegaciones sobre cinco párrafos.",
    },
}


def cells(row) -> list[list[str]]:
    return [texts(td.xpath("./p")) for td in row.xpath("./td")]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_html_compilation_in_three_columns(rich, lang):
    words = WORDS[lang]
    html = build(rich, lang, "html")
    tree = page(html)
    assert "@page { size: landscape; }" in text_of(tree.xpath("//style")[0])
    assert "Or. " not in text_of(tree.xpath("//body")[0])
    assert any(p.endswith(words["intro"]) for p in texts(tree.xpath("//main/p")))
    table = tree.xpath("//table[contains(@class, 'compilation')]")[0]
    assert texts(table.xpath(".//th")) == words["head"]
    rows = table.xpath("./tbody/tr")
    assert len(rows) == 5
    current, proposals, comments = cells(rows[0])
    assert current[1] == words["status"]
    assert current[2].startswith("4. [") and current[2].endswith(".]")  # open text in square brackets
    assert words["mx4"] in proposals and words["us6"] in proposals
    assert words["justification"] in proposals and words["own"] in proposals
    assert words["untranslated"] in proposals  # MX-5 in English, US-6 in Spanish
    assert comments == [words["collision"], words["stale"]]
    br1 = next(row for row in rows if "BR-1" in text_of(row))
    current, proposals, comments = cells(br1)
    assert comments[0] == words["accepted"] and comments[1].startswith(words["consolidated"])
    quiet = next(row for row in rows if "US-7" in text_of(row))
    assert cells(quiet)[2] == ["—"]


def test_docx_compilation_is_landscape_and_its_rows_keep_together(rich):
    document, parts = docx_parts(build(rich, "es", "docx"))
    size = parts["word/document.xml"].xpath("//w:body/w:sectPr/w:pgSz", namespaces=W_NS)[0]
    width, height = (int(size.get(f"{{{W_NS['w']}}}{side}")) for side in ("w", "h"))
    assert size.get(f"{{{W_NS['w']}}}orient") == "landscape" and width > height
    table = document.tables[1]  # the first is the header block
    assert [c.text for c in table.rows[0].cells] == WORDS["es"]["head"]
    assert len(table.rows) == 6
    for row in table.rows:
        assert row._tr.xpath("./w:trPr/w:cantSplit")
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert not table.rows[1]._tr.xpath("./w:trPr/w:tblHeader")
    widths = [int(col.get(f"{{{W_NS['w']}}}w")) for col in table._tbl.xpath("./w:tblGrid/w:gridCol")]
    assert sum(widths) > 12000  # the turned page's nine inches of text, not the upright page's six and a half
    lines = paragraph_texts(document)
    assert WORDS["es"]["mx4"] in lines and WORDS["es"]["justification"] in lines
    assert "Original: español" in lines and not any("Or. es" in line for line in lines)


def test_other_documents_stay_upright(rich):
    from tracker.render.report import report_layout

    layout = report_layout(Workspace.open(rich), SYMBOL, "en", "2005-04-05")
    assert not layout.landscape
    _document, parts = docx_parts(render_layout(layout, "docx"))
    size = parts["word/document.xml"].xpath("//w:body/w:sectPr/w:pgSz", namespaces=W_NS)[0]
    assert size.get(f"{{{W_NS['w']}}}orient") is None
    for row in parts["word/document.xml"].xpath("//w:tbl/w:tr[w:trPr/w:tblHeader]/..", namespaces=W_NS):
        assert all(tr.xpath("./w:trPr/w:cantSplit", namespaces=W_NS) for tr in row.xpath("./w:tr", namespaces=W_NS))


def test_markdown_compilation_has_the_three_columns(rich):
    out = build(rich, "en", "md")
    assert "| Current text (rev. 3) | Proposals | Comments and agreed text |" in out
    assert "~~adequate~~<ins>effective</ins>" in out
    assert "**MX-4 and US-6 change the same words, “adequate”" in out
