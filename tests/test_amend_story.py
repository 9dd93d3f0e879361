"""The story of issue 3, end to end through the CLI, on a copy of the bundled workspace.

Mexico (in Spanish, co-sponsored by Guatemala) rewords operative paragraph 3; the
United States (in English) deletes a phrase of it and adds a paragraph after 5;
both enter statements into the record; the secretariat translates; Argentina's
proposal collides with the United States'; the chair accepts and rejects; the
secretariat issues rev. 1 in both languages. Proposals written against rev. 0
are then carried to rev. 1 (or reported stale) and rev. 2 is issued.

The story runs once per module (``rev1_template``); tests that change the
workspace work on their own copy of it (``rev1_ws``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from amend_helpers import SLUG, SYMBOL, copy_bundled, edit_record, ok, refused, snapshot
from lxml import etree

from tracker.akn.document import Draft
from tracker.akn.namespace import NS
from tracker.akn.rules import rule_errors
from tracker.akn.schema import schema_errors
from tracker.amendments.record import text_hash
from tracker.patches import apply_to_base, make_patch

OP3 = "op-234738"  # operative paragraph 3
OP6 = "op-437436"  # operative paragraph 6 of rev. 0
OP8 = "op-6c3a3a"  # operative paragraph 8 of rev. 0
PP6 = "pp-76b80f"
TITLE = "title-352659"

OP3_EN_0 = (
    "To call the attention of the states to Advisory Opinion OC-18 of the Inter-American Court of Human Rights, "
    "which affirms that a person’s status as a migrant cannot constitute a justification for denying that person "
    "the enjoyment and exercise of his or her human rights, including those of a labor-related nature."
)
OP3_EN_1 = (
    "To call the attention of the states to Advisory Opinion OC-18 of the Inter-American Court of Human Rights, "
    "which affirms that a person’s status as a migrant can in no case constitute a justification for denying that "
    "person the enjoyment and exercise of his or her human rights."
)
OP3_ES_1 = (
    "Llamar la atención de los Estados sobre la Opinión Consultiva OC-18 de la Corte Interamericana de Derechos "
    "Humanos, en la que se afirma que la calidad migratoria de una persona en ningún caso puede constituir una "
    "justificación para privarla del goce y ejercicio de sus derechos humanos."
)
US2_EN = "To urge member states to ensure that migrants have effective access to justice, regardless of their status."
US2_ES = (
    "Instar a los Estados Miembros a que aseguren que los migrantes tengan acceso efectivo a la justicia, "
    "independientemente de su condición."
)
US3_EN = (
    "The United States understands the word “applicable” in preambular paragraph 10 to refer to obligations "
    "under instruments to which a state is party."
)
US3_ES = (
    "Los Estados Unidos entienden que la palabra “aplicable” del párrafo preambular 10 se refiere a obligaciones "
    "derivadas de instrumentos en los que un Estado es parte."
)
MX2_ES = "México entiende que este párrafo abarca a todas las personas, sin importar su condición migratoria."
MX2_EN = "Mexico understands that this paragraph covers all persons, regardless of their migratory status."
STORY_IDS = ["AR-1", "MX-1", "MX-2", "US-1", "US-2", "US-3"]


# -- the story ----------------------------------------------------------------


def run_story(ws: Path) -> dict[str, object]:
    """Every step of the story up to rev. 1; returns what the tests look at afterwards."""
    log: dict[str, object] = {}
    log["ids"] = [
        ok(ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es",
           "--replace", "no puede constituir una justificación",
           "--with", "en ningún caso puede constituir una justificación",
           "--cosponsor", "GT", "--justification", "Reforzar la protección"),
        ok(ws, "amend", "propose", SYMBOL, "--by", "US", "--unit", "op3",
           "--delete", ", including those of a labor-related nature"),
        ok(ws, "amend", "propose", SYMBOL, "--by", "US", "--new-unit", "--after", "op5", "--text", US2_EN),
        ok(ws, "amend", "statement", SYMBOL, "--by", "US", "--lang", "en", "--text", US3_EN),
        ok(ws, "amend", "statement", SYMBOL, "--by", "MX", "--unit", "pp6", "--lang", "es", "--text", MX2_ES),
    ]  # fmt: skip
    # Guatemala, invited by Mexico, joins MX-1 with its own signature (Mexico cannot sign for it).
    log["cosponsored"] = ok(ws, "amend", "cosponsor", "MX-1", "--by", "GT")
    ok(ws, "amend", "translate", "MX-1", "--lang", "en", "--replace", "cannot constitute",
       "--with", "can in no case constitute")  # fmt: skip
    ok(ws, "amend", "translate", "US-1", "--lang", "es", "--delete", ", entre ellos los de carácter laboral")
    log["ar1"] = ok(ws, "amend", "propose", SYMBOL, "--by", "AR", "--unit", "op3", "--lang", "en",
                    "--replace", "including those of a labor-related nature",
                    "--with", "including labour rights")  # fmt: skip
    log["list_proposed"] = json.loads(ok(ws, "amend", "list", SYMBOL, "--format", "json"))
    log["conflicts"] = json.loads(ok(ws, "conflicts", SYMBOL, "--format", "json"))
    log["accept_refused"] = refused(ws, "amend", "accept", "MX-1", "US-1", "US-2", "AR-1")
    ok(ws, "amend", "accept", "MX-1", "US-1", "US-2")
    ok(ws, "amend", "reject", "AR-1")
    ok(ws, "mark", SYMBOL, "op1", "agreed")
    # US-2, US-3 and MX-2 exist in one language only: no revision yet.
    log["issue_refused"] = refused(ws, "rev", "issue", SYMBOL, "--date", "2004-05-10")
    ok(ws, "amend", "translate", "US-2", "--lang", "es", "--text", US2_ES)
    ok(ws, "amend", "translate", "US-3", "--lang", "es", "--text", US3_ES)
    ok(ws, "amend", "translate", "MX-2", "--lang", "en", "--text", MX2_EN)
    # Written against rev. 0 and left open while rev. 1 is issued:
    # GT-1 on op8 (left alone), GT-2 on words of op3 that rev. 1 leaves alone,
    # AR-2 on words of op3 that rev. 1 changes.
    log["late"] = [
        ok(ws, "amend", "propose", SYMBOL, "--by", "GT", "--unit", "op8", "--lang", "es",
           "--replace", "cuando así se les solicite", "--with", "cuando así lo soliciten los Estados Miembros"),
        ok(ws, "amend", "propose", SYMBOL, "--by", "GT", "--unit", "op3", "--lang", "es",
           "--replace", "Llamar la atención", "--with", "Señalar a la atención"),
        ok(ws, "amend", "propose", SYMBOL, "--by", "AR", "--unit", "op3", "--lang", "es",
           "--replace", "no puede constituir", "--with", "jamás podrá constituir"),
    ]  # fmt: skip
    ok(ws, "amend", "translate", "GT-1", "--lang", "en", "--replace", "upon request",
       "--with", "at the request of member states")  # fmt: skip
    ok(ws, "amend", "translate", "GT-2", "--lang", "en", "--replace", "To call the attention", "--with",
       "To draw the attention")  # fmt: skip
    log["issued"] = ok(ws, "rev", "issue", SYMBOL, "--date", "2004-05-10")
    return log


@pytest.fixture
def story_ws(tmp_path: Path) -> Path:
    """A fresh copy of the bundled workspace (wgt.toml, drafts/) with no amendments."""
    return copy_bundled(tmp_path / "story")


@pytest.fixture(scope="module")
def rev1_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object], dict[str, bytes | None]]:
    ws = copy_bundled(tmp_path_factory.mktemp("story") / "ws")
    before = snapshot(ws)
    log = run_story(ws)
    return ws, log, before


@pytest.fixture
def rev1(rev1_template) -> Path:
    """The workspace after rev. 1 (read only: use ``rev1_ws`` to change it)."""
    return rev1_template[0]


@pytest.fixture
def log(rev1_template) -> dict[str, object]:
    return rev1_template[1]


@pytest.fixture
def rev1_ws(rev1_template, tmp_path: Path) -> Path:
    """A private copy of the workspace after rev. 1."""
    return Path(shutil.copytree(rev1_template[0], tmp_path / "ws"))


def draft(ws: Path, rev: int, lang: str) -> Draft:
    return Draft.load(ws / "drafts" / SLUG / f"rev{rev}.{lang}.xml")


def record(ws: Path, amendment_id: str) -> dict:
    return json.loads((ws / "amendments" / SLUG / f"{amendment_id}.json").read_text(encoding="utf-8"))


def by_wid(d: Draft) -> dict:
    return {u.wid: u for u in d.units()}


# -- proposing ------------------------------------------------------------------


def test_propose_and_statement_print_only_the_id(log) -> None:
    assert log["ids"] == ["MX-1\n", "US-1\n", "US-2\n", "US-3\n", "MX-2\n"]
    assert log["ar1"] == "AR-1\n"
    assert log["late"] == ["GT-1\n", "GT-2\n", "AR-2\n"]


def test_the_whole_story_runs_on_a_fresh_copy(story_ws: Path) -> None:
    """The ``story_ws`` fixture is the bundled workspace with no amendments; the story starts from it."""
    assert not any((story_ws / "amendments").iterdir())
    assert json.loads(ok(story_ws, "amend", "list", SYMBOL, "--format", "json")) == []
    assert ok(story_ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es",
              "--replace", "no puede", "--with", "en ningún caso puede") == "MX-1\n"  # fmt: skip
    assert (story_ws / "amendments" / SLUG / "MX-1.json").is_file()


def test_amend_list_json_before_decisions(log) -> None:
    listed = {item["id"]: item for item in log["list_proposed"]}
    assert sorted(listed) == STORY_IDS
    for item in listed.values():
        assert {"id", "by", "cosponsors", "unit", "kind", "status", "languages", "base_rev"} <= set(item)
        assert item["status"] == "proposed"
        assert item["base_rev"] == 0
    assert (listed["MX-1"]["by"], listed["MX-1"]["cosponsors"], listed["MX-1"]["unit"]) == ("MX", ["GT"], OP3)
    assert (listed["MX-1"]["kind"], listed["MX-1"]["languages"]) == ("modify", ["en", "es"])
    assert (listed["US-1"]["kind"], listed["US-1"]["languages"], listed["US-1"]["cosponsors"]) == (
        "modify",
        ["en", "es"],
        [],
    )
    assert (listed["US-2"]["kind"], listed["US-2"]["languages"]) == ("new-unit", ["en"])
    assert (listed["US-3"]["kind"], listed["US-3"]["unit"], listed["US-3"]["languages"]) == ("statement", None, ["en"])
    assert (listed["MX-2"]["kind"], listed["MX-2"]["unit"], listed["MX-2"]["languages"]) == ("statement", PP6, ["es"])
    assert (listed["AR-1"]["by"], listed["AR-1"]["languages"]) == ("AR", ["en"])


def test_amend_list_json_after_rev1_and_filters(rev1: Path) -> None:
    listed = {item["id"]: item for item in json.loads(ok(rev1, "amend", "list", SYMBOL, "--format", "json"))}
    assert {k: listed[k]["status"] for k in STORY_IDS} == {
        "AR-1": "rejected",
        "MX-1": "incorporated",
        "MX-2": "incorporated",
        "US-1": "incorporated",
        "US-2": "incorporated",
        "US-3": "incorporated",
    }
    assert {k: listed[k]["status"] for k in ("GT-1", "GT-2", "AR-2")} == dict.fromkeys(
        ("GT-1", "GT-2", "AR-2"), "proposed"
    )
    only_us = json.loads(ok(rev1, "amend", "list", SYMBOL, "--by", "us", "--format", "json"))
    assert [item["id"] for item in only_us] == ["US-1", "US-2", "US-3"]
    rejected = json.loads(ok(rev1, "amend", "list", SYMBOL, "--status", "rejected", "--format", "json"))
    assert [item["id"] for item in rejected] == ["AR-1"]


def test_amendment_files_hold_patches_hashes_and_history(rev1: Path) -> None:
    folder = rev1 / "amendments" / SLUG
    assert sorted(p.stem for p in folder.glob("*.json") if p.stem != "marks") == sorted(
        [*STORY_IDS, "AR-2", "GT-1", "GT-2"]
    )
    mx1 = record(rev1, "MX-1")
    assert (mx1["id"], mx1["by"], mx1["invited"], mx1["kind"], mx1["unit"]) == ("MX-1", "MX", ["GT"], "modify", OP3)
    assert [c["by"] for c in mx1["cosponsorships"]] == ["GT"]  # signed by Guatemala itself
    assert (mx1["base_rev"], mx1["original_lang"], mx1["justification"]) == (0, "es", "Reforzar la protección")
    assert mx1["document"] == SYMBOL and mx1["created"]
    for lang, new_words in (("es", "en ningún caso puede constituir"), ("en", "can in no case constitute")):
        text = mx1["texts"][lang]
        base = draft(rev1, 0, lang).unit(OP3).text
        assert text["patch"].startswith("@@ -")
        assert text["base_hash"] == text_hash(base)
        assert text["base_hash"].startswith("sha256:")
        proposed = apply_to_base(base, text["patch"])
        assert new_words in proposed
        assert proposed == text["text"]
    assert [(h["status"], h["by"]) for h in mx1["history"]] == [
        ("proposed", "MX"),
        ("accepted", "CHAIR"),
        ("incorporated", "SEC"),
    ]
    assert all(h["at"].endswith("Z") and "T" in h["at"] for h in mx1["history"])
    assert mx1["history"][-1]["note"] == "rev. 1"
    # A new unit and a statement are recorded the same way.
    us2 = record(rev1, "US-2")
    assert us2["kind"] == "new-unit" and us2["new_unit"]["after"] == "op-a7f33e"
    assert apply_to_base("", us2["texts"]["en"]["patch"]) == US2_EN
    assert apply_to_base("", us2["texts"]["es"]["patch"]) == US2_ES
    us3 = record(rev1, "US-3")
    assert us3["kind"] == "statement" and us3["unit"] is None
    assert (us3["texts"]["en"]["text"], us3["texts"]["es"]["text"]) == (US3_EN, US3_ES)
    ar1 = record(rev1, "AR-1")
    assert [(h["status"], h["by"]) for h in ar1["history"]] == [("proposed", "AR"), ("rejected", "CHAIR")]
    marks = json.loads((folder / "marks.json").read_text(encoding="utf-8"))
    assert [(m["unit"], m["status"], m["by"]) for m in marks] == [("op-90f968", "agreed", "CHAIR")]


# -- collisions -------------------------------------------------------------------


def test_conflicts_lists_the_colliding_pair(log) -> None:
    assert log["conflicts"]["stale"] == {}
    [collision] = log["conflicts"]["collisions"]
    assert (collision["first"], collision["second"], collision["unit"], collision["lang"]) == (
        "AR-1",
        "US-1",
        OP3,
        "en",
    )
    assert "labor-related nature" in collision["overlap"]


def test_accepting_a_colliding_pair_is_refused_and_names_it(log) -> None:
    message = log["accept_refused"]
    assert "AR-1" in message and "US-1" in message and "labor-related" in message
    # refused() also proved that nothing was written: not even MX-1's acceptance.


def test_conflicts_table_format(rev1_ws: Path) -> None:
    out = ok(rev1_ws, "conflicts", SYMBOL)
    assert "stale: AR-2" in out


# -- rev. 1 ----------------------------------------------------------------------


def test_rev_issue_refuses_while_a_translation_is_missing(log) -> None:
    message = log["issue_refused"]
    for missing in ("US-2 has no es text", "US-3 has no es text", "MX-2 has no en text"):
        assert missing in message


def test_rev_issue_reports_what_it_did(log) -> None:
    out = log["issued"]
    assert "CAJP/GT/TM-38/05 rev. 1 (2004-05-10)" in out
    assert "MX-1, US-1, US-2" in out
    assert "MX-2" in out and "US-3" in out
    assert f"drafts/{SLUG}/rev1.en.xml" in out and f"drafts/{SLUG}/rev1.es.xml" in out


@pytest.mark.parametrize("lang", ["en", "es"])
def test_rev1_is_valid(rev1: Path, lang: str) -> None:
    path = rev1 / "drafts" / SLUG / f"rev1.{lang}.xml"
    tree = etree.parse(str(path))
    assert schema_errors(tree) == []
    assert rule_errors(tree.getroot()) == []
    d = draft(rev1, 1, lang)
    assert (d.meta.rev, d.meta.lang) == (1, lang)
    assert tree.getroot().find("./*/a:preface/a:p/a:docNumber", NS).text == "CAJP/GT/TM-38/05 rev. 1"
    assert ok(rev1, "validate").strip()  # the workspace as a whole still validates


def test_rev1_op3_has_the_new_text_in_both_languages(rev1: Path) -> None:
    assert draft(rev1, 0, "en").unit("op3").text == OP3_EN_0
    assert draft(rev1, 1, "en").unit("op3").text == OP3_EN_1
    assert draft(rev1, 1, "es").unit("op3").text == OP3_ES_1
    assert draft(rev1, 1, "es").unit(OP3).wid == OP3


def test_new_paragraph_is_6_and_later_ones_are_renumbered(rev1: Path) -> None:
    new_wid = record(rev1, "US-2")["new_unit"]["wid"]
    for lang, text in (("en", US2_EN), ("es", US2_ES)):
        old, new = draft(rev1, 0, lang), draft(rev1, 1, lang)
        six = new.unit("op6")
        assert (six.wid, six.num, six.eid, six.text) == (new_wid, "6.", "para_6", text)
        assert new.unit("op5").wid == old.unit("op5").wid
        old_units, new_units = by_wid(old), by_wid(new)
        # Old 6 is now 7, old 7 (with its sub-paragraphs) is 8, …, old 14 is 15.
        for n in range(6, 15):
            before = old.unit(f"op{n}")
            after = new_units[before.wid]
            assert (after.num, after.label, after.eid) == (f"{n + 1}.", f"op{n + 1}", f"para_{n + 1}")
        assert new_units["sp-46acb7"].label == "op8.a"
        assert new_units["sp-46acb7"].eid == "para_8__subpara_a"
        assert old_units["sp-46acb7"].eid == "para_7__subpara_a"
        assert [u.num for u in new.units() if u.label.startswith("op") and "." not in u.label] == [
            f"{n}." for n in range(1, 16)
        ]
        # Every old wId survives; the only new one is the new paragraph.
        assert set(old_units) <= set(new_units)
        assert set(new_units) - set(old_units) == {new_wid}
    assert [u.wid for u in draft(rev1, 1, "en").units()] == [u.wid for u in draft(rev1, 1, "es").units()]
    assert [u.eid for u in draft(rev1, 1, "en").units()] == [u.eid for u in draft(rev1, 1, "es").units()]


def _notes(d: Draft) -> list[tuple[str, str, str]]:
    """(marker, unit wId, text) of every footnote in document order."""
    found = []
    for note in d.root.iter("{*}authorialNote"):
        owner = next(a for a in note.iterancestors() if a.get("wId"))
        text = " ".join("".join(p.itertext()) for p in note.iterfind("a:p", NS))
        found.append((note.get("marker"), owner.get("wId"), text))
    return found


def test_statements_become_numbered_footnotes_in_both_languages(rev1: Path) -> None:
    assert _notes(draft(rev1, 0, "en")) == []
    assert _notes(draft(rev1, 1, "en")) == [("1", TITLE, US3_EN), ("2", PP6, MX2_EN)]
    assert _notes(draft(rev1, 1, "es")) == [("1", TITLE, US3_ES), ("2", PP6, MX2_ES)]
    # The footnote does not change the paragraph's words.
    assert draft(rev1, 1, "es").unit("pp6").text == draft(rev1, 0, "es").unit("pp6").text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_passive_modifications_name_each_amendment(rev1: Path, lang: str) -> None:
    root = draft(rev1, 1, lang).root
    new_wid = record(rev1, "US-2")["new_unit"]["wid"]
    mods = [
        (m.get("type"), m.find("a:source", NS).get("href"), m.find("a:destination", NS).get("href"))
        for m in root.iterfind(".//a:analysis/a:passiveModifications/a:textualMod", NS)
    ]
    # destinations are the units' eIds in the new revision (the new paragraph is 6.)
    assert mods == [
        ("substitution", "#MX-1", "#para_3"),
        ("substitution", "#US-1", "#para_3"),
        ("insertion", "#US-2", "#para_6"),
    ]
    eids = {el.get("wId"): el.get("eId") for el in root.iter() if el.get("wId")}
    assert (eids[OP3], eids[new_wid]) == ("para_3", "para_6")
    assert draft(rev1, 0, lang).root.find(".//a:analysis", NS) is None


def test_units_untouched_and_not_renumbered_are_byte_identical(rev1: Path) -> None:
    for lang in ("en", "es"):
        old, new = draft(rev1, 0, lang), draft(rev1, 1, lang)
        new_units = by_wid(new)
        touched = {TITLE, PP6, OP3}
        renumbered = {u.wid for u in old.units() if u.label.startswith("op") and int(u.label[2:].split(".")[0]) >= 6}
        compared = []
        for unit in old.units():
            subtree = {e.get("wId") for e in unit.element.iter() if isinstance(e.tag, str) and e.get("wId")}
            if subtree & (touched | renumbered):
                continue
            assert etree.tostring(unit.element, with_tail=False) == etree.tostring(
                new_units[unit.wid].element, with_tail=False
            ), f"{unit.label} ({lang}) changed"
            compared.append(unit.label)
        assert {"pp1", "pp5", "pp24", "op1", "op2", "op4", "op5", "app1.I", "app1.VI"} <= set(compared)
        assert len(compared) > 30


def test_rev1_did_not_touch_rev0(rev1_template) -> None:
    ws, _log, before = rev1_template
    for lang in ("en", "es"):
        name = f"drafts/{SLUG}/rev0.{lang}.xml"
        assert (ws / name).read_bytes() == before[name]


# -- after rev. 1: frozen records, withdrawals, old proposals --------------------


def test_incorporated_amendments_are_frozen(rev1_ws: Path) -> None:
    assert "frozen" in refused(rev1_ws, "amend", "accept", "MX-1")
    assert "incorporated" in refused(rev1_ws, "amend", "reject", "US-1")
    assert "incorporated" in refused(rev1_ws, "amend", "withdraw", "MX-1", "--by", "MX")
    assert "incorporated" in refused(rev1_ws, "amend", "translate", "US-2", "--lang", "es", "--text", "Otro texto.")
    assert "incorporated" in refused(rev1_ws, "amend", "accept", "GT-1", "US-3")  # one frozen: none accepted
    assert record(rev1_ws, "GT-1")["history"][-1]["status"] == "proposed"


def test_withdrawal_only_by_the_proposing_delegation(rev1_ws: Path) -> None:
    assert ok(rev1_ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op4", "--lang", "es",
              "--replace", "Fomentar el diálogo", "--with", "Promover el diálogo") == "MX-3\n"  # fmt: skip
    message = refused(rev1_ws, "amend", "withdraw", "MX-3", "--by", "US")
    assert "MX-3" in message and "only MX" in message
    assert refused(rev1_ws, "amend", "withdraw", "MX-3", "--by", "GT")  # a co-sponsor cannot either
    assert ok(rev1_ws, "amend", "withdraw", "MX-3", "--by", "mx") == "MX-3 withdrawn by MX\n"
    history = record(rev1_ws, "MX-3")["history"]
    assert [(h["status"], h["by"]) for h in history] == [("proposed", "MX"), ("withdrawn", "MX")]
    assert "withdrawn" in refused(rev1_ws, "amend", "accept", "MX-3")
    assert "withdrawn" in refused(rev1_ws, "amend", "withdraw", "MX-3", "--by", "MX")
    assert "withdrawn" in refused(rev1_ws, "amend", "translate", "MX-3", "--lang", "en", "--text", "Whatever.")


def test_a_proposal_whose_words_changed_is_stale(rev1_ws: Path) -> None:
    report = json.loads(ok(rev1_ws, "conflicts", SYMBOL, "--format", "json"))
    assert report["collisions"] == []
    assert set(report["stale"]) == {"AR-2"}
    assert "'no puede'" in report["stale"]["AR-2"] and "re-propose" in report["stale"]["AR-2"]
    message = refused(rev1_ws, "amend", "accept", "AR-2")
    assert "AR-2 is stale" in message
    assert record(rev1_ws, "AR-2")["history"][-1]["status"] == "proposed"
    # The delegate re-proposes against rev. 1.
    assert ok(rev1_ws, "amend", "propose", SYMBOL, "--by", "AR", "--unit", "op3", "--lang", "es",
              "--replace", "en ningún caso puede", "--with", "jamás podrá") == "AR-3\n"  # fmt: skip
    assert record(rev1_ws, "AR-3")["base_rev"] == 1


def test_a_stale_proposal_marked_accepted_blocks_the_next_revision(rev1_ws: Path) -> None:
    """Should a stale proposal be on record as accepted, nothing of it is applied: rev issue refuses."""
    en_base = draft(rev1_ws, 0, "en").unit(OP3).text

    def with_english(data: dict) -> None:
        data["texts"]["en"] = {  # no missing translation in the way
            "base_hash": text_hash(en_base),
            "patch": make_patch(en_base, en_base.replace("cannot constitute", "shall never constitute")),
            "text": "",
            "operation": {},
            "signed_by": "SEC",
            "signature": "",
        }

    def accepted(data: dict) -> None:
        data["history"].append(
            {"status": "accepted", "by": "CHAIR", "at": "2004-05-11T00:00:00Z", "note": "", "signature": ""}
        )

    path = rev1_ws / "amendments" / SLUG / "AR-2.json"
    edit_record(path, with_english, resign=True, by="SEC", act="translate")
    edit_record(path, accepted, resign=True, by="CHAIR", act="accept")
    message = refused(rev1_ws, "rev", "issue", SYMBOL, "--date", "2004-05-12")
    assert "AR-2 is stale" in message
    assert not (rev1_ws / "drafts" / SLUG / "rev2.en.xml").exists()


def _issue_rev2(ws: Path, order: list[str]) -> None:
    for amendment_id in order:
        ok(ws, "amend", "accept", amendment_id)
    ok(ws, "rev", "issue", SYMBOL, "--date", "2004-05-17")


def test_proposals_written_against_rev0_still_apply_to_rev1(rev1_ws: Path, tmp_path: Path) -> None:
    rev1_bytes = {p.name: p.read_bytes() for p in (rev1_ws / "drafts" / SLUG).iterdir()}
    other = Path(shutil.copytree(rev1_ws, tmp_path / "other-order"))
    _issue_rev2(rev1_ws, ["GT-1", "GT-2"])
    for lang in ("en", "es"):
        assert (rev1_ws / "drafts" / SLUG / f"rev2.{lang}.xml").is_file()
        tree = etree.parse(str(rev1_ws / "drafts" / SLUG / f"rev2.{lang}.xml"))
        assert schema_errors(tree) == [] and rule_errors(tree.getroot()) == []
    en, es = draft(rev1_ws, 2, "en"), draft(rev1_ws, 2, "es")
    # GT-1: op8 of rev. 0 is op9 since rev. 1.
    assert en.unit("op9").wid == es.unit("op9").wid == OP8
    assert "to support, at the request of member states, the efforts" in en.unit("op9").text
    assert "cuando así lo soliciten los Estados Miembros" in es.unit("op9").text
    # GT-2: other words of op3, moved past the changes rev. 1 made there.
    assert en.unit("op3").text == OP3_EN_1.replace("To call the attention", "To draw the attention")
    assert es.unit("op3").text == OP3_ES_1.replace("Llamar la atención", "Señalar a la atención")
    assert [r["history"][-1]["status"] for r in (record(rev1_ws, "GT-1"), record(rev1_ws, "GT-2"))] == [
        "incorporated"
    ] * 2
    assert record(rev1_ws, "AR-2")["history"][-1]["status"] == "proposed"  # stale: left alone
    # Footnotes and earlier amendments are carried, not applied twice.
    assert _notes(en) == _notes(draft(rev1_ws, 1, "en"))
    assert en.unit("op6").text == US2_EN and en.unit("op7").wid == OP6
    # rev. 1 (and rev. 0) were not rewritten.
    for name, data in rev1_bytes.items():
        assert (rev1_ws / "drafts" / SLUG / name).read_bytes() == data
    # Accepting in the other order gives the same revision.
    _issue_rev2(other, ["GT-2", "GT-1"])
    for lang in ("en", "es"):
        assert (other / "drafts" / SLUG / f"rev2.{lang}.xml").read_bytes() == (
            rev1_ws / "drafts" / SLUG / f"rev2.{lang}.xml"
        ).read_bytes()


def test_rev_issue_never_rewrites_an_issued_revision(rev1_ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the latest revision be misread, an existing rev. N+1 is still never overwritten."""
    from tracker.amendments import proposals
    from tracker.amendments.consolidate import issue_revision
    from tracker.errors import WgtError
    from tracker.workspace import Workspace

    ok(rev1_ws, "amend", "accept", "GT-1")
    before = snapshot(rev1_ws)
    real = proposals.draft_files

    def without_rev1(ws, slug):
        return {rev: files for rev, files in real(ws, slug).items() if rev != 1}

    monkeypatch.setattr(proposals, "draft_files", without_rev1)
    with pytest.raises(WgtError, match=r"rev1\.en\.xml was already issued; an issued revision never changes"):
        issue_revision(Workspace.open(rev1_ws), SYMBOL, date="2004-05-17")
    assert snapshot(rev1_ws) == before


