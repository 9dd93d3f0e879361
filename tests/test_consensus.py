"""From proposals to consensus (issue 17): compromise texts, revisions, ad referendum, silence — on the story.

A copy of the story workspace (rev. 2 of CAJP/GT/TM-38/05) takes the issue's story: Argentina and
the United States collide on op3, the chair's compromise supersedes both, is revised, translated
again and accepted; op3 is agreed ad referendum pending Mexico, which confirms; rev. 3 goes to
silence, the United States breaks it on op5; rev. 4 is issued and adopted under silence. The
machine's clock is moved (``tracker.clock._utcnow``) so deadlines pass without waiting. Each act
is checked as the group would: who may, what the record then says, what a forged copy gets.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json

import pytest
from amend_helpers import ok, refused
from story_helpers import SYMBOL, clean_language_environment, copy_of, story_workspace

from tracker import clock
from tracker.amendments.store import AmendmentStore
from tracker.cli import demo_consensus as story
from tracker.cli.demo import Narrator
from tracker.errors import WgtError
from tracker.patches.origins import BASE
from tracker.render.compilation import compilation_layout
from tracker.render.markdown import render_markdown
from tracker.render.report import report_layout
from tracker.workspace import Workspace

ws_story = pytest.fixture(scope="module", name="story_ws")(story_workspace)
_language = pytest.fixture(autouse=True)(clean_language_environment)


class Clock:
    """The machine's clock, moved by the test."""

    def __init__(self, monkeypatch) -> None:
        self.at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        monkeypatch.setattr(clock, "_utcnow", lambda: self.at)

    def advance(self, **delta: float) -> None:
        self.at += dt.timedelta(**delta)

    def local(self, zone: str = "America/New_York", **delta: float) -> str:
        from zoneinfo import ZoneInfo

        return (self.at + dt.timedelta(**delta)).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M:%S")


@pytest.fixture
def ws(story_ws, tmp_path, monkeypatch):
    root = copy_of(story_ws, tmp_path / "ws")
    from tracker.trust import witness

    witness.forget(root)
    assert 'timezone = "America/New_York"' in (root / "wgt.toml").read_text(encoding="utf-8")  # the group's zone
    return root


@pytest.fixture
def now(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def _quietly(step, *args):
    """A step of the demo's consensus story (:mod:`tracker.cli.demo_consensus`), its narration kept quiet."""
    with contextlib.redirect_stdout(io.StringIO()):
        return step(Narrator(verbose=False), *args)


def _collide(ws) -> tuple[str, str]:
    return _quietly(story.collision, ws)


def _compromise(ws, ar: str, us: str) -> str:
    return _quietly(story.compromise, ws, ar, us)


def _translate_compromise(ws, chair: str, words: str = "reconocidos por") -> None:
    _quietly(story.translate_compromise, ws, chair, words)


def _record(ws, amendment_id: str):
    return AmendmentStore(Workspace.open(ws)).get(amendment_id)


# -- compromise texts ----------------------------------------------------------------------------


def test_a_compromise_supersedes_the_proposals_it_merges_and_says_where_each_word_comes_from(ws):
    ar, us = _collide(ws)
    assert "op3" in ok(ws, "conflicts", SYMBOL)
    chair = _compromise(ws, ar, us)
    assert chair == "CHAIR-1"
    for other in (ar, us):
        record = _record(ws, other)
        assert record.status == "superseded"
        assert record.history[-1].by == "CHAIR" and record.history[-1].note == chair
    assert _record(ws, chair).supersedes == [ar, us]
    shown = ok(ws, "amend", "show", chair, "--origins", "--lang", "en")
    assert f"⟨{ar}⟩" in shown and f"⟨{us}⟩" in shown and "⟨CHAIR⟩" in shown

    from tracker.amendments.compromise import origins

    record = _record(ws, chair)
    pieces = origins(Workspace.open(ws), record, "en")
    assert "".join(p.text for p in pieces) == story.unit_text(ws, "op3", "en").replace(
        story.RIGHTS[0], story.COMPROMISE[0]
    )
    by_origin = {p.origin: p.text for p in pieces}
    assert "including labor rights" in by_origin[ar] and "applicable international law" in by_origin[us]
    assert "recognized" in by_origin["CHAIR"] and BASE in by_origin
    # superseded proposals no longer collide: the compromise is the one text before the group
    assert "AR-" not in ok(ws, "conflicts", SYMBOL).split("×")[0] or ar not in ok(ws, "conflicts", SYMBOL)


def test_only_the_chair_or_the_secretariat_proposes_a_compromise_and_only_on_open_proposals_of_its_unit(ws):
    ar, us = _collide(ws)
    assert "only the chair or the secretariat" in refused(
        ws, "amend", "compromise", SYMBOL, "--unit", "op3", "--supersedes", f"{ar},{us}", "--text", "x", "--as", "MX"
    )
    assert "its own unit" in refused(
        ws, "amend", "compromise", SYMBOL, "--unit", "op4", "--supersedes", ar, "--text", "x", "--as", "CHAIR"
    )
    assert "only an open proposal" in refused(
        ws, "amend", "compromise", SYMBOL, "--unit", "op3", "--supersedes", "AR-1", "--text", "x", "--as", "CHAIR"
    )  # AR-1 was rejected at rev. 1
    assert "no amendment" in refused(
        ws, "amend", "compromise", SYMBOL, "--unit", "op3", "--supersedes", "AR-99", "--text", "x", "--as", "CHAIR"
    )


def test_superseding_is_reversible_until_the_compromise_is_accepted(ws):
    ar, us = _collide(ws)
    chair = _compromise(ws, ar, us)
    ok(ws, "amend", "restore", ar, "--as", "CHAIR")
    assert _record(ws, ar).status == "proposed"
    ok(ws, "amend", "reject", chair)  # rejecting the compromise gives back what it still superseded
    assert _record(ws, us).status == "proposed"
    chair2 = _compromise(ws, ar, us)
    _translate_compromise(ws, chair2)
    ok(ws, "amend", "accept", chair2)
    assert "reject CHAIR-2 first" in refused(ws, "amend", "restore", ar, "--as", "CHAIR")
    assert "cannot become" in refused(ws, "amend", "accept", ar)


def test_a_superseded_status_forged_by_a_delegation_is_refused(ws):
    ar, us = _collide(ws)
    path = ws / "amendments" / "cajp-gt-tm-38-05" / f"{ar}.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["history"].append(
        {"status": "superseded", "by": "US", "at": raw["history"][-1]["at"], "note": "", "signature": "x"}
    )
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(WgtError, match=ar):
        AmendmentStore(Workspace.open(ws)).get(ar)


