"""``wgt compare``: the redline of rev. 0 → rev. 2 of the story, read as a person reads it, in both languages.

The HTML is parsed with lxml.html, the DOCX with python-docx and as raw XML
(``w:ins``/``w:del``/``w:delText`` with ``w:author`` and ``w:date``, comments,
footnotes); the terminal and Markdown outputs are read as text. Accepting every
tracked change of the DOCX must give rev. 2 word for word, rejecting them rev. 0.
"""

from __future__ import annotations

import re

import pytest
from story_helpers import (
    SYMBOL,
    W_NS,
    W,
    accepted_text,
    by_class,
    clean_language_environment,
    docx_parts,
    page,
    story_workspace,
    text_of,
    texts,
)

from tracker.documents import load_draft
from tracker.workspace import Workspace

NAMES = {
    "en": {"MX": "Mexico", "US": "United States", "GT": "Guatemala"},
    "es": {"MX": "México", "US": "Estados Unidos", "GT": "Guatemala"},
}
OP3 = {"en": ("cannot", "can in no case"), "es": ("no", "en ningún caso")}
OP9 = {
    "en": ("upon request", "to the extent possible"),
    "es": ("cuando así se les solicite", "en la medida de sus posibilidades"),
}
#: The first fold: the enacting formula, HAVING SEEN and the three paragraphs under TAKING INTO ACCOUNT
#: (its opener folded with them: no paragraph, so not counted), cited as delegates cite them.
FOLD = {
    "en": "… four unchanged paragraphs: the enacting formula; the first to fourth preambular paragraphs …",
    "es": "… cuatro párrafos sin cambios: la fórmula de adopción; los párrafos preambulares primero a cuarto …",
}
CAPTION = {"en": "COMPARISON OF REVISIONS", "es": "COMPARACIÓN DE REVISIONES"}


_clean_language = pytest.fixture(autouse=True, name="_clean_language")(clean_language_environment)
ws = pytest.fixture(scope="module", name="ws")(story_workspace)


def unit_text(ws, rev: int, lang: str, label: str) -> str:
    return load_draft(Workspace.open(ws), SYMBOL, rev, lang).unit(label).text


# -- HTML ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_html_redline_labels_each_change(ws, lang):
    tree = page(ws / "documents" / f"compare.{lang}.html")
    names = NAMES[lang]
    assert tree.get("lang") == lang
    assert texts(by_class(tree, "caption")) == [CAPTION[lang]]
    assert texts(by_class(tree, "block")[0].findall("p"))[1] == f"{SYMBOL} rev. 2"
    old, new = OP3[lang]
    deleted = tree.xpath("//del")
    inserted = tree.xpath("//ins")
    first_del = next(d for d in deleted if text_of(d) == old)
    assert first_del.get("data-author") == names["MX"] and first_del.get("datetime") == "2005-03-01"
    assert any(text_of(i) == new and i.get("data-author") == names["MX"] for i in inserted)
    labels = texts(by_class(tree, "by"))
    assert f"MX-3 ({names['MX']})" in labels and f"US-2 ({names['US']})" in labels
    assert f"GT-1 ({names['GT']})" in labels and f"US-3 ({names['US']})" in labels
    # the two changes of op3 are told apart: the struck "no"/"cannot" is Mexico's, the struck clause the US's
    op3 = next(p for p in tree.xpath("//main/p") if old in [text_of(d) for d in p.xpath(".//del")])
    sequence = [(e.tag, text_of(e)) for e in op3.xpath(".//del | .//ins | .//span[@class='by']")]
    assert sequence[:3] == [("del", old), ("ins", new), ("span", f"MX-3 ({names['MX']})")]
    assert sequence[3][0] == "del" and sequence[4] == ("span", f"US-2 ({names['US']})")
    # GT-1 changed op8, now op9: the old number struck, the new one inserted, dated rev. 2
    old9, new9 = OP9[lang]
    assert any(text_of(d) == old9 and d.get("datetime") == "2005-03-15" for d in deleted)
    assert any(text_of(i) == new9 and i.get("data-author") == names["GT"] for i in inserted)
    assert ("8.", "9.") in {(text_of(d), text_of(d.getnext())) for d in deleted if d.getnext() is not None}
    # the paragraph US-3 inserted is wholly inserted; the statements are inserted footnotes
    assert any(text_of(i).startswith(unit_text(ws, 2, lang, "op6")[:40]) for i in inserted)
    notes = by_class(tree, "footnote")
    assert len(notes) == 3 and all(n.xpath(".//ins") for n in notes)
    assert tree.xpath("//ins/sup[@class='fnref']")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_html_unchanged_paragraphs_fold(ws, lang):
    tree = page(ws / "documents" / f"compare.{lang}.html")
    folds = tree.xpath("//details[contains(@class, 'unchanged')]")
    assert [f.get("open") for f in folds] == [None] * len(folds)
    assert text_of(folds[0].find("summary")) == FOLD[lang]
    assert len(folds[0].findall("p")) == 6  # folded, not left out
    hidden = sum(len(f.findall("p")) for f in folds)
    shown = len(tree.xpath("//main/p[not(contains(@class, 'caption') or contains(@class, 'legend'))]"))
    assert hidden == 56 and shown >= 5


