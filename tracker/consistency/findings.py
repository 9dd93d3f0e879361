"""One difference between the language versions of a text, and the kinds there are."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.i18n import N_, _

#: Every kind of finding, in the order a unit's findings are listed.
KINDS = ("number", "date", "symbol", "state", "bracket", "footnote", "quote", "glossary")
#: Kinds ``rev issue`` refuses on: a translation that says another figure, date, document or note count.
BLOCKING = frozenset({"number", "date", "symbol", "footnote"})

#: How each kind is named to the reader (``number`` → ``número``).
KIND_NAMES = {
    "number": N_("number"),
    "date": N_("date"),
    "symbol": N_("symbol"),
    "state": N_("member state"),
    "bracket": N_("brackets"),
    "footnote": N_("footnotes"),
    "quote": N_("quoted terms"),
    "glossary": N_("glossary"),
}
#: What a finding of each kind says (the glossary's message names its term: see :mod:`.glossary`).
MESSAGES = {
    "number": N_("a number in one version is not in the other"),
    "date": N_("a date in one version is not in the other"),
    "symbol": N_("a document symbol or resolution number in one version is not in the other"),
    "state": N_("a member state named in one version is not named in the other"),
    "bracket": N_("the versions do not bracket the same number of passages"),
    "footnote": N_("the versions do not have the same number of footnotes"),
    "quote": N_("the versions do not quote the same number of terms"),
}


def kind_name(kind: str) -> str:
    """The kind as the reader's language names it."""
    return _(KIND_NAMES[kind])


@dataclass(frozen=True)
class Finding:
    """What each language has of one kind where they differ (values as strings), and why it matters."""

    kind: str
    values: dict[str, list[str]]
    #: A message of its own (the glossary's names its term); else the kind's, read when shown.
    message: str = ""

    @property
    def blocking(self) -> bool:
        """True when ``rev issue`` refuses on it (numbers, dates, symbols, footnotes)."""
        return self.kind in BLOCKING

    def text(self) -> str:
        """The message in the reader's language (read when shown, so ``--lang`` applies)."""
        if self.message:
            return self.message
        return _(MESSAGES[self.kind])

    def values_line(self) -> str:
        """``en: 3 / es: 4``: what each language has (``—`` for nothing)."""
        return " / ".join(f"{lang}: {', '.join(values) or '—'}" for lang, values in self.values.items())

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "blocking": self.blocking, "values": self.values, "message": self.text()}
