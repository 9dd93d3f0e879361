"""The Word redline is exact (issue 13, requirement 5).

``wgt compare --format docx``: accepting every tracked change gives the later
revision as ``wgt render --format docx`` issues it, and rejecting every change
gives the earlier one, word for word and number for number (paragraph numbers
as Word counts them from ``numbering.xml``, footnote numbers as Word gives
them): :mod:`docx_resolved` applies accept and reject to the XML. Checked for
every pair of revisions of three negotiations in both languages: the rich story
(four revisions, statuses, notes), the readability story (a paragraph deleted
with its note, nine renumbered) and a generated draft (new, deleted and changed
units everywhere), then for arbitrary pairs of layouts (hypothesis), numbers
Word cannot count included; and once through LibreOffice's own Accept All and
Reject All.
"""

from __future__ import annotations

import itertools
import sys
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from docx_resolved import W, resolved
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from libreoffice import basic_string, convert, macro, run_macro, soffice
from lxml import etree
from readability_story import readability_story
from rich_story import rich_story

from tracker.amendments.consolidate import issue_revision
from tracker.documents import load_draft
from tracker.render import render_layout
from tracker.render.issued import issued_layout
from tracker.render.model import Block, Change, Footnote, Header, Layout, Run
from tracker.render.word import render_docx
from tracker.render.word_redline import _Merge, word_redline_layout
from tracker.workspace import Workspace

SYMBOL = "CAJP/GT/TM-38/05"
LANGS = ("en", "es")
REPO = Path(__file__).resolve().parent.parent


def issued(ws: Workspace, rev: int, lang: str, symbol: str = SYMBOL) -> bytes:
    """What ``wgt render --rev REV --format docx`` writes."""
    return render_layout(issued_layout(ws, load_draft(ws, symbol, rev, lang)), "docx")


def redline(ws: Workspace, first: int, last: int, lang: str, symbol: str = SYMBOL) -> bytes:
    """What ``wgt compare --from FIRST --to LAST --format docx`` writes."""
    return render_layout(word_redline_layout(ws, symbol, first, last, lang), "docx")


def assert_exact(ws: Workspace, revisions: int, lang: str, symbol: str = SYMBOL) -> None:
    rendered = {rev: resolved(issued(ws, rev, lang, symbol)) for rev in range(revisions + 1)}
    for first, last in itertools.combinations(range(revisions + 1), 2):
        data = redline(ws, first, last, lang, symbol)
        assert resolved(data, accept=True) == rendered[last], f"accepting {first}→{last} ({lang})"
        assert resolved(data, accept=False) == rendered[first], f"rejecting {first}→{last} ({lang})"


@pytest.fixture(scope="module")
def rich(tmp_path_factory) -> Workspace:
    return Workspace.open(rich_story(tmp_path_factory))


@pytest.fixture(scope="module")
def readable(tmp_path_factory, _seeded_template: Path) -> Workspace:
    return Workspace.open(readability_story(tmp_path_factory, _seeded_template))


