"""Counts in the running text of the documents about a draft, as the OAS writes them.

Small counts are words and a sentence never opens with a figure
(:func:`tracker.i18n.count_words`); where the count falls in a sentence
depends on the language (``Two paragraphs are agreed`` / ``Están acordados dos
párrafos``), so it is decided from the translated sentence, not from the English.
"""

from __future__ import annotations

from tracker.i18n import count_words


def counted(
    template: str, n: int, lang: str, *, feminine: bool = False, sentence: bool = False, **fields: object
) -> str:
    """``template`` (an ``ngettext`` already chosen for ``n``) with ``{n}`` written as running text writes it.

    With ``sentence`` the template is a whole sentence: a count that opens it is written in words
    with a capital (``Forty-two paragraphs …``); ``feminine`` makes Spanish agree (``una``, ``doscientas``).
    """
    start = sentence and template.lstrip().startswith("{n}")
    return template.format(n=count_words(n, lang, feminine=feminine, start=start), **fields)
