"""How the site's pages say dates, signed times, language names and code words, in the interface language."""

from __future__ import annotations

import datetime as dt

from tracker.i18n import TERMS, language_name, translations


def ui_term(word: str, ui: str) -> str:
    """A code word (``accepted``, ``new-unit``) in interface language ``ui``."""
    return translations(ui).gettext(word) if word in TERMS else word


def language_label(code: str, ui: str) -> str:
    """A language's name as a label or heading shows it in ``ui`` (capitalised: ``Español``, ``English``)."""
    name = language_name(code, ui)
    return name[:1].upper() + name[1:]


def format_day(iso: str, ui: str) -> str:
    """A date as the interface language writes it in running text."""
    from babel.dates import format_date

    return format_date(dt.date.fromisoformat(iso), format="long", locale=ui)


def format_moment(iso: str, ui: str) -> str:
    """A signed time (``2026-12-01T20:27:18Z``) as the interface language writes it, in UTC."""
    from babel.dates import format_datetime

    moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return format_datetime(moment, format="medium", tzinfo=dt.timezone.utc, locale=ui) + " UTC"
