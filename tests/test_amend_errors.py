"""Errors of issue 3, requirement 8 (and the input checks around them), through the library and the CLI.

Every refusal through the CLI is checked by ``refused``: exit status 1, one line on
stderr starting "Error: ", and every file of the workspace byte-identical before
and after.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from amend_helpers import SLUG, SYMBOL, copy_bundled, edit_record, ok, receive_forged, refused

from tracker.amendments import proposals
from tracker.amendments.consolidate import issue_revision
from tracker.amendments.operations import Operation, clean
from tracker.amendments.record import Amendment
from tracker.errors import WgtError
from tracker.i18n import count_words
from tracker.workspace import Workspace

OP3_ES = (
    "Llamar la atención de los Estados sobre la Opinión Consultiva OC-18 de la Corte Interamericana de Derechos "
    "Humanos, en la que se afirma que la calidad migratoria de una persona no puede constituir una justificación "
    "para privarla del goce y ejercicio de sus derechos humanos, entre ellos los de carácter laboral."
)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return copy_bundled(tmp_path / "ws")


def propose_mx1(ws: Path) -> str:
    """MX-1: Mexico's proposal on op3 in Spanish, with its English version."""
    out = ok(ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es",
             "--replace", "no puede", "--with", "en ningún caso puede")  # fmt: skip
    ok(ws, "amend", "translate", "MX-1", "--lang", "en", "--replace", "cannot", "--with", "can in no case")
    return out.strip()


def record_path(ws: Path, amendment_id: str) -> Path:
    return ws / "amendments" / SLUG / f"{amendment_id}.json"


def status(ws: Path, amendment_id: str) -> str:
    return json.loads(record_path(ws, amendment_id).read_text(encoding="utf-8"))["history"][-1]["status"]


# -- words that are not there, or there more than once ------------------------------------


def test_text_to_replace_not_in_the_unit_names_it_and_shows_its_text(ws: Path) -> None:
    message = refused(ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es",
                      "--replace", "no debe constituir", "--with", "jamás constituirá")  # fmt: skip
    assert "'no debe constituir' is not in op3 (es)" in message
    assert OP3_ES in message
    with pytest.raises(WgtError, match=r"'no debe constituir' is not in op3 \(es\), whose text is: Llamar"):
        proposals.propose(
            Workspace.open(ws), SYMBOL, "MX", unit="op3", lang="es",
            operation=Operation("replace", old="no debe constituir", new="jamás constituirá"),
        )  # fmt: skip


