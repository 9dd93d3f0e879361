"""Word-level diffs: diff-match-patch over words instead of characters.

diff-match-patch diffs characters; mapping each word (and each run of spaces or
punctuation) to one private character first, as its documentation suggests for
lines, gives a redline that never splits a word.
"""

from __future__ import annotations

import re

from tracker.patches.dmp import engine

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def word_diff(before: str, after: str) -> list[tuple[int, str]]:
    """``[(op, text)]`` with op -1 (deleted), 0 (kept) or 1 (inserted), whole words only."""
    vocabulary: dict[str, str] = {}
    tokens: list[str] = []

    def encode(text: str) -> str:
        chars = []
        for token in _TOKEN.findall(text):
            if token not in vocabulary:
                tokens.append(token)
                vocabulary[token] = chr(0xF0000 + len(tokens))  # private use plane 15
            chars.append(vocabulary[token])
        return "".join(chars)

    dmp = engine()
    diffs = dmp.diff_main(encode(before), encode(after), False)
    dmp.diff_cleanupSemantic(diffs)
    return [(op, "".join(tokens[ord(c) - 0xF0001] for c in text)) for op, text in diffs]
