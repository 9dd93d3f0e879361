"""Translations, names and dates in the language a person reads.

Two languages are in play and this module serves both:

* the **UI language** of the ``wgt`` command's own messages, taken from the
  environment (``WGT_UI_LANG``, then ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` as
  in ``es_MX.UTF-8``) because ``--lang`` on the subcommands already names the
  language of a *document*;
* the **document language** a renderer writes in, passed explicitly.

Messages go through gettext with compiled catalogs
``locales/<lang>/LC_MESSAGES/wgt.mo`` loaded by :class:`babel.support.Translations`.
English is the source language and needs no catalog; a language without a
catalog falls back to English, so adding French or Portuguese is a matter of
adding a catalog (see README, "Translations"). Names of states, languages and
months come from CLDR through Babel, never from our own tables.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel is imported on first use: `wgt --help` must not pay for it
    from babel import Locale

#: The gettext domain: catalogs are ``wgt.po`` / ``wgt.mo``.
DOMAIN = "wgt"
#: The language the messages are written in (the msgids).
SOURCE_LANGUAGE = "en"
#: Environment variables naming the UI language, first found wins.
UI_LANGUAGE_VARIABLES = ("WGT_UI_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
#: Environment variable overriding where the catalogs are looked for.
LOCALES_VARIABLE = "WGT_LOCALES"

#: OAS style for dates in the header block (``9 July 2004`` / ``9 julio 2004``):
#: no "de" in Spanish. Languages not listed use the same day-month-year pattern.
HEADER_DATE_PATTERNS = {"en": "d MMMM yyyy", "es": "d MMMM yyyy"}
DEFAULT_HEADER_DATE_PATTERN = "d MMMM yyyy"
#: OAS style for dates in running text (``July 9, 2004`` / ``9 de julio de 2004``).
#: Languages not listed use CLDR's own long format (French ``9 juillet 2004``).
RUNNING_DATE_PATTERNS = {"en": "MMMM d, yyyy", "es": "d 'de' MMMM 'de' yyyy"}


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now (translated where shown)."""
    return message


#: Participants that are not states, named through the catalogs.
NON_STATE_PARTICIPANTS = {
    "SEC": N_("Technical Secretariat"),
    "CHAIR": N_("Chair of the Working Group"),
    "VICECHAIR": N_("Vice Chair of the Working Group"),
}


def locales_dir() -> Path:
    """Where the catalogs live: ``$WGT_LOCALES``, the installed package's, or the checkout's ``locales/``."""
    override = os.environ.get(LOCALES_VARIABLE)
    if override:
        return Path(override)
    return _default_locales()


@cache
def _default_locales() -> Path:
    # Asked for every message a page or a document translates: the package's folder does not move.
    packaged = resources.files("tracker") / "bundled" / "locales"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "locales"


def normalize_language(value: str | None) -> str | None:
    """The two- or three-letter language of a locale name: ``es_MX.UTF-8`` → ``es``; None for ``C``/``POSIX``."""
    if not value:
        return None
    match = re.match(r"([A-Za-z]{2,3})(?=$|[_\-.@])", value.strip())
    if match is None or value.strip().upper() in ("C", "POSIX"):
        return None
    return match.group(1).lower()


def ui_language() -> str:
    """The language of the CLI's own messages, from the environment (English by default)."""
    for variable in UI_LANGUAGE_VARIABLES:
        lang = normalize_language(os.environ.get(variable))
        if lang:
            return lang
    return SOURCE_LANGUAGE


def translations(lang: str, locales: Path | str | None = None) -> gettext.NullTranslations:
    """The gettext translator for ``lang`` (English, or a language without a catalog, translates nothing)."""
    lang = normalize_language(lang) or SOURCE_LANGUAGE
    if lang == SOURCE_LANGUAGE:  # the source language: no catalog to find (every message of a run asks)
        return _load(lang, "")
    return _load(lang, str(locales or locales_dir()))


@lru_cache(maxsize=32)
def _load(lang: str, folder: str) -> gettext.NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()  # English is the source: no catalog, no Babel
    from babel.support import Translations

    return Translations.load(folder, locales=[lang], domain=DOMAIN)


def clear_cache() -> None:
    """Forget loaded catalogs (after a catalog changed on disk, e.g. in tests)."""
    _load.cache_clear()


