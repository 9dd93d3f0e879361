"""The gettext catalogs and the CLDR names and dates, as a translator and a reader rely on them.

* every message of the Spanish catalog is translated and none is fuzzy;
* ``locales/wgt.pot`` holds exactly the messages the sources mark (re-extracted here);
* each committed ``wgt.mo`` is what ``pybabel compile`` makes of its ``wgt.po``;
* the UI language comes from the environment (``WGT_UI_LANG``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``);
* delegation names, language names and dates come from CLDR in OAS style;
* a third language (French) needs only a catalog and a draft: no code change.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from lxml import etree
from lxml import html as lxml_html

from tracker import i18n
from tracker.akn.document import Draft
from tracker.akn.namespace import NS
from tracker.i18n import (
    delegation_name,
    header_date,
    language_name,
    normalize_language,
    running_date,
    translations,
    ui_language,
)
from tracker.render import render

REPO = Path(__file__).resolve().parent.parent
LOCALES = REPO / "locales"
CATALOGS = sorted(LOCALES.glob("*/LC_MESSAGES/wgt.po"))


@pytest.fixture(autouse=True)
def _clean_language_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shell running pytest must not choose the UI language or the catalogs for the tests."""
    for variable in (*i18n.UI_LANGUAGE_VARIABLES, i18n.LOCALES_VARIABLE):
        monkeypatch.delenv(variable, raising=False)


def by_class(tree, name: str, tag: str = "*") -> list:
    """Elements of ``tree`` whose class list contains ``name`` (XPath: no cssselect needed)."""
    return tree.xpath(f'.//{tag}[contains(concat(" ", normalize-space(@class), " "), " {name} ")]')


def _read_po(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "--quiet", *args])


# -- the catalogs ----------------------------------------------------------------


def test_spanish_catalog_exists():
    assert LOCALES / "es" / "LC_MESSAGES" / "wgt.po" in CATALOGS


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_every_message_translated_and_none_fuzzy(po):
    catalog = _read_po(po)
    assert not catalog.fuzzy, f"{po}: the catalog header is marked fuzzy"
    untranslated, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s and s.strip() for s in strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert untranslated == [], f"{po}: untranslated messages"
    assert fuzzy == [], f"{po}: fuzzy messages"
    assert not catalog.obsolete, f"{po}: obsolete messages left over from an update"


def _ids(catalog) -> set:
    return {m.id for m in catalog if m.id}


def test_template_is_up_to_date_with_the_sources(tmp_path):
    fresh = tmp_path / "wgt.pot"
    _pybabel("extract", "-F", str(REPO / "babel.cfg"), "-c", "TRANSLATORS:", "-o", str(fresh), str(REPO))
    extracted = _ids(_read_po(fresh))
    committed = _ids(_read_po(LOCALES / "wgt.pot"))
    assert extracted - committed == set(), "run: pybabel extract -F babel.cfg -c TRANSLATORS: -o locales/wgt.pot ."
    assert committed - extracted == set(), "the template names messages the sources no longer have"
    assert len(extracted) >= 15


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_catalog_follows_the_template(po):
    assert _ids(_read_po(po)) == _ids(_read_po(LOCALES / "wgt.pot")), (
        "run: pybabel update -i locales/wgt.pot -d locales -D wgt"
    )


def test_compiled_catalogs_are_what_pybabel_compile_makes(tmp_path):
    copy = tmp_path / "locales"
    shutil.copytree(LOCALES, copy, ignore=shutil.ignore_patterns("*.mo"))
    _pybabel("compile", "-d", str(copy), "-D", "wgt")
    for po in CATALOGS:
        committed = po.with_suffix(".mo")
        assert committed.is_file(), f"{committed} is missing: run pybabel compile -d locales -D wgt"
        fresh = copy / po.relative_to(LOCALES).with_suffix(".mo")
        with committed.open("rb") as a, fresh.open("rb") as b:
            old, new = read_mo(a), read_mo(b)
        assert _pairs(old) == _pairs(new), f"{committed} is stale: run pybabel compile -d locales -D wgt"


def _pairs(catalog) -> set:
    """``(msgid, msgstr)`` of every message; plural forms as tuples (read_mo gives them as lists)."""
    return {tuple(tuple(x) if isinstance(x, list) else x for x in (m.id, m.string)) for m in catalog}


def test_translations_load_the_compiled_catalog():
    assert translations("es").gettext("DRAFT RESOLUTION") == "PROYECTO DE RESOLUCIÓN"
    assert translations("es_MX.UTF-8").gettext("(agreed)") == "(acordado)"
    assert translations("en").gettext("(agreed)") == "(agreed)"
    assert translations("de").gettext("(agreed)") == "(agreed)"  # no catalog: English


