"""Per-word provenance of a compromise text: which words come from the base, which proposal, or the chair.

A chair's compromise on a paragraph supersedes named proposals, each a full
proposed text of the same paragraph. Attributing each word of the compromise
lets the record say "op3 as agreed combines AR-1 and US-2" and lets a redline
show where every word came from.

Attribution is by *alignment*, not by a bag of words: the compromise is
word-diffed (:func:`tracker.patches.words.word_diff`) against the base and
against each proposal, and a word belongs to an input only where that input's
diff keeps it in place. A base word the compromise moves elsewhere is
therefore not "base" there (of two words that swap places, alignment can keep
only one in place: the other counts as moved).

The diffs here skip diff-match-patch's semantic clean-up. That clean-up makes
redlines readable by folding a short kept stretch between two changes into one
replacement; here it would take "medidas" in "consideren adoptar medidas
eficaces" from the base and hand it to a proposal or to the chair. Without it
the alignment is the longest one in place, so words are credited to the chair
only when no input has them where the compromise does.

This layer knows only strings; what to call the origins, and how to show them,
is the caller's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from tracker.i18n import _
from tracker.patches.words import tokens, word_diff

#: The origin of words kept from the base text.
BASE = "base"

# ``tokens`` yields words (\w+), runs of spaces and single other signs; a token
# is a word exactly when its first character is a word character.
_WORD_START = re.compile(r"\w")


@dataclass(frozen=True)
class Piece:
    """A stretch of the compromise (``text``) and where its words come from (``origin``)."""

    text: str
    origin: str


def attribute(compromise: str, base: str, sources: Sequence[tuple[str, str]], new: str = "new") -> list[Piece]:
    """The compromise cut into pieces, each labelled ``"base"``, a source's id, or ``new``.

    ``sources`` are ``(origin_id, proposed_text)`` in the order the compromise
    names them. Each word of the compromise is attributed, in this order, to:

    1. ``"base"`` if the word diff base → compromise keeps it (an equality);
    2. else the *first* source, in the order named, whose word diff
       source → compromise keeps it: when AR-1 and US-2 both inserted the same
       words and the compromise keeps them, they are AR-1's if AR-1 is named
       first (the order is the chair's, and ties need one answer);
    3. else ``new`` (the chair's own words).

    Only words carry an origin. Spaces and punctuation go with the word before
    them, so a piece is whole words plus the spaces and signs after them
    (``"and their families."``); signs before the first word go with that
    word. A change of punctuation alone is thus not attributed: this is a
    per-word account. A compromise without any word is one piece, attributed
    like a word by its first token.

    The pieces concatenate exactly to ``compromise``; none is empty, none splits
    a word, and adjacent pieces have different origins (``[]`` for an empty
    compromise). Each diff sets aside the words the texts share at the start
    and end before aligning, so a 20,000-character paragraph with a few
    changes costs little more than reading it. Diffs are bounded in steps,
    not seconds (:mod:`tracker.patches.dmp`), so the result is the same on
    every machine; texts that differ throughout are aligned coarsely past
    that bound, and some words they share then count as not kept.

    Raises :class:`ValueError` if two origins share a name ("base", ``new`` and
    the source ids must all differ): the attribution could not be told apart.
    """
    seen = {BASE}
    for origin in [new, *(source_id for source_id, _text in sources)]:
        if origin in seen:
            raise ValueError(_("“{origin}” names two origins of the compromise text").format(origin=origin))
        seen.add(origin)
    if not compromise:
        return []
    found = tokens(compromise)
    starts = [0, *accumulate(map(len, found))]
    # One mask per input, in priority order: base first, then the sources as named.
    masks = [_kept(base, compromise)] + [_kept(text, compromise) for _id, text in sources]
    names = [BASE] + [source_id for source_id, _text in sources]

    def origin_of(i: int) -> str:
        start, end = starts[i], starts[i + 1]
        for name, mask in zip(names, masks, strict=True):
            if mask.find(0, start, end) == -1:  # every character of the token kept in place
                return name
        return new

    words = [i for i, token in enumerate(found) if _WORD_START.match(token)]
    if not words:
        return [Piece(compromise, origin_of(0))]
    pieces: list[Piece] = []
    for n, i in enumerate(words):
        # A word's piece runs to the next word; the first also takes what precedes it.
        start = 0 if n == 0 else starts[i]
        end = starts[words[n + 1]] if n + 1 < len(words) else len(compromise)
        origin = origin_of(i)
        if pieces and pieces[-1].origin == origin:
            pieces[-1] = Piece(pieces[-1].text + compromise[start:end], origin)
        else:
            pieces.append(Piece(compromise[start:end], origin))
    return pieces


def shares(pieces: Sequence[Piece]) -> dict[str, int]:
    """Words per origin, in the order origins first appear in ``pieces``.

    For one-line summaries ("combines AR-1 and US-2, 3 new words"). Counts
    words as :func:`attribute` does (spaces and signs are not words), so the
    counts add up to the compromise's words; an origin has 0 only when the
    compromise has no word at all.
    """
    counts: dict[str, int] = {}
    for piece in pieces:
        words = sum(1 for token in tokens(piece.text) if _WORD_START.match(token))
        counts[piece.origin] = counts.get(piece.origin, 0) + words
    return counts


def contributors(pieces: Sequence[Piece], sources: Sequence[tuple[str, str]]) -> list[str]:
    """The ids of the sources that gave the compromise at least one word, in the order named.

    ``sources`` is the same ``(origin_id, proposed_text)`` sequence given to
    :func:`attribute` (only the ids are read). A proposal whose words all
    stood in the base, or were first another named proposal's, contributed
    nothing and is left out.
    """
    counts = shares(pieces)
    return [source_id for source_id, _text in sources if counts.get(source_id, 0) > 0]


def _kept(text: str, compromise: str) -> bytearray:
    """One byte per character of ``compromise``: 1 where the word diff ``text`` → compromise keeps it.

    Bytes rather than a set of positions: :meth:`bytearray.find` then asks
    whether a whole token was kept in one C-speed call.
    """
    mask = bytearray(len(compromise))
    pos = 0
    for op, part in word_diff(text, compromise, semantic=False):
        if op == 0:
            mask[pos : pos + len(part)] = b"\x01" * len(part)
        if op >= 0:  # deletions are not in the compromise
            pos += len(part)
    return mask