def _(message: str) -> str:
    """``message`` in the UI language (for the CLI's own output)."""
    return translations(ui_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for ``n``, in the UI language."""
    return translations(ui_language()).ngettext(singular, plural, n)


#: Code words that the CLI's messages put into sentences: statuses of proposals and of
#: paragraphs, roles of participants, kinds of record and of document. Each is its own
#: msgid, so a translator gives it the form its sentences need; English prints it as is.
TERMS = frozenset(
    {
        N_("proposed"),
        N_("accepted"),
        N_("rejected"),
        N_("withdrawn"),
        N_("incorporated"),
        N_("superseded"),
        N_("agreed"),
        N_("ad-ref"),
        N_("open"),
        N_("delegation"),
        N_("secretariat"),
        N_("chair"),
        N_("observer"),
        N_("proposer"),
        N_("unknown"),
        N_("modify"),
        N_("new-unit"),
        N_("delete-unit"),
        N_("statement"),
        N_("resolution"),
        N_("report"),
        N_("note"),
        N_("program"),
    }
)


def term(word: str) -> str:
    """A code word (``accepted``, ``chair``, ``new-unit``) in the UI language; any other word unchanged."""
    return _(word) if word in TERMS else word


@cache
def _locale(lang: str) -> Locale:
    # Once per language: a redline names thousands of delegations, and parsing a locale costs more than a lookup.
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(normalize_language(lang) or SOURCE_LANGUAGE)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LANGUAGE)


def delegation_name(code: str, lang: str, locales: Path | str | None = None) -> str:
    """A participant's name in ``lang``: states from CLDR (MX → México), others from the catalogs."""
    key = code.strip().upper()
    if key in NON_STATE_PARTICIPANTS:
        return translations(lang, locales).gettext(NON_STATE_PARTICIPANTS[key])
    return _locale(lang).territories.get(key, code)


def language_name(code: str, lang: str) -> str:
    """The name of language ``code`` as written in ``lang`` (``es`` in Spanish: ``español``)."""
    return _locale(lang).languages.get(code, code)


def _date(iso: str | dt.date) -> dt.date:
    return iso if isinstance(iso, dt.date) else dt.date.fromisoformat(iso)


def header_date(iso: str | dt.date, lang: str) -> str:
    """A date as the header block prints it: ``9 July 2004`` / ``9 julio 2004``."""
    lang = normalize_language(lang) or SOURCE_LANGUAGE
    pattern = HEADER_DATE_PATTERNS.get(lang, DEFAULT_HEADER_DATE_PATTERN)
    from babel.dates import format_date

    return format_date(_date(iso), pattern, locale=_locale(lang))


def running_date(iso: str | dt.date, lang: str) -> str:
    """A date as running text writes it: ``July 9, 2004`` / ``9 de julio de 2004``."""
    lang = normalize_language(lang) or SOURCE_LANGUAGE
    pattern = RUNNING_DATE_PATTERNS.get(lang, "long")
    from babel.dates import format_date

    return format_date(_date(iso), pattern, locale=_locale(lang))


#: Counts up to this are written in words in running text ("two times" / "dos veces"); larger ones in
#: figures, as the OAS and UN editorial manuals have them. A count opening a sentence is always words.
WORDS_UP_TO = 10
#: Ordinals written in words ("the fifth preambular paragraph" / "el quinto párrafo preambular"); past
#: this Spanish legal style cites by number ("párrafo preambular 12"), so :func:`ordinal_words` gives None.
ORDINAL_WORDS_UP_TO = {"es": 10}


@cache
def _num2words(n: int, lang: str, to: str) -> str | None:
    # Remembered: a redline's folds name the same few counts and ordinals hundreds of times.
    from num2words import num2words

    try:
        return num2words(n, lang=lang, to=to)
    except (NotImplementedError, OverflowError, ValueError, TypeError):
        return None  # a language num2words does not know: the caller writes the figure


def count_words(n: int, lang: str, *, feminine: bool = False, start: bool = False) -> str:
    """``n`` as running text writes a count before its noun: ``two`` / ``dos``, ``un`` / ``una``, ``12``.

    Words up to :data:`WORDS_UP_TO` (any ``n`` when ``start``: a sentence never opens with a
    figure, and then the first letter is a capital); figures, in the language's format, above.
    Spanish agrees with its noun: ``un párrafo``, ``una propuesta``, ``veintiún``, ``doscientas``.
    """
    lang = normalize_language(lang) or SOURCE_LANGUAGE
    words = _num2words(n, lang, "cardinal") if n >= 0 and (start or n <= WORDS_UP_TO) else None
    if words is None:
        from babel.numbers import format_decimal

        return format_decimal(n, locale=_locale(lang))
    if lang == "es":
        if feminine:
            words = re.sub(r"uno\b", "una", re.sub(r"ientos\b", "ientas", words))
        else:
            words = re.sub(r"veintiuno\b", "veintiún", re.sub(r"\buno\b", "un", words))
    return words[:1].upper() + words[1:] if start else words


def ordinal_words(n: int, lang: str, *, feminine: bool = False, after_noun: bool = False) -> str | None:
    """``n`` as an ordinal before its noun: ``fifth`` / ``quinto``, ``primer``, ``tercera``; None past the limit.

    ``after_noun`` for an ordinal that follows its noun, where Spanish keeps the full form
    (``los párrafos preambulares primero y tercero``). None also for a language num2words
    does not know: cite by number then.
    """
    lang = normalize_language(lang) or SOURCE_LANGUAGE
    limit = ORDINAL_WORDS_UP_TO.get(lang)
    if n < 1 or (limit is not None and n > limit):
        return None
    words = _num2words(n, lang, "ordinal")
    if words is None:
        return None
    if lang == "es":
        if feminine:
            words = re.sub(r"o\b", "a", words)
        elif not after_noun:
            words = re.sub(r"\b(prim|terc)ero\b", r"\1er", words)
    return words
