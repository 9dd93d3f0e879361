"""The text layer: patches, edits as base ranges, collisions and staleness (tracker.patches).

Includes the measured diff-match-patch pitfalls of issue 3 (``patch_apply`` reporting
success while overwriting or garbling another delegation's change) and property
tests over arbitrary Unicode.
"""

from __future__ import annotations

import itertools
import re

import pytest
from diff_match_patch import diff_match_patch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.amendments.collisions import find_collisions
from tracker.amendments.record import Amendment
from tracker.patches import (
    Edit,
    PatchError,
    StaleError,
    apply_edits,
    apply_to_base,
    carry_edits,
    edits_between,
    make_patch,
    overlapping,
    word_diff,
)
from tracker.patches.words import _token_diff

OP3 = (
    "To call the attention of the states to Advisory Opinion OC-18 of the Inter-American Court of Human Rights, "
    "which affirms that a person’s status as a migrant cannot constitute a justification for denying that person "
    "the enjoyment and exercise of his or her human rights, including those of a labor-related nature."
)
OP3_ES = (
    "Llamar la atención de los Estados sobre la Opinión Consultiva OC-18 de la Corte Interamericana de Derechos "
    "Humanos, en la que se afirma que la calidad migratoria de una persona no puede constituir una justificación "
    "para privarla del goce y ejercicio de sus derechos humanos, entre ellos los de carácter laboral."
)