@pytest.mark.parametrize(
    "operation",
    [
        ["--delete", "de carácter sindical"],
        ["--insert", "efectivamente", "--after", "no podrá"],
        ["--insert", "efectivamente", "--before", "podrá"],
    ],
)
def test_other_operations_on_words_not_in_the_unit(ws: Path, operation: list[str]) -> None:
    message = refused(ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es", *operation)
    assert "is not in op3 (es), whose text is: Llamar la atención" in message


def test_translation_words_not_in_the_unit(ws: Path) -> None:
    ok(ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es",
       "--replace", "no puede", "--with", "en ningún caso puede")  # fmt: skip
    message = refused(ws, "amend", "translate", "MX-1", "--lang", "en", "--replace", "can not", "--with", "x")
    assert "'can not' is not in op3 (en)" in message and "To call the attention" in message


@pytest.mark.parametrize(
    ("operation", "words"),
    [
        (["--replace", "la", "--with", "una"], "la"),
        (["--delete", "Derechos Humanos, en"], None),  # once: accepted (control)
        (["--delete", "de"], "de"),
        (["--insert", "todos", "--after", "los"], "los"),
        (["--insert", "sola", "--before", "una"], "una"),
    ],
)
def test_text_occurring_more_than_once_asks_for_a_longer_passage(ws: Path, operation, words) -> None:
    args = ("amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es", *operation)
    if words is None:
        assert ok(ws, *args) == "MX-1\n"
        return
    message = refused(ws, *args)
    assert (
        f"{words!r} occurs {count_words(OP3_ES.count(words), 'en')} times in op3 (es); "
        "quote a longer passage so it occurs once" in message
    )


def test_occurring_more_than_once_through_the_library(ws: Path) -> None:
    with pytest.raises(WgtError, match=r"'de' occurs nine times in op3 \(es\); quote a longer passage"):
        proposals.propose(
            Workspace.open(ws), SYMBOL, "MX", unit="op3", lang="es", operation=Operation("delete", old="de")
        )
    assert not any((ws / "amendments").iterdir())


# -- amendments that can no longer change ----------------------------------------------------


def test_a_withdrawn_amendment_cannot_be_accepted(ws: Path) -> None:
    propose_mx1(ws)
    ok(ws, "amend", "withdraw", "MX-1", "--by", "MX")
    message = refused(ws, "amend", "accept", "MX-1")
    assert message == "Error: MX-1 is withdrawn; it cannot become accepted"
    refused(ws, "amend", "reject", "MX-1")
    refused(ws, "amend", "withdraw", "MX-1", "--by", "MX")
    with pytest.raises(WgtError, match="MX-1 is withdrawn"):
        proposals.decide(Workspace.open(ws), ["MX-1"], "accepted", "CHAIR")
    assert status(ws, "MX-1") == "withdrawn"


def test_an_incorporated_amendment_cannot_be_accepted_again(ws: Path) -> None:
    propose_mx1(ws)
    ok(ws, "amend", "accept", "MX-1")
    ok(ws, "rev", "issue", SYMBOL, "--date", "2004-05-10")
    message = refused(ws, "amend", "accept", "MX-1")
    assert "MX-1 is incorporated (it is frozen: applied in an issued revision)" in message
    refused(ws, "amend", "reject", "MX-1")
    refused(ws, "amend", "withdraw", "MX-1", "--by", "MX")
    refused(ws, "amend", "translate", "MX-1", "--lang", "en", "--replace", "cannot", "--with", "may not")
    with pytest.raises(WgtError, match="frozen"):
        proposals.decide(Workspace.open(ws), ["MX-1"], "accepted", "CHAIR")
    # Issuing again makes rev. 2 without applying MX-1 a second time.
    ok(ws, "rev", "issue", SYMBOL, "--date", "2004-05-11")
    rev1 = (ws / "drafts" / SLUG / "rev1.es.xml").read_text(encoding="utf-8")
    rev2 = (ws / "drafts" / SLUG / "rev2.es.xml").read_text(encoding="utf-8")
    assert rev1.count("en ningún caso puede") == rev2.count("en ningún caso puede") == 1


def test_only_the_chair_or_secretariat_decides(ws: Path) -> None:
    propose_mx1(ws)
    assert "only the chair or the secretariat" in refused(ws, "amend", "accept", "MX-1", "--as", "US")
    assert "only the secretariat issues revisions" in refused(ws, "rev", "issue", SYMBOL, "--as", "CHAIR")


# -- records edited by hand into nonsense -----------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        b'{"id": "MX-1", "document": ',  # cut short
        b"not json at all",
        b"\xff\xfe\x00garbage",  # not UTF-8
        b"[]",
        b'{"id": "MX-1"}',
    ],
)
def test_a_damaged_record_is_refused_everywhere(ws: Path, damage: bytes) -> None:
    propose_mx1(ws)
    record_path(ws, "MX-1").write_bytes(damage)
    for command in (
        ["amend", "list", SYMBOL],
        ["amend", "show", "MX-1"],
        ["amend", "accept", "MX-1"],
        ["amend", "withdraw", "MX-1", "--by", "MX"],
        ["conflicts", SYMBOL],
        ["rev", "issue", SYMBOL, "--date", "2004-05-10"],
    ):
        message = refused(ws, *command)
        assert "MX-1.json" in message and "damaged" in message, message
    assert record_path(ws, "MX-1").read_bytes() == damage


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["history"][0].update(status="approved"), "damaged"),
        (lambda d: d.update(kind="rewrite"), "damaged"),
        (lambda d: d.update(history=[]), "damaged"),
    ],
)
def test_a_record_with_unknown_kind_or_status_is_refused(ws: Path, change, words: str) -> None:
    propose_mx1(ws)
    edit_record(record_path(ws, "MX-1"), change, resign=False)
    assert words in refused(ws, "amend", "accept", "MX-1")


