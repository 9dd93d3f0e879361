"""A delegation as running text names it, and the footnote its statement becomes.

* :func:`delegation_of` — ``the Delegation of Mexico`` / ``la Delegación de México``. CLDR
  names carry no article, so the states whose name takes one have a message of their own
  (``la Delegación del Brasil``, ``de la Argentina``, ``de los Estados Unidos``);
* :func:`statement_note` — what a statement entered into the record reads as in the issued
  text: ``The Delegation of Mexico states: “…”`` / ``La Delegación de México declara: “…”``,
  or the delegation's own words as they are when they already open with the delegation
  (``The United States joins consensus …``, ``México entiende que …``), so that no note
  names its author twice.

The note is written into the revision when it is issued
(:mod:`tracker.amendments.consolidate`): the issued text itself says who made each
statement, and every document drawn from it — HTML, Word, Markdown, text, the redline —
reads the same words. The draft's own footnotes are never touched.
"""

from __future__ import annotations

import re
from gettext import NullTranslations
from pathlib import Path

from tracker.i18n import N_, delegation_name, translations

#: Member states whose name takes an article after "the Delegation of" (in Spanish, at least).
DELEGATION_OF = {
    "US": N_("the Delegation of the United States"),
    "BS": N_("the Delegation of The Bahamas"),
    "DO": N_("the Delegation of the Dominican Republic"),
    "AR": N_("the Delegation of Argentina"),
    "BR": N_("the Delegation of Brazil"),
    "CA": N_("the Delegation of Canada"),
    "EC": N_("the Delegation of Ecuador"),
    "PE": N_("the Delegation of Peru"),
    "PY": N_("the Delegation of Paraguay"),
    "UY": N_("the Delegation of Uruguay"),
}

#: A short word before a state's name at the start of a text: the article its name may take
#: (``The United States``, ``Los Estados Unidos``, ``El Brasil``, ``La Argentina``).
_ARTICLE = r"(?:\w{1,4}\s+)?"
#: Quotation marks and spaces a statement may open with.
_OPENING = " \t\"'“‘«"


def delegation_of(code: str, tr: NullTranslations, lang: str) -> str:
    """``the Delegation of Mexico`` in ``lang`` (with the article the state's name takes), lower case first."""
    if code.upper() in DELEGATION_OF:
        return tr.gettext(DELEGATION_OF[code.upper()])
    # TRANSLATORS: {name} is a member state's name from CLDR (Mexico / México).
    return tr.gettext("the Delegation of {name}").format(name=delegation_name(code, lang))


def opens_with_delegation(text: str, code: str, tr: NullTranslations, lang: str) -> bool:
    """Whether ``text`` already opens by naming delegation ``code`` (``The Delegation of Mexico …``, ``Mexico …``)."""
    start = text.lstrip(_OPENING)
    forms = (re.escape(delegation_of(code, tr, lang)), _ARTICLE + re.escape(delegation_name(code, lang)))
    return any(re.match(f"(?:{form})(?!\\w)", start, re.IGNORECASE) for form in forms)


def statement_note(code: str, text: str, lang: str, locales: Path | str | None = None) -> str:
    """The footnote delegation ``code``'s statement ``text`` becomes in the ``lang`` text of a revision."""
    tr = translations(lang, locales)
    text = " ".join(text.split())
    if opens_with_delegation(text, code, tr, lang):
        return text
    delegation = delegation_of(code, tr, lang)
    # TRANSLATORS: a delegation's statement as the footnote of an issued text; {delegation} opens the
    # note (“The Delegation of Mexico”, “La Delegación del Brasil”), {text} is the statement verbatim.
    return tr.gettext("{delegation} states: “{text}”").format(
        delegation=delegation[:1].upper() + delegation[1:], text=text
    )
