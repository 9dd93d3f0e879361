"""Spanish prose as an OAS legal translator would issue it (issue 12, defect 8).

Two kinds of check:

* the compiled Spanish catalog, message by message: the OAS terms (*propuestas pendientes*,
  *notas de pie de página*, *párrafo resolutivo*, *llamada de nota*, one word for a stale
  proposal), no passive with *ser* where Spanish says it actively, one kind of quotation marks,
  no sentence that opens with a count, small numbers in words, and no singular that would read
  *un inserción* once the code writes the count in words;
* real output in Spanish, through the code: CLI results (``validate``, ``verify``), refusals of
  the library (a word that occurs several times, a duplicated id, footnote markers without
  their notes, tracked changes in a Word file) and the chair's report say ``cinco archivos``,
  ``nueve veces``, ``dos veces``, never ``5 archivos``.

Counts that are data keep their figures: the import summary (``22 unidades (16 párrafos …)``),
the log's ``16 entradas``, limits and sizes (``100,000 caracteres``), numbers that name a line,
a page, an entry or a revision.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from amend_helpers import SYMBOL, copy_bundled
from babel.messages.mofile import read_mo
from lxml import etree
from story_helpers import story_workspace
from test_read_docx import tracked

from tracker.akn.namespace import NS
from tracker.akn.rules import rule_errors
from tracker.errors import ImportTextError
from tracker.importer import import_text

REPO = Path(__file__).resolve().parent.parent
SPANISH_MO = REPO / "locales" / "es" / "LC_MESSAGES" / "wgt.mo"
SOURCES = REPO / "sources"

#: Wording a legal translator of the OAS would not issue, and what to write instead.
BANNED = {
    r"\bpropuestas? abiertas?\b": "propuestas pendientes",
    r"\bpárrafos? dispositivos?\b": "párrafo resolutivo",
    r"\bnotas? al pie\b": "nota de pie de página",
    r"\bmarcas? de nota\b": "llamada de nota (the marker of a footnote)",
    r"\b[Cc]aducad[oa]s?\b": "desfasada (one word for a stale proposal)",
    r"\btexto de compromiso\b": "texto de transacción",
    r"\bcolisi(?:ón|ones)\b": "conflicto",
    r"\bhashes\b": "valores hash",
    r"\bingres(?:ó|ado|ada|ar|arse)\b": "introducir (an entry of the log)",
    r"\b(?:fue|fueron|ha sido|han sido) \w+(?:ad|id)[oa]s?\b": "the active voice or the passive with se",
    r"[«»]": "“ ” (one kind of quotation marks)",
}

#: Spanish nouns that are feminine: ``count_words`` writes ``un`` for one of anything, so a
#: singular must spell ``una`` itself before these (``una propuesta``, ``una inserción``).
FEMININE = frozenset(
    "propuesta delegación inserción supresión llamada ruta entrada vez nota unidad sección subsección fórmula "
    "línea enmienda declaración página marca versión revisión palabra clave firma".split()
)

#: Plural messages whose count is data, written in figures on purpose (the import summary).
DATA_COUNTS = frozenset(
    {
        "{n} unit",
        "{n} footnote",
        "{n} footnote linked",
        "{n} unit ({kinds})",
        "{n} title",
        "{n} formula",
        "{n} group opener",
        "{n} preambular paragraph",
        "{n} section",
        "{n} sub-section",
        "{n} paragraph",
        "{n} sub-paragraph",
        "{n} heading line",
        "{n} paragraph joined: {places}",
        "{n} page number or rule left out",
    }
)

COUNT_PLACEHOLDER = r"\{(?:n|count)\}"


def spanish_messages() -> list[tuple[str | tuple[str, ...], tuple[str, ...]]]:
    """``(msgid, msgstrs)`` of every translated message of the compiled Spanish catalog (plurals as tuples)."""
    with SPANISH_MO.open("rb") as f:
        catalog = read_mo(f)
    messages = []
    for m in catalog:
        if not m.id:
            continue
        ids = tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id
        strings = tuple(m.string) if isinstance(m.string, (list, tuple)) else (m.string,)
        if all(s in ("", *((ids,) if isinstance(ids, str) else ids)) for s in strings):
            continue  # not translated yet: test_i18n.py says so, and there is no Spanish to read
        messages.append((ids, strings))
    return messages


def singular(msgid: str | tuple[str, ...]) -> str:
    return msgid[0] if isinstance(msgid, tuple) else msgid


def test_the_catalog_is_read() -> None:
    """The checks below would pass on an empty list: the catalog holds the messages they look at."""
    ids = {singular(msgid) for msgid, _ in spanish_messages()}
    assert len(ids) > 500
    assert {"{n} insertion", "Found {n} problem in {files}", "No collisions among open proposals."} <= ids


@pytest.mark.parametrize(("pattern", "instead"), sorted(BANNED.items()))
def test_no_wording_a_legal_translator_would_correct(pattern: str, instead: str) -> None:
    found = [s for _, strings in spanish_messages() for s in strings if re.search(pattern, s)]
    assert found == [], f"write {instead}"


def test_typographic_quotation_marks_are_paired() -> None:
    unpaired = [s for _, strings in spanish_messages() for s in strings if s.count("“") != s.count("”")]
    assert unpaired == []


def _prose(text: str) -> str:
    """``text`` without what is not running text: quoted literals, placeholders (as N), revision numbers."""
    text = re.sub(r"'[^']*'|“[^”]*”|\"[^\"]*\"", " ", text)
    text = re.sub(r"\{[^}]*\}", "N", text)
    return re.sub(r"\brev\. \d+", " ", text)


def test_small_counts_in_running_text_are_words() -> None:
    """``de dos a diez letras``, not ``de 2 a 10 letras``; figures stay for 11 and above and for units (10 MB)."""
    small = re.compile(r"(?<![\w.,/=–-])(?:\d|10)\s+(?:a\s+(?:\d+|N)\s+)?[a-záéíóúñ]{3,}")
    found = [s for _, strings in spanish_messages() for s in strings if small.search(_prose(s))]
    assert found == []


def test_no_sentence_opens_with_a_figure() -> None:
    """A sentence never opens with a figure, and the translation never moves a count to the front.

    A message may open with its count only where the English does too: the code writes such a
    count in words with a capital (``counted(..., sentence=True)``: "Cuarenta párrafos siguen en
    negociación.") or puts the phrase inside a sentence (``{n} párrafos``). A count right after a
    period, or a figure written into the message itself, would open a sentence as a figure.
    """
    placeholder_first = re.compile(rf"^{COUNT_PLACEHOLDER}")
    figure = re.compile(rf"^\d+\s+[a-záéíóúñ]|\.\s+(?:{COUNT_PLACEHOLDER}|\d+\s+[a-záéíóúñ])")
    found = [
        s
        for msgid, strings in spanish_messages()
        for s in strings
        if figure.search(re.sub(r"\brev\. \d+", "rev", s))
        or (placeholder_first.match(s) and not placeholder_first.match(singular(msgid)))
    ]
    assert found == []


def test_a_feminine_singular_spells_una() -> None:
    """``una inserción``: the singular of a counted feminine noun never leans on the count (``un``)."""
    found = [
        strings[0]
        for msgid, strings in spanish_messages()
        if isinstance(msgid, tuple) and msgid[0] not in DATA_COUNTS
        for word in re.findall(rf"{COUNT_PLACEHOLDER} (\w+)", strings[0])
        if word in FEMININE
    ]
    assert found == []


def test_each_counted_message_has_a_singular_of_its_own() -> None:
    """``{n} draft file(s)`` or ``{n} files`` twice is no plural: ``{n} draft file`` / ``{n} draft files``.

    (The English may repeat itself where only the translation varies: ``Accepted: {ids}`` for the
    Spanish ``Aceptada`` / ``Aceptadas``, ``{n} incorporated`` for ``incorporada`` / ``incorporadas``.)
    """
    english_plural = re.compile(rf"{COUNT_PLACEHOLDER} (?:[\w-]+ )?[\w-]+(?:s|\(s\))(?!\w)")
    found = [
        msgid
        for msgid, _ in spanish_messages()
        if isinstance(msgid, tuple) and msgid[0] == msgid[1] and english_plural.search(msgid[0])
    ]
    assert found == []


# -- real output ---------------------------------------------------------------------------------


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    """The library's own messages in Spanish (as ``wgt --lang es`` sets them)."""
    monkeypatch.setenv("WGT_UI_LANG", "es")


def test_validate_and_verify_count_in_words(run_cli, seeded_ws) -> None:
    code, out, err = run_cli("--lang", "es", "--workspace", seeded_ws.root, "validate")
    assert code == 0, err
    assert out.startswith("Se comprobaron cinco archivos de proyecto: todos son válidos")
    code, out, err = run_cli("--lang", "es", "--workspace", seeded_ws.root, "verify")
    assert code == 0, err
    assert out.startswith("Se verificaron los nueve archivos: los valores hash y las firmas están intactos\n")
    assert "registro: 16 entradas;" in out  # the log's length is data: a figure


def test_a_refusal_counts_in_words(run_cli, tmp_path: Path) -> None:
    ws = copy_bundled(tmp_path / "ws")
    args = ("amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es")
    code, out, err = run_cli("--lang", "es", "--workspace", ws, *args, "--delete", "los")
    assert code == 1 and out == ""
    assert "'los' aparece tres veces en op3 (es); cite un pasaje más largo" in err


def test_problems_are_counted_in_words(run_cli, seeded_ws) -> None:
    draft = next((seeded_ws.root / "drafts").glob("*/rev0.es.xml"))
    draft.write_text("<akomaNtoso>", encoding="utf-8")
    code, _, err = run_cli("--lang", "es", "--workspace", seeded_ws.root, "validate")
    assert code == 1
    assert err.strip().splitlines()[-1] == "Error: Se encontró un problema en cinco archivos de proyecto"


def test_duplicated_ids_are_counted_in_words(spanish) -> None:
    root = etree.parse(str(REPO / "drafts" / "cajp-gt-tm-38-05" / "rev0.es.xml")).getroot()
    first, *others = root.xpath("//a:paragraph[@wId]", namespaces=NS)[:3]
    for unit in others:
        unit.set("wId", first.get("wId"))
        unit.set("eId", first.get("eId"))
    errors = rule_errors(root, eids_assigned=True)
    assert f"el wId {first.get('wId')!r} figura en tres unidades; un identificador estable debe ser único" in errors
    assert f"el eId {first.get('eId')!r} se usa tres veces" in errors


def test_the_importer_counts_in_words(spanish) -> None:
    text = (SOURCES / "cajp-gt-tm-41-05.en.txt").read_text(encoding="utf-8")
    with pytest.raises(ImportTextError, match=r"cuatro llamadas de nota \('/'\), pero cero textos de nota al final"):
        import_text(text[: text.index("\ufffd.")], "report", name="x.txt")
    report = "1. Primer párrafo.\n\n2. Segundo párrafo.\n\nLA ASAMBLEA GENERAL,\n\nRESUELVE:\n\n1. Hacer algo.\n"
    with pytest.raises(ImportTextError, match=r"hay dos párrafos antes de la fórmula de adopción"):
        import_text(report, "resolution", name="x.txt")
    with pytest.raises(ImportTextError, match=r"\(dos inserciones y seis supresiones, de Mexico, United States\)"):
        tracked().read()


story = pytest.fixture(scope="module", name="story")(story_workspace)


def test_the_chairs_report_counts_revisions_in_words(story, run_cli) -> None:
    code, out, err = run_cli("--workspace", story, "report", SYMBOL, "--lang", "es", "--format", "md")
    assert code == 0, err
    assert "El Grupo de Trabajo lo revisó dos veces, a la luz de las propuestas que aceptó:" in out
    assert "Se presentaron siete propuestas de cuatro delegaciones, con el resultado siguiente:" in out
    assert re.search(r"(?m)^\d", out.split("## I.", 1)[1].split("|", 1)[0]) is None  # no sentence opens with a figure
