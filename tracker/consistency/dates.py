"""Dates in running text, read with CLDR's month names, compared as dates across languages.

English writes ``May 20, 2005``, ``20 May 2005``, ``September 16 and 17, 2004``;
Spanish ``20 de mayo de 2005``, ``16 y 17 de septiembre de 2004``. A date without a
year (``April 16``) is compared as ``--04-16``; a month and year (``June 2004``)
as ``2004-06``. A date whose year comes with the next one (``September 30 and
October 1, 2004``; ``el 18 de enero y el 18 de mayo de 2005``) takes it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from babel.dates import get_month_names

_DAY = r"\d{1,2}(?!\d)(?:st|nd|rd|th|\.?º|\.?°|\.?ª)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
#: Spacing inside a date, and how many more days one month may list (``16, 17 and 18``): both bounded,
#: so a hostile run of ``1,1,1,…`` costs a few steps at each digit, never a scan to its end.
_S = r"\s{0,3}"
MAX_DAYS = 6
#: Spellings CLDR does not give but documents use.
EXTRA_MONTHS = {"es": {"setiembre": 9}, "en": {"sept": 9}}
#: What may stand between two dates that share the later one's year (``and``, ``to``, ``y el``, ``al``).
CONNECTOR = re.compile(
    r"[\s,]*(?:(?:and|to|through|until|y|e|al|a|hasta|-|–|—)\s*)?(?:(?:el|del|the)\s+)?", re.IGNORECASE
)
MAX_CONNECTOR_CHARS = 24


@dataclass(frozen=True)
class _Group:
    """One written date: its month, its days (none for ``June 2004``), its year if written, where it stands."""

    start: int
    end: int
    month: int
    days: tuple[int, ...]
    year: int | None


@functools.lru_cache(maxsize=8)
def _months(lang: str) -> dict[str, int]:
    names = {name.casefold(): number for number, name in get_month_names("wide", locale=lang).items()}
    names.update(EXTRA_MONTHS.get(lang, {}))
    return names


@functools.lru_cache(maxsize=8)
def _pattern(lang: str) -> re.Pattern[str]:
    month = "(?P<month>" + "|".join(sorted(map(re.escape, _months(lang)), key=len, reverse=True)) + r")(?!\w)"
    if lang == "es":
        days = rf"(?P<days>{_DAY}(?:{_S}(?:,|y|e|al|a|-|–){_S}(?:el\s)?{_DAY}){{0,{MAX_DAYS}}})"
        body = rf"(?:{days}\s{{1,3}}(?:de\s)?)?{month}(?:\s(?:de|del)\s(?:año\s)?|\s{{1,3}}){_YEAR}|{days}\s{{1,3}}de\s{month}"
        return re.compile(rf"(?<!\w)(?:{_unique(body)})", re.IGNORECASE)
    days = rf"(?P<days>{_DAY}(?:{_S}(?:,|and|&|-|–){_S}{_DAY}){{0,{MAX_DAYS}}})"
    day_first = rf"{days}\s{{1,3}}{month}(?:,?\s{{1,3}}{_YEAR})?"
    month_first = rf"{month}(?:\s{{1,3}}{days})?(?:,?\s{{1,3}}{_YEAR})?"
    return re.compile(rf"(?<!\w)(?:{_unique(day_first + '|' + month_first)})", re.IGNORECASE)


def _unique(body: str) -> str:
    """``body`` with each repeated group name numbered (``days``, ``days2`` …): alternatives share names."""
    seen: Counter[str] = Counter()

    def rename(match: re.Match[str]) -> str:
        seen[match.group(1)] += 1
        n = seen[match.group(1)]
        return f"(?P<{match.group(1)}{n if n > 1 else ''}>"

    return re.sub(r"\(\?P<(\w+)>", rename, body)


def _group_value(match: re.Match[str], base: str) -> str | None:
    for name, value in match.groupdict().items():
        if value is not None and name.rstrip("0123456789") == base:
            return value
    return None


def _groups(text: str, lang: str) -> list[_Group]:
    groups = []
    months = _months(lang)
    for match in _pattern(lang).finditer(text):
        month = months[_group_value(match, "month").casefold().rstrip(".")]
        days_text = _group_value(match, "days")
        year = _group_value(match, "year")
        days = tuple(int(d) for d in re.findall(r"\d{1,2}", days_text)) if days_text else ()
        if not days and year is None:
            continue  # a bare month name ("May") is a word, not a date
        if any(not 1 <= d <= 31 for d in days):
            continue
        groups.append(_Group(match.start(), match.end(), month, days, int(year) if year else None))
    return groups


def dates(text: str, lang: str) -> tuple[Counter[str], list[tuple[int, int]]]:
    """The dates of ``text`` (ISO strings, as a multiset) and the spans they take (for :mod:`.numbers`)."""
    groups = _groups(text, lang)
    years: list[int | None] = [g.year for g in groups]
    for i in range(len(groups) - 2, -1, -1):
        gap = text[groups[i].end : groups[i + 1].start]
        shares_year = years[i] is None and years[i + 1] is not None and len(gap) <= MAX_CONNECTOR_CHARS
        if shares_year and CONNECTOR.fullmatch(gap):
            years[i] = years[i + 1]
    found: Counter[str] = Counter()
    for group, year in zip(groups, years):
        prefix = f"{year:04d}" if year is not None else "-"
        if not group.days:
            found[f"{prefix}-{group.month:02d}"] += 1
        for day in group.days:
            found[f"{prefix}-{group.month:02d}-{day:02d}"] += 1
    return found, [(g.start, g.end) for g in groups]
