"""``wgt compare`` reads what the redline shows, not the whole workspace (issue 15).

The redline needs the records of the amendments and statements the compared
revisions incorporated: it reads those, each checked as every record is, and no
pending proposal, so its cost does not grow with the number of open proposals. Its
shortcuts give what the general code gives: an unchanged paragraph's runs, the runs
of a Word redline's paragraph (joined once, not remade per token).
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from story_helpers import SYMBOL, clean_language_environment, copy_of, story_workspace

from tracker.amendments.store import AmendmentStore
from tracker.render import record
from tracker.render.model import Block, Change, Footnote, Run
from tracker.render.redline import _Redline
from tracker.render.redline_text import unit_runs
from tracker.render.status import OPEN
from tracker.render.word_redline import _MARK, _NOTE, _Merge
from tracker.symbols import parse_symbol
from tracker.workspace import Workspace

_clean_language = pytest.fixture(autouse=True, name="_clean_language")(clean_language_environment)
ws = pytest.fixture(scope="module", name="ws")(story_workspace)


@pytest.fixture
def loads(monkeypatch) -> list[str]:
    """The ids of the records read (every read of a record goes through ``AmendmentStore._load``) while a test runs."""
    seen: list[str] = []
    original = AmendmentStore._load

    def load(self, *args):
        found = original(self, *args)
        seen.append(found.id)
        return found

    monkeypatch.setattr(AmendmentStore, "_load", load)
    return seen


def named(comparison) -> set[str]:
    return {a.amendment for unit in comparison.units for a in unit.attributions}


@pytest.mark.parametrize("fmt", ["term", "html", "docx"])
def test_compare_reads_only_the_records_the_revisions_incorporated(ws, run_cli, loads, tmp_path, fmt):
    workspace = Workspace.open(ws)
    everything = {r.id for r in AmendmentStore(workspace).all()}
    incorporated = named(record.compared(workspace, SYMBOL, 0, 2, None)[1])
    loads.clear()
    out = [] if fmt == "term" else ["--format", fmt, "-o", tmp_path / f"r.{fmt}"]
    code, _, err = run_cli("-C", ws, "compare", SYMBOL, *out)
    assert code == 0, err
    assert incorporated and incorporated < everything  # the story has pending proposals too
    assert set(loads) == incorporated
    assert len(loads) == len(set(loads))  # and each once (not again for the default --to)


def test_the_records_read_are_checked_in_full(ws, tmp_path, run_cli):
    """A changed record the redline names is refused; a changed pending proposal is not the redline's to read."""
    copy = copy_of(ws, tmp_path / "ws")
    workspace = Workspace.open(copy)
    _, comparison = record.compared(workspace, SYMBOL, 0, 2, None)
    store = AmendmentStore(workspace)
    records = store.all()
    pending = next(r for r in records if r.id not in named(comparison))
    path = store.path_of(pending)
    path.write_bytes(path.read_bytes().replace(b"}", b" }", 1))
    code, out, err = run_cli("-C", copy, "compare", SYMBOL)
    assert code == 0, err  # no part of the redline ('wgt verify' names it)
    used = next(r for r in records if r.id in named(comparison))
    path = store.path_of(used)
    path.write_bytes(path.read_bytes().replace(b"}", b" }", 1))
    code, out, err = run_cli("-C", copy, "compare", SYMBOL)
    assert code != 0 and "Traceback" not in err
    assert used.id in err and "restore the file from git" in err


def test_some_gives_what_all_gives(ws):
    workspace = Workspace.open(ws)
    store = AmendmentStore(workspace)
    everything = store.all()
    chosen = [r.id for r in everything[::2]]
    slug = parse_symbol(SYMBOL).slug
    got = store.some([*reversed(chosen), chosen[0], "ZZ-999"], slug)
    assert [r.id for r in got] == chosen  # in all()'s order, once each, unknown ids left out
    assert [r.to_json() for r in got] == [r.to_json() for r in everything[::2]]
    assert store.some([]) == []
    assert store.some(chosen, "no-such-document") == []


