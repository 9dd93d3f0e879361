"""Counts and ordinals in running text, as OAS editors write them in English and Spanish."""

from __future__ import annotations

import pytest

from tracker.i18n import count_words, ordinal_words


@pytest.mark.parametrize(
    ("n", "lang", "feminine", "start", "expected"),
    [
        (2, "en", False, False, "two"),
        (2, "es", False, False, "dos"),
        (1, "es", False, False, "un"),  # un párrafo
        (1, "es", True, False, "una"),  # una propuesta
        (10, "es", True, False, "diez"),
        (11, "es", False, False, "11"),  # past ten: figures
        (1500, "en", False, False, "1,500"),
        (21, "es", False, True, "Veintiún"),  # a sentence never opens with a figure
        (21, "es", True, True, "Veintiuna"),
        (200, "es", True, True, "Doscientas"),
        (31, "es", False, True, "Treinta y un"),
        (0, "en", False, True, "Zero"),
        (3, "xx", False, False, "3"),  # a language num2words does not know: the figure
    ],
)
def test_count_words(n, lang, feminine, start, expected):
    assert count_words(n, lang, feminine=feminine, start=start) == expected


@pytest.mark.parametrize(
    ("n", "lang", "feminine", "expected"),
    [
        (5, "en", False, "fifth"),
        (21, "en", False, "twenty-first"),
        (1, "es", False, "primer"),  # el primer párrafo preambular
        (3, "es", False, "tercer"),
        (5, "es", False, "quinto"),
        (3, "es", True, "tercera"),
        (11, "es", False, None),  # Spanish cites by number past ten
        (0, "en", False, None),
    ],
)
def test_ordinal_words(n, lang, feminine, expected):
    assert ordinal_words(n, lang, feminine=feminine) == expected
