"""``wgt render``: the issued document read back as a person would read it, in English and Spanish.

HTML is parsed with lxml.html, DOCX with python-docx plus the raw parts for the
footnotes and the numbering; Markdown and plain text are read as text. The
bundled workspace's rev. 0 drafts are the subject; a throwaway copy with
``wgt:unitStatus`` entries shows the negotiation marks.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Inches, Pt
from lxml import etree
from lxml import html as lxml_html

from tracker import i18n
from tracker.akn.document import Draft
from tracker.akn.namespace import NS
from tracker.errors import WgtError
from tracker.render import render, render_layout
from tracker.render.model import Block, Header, Layout, Run
from tracker.render.wordparts import PPR, add_run, set_props

REPO = Path(__file__).resolve().parent.parent
RESOLUTION = "cajp-gt-tm-38-05"
REPORT = "cajp-gt-tm-41-05"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_NS = {"w": W[1:-1]}
HEADER = {
    "en": ["OEA/Ser.G", "CAJP/GT/TM-38/05", "3 May 2004", "Original: English"],
    "es": ["OEA/Ser.G", "CAJP/GT/TM-38/05", "3 mayo 2004", "Original: inglés"],
}
REPORT_NOTES = {
    "en": "1. See document CAJP/GT/TM-16/04.",
    "es": "1. Véase el documento CAJP/GT/TM-16/04.",
}
OPERATIVE = [f"{n}." for n in range(1, 15)]
SUBS = ["a.", "b.", "c.", "a.", "b.", "c.", "d."]


@pytest.fixture(autouse=True)
def _clean_language_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in (*i18n.UI_LANGUAGE_VARIABLES, i18n.LOCALES_VARIABLE):
        monkeypatch.delenv(variable, raising=False)


def draft(slug: str, lang: str) -> Draft:
    return Draft.load(REPO / "drafts" / slug / f"rev0.{lang}.xml")


def with_statuses(slug: str, lang: str, statuses: dict[str, str], original: str | None = None) -> Draft:
    """A throwaway copy of a bundled draft with negotiation statuses (and perhaps another original language)."""
    root = etree.parse(str(REPO / "drafts" / slug / f"rev0.{lang}.xml")).getroot()
    record = root.find("./*/a:meta/a:proprietary/w:document", NS)
    if original:
        record.set("originalLanguage", original)
    for wid, status in statuses.items():
        record.getparent().append(etree.Element(f"{{{NS['w']}}}unitStatus", wId=wid, status=status))
    return Draft(root, f"{slug}.{lang}.xml")


def by_class(tree, name: str) -> list:
    return tree.xpath(f'.//*[contains(concat(" ", normalize-space(@class), " "), " {name} ")]')


def texts(elements) -> list[str]:
    return [" ".join(e.text_content().split()) for e in elements]


def html_page(d: Draft):
    return lxml_html.fromstring(render(d, "html"))


def docx_parts(d: Draft) -> tuple[docx.document.Document, dict[str, etree._Element], str]:
    data = render(d, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: etree.fromstring(z.read(name)) for name in z.namelist() if name.endswith((".xml", ".rels"))}
        types = z.read("[Content_Types].xml").decode()
    return docx.Document(io.BytesIO(data)), parts, types


# -- HTML --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_html_resolution(lang):
    page = html_page(draft(RESOLUTION, lang))
    assert page.get("lang") == lang
    assert texts(by_class(page, "block")[0].findall("p")) == HEADER[lang]
    org = {"en": "ORGANIZATION OF AMERICAN STATES", "es": "ORGANIZACIÓN DE LOS ESTADOS AMERICANOS"}
    assert texts(by_class(page, "org")) == [org[lang]]
    caption = {"en": "DRAFT RESOLUTION", "es": "PROYECTO DE RESOLUCIÓN"}
    assert texts(by_class(page, "caption")) == [caption[lang]]
    title = {"en": "The Human Rights of All", "es": "Los derechos humanos de todos"}
    assert texts(page.xpath("//h1"))[0].startswith(title[lang])
    formulas = {"en": ["THE GENERAL ASSEMBLY,", "RESOLVES:"], "es": ["LA ASAMBLEA GENERAL,", "RESUELVE:"]}
    assert texts(by_class(page, "formula")) == formulas[lang]
    assert len(by_class(page, "preamble")) == 21 and len(by_class(page, "opener")) == 3
    operative = by_class(page, "operative")
    assert texts(by_class(p, "num")[0] for p in operative) == OPERATIVE
    first = {"en": "1. To vehemently condemn", "es": "1. Condenar enérgicamente"}
    assert texts(operative)[0].startswith(first[lang])
    assert texts(by_class(p, "num")[0] for p in by_class(page, "sub")) == SUBS
    assert texts(by_class(p, "num")[0] for p in by_class(page, "item")) == ["I.", "II.", "III.", "IV.", "V.", "VI."]
    appendix = by_class(page, "attachment-heading")
    assert "new-page" in appendix[0].get("class")
    assert texts(appendix)[0] == {"en": "APPENDIX", "es": "APÉNDICE"}[lang]
    # an agreed text: no brackets, no marks, no legend
    assert not by_class(page, "mark") and not by_class(page, "legend")
    assert "[" not in "".join(texts(operative))


def test_html_is_self_contained_and_prints():
    source = render(draft(RESOLUTION, "en"), "html")
    page = lxml_html.fromstring(source)
    assert source.startswith("<!DOCTYPE html>")
    assert not page.xpath("//link | //script | //img | //iframe | //*[@src]")
    style = page.xpath("//style")[0].text
    page_rule = re.search(r"@page\s*\{([^}]*)\}", style).group(1)
    assert "margin" in page_rule and "size" not in page_rule  # margins only: the printer's A4 or Letter
    assert "url(" not in style and "@import" not in style
    assert "break-before: page" in style


@pytest.mark.parametrize("lang", ["en", "es"])
def test_html_report_sections_and_footnotes(lang):
    page = html_page(draft(REPORT, lang))
    headings = texts(page.xpath("//h2"))
    assert headings[0] == {"en": "I. INTRODUCTION", "es": "I. INTRODUCCIÓN"}[lang]
    assert len(headings) == 3 and len(page.xpath("//h3")) == 3
    refs = page.xpath("//sup[@class='fnref']/a")
    assert [a.text for a in refs] == ["1", "2", "3", "4"]
    assert [a.get("href") for a in refs] == [f"#fn-{n}" for n in range(1, 5)]
    notes = by_class(page, "footnote")
    assert [n.get("id") for n in notes] == [f"fn-{n}" for n in range(1, 5)]
    assert texts(notes)[0] == REPORT_NOTES[lang]
    assert [t.split(" ")[0] for t in texts(notes)] == ["1.", "2.", "3.", "4."]
    assert texts(by_class(page, "signature")) == ["Eduardo Acevedo Díaz"]


def test_original_language_in_the_target_language():
    spanish_original = with_statuses(REPORT, "es", {}, original="es")
    assert "Original: español" in texts(by_class(html_page(spanish_original), "block")[0].findall("p"))
    english_copy = with_statuses(REPORT, "en", {}, original="es")
    assert "Original: Spanish" in texts(by_class(html_page(english_copy), "block")[0].findall("p"))


# -- negotiation status ----------------------------------------------------------------

STATUSES = {"op-90f968": "agreed", "op-234738": "open", "op-25afe0": "ad-ref", "sp-a72284": "open"}


@pytest.mark.parametrize(
    ("lang", "agreed", "ad_ref", "legend"),
    [
        ("en", "(agreed)", "(agreed ad referendum)", "Text in square brackets is still under negotiation."),
        ("es", "(acordado)", "(acordado ad referéndum)", "El texto entre corchetes sigue en negociación."),
    ],
)
def test_status_marks_and_brackets(lang, agreed, ad_ref, legend):
    d = with_statuses(RESOLUTION, lang, STATUSES)
    page = html_page(d)
    operative = by_class(page, "operative")
    assert texts(by_class(page, "legend")) == [legend]
    assert texts(operative)[0].endswith(f". {agreed}")
    assert "status-agreed" in operative[0].get("class")
    assert not by_class(operative[1], "mark") and "[" not in texts(operative)[1]
    op3 = texts(operative)[2]
    assert op3.startswith("3. [") and op3.endswith("]")
    assert texts(operative)[6].endswith(ad_ref)
    subs = texts(by_class(page, "sub"))
    assert subs[1].startswith("b. [") and subs[1].endswith("]")
    assert "[" not in subs[0]  # op7 is ad-ref, not open: a. is not bracketed

    paragraphs = [p.text for p in docx.Document(io.BytesIO(render(d, "docx"))).paragraphs]
    assert any(p.endswith(agreed) for p in paragraphs)
    assert any(p.startswith("[") and p.endswith("]") for p in paragraphs)
    assert legend in paragraphs
    text = render(d, "txt")
    assert f" {agreed}" in text and "3. [" in text


def test_a_draft_without_statuses_has_no_marks_in_any_format():
    d = draft(RESOLUTION, "es")
    for fmt in ("txt", "md"):
        out = render(d, fmt)
        assert "acordado" not in out and "corchetes" not in out


def test_a_damaged_status_is_refused():
    with pytest.raises(WgtError, match="negotiation status"):
        render(with_statuses(RESOLUTION, "en", {"op-90f968": "maybe"}), "html")


# -- DOCX --------------------------------------------------------------------------------


def _numbered(document) -> list[tuple[int, int, str]]:
    """``(numId, ilvl, text)`` of every paragraph in a Word list."""
    out = []
    for p in document.paragraphs:
        num_pr = p._p.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            num_id = int(num_pr.find(f"{W}numId").get(f"{W}val"))
            out.append((num_id, int(num_pr.find(f"{W}ilvl").get(f"{W}val")), p.text))
    return out


def _levels(numbering: etree._Element, num_id: int) -> list[tuple[str, str]]:
    abstract = numbering.xpath(f"w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val", namespaces=W_NS)[0]
    lvls = numbering.xpath(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl", namespaces=W_NS)
    return [(lvl.find(f"{W}numFmt").get(f"{W}val"), lvl.find(f"{W}lvlText").get(f"{W}val")) for lvl in lvls]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_docx_resolution_header_and_real_numbering(lang):
    document, parts, _ = docx_parts(draft(RESOLUTION, lang))
    header = document.tables[0].rows[0].cells
    assert [p.text for p in header[1].paragraphs] == HEADER[lang]
    paragraphs = [p.text for p in document.paragraphs]
    assert {"en": "THE GENERAL ASSEMBLY,", "es": "LA ASAMBLEA GENERAL,"}[lang] in paragraphs
    numbered = _numbered(document)
    lists = sorted({num_id for num_id, _, _ in numbered})
    operative = [(lvl, text) for num_id, lvl, text in numbered if num_id == lists[0]]
    assert [lvl for lvl, _ in operative].count(0) == 14 and [lvl for lvl, _ in operative].count(1) == 7
    first = {"en": "To vehemently condemn", "es": "Condenar enérgicamente"}[lang]
    assert operative[0][1].startswith(first)  # Word prints "1.": the text does not repeat it
    numbering = parts["word/numbering.xml"]
    assert _levels(numbering, lists[0]) == [("decimal", "%1."), ("lowerLetter", "%2.")]
    appendix = [text for num_id, _, text in numbered if num_id == lists[1]]
    assert len(appendix) == 6 and _levels(numbering, lists[1]) == [("upperRoman", "%1.")]
    assert "footnotes" not in " ".join(parts)  # no notes, no footnotes part


@pytest.mark.parametrize("lang", ["en", "es"])
def test_docx_report_real_footnotes(lang):
    document, parts, types = docx_parts(draft(REPORT, lang))
    footnotes = parts["word/footnotes.xml"]
    notes = footnotes.xpath("w:footnote[not(@w:type)]", namespaces=W_NS)
    assert [n.get(f"{W}id") for n in notes] == ["1", "2", "3", "4"]
    assert len(footnotes.xpath("w:footnote[@w:type='separator']", namespaces=W_NS)) == 1
    bodies = [" ".join("".join(n.itertext()).split()) for n in notes]
    assert bodies[0] == "." + REPORT_NOTES[lang].removeprefix("1. ")  # "<number>.<tab>text", Word writes the number
    assert all(n.xpath(".//w:footnoteRef", namespaces=W_NS) for n in notes)
    refs = parts["word/document.xml"].xpath("//w:footnoteReference/@w:id", namespaces=W_NS)
    assert refs == ["1", "2", "3", "4"]
    rels = parts["word/_rels/document.xml.rels"]
    assert any(r.get("Type", "").endswith("/footnotes") and r.get("Target") == "footnotes.xml" for r in rels)
    assert "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml" in types
    assert parts["word/settings.xml"].find(f"{W}footnotePr") is not None
    paragraphs = [p.text for p in document.paragraphs]
    assert {"en": "INTRODUCTION", "es": "INTRODUCCIÓN"}[lang] in " ".join(paragraphs)
    assert "Eduardo Acevedo Díaz" in paragraphs


def test_docx_proofing_language_and_title():
    document, parts, _ = docx_parts(draft(RESOLUTION, "es"))
    assert parts["word/styles.xml"].xpath("//w:style[@w:styleId='Normal']//w:lang/@w:val", namespaces=W_NS) == ["es-ES"]
    assert document.core_properties.title.startswith("CAJP/GT/TM-38/05 Los derechos humanos")


@pytest.mark.parametrize("text", ["plain", " lead", "trail ", "a\u00a0", "tab\there", "line\nbreak\r\nend", "\t", "  "])
def test_docx_runs_are_written_as_python_docx_writes_them(text):
    """The writer builds runs with lxml (python-docx goes character by character); the XML must not change."""
    paragraph = docx.Document().add_paragraph()
    expected = _c14n(paragraph.add_run(text)._r)
    assert _c14n(add_run(etree.Element(f"{W}p", nsmap=W_NS), text)) == expected


def test_docx_properties_follow_python_docx_setters():
    """Paragraph and run properties land in the schema's order, attributes in the order python-docx sets them."""
    paragraph = docx.Document().add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.left_indent, fmt.first_line_indent = Pt(0), Inches(1), -Inches(0.5)
    fmt.keep_with_next, fmt.space_before, fmt.space_after = True, Pt(12), Pt(6)
    run = paragraph.add_run("x")
    run.font.size, run.bold, run.font.all_caps = Pt(9), True, None
    ours = etree.Element(f"{W}p", nsmap=W_NS)
    set_props(ours, PPR, [("spacing", {"after": "0"}), ("ind", {"left": "1440", "hanging": "720"})])
    set_props(ours, PPR, [("keepNext", {}), ("spacing", {"before": "240", "after": "120"})])
    add_run(ours, "x", [("sz", {"val": "18"}), ("b", {}), ("caps", None)])
    assert _c14n(ours) == _c14n(paragraph._p)


