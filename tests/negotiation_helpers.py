"""A small negotiation on a copy of the bundled workspace, and readers for the documents drawn from it.

Used by test_statement_notes, test_citations and test_list_titles (issue 12, defects 1, 2 and
10): statements by Brazil (on operative paragraph 3, written in Spanish), by the United States
(on the whole document, so its note goes on the title) and by Mexico (on the fifth preambular
paragraph, in words that already name Mexico) on CAJP/GT/TM-38/05, one by Mexico on paragraph 5
of section II.C of the report CAJP/GT/TM-41/05 (which has footnotes of its own); rev. 1 of both
issued; then two open proposals on rev. 1 (operative paragraph 7 (c) and the second paragraph
under TAKING INTO ACCOUNT), so the compilation and the report have rows.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from amend_helpers import copy_bundled, ok
from lxml import etree
from lxml import html as lxml_html

from tracker.trust.governance import enroll
from tracker.workspace import Workspace

RESOLUTION = "CAJP/GT/TM-38/05"
REPORT = "CAJP/GT/TM-41/05"
W_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}

#: The statements: (delegation, unit or None, language, text, translation).
STATEMENTS = [
    ("BR", "op3", "es", "Entendemos que las opiniones consultivas no son vinculantes.",
     "We understand that advisory opinions are not binding."),
    ("US", None, "en", "This resolution does not create new obligations.",
     "Esta resolución no crea nuevas obligaciones."),
    ("MX", "pp6", "es", "México entiende que este párrafo abarca a todas las personas.",
     "Mexico understands that this paragraph covers all persons."),
]  # fmt: skip
REPORT_STATEMENT = ("MX", "II.C.5", "es", "Reiteramos nuestra posición.", "We reiterate our position.")


def _enter(root: Path, symbol: str, statement: tuple) -> None:
    by, unit, lang, text, translation = statement
    where = ["--unit", unit] if unit else []
    made = ok(root, "amend", "statement", symbol, "--by", by, *where, "--lang", lang, "--text", text).strip()
    other = "en" if lang == "es" else "es"
    ok(root, "amend", "translate", made, "--lang", other, "--text", translation)


def negotiation(dest: Path) -> Path:
    """The workspace described above, at ``dest``."""
    root = copy_bundled(dest)
    enroll(Workspace.open(root), "BR")  # Brazil's name takes an article in Spanish: "del Brasil"
    for statement in STATEMENTS:
        _enter(root, RESOLUTION, statement)
    _enter(root, REPORT, REPORT_STATEMENT)
    ok(root, "rev", "issue", RESOLUTION, "--date", "2005-03-01")
    ok(root, "rev", "issue", REPORT, "--date", "2005-03-01")
    ok(root, "amend", "propose", RESOLUTION, "--by", "MX", "--unit", "op7.c", "--lang", "es",
       "--replace", "Seguir apoyando", "--with", "Continuar apoyando")  # fmt: skip
    ok(root, "amend", "propose", RESOLUTION, "--by", "GT", "--unit", "pp4", "--lang", "es",
       "--replace", "El informe anual", "--with", "El último informe anual")  # fmt: skip
    return root


def words(text: str) -> str:
    return " ".join(text.split())


def html_notes(markup: str) -> list[str]:
    """The notes at the end of an HTML document, each as read: ``1. The Delegation …``."""
    tree = lxml_html.fromstring(markup)
    found = tree.xpath('.//*[contains(concat(" ", normalize-space(@class), " "), " footnote ")]')
    return [words(note.text_content()) for note in found]


def docx_notes(data: bytes) -> list[str]:
    """Each real Word footnote as Word shows it: its number (Word's own reference mark), then its text."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        part = etree.fromstring(z.read("word/footnotes.xml"))
    notes = part.xpath("w:footnote[not(@w:type)]", namespaces=W_NS)
    out = []
    for number, note in enumerate(notes, start=1):
        shown = {"footnoteRef": str(number), "tab": " ", "t": None}
        pieces = [
            el.text if shown[etree.QName(el).localname] is None else shown[etree.QName(el).localname]
            for el in note.iter(*(f"{{{W_NS['w']}}}{name}" for name in shown))
        ]
        out.append(words("".join(p or "" for p in pieces)))
    return out


def docx_text(data: bytes) -> str:
    """Every word of a Word document: its body, tables, footnotes and comments."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                part = etree.fromstring(z.read(name))
                for paragraph in part.iter(f"{{{W_NS['w']}}}p"):
                    out.append("".join(paragraph.xpath(".//w:t/text() | .//w:delText/text()", namespaces=W_NS)))
    return "\n".join(out)
