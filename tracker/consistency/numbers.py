"""Numbers in running text, read the way each language writes them (``1,500.5`` / ``1.500,5``).

Digits that belong to a date or a document symbol are left to :mod:`.dates` and
:mod:`.symbols`: a year is compared as part of its date, not counted twice.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

#: A number: digits, with the separators either language groups or splits them by (a no-break space
#: too), and a percent sign or word after it. It starts where no word, dot or comma runs into it, so
#: the engine tries each run of digits once (linear on any text).
NUMBER = re.compile(
    r"(?<![\w.,])\d+(?:[.,\u00a0\u202f]\d+)*"
    r"(?P<percent>\s?%|\s(?:per\s?cent|percent|por\s+ciento)(?!\w))?",
    re.IGNORECASE,
)
#: A longer token (a hostile text's million digits) is compared as written, not parsed.
MAX_NUMBER_CHARS = 40
_SPACES = re.compile("[\u00a0\u202f]")


@functools.lru_cache(maxsize=8)
def _group_symbol(lang: str) -> str:
    return get_group_symbol(locale=lang)


def canonical_number(token: str, lang: str) -> str:
    """``token`` as one string for the same number in any language: ``1.500`` (es) and ``1,500`` (en) → ``1500``.

    Babel reads the separators of ``lang`` strictly; what it refuses (an article
    ``29.2`` in Spanish, where ``.`` groups thousands) is compared as written.
    """
    if token.isdigit():
        return token.lstrip("0") or "0"
    if len(token) > MAX_NUMBER_CHARS:
        return token
    try:
        value = parse_decimal(_SPACES.sub(_group_symbol(lang), token), locale=lang, strict=True)
    except (NumberFormatError, ValueError, ArithmeticError):
        return token
    return format(value.normalize(), "f")


def numbers(text: str, lang: str, skip: Iterable[tuple[int, int]] = ()) -> Counter[str]:
    """The numbers of ``text`` as a multiset of canonical strings (``15%`` for a percentage).

    ``skip`` are spans (start, end), in order, whose digits are dates or symbols.
    """
    spans = iter(sorted(skip))
    current = next(spans, None)
    found: Counter[str] = Counter()
    for match in NUMBER.finditer(text):
        start = match.start()
        while current is not None and current[1] <= start:
            current = next(spans, None)
        if current is not None and current[0] <= start < current[1]:
            continue
        digits = match.group(0)[: match.start("percent") - start] if match.group("percent") else match.group(0)
        value = canonical_number(digits, lang)
        found[value + "%" if match.group("percent") else value] += 1
    return found
