"""OAS member states named in running text, known by their CLDR names in each language.

``México``, ``Mexico`` and ``MÉXICO`` are one state (names are matched without case
or accents); a few official forms CLDR does not give (``United States of America``,
``Estados Unidos Mexicanos``, ``Saint Kitts and Nevis``) are added. The longest name
wins, so ``Estados Unidos Mexicanos`` is Mexico, not the United States.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from babel import Locale

from tracker.participants import OAS_MEMBER_STATES

#: Names used in OAS documents besides CLDR's, by language.
VARIANTS = {
    "en": {
        "US": ["United States of America", "United States"],
        "MX": ["United Mexican States"],
        "BS": ["The Bahamas", "Commonwealth of The Bahamas"],
        "DM": ["Commonwealth of Dominica"],
        "AG": ["Antigua and Barbuda"],
        "KN": ["Saint Kitts and Nevis", "St. Kitts and Nevis", "St Kitts and Nevis"],
        "LC": ["Saint Lucia", "St Lucia"],
        "VC": ["Saint Vincent and the Grenadines", "St. Vincent and the Grenadines", "St Vincent and the Grenadines"],
        "TT": ["Trinidad and Tobago"],
        "BO": ["Plurinational State of Bolivia"],
        "VE": ["Bolivarian Republic of Venezuela"],
    },
    "es": {
        "US": ["Estados Unidos de América", "Estados Unidos"],
        "MX": ["Estados Unidos Mexicanos"],
        "BS": ["Commonwealth de las Bahamas"],
        "KN": ["Saint Kitts y Nevis"],
        "VC": ["San Vicente y las Granadinas"],
        "SR": ["Suriname"],
        "BO": ["Estado Plurinacional de Bolivia"],
        "VE": ["República Bolivariana de Venezuela"],
    },
}


def fold(text: str) -> str:
    """``text`` without case or accents (``MÉXICO`` → ``mexico``): how names are matched."""
    return _COMBINING.sub("", unicodedata.normalize("NFD", text.casefold()))


#: The combining marks NFD splits accents into (one pass in C, not a test per character).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@functools.lru_cache(maxsize=8)
def _names(lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    territories = Locale.parse(lang).territories
    names: dict[str, str] = {}
    for code in OAS_MEMBER_STATES:
        for name in [territories.get(code, ""), *VARIANTS.get(lang, {}).get(code, [])]:
            if name:
                names[fold(name).replace("&", "and" if lang == "en" else "y")] = code
                names[fold(name)] = code
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), names


def states(text: str, lang: str) -> set[str]:
    """The ISO codes of the member states ``text`` names."""
    pattern, names = _names(lang)
    return {names[m.group(0)] for m in pattern.finditer(fold(text))}
