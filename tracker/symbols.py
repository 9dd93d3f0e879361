"""Document symbols of the OAS and the UN: parsed leniently, printed canonically.

Real texts spell the same symbol several ways (``AG/RES 1928`` without the
period, ``AG/doc. 4376/05`` with a space, ``rev.2`` without one). A
:class:`Symbol` keeps the document (its base symbol, with an ``add.`` or a
``corr.``: an addendum and a corrigendum are documents of their own) apart from
its revision (``rev.``), so the workspace stores one document per base symbol and
the revision as a number.

The United Nations join the same suffixes with a slash and a capital
(``A/55/275/Add.1``, ``A/C.3/55/L.23/Rev.1``); a symbol written that way is
printed that way (:attr:`Symbol.un`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.errors import WgtError
from tracker.i18n import _

#: ``rev. 2``, ``rev.2``, ``rev 2`` and ``rev2`` alike (``\b`` after the word would miss the last),
#: and the UN's ``/Rev.2``.
_SUFFIX = re.compile(r"(?P<sep>[\s,]*|\s*/\s*)\b(rev|corr|add)(?![a-z])\.?\s*(\d+)\s*$", re.IGNORECASE)
_ALLOWED = re.compile(r"^[A-Za-z][A-Za-z0-9./\-() ]*\Z")
#: The organs whose symbols are the United Nations' (``A/…``, ``E/CN.4/…``): suffixes joined with a slash.
UN_ORGANS = frozenset(
    {"A", "S", "E", "ST", "TD", "DP", "UNEP", "HRC", "CCPR", "CEDAW", "CRC", "CERD", "CAT", "CMW", "CRPD"}
)


@dataclass(frozen=True)
class Symbol:
    """A document symbol such as ``CAJP/GT/TM-24/05`` with optional suffixes."""

    #: The document: its symbol with any ``add.`` and ``corr.`` (``AG/doc.4265/04 add. 3``, ``A/55/275/Add.1``).
    base: str
    #: The revision suffix only: ``(("rev", 2),)`` or nothing.
    suffixes: tuple[tuple[str, int], ...] = field(default=())
    #: Written as the United Nations write suffixes (``/Rev.1``), and printed so.
    un: bool = False

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
        if rev == 0:
            return self.base
        return f"{self.base}/Rev.{rev}" if self.un else f"{self.base} rev. {rev}"

    def __str__(self) -> str:
        if self.un:
            return "/".join([self.base, *(f"{kind.capitalize()}.{n}" for kind, n in self.suffixes)])
        return " ".join([self.base, *(f"{kind}. {n}" for kind, n in self.suffixes)])


def parse_symbol(text: str) -> Symbol:
    """Parse a symbol leniently; raise :class:`WgtError` when it is not one."""
    raw = " ".join(text.split())
    suffixes: list[tuple[str, int]] = []
    slashed = []
    while match := _SUFFIX.search(raw):
        suffixes.insert(0, (match.group(2).lower(), int(match.group(3))))
        slashed.append("/" in match.group("sep"))
        raw = raw[: match.start()].rstrip()
    un = all(slashed) if slashed else raw.split("/", 1)[0].strip() in UN_ORGANS
    if (
        not raw
        or "/" not in raw
        or not re.search(r"\d", raw)
        or not _ALLOWED.match(raw)
        or any(not part.strip(". ") for part in raw.split("/"))  # "//", "/../": a path, not a symbol
    ):
        raise WgtError(
            _(
                "{text!r} is not a document symbol: expected a body, a slash and a number, as the OAS writes "
                "them ('CAJP/GT/TM-38/05', 'AG/RES. 2027 (XXXIV-O/04)', 'CP/doc.3844/04 add. 1') or the UN "
                "('A/55/275/Add.1', 'A/RES/54/166', 'E/CN.4/2000/82')"
            ).format(text=text)
        )
    base = re.sub(r"\b(doc|RES)\.\s+", r"\1.", raw)  # AG/doc. 4376/05 -> AG/doc.4376/05
    base = re.sub(r"\bRES\.(?=\d)", "RES. ", base)  # but AG/RES. keeps its space
    base = re.sub(r"\bRES(?=\s\d)", "RES.", base)  # AG/RES 1928 -> AG/RES. 1928
    base = re.sub(r"\s*/\s*", "/", base)
    kinds = [kind for kind, _ in suffixes]
    if len(set(kinds)) != len(kinds):
        raise WgtError(_("{text!r} repeats a suffix; a symbol has at most one rev., corr. and add.").format(text=text))
    found = dict(suffixes)
    for kind in ("add", "corr"):  # part of the document's own symbol
        if kind in found:
            base += f"/{kind.capitalize()}.{found[kind]}" if un else f" {kind}. {found[kind]}"
    return Symbol(base, (("rev", found["rev"]),) if "rev" in found else (), un)
