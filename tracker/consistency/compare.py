"""The pure comparison: a text in each language (and its footnote count) in, the differences out.

Each language's text is read once into a :class:`Profile` (its numbers, dates, symbols,
states, brackets, quoted terms, footnotes); the profiles are then compared kind by kind,
so three languages cost three readings, not three pairs of them. Only the glossary is a
pair (English → Spanish): :mod:`.glossary`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from tracker.consistency.dates import dates
from tracker.consistency.findings import Finding
from tracker.consistency.glossary import SOURCE, TARGET, glossary_message, has_term, missing_pairs
from tracker.consistency.marks import brackets, quoted_terms
from tracker.consistency.numbers import numbers
from tracker.consistency.states import states
from tracker.consistency.symbols import symbols

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Profile:
    """What one language's text says that the others must say too."""

    numbers: Counter[str]
    dates: Counter[str]
    symbols: Counter[str]
    states: Counter[str]
    brackets: tuple[int, int]
    quotes: list[str]
    footnotes: int


def profile(text: str, lang: str, footnotes: int = 0) -> Profile:
    """Read ``text`` (in ``lang``) once for everything :func:`compare_texts` compares."""
    # Most units cite no figure and no document: a date needs a digit, a symbol a slash.
    has_digit = _DIGIT.search(text) is not None
    found_dates, date_spans = dates(text, lang) if has_digit else (Counter(), [])
    found_symbols, symbol_spans = symbols(text) if "/" in text else (Counter(), [])
    return Profile(
        numbers=numbers(text, lang, date_spans + symbol_spans) if has_digit else Counter(),
        dates=found_dates,
        symbols=found_symbols,
        states=Counter(states(text, lang)),
        brackets=brackets(text),
        quotes=quoted_terms(text),
        footnotes=footnotes,
    )


def compare_texts(
    texts: Mapping[str, str],
    footnotes: Mapping[str, int] | None = None,
    glossary: Mapping[str, str] | None = None,
) -> list[Finding]:
    """The differences between ``texts`` (``{lang: text}``, each language's version of one text).

    ``footnotes`` counts each version's notes; ``glossary`` maps English terms to their agreed Spanish.
    """
    profiles = {lang: profile(text, lang, (footnotes or {}).get(lang, 0)) for lang, text in texts.items()}
    return compare_profiles(profiles, texts, glossary or {})


def compare_profiles(
    profiles: Mapping[str, Profile], texts: Mapping[str, str], glossary: Mapping[str, str]
) -> list[Finding]:
    """The findings between already read ``profiles`` (``texts`` are their texts, for the glossary)."""
    if len(profiles) < 2:
        return []
    findings = [
        finding
        for kind in ("number", "date", "symbol", "state")
        if (finding := _multiset_finding(kind, {lang: getattr(p, _FIELD[kind]) for lang, p in profiles.items()}))
    ]
    if len({p.brackets for p in profiles.values()}) > 1:
        values = {lang: [f"{p.brackets[0]} [", f"{p.brackets[1]} ]"] for lang, p in profiles.items()}
        findings.append(Finding("bracket", values))
    if len({p.footnotes for p in profiles.values()}) > 1:
        findings.append(Finding("footnote", {lang: [str(p.footnotes)] for lang, p in profiles.items()}))
    findings += _quote_findings(profiles, glossary)
    if SOURCE in texts and TARGET in texts:
        findings += [
            Finding("glossary", {SOURCE: [term], TARGET: []}, glossary_message(term, pair))
            for term, pair in missing_pairs(texts[SOURCE], texts[TARGET], glossary)
        ]
    return findings


_FIELD = {"number": "numbers", "date": "dates", "symbol": "symbols", "state": "states"}


def _multiset_finding(kind: str, found: Mapping[str, Counter[str]]) -> Finding | None:
    """A finding when the multisets differ: each language's values beyond what every language has."""
    common = None
    for counter in found.values():
        common = Counter(counter) if common is None else common & counter
    extra = {lang: sorted((counter - common).elements(), key=_order) for lang, counter in found.items()}
    if not any(extra.values()):
        return None
    return Finding(kind, extra)


def _order(value: str) -> tuple[int, str]:
    """Values sorted as people read them: numbers by size (as far as length tells), then the rest."""
    return (len(value), value) if value[:1].isdigit() else (1 << 30, value)


def _quote_findings(profiles: Mapping[str, Profile], glossary: Mapping[str, str]) -> list[Finding]:
    """Quoted terms: the same count in every language, and a quoted glossary term quoted as its pair."""
    findings = []
    if len({len(p.quotes) for p in profiles.values()}) > 1:
        findings.append(Finding("quote", {lang: [str(len(p.quotes))] for lang, p in profiles.items()}))
    elif SOURCE in profiles and TARGET in profiles:
        target = profiles[TARGET].quotes
        for quoted in profiles[SOURCE].quotes:
            for term, pair in glossary.items():
                if quoted.casefold() == term.casefold() and not any(has_term(t, pair) for t in target):
                    findings.append(Finding("quote", {SOURCE: [quoted], TARGET: target}))
    return findings