def _damage_patch(data: dict) -> None:
    patch = data["texts"]["es"]["patch"]
    data["texts"]["es"]["patch"] = patch.replace("ning%C3%BAn", "alg%C3%BAn")
    assert data["texts"]["es"]["patch"] != patch


def _misplace_patch(data: dict) -> None:
    data["texts"]["es"]["patch"] = data["texts"]["es"]["patch"].replace("@@ -", "@@ -1", 1)


@pytest.mark.parametrize("change", [_damage_patch, _misplace_patch])
def test_an_altered_patch_is_refused_even_unsigned(ws: Path, change) -> None:
    propose_mx1(ws)
    edit_record(record_path(ws, "MX-1"), change, resign=False)
    for command in (["amend", "accept", "MX-1"], ["amend", "show", "MX-1"], ["conflicts", SYMBOL]):
        assert "MX-1" in refused(ws, *command)


def test_an_altered_patch_that_still_applies_is_refused_even_when_signed(ws: Path, tmp_path: Path) -> None:
    """Signed again by a faulty tool in another copy: the patch itself no longer reproduces from its base."""

    def header_lengths(data: dict) -> None:  # the hunk still applies; its header lies about lengths
        patch = data["texts"]["es"]["patch"]
        head, rest = patch.split(" @@\n", 1)
        left, right = head.split(" +")
        start, length = right.split(",")
        data["texts"]["es"]["patch"] = f"{left} +{start},{int(length) + 3} @@\n{rest}"

    other = Path(shutil.copytree(ws, tmp_path / "other-copy"))
    propose_mx1(other)
    ok(other, "amend", "accept", "MX-1")
    receive_forged(ws, record_path(other, "MX-1"), header_lengths)
    for command in (
        ["rev", "issue", SYMBOL, "--date", "2004-05-10"],
        ["amend", "show", "MX-1"],
        ["conflicts", SYMBOL],
    ):
        message = refused(ws, *command)
        assert "MX-1 (es): the patch is damaged: it does not reproduce from its base text" in message
    assert not (ws / "drafts" / SLUG / "rev1.es.xml").exists()
    assert not (ws / "drafts" / SLUG / "rev1.en.xml").exists()
    assert status(ws, "MX-1") == "accepted"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (_damage_patch, "MX-1 (es): the patch is damaged"),
        (lambda d: d["texts"]["es"].update(base_hash="sha256:" + "0" * 64), "its base text does not match"),
        (lambda d: d["texts"]["es"].update(patch="@@ -0,30 +0 @@\n@@ -50,11 +50,19 @@"), "the patch is damaged"),
        (lambda d: d["texts"]["es"].update(patch="nonsense"), "not diff-match-patch patch text"),
    ],
)
def test_a_signed_but_nonsensical_patch_is_refused_at_rev_issue(ws: Path, tmp_path: Path, change, words: str) -> None:
    other = Path(shutil.copytree(ws, tmp_path / "other-copy"))
    propose_mx1(other)
    ok(other, "amend", "accept", "MX-1")
    receive_forged(ws, record_path(other, "MX-1"), change)
    assert words in refused(ws, "rev", "issue", SYMBOL, "--date", "2004-05-10")
    with pytest.raises(WgtError, match="MX-1"):
        issue_revision(Workspace.open(ws), SYMBOL, date="2004-05-10")
    assert not (ws / "drafts" / SLUG / "rev1.es.xml").exists()