@pytest.mark.parametrize("lang", LANGS)
def test_every_pair_of_the_rich_story(rich, lang):
    assert_exact(rich, 3, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_pair_of_the_story_with_a_deleted_paragraph(readable, lang):
    assert_exact(readable, 2, lang)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Workspace:
    """A generated draft of 160 units: rev. 1 with 5 % of the units changed, new and deleted; rev. 2 with
    the accepted half of 60 more proposals of every kind."""
    sys.path.insert(0, str(REPO))
    from bench.generate import SYMBOL as GENERATED
    from bench.generate import generate_workspace

    root = tmp_path_factory.mktemp("generated")
    with pytest.MonkeyPatch.context() as patch:  # the generator points WGT_KEYS_DIR at its keys: not for other tests
        patch.setenv("WGT_KEYS_DIR", str(root / "keys"))
        generate_workspace(root, units=160, proposals=60, seed=11)
        issue_revision(Workspace.open(root / "ws"), GENERATED, date="2005-06-01")
    return Workspace.open(root / "ws")


@pytest.mark.parametrize("lang", LANGS)
def test_every_pair_of_a_generated_draft(generated, lang):
    from bench.generate import SYMBOL as GENERATED

    assert_exact(generated, 2, lang, GENERATED)
    changes = _changes(redline(generated, 0, 2, lang, GENERATED))
    assert {"ins", "del"} <= {kind for kind, *_ in changes}
    assert any(mark for *_, mark in changes), "the generated revisions insert or delete whole paragraphs"


def _changes(data: bytes) -> list[tuple[str, str, str, str, bool]]:
    """(kind, author, date, text, whether it is a paragraph mark) of every tracked change of the body."""
    with zipfile.ZipFile(BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    return [
        (
            etree.QName(e).localname,
            e.get(f"{W}author"),
            e.get(f"{W}date"),
            "".join(e.itertext()),
            e.getparent().tag == f"{W}rPr",
        )
        for e in body.iter(f"{W}ins", f"{W}del")
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_each_change_is_in_the_name_of_its_delegation_and_renumbering_in_nobodys(readable, lang):
    names = {
        "en": {"AR": "Argentina", "GT": "Guatemala", "SEC": "Technical Secretariat"},
        "es": {"AR": "Argentina", "GT": "Guatemala", "SEC": "Secretaría Técnica"},
    }[lang]
    changes = _changes(redline(readable, 1, 2, lang))
    # Argentina deleted operative paragraph 5: its words, its note's call and its paragraph mark, on rev. 2's date
    argentina = [c for c in changes if c[1] == names["AR"]]
    assert argentina and all(kind == "del" and date == "2005-03-15T00:00:00Z" for kind, _, date, _, _ in argentina)
    assert any(mark for *_, mark in argentina)
    # Guatemala's statement: an inserted note call
    assert [kind for kind, author, *_ in changes if author == names["GT"]] == ["ins"]
    # the secretariat changed only the header block: "rev. 1" became "rev. 2", "1 March" "15 March"
    assert [(kind, text) for kind, author, _, text, _ in changes if author == names["SEC"]] == [
        ("del", "1"),
        ("ins", "2"),
        ("del", "1"),
        ("ins", "15"),
    ]
    # nine paragraphs renumbered, and no change says so: Word's numbering counts them
    assert {author for _, author, *_ in changes} == set(names.values())


def test_what_the_redline_is_said_in_a_comment_on_the_title(readable):
    data = redline(readable, 1, 2, "es")
    with zipfile.ZipFile(BytesIO(data)) as z:
        comments = etree.fromstring(z.read("word/comments.xml"))
        body = etree.fromstring(z.read("word/document.xml"))
    said = ["\n".join("".join(p.itertext()) for p in c.iter(f"{W}p")) for c in comments.iter(f"{W}comment")]
    remark = next(text for text in said if text.startswith("COMPARACIÓN DE REVISIONES"))
    assert "Cambios entre el documento CAJP/GT/TM-38/05 rev. 1" in remark
    assert "aceptar" in remark and "CAJP/GT/TM-38/05 rev. 2" in remark
    assert "AR-1 (Argentina)" in said  # each change's amendment: a comment on it
    assert "COMPARACIÓN" not in "".join(body.itertext())  # no part of either revision's text


@pytest.mark.parametrize("lang", LANGS)
def test_the_redline_says_what_it_is_in_its_properties(readable, lang):
    import docx

    core = docx.Document(BytesIO(redline(readable, 1, 2, lang))).core_properties
    assert core.author == Workspace.open(readable.root).config.body
    assert core.subject == f"{SYMBOL} rev. 2" and core.created.date().isoformat() == "2005-03-15"


# -- arbitrary layouts: numbers Word counts and numbers it cannot ----------------------------------


class _Nobody:
    """Authorship of changes no amendment made: the secretariat's, unlabelled."""

    def texts(self, unit):
        return []

    def statements(self, unit, text):
        return []

    def owners(self, deleted, inserted, texts):
        return []

    def change(self, kind, owners):
        return Change(kind, "Secretariat", "2005-03-15")

    def chair_change(self, kind):
        return Change(kind, "Chair", "2005-03-15")


WORDS = st.sampled_from(["migrants", "states", "to", "urge", "the", "rights", "of", "all", ",", ";"])
UNIT_TEXT = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)


@st.composite
def layouts(draw) -> tuple[Layout, Layout]:
    """Two revisions of a numbered list: paragraphs kept, changed, deleted and inserted, notes on some;
    numbered as Word counts (``1.``), or with a ``bis`` paragraph Word cannot number."""
    count = draw(st.integers(1, 7))
    old = [(f"op-{n}", draw(UNIT_TEXT), draw(st.booleans())) for n in range(count)]
    new = []
    for wid, text, note in old:
        fate = draw(st.sampled_from(["keep", "keep", "change", "delete", "insert"]))
        if fate == "delete":
            continue
        if fate == "change":
            text = draw(UNIT_TEXT)
        new.append((wid, text, note and draw(st.booleans())))
        if fate == "insert":
            new.append((f"new-{len(new)}", draw(UNIT_TEXT), draw(st.booleans())))
    bis = draw(st.booleans())
    return _layout(old, False, draw(st.booleans())), _layout(new, bis, draw(st.booleans()))


def _layout(units: list[tuple[str, str, bool]], bis: bool, mark: bool) -> Layout:
    layout = Layout("en", "X/1", "Title", Header("OAS", "OEA/Ser.G", "X/1", "1 March 2005"))
    layout.blocks.append(Block("title", [Run("TITLE")]))
    for n, (wid, text, note) in enumerate(units, start=1):
        num = f"{n - 1} bis." if bis and n == 2 else f"{n - 1 if bis and n > 2 else n}."
        runs = [Run(text)]
        if note:
            layout.notes.append(Footnote(len(layout.notes) + 1, f"Note on {wid}."))
            runs.append(Run(note=len(layout.notes)))
        block = Block("operative", runs, num=num, list_key="operative", unit=wid)
        if mark and n == 1:
            block.mark = "(agreed)"
        layout.blocks.append(block)
    return layout


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts())
def test_accepting_gives_the_later_layout_and_rejecting_the_earlier_for_any_pair(pair):
    old, new = pair
    merged = _Merge(_Nobody(), {}).merge(old, new)
    merged = replace(merged, renumbering="Renumbering")
    data = render_docx(merged)
    assert resolved(data, accept=True) == resolved(render_docx(new))
    assert resolved(data, accept=False) == resolved(render_docx(old))
    typed = [c for c in _changes(data) if c[1] == "Renumbering"]
    if any(block.num and "bis" in block.num for block in new.blocks if isinstance(block, Block)):
        assert all(text.rstrip("\t").rstrip(".").replace(" bis", "").isdigit() for _, _, _, text, _ in typed)
    else:
        assert not typed, "numbers Word counts need no tracked renumbering"


def test_a_renumbering_word_cannot_count_is_tracked_in_nobodys_name():
    old = _layout([("op-1", "a", False), ("op-2", "b", False), ("op-3", "c", False)], False, False)
    new = _layout([("op-1", "a", False), ("new-1", "x", False), ("op-3", "c", False)], True, False)
    merged = replace(_Merge(_Nobody(), {}).merge(old, new), renumbering="Renumbering")
    data = render_docx(merged)
    typed = [(kind, text) for kind, author, _, text, _ in _changes(data) if author == "Renumbering"]
    assert typed == [("del", "3."), ("ins", "2.")]  # c: 3. became 2.; "1 bis." came with its paragraph
    assert resolved(data, accept=True)[-3:] == ["1.\ta", "1 bis.\tx", "2.\tc"]


# -- LibreOffice's own Accept All and Reject All --------------------------------------------------


def test_libreoffice_accept_all_and_reject_all(rich, tmp_path):
    """Through LibreOffice: words and notes changed, a paragraph inserted, statuses marked (rich story 0→3).

    Not a deleted paragraph: LibreOffice's Accept All leaves an empty paragraph where one stood, its own
    tracked deletions included (a paragraph LibreOffice itself deleted with Track Changes on and saved).
    """
    soffice()
    source = tmp_path / "redline.docx"
    source.write_bytes(redline(rich, 0, 3, "es"))
    accepted, rejected = tmp_path / "accepted.docx", tmp_path / "rejected.docx"
    steps = []
    for command, out in ((".uno:AcceptAllTrackedChanges", accepted), (".uno:RejectAllTrackedChanges", rejected)):
        steps += [
            f"doc = Opened({basic_string(str(source))})",
            "frame = doc.getCurrentController().getFrame()",
            'dispatcher = createUnoService("com.sun.star.frame.DispatchHelper")',
            f'dispatcher.executeDispatch(frame, "{command}", "", 0, Array())',
            f"SaveDocx(doc, {basic_string(str(out))})",
        ]
    run_macro(tmp_path / "profile", macro(*steps, "StarDesktop.terminate()"))
    assert _opening(accepted.read_bytes()) == _through_libreoffice(issued(rich, 3, "es"), tmp_path / "r3")
    assert _opening(rejected.read_bytes()) == _through_libreoffice(issued(rich, 0, "es"), tmp_path / "r0")


def _opening(data: bytes) -> list[str]:
    """The lines of a file LibreOffice saved, without the empty paragraph it may put before a document
    that opens with a table (the header block): it does so for some files and not others, edits or none."""
    lines = resolved(data)
    return lines[1:] if lines and lines[0] == "" else lines


def _through_libreoffice(data: bytes, folder: Path) -> list[str]:
    """The lines of ``data`` once LibreOffice has opened and saved it (as it saved the redline)."""
    folder.mkdir()
    source = folder / "issued.docx"
    source.write_bytes(data)
    return _opening(convert(folder / "profile", source, folder / "out").read_bytes())
