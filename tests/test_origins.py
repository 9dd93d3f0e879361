"""Per-word provenance of a chair's compromise (tracker.patches.origins, issue 17 requirement 1).

Worked examples on an OAS operative paragraph in English and Spanish, the
semantics that need a decision (first named wins, alignment rather than a bag
of words, where spaces and punctuation go), and properties over word-ish and
arbitrary Unicode texts.
"""

from __future__ import annotations

import itertools
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.patches.origins import Piece, attribute, contributors, shares
from tracker.patches.words import tokens

PROPERTY = settings(derandomize=True, deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])

BASE_EN = "Urge member states to adopt measures to protect migrant workers."
AR1_EN = "Urge member states to adopt measures to protect migrant workers and their families."
US2_EN = "Urge member states to consider adopting measures to protect migrant workers."
CHAIR_EN = "Urge member states to consider adopting effective measures to protect migrant workers and their families."

BASE_ES = "Instar a los Estados Miembros a que adopten medidas para proteger a los trabajadores migratorios."
AR1_ES = (
    "Instar a los Estados Miembros a que adopten medidas para proteger a los trabajadores migratorios y sus familias."
)
US2_ES = "Instar a los Estados Miembros a que consideren adoptar medidas para proteger a los trabajadores migratorios."
CHAIR_ES = (
    "Instar a los Estados Miembros a que consideren adoptar medidas eficaces para proteger a los trabajadores "
    "migratorios y sus familias."
)

WORD = re.compile(r"\w")


def word_count(text: str) -> int:
    return sum(1 for token in tokens(text) if WORD.match(token))


def test_the_english_compromise_combines_ar1_and_us2_with_one_word_of_the_chair() -> None:
    sources = [("AR-1", AR1_EN), ("US-2", US2_EN)]
    pieces = attribute(CHAIR_EN, BASE_EN, sources, new="CHAIR-1")
    assert pieces == [
        Piece("Urge member states to ", "base"),
        Piece("consider adopting ", "US-2"),
        Piece("effective ", "CHAIR-1"),
        Piece("measures to protect migrant workers ", "base"),
        Piece("and their families.", "AR-1"),  # the full stop goes with the word before it
    ]
    assert shares(pieces) == {"base": 9, "US-2": 2, "CHAIR-1": 1, "AR-1": 3}
    assert contributors(pieces, sources) == ["AR-1", "US-2"]  # the order named, not the order of the text


def test_the_spanish_compromise_keeps_the_base_word_between_two_changes() -> None:
    # "medidas" stands between US-2's change and the chair's word: diff-match-patch's semantic
    # clean-up would fold it into a replacement; alignment keeps it the base's.
    sources = [("AR-1", AR1_ES), ("US-2", US2_ES)]
    pieces = attribute(CHAIR_ES, BASE_ES, sources, new="CHAIR-1")
    assert pieces == [
        Piece("Instar a los Estados Miembros a que ", "base"),
        Piece("consideren adoptar ", "US-2"),
        Piece("medidas ", "base"),
        Piece("eficaces ", "CHAIR-1"),
        Piece("para proteger a los trabajadores migratorios ", "base"),
        Piece("y sus familias.", "AR-1"),
    ]
    assert shares(pieces) == {"base": 14, "US-2": 2, "CHAIR-1": 1, "AR-1": 3}
    assert contributors(pieces, sources) == ["AR-1", "US-2"]


def test_words_two_proposals_both_inserted_are_the_first_named() -> None:
    both = "Urge member states to adopt measures to protect migrant workers and their families."
    pieces = attribute(both, BASE_EN, [("AR-1", AR1_EN), ("BR-1", both)])
    assert pieces[-1] == Piece("and their families.", "AR-1")
    assert contributors(pieces, [("AR-1", AR1_EN), ("BR-1", both)]) == ["AR-1"]
    swapped = attribute(both, BASE_EN, [("BR-1", both), ("AR-1", AR1_EN)])
    assert swapped[-1] == Piece("and their families.", "BR-1")


