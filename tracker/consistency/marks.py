"""Brackets and quoted terms: counted per language, never matched by a regular expression.

A hostile text with a million opening quotes and no closing one must cost one pass,
so quotes are paired by ``str.find``, each scan starting where the last one ended.
"""

from __future__ import annotations

#: Opening and closing quotation marks (curly, angled); straight double quotes pair with themselves.
QUOTES = (("“", "”"), ("«", "»"), ('"', '"'))


def brackets(text: str) -> tuple[int, int]:
    """How many ``[`` and ``]`` ``text`` has (a bracketed passage is one of each)."""
    return text.count("["), text.count("]")


def quoted_terms(text: str) -> list[str]:
    """The terms ``text`` puts in quotation marks, in the order each kind of mark is found."""
    terms = []
    for opening, closing in QUOTES:
        position = 0
        while (start := text.find(opening, position)) != -1:
            end = text.find(closing, start + 1)
            if end == -1:
                break  # an unclosed quote: nothing after it can close one either
            terms.append(text[start + 1 : end].strip())
            position = end + 1
    return terms