def test_record_reader_refuses_nonsense_directly() -> None:
    with pytest.raises(WgtError, match=r"x\.json: damaged amendment record"):
        Amendment.from_json(b"{", "x.json")
    with pytest.raises(WgtError, match=r"x\.json: damaged amendment record"):
        Amendment.from_json(json.dumps({"id": "MX-1", "texts": {}, "history": []}).encode(), "x.json")


# -- who and where ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["amend", "propose", SYMBOL, "--by", "XX", "--unit", "op3", "--replace", "cannot", "--with", "may not"],
        ["amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es", "--replace", "no puede",
         "--with", "jamás podrá", "--cosponsor", "ZZ"],
        ["amend", "propose", SYMBOL, "--by", "FR", "--unit", "op3", "--delete", "cannot"],  # not an OAS member
        ["amend", "statement", SYMBOL, "--by", "QQ", "--lang", "en", "--text", "A statement."],
    ],
)  # fmt: skip
def test_unknown_delegation_code(ws: Path, command: list[str]) -> None:
    message = refused(ws, *command)
    assert "unknown delegation" in message
    assert "ISO 3166" in message


def test_unknown_delegation_through_the_library_and_on_withdraw(ws: Path) -> None:
    with pytest.raises(WgtError, match="unknown delegation 'xx'"):
        proposals.propose(Workspace.open(ws), SYMBOL, "xx", unit="op3", operation=Operation("delete", old="cannot"))
    propose_mx1(ws)
    assert "unknown delegation" in refused(ws, "amend", "withdraw", "MX-1", "--by", "XX")


@pytest.mark.parametrize(
    "command",
    [
        ["amend", "propose", SYMBOL, "--by", "MX", "--unit", "op99", "--lang", "es", "--delete", "no"],
        ["amend", "propose", SYMBOL, "--by", "MX", "--unit", "op-000000", "--lang", "es", "--delete", "no"],
        ["amend", "propose", SYMBOL, "--by", "MX", "--unit", "op7.z", "--lang", "es", "--delete", "no"],
        ["amend", "propose", SYMBOL, "--by", "US", "--new-unit", "--after", "op42", "--text", "New."],
        ["amend", "propose", SYMBOL, "--by", "US", "--unit", "pp99", "--delete-unit"],
        ["amend", "statement", SYMBOL, "--by", "US", "--unit", "pp77", "--lang", "en", "--text", "A statement."],
    ],
)
def test_a_unit_that_does_not_exist(ws: Path, command: list[str]) -> None:
    message = refused(ws, *command)
    assert "has no paragraph" in message and "--ids" in message


def test_unknown_document_language_and_amendment(ws: Path) -> None:
    assert refused(ws, "amend", "propose", "CAJP/GT/TM-99/05", "--by", "MX", "--unit", "op3", "--delete", "no")
    assert "no 'fr' version" in refused(
        ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "fr", "--delete", "no"
    )
    assert "no amendment MX-9" in refused(ws, "amend", "accept", "MX-9")
    assert "not an amendment id" in refused(ws, "amend", "show", "op3")


