"""``wgt compilation``: the pending proposals beside the current text, read back in HTML, DOCX and Markdown.

On a copy of the story workspace, after rev. 2: Mexico proposes on op4 in
Spanish with co-sponsors and a justification; the United States proposes on the
same words in English only (a collision, and no Spanish text yet); Argentina
proposes to delete op10; the United States proposes a new paragraph after op7;
Mexico proposes on op4 words that Guatemala's accepted amendment then changes
in rev. 3 (stale). Mexico's rev. 0 proposal on the appendix is still open.
"""

from __future__ import annotations

import shlex

import pytest
from amend_helpers import ok
from story_helpers import (
    SYMBOL,
    W_NS,
    by_class,
    clean_language_environment,
    copy_of,
    docx_parts,
    page,
    paragraph_texts,
    story,
    text_of,
    texts,
)

from tracker.render import render_layout
from tracker.render.compilation import compilation_layout
from tracker.workspace import Workspace

NEW_OP8 = "To call upon member states to share good practices on the consular protection of migrants."


_clean_language = pytest.fixture(autouse=True, name="_clean_language")(clean_language_environment)


#: The steps, as a person types them (ids follow: MX-4, US-6, AR-2, US-7, GT-2, MX-5).
STEPS = (
    "amend propose {S} --by MX --unit op4 --lang es --replace 'una protección adecuada' --with 'una protección efectiva'"
    " --cosponsor GT --cosponsor AR --justification 'La protección debe ser efectiva.'",
    "amend cosponsor MX-4 --by GT",
    "amend cosponsor MX-4 --by AR",
    "amend translate MX-4 --lang en --replace 'adequate protection' --with 'effective protection'",
    "amend propose {S} --by US --unit op4 --lang en --replace adequate --with appropriate",
    "amend propose {S} --by AR --unit op10 --delete-unit",
    f"amend propose {{S}} --by US --lang en --new-unit --after op7 --text '{NEW_OP8}'",
    "amend translate US-7 --lang es --text 'Exhortar a los Estados Miembros a que compartan buenas prácticas de"
    " protección consular de los migrantes.'",
    "amend propose {S} --by GT --unit op4 --lang es --replace 'plena protección' --with 'protección integral'",
    "amend translate GT-2 --lang en --replace 'full protection' --with 'comprehensive protection'",
    "amend propose {S} --by MX --unit op4 --lang es --replace 'la plena protección' --with 'la plena y efectiva protección'",
    "amend accept GT-2",
    "rev issue {S} --date 2005-04-01",
)


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    root = copy_of(story(tmp_path_factory), tmp_path_factory.mktemp("compilation") / "ws")
    for step in STEPS:
        ok(root, *shlex.split(step.format(S=SYMBOL)))
    return root


