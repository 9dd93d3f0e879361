"""Which of the OAS's four languages a text is written in, when ``--lang`` does not say.

Counted, not guessed at: the share of each language's most common short words
(articles, prepositions, conjunctions) among the text's words. A text too short
or too mixed to tell gives None, and the caller asks for ``--lang``.
"""

from __future__ import annotations

import re

_COMMON = {
    "en": "the of and to in a is that for on with by as are this be which from its at or an",
    "es": "de la el en y los las del que a por para con se su al una un es lo como sus",
    "fr": "de la le les et des en du un une est que pour dans par sur au aux sont qui",
    "pt": "de da do em e os as dos das que para com por uma um no na ao se é",
}
_WORDS = {lang: set(words.split()) for lang, words in _COMMON.items()}


def guess_language(texts: list[str]) -> str | None:
    """``en``, ``es``, ``fr`` or ``pt`` when one clearly dominates ``texts``; None otherwise."""
    words = [w.lower() for text in texts for w in re.findall(r"[^\W\d_]+", text)]
    if len(words) < 20:
        return None
    scores = {lang: sum(w in common for w in words) / len(words) for lang, common in _WORDS.items()}
    best, second = sorted(scores.values(), reverse=True)[:2]
    if best < 0.08 or best < second * 1.3:
        return None
    return max(scores, key=scores.get)


__all__ = ["guess_language"]
