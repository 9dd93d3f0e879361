"""OAS document symbols and resolution numbers: ``AG/RES. 2141 (XXXV-O/05)``, ``CP/doc.4321/05``,
``CAJP/GT/TM-38/05 rev. 2``, ``OEA/Ser.G``, ``AG/DEC. 37``.

Both languages cite the same symbols (OEA/Ser. in English too), so they are compared as
written, spacing and the case of ``rev.``/``corr.``/``add.`` made alike.
"""

from __future__ import annotations

import re
from collections import Counter

#: A symbol: two or more capitals and the ``/``-joined segments after it, the number a ``RES.``/``DEC.``
#: takes, the session in brackets and any ``rev.``/``corr.``/``add.``. It starts where no word or
#: slash runs into it, so the engine tries each word once (linear on any text).
SYMBOL = re.compile(
    r"(?<![\w/])(?P<core>[A-Z][A-Z0-9]+(?:/[A-Za-z0-9][A-Za-z0-9.\-…]*)+)"
    r"(?:(?<=\.)\s?(?P<number>\d+))?"
    r"(?:\s(?P<session>\((?:[IVXLCDM]+-[OE]|\d+)/\d{2}\)))?"
    r"(?P<suffixes>(?:,?\s(?i:rev|corr|add)\.\s?\d+)*)"
)
_SUFFIX = re.compile(r"(rev|corr|add)\.\s?(\d+)", re.IGNORECASE)


def symbols(text: str) -> tuple[Counter[str], list[tuple[int, int]]]:
    """The symbols of ``text`` (normalised, as a multiset) and the spans they take (for :mod:`.numbers`)."""
    found: Counter[str] = Counter()
    spans = []
    for match in SYMBOL.finditer(text):
        core = match.group("core")
        parts = [core if match.group("number") else core.rstrip(".")]
        if match.group("number"):
            parts.append(match.group("number"))
        if match.group("session"):
            parts.append(match.group("session"))
        parts += [f"{kind.lower()}. {n}" for kind, n in _SUFFIX.findall(match.group("suffixes"))]
        found[" ".join(parts)] += 1
        spans.append((match.start(), match.end()))
    return found, spans