# -- a revision makes the translation outdated -----------------------------------------------------


def test_a_revised_proposal_has_its_translation_outdated_until_it_is_made_again(ws):
    ar, us = _collide(ws)
    chair = _compromise(ws, ar, us)
    _translate_compromise(ws, chair)
    out = ok(
        ws, "amend", "revise", chair, "--replace", "as recognized under", "--with", "as recognized in", "--as", "CHAIR"
    )
    assert "translation outdated: es" in out
    assert "Translation outdated: es" in ok(ws, "amend", "show", chair)
    assert "translation outdated" in refused(ws, "amend", "accept", chair)
    assert "only CHAIR can revise" in refused(ws, "amend", "revise", chair, "--text", "x", "--as", "SEC")
    _translate_compromise(ws, chair, "reconocidos en")
    assert AmendmentStore(Workspace.open(ws)).outdated_translations(_record(ws, chair)) == []
    ok(ws, "amend", "accept", chair)
    assert "only while it is proposed" in refused(ws, "amend", "revise", chair, "--text", "x", "--as", "CHAIR")


# -- ad referendum ---------------------------------------------------------------------------------


def test_ad_referendum_pending_a_capital_becomes_agreed_when_it_confirms(ws):
    ok(ws, "mark", SYMBOL, "op3", "ad-ref", "--pending", "MX,US", "--until", "2005-05-20")
    assert "not agreed ad referendum pending GT" in refused(ws, "confirm", SYMBOL, "op3", "--as", "GT")
    assert "only delegations" in refused(ws, "confirm", SYMBOL, "op3", "--as", "CHAIR")
    assert "still pending: US" in ok(ws, "confirm", SYMBOL, "op3", "--as", "MX")
    store = AmendmentStore(Workspace.open(ws))
    state = store.negotiation("cajp-gt-tm-38-05")
    wid = next(w for w, a in state.ad_referendum.items() if a.pending)
    assert state.statuses[wid] == "ad-ref" and state.ad_referendum[wid].waiting == ["US"]
    # past the date, the report and the compilation name who has not confirmed
    neg_report = render_markdown(report_layout(Workspace.open(ws), SYMBOL, "en", "2005-05-25"))
    assert "The date has passed: the Delegation of the United States has not confirmed it." in neg_report
    compilation = render_markdown(compilation_layout(Workspace.open(ws), SYMBOL, "es", "2005-05-25"))
    assert "la Delegación de los Estados Unidos" in compilation
    assert "the paragraph is agreed" in ok(ws, "confirm", SYMBOL, "op3", "--as", "US")
    assert AmendmentStore(Workspace.open(ws)).unit_statuses("cajp-gt-tm-38-05")[wid] == "agreed"
    assert "nothing to confirm" in refused(ws, "confirm", SYMBOL, "op3", "--as", "US")


