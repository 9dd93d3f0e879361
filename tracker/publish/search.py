"""What the site's search looks through: the latest text's paragraphs, and every proposal and statement.

The entries go to ``assets/search-data.js``, a script that sets one global
(``window.WGT_SEARCH``), so the search works from ``file://`` (a page opened from
disk may load scripts but not fetch files). The browser builds its index with
MiniSearch (``assets/vendor``), folding accents and case, at the first search.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class SearchEntry:
    """One thing to find: its kind (``paragraph``, ``proposal``, ``statement``), language, title, text and link.

    ``url`` is relative to an interface language's folder (``cajp-gt-tm-38-05/index.html#op-4b118c``),
    so the English and the Spanish search pages share the data.
    """

    kind: str
    lang: str
    title: str
    text: str
    url: str


def search_script(entries: list[SearchEntry]) -> str:
    """``assets/search-data.js``: the entries as one JavaScript assignment."""
    docs = [
        {"id": n, "kind": e.kind, "lang": e.lang, "title": e.title, "text": e.text, "url": e.url}
        for n, e in enumerate(entries)
    ]
    text = json.dumps({"docs": docs}, ensure_ascii=False, separators=(",", ":"))
    # JSON is JavaScript except for two line separators a string may hold raw; "</" cannot end a script file.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.WGT_SEARCH = {text};\n"