def test_a_base_word_the_compromise_moves_is_not_the_base() -> None:
    base = "urgently protect migrant workers"
    compromise = "protect migrant workers urgently"
    assert attribute(compromise, base, []) == [Piece("protect migrant workers ", "base"), Piece("urgently", "new")]
    # ... and a proposal that put it there first is credited with it.
    pieces = attribute(compromise, base, [("US-2", base), ("MX-1", compromise)])
    assert pieces == [Piece("protect migrant workers ", "base"), Piece("urgently", "MX-1")]


def test_a_base_word_a_proposal_deleted_but_the_compromise_keeps_is_the_base() -> None:
    deleting = "Urge member states to adopt measures to protect workers."
    pieces = attribute(BASE_EN, BASE_EN, [("CA-1", deleting)])
    assert pieces == [Piece(BASE_EN, "base")]


def test_leading_punctuation_goes_with_the_first_word_and_wordless_text_is_one_piece() -> None:
    pieces = attribute("«Urge states", "Urge states", [])
    assert pieces == [Piece("«Urge states", "base")]  # the new « has no word of its own
    assert attribute("", BASE_EN, [("AR-1", AR1_EN)]) == []
    assert attribute(" — ", "", []) == [Piece(" — ", "new")]
    assert attribute(" . ", " . ", []) == [Piece(" . ", "base")]
    assert shares(attribute(" — ", "", [])) == {"new": 0}


@pytest.mark.parametrize(
    "sources, new",
    [
        ([("base", "x")], "new"),
        ([("AR-1", "x")], "base"),
        ([("AR-1", "x")], "AR-1"),
        ([("AR-1", "x"), ("AR-1", "y")], "new"),
    ],
)
def test_origins_with_the_same_name_are_refused(sources: list[tuple[str, str]], new: str) -> None:
    with pytest.raises(ValueError, match="names two origins"):
        attribute("x", "y", sources, new=new)


def test_the_refusal_speaks_spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WGT_UI_LANG", "es")
    with pytest.raises(ValueError, match="“AR-1” designa dos orígenes del texto de transacción"):
        attribute("x", "y", [("AR-1", "x"), ("AR-1", "y")])


def test_a_20000_character_paragraph_is_attributed_quickly() -> None:
    sentences = [
        f"In paragraph {n}, urge member states to adopt measures to protect migrant workers." for n in range(250)
    ]
    base = " ".join(sentences)
    assert len(base) >= 20_000
    ar1 = base.replace("paragraph 3,", "paragraph 3, and their families,")
    us2 = base.replace("paragraph 230, urge", "paragraph 230, call upon")
    compromise = ar1.replace("paragraph 230, urge", "paragraph 230, call upon").replace(
        "paragraph 120, urge", "paragraph 120, strongly urge"
    )
    started = time.perf_counter()
    pieces = attribute(compromise, base, [("AR-1", ar1), ("US-2", us2)], new="CHAIR-1")
    elapsed = time.perf_counter() - started
    assert "".join(p.text for p in pieces) == compromise
    assert [p.origin for p in pieces] == ["base", "AR-1", "base", "CHAIR-1", "base", "US-2", "base"]
    assert [p.text for p in pieces if p.origin != "base"] == ["and their families, ", "strongly ", "call upon "]
    assert elapsed < 5  # seconds on a busy shared machine; about 0.1 s alone


# -- properties ---------------------------------------------------------------------------------

WORDISH = ["a", "b", "é", "ñu", "the", "de", "1", " ", " ", "  ", "\u00a0", "\n", ",", ".", "(", "«", "’"]
unicode_text = st.lists(
    st.one_of(st.characters(codec="utf-8"), st.characters(min_codepoint=0x10000), st.sampled_from(WORDISH)),
    max_size=40,
).map("".join)


@st.composite
def edited(draw, base: str, pieces: list[str]) -> str:
    """``base`` (a text of ``pieces``) with a few stretches replaced."""
    target = list(base)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(target)))
        target[at : at + draw(st.integers(0, 3))] = draw(st.lists(st.sampled_from(pieces), max_size=3))
    return "".join(target)


