"""A new unit's stable id is unique in the revision that incorporates it, in every language.

Its wId is a 24-bit hash prefix drawn when it is proposed; in a draft of 40,000
units, or between two proposals, such prefixes do collide (the benchmark's
40,000-unit workspace found one). The revision must still be valid.
"""

from __future__ import annotations

from pathlib import Path

from tracker.akn.document import Draft
from tracker.amendments import proposals
from tracker.amendments.consolidate import issue_revision
from tracker.amendments.proposals import decide, propose, translate
from tracker.amendments.store import AmendmentStore
from tracker.sources import copy_workspace
from tracker.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
S = "CAJP/GT/TM-38/05"
DRAFTS = Path("drafts/cajp-gt-tm-38-05")


def new_paragraph(ws: Workspace, by: str, after: str, en: str, es: str) -> str:
    lang, other = ("en", "es") if by == "US" else ("es", "en")
    texts = {"en": en, "es": es}
    record = propose(ws, S, by, unit=None, lang=lang, new_unit_text=texts[lang], after=after)
    translate(ws, record.id, other, text=texts[other])
    return record.id


def test_a_new_unit_whose_wid_was_taken_gets_a_free_one_in_both_languages(tmp_path: Path, monkeypatch) -> None:
    ws = Workspace.open(copy_workspace(REPO, tmp_path / "ws"))
    first = new_paragraph(ws, "US", "op5", "A first new paragraph.", "Un primer párrafo nuevo.")
    store = AmendmentStore(ws)
    taken_by_first = store.get(first).new_unit["wid"]
    # As if both hashes had begun with the same 24 bits: the second proposal draws the first one's wId.
    monkeypatch.setattr(proposals, "new_unit_wid", lambda record, taken: taken_by_first)
    second = new_paragraph(ws, "MX", "op6", "A second new paragraph.", "Un segundo párrafo nuevo.")
    existing = Draft.load(ws.root / DRAFTS / "rev0.en.xml").unit("op2").wid
    # And as if a unit of the draft already held the third one's.
    monkeypatch.setattr(proposals, "new_unit_wid", lambda record, taken: existing)
    third = new_paragraph(ws, "US", "op7", "A third new paragraph.", "Un tercer párrafo nuevo.")
    monkeypatch.undo()
    assert store.get(second).new_unit["wid"] == taken_by_first and store.get(third).new_unit["wid"] == existing
    decide(ws, [first, second, third], "accepted", "CHAIR")

    issue_revision(ws, S, date="2005-03-01")

    drafts = {lang: Draft.load(ws.root / DRAFTS / f"rev1.{lang}.xml") for lang in ("en", "es")}
    wids = {lang: [u.wid for u in draft.units()] for lang, draft in drafts.items()}
    assert wids["en"] == wids["es"]
    assert len(set(wids["en"])) == len(wids["en"])
    texts = {u.text: u.wid for u in drafts["en"].units()}
    pair = {texts["A first new paragraph."], texts["A second new paragraph."]}
    assert len(pair) == 2 and taken_by_first in pair  # one keeps it, the other gets a longer prefix
    assert texts["A third new paragraph."] != existing
    assert drafts["en"].unit(existing).text == Draft.load(ws.root / DRAFTS / "rev0.en.xml").unit("op2").text
