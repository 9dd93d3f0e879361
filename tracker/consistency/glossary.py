"""The agreed term pairs of ``wgt.toml``'s ``[glossary]``: an English term and its agreed Spanish.

A unit whose English has the term (whole words, any case, any spacing) and whose
Spanish lacks the pair is flagged. Plural and gender are not guessed: the pairs are
written as the group agreed them (``member states`` = ``Estados Miembros``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from tracker.i18n import _

#: The languages the glossary pairs: its keys are English, its values Spanish.
SOURCE, TARGET = "en", "es"


@functools.lru_cache(maxsize=512)
def term_pattern(term: str) -> re.Pattern[str]:
    """``term`` as whole words, any case, any white space between its words."""
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def has_term(text: str, term: str) -> bool:
    """True when ``text`` has ``term`` as whole words."""
    return term_pattern(term).search(text) is not None


def missing_pairs(source: str, target: str, glossary: Mapping[str, str]) -> list[tuple[str, str]]:
    """``(term, pair)`` for each glossary term ``source`` has whose agreed pair ``target`` lacks."""
    return [(term, pair) for term, pair in glossary.items() if has_term(source, term) and not has_term(target, pair)]


def glossary_message(term: str, pair: str) -> str:
    """Why a missing pair is flagged, in the reader's language."""
    return _("the English has “{term}” but the Spanish lacks the agreed “{pair}”").format(term=term, pair=pair)