# -- DOCX ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_docx_native_tracked_changes(ws, lang):
    document, parts = docx_parts((ws / "documents" / f"compare.{lang}.docx").read_bytes())
    body = parts["word/document.xml"]
    names = NAMES[lang]
    old, new = OP3[lang]
    dels = body.xpath("//w:del", namespaces=W_NS)
    inss = body.xpath("//w:ins", namespaces=W_NS)
    ids = [int(e.get(f"{W}id")) for e in dels + inss]
    assert len(set(ids)) == len(ids)
    mx_del = next(d for d in dels if "".join(d.itertext()) == old)
    assert mx_del.get(f"{W}author") == names["MX"] and mx_del.get(f"{W}date") == "2005-03-01T00:00:00Z"
    assert mx_del.xpath("w:r/w:delText", namespaces=W_NS) and not mx_del.xpath(".//w:t", namespaces=W_NS)
    assert any("".join(i.itertext()) == new and i.get(f"{W}author") == names["MX"] for i in inss)
    old9, _ = OP9[lang]
    gt = next(d for d in dels if "".join(d.itertext()) == old9)
    assert (gt.get(f"{W}author"), gt.get(f"{W}date")) == (names["GT"], "2005-03-15T00:00:00Z")
    # the statements: inserted footnote references, the notes themselves in the footnotes part
    refs = body.xpath("//w:ins/w:r/w:footnoteReference", namespaces=W_NS)
    assert [r.get(f"{W}id") for r in refs] == ["1", "2", "3"]
    notes = parts["word/footnotes.xml"].xpath("//w:footnote[not(@w:type)]", namespaces=W_NS)
    statement = load_draft(Workspace.open(ws), SYMBOL, 2, lang).unit("op3").notes[0].text
    assert " ".join(statement.split()) in "".join(notes[2].itertext())
    # labels are Word comments on the changes, not words of the text; their ids differ from the notes'
    comments = parts["word/comments.xml"].xpath("//w:comment", namespaces=W_NS)
    assert f"MX-3 ({names['MX']})" in ["".join(c.itertext()) for c in comments]
    assert {c.get(f"{W}id") for c in comments}.isdisjoint({"1", "2", "3"})
    op3 = mx_del.getparent()
    assert "MX-3" not in "".join(op3.itertext()) and op3.xpath("w:commentRangeStart", namespaces=W_NS)
    # what the redline is: a comment on the title, no part of either revision's text
    assert not any(p.text.startswith(CAPTION[lang]) for p in document.paragraphs)
    assert any("".join(c.itertext()).startswith(CAPTION[lang]) for c in comments)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_docx_accept_all_gives_the_new_revision_and_reject_all_the_old(ws, lang):
    _, parts = docx_parts((ws / "documents" / f"compare.{lang}.docx").read_bytes())
    paragraphs = parts["word/document.xml"].xpath("//w:body/w:p", namespaces=W_NS)
    for label, rev0_label in (("op3", "op3"), ("op9", "op8")):
        old, new = unit_text(ws, 0, lang, rev0_label), unit_text(ws, 2, lang, label)
        after = [accepted_text(p) for p in paragraphs]
        before = [accepted_text(p, accept=False) for p in paragraphs]
        assert any(a.endswith(new) for a in after), label
        assert any(b.endswith(old) for b in before), label


# -- terminal and Markdown ------------------------------------------------------------------


def test_terminal_reads_without_colour_and_paints_with_it(ws, run_cli):
    code, out, _ = run_cli("--workspace", ws, "compare", SYMBOL, "--from", "0", "--to", "2", "--lang", "es")
    assert code == 0
    assert "\x1b[" not in out
    assert "[-no-]{+en ningún caso+} ⟨MX-3 (México)⟩" in out
    assert FOLD["es"] in " ".join(out.split()) and "REAFIRMANDO" in out
    assert "VISTO el informe" not in out  # folded
    code, coloured, _ = run_cli("--workspace", ws, "compare", SYMBOL, "--to", "2", "--lang", "es", "--color")
    assert "\x1b[31m\x1b[9m[-no-]\x1b[0m" in coloured  # red, struck through
    assert "\x1b[32m\x1b[4m{+en ningún caso+}\x1b[0m" in coloured  # green, underlined
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == out
    code, full, _ = run_cli("--workspace", ws, "compare", SYMBOL, "--lang", "en", "--full", "--no-color")
    assert "HAVING SEEN the report" in full and "unchanged paragraphs" not in full
    assert "[-cannot-]{+can in no case+} ⟨MX-3 (Mexico)⟩" in full


def test_markdown_redline(ws, run_cli):
    code, out, _ = run_cli("--workspace", ws, "compare", SYMBOL, "--to", "2", "--lang", "en", "--format", "md")
    assert code == 0
    assert "~~cannot~~<ins>can in no case</ins> *\\[MX-3 (Mexico)\\]*" in out
    assert f"*{FOLD['en']}*" in out
    assert "~~8\\.~~<ins>9\\.</ins>" in out


def test_refusals_and_messages_in_the_ui_language(ws, run_cli, tmp_path):
    code, _, err = run_cli("--workspace", ws, "compare", SYMBOL, "--from", "2", "--to", "1")
    assert code == 1 and "earlier revision" in err
    code, _, err = run_cli("--workspace", ws, "compare", SYMBOL, "--format", "docx", env={"LANG": "es_MX.UTF-8"})
    assert code == 2 and "DOCX es un formato binario" in err
    target = tmp_path / "r.docx"
    code, out, _ = run_cli("--workspace", ws, "compare", SYMBOL, "-o", target, env={"LANG": "es_MX.UTF-8"})
    assert code == 0 and target.stat().st_size > 0
    assert out.startswith(f"Se escribió la comparación de {SYMBOL} rev. 2 (en, docx) en ")
