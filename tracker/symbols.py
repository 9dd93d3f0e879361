"""OAS document symbols: parsed leniently, printed canonically.

Real texts spell the same symbol several ways (``AG/RES 1928`` without the
period, ``AG/doc. 4376/05`` with a space, ``rev.2`` without one). A
:class:`Symbol` keeps the base symbol and its suffixes (``rev.``, ``corr.``,
``add.``) apart, so the workspace stores one document per base symbol and the
revision as a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.errors import WgtError
from tracker.i18n import _

#: ``rev. 2``, ``rev.2``, ``rev 2`` and ``rev2`` alike (``\b`` after the word would miss the last).
_SUFFIX = re.compile(r"[\s,]*\b(rev|corr|add)(?![a-z])\.?\s*(\d+)\s*$", re.IGNORECASE)
_ALLOWED = re.compile(r"^[A-Za-z][A-Za-z0-9./\-() ]*\Z")
_SUFFIX_ORDER = ("add", "rev", "corr")


@dataclass(frozen=True)
class Symbol:
    """A document symbol such as ``CAJP/GT/TM-24/05`` with optional suffixes."""

    base: str
    suffixes: tuple[tuple[str, int], ...] = field(default=())

    @property
    def rev(self) -> int | None:
        """The ``rev. N`` suffix, if the symbol names one."""
        return dict(self.suffixes).get("rev")

    @property
    def slug(self) -> str:
        """The folder name derived from the base symbol: ``cajp-gt-tm-38-05``."""
        return re.sub(r"[^a-z0-9]+", "-", self.base.lower()).strip("-")

    def with_rev(self, rev: int) -> str:
        """The canonical symbol of revision ``rev`` (rev. 0 is printed bare)."""
        return self.base if rev == 0 else f"{self.base} rev. {rev}"

    def __str__(self) -> str:
        return " ".join([self.base, *(f"{kind}. {n}" for kind, n in self.suffixes)])


def parse_symbol(text: str) -> Symbol:
    """Parse a symbol leniently; raise :class:`WgtError` when it is not one."""
    raw = " ".join(text.split())
    suffixes: list[tuple[str, int]] = []
    while match := _SUFFIX.search(raw):
        suffixes.insert(0, (match.group(1).lower(), int(match.group(2))))
        raw = raw[: match.start()].rstrip()
    if (
        not raw
        or "/" not in raw
        or not re.search(r"\d", raw)
        or not _ALLOWED.match(raw)
        or any(not part.strip(". ") for part in raw.split("/"))  # "//", "/../": a path, not a symbol
    ):
        raise WgtError(
            _(
                "{text!r} is not a document symbol; write it as the OAS does, e.g. "
                "'CAJP/GT/TM-38/05' or 'AG/RES. 2027 (XXXIV-O/04)'"
            ).format(text=text)
        )
    base = re.sub(r"\b(doc|RES)\.\s+", r"\1.", raw)  # AG/doc. 4376/05 -> AG/doc.4376/05
    base = re.sub(r"\bRES\.(?=\d)", "RES. ", base)  # but AG/RES. keeps its space
    base = re.sub(r"\bRES(?=\s\d)", "RES.", base)  # AG/RES 1928 -> AG/RES. 1928
    base = re.sub(r"\s*/\s*", "/", base)
    kinds = [kind for kind, _ in suffixes]
    if len(set(kinds)) != len(kinds):
        raise WgtError(_("{text!r} repeats a suffix; a symbol has at most one rev., corr. and add.").format(text=text))
    return Symbol(base, tuple(sorted(suffixes, key=lambda s: _SUFFIX_ORDER.index(s[0]))))
