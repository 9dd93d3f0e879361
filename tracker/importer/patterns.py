"""Line shapes shared by the importers (capitals, dates and places); numbers are :mod:`~tracker.importer.numbering`'s."""

from __future__ import annotations

import re
from functools import lru_cache


def is_capitals(text: str) -> bool:
    """True when every letter of ``text`` is a capital (``TAKING INTO ACCOUNT:``).

    Called on every line of a preamble, most of which are long sentences: the
    scan stops at the first small letter (within the first word or two) instead
    of listing every letter of the line.
    """
    seen = False
    for char in text:
        if char.isalpha():
            if not char.isupper():
                return False
            seen = True
    return seen


def opens_with_capital_word(text: str) -> bool:
    """True for ``REAFFIRMING that …``: a preambular paragraph's opening verb."""
    first = text.split(" ", 1)[0].strip(",;:")
    return len(first) >= 2 and first.isalpha() and first.isupper()


@lru_cache(maxsize=1)
def month_pattern() -> str:
    """An alternation of the month names of the OAS's four languages (CLDR, through Babel), longest first."""
    names = set()
    for locale in ("en", "es", "fr", "pt"):
        names.update(_month_names("wide", locale=locale).values())
        names.update(_month_names("wide", context="stand-alone", locale=locale).values())
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


@lru_cache(maxsize=1)
def place_and_date() -> re.Pattern[str]:
    """``Washington, D.C., July 9, 2004``, ``Washington, D.C., 9 de julio de 2004`` (Spanish letters may write
    ``…, a 14 de marzo de 2005``: the ``a`` is neither place nor date)."""
    months = month_pattern()
    date = rf"(?:(?:{months})\s+\d{{1,2}},\s+\d{{4}}|\d{{1,2}}(?:\s+de)?\s+(?:{months})(?:\s+de)?\s+\d{{4}})"
    return re.compile(rf"^(?P<place>[^,].*?),(?:\s+a)?\s+(?P<date>{date})\.?$", re.IGNORECASE)


def iso_date(text: str) -> str | None:
    """The ISO date of ``July 9, 2004`` / ``9 de julio de 2004`` (None if not a date)."""
    numbers = re.findall(r"\d+", text)
    if len(numbers) != 2:
        return None
    day, year = (int(numbers[0]), int(numbers[1])) if len(numbers[1]) == 4 else (int(numbers[1]), int(numbers[0]))
    lowered = text.lower()
    for locale in ("en", "es", "fr", "pt"):
        for month, name in _month_names("wide", locale=locale).items():
            if re.search(rf"\b{re.escape(name.lower())}\b", lowered):
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _month_names(width: str, context: str = "format", locale: str = "en") -> dict[int, str]:
    """CLDR month names through Babel (imported here: only imports of notes need them)."""
    from babel.dates import get_month_names

    return get_month_names(width, context=context, locale=locale)
