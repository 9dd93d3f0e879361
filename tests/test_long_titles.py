"""Metadata a library limits never ends a command in a traceback (issue 11, requirement 7).

Word keeps a core property to 255 characters and python-docx refuses a longer
one; a real Spanish title runs past that. Documents with 1,000-character titles
in both languages are rendered and compared in every format, from the first
revision and from one issued after it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from amend_helpers import ok
from lxml import etree

from tracker.documents import import_document
from tracker.render.word import CORE_PROPERTY_LIMIT, core_property

SYMBOL = "CAJP/GT/TM-38/05"
WORDS = {
    "en": "Inter-American Program for the Promotion and Protection of the Human Rights of Migrants",
    "es": "Programa Interamericano para la Promoción y Protección de los Derechos Humanos de los Migrantes",
}


def long_title(lang: str, size: int = 1000) -> str:
    words = (WORDS[lang] + ", ") * (size // len(WORDS[lang]) + 2)
    return words[:size].rstrip(" ,") + "s"


@pytest.fixture
def long_titled(empty_ws, sources_dir) -> Path:
    for lang in ("en", "es"):
        title = long_title(lang)
        assert len(title) >= 990
        import_document(
            empty_ws, sources_dir / f"cajp-gt-tm-38-05.{lang}.txt", SYMBOL, lang, date="2005-03-01", title=title
        )
    return empty_ws.root


def core_title(docx: Path) -> str:
    with zipfile.ZipFile(docx) as archive:
        core = etree.fromstring(archive.read("docProps/core.xml"))
    return core.findtext("{http://purl.org/dc/elements/1.1/}title")


def test_core_property_is_cut_at_a_word_with_an_ellipsis() -> None:
    text = long_title("es")
    cut = core_property(text)
    assert len(cut) <= CORE_PROPERTY_LIMIT and cut.endswith("…")
    assert text.startswith(cut[:-1].rstrip())
    assert core_property("short") == "short"
    assert core_property("x" * 300) == "x" * 254 + "…"  # one long word: cut inside it


@pytest.mark.parametrize("lang", ["en", "es"])
def test_render_and_compare_with_1000_character_titles(long_titled: Path, tmp_path: Path, lang: str) -> None:
    ws = long_titled
    for fmt in ("docx", "html", "md", "txt"):
        out = tmp_path / f"rev0.{lang}.{fmt}"
        ok(ws, "render", SYMBOL, "--lang", lang, "-o", out)
        assert out.stat().st_size > 0
    docx = tmp_path / f"rev0.{lang}.docx"
    assert len(core_title(docx)) <= CORE_PROPERTY_LIMIT
    assert core_title(docx).startswith("CAJP/GT/TM-38/05 ")
    # The whole title stays in the document itself.
    with zipfile.ZipFile(docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    text = "".join(body.itertext())
    assert long_title(lang)[-200:] in text or long_title(lang)[-200:].upper() in text

    # A revision issued from it, then every comparison that starts from either revision.
    op3 = {"en": ("cannot", "can in no case"), "es": ("no puede", "en ningún caso puede")}
    ok(ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es",
       "--replace", op3["es"][0], "--with", op3["es"][1])  # fmt: skip
    ok(ws, "amend", "translate", "MX-1", "--lang", "en", "--replace", op3["en"][0], "--with", op3["en"][1])
    ok(ws, "amend", "accept", "MX-1")
    ok(ws, "rev", "issue", SYMBOL, "--date", "2005-03-08")
    for fmt in ("docx", "html", "md"):
        out = tmp_path / f"compare.{lang}.{fmt}"
        ok(ws, "compare", SYMBOL, "--from", "0", "--to", "1", "--lang", lang, "-o", out)
        assert out.stat().st_size > 0
    assert len(core_title(tmp_path / f"compare.{lang}.docx")) <= CORE_PROPERTY_LIMIT
    ok(ws, "render", SYMBOL, "--lang", lang, "-o", tmp_path / f"rev1.{lang}.docx")
    assert len(core_title(tmp_path / f"rev1.{lang}.docx")) <= CORE_PROPERTY_LIMIT
