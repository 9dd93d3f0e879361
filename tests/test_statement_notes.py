"""Issue 12, defect 1: the footnote a delegation's statement becomes says who made it.

"1. The Delegation of Brazil states: “…”" / "1. La Delegación del Brasil declara: “…”", with
CLDR names and the article OAS Spanish gives some states; on the title and on paragraphs; in
HTML, Word, Markdown and text, in English and Spanish; never twice when the delegation's own
words already open with it; the draft's own footnotes as they were. The notes are written into
the issued revision, so the redline reads the same words and still knows whose each one is.
"""

from __future__ import annotations

import pytest
from negotiation_helpers import REPORT, RESOLUTION, docx_notes, html_notes, negotiation, words

from tracker.delegations import opens_with_delegation, statement_note
from tracker.documents import load_draft
from tracker.i18n import translations
from tracker.render import render
from tracker.render.redline import redline_layout
from tracker.workspace import Workspace

NOTES = {
    "en": [
        "The Delegation of the United States states: “This resolution does not create new obligations.”",
        "Mexico understands that this paragraph covers all persons.",
        "The Delegation of Brazil states: “We understand that advisory opinions are not binding.”",
    ],
    "es": [
        "La Delegación de los Estados Unidos declara: “Esta resolución no crea nuevas obligaciones.”",
        "México entiende que este párrafo abarca a todas las personas.",
        "La Delegación del Brasil declara: “Entendemos que las opiniones consultivas no son vinculantes.”",
    ],
}
REPORT_NOTES = {
    "en": [
        "See document CAJP/GT/TM-16/04.",
        "See document CP/CAJP-2038/03",
        "See document CAJP/GT/TM-18/04",
        "See documents (CAJP/GT/TM-24/05 rev. 7) and (CAJP/GT/TM-38/05 rev. 2)",
        "The Delegation of Mexico states: “We reiterate our position.”",
    ],
    "es": [
        "Véase el documento CAJP/GT/TM-16/04.",
        "Véase el documento CP/CAJP-2038/03",
        "Véase el documento CAJP/GT/TM-18/04",
        "Véanse los documentos (CAJP/GT/TM-24/05 rev. 7) y (CAJP/GT/TM-38/05 rev. 2)",
        "La Delegación de México declara: “Reiteramos nuestra posición.”",
    ],
}


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Workspace:
    return Workspace.open(negotiation(tmp_path_factory.mktemp("notes") / "ws"))


def _notes(ws: Workspace, symbol: str, lang: str, fmt: str) -> list[str]:
    drawn = render(load_draft(ws, symbol, 1, lang), fmt)
    if fmt == "html":
        return html_notes(drawn)
    if fmt == "docx":
        return docx_notes(drawn)
    if fmt == "md":
        return [words(line.replace(f"[^{n}]:", f"{n}.", 1)) for n, line in enumerate(_lines(drawn, "[^"), start=1)]
    return _text_notes(drawn.rpartition("____________________")[2])  # plain text: the notes follow the rule


def _lines(text: str, start: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(start) and "]:" in line]


def _text_notes(notes: str) -> list[str]:
    """Each ``N. …`` note of a plain-text document, its wrapped (indented) lines joined."""
    found: list[str] = []
    for line in notes.strip().splitlines():
        if line.startswith(" ") and found:
            found[-1] += " " + line.strip()
        else:
            found.append(line)
    return [words(note) for note in found]


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_statement_notes_open_with_the_delegation(ws, lang, fmt):
    expected = [f"{n}. {text}" for n, text in enumerate(NOTES[lang], start=1)]
    assert _notes(ws, RESOLUTION, lang, fmt) == expected


@pytest.mark.parametrize("fmt", ["txt", "html", "docx"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_drafts_own_footnotes_stay_as_they_are(ws, lang, fmt):
    expected = [f"{n}. {text}" for n, text in enumerate(REPORT_NOTES[lang], start=1)]
    assert _notes(ws, REPORT, lang, fmt) == expected


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_redline_shows_the_same_note_and_whose_it_is(ws, lang):
    layout = redline_layout(ws, RESOLUTION, 0, 1, lang, full=False)
    assert [note.text for note in layout.notes] == NOTES[lang]
    brazil = {"en": "Brazil", "es": "Brasil"}[lang]
    # matched to Brazil's own statement, not to every statement of the revision
    assert layout.notes[2].change.author == brazil


@pytest.mark.parametrize(
    ("code", "lang", "text"),
    [
        ("MX", "en", "The Delegation of Mexico wishes to place on record its understanding."),
        ("MX", "es", "La delegación de México desea dejar constancia de lo siguiente."),
        ("US", "en", "The United States joins consensus on this resolution."),
        ("US", "es", "Los Estados Unidos se suman al consenso."),
        ("BR", "es", "El Brasil entiende que el párrafo es optativo."),
        ("AR", "es", "“La Argentina reserva su posición.”"),
        ("MX", "es", "México entiende que este párrafo abarca a todas las personas."),
    ],
)
def test_words_that_already_name_the_delegation_are_kept_as_they_are(code, lang, text):
    assert opens_with_delegation(text, code, translations(lang), lang)
    assert statement_note(code, text, lang) == text


@pytest.mark.parametrize(
    ("code", "lang", "text", "note"),
    [
        ("MX", "en", "My delegation understands this paragraph as covering all persons.",
         "The Delegation of Mexico states: “My delegation understands this paragraph as covering all persons.”"),
        ("AR", "es", "Reservamos nuestra posición.", "La Delegación de la Argentina declara: “Reservamos nuestra posición.”"),
        ("EC", "es", "Nos sumamos al consenso.", "La Delegación del Ecuador declara: “Nos sumamos al consenso.”"),
        ("GT", "es", "Guatemalteca es la propuesta.", "La Delegación de Guatemala declara: “Guatemalteca es la propuesta.”"),
    ],
)  # fmt: skip
def test_other_words_are_introduced_by_the_delegation(code, lang, text, note):
    assert statement_note(code, text, lang) == note
