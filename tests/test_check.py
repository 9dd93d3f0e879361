"""``wgt check``: each kind of difference between the English and Spanish, on the real texts' sentences.

Also the ``[glossary]`` and ``[body] timezone`` of wgt.toml, the command's text and
JSON output on a copy of the bundled workspace, and ``rev issue`` refusing a
revision whose translation lost a number until ``--accept-differences`` names it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from amend_helpers import REPO_ROOT, SYMBOL, wgt

from tracker.config_values import OAS_GLOSSARY
from tracker.consistency.compare import compare_texts
from tracker.errors import WorkspaceError
from tracker.sources import copy_workspace
from tracker.workspace import parse_config

# Sentences from the bundled drafts (CAJP/GT/TM-38/05 and CAJP/GT/TM-41/05), English and Spanish.
ARTICLE_EN = "on the obligation to comply with Article 36 of the Vienna Convention."
ARTICLE_ES = "relativos a la obligación de cumplir con el artículo 36 de la Convención de Viena."
RESUMED_EN = "On February 25, 2005, discussion resumed of the document (CAJP/GT/TM-24/05), presented by the Chair."
RESUMED_ES = (
    "El 25 de febrero de 2005 se reanudó el examen del documento (CAJP/GT/TM-24/05), presentado por la Presidencia."
)
MEETING_EN = "Washington D.C. - September 16 and 17, 2004"
MEETING_ES = "Washington, D.C. - 16 y 17 de septiembre de 2004"
SPECIAL_EN = "The Permanent Council convened that meeting for September 30 and October 1, 2004."
SPECIAL_ES = "El Consejo Permanente convocó dicha reunión para los días 30 de septiembre y 1 de octubre de 2004."
PERIOD_EN = "the Group’s activities in the period from January 18 to May 18, 2005, when the documents"
PERIOD_ES = (
    "las actividades del Grupo en el período comprendido entre el 18 de enero y el 18 de mayo de 2005, fecha en que"
)
APPROVED_EN = "the draft resolution (CAJP/GT/TM-38/05 rev. 2) were approved by consensus."
APPROVED_ES = "el proyecto de resolución (CAJP/GT/TM-38/05 rev. 2) se aprobaron por consenso."
CHAIR_EN = (
    "On September 16, 2004, the Group ratified the Alternate Representative of Argentina, Eduardo Acevedo Díaz, "
    "as its Chair and elected the Alternate Representative of Guatemala, Otto Pérez, as its Vice Chair."
)
CHAIR_ES = (
    "El 16 de septiembre de 2004, el Grupo ratificó como su Presidente al Representante Alterno de la Argentina, "
    "Eduardo Acevedo Díaz, y eligió como su Vicepresidente al Representante Alterno de Guatemala, Otto Pérez."
)
RATIFIED_EN = (
    "ratified by the General Assembly at its regular session in Quito, Ecuador, through resolution "
    "AG/RES. 2027 (XXXIV-O/04) titled “The Human Rights of All Migrant Workers and Their Families.”"
)
RATIFIED_ES = (
    "ratificado por la Asamblea General, en su período ordinario de sesiones celebrado en Quito, Ecuador, mediante "
    "la resolución AG/RES. 2027 (XXXIV-O/04), titulada “Los derechos humanos de todos los trabajadores migratorios "
    "y de sus familias”."
)
DIALOGUE_EN = "To encourage dialogue and cooperation among the member states so as to improve their migration policies."
DIALOGUE_ES = "Fomentar el diálogo y la cooperación entre los Estados Miembros con el fin de mejorar sus políticas."
OP3_EN = "To call the attention of the states to Advisory Opinion OC-18 of the Inter-American Court of Human Rights."
OP3_ES = "Llamar la atención de los Estados sobre la Opinión Consultiva OC-18 de la Corte Interamericana de Derechos Humanos."


def kinds(en: str, es: str, **kwargs) -> list[str]:
    return [f.kind for f in compare_texts({"en": en, "es": es}, **kwargs)]


def finding(en: str, es: str, **kwargs):
    (only,) = compare_texts({"en": en, "es": es}, **kwargs)
    return only


# -- each kind: agreeing texts pass, a changed one is flagged ------------------------------------------


@pytest.mark.parametrize(
    ("en", "es"),
    [
        (ARTICLE_EN, ARTICLE_ES),
        (RESUMED_EN, RESUMED_ES),
        (MEETING_EN, MEETING_ES),
        (SPECIAL_EN, SPECIAL_ES),
        (PERIOD_EN, PERIOD_ES),
        (APPROVED_EN, APPROVED_ES),
        (CHAIR_EN, CHAIR_ES),
        (RATIFIED_EN, RATIFIED_ES),
        (DIALOGUE_EN, DIALOGUE_ES),
        (OP3_EN, OP3_ES),
    ],
)
def test_real_translations_agree(en: str, es: str) -> None:
    assert compare_texts({"en": en, "es": es}, {"en": 0, "es": 0}, OAS_GLOSSARY) == []


def test_a_changed_number_is_flagged() -> None:
    found = finding(ARTICLE_EN, ARTICLE_ES.replace("36", "37"))
    assert (found.kind, found.values, found.blocking) == ("number", {"en": ["36"], "es": ["37"]}, True)


def test_numbers_are_read_with_each_languages_separators() -> None:
    assert kinds("a budget of US$1,500.50 (15%)", "un presupuesto de US$1.500,50 (15 por ciento)") == []
    assert kinds("Article 29.2. of the Universal Declaration", "el artículo 29.2. de la Declaración Universal") == []
    found = finding("a budget of US$1,500.50", "un presupuesto de US$1.500,05")
    assert found.values == {"en": ["1500.5"], "es": ["1500.05"]}


def test_a_changed_date_is_a_date_not_also_a_number() -> None:
    found = finding(RESUMED_EN, RESUMED_ES.replace("25 de febrero", "26 de febrero"))
    assert (found.kind, found.values) == ("date", {"en": ["2005-02-25"], "es": ["2005-02-26"]})
    assert kinds(SPECIAL_EN, SPECIAL_ES.replace("octubre", "noviembre")) == ["date"]
    assert kinds(MEETING_EN, MEETING_ES.replace("2004", "2005")) == ["date"]


def test_dates_are_compared_as_dates_in_any_spelling() -> None:
    assert kinds("adopted on 20 May 2005", "aprobada el 20 de mayo de 2005") == []
    assert kinds("adopted on May 20, 2005", "aprobada el 20 de mayo de 2005") == []
    assert kinds("held in June 2004", "que se celebrará en junio de 2004") == []
    assert kinds("held on April 16 with the Office", "celebrada el 16 de abril con la Relatoría") == []
    assert kinds("held on April 16 with the Office", "celebrada el 17 de abril con la Relatoría") == ["date"]


def test_a_changed_symbol_is_a_symbol_not_also_a_number() -> None:
    found = finding(APPROVED_EN, APPROVED_ES.replace("rev. 2", "rev. 3"))
    assert (found.kind, found.values) == (
        "symbol",
        {"en": ["CAJP/GT/TM-38/05 rev. 2"], "es": ["CAJP/GT/TM-38/05 rev. 3"]},
    )
    assert kinds(RATIFIED_EN, RATIFIED_ES.replace("AG/RES. 2027", "AG/RES. 2028")) == ["symbol"]
    assert kinds("document CAJP/GT/TM-12/04 corr. 1.", "el documento CAJP/GT/TM-12/04 Corr.1.") == []
    assert kinds("OEA/Ser.G CP/doc.4321/05", "OEA/Ser.G CP/doc.4321/05 corr. 1") == ["symbol"]


def test_member_states_are_compared_by_their_codes() -> None:
    found = finding(CHAIR_EN, CHAIR_ES.replace("Guatemala", "Honduras"))
    assert (found.kind, found.values, found.blocking) == ("state", {"en": ["GT"], "es": ["HN"]}, False)
    assert kinds("The United States of America and Mexico", "Los Estados Unidos y MÉXICO") == []
    assert kinds("the Bahamas, Saint Kitts and Nevis", "las Bahamas, San Cristóbal y Nieves") == []
    assert kinds("the Dominican Republic", "Dominica") == ["state"]


def test_brackets_footnotes_and_quotes_are_counted() -> None:
    assert kinds("[" + OP3_EN + "]", OP3_ES) == ["bracket"]
    assert kinds("[" + OP3_EN + "]", "[" + OP3_ES + "]") == []
    found = finding(OP3_EN, OP3_ES, footnotes={"en": 1, "es": 0})
    assert (found.kind, found.values, found.blocking) == ("footnote", {"en": ["1"], "es": ["0"]}, True)
    assert kinds(RATIFIED_EN, RATIFIED_ES.replace("“", "").replace("”", "")) == ["quote"]
    assert kinds('the word "applicable"', "la palabra «aplicable»") == []


def test_a_quoted_glossary_term_must_be_quoted_as_its_pair() -> None:
    glossary = {"applicable": "aplicable"}
    assert kinds("the word “applicable”", "la palabra “aplicable”", glossary=glossary) == []
    assert kinds("the word “applicable”", "la palabra “pertinente” aplicable", glossary=glossary) == ["quote"]


def test_the_glossary_flags_a_missing_pair() -> None:
    found = finding(DIALOGUE_EN, DIALOGUE_ES.replace("Estados Miembros", "Estados"), glossary=OAS_GLOSSARY)
    assert (found.kind, found.values, found.blocking) == ("glossary", {"en": ["member states"], "es": []}, False)
    assert "Estados Miembros" in found.text()
    # whole words: "member state" is not "member states", nor is the Spanish singular the pair
    assert kinds("each member state", "cada Estado", glossary={"member states": "Estados Miembros"}) == []


def test_a_hostile_text_is_read_in_linear_time() -> None:
    hostile = "“[AG/" * 500_000 + "1," * 1_500_000 + "May " * 500_000 + "A" * 2_000_000  # 10 MB
    started = time.monotonic()
    found = compare_texts({"en": hostile, "es": "nada"}, glossary=OAS_GLOSSARY)
    assert time.monotonic() - started < 90  # some 15 s on a busy machine; a quadratic pattern takes hours
    assert {f.kind for f in found} >= {"symbol", "bracket"}


# -- wgt.toml: [glossary] and [body] timezone ----------------------------------------------------------

BODY = '[body]\nsymbol = "CAJP/GT/TM"\n'


def test_glossary_and_timezone_are_read_and_written_back() -> None:
    text = BODY + 'timezone = "America/New_York"\n[glossary]\n"member  states" = "Estados Miembros"\n'
    config = parse_config(text, Path("wgt.toml"))
    assert (config.timezone, config.glossary) == ("America/New_York", {"member states": "Estados Miembros"})
    again = parse_config(config.to_toml(), Path("wgt.toml"))
    assert (again.timezone, again.glossary) == (config.timezone, config.glossary)
    plain = parse_config(BODY, Path("wgt.toml"))
    assert (plain.timezone, plain.glossary) == ("UTC", {})


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ('timezone = "Mars/Olympus"\n', "timezone"),
        ("timezone = 5\n", "timezone"),
        ('timezone = "../../etc/passwd"\n', "timezone"),
        ('[glossary]\n"member states" = 3\n', "[glossary]"),
        ('[glossary]\n"member states" = ""\n', "[glossary]"),
        ('glossary = "member states"\n', None),
        ('[glossary]\n"  " = "Estados"\n', "[glossary]"),
    ],
)
def test_a_bad_glossary_or_timezone_is_one_clear_error(extra: str, named: str | None) -> None:
    # A top-level "glossary = …" must come before [body] to stay out of it.
    text = extra + BODY if extra.startswith("glossary =") else BODY + extra
    with pytest.raises(WorkspaceError) as caught:
        parse_config(text, Path("wgt.toml"))
    assert "wgt.toml" in str(caught.value)
    assert (named or "[glossary]") in str(caught.value)


def test_the_repositorys_glossary_is_the_oas_one() -> None:
    config = parse_config((REPO_ROOT / "wgt.toml").read_text(encoding="utf-8"), REPO_ROOT / "wgt.toml")
    assert config.timezone == "America/New_York"
    assert config.glossary == OAS_GLOSSARY


# -- the command ----------------------------------------------------------------------------------


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_workspace(REPO_ROOT, tmp_path / "ws")


def test_check_text_and_json_on_the_bundled_workspace(ws: Path) -> None:
    code, out, _err = wgt(ws, "check", "CAJP/GT/TM-41/05")
    assert code == 0
    assert "Units checked: 22; with differences: 0; blocking an issue: 0." in out
    code, out, _err = wgt(ws, "check", SYMBOL, "--format", "json")
    report = json.loads(out)
    assert set(report) == {
        "document",
        "rev",
        "languages",
        "units_checked",
        "units",
        "blocking",
        "counts",
        "proposals_checked",
        "proposals",
    }
    assert (report["document"], report["rev"], report["languages"], report["blocking"]) == (
        SYMBOL,
        0,
        ["en", "es"],
        False,
    )
    assert code == (1 if report["units"] or report["proposals"] else 0)
    for unit in report["units"]:
        assert set(unit) == {"unit", "wId", "differences"}
        for difference in unit["differences"]:
            assert set(difference) == {"kind", "blocking", "values", "message"}
            assert set(difference["values"]) <= {"en", "es"}
    assert set(report["counts"]) == {"number", "date", "symbol", "state", "bracket", "footnote", "quote", "glossary"}


def test_check_refuses_a_revision_never_issued_and_a_single_language(ws: Path) -> None:
    code, _out, err = wgt(ws, "check", SYMBOL, "--rev", "4")
    assert code == 2 and "rev. 4" in err and "revisions: 0" in err and "Traceback" not in err
    code, _out, err = wgt(ws, "check", "CAJP/GT/TM-11/04")
    assert code == 2 and "no other version" in err
    code, _out, err = wgt(ws, "check", "CAJP/GT/TM-99/05")
    assert code == 2 and "Traceback" not in err


def test_check_in_spanish(ws: Path) -> None:
    code, out, _err = wgt(ws, "--lang", "es", "check", "CAJP/GT/TM-41/05")
    assert code == 0 and "Unidades comparadas: 22" in out


# -- rev issue ------------------------------------------------------------------------------------


def _propose_lost_number(ws: Path) -> None:
    """Mexico moves op7.b's meeting to 2005 in Spanish; the English translation keeps 2004."""
    steps = [
        ("amend", "propose", SYMBOL, "--by", "MX", "--unit", "op7.b", "--lang", "es",
         "--replace", "tercer trimestre de 2004", "--with", "tercer trimestre de 2005"),
        ("amend", "translate", "MX-3", "--lang", "en", "--replace", "third quarter of 2004",
         "--with", "third quarter of the year 2004"),
        ("amend", "accept", "MX-3", "--as", "CHAIR"),
    ]  # fmt: skip
    for step in steps:
        code, out, err = wgt(ws, *step)
        assert code == 0, (step, out, err)


