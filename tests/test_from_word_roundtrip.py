"""Round trip (issue 13): render → arbitrary edits in Word → ``from-word`` → ``rev issue`` gives the edited text.

Hypothesis draws edits of the bundled draft resolution in English or Spanish —
words replaced, inserted or deleted, new paragraphs, deleted paragraphs, each
made with Track Changes on or off — and writes them as real WordprocessingML
revisions (:mod:`word_edits`). The file's proposals are taken in, translated
into the other language, accepted and issued; the issued revision must read, in
the file's language, exactly as the edited file did.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from amend_helpers import SYMBOL, copy_bundled, ok
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from word_edits import Editor

from tracker.amendments.consolidate import issue_revision
from tracker.amendments.operations import Operation
from tracker.amendments.proposals import decide, translate
from tracker.documents import load_draft
from tracker.fromword import from_word
from tracker.workspace import Workspace

OTHER = {"en": "es", "es": "en"}
WORD = st.text("abcdefghijklmnopqrstuvwxyzáéíóúñüç", min_size=1, max_size=9)
#: The kinds of unit a new paragraph may follow, when they have no sub-paragraphs.
FOLLOWABLE = ("paragraph", "subparagraph", "recital", "recitals")


@st.composite
def edits(draw: st.DrawFn) -> list[tuple]:
    """Edits of distinct units: (kind, unit index, details, tracked)."""
    chosen = draw(st.lists(st.integers(0, 10_000), min_size=1, max_size=6, unique=True))
    out = []
    for seed in chosen:
        kind = draw(st.sampled_from(["words", "new", "words", "new", "delete"]))
        tracked = draw(st.booleans())
        if kind == "words":
            details = (draw(st.integers(0, 10_000)), draw(st.integers(0, 3)), draw(st.lists(WORD, max_size=4)))
        elif kind == "new":
            details = (draw(st.lists(WORD, min_size=1, max_size=8)),)
        else:
            details = ()
        out.append((kind, seed, details, tracked))
    return out


def _last_of_group(unit, draft, expected: dict[str, str | None]) -> bool:
    """Whether ``unit`` is the last paragraph left under a group opener (TAKING INTO ACCOUNT:), which needs one."""
    if unit.parent is None or draft.unit(unit.parent).kind != "recitals":
        return False
    return not [u for u in draft.units() if u.parent == unit.parent and u.wid != unit.wid and expected[u.wid]]


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S+", text)]


@pytest.mark.parametrize("lang", ["en", "es"])
@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(changes=edits())
@example(changes=[("delete", 1, (), False)])  # pp1, alone in its recitals: the group goes with it
def test_tracked_and_untracked_edits_come_back_as_the_issued_text(lang: str, changes: list[tuple]) -> None:
    with tempfile.TemporaryDirectory(prefix="wgt-roundtrip-") as folder:  # one fresh workspace per example
        round_trip(lang, changes, Path(folder))


def round_trip(lang: str, changes: list[tuple], folder: Path) -> None:
    """Make ``changes`` to the ``lang`` file of a fresh copy of the bundled workspace in ``folder``, and check."""
    ws_root = copy_bundled(folder / "ws")
    ws = Workspace.open(ws_root)
    draft = load_draft(ws, SYMBOL, lang=lang)
    units = [u for u in draft.units() if u.text and u.kind != "docTitle"]
    parents = {u.parent for u in draft.units() if u.parent}
    out = ws_root.parent / "rev0.docx"
    ok(ws_root, "render", SYMBOL, "--lang", lang, "--format", "docx", "-o", out)
    editor = Editor(out.read_bytes(), author="Delegation")
    expected: dict[str, str | None] = {u.wid: u.text for u in draft.units()}
    added: dict[str, list[str]] = {}
    used: set[str] = set()
    for kind, seed, details, tracked in changes:
        unit = units[seed % len(units)]
        if unit.wid in used:
            continue
        if kind == "words" and unit.wid not in parents:
            start_seed, count, new_words = details
            spans = _word_spans(unit.text)
            first = start_seed % (len(spans) + 1)
            last = min(first + count, len(spans))
            text, replacement = unit.text, " ".join(new_words)
            if first == last:  # an insertion before word ``first`` (or at the end)
                at = spans[first][0] if first < len(spans) else len(text)
                old, new = "", (replacement + " " if first < len(spans) else " " + replacement) if replacement else ""
            elif replacement:
                at, old, new = spans[first][0], text[spans[first][0] : spans[last - 1][1]], replacement
            else:  # words deleted with the space after them (or before them, at the end)
                end = spans[last - 1][1]
                at = spans[first][0] if last < len(spans) else (spans[first - 1][1] if first else 0)
                old, new = text[at : spans[last][0] if last < len(spans) else end], ""
            result = text[:at] + new + text[at + len(old) :]
            if (not old and not new) or not result.strip() or result == text:
                continue
            editor.replace(unit.wid, old, new, tracked, at=at)
            expected[unit.wid] = result
        elif kind == "new" and unit.kind in FOLLOWABLE and unit.wid not in parents:
            text = " ".join(details[0])
            editor.insert_after(unit.wid, text, tracked)
            added.setdefault(unit.wid, []).insert(0, text)  # each inserted right after the unit: it reads first
        elif kind == "delete" and unit.wid not in parents and not _last_of_group(unit, draft, expected):
            editor.delete(unit.wid, tracked)
            expected[unit.wid] = None
        else:
            continue
        used.add(unit.wid)
    if not used:
        return
    path = ws_root.parent / "edited.docx"
    path.write_bytes(editor.save())
    intake = from_word(ws, path, "MX")
    other = OTHER[lang]
    for record in intake.records:
        if record.kind == "modify":
            base = load_draft(ws, SYMBOL, lang=other).unit(record.unit).text
            translate(ws, record.id, other, operation=Operation("text", new=base + " (tr.)"))
        elif record.kind == "new-unit":
            translate(ws, record.id, other, text="(tr.)")
    decide(ws, intake.ids, "accepted", "CHAIR")
    # The other language's "(tr.)" is a placeholder: the languages are not in step, and this round
    # trip of one language's Word edits is not the test of that (tests/test_check.py is).
    with mock.patch("tracker.amendments.consolidate.refuse_differences"):
        issue_revision(ws, SYMBOL, date="2005-05-01")
    issued = load_draft(Workspace.open(ws_root), SYMBOL, 1, lang)
    want = []
    for unit in draft.units():
        if expected[unit.wid] is not None:
            want.append(expected[unit.wid])
        want += added.get(unit.wid, [])
    assert [u.text for u in issued.units()] == want