# -- empty proposals -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("operation", "words"),
    [
        ([], "give exactly one of"),
        (["--text", ""], "give exactly one of"),
        (["--text", "   "], "would leave op3 (es) empty"),
        (["--replace", "no puede", "--with", "no puede"], "does not change op3"),
        (["--replace", "no puede"], "--replace needs --with"),
        (["--insert", "", "--after", "no puede"], "give exactly one of"),
        (["--delete", "no puede", "--text", "Otro."], "got --delete, --text"),
    ],
)
def test_an_empty_proposal_is_refused(ws: Path, operation: list[str], words: str) -> None:
    message = refused(ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es", *operation)
    assert words in message


def test_empty_statements_new_units_and_translations(ws: Path) -> None:
    assert "statement is empty" in refused(
        ws, "amend", "statement", SYMBOL, "--by", "US", "--lang", "en", "--text", " "
    )
    assert "new paragraph's text is empty" in refused(
        ws, "amend", "propose", SYMBOL, "--by", "US", "--new-unit", "--after", "op5", "--text", "  "
    )
    assert "--new-unit needs --after" in refused(ws, "amend", "propose", SYMBOL, "--by", "US", "--new-unit")
    ok(ws, "amend", "statement", SYMBOL, "--by", "US", "--lang", "en", "--text", "A statement.")
    assert "give its es text with --text" in refused(ws, "amend", "translate", "US-1", "--lang", "es")
    with pytest.raises(WgtError, match="say what to change"):
        proposals.propose(Workspace.open(ws), SYMBOL, "MX", unit="op3", lang="es")


# -- Unicode: invisible characters and normalization ------------------------------------------


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u200f", "\u202e", "\u2066", "\u2069", "\u2060", "\ufeff"])
def test_invisible_and_bidi_characters_are_refused(ws: Path, char: str) -> None:
    code = f"U+{ord(char):04X}"
    message = refused(ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es",
                      "--replace", "no puede", "--with", f"en ningún{char} caso puede")  # fmt: skip
    assert code in message and "invisible" in message
    assert code in refused(ws, "amend", "statement", SYMBOL, "--by", "US", "--lang", "en", "--text", f"We{char} agree.")
    assert code in refused(ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es",
                           "--delete", "no puede", "--justification", f"Porque{char} sí")  # fmt: skip
    with pytest.raises(WgtError, match=code.replace("+", r"\+")):
        clean(f"a{char}b")


def test_invisible_characters_in_a_translation_are_refused(ws: Path) -> None:
    ok(ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es",
       "--replace", "no puede", "--with", "en ningún caso puede")  # fmt: skip
    assert "U+202E" in refused(ws, "amend", "translate", "MX-1", "--lang", "en", "--replace", "cannot", "--with",
                               "can\u202e in no case")  # fmt: skip


def test_nfd_input_matches_nfc_text_and_is_stored_nfc(ws: Path) -> None:
    nfd_old = "Fomentar el dia\u0301logo y la cooperacio\u0301n"
    nfd_new = "Fomentar el dia\u0301logo franco con Me\u0301xico y la cooperacio\u0301n"
    assert not unicodedata.is_normalized("NFC", nfd_old)
    out = ok(ws, "amend", "propose", SYMBOL, "--by", "GT", "--unit", "op4", "--lang", "es",
             "--replace", nfd_old, "--with", nfd_new)  # fmt: skip
    assert out == "GT-1\n"
    data = json.loads(record_path(ws, "GT-1").read_text(encoding="utf-8"))
    text = data["texts"]["es"]["text"]
    assert "el diálogo franco con México y la cooperación" in text
    assert unicodedata.is_normalized("NFC", text)
    assert unicodedata.is_normalized("NFC", data["texts"]["es"]["operation"]["new"])
    # The library does the same.
    record = proposals.propose(
        Workspace.open(ws), SYMBOL, "MX", unit="op4", lang="es",
        operation=Operation("insert", new="Me\u0301xico y", anchor="la cooperacio\u0301n", before=True),
    )  # fmt: skip
    assert "México y la cooperación" in record.texts["es"].text
    # And the revision made from it keeps NFC (its rules would refuse anything else).
    ok(ws, "amend", "translate", "GT-1", "--lang", "en", "--replace", "To encourage dialogue",
       "--with", "To encourage frank dialogue with Me\u0301xico")  # fmt: skip
    ok(ws, "amend", "accept", "GT-1")
    ok(ws, "rev", "issue", SYMBOL, "--date", "2004-05-10")
    rev1 = (ws / "drafts" / SLUG / "rev1.en.xml").read_text(encoding="utf-8")
    assert "frank dialogue with México" in rev1