def test_rev_issue_refuses_a_lost_number_until_it_is_accepted(ws: Path) -> None:
    _propose_lost_number(ws)
    code, out, _err = wgt(ws, "check", SYMBOL, "--format", "json")
    (lost,) = [p for p in json.loads(out)["proposals"] if p["id"] == "MX-3"]
    assert code == 1 and lost["unit"] == "op7.b"
    assert lost["differences"][0]["values"] == {"en": ["2004"], "es": ["2005"]}
    folder = ws / "drafts" / "cajp-gt-tm-38-05"
    code, _out, err = wgt(ws, "rev", "issue", SYMBOL, "--date", "2005-05-20")
    assert code != 0
    assert "cannot issue rev. 1" in err and "op7.b" in err and "en: 2004 / es: 2005" in err
    assert "--accept-differences op7.b" in err
    assert not (folder / "rev1.en.xml").exists() and not (folder / "rev1.es.xml").exists()
    code, _out, err = wgt(ws, "rev", "issue", SYMBOL, "--date", "2005-05-20", "--accept-differences", "op99")
    assert code != 0 and "op99" in err and not (folder / "rev1.en.xml").exists()
    code, out, err = wgt(ws, "rev", "issue", SYMBOL, "--date", "2005-05-20", "--accept-differences", "op7.b")
    assert code == 0, err
    assert (folder / "rev1.en.xml").exists() and (folder / "rev1.es.xml").exists()
    code, out, _err = wgt(ws, "check", SYMBOL, "--rev", "1", "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["blocking"] is True
    (op7b,) = [u for u in report["units"] if u["unit"] == "op7.b"]
    assert op7b["differences"][0]["values"] == {"en": ["2004"], "es": ["2005"]}