def _c14n(element: etree._Element) -> bytes:
    """The XML of ``element`` with only the namespaces it uses (python-docx's carry the whole document's)."""
    return etree.tostring(element, method="c14n", exclusive=True)


def test_docx_body_is_written_in_order_before_the_section_properties():
    blocks = [Block("operative", [Run(f"paragraph {n}")]) for n in range(300)]
    layout = Layout("en", "S", "T", Header("OAS", "Ser.G", "S", "1 May 2005"), blocks)
    with zipfile.ZipFile(io.BytesIO(render_layout(layout, "docx"))) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    assert body[-1].tag == f"{W}sectPr"
    texts = ["".join(p.itertext()) for p in body.iterchildren(f"{W}p")]
    assert [t for t in texts if t.startswith("paragraph")] == [f"paragraph {n}" for n in range(300)]


# -- Markdown and plain text ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_markdown_and_text_report(lang):
    d = draft(REPORT, lang)
    md = render(d, "md")
    assert re.findall(r"\[\^(\d)\](?!:)", md) == ["1", "2", "3", "4"]
    assert f"[^1]: {REPORT_NOTES[lang].removeprefix('1. ')}" in md
    assert "## I. INTRODUC" in md
    text = render(d, "txt")
    assert REPORT_NOTES[lang] in text
    assert re.findall(r"[^\s\d/](\d)/(?=\s|$)", text, re.M) == ["1", "2", "3", "4"]  # glued: "Group,1/"
    assert "18 mayo 2005" in text if lang == "es" else "18 May 2005" in text