def test_amend_show_redlines_the_change(rev1: Path) -> None:
    out = ok(rev1, "amend", "show", "GT-2", "--lang", "en")
    assert out.splitlines()[0].startswith("GT-2 by GT: modify of op3 (op-234738)")
    assert "[-call-]" in out and "{+draw+}" in out
    assert "proposed, rev. 0, Or. es" in out


def test_deleting_a_unit_collides_with_editing_it_and_leaves_later_proposals_stale(story_ws: Path) -> None:
    ws = story_ws
    assert ok(ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op4", "--delete-unit") == "MX-1\n"
    ok(ws, "amend", "propose", SYMBOL, "--by", "GT", "--unit", "op4", "--lang", "es",
       "--replace", "Fomentar", "--with", "Promover")  # fmt: skip
    ok(ws, "amend", "propose", SYMBOL, "--by", "US", "--new-unit", "--after", "op4", "--text", "A new paragraph.")
    ok(ws, "amend", "translate", "US-1", "--lang", "es", "--text", "Un párrafo nuevo.")
    report = json.loads(ok(ws, "conflicts", SYMBOL, "--format", "json"))
    assert [(c["first"], c["second"], c["lang"]) for c in report["collisions"]] == [("GT-1", "MX-1", "es")]
    assert "GT-1" in refused(ws, "amend", "accept", "MX-1", "GT-1")
    ok(ws, "amend", "accept", "MX-1")
    ok(ws, "rev", "issue", SYMBOL, "--date", "2004-05-10")
    for lang in ("en", "es"):
        units = draft(ws, 1, lang).units()
        assert "op-df3840" not in {u.wid for u in units}
        assert [u.num for u in units if u.label.startswith("op") and "." not in u.label] == [
            f"{n}." for n in range(1, 14)
        ]
    # GT-1's unit and the unit US-1 follows are gone: stale, not a crash of the whole document.
    report = json.loads(ok(ws, "conflicts", SYMBOL, "--format", "json"))
    assert sorted(report["stale"]) == ["GT-1", "US-1"]
    assert "no longer in rev. 1" in report["stale"]["US-1"]
    assert "US-1 is stale" in refused(ws, "amend", "accept", "US-1")
    assert ok(ws, "amend", "propose", SYMBOL, "--by", "AR", "--unit", "op4", "--lang", "es",
              "--replace", "Instar", "--with", "Exhortar") == "AR-1\n"  # fmt: skip


def test_propose_and_translate_with_the_editor(story_ws: Path) -> None:
    ws = story_ws
    editor = {"EDITOR": "sed -i -e 's/no puede/en ningún caso puede/'"}
    args = ("amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es", "--edit")
    assert ok(ws, *args, env=editor) == "MX-1\n"
    assert "en ningún caso puede constituir" in record(ws, "MX-1")["texts"]["es"]["text"]
    translate = ("amend", "translate", "MX-1", "--lang", "en", "--edit")
    ok(ws, *translate, env={"EDITOR": "sed -i -e 's/cannot/can in no case/'"})
    assert "can in no case constitute" in record(ws, "MX-1")["texts"]["en"]["text"]
    # An editor that changes nothing (closed without saving): nothing proposed.
    assert "closed without saving" in refused(ws, *args, env={"EDITOR": "true"})
