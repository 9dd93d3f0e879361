"""Word-level diffs: diff-match-patch over words instead of characters.

diff-match-patch diffs characters; mapping each word (and each run of spaces or
punctuation) to one private character first, as its documentation suggests for
lines, gives a redline that never splits a word.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence

from tracker.patches.dmp import diff, engine

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def word_diff(before: str, after: str, *, semantic: bool = True) -> list[tuple[int, str]]:
    """``[(op, text)]`` with op -1 (deleted), 0 (kept) or 1 (inserted), whole words only.

    ``semantic=False`` skips diff-match-patch's semantic clean-up (see
    :func:`tracker.patches.dmp.diff`): every shared word is kept in place,
    as alignment wants, rather than folded into a readable replacement.

    The words both texts share at the start and at the end are set aside before
    tokenising: an amendment changes a few words of a long paragraph, and
    splitting the whole paragraph into words was most of the cost.
    """
    head = _shared_head(before, after)
    tail = _shared_tail(before[head:], after[head:])
    diffs = _token_diff(before[head : len(before) - tail], after[head : len(after) - tail], semantic)
    if head:
        diffs.insert(0, (0, before[:head]))
    if tail:
        diffs.append((0, before[len(before) - tail :]))
    merged: list[tuple[int, str]] = []
    for op, text in diffs:
        if merged and merged[-1][0] == op == 0:
            merged[-1] = (0, merged[-1][1] + text)
        elif text:
            merged.append((op, text))
    return merged


def tokens(text: str) -> list[str]:
    """``text`` as the tokens a word diff compares: each word, each run of spaces, each other sign."""
    return _TOKEN.findall(text)


def sequence_diff(
    before: Sequence[Hashable], after: Sequence[Hashable], *, semantic: bool = True
) -> list[tuple[int, list]]:
    """``[(op, tokens)]``: diff-match-patch over sequences of any hashable tokens, each one private character.

    ``semantic`` as for :func:`tracker.patches.dmp.diff`.
    """
    vocabulary: dict[Hashable, str] = {}

    def encode(items: Sequence[Hashable]) -> str:
        for token in items:  # new tokens in order of first use: deterministic
            if token not in vocabulary:
                vocabulary[token] = chr(0xF0001 + len(vocabulary))  # private use plane 15
        return "".join(map(vocabulary.__getitem__, items))

    diffs = diff(encode(before), encode(after), semantic=semantic)
    decode = {char: token for token, char in vocabulary.items()}.__getitem__
    return [(op, list(map(decode, text))) for op, text in diffs]


def _token_diff(before: str, after: str, semantic: bool = True) -> list[tuple[int, str]]:
    return [(op, "".join(found)) for op, found in sequence_diff(tokens(before), tokens(after), semantic=semantic)]


#: Shared words left on each side of the part diffed, so that diff-match-patch's
#: semantic clean-up weighs the same equalities it would see in the whole text.
_MARGIN = 3

# A cut is safe where a run of spaces begins after a non-space: no token spans it,
# in either text, so tokenising the pieces gives the tokens of the whole.


def _shared_head(a: str, b: str) -> int:
    """Length of a shared start of ``a`` and ``b`` that ends at a safe cut (0 if none)."""
    j = engine().diff_commonPrefix(a, b) - 1  # a[j] must be shared too
    for _ in range(_MARGIN):
        j -= 1
        while j > 0 and not (a[j].isspace() and not a[j - 1].isspace()):
            j -= 1
    return max(j, 0)


def _shared_tail(a: str, b: str) -> int:
    """Length of a shared end of ``a`` and ``b`` that starts at a safe cut (0 if none)."""
    if not a or not b:
        return 0
    p = len(a) - engine().diff_commonSuffix(a, b) + 1  # a[p - 1] must be shared too
    for _ in range(_MARGIN):
        p += 1
        while p < len(a) and not (a[p].isspace() and not a[p - 1].isspace()):
            p += 1
    return len(a) - p if p < len(a) else 0