PROPERTY = settings(derandomize=True, deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def edit_of(base: str, old: str, new: str) -> Edit:
    """The edit replacing the one occurrence of ``old`` in ``base``."""
    assert base.count(old) == 1
    start = base.index(old)
    return Edit(start, start + len(old), new)


# -- make_patch / apply_to_base ---------------------------------------------------


@pytest.mark.parametrize(
    ("base", "target"),
    [
        (OP3, OP3.replace("cannot", "can in no case")),
        (OP3_ES, OP3_ES.replace("no puede", "en ningún caso puede")),
        (OP3, OP3.replace(", including those of a labor-related nature", "")),
        ("", "A new paragraph with “quotes”, rev.\u00a01 and 𝒜 😀."),
        ("A paragraph to delete — entirely.", ""),
        ("México", "Me\u0301xico"),  # NFC to NFD is a change too
        ("100 % of 50%25 and @@ -1,2 +1,2 @@ look like patch text", "100 %% of 50%25 and @@ +1 @@"),
        ("line one\nline two", "line one\r\nline 2\n"),
    ],
)
def test_patch_round_trip(base: str, target: str) -> None:
    patch = make_patch(base, target)
    assert patch.startswith("@@ -")
    assert apply_to_base(base, patch) == target


def test_identical_texts_make_an_empty_patch() -> None:
    assert make_patch(OP3, OP3) == ""
    assert apply_to_base(OP3, "") == OP3


def test_patch_text_is_percent_encoded_one_hunk_per_change() -> None:
    patch = make_patch(OP3_ES, OP3_ES.replace("no puede", "en ningún caso puede"))
    assert "%C3%BA" in patch  # ú
    assert all(line[:1] in ("@", " ", "-", "+") for line in patch.splitlines())


HAND_EDITS = {
    # Each of these still "applies" with default patch_apply settings (it reports success).
    "hunk moved to another offset": lambda p: re.sub(r"^@@ -\d+", "@@ -5", p),
    "context word changed": lambda p: p.replace("\n  can\n", "\n  caN\n"),
    "deleted word changed": lambda p: p.replace("\n-not\n", "\n-nut\n"),
    "header lengths changed": lambda p: re.sub(r"\+(\d+),(\d+) @@", lambda m: f"+{m[1]},{int(m[2]) + 1} @@", p),
    "hunk split in two lines": lambda p: p.replace("\n-not\n", "\n-n\n-ot\n"),
    "hunk written twice": lambda p: p + p,
    "hunk emptied": lambda p: p.splitlines()[0] + "\n",
    "insertion not percent-encoded": lambda p: p.replace("+ in no case", "+ in no é case"),
}


@pytest.mark.parametrize("name", sorted(HAND_EDITS))
def test_a_hand_edited_patch_that_default_patch_apply_accepts_is_refused(name: str) -> None:
    patch = make_patch(OP3, OP3.replace("cannot", "can in no case"))
    assert patch == "@@ -157,11 +157,19 @@\n  can\n-not\n+ in no case\n  con\n"
    edited = HAND_EDITS[name](patch)
    assert edited != patch
    dmp = diff_match_patch()
    _, applied = dmp.patch_apply(dmp.patch_fromText(edited), OP3)
    assert all(applied), "the point of the case: plain patch_apply reports success"
    with pytest.raises(PatchError):
        apply_to_base(OP3, edited)


@pytest.mark.parametrize(
    "nonsense",
    [
        "hello world",
        "@@ -x +y @@\n",
        "@@ -157,11 +157,19 @@\n*not a patch line\n",
        "@@ -0,30 +0 @@\n@@ -50,11 +50,19 @@",  # crashed patch_apply (IndexError) before
        "@@ -157,11 +157,19 @@\n  can\n-not\n+%ZZ\n  con\n",
        make_patch("some other text", "some other words"),
        "@@ -5000,0 +5000,3 @@\n+abc\n",  # an insertion past the end of the text
    ],
)
def test_nonsense_patches_raise_patch_error_in_one_line(nonsense: str) -> None:
    with pytest.raises(PatchError) as caught:
        apply_to_base(OP3, nonsense)
    assert "\n" not in str(caught.value)


def test_a_patch_applies_only_to_its_own_base() -> None:
    patch = make_patch(OP3, OP3.replace("cannot", "can in no case"))
    moved = "Preamble words. " + OP3  # the same words, 16 characters later
    with pytest.raises(PatchError):
        apply_to_base(moved, patch)


# -- edits and overlaps -------------------------------------------------------------


def test_edits_between_gives_whole_words() -> None:
    assert edits_between(OP3, OP3.replace("cannot", "can in no case")) == [edit_of(OP3, "cannot", "can in no case")]
    at = OP3_ES.index("no puede")
    assert edits_between(OP3_ES, OP3_ES.replace("no puede", "en ningún caso puede")) == [
        Edit(at, at + len("no"), "en ningún caso")
    ]
    assert edits_between(OP3, OP3) == []
    assert edits_between("", "new") == [Edit(0, 0, "new")]
    assert edits_between("old", "") == [Edit(0, 3, "")]


def test_apply_edits_right_to_left() -> None:
    edits = [edit_of(OP3, "call", "draw"), edit_of(OP3, "cannot", "can in no case"), Edit(len(OP3) - 1, len(OP3), ";")]
    expected = OP3.replace("call", "draw").replace("cannot", "can in no case")[:-1] + ";"
    assert apply_edits(OP3, edits) == expected
    assert apply_edits(OP3, list(reversed(edits))) == expected


@pytest.mark.parametrize(
    ("a", "b", "collide"),
    [
        (Edit(5, 5, "x"), Edit(5, 5, "y"), True),  # two insertions at the same point
        (Edit(5, 5, "x"), Edit(6, 6, "y"), False),  # insertions at different points
        (Edit(5, 5, "x"), Edit(3, 8, "y"), True),  # insertion strictly inside a replaced range
        (Edit(3, 3, "x"), Edit(3, 8, "y"), False),  # insertion at the start of a range: they meet
        (Edit(8, 8, "x"), Edit(3, 8, "y"), False),  # insertion at the end of a range
        (Edit(0, 4, ""), Edit(4, 9, "z"), False),  # adjacent ranges
        (Edit(0, 5, ""), Edit(4, 9, "z"), True),  # one character in common
        (Edit(2, 7, "a"), Edit(3, 4, "b"), True),  # one inside the other
        (Edit(2, 7, "a"), Edit(2, 7, "a"), True),  # the same change twice still collides
        (Edit(0, 2, ""), Edit(5, 9, ""), False),
    ],
)
def test_overlapping(a: Edit, b: Edit, collide: bool) -> None:
    assert overlapping(a, b) is collide
    assert overlapping(b, a) is collide


def test_a_word_changed_two_ways_collides() -> None:
    """Character diffs of "cannot" → "can never" and "cannot" → "may not" only meet at a boundary;
    in whole words they collide (applying both used to give "may  never")."""
    [a] = edits_between(OP3, OP3.replace("cannot", "can never"))
    [b] = edits_between(OP3, OP3.replace("cannot", "may not"))
    assert overlapping(a, b)
    es_a = edits_between(OP3_ES, OP3_ES.replace("no puede", "en ningún caso puede"))
    es_b = edits_between(OP3_ES, OP3_ES.replace("no puede", "nunca puede"))
    assert any(overlapping(x, y) for x in es_a for y in es_b)


# -- carrying a proposal to a later text ----------------------------------------------


def test_carry_edits_shifts_past_unrelated_changes() -> None:
    # rev. 1 changed words before and after the proposals', with different lengths.
    current = OP3.replace("cannot", "can in no case").replace(", including those of a labor-related nature", "")
    proposal = [edit_of(OP3, "call", "draw")]
    assert carry_edits(OP3, current, proposal) == proposal  # nothing before "call" moved
    carried = carry_edits(OP3, current, [edit_of(OP3, "denying", "refusing")])
    assert apply_edits(current, carried) == current.replace("denying", "refusing")
    assert carried[0].start == OP3.index("denying") + len(" in no case") - len("not")
    before = "Recalling its resolutions, " + OP3
    carried = carry_edits(OP3, before, [edit_of(OP3, "human rights", "fundamental rights")])
    assert apply_edits(before, carried) == before.replace("human rights", "fundamental rights")


def test_carry_edits_is_identity_when_nothing_changed() -> None:
    proposal = [edit_of(OP3, "cannot", "may not")]
    assert carry_edits(OP3, OP3, proposal) == proposal


@pytest.mark.parametrize(
    ("since", "proposal_old", "proposal_new"),
    [
        (("cannot", "can in no case"), "cannot", "may not"),  # the same word
        (("a justification for", "a ground for"), "constitute a justification", "justify"),  # overlap
        (("migrant cannot", "migrant can never"), "cannot constitute", "shall not constitute"),
        (("labor-related", "labour-related"), "labor-related nature", "labor rights"),
    ],
)
def test_carry_edits_refuses_when_the_words_changed(since, proposal_old, proposal_new) -> None:
    current = OP3.replace(*since)
    proposal = edits_between(OP3, OP3.replace(proposal_old, proposal_new))
    with pytest.raises(StaleError) as caught:
        carry_edits(OP3, current, proposal)
    assert caught.value.base_words
    assert caught.value.base_words in OP3
    assert "were changed since the proposal was made" in str(caught.value)


def test_an_insertion_next_to_reworded_text_is_stale() -> None:
    current = OP3.replace("human rights,", "human freedoms,")
    proposal = edits_between(OP3, OP3.replace("human rights,", "human rights and duties,"))
    assert proposal == [Edit(OP3.index("rights,") + 6, OP3.index("rights,") + 6, " and duties")]
    with pytest.raises(StaleError):
        carry_edits(OP3, current, proposal)


def test_the_whole_proposal_is_stale_never_part_of_it() -> None:
    current = OP3.replace("cannot", "can in no case")
    proposal = edits_between(OP3, OP3.replace("call", "draw").replace("cannot", "may not"))
    assert len(proposal) == 2
    with pytest.raises(StaleError):
        carry_edits(OP3, current, proposal)


# -- the diff-match-patch pitfall (issue 3, requirement 5) ------------------------------


@pytest.mark.parametrize(
    ("mine", "theirs", "expect"),
    [
        # Our change overwrites theirs outright: their plural is gone.
        (("justification", "ground"), ("justification", "justifications"), "a ground for denying"),
        # Theirs ("depriving") is silently replaced by ours ("refusing").
        (("denying", "refusing"), ("denying", "depriving"), "for refusing that person"),
        # Two changes of one word give words nobody proposed.
        (("cannot", "can in no case"), ("cannot", "may not"), "may  in no case"),
    ],
)
def test_default_patch_apply_reports_success_while_overwriting_but_carry_edits_refuses(mine, theirs, expect) -> None:
    proposal = OP3.replace(*mine)
    current = OP3.replace(*theirs)  # another delegation's change, already in the revision
    dmp = diff_match_patch()
    result, applied = dmp.patch_apply(dmp.patch_make(OP3, proposal), current)
    assert all(applied)
    assert theirs[1] not in result.replace(mine[1], "")
    assert expect in result
    with pytest.raises(StaleError):
        carry_edits(OP3, current, edits_between(OP3, proposal))


def test_default_patch_apply_drops_an_edit_in_the_middle_of_a_long_hunk() -> None:
    passage = (
        "which affirms that a person’s status as a migrant cannot constitute a justification for denying "
        "that person the enjoyment and exercise of his or her human rights"
    )
    mine = OP3.replace(passage, "which affirms the rights of migrants")
    current = OP3.replace("denying", "refusing")
    dmp = diff_match_patch()
    result, applied = dmp.patch_apply(dmp.patch_make(OP3, mine), current)
    assert all(applied)
    assert result == mine  # the other delegation's "refusing" is gone without a word
    with pytest.raises(StaleError):
        carry_edits(OP3, current, edits_between(OP3, mine))


@pytest.mark.parametrize(
    ("mine", "theirs", "garbled"),
    [
        (("labor-related", "labour-related"), ("labor-related", "work-related"), "wourk-related"),
        (("nature", "character"), ("nature", "kind"), "kicharacter"),
    ],
)
def test_default_patch_apply_garbles_words_and_reports_success(mine, theirs, garbled) -> None:
    dmp = diff_match_patch()
    result, applied = dmp.patch_apply(dmp.patch_make(OP3, OP3.replace(*mine)), OP3.replace(*theirs))
    assert all(applied)
    assert garbled in result
    with pytest.raises(StaleError):
        carry_edits(OP3, OP3.replace(*theirs), edits_between(OP3, OP3.replace(*mine)))


# -- collisions between proposals ------------------------------------------------------


def proposal(amendment_id: str, unit: str = "op-1") -> Amendment:
    return Amendment(amendment_id, "CAJP/GT/TM-38/05", amendment_id.split("-")[0], "modify", unit, 0, "en", "")


def test_find_collisions_on_crafted_inputs() -> None:
    us1, ar1, mx1, gt1 = proposal("US-1"), proposal("AR-1"), proposal("MX-1"), proposal("GT-1")
    unit, lang = "op-1", "en"
    changes = {
        (unit, lang): [
            (us1, [edit_of(OP3, ", including those of a labor-related nature", "")]),
            (ar1, [edit_of(OP3, "those of a labor-related nature", "labour rights")]),
            (mx1, [edit_of(OP3, "cannot", "can in no case")]),
            (gt1, [edit_of(OP3, "call", "draw"), Edit(OP3.index(" nature"), OP3.index(" nature"), " and kind")]),
        ],
        (unit, "es"): [(mx1, [Edit(0, 6, "Señalar")]), (gt1, [Edit(0, 6, "Destacar")])],
        ("op-2", lang): [(us1, [Edit(0, 3, "")]), (ar1, [Edit(3, 6, "")])],  # adjacent: no collision
    }
    current = {(unit, lang): OP3, (unit, "es"): OP3_ES, ("op-2", lang): OP3}
    found = [{k: v for k, v in c.to_json().items() if k != "label"} for c in find_collisions(changes, current)]
    assert found == [
        # An insertion inside a range collides with it; the overlap shown is the range.
        {"first": "AR-1", "second": "GT-1", "unit": unit, "lang": "en", "overlap": "those of a labor-related nature"},
        {"first": "AR-1", "second": "US-1", "unit": unit, "lang": "en", "overlap": "those of a labor-related nature"},
        {"first": "GT-1", "second": "MX-1", "unit": unit, "lang": "es", "overlap": "Llamar"},
        {
            "first": "GT-1",
            "second": "US-1",
            "unit": unit,
            "lang": "en",
            "overlap": ", including those of a labor-related nature",
        },
    ]
    explained = find_collisions(changes, current)[1].explain()
    assert explained == "AR-1 and US-1 both change 'those of a labor-related nature' in op-1 (en)"


def test_find_collisions_insertions_at_one_point_and_an_amendment_with_itself() -> None:
    mx1, us1 = proposal("MX-1"), proposal("US-1")
    at = OP3.index(" of the states")
    changes = {
        ("op-1", "en"): [
            (mx1, [Edit(at, at, " member"), Edit(at, at + 3, " of")]),  # its own edits never collide
            (us1, [Edit(at, at, " all")]),
        ]
    }
    [collision] = find_collisions(changes, {("op-1", "en"): OP3})
    assert (collision.first, collision.second) == ("MX-1", "US-1")
    assert collision.text == "" or collision.text in OP3


def test_find_collisions_whole_unit_deletion_collides_with_any_edit() -> None:
    mx1, us1, gt1 = proposal("MX-1"), proposal("US-1"), proposal("GT-1")
    changes = {
        ("op-1", "en"): [
            (mx1, [Edit(0, len(OP3), "")]),
            (us1, [edit_of(OP3, "cannot", "may not")]),
            (gt1, [Edit(len(OP3), len(OP3), " Also this.")]),  # appended at the very end
        ]
    }
    pairs = [(c.first, c.second) for c in find_collisions(changes, {("op-1", "en"): OP3})]
    assert ("MX-1", "US-1") in pairs
    assert ("GT-1", "US-1") not in pairs


def test_find_collisions_orders_ids_numerically() -> None:
    mx2, mx10 = proposal("MX-2"), proposal("MX-10")
    changes = {("op-1", "en"): [(mx10, [Edit(0, 4, "")]), (mx2, [Edit(2, 6, "")])]}
    [collision] = find_collisions(changes, {("op-1", "en"): OP3})
    assert (collision.first, collision.second, collision.text) == ("MX-2", "MX-10", OP3[2:4])


# -- properties over arbitrary Unicode ---------------------------------------------------

SPECIAL = ["é", "ñ", "Ü", "e\u0301", "“", "”", "’", "«", "»", "\u00a0", "—", "😀", "𝒜", "🇲🇽", "%", "@", "\n", " "]
unicode_text = st.lists(
    st.one_of(st.sampled_from(SPECIAL), st.characters(codec="utf-8"), st.characters(min_codepoint=0x10000)),
    max_size=40,
).map("".join)


@PROPERTY
@given(unicode_text, unicode_text)
def test_property_patch_made_then_applied_gives_the_target(base: str, target: str) -> None:
    assert apply_to_base(base, make_patch(base, target)) == target


@PROPERTY
@given(unicode_text, unicode_text)
def test_property_edits_between_then_apply_edits_gives_the_target(base: str, target: str) -> None:
    edits = edits_between(base, target)
    assert apply_edits(base, edits) == target
    assert all(a.end <= b.start for a, b in itertools.pairwise(edits))  # sorted and disjoint


@PROPERTY
@given(unicode_text, unicode_text)
def test_property_word_diff_rebuilds_both_texts(before: str, after: str) -> None:
    diffs = word_diff(before, after)
    assert "".join(t for op, t in diffs if op <= 0) == before
    assert "".join(t for op, t in diffs if op >= 0) == after


@st.composite
def text_and_edit(draw):
    """A text of words, spaces and punctuation, and the same text with a few pieces replaced."""
    pieces = st.sampled_from(["a", "b", "é", " ", "  ", "\u00a0", "\t", ",", ".", "“", "the"])
    base = draw(st.lists(pieces, max_size=30))
    target = list(base)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(target)))
        target[at : at + draw(st.integers(0, 2))] = draw(st.lists(pieces, max_size=3))
    return "".join(base), "".join(target)