def build(ws, lang: str, fmt: str):
    return render_layout(compilation_layout(Workspace.open(ws), SYMBOL, lang, "2005-04-05"), fmt)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            {
                "op4": "Operative paragraph 4",
                "others": ["Operative paragraph 7", "Operative paragraph 10", "Item V of the appendix"],
                "head": ["Current text (rev. 3)", "Proposals", "Comments and agreed text"],
                "cosponsors": "MX-4 (Mexico) — co-sponsored by Guatemala and Argentina — Original: Spanish — proposed",
                "justification": "Justification (not yet translated into English; original in Spanish): La protección "
                "debe ser efectiva.",
                "collision": "MX-4 and US-6 change the same words, “adequate”: only one of them can be accepted as "
                "written.",
                "stale": "MX-5 is stale: written against rev. 2, it no longer applies to rev. 3 and must be presented "
                "again.",
                "untranslated": None,
                "new": "A new paragraph, to follow this one:",
                "delete": "Delete the paragraph:",
                "quiet": "Paragraphs without proposals:",
                "listed": "the title; the enacting formula; the first to twenty-first preambular paragraphs; the formula "
                "“RESOLVES”; operative paragraphs 1 to 3, 5, 6, 8 to 9, and 11 to 15; lines 1 to 6 of the heading of the "
                "appendix; items I to IV and VI of the appendix",
                "date": "5 April 2005",
            },
        ),
        (
            "es",
            {
                "op4": "El párrafo resolutivo 4",
                "others": ["El párrafo resolutivo 7", "El párrafo resolutivo 10", "El punto V del apéndice"],
                "head": ["Texto vigente (rev. 3)", "Propuestas", "Comentarios y texto acordado"],
                "cosponsors": "MX-4 (México) — copatrocinada por Guatemala y Argentina — Original: español — presentada",
                "justification": "Justificación: La protección debe ser efectiva.",
                "collision": "MX-4 y US-6 modifican las mismas palabras, “adequate”: solo una de ellas puede aceptarse "
                "tal como está redactada.",
                "stale": "MX-5 ha quedado desfasada: se presentó respecto de la rev. 2, ya no puede aplicarse a la "
                "rev. 3 y debe presentarse de nuevo.",
                "untranslated": "Aún sin traducir al español: se muestra en el original (inglés).",
                "new": "Nuevo párrafo, a continuación de este:",
                "delete": "Suprimir el párrafo:",
                "quiet": "Párrafos sin propuestas:",
                "listed": "el título; la fórmula de adopción; los párrafos preambulares 1 a 21; la fórmula “RESUELVE”; "
                "los párrafos resolutivos 1 a 3, 5, 6, 8 a 9 y 11 a 15; las líneas 1 a 6 del encabezado del apéndice; "
                "los puntos I a IV y VI del apéndice",
                "date": "5 abril 2005",
            },
        ),
    ],
)
def test_html_compilation(ws, lang, words):
    tree = page(build(ws, lang, "html"))
    assert tree.get("lang") == lang
    assert words["date"] in texts(by_class(tree, "block")[0].findall("p"))
    table = tree.xpath("//table[contains(@class, 'compilation')]")[0]
    assert texts(table.xpath(".//th")) == words["head"]
    rows = table.xpath("./tbody/tr")
    headings = [text_of(row.xpath("./td[1]/p")[0]) for row in rows]
    assert headings[0] == words["op4"] and len(rows) == 4  # op4, op7, op10, appendix item V, in document order
    assert headings[1:] == words["others"]  # cited as delegates cite them, never by label
    op4 = rows[0].xpath("./td[2]")[0]
    lines = texts(op4.xpath("./p"))
    assert words["cosponsors"] in lines and words["justification"] in lines
    assert any(line.startswith("US-6") for line in lines) and any(line.startswith("MX-5") for line in lines)
    assert texts(rows[0].xpath("./td[3]/p")) == [words["collision"], words["stale"]]  # the third column
    if words["untranslated"]:
        assert words["untranslated"] in lines
    deleted, inserted = texts(op4.xpath(".//del")), texts(op4.xpath(".//ins"))
    assert deleted[0] in ("adequate", "adecuada") and inserted[0] in ("effective", "efectiva")
    assert {d.get("data-author") for d in op4.xpath(".//del | .//ins")} >= {"Mexico" if lang == "en" else "México"}
    # the current text on the left is rev. 3's, with Guatemala's amendment in it
    current = text_of(rows[0].xpath("./td[1]/p")[2])
    assert ("comprehensive protection" if lang == "en" else "protección integral") in current
    new = texts(rows[1].xpath("./td[2]/p"))[1]
    assert new.startswith(words["new"]) and rows[1].xpath("./td[2]/p[2]/ins")
    assert rows[2].xpath("./td[2]//del") and words["delete"] in text_of(rows[2].xpath("./td[2]")[0])
    quiet = next(p for p in tree.xpath("//main/p") if text_of(p).startswith(words["quiet"]))
    assert text_of(quiet).removeprefix(words["quiet"]).strip(" .") == words["listed"]


def test_docx_compilation_is_a_table_with_coloured_redlines(ws):
    document, parts = docx_parts(build(ws, "es", "docx"))
    table = document.tables[1]  # the first is the header block
    assert [c.text for c in table.rows[0].cells] == [
        "Texto vigente (rev. 3)",
        "Propuestas",
        "Comentarios y texto acordado",
    ]
    assert len(table.rows) == 5
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # repeated on each page
    cells = paragraph_texts(document)
    assert "El párrafo resolutivo 4" in cells
    assert any(c.startswith("MX-4 (México) — copatrocinada por Guatemala y Argentina") for c in cells)
    body = parts["word/document.xml"]
    assert not body.xpath("//w:ins | //w:del", namespaces=W_NS)  # shown, not tracked: nothing to accept here
    struck = body.xpath("//w:r[w:rPr/w:strike]/w:t/text()", namespaces=W_NS)
    underlined = body.xpath("//w:r[w:rPr/w:u]/w:t/text()", namespaces=W_NS)
    assert "adecuada" in struck and "efectiva" in underlined


def test_markdown_compilation_and_cli(ws, run_cli):
    code, out, _ = run_cli("--workspace", ws, "compilation", SYMBOL, "--lang", "en", "--date", "2005-04-05")
    assert code == 0
    assert "| Current text (rev. 3) | Proposals | Comments and agreed text |" in out
    assert "~~adequate~~<ins>effective</ins>" in out
    assert "**MX-4 and US-6 change the same words, “adequate”: only one of them can be accepted as written.**" in out
    code, _, err = run_cli("--workspace", ws, "compilation", SYMBOL, "--date", "5/4/2005")
    assert code == 2 and "not a date" in err