def test_an_unchanged_paragraph_is_laid_out_as_unit_runs_lays_it_out(ws):
    """The shortcut for an unchanged paragraph without notes gives the runs of the general layout."""
    neg, comparison = record.compared(Workspace.open(ws), SYMBOL, 0, 2, "en")
    redline = _Redline(neg, comparison, full=True)
    plain = [u for u in comparison.units if u.status == "unchanged" and not u.notes_to and not u.notes_from]
    assert len(plain) > 3
    for unit in plain:
        block = redline.plain_block(unit)
        general = unit_runs(unit.diff, redline.calls(unit, []), redline.hunk_changes(unit, []))
        assert block.runs[len(block.runs) - len(general) :] == general


def _runs_one_token_at_a_time(merge: _Merge, found, change):
    """The runs of :meth:`_Merge.runs` as they were made before: one token at a time."""
    out: list[Run] = []
    for style, text in found:
        if style == _NOTE:
            number = len(merge.notes) + 1
            merge.notes.append(Footnote(number, text, change))
            out.append(Run(note=number, change=change))
        elif style == _MARK:
            out.append(Run(text, change=change, style="em" if text.startswith("(") else None))
        elif out and out[-1].note is None and out[-1].style == style:
            out[-1] = replace(out[-1], text=out[-1].text + text)
        else:
            out.append(Run(text, change=change, style=style))
    return out


def test_word_redline_runs_are_the_runs_made_token_by_token():
    """Words, emphasis, calls and marks in any order: the same runs and the same new footnotes."""
    rng = random.Random(15)
    pieces = [(None, "word"), (None, " "), ("em", "stressed"), ("strong", "bold"), (_NOTE, "A note."), (_MARK, "[")]
    pieces += [(_MARK, "(agreed)"), (None, "")]
    change = Change("ins", "México", "2026-01-01")
    for _ in range(500):
        found = [rng.choice(pieces) for _ in range(rng.randrange(0, 30))]
        ours, theirs = _Merge(None, {}), _Merge(None, {})
        assert ours.runs(found, change) == _runs_one_token_at_a_time(theirs, found, change)
        assert ours.notes == theirs.notes


def test_folds_cite_from_one_count_of_the_document(ws, monkeypatch):
    """Each fold cites its own paragraphs from the one count of the later revision: linear in the document."""
    from tracker.render import citing
    from tracker.render.model import Fold

    made = []
    original = citing.Citations.__init__

    def init(self, *args, **kwargs):
        made.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(citing.Citations, "__init__", init)
    neg, comparison = record.compared(Workspace.open(ws), SYMBOL, 0, 2, "en")
    layout = _Redline(neg, comparison, full=False).build()
    assert sum(isinstance(item, Fold) for item in layout.blocks) > 2
    assert len(made) == 1


def test_word_redline_blocks_whole_runs_give_the_runs_of_their_tokens():
    """A block's runs as whole tokens compare and join as its word tokens do (the unchanged paragraphs' shortcut)."""
    rng = random.Random(16)
    texts = ["", "word", "two words, ", " ", "[", "]", "(agreed)", "end."]
    notes = {1: Footnote(1, "A note."), 2: Footnote(2, "Another.")}

    def block() -> Block:
        runs = [
            Run(note=rng.choice([1, 2]))
            if rng.random() < 0.15
            else Run(rng.choice(texts), style=rng.choice([None, "em"]))
            for _ in range(rng.randrange(0, 5))
        ]
        return Block("paragraph", runs, status=rng.choice([None, OPEN]), mark=rng.choice([None, "(agreed)"]))

    equal = 0
    for _ in range(2000):
        one, other = block(), block()
        merge = _Merge(None, {})
        whole, words = merge.tokens(one, notes, whole=True), merge.tokens(one, notes)
        assert _Merge(None, {}).runs(whole, None) == _Merge(None, {}).runs(words, None)
        if merge.tokens(other, notes, whole=True) == whole:
            equal += 1
            assert merge.tokens(other, notes) == words
    assert equal > 20