@PROPERTY
@given(text_and_edit())
def test_property_setting_shared_words_aside_does_not_change_the_word_diff(pair: tuple[str, str]) -> None:
    before, after = pair
    whole = [(op, text) for op, text in _token_diff(before, after) if text]
    merged: list[tuple[int, str]] = []
    for op, text in whole:  # the whole-text diff, with its equalities joined as word_diff joins them
        if merged and merged[-1][0] == op == 0:
            merged[-1] = (0, merged[-1][1] + text)
        else:
            merged.append((op, text))
    assert word_diff(before, after) == merged


WORD_CHARS = ["a", "b", "é", "ñ", "’", "𝒜", "ü", "1"]
NEW_CHARS = ["X", "Ω", "😀", "“", "”", "\u00a0", "—", "-", ","]


@st.composite
def base_and_proposals(draw):
    """A text of words and two or three proposals, each changing one word; at least one
    untouched word lies between any two changed ones (so none collides)."""
    words = draw(st.lists(st.text(st.sampled_from(WORD_CHARS), min_size=1, max_size=6), min_size=5, max_size=14))
    count = draw(st.integers(2, 3))
    slots = draw(
        st.lists(st.integers(0, len(words) - 1), min_size=count, max_size=count, unique=True).filter(
            lambda s: all(abs(a - b) >= 2 for a, b in itertools.combinations(s, 2))
        )
    )
    spans, pos = [], 0
    for word in words:
        spans.append((pos, pos + len(word)))
        pos += len(word) + 1
    base = " ".join(words)
    proposals = []
    for slot in slots:
        start, end = spans[slot]
        replacement = draw(st.text(st.sampled_from(NEW_CHARS), max_size=5))
        proposals.append(base[:start] + replacement + base[end:])
    return base, proposals


@PROPERTY
@given(base_and_proposals())
def test_property_non_colliding_proposals_apply_in_any_order(case) -> None:
    base, proposals = case
    edit_sets = [edits_between(base, p) for p in proposals]
    for a, b in itertools.combinations(edit_sets, 2):
        assert not any(overlapping(x, y) for x in a for y in b)
    # All at once on the base.
    combined = apply_edits(base, [e for edits in edit_sets for e in edits])
    # One after another, each carried onto the text the earlier acceptances left.
    results = set()
    for order in itertools.permutations(range(len(proposals))):
        current = base
        for i in order:
            current = apply_edits(current, carry_edits(base, current, edit_sets[i]))
        results.add(current)
    assert results == {combined}
    for proposal_text in proposals:  # and each proposal's own change is in it
        assert apply_to_base(base, make_patch(base, proposal_text)) == proposal_text
