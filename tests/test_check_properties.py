"""The laws of ``wgt check``: a number changed in one language is always flagged; the same edit in both never is.

The texts are real English–Spanish pairs of the bundled drafts that agree; the edits are
hypothesis's. "Flagged" means a blocking finding (number, date, symbol or footnote): a
figure added inside a date or a symbol changes that date or symbol, which is what it is.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from test_check import (
    APPROVED_EN,
    APPROVED_ES,
    ARTICLE_EN,
    ARTICLE_ES,
    CHAIR_EN,
    CHAIR_ES,
    MEETING_EN,
    MEETING_ES,
    PERIOD_EN,
    PERIOD_ES,
    RATIFIED_EN,
    RATIFIED_ES,
    RESUMED_EN,
    RESUMED_ES,
    SPECIAL_EN,
    SPECIAL_ES,
)

from tracker.config_values import OAS_GLOSSARY
from tracker.consistency.compare import compare_texts

PAIRS = [
    {"en": ARTICLE_EN, "es": ARTICLE_ES},
    {"en": RESUMED_EN, "es": RESUMED_ES},
    {"en": MEETING_EN, "es": MEETING_ES},
    {"en": SPECIAL_EN, "es": SPECIAL_ES},
    {"en": PERIOD_EN, "es": PERIOD_ES},
    {"en": APPROVED_EN, "es": APPROVED_ES},
    {"en": CHAIR_EN, "es": CHAIR_ES},
    {"en": RATIFIED_EN, "es": RATIFIED_ES},
]
DIGITS = re.compile(r"\d+")
YEAR = re.compile(r"(?<![\d.,/])(?:19|20)\d\d(?![\d.,])")


def written(n: int, lang: str) -> str:
    return f"{n:,}" if lang == "en" else f"{n:,}".replace(",", ".")


def blocking(texts: dict[str, str]) -> bool:
    return any(f.blocking for f in compare_texts(texts, glossary=OAS_GLOSSARY))


def test_the_pairs_agree() -> None:
    assert all(compare_texts(pair, glossary=OAS_GLOSSARY) == [] for pair in PAIRS)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PAIRS), st.sampled_from(["en", "es"]), st.integers(0, 10**7), st.integers(0, 10**6))
def test_a_number_inserted_in_one_language_is_always_flagged(pair, lang, n, where) -> None:
    text = pair[lang]
    spaces = [i for i, c in enumerate(text) if c == " "]
    at = spaces[where % len(spaces)] + 1
    changed = dict(pair, **{lang: text[:at] + written(n, lang) + " " + text[at:]})
    assert blocking(changed), changed[lang]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PAIRS), st.sampled_from(["en", "es"]), st.integers(0, 10**6), st.integers(1, 10**5))
def test_a_number_changed_in_one_language_is_always_flagged(pair, lang, which, delta) -> None:
    text = pair[lang]
    runs = list(DIGITS.finditer(text))
    run = runs[which % len(runs)]
    new = str(int(run.group(0)) + delta)
    changed = dict(pair, **{lang: text[: run.start()] + new + text[run.end() :]})
    assert blocking(changed), changed[lang]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PAIRS), st.integers(0, 10**7), st.integers(1900, 2099))
def test_the_same_number_edit_in_both_languages_is_never_flagged(pair, n, year) -> None:
    added = {
        "en": pair["en"] + f" See the {written(n, 'en')} cases of paragraph {n % 40}.",
        "es": pair["es"] + f" Véanse los {written(n, 'es')} casos del párrafo {n % 40}.",
    }
    assert compare_texts(added, glossary=OAS_GLOSSARY) == []
    years = set(YEAR.findall(pair["en"]))
    if years:
        old = sorted(years)[n % len(years)]
        moved = {lang: re.sub(rf"(?<![\d.,/]){old}(?![\d.,])", str(year), text) for lang, text in pair.items()}
        assert compare_texts(moved, glossary=OAS_GLOSSARY) == []