def test_a_withdrawal_of_consent_reopens_the_paragraph(ws):
    ok(ws, "mark", SYMBOL, "op3", "ad-ref", "--pending", "MX")
    ok(ws, "confirm", SYMBOL, "op3", "--withdraw", "--as", "MX")
    statuses = AmendmentStore(Workspace.open(ws)).unit_statuses("cajp-gt-tm-38-05")
    assert "open" in statuses.values()
    assert "belong to an ad-ref mark" in refused(ws, "mark", SYMBOL, "op3", "agreed", "--pending", "MX")
    assert "only delegations confirm" in refused(ws, "mark", SYMBOL, "op3", "ad-ref", "--pending", "SEC")


# -- silence ---------------------------------------------------------------------------------------


def test_silence_broken_before_the_deadline_and_a_late_break_refused(ws, now):
    ok(ws, "silence", "start", SYMBOL, "--until", now.local(hours=2), "--as", "CHAIR")
    assert "already under silence" in refused(ws, "silence", "start", SYMBOL, "--until", now.local(hours=3))
    assert "only delegations break silence" in refused(ws, "silence", "break", SYMBOL, "--text", "no", "--as", "SEC")
    assert "after the deadline" in refused(ws, "silence", "close", SYMBOL, "--as", "CHAIR")
    now.advance(hours=1)
    ok(ws, "silence", "break", SYMBOL, "--unit", "op5", "--text", "We object to op5.", "--as", "US")
    now.advance(hours=2)
    assert "a break after the deadline is refused" in refused(
        ws, "silence", "break", SYMBOL, "--text", "Too late.", "--as", "MX"
    )
    assert "broken by US" in ok(ws, "silence", "close", SYMBOL, "--as", "CHAIR")


def test_silence_adopted_after_the_deadline_and_said_in_the_next_revision_and_the_report(ws, now):
    ok(ws, "silence", "start", SYMBOL, "--until", now.local(minutes=30), "--as", "CHAIR")
    now.advance(minutes=31)
    assert "adopted under the silence procedure" in ok(ws, "silence", "close", SYMBOL, "--as", "CHAIR")
    for lang, words in (("en", "was adopted under the silence procedure"), ("es", "silencio")):
        report = render_markdown(report_layout(Workspace.open(ws), SYMBOL, lang, now.at.date().isoformat()))
        assert words in report
    proposal = ok(
        ws,
        "amend",
        "propose",
        SYMBOL,
        "--by",
        "US",
        "--unit",
        "op5",
        "--lang",
        "en",
        "--replace",
        "To urge",
        "--with",
        "To invite",
    ).strip()
    ok(ws, "amend", "translate", proposal, "--lang", "es", "--replace", "Instar", "--with", "Invitar")
    ok(ws, "amend", "accept", proposal)
    ok(ws, "rev", "issue", SYMBOL, "--date", now.at.date().isoformat())
    issued = (ws / "drafts" / "cajp-gt-tm-38-05" / "rev3.en.xml").read_text(encoding="utf-8")
    assert 'rev="2"' in issued and 'outcome="adopted"' in issued and "wgt:silence" in issued


def test_a_deadline_in_the_past_and_a_bad_deadline_are_refused(ws, now):
    assert "has passed already" in refused(ws, "silence", "start", SYMBOL, "--until", now.local(hours=-1))
    assert "is not a deadline" in refused(ws, "silence", "start", SYMBOL, "--until", "next friday")
    assert "no silence procedure is running" in refused(ws, "silence", "close", SYMBOL)


def test_an_entry_dated_in_the_future_is_refused_when_read(ws, now):
    ok(ws, "silence", "start", SYMBOL, "--until", now.local(days=3), "--as", "CHAIR")
    now.advance(days=1)  # a hostile copy signs its break with a clock a day ahead …
    ok(ws, "silence", "break", SYMBOL, "--text", "Objection.", "--as", "US")
    now.advance(days=-1)  # … and the group's machines, on time, refuse it
    with pytest.raises(WgtError, match="in the future"):
        AmendmentStore(Workspace.open(ws)).negotiation("cajp-gt-tm-38-05")