# -- the UI language -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lang"),
    [
        ("es_MX.UTF-8", "es"),
        ("es", "es"),
        ("pt_BR", "pt"),
        ("fr_CA.utf8@euro", "fr"),
        ("C", None),
        ("POSIX", None),
        ("C.UTF-8", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_language(value, lang):
    assert normalize_language(value) == lang


def test_ui_language_from_the_environment(monkeypatch):
    assert ui_language() == "en"
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert ui_language() == "es"
    monkeypatch.setenv("LC_MESSAGES", "fr_FR.UTF-8")
    assert ui_language() == "fr"
    monkeypatch.setenv("LC_ALL", "C")  # says nothing about a language: the next variable decides
    assert ui_language() == "fr"
    monkeypatch.setenv("WGT_UI_LANG", "en")
    assert ui_language() == "en"


def test_cli_messages_follow_the_locale(run_cli):
    code, _, err = run_cli("render", "CAJP/GT/TM-38/05", "--format", "docx", env={"LANG": "es_MX.UTF-8"})
    assert code == 2
    assert "DOCX es un formato binario" in err
    code, _, err = run_cli("render", "CAJP/GT/TM-38/05", "--format", "docx", env={"LANG": "en_US.UTF-8"})
    assert "DOCX is a binary format" in err


def test_cli_help_follows_the_locale():
    """Help texts are read when the command is defined, so this needs a process of its own."""
    env = {k: v for k, v in os.environ.items() if k not in i18n.UI_LANGUAGE_VARIABLES}
    code = "from tracker.cli import cli; cli(['render', '--help'], prog_name='wgt')"
    out = subprocess.run(
        [sys.executable, "-c", code], env={**env, "LANG": "es_MX.UTF-8"}, capture_output=True, text=True, check=True
    ).stdout
    assert "Revisión (por defecto, la última)." in out
    assert "Mostrar este mensaje y salir." in out


# -- names and dates from CLDR --------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [
        ("MX", "en", "Mexico"),
        ("MX", "es", "México"),
        ("US", "en", "United States"),
        ("US", "es", "Estados Unidos"),
        ("GT", "es", "Guatemala"),
        ("mx", "fr", "Mexique"),
        ("SEC", "en", "Technical Secretariat"),
        ("SEC", "es", "Secretaría Técnica"),
        ("CHAIR", "es", "Presidencia del Grupo de Trabajo"),
        ("ZZZ", "es", "ZZZ"),
    ],
)
def test_delegation_names(code, lang, name):
    assert delegation_name(code, lang) == name


def test_language_names():
    assert language_name("es", "en") == "Spanish"
    assert language_name("es", "es") == "español"
    assert language_name("en", "es") == "inglés"


@pytest.mark.parametrize(
    ("lang", "header", "running"),
    [
        ("en", "9 July 2004", "July 9, 2004"),
        ("es", "9 julio 2004", "9 de julio de 2004"),
        ("fr", "9 juillet 2004", "9 juillet 2004"),
        ("pt", "9 julho 2004", "9 de julho de 2004"),
    ],
)
def test_dates_in_oas_style(lang, header, running):
    assert header_date("2004-07-09", lang) == header
    assert running_date("2004-07-09", lang) == running


# -- a third language with no code change ----------------------------------------------

FRENCH = {
    "ORGANIZATION OF AMERICAN STATES": "ORGANISATION DES ÉTATS AMÉRICAINS",
    "DRAFT RESOLUTION": "PROJET DE RÉSOLUTION",
    "Original: {language}": "Original : {language}",
    "Text in square brackets is still under negotiation.": "Le texte entre crochets est encore en négociation.",
    "(agreed)": "(convenu)",
}


def _french_catalog(locales: Path) -> None:
    """A small French catalog, written as a translator would and compiled with pybabel."""
    entries = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in FRENCH.items())
    po = locales / "fr" / "LC_MESSAGES" / "wgt.po"
    po.parent.mkdir(parents=True)
    header = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
    po.write_text(header + entries, encoding="utf-8")
    _pybabel("compile", "-d", str(locales), "-D", "wgt")


def _french_draft(path: Path) -> None:
    """rev. 0 of the resolution in French: the English file relabelled, with a French formula and statuses."""
    root = etree.parse(str(REPO / "drafts" / "cajp-gt-tm-38-05" / "rev0.en.xml")).getroot()
    record = root.find("./*/a:meta/a:proprietary/w:document", NS)
    record.set("language", "fr")
    root.find(".//a:formula/a:p", NS).text = "L’ASSEMBLÉE GÉNÉRALE,"
    for wid, status in (("op-90f968", "agreed"), ("op-234738", "open")):
        record.getparent().append(etree.Element(f"{{{NS['w']}}}unitStatus", wId=wid, status=status))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def test_a_third_language_needs_only_a_catalog_and_a_draft(tmp_path, monkeypatch):
    locales = tmp_path / "locales"
    _french_catalog(locales)
    monkeypatch.setenv("WGT_LOCALES", str(locales))
    path = tmp_path / "drafts" / "cajp-gt-tm-38-05" / "rev0.fr.xml"
    _french_draft(path)

    page = lxml_html.fromstring(render(Draft.load(path), "html"))
    assert page.get("lang") == "fr"
    block = [p.text_content() for p in by_class(page, "block")[0].findall("p")]
    assert block == ["OEA/Ser.G", "CAJP/GT/TM-38/05", "3 mai 2004", "Original : anglais"]
    assert by_class(page, "org")[0].text_content() == "ORGANISATION DES ÉTATS AMÉRICAINS"
    assert by_class(page, "caption")[0].text_content() == "PROJET DE RÉSOLUTION"
    assert by_class(page, "formula")[0].text_content() == "L’ASSEMBLÉE GÉNÉRALE,"
    assert by_class(page, "legend")[0].text_content() == "Le texte entre crochets est encore en négociation."
    operative = by_class(page, "operative")
    assert by_class(operative[0], "mark")[0].text_content() == "(convenu)"
    assert operative[2].text_content().startswith("3. [")


def test_the_french_draft_is_a_draft(tmp_path):
    path = tmp_path / "d" / "rev0.fr.xml"
    _french_draft(path)
    draft = Draft.load(path)
    assert draft.meta.lang == "fr"
    assert "3 mai 2004" in render(draft, "txt")