@st.composite
def wordish_case(draw):
    """A base, two or three proposals edited from it, and a compromise edited from one of them."""
    base = "".join(draw(st.lists(st.sampled_from(WORDISH), max_size=30)))
    sources = [(f"P-{n}", draw(edited(base, WORDISH))) for n in range(draw(st.integers(0, 3)))]
    start = draw(st.sampled_from([base] + [text for _id, text in sources]))
    return draw(edited(start, WORDISH)), base, sources


@st.composite
def unicode_case(draw):
    sources = [(f"P-{n}", draw(unicode_text)) for n in range(draw(st.integers(0, 3)))]
    return draw(unicode_text), draw(unicode_text), sources


any_case = st.one_of(wordish_case(), unicode_case())


def check_pieces(pieces: list[Piece], compromise: str, origins: set[str]) -> None:
    assert "".join(p.text for p in pieces) == compromise
    assert all(p.text for p in pieces)
    assert all(a.origin != b.origin for a, b in itertools.pairwise(pieces))
    assert {p.origin for p in pieces} <= origins
    # No piece splits a token (so none splits a word), and only the first piece has no word
    # ahead of its spaces and signs: pieces are whole words plus what follows them.
    assert [t for p in pieces for t in tokens(p.text)] == tokens(compromise)
    for p in pieces[1:]:
        assert WORD.match(p.text)
    if word_count(compromise):
        assert all(word_count(p.text) for p in pieces)
    else:
        assert len(pieces) == (1 if compromise else 0)
    assert sum(shares(pieces).values()) == word_count(compromise)


@PROPERTY
@given(any_case)
def test_property_pieces_rebuild_the_compromise_and_keep_words_whole(case) -> None:
    compromise, base, sources = case
    pieces = attribute(compromise, base, sources, new="CHAIR")
    check_pieces(pieces, compromise, {"base", "CHAIR", *(i for i, _t in sources)})
    assert attribute(compromise, base, sources, new="CHAIR") == pieces  # deterministic
    named = contributors(pieces, sources)
    assert named == [i for i, _t in sources if i in shares(pieces) and shares(pieces)[i] > 0]


@PROPERTY
@given(any_case)
def test_property_the_base_unchanged_is_one_base_piece(case) -> None:
    _compromise, base, sources = case
    assert attribute(base, base, sources) == ([Piece(base, "base")] if base else [])


@PROPERTY
@given(st.lists(st.sampled_from(WORDISH), max_size=30).map("".join), st.data())
def test_property_a_proposal_taken_whole_is_that_proposals_or_the_bases(text: str, data) -> None:
    base = "".join(data.draw(st.lists(st.sampled_from(WORDISH), max_size=30)))
    pieces = attribute(text, base, [("AR-1", "unrelated"), ("US-2", text)])
    assert {p.origin for p in pieces} <= {"base", "US-2"}
    # With a base of other words (the same spaces and signs), every word is US-2's.
    other = "".join(data.draw(st.lists(st.sampled_from(["Ω", "zz", " ", ",", "."]), max_size=30)))
    pieces = attribute(text, other, [("AR-1", "unrelated"), ("US-2", text)])
    if word_count(text):
        assert pieces == [Piece(text, "US-2")]


@PROPERTY
@given(any_case, st.data())
def test_property_a_word_in_no_input_is_new(case, data) -> None:
    compromise, base, sources = case
    fresh = "Ωfresh"
    assume_absent = [base, compromise, *(t for _i, t in sources)]
    if any(fresh in t for t in assume_absent):
        return
    cut = data.draw(st.integers(0, len(compromise)))
    compromise = f"{compromise[:cut]} {fresh} {compromise[cut:]}"
    pieces = attribute(compromise, base, sources, new="CHAIR")
    check_pieces(pieces, compromise, {"base", "CHAIR", *(i for i, _t in sources)})
    at = compromise.index(fresh)
    offset = 0
    for piece in pieces:
        if offset <= at < offset + len(piece.text):
            assert piece.origin == "CHAIR"
            assert fresh in piece.text
        offset += len(piece.text)