def test_markdown_keeps_the_document_numbers():
    md = render(draft(RESOLUTION, "en"), "md")
    assert "\n1\\. To vehemently condemn" in md and "\n14\\. To request" in md
    assert "\na. To renew the mandate" in md


# -- every bundled draft, every format --------------------------------------------------------


@pytest.mark.parametrize(
    "path", sorted((REPO / "drafts").rglob("rev*.xml")), ids=lambda p: p.parent.name + "/" + p.name
)
@pytest.mark.parametrize("fmt", ["html", "docx", "md", "txt"])
def test_every_bundled_draft_renders(path, fmt):
    out = render(Draft.load(path), fmt)
    assert out and (isinstance(out, bytes) if fmt == "docx" else isinstance(out, str))


def test_place_and_date_in_running_text():
    page = html_page(Draft.load(REPO / "drafts" / "cajp-gt-tm-11-04" / "rev0.en.xml"))
    assert texts(by_class(page, "placeDate")) == ["Washington, D.C., July 9, 2004"]


# -- the command ------------------------------------------------------------------------------


def test_cli_text_to_stdout_and_files(run_cli, seeded_ws, tmp_path):
    ws = seeded_ws.root
    code, out, err = run_cli("-C", ws, "render", "CAJP/GT/TM-38/05", "--rev", "0", "--lang", "es")
    assert code == 0, err
    assert "PROYECTO DE RESOLUCIÓN" in out and "3 mayo 2004" in out
    target = tmp_path / "res.docx"
    code, out, err = run_cli("-C", ws, "render", "CAJP/GT/TM-38/05", "--rev", "0", "--lang", "es", "-o", target)
    assert code == 0, err
    assert str(target) in out
    assert docx.Document(str(target)).tables[0].rows[0].cells[1].paragraphs[2].text == "3 mayo 2004"
    args = ("-C", ws, "render", "CAJP/GT/TM-38/05", "--rev", "0", "--format", "html", "-o", tmp_path / "r.page")
    code, _, err = run_cli(*args)  # an extension that names no format: --format decides
    assert code == 0 and (tmp_path / "r.page").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_docx_needs_a_file_and_unknown_documents_are_named(run_cli, seeded_ws):
    code, out, err = run_cli("-C", seeded_ws.root, "render", "CAJP/GT/TM-38/05", "--format", "docx")
    assert code == 2 and out == ""
    assert "DOCX is a binary format: name the file to write with -o FILE." in err
    code, _, err = run_cli("-C", seeded_ws.root, "render", "CAJP/GT/TM-99/05")
    assert code == 1 and "no document" in err