def test_a_backdated_break_after_the_close_is_refused_by_the_log_order(ws, now):
    from tracker.amendments.negotiation import sequence_problem

    ok(ws, "silence", "start", SYMBOL, "--until", now.local(hours=1), "--as", "CHAIR")
    now.advance(hours=2)
    ok(ws, "silence", "close", SYMBOL, "--as", "CHAIR")
    entries = AmendmentStore(Workspace.open(ws)).marks("cajp-gt-tm-38-05")
    start = entries[-2]
    backdated = {
        "unit": "",
        "status": "silence-break",
        "by": "US",
        "at": start["at"],
        "rev": 2,
        "text": "No.",
        "signature": "",
    }
    found = sequence_problem([*entries, backdated])
    assert found is not None and found[0] == len(entries) + 1


def test_the_procedures_in_the_report_in_both_languages(ws, now):
    ar, us = _collide(ws)
    chair = _compromise(ws, ar, us)
    _translate_compromise(ws, chair)
    ok(ws, "amend", "accept", chair)
    ok(
        ws,
        "mark",
        SYMBOL,
        "op3",
        "ad-ref",
        "--pending",
        "MX",
        "--until",
        (now.at.date() + dt.timedelta(days=7)).isoformat(),
    )
    ok(ws, "confirm", SYMBOL, "op3", "--as", "MX")
    ok(ws, "silence", "start", SYMBOL, "--until", now.local(hours=1), "--as", "CHAIR")
    ok(ws, "silence", "break", SYMBOL, "--unit", "op5", "--text", "We object to op5.", "--as", "US")
    report = {
        lang: render_markdown(report_layout(Workspace.open(ws), SYMBOL, lang, now.at.date().isoformat()))
        for lang in ("en", "es")
    }
    assert f"combines {ar} (Argentina) and {us} (United States)" in report["en"]
    assert f"combina {ar} (Argentina) y {us} (Estados Unidos)" in report["es"]
    assert "COMPROMISE TEXTS, CONFIRMATIONS AND SILENCE PROCEDURE" in report["en"]
    assert "the Delegation of Mexico confirmed it" in report["en"].replace("The Delegation", "the Delegation")
    assert "broke silence on operative paragraph 5" in report["en"]
    assert "(New York time)" in report["en"] and "(hora de Nueva York)" in report["es"]
    compilation = render_markdown(compilation_layout(Workspace.open(ws), SYMBOL, "en", now.at.date().isoformat()))
    assert "under the silence procedure until" in compilation or "broken" in compilation


def test_the_new_acts_are_in_the_log(ws, now):
    ok(ws, "mark", SYMBOL, "op3", "ad-ref", "--pending", "MX")
    ok(ws, "confirm", SYMBOL, "op3", "--as", "MX")
    ok(ws, "silence", "start", SYMBOL, "--until", now.local(hours=1), "--as", "CHAIR")
    log = ok(ws, "log")
    assert "confirm" in log and "silence.start" in log


def test_status_says_what_the_procedures_wait_for(ws, now):
    from tracker.status import workspace_status

    ok(ws, "mark", SYMBOL, "op3", "ad-ref", "--pending", "MX")
    ok(ws, "silence", "start", SYMBOL, "--until", now.local(hours=1), "--as", "CHAIR")
    status = workspace_status(Workspace.open(ws))
    assert any(t.what == "confirm" and t.command.startswith(f'wgt confirm "{SYMBOL}"') for t in status.waiting["MX"])
    assert any(t.what == "silence-running" for t in status.waiting["US"])
    now.advance(hours=2)
    status = workspace_status(Workspace.open(ws))
    assert any(t.what == "close-silence" for t in status.waiting["CHAIR"])


def test_the_redline_of_the_revision_says_what_the_compromise_combines(ws):
    from tracker.render.redline import redline_layout

    ar, us = _collide(ws)
    chair = _compromise(ws, ar, us)
    _translate_compromise(ws, chair)
    ok(ws, "amend", "accept", chair)
    ok(ws, "rev", "issue", SYMBOL, "--date", "2005-05-16")
    for lang, words in (("en", f"combines {ar} (Argentina) and {us} (United States)"), ("es", "combina")):
        redline = render_markdown(redline_layout(Workspace.open(ws), SYMBOL, 2, 3, lang, False))
        assert words in redline and f"{ar} (Argentina)" in redline.split(words)[-1]
