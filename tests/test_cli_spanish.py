"""The CLI's own messages in Spanish: with ``wgt --lang es`` and with ``LANG=es_MX.UTF-8``.

Each test runs one command three ways — ``wgt --lang es …``, the locale of the
environment (``LANG=es_MX.UTF-8`` with ``WGT_UI_LANG`` unset), and no language
at all — and expects Spanish, Spanish and English. The rest of the suite runs in
English whatever the machine's locale (``WGT_UI_LANG=en`` from conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from amend_helpers import SYMBOL, copy_bundled

from tracker import i18n


@pytest.fixture(params=["option", "locale", "none"])
def ui(request, monkeypatch: pytest.MonkeyPatch, run_cli):
    """``(lang, wgt)``: ``wgt(*args)`` runs wgt with the UI language chosen one of three ways."""
    for variable in i18n.UI_LANGUAGE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    if request.param == "option":
        return "es", lambda *args: run_cli("--lang", "es", *args)
    if request.param == "locale":
        monkeypatch.setenv("LANG", "es_MX.UTF-8")
        return "es", lambda *args: run_cli(*args)
    return "en", lambda *args: run_cli(*args)


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the bundled workspace with no amendments yet."""
    return copy_bundled(tmp_path / "ws")


def test_unknown_symbol(ui, seeded_ws):
    lang, wgt = ui
    code, out, err = wgt("--workspace", seeded_ws.root, "show", "CAJP/GT/TM-99/05")
    assert code == 1 and out == ""
    expected = {
        "es": "no hay ningún documento CAJP/GT/TM-99/05 en este espacio de trabajo (documentos: ",
        "en": "no document CAJP/GT/TM-99/05 in this workspace (documents: ",
    }
    assert expected[lang] in err
    assert ("consulte 'wgt list'" in err) == (lang == "es")


def test_import_success_line(ui, empty_ws, sources_dir):
    lang, wgt = ui
    source = sources_dir / "cajp-gt-tm-41-05.en.txt"
    code, out, err = wgt("--workspace", empty_ws.root, "import", source, "--symbol", "CAJP/GT/TM-41/05", "--lang", "en")
    assert code == 0, err
    pattern = {
        "es": r"Se importó .+ como CAJP/GT/TM-41/05 rev\. 0 \(en, informe\): 22 unidades, 4 notas de pie de página -> ",
        "en": r"Imported .+ as CAJP/GT/TM-41/05 rev\. 0 \(en, report\): 22 units, 4 footnotes -> ",
    }
    first, *summary = out.splitlines()
    assert re.match(pattern[lang], first), out
    assert first.endswith("drafts/cajp-gt-tm-41-05/rev0.en.xml")
    units = {
        "es": "  22 unidades (16 párrafos, 3 secciones, 3 subsecciones)",
        "en": "  22 units (16 paragraphs, 3 sections, 3 sub-sections)",
    }
    assert summary[0] == units[lang]


def test_validate_success(ui, seeded_ws):
    lang, wgt = ui
    code, out, _ = wgt("--workspace", seeded_ws.root, "validate")
    assert code == 0
    expected = {
        "es": "Se comprobaron cinco archivos de proyecto: todos son válidos (esquema Akoma Ntoso 3.0 y reglas de wgt)",
        "en": "Checked five draft files: all valid (Akoma Ntoso 3.0 schema and wgt rules)",
    }
    assert out.strip() == expected[lang]


def test_propose_words_not_in_the_unit(ui, bundled, snapshot):
    lang, wgt = ui
    before = snapshot(bundled)
    code, out, err = wgt(
        "--workspace", bundled, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es",
        "--replace", "no existe", "--with", "sí existe",
    )  # fmt: skip
    assert code == 1 and out == ""
    expected = {
        "es": "'no existe' no figura en op3 (es), cuyo texto es: Llamar la atención de los Estados",
        "en": "'no existe' is not in op3 (es), whose text is: Llamar la atención de los Estados",
    }
    assert expected[lang] in err
    assert snapshot(bundled) == before  # nothing written


def test_conflicts_with_no_collisions(ui, bundled):
    lang, wgt = ui
    code, out, _ = wgt("--workspace", bundled, "conflicts", SYMBOL)
    assert code == 0
    expected = {"es": "No hay conflictos entre las propuestas pendientes.", "en": "No collisions among open proposals."}
    assert out.strip() == expected[lang]


def test_verify_success(ui, seeded_ws):
    lang, wgt = ui
    code, out, _ = wgt("--workspace", seeded_ws.root, "verify")
    assert code == 0
    expected = {
        "es": "Se verificaron los nueve archivos: los valores hash y las firmas están intactos",
        "en": "All nine files verified: hashes and signatures intact",
    }
    first, second = out.strip().splitlines()
    assert first == expected[lang]
    assert second.startswith(
        {"es": "registro: 16 entradas; valor hash de la última: sha256:", "en": "log: 16 entries, head sha256:"}[lang]
    )


def test_rev_issue_refused_for_a_missing_translation(ui, bundled):
    lang, wgt = ui
    code, out, err = wgt(
        "--workspace", bundled, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es",
        "--replace", "no puede constituir", "--with", "en ningún caso puede constituir",
    )  # fmt: skip
    assert (code, out.strip()) == (0, "MX-1"), err
    code, out, err = wgt("--workspace", bundled, "amend", "accept", "MX-1")
    assert code == 0
    assert out.strip() == {"es": "MX-1 aceptada", "en": "MX-1 accepted"}[lang]
    code, out, err = wgt("--workspace", bundled, "rev", "issue", SYMBOL, "--date", "2005-03-01")
    assert code == 1 and out == ""
    expected = {
        "es": "no se puede emitir una revisión en un idioma sin el otro: MX-1 no tiene texto en “en” "
        "(agréguelo con 'wgt amend translate ID --lang LANG …')",
        "en": "cannot issue a revision in one language without the other: MX-1 has no en text "
        "(add it with 'wgt amend translate ID --lang LANG …')",
    }
    assert expected[lang] in err
    assert not (bundled / "drafts" / "cajp-gt-tm-38-05" / "rev1.en.xml").exists()


def test_the_suite_itself_runs_in_english(run_cli, seeded_ws):
    """conftest.py sets ``WGT_UI_LANG=en``, so a Spanish shell does not change what the other tests see."""
    code, out, _ = run_cli("--workspace", seeded_ws.root, "verify", env={"LANG": "es_MX.UTF-8"})
    assert code == 0 and out.startswith("All nine files verified")


def test_option_outranks_the_locale(run_cli, seeded_ws, monkeypatch):
    """``wgt --lang en`` speaks English in a Spanish shell; ``--lang es`` Spanish in an English one."""
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    monkeypatch.delenv("WGT_UI_LANG")
    code, out, _ = run_cli("--lang", "en", "--workspace", seeded_ws.root, "validate")
    assert code == 0 and out.startswith("Checked five draft files: all valid")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    code, out, _ = run_cli("--lang", "es", "--workspace", seeded_ws.root, "validate")
    assert code == 0 and out.startswith("Se comprobaron cinco archivos de proyecto")
