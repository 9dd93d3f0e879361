"""How a person names things in a document's language: paragraphs, delegations, amendments, statuses.

* :class:`Citations` — the units of one document as delegates cite them, never by the
  labels the CLI takes (``op7.c``, ``pp5``): ``operative paragraph 7 (c)`` /
  ``el párrafo resolutivo 7 c``, ``the fifth preambular paragraph`` / ``el quinto párrafo
  preambular``, ``the second paragraph under “TAKING INTO ACCOUNT”``, ``section II.C,
  paragraph 5``, ``the enacting formula``, ``the title``, ``item IV of the appendix``;
  and many units in one line, runs as ranges (``operative paragraphs 1, 2, and 4 to 7 (c)``);
* :func:`amendment_label` — ``MX-3 (México)``, the label of a change;
* :func:`delegation_of` — ``the Delegation of Mexico``, ``la Delegación del Brasil``
  (see :mod:`tracker.delegations`);
* the statuses of proposals and of paragraphs, as words.

How delegates count the preamble: a group opener (``TAKING INTO ACCOUNT:``) is no
paragraph. The preambular paragraphs are counted as a reader counts them down the page,
openers left out (``HAVING SEEN …`` is the first, the three paragraphs under ``TAKING INTO
ACCOUNT:`` the second to fourth, ``REAFFIRMING …`` the fifth); one paragraph of a group is
cited under its opener, as it is found (``the second paragraph under “TAKING INTO
ACCOUNT”``), and the opener itself as ``the opening phrase “TAKING INTO ACCOUNT”``.
Ordinals are words (``the fifth``) as far as :func:`~tracker.i18n.ordinal_words` gives
them (Spanish to ``décimo``), figures beyond (``el párrafo preambular 21``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from babel.lists import format_list
from babel.support import NullTranslations

from tracker.akn.units import Unit
from tracker.delegations import delegation_of as delegation_of  # re-exported: the rule is there
from tracker.i18n import N_, delegation_name, language_name, ordinal_words

#: The status of one proposal, as a reader sees it.
PROPOSAL_STATUSES = {
    "proposed": N_("proposed"),
    "accepted": N_("accepted"),
    "rejected": N_("rejected"),
    "withdrawn": N_("withdrawn"),
    "incorporated": N_("incorporated"),
    "superseded": N_("superseded"),
}

#: The negotiation status of paragraphs (plural: a count of them follows or precedes).
PARAGRAPH_STATUSES = {
    "agreed": N_("Agreed"),
    "ad-ref": N_("Agreed ad referendum"),
    "open": N_("Under negotiation"),
}

_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())


def amendment_label(amendment_id: str, by: str, lang: str) -> str:
    """``MX-3 (México)``: an amendment and its delegation, named in ``lang``."""
    return f"{amendment_id} ({delegation_name(by, lang)})"


def untranslated(tr: NullTranslations, lang: str, original: str) -> str:
    """The note under a text shown in its original language because it has no ``lang`` version yet."""
    return tr.gettext("Not yet translated into {language}: shown in the original ({original}).").format(
        language=language_name(lang, lang), original=language_name(original, lang)
    )


def heading_case(text: str, lang: str) -> str:
    """A heading written in capitals as running text cites it: title case in English, sentence case elsewhere."""
    if text != text.upper():
        return text
    words = text.lower().split()
    if lang == "en":
        words = [w if n and w in _SMALL_WORDS else w[:1].upper() + w[1:] for n, w in enumerate(words)]
        return " ".join(words)
    sentence = " ".join(words)
    return sentence[:1].upper() + sentence[1:]


#: How many consecutive paragraphs of one kind a list cites as a range (``1 to 3``) rather than one by one.
RANGE_FROM = 3

_OPERATIVE = re.compile(r"op([^.]+)((?:\.[^.]+)*)")
_ATTACHMENT = re.compile(r"(app|annex)\d+\.(.+)")
_SECTIONS = ("section", "subsection")


@dataclass(frozen=True)
class _Place:
    """Where a unit stands as delegates count: what it is counted with, and its number there.

    ``family`` is None for what is cited on its own (the title, a formula, a section heading);
    ``number`` is None for a group opener, which is counted with the preamble but is no paragraph.
    """

    family: tuple[str, ...] | None
    number: int | str | None = None
    opener: str | None = None  # a recital under an opener: the opener's wId
    under: int | None = None  # and its count under that opener


class Citations:
    """The units of one document (``units``, in reading order) as delegates cite them, in ``lang``."""

    def __init__(self, units: Iterable[Unit], tr: NullTranslations, lang: str) -> None:
        self.tr, self.lang = tr, lang
        self.units = list(units)
        self.by_wid = {u.wid: u for u in self.units}
        self.position = {u.wid: n for n, u in enumerate(self.units)}
        self.places = self._count()
        #: The first formula is the enacting one (THE GENERAL ASSEMBLY,); a later one is cited by its words.
        self.enacting = next((u.wid for u in self.units if u.kind == "formula"), None)

    def _count(self) -> dict[str, _Place]:
        places: dict[str, _Place] = {}
        recitals = 0
        under: dict[str, int] = {}
        for unit in self.units:
            parent = self.by_wid.get(unit.parent) if unit.parent else None
            if unit.kind == "recitals":
                places[unit.wid] = _Place(("pp",))
            elif unit.kind == "recital" or unit.label.startswith("pp"):  # any other unit of the preamble too
                recitals += 1
                if parent is not None and parent.kind == "recitals":
                    under[parent.wid] = under.get(parent.wid, 0) + 1
                    places[unit.wid] = _Place(("pp",), recitals, parent.wid, under[parent.wid])
                else:
                    places[unit.wid] = _Place(("pp",), recitals)
            else:
                places[unit.wid] = self._place(unit, parent)
        return places

    def _place(self, unit: Unit, parent: Unit | None) -> _Place:
        label = unit.label
        if unit.kind in ("docTitle", "formula", *_SECTIONS):
            return _Place(None)
        if match := _OPERATIVE.fullmatch(label):
            number = match.group(1)
            for token in match.group(2).split(".")[1:]:
                # TRANSLATORS: a sub-paragraph's number after its paragraph's: 7 (c); Spanish writes 7 c.
                number = self.tr.gettext("{number} ({letter})").format(number=number, letter=token)
            return _Place(("op",), number)
        if match := _ATTACHMENT.fullmatch(label):
            attachment, rest = label.partition(".")[0], match.group(2)
            if heading := re.fullmatch(r"h(\d+)", rest):
                return _Place(("line", attachment), heading.group(1))
            if paragraph := re.fullmatch(r"p(\d+)", rest):
                return _Place(("para", attachment), paragraph.group(1))
            return _Place(("item", attachment), rest)
        number = label.rpartition(".")[2].removeprefix("p")
        if parent is not None and parent.kind in _SECTIONS:
            return _Place(("section", parent.wid), number)
        return _Place(("p", parent.wid if parent is not None else ""), number)

    # -- one unit ---------------------------------------------------------------

    def cite(self, unit: Unit) -> str:
        """``unit`` as a delegate cites it: ``operative paragraph 7 (c)``, ``the fifth preambular paragraph``."""
        tr, place = self.tr, self.places[unit.wid]
        if unit.kind == "docTitle":
            return tr.gettext("the title")
        if unit.kind == "formula":
            if unit.wid == self.enacting:
                return tr.gettext("the enacting formula")
            # TRANSLATORS: a formula after the enacting one, e.g. the formula “RESOLVES”.
            return tr.gettext("the formula “{words}”").format(words=_words(unit.text))
        if unit.kind in _SECTIONS:
            return self._section(unit)
        if unit.kind == "recitals":
            # TRANSLATORS: a phrase opening a group of preambular paragraphs, e.g. the opening phrase “CONSIDERING”.
            return tr.gettext("the opening phrase “{words}”").format(words=_words(unit.text))
        if place.family == ("pp",):
            opener = _words(self.by_wid[place.opener].text) if place.opener else None
            number = place.under if place.opener else place.number
            ordinal = ordinal_words(number, self.lang)
            return self._recitals(ordinal or str(number), 1, ordinal is not None, opener)
        return self._paragraphs(place, str(place.number), 1)

    def _section(self, unit: Unit) -> str:
        if re.fullmatch(r"s\d+", unit.label):  # an unnumbered section: its heading names it
            return self.tr.gettext("the section “{heading}”").format(heading=heading_case(unit.text, self.lang))
        return self.tr.gettext("section {number}").format(number=unit.label)

    def _recitals(self, listed: str, count: int, in_words: bool, opener: str | None) -> str:
        """``count`` preambular paragraphs, ``listed`` as ordinal words or as figures; under ``opener`` if given.

        One paragraph takes its ordinal before the noun, several after it (Spanish: ``el primer
        párrafo``, ``los párrafos primero y tercero``): callers give the words accordingly.
        """
        tr = self.tr
        if opener is not None:
            if in_words:
                # TRANSLATORS: {ordinals} are words (the second; the first to third); {opener} opens the group.
                message = tr.ngettext(
                    "the {ordinals} paragraph under “{opener}”", "the {ordinals} paragraphs under “{opener}”", count
                )
            else:
                message = tr.ngettext(
                    "paragraph {numbers} under “{opener}”", "paragraphs {numbers} under “{opener}”", count
                )
            return message.format(ordinals=listed, numbers=listed, opener=opener)
        if in_words:
            # TRANSLATORS: {ordinals} are words: the fifth preambular paragraph; the first to fourth ….
            message = tr.ngettext("the {ordinals} preambular paragraph", "the {ordinals} preambular paragraphs", count)
        else:
            message = tr.ngettext("preambular paragraph {numbers}", "preambular paragraphs {numbers}", count)
        return message.format(ordinals=listed, numbers=listed)

    def _paragraphs(self, place: _Place, numbers: str, count: int) -> str:
        """``count`` paragraphs numbered ``numbers`` (``7 (c)``, ``1, 2 and 4 to 6``) of a family cited by figures."""
        tr, kind = self.tr, place.family[0]
        appendix = kind in ("line", "item", "para") and place.family[1].startswith("app")
        if kind == "op":
            message = tr.ngettext("operative paragraph {numbers}", "operative paragraphs {numbers}", count)
        elif kind == "line" and appendix:
            message = tr.ngettext(
                "line {numbers} of the heading of the appendix", "lines {numbers} of the heading of the appendix", count
            )
        elif kind == "line":
            message = tr.ngettext(
                "line {numbers} of the heading of the annex", "lines {numbers} of the heading of the annex", count
            )
        elif kind == "item" and appendix:
            message = tr.ngettext("item {numbers} of the appendix", "items {numbers} of the appendix", count)
        elif kind == "item":
            message = tr.ngettext("item {numbers} of the annex", "items {numbers} of the annex", count)
        elif kind == "para" and appendix:
            message = tr.ngettext("paragraph {numbers} of the appendix", "paragraphs {numbers} of the appendix", count)
        elif kind == "para":
            message = tr.ngettext("paragraph {numbers} of the annex", "paragraphs {numbers} of the annex", count)
        elif kind == "section":
            return self._section_paragraphs(self.by_wid[place.family[1]], numbers, count)
        else:
            message = tr.ngettext("paragraph {numbers}", "paragraphs {numbers}", count)
        return message.format(numbers=numbers)

    def _section_paragraphs(self, section: Unit, numbers: str, count: int) -> str:
        tr = self.tr
        if re.fullmatch(r"s\d+", section.label):  # an unnumbered section: its heading names it
            # TRANSLATORS: paragraphs of a section without a number, cited by its heading.
            message = tr.ngettext(
                "paragraph {numbers} of the section “{heading}”",
                "paragraphs {numbers} of the section “{heading}”",
                count,
            )
            return message.format(numbers=numbers, heading=heading_case(section.text, self.lang))
        # TRANSLATORS: paragraphs of a report's section: section II.C, paragraph 5 / section II.C, paragraphs 1 to 3.
        message = tr.ngettext(
            "section {section}, paragraph {numbers}", "section {section}, paragraphs {numbers}", count
        )
        return message.format(section=section.label, numbers=numbers)

    # -- many units -------------------------------------------------------------

    def cite_all(self, chosen: Iterable[Unit]) -> str:
        """``chosen`` in one line, in reading order: consecutive paragraphs of one kind as ranges.

        ``the title; the enacting formula; the first to fourth preambular paragraphs;
        operative paragraphs 1, 2, and 4 to 7 (c)``. An opener at either end of a run is cited
        on its own, so a range never leaves a reader guessing whether it holds the opener; one
        between two of the run's paragraphs goes with them.
        """
        ordered = sorted({u.wid: u for u in chosen if u.wid in self.position}.values(), key=self._at)
        entries: list[list[list[Unit]]] = []  # each entry: pieces of one family (or one unit on its own)
        for piece in (piece for run in self._runs(ordered) for piece in self._pieces(run)):
            family = self.places[piece[-1].wid].family
            numbered = any(self.places[u.wid].number is not None for u in piece)
            last = entries[-1] if entries else None
            if numbered and last and self.places[last[-1][-1].wid].family == family and self._numbered(last):
                last.append(piece)
            else:
                entries.append([piece])
        return "; ".join(self._entry(entry) for entry in entries)

    def _at(self, unit: Unit) -> int:
        return self.position[unit.wid]

    def _numbered(self, entry: list[list[Unit]]) -> bool:
        return any(self.places[u.wid].number is not None for piece in entry for u in piece)

    def _runs(self, ordered: list[Unit]) -> list[list[Unit]]:
        """Units that follow each other in the document and are counted together."""
        runs: list[list[Unit]] = []
        for unit in ordered:
            family = self.places[unit.wid].family
            previous = runs[-1][-1] if runs else None
            if (
                previous is not None
                and family is not None
                and self.places[previous.wid].family == family
                and self._at(previous) == self._at(unit) - 1
            ):
                runs[-1].append(unit)
            else:
                runs.append([unit])
        return runs

    def _pieces(self, run: list[Unit]) -> list[list[Unit]]:
        """A run as what a line cites: openers at its ends alone, then one range or its paragraphs one by one."""
        openers = [u for u in run if self.places[u.wid].number is None]
        if self.places[run[0].wid].family is None or len(openers) == len(run):
            return [[u] for u in run]
        first = next(n for n, u in enumerate(run) if self.places[u.wid].number is not None)
        last = max(n for n, u in enumerate(run) if self.places[u.wid].number is not None)
        core = run[first : last + 1]
        # An opener between two of the run's paragraphs goes with them (it heads the later one).
        paragraphs = [u for u in core if self.places[u.wid].number is not None]
        middle = [core] if len(paragraphs) >= RANGE_FROM else [[u] for u in paragraphs]
        return [[u] for u in run[:first]] + middle + [[u] for u in run[last + 1 :]]

    def _entry(self, entry: list[list[Unit]]) -> str:
        if len(entry) == 1 and len(entry[0]) == 1:
            return self.cite(entry[0][0])
        numbered = [[u for u in piece if self.places[u.wid].number is not None] for piece in entry]
        places = [self.places[u.wid] for piece in numbered for u in piece]
        if places[0].family == ("pp",):
            return self._preamble(numbered, places)
        items = [
            self._range(str(p[0]), str(p[-1]))
            for p in ([self.places[u.wid].number for u in piece] for piece in numbered)
        ]
        return self._paragraphs(places[0], format_list(items, locale=self.lang), len(places))

    def _preamble(self, pieces: list[list[Unit]], places: list[_Place]) -> str:
        """Preambular paragraphs in ordinal words where the language has them, else in figures."""
        openers = {p.opener for p in places}
        under = openers.pop() if len(openers) == 1 and None not in openers else None
        count = (lambda place: place.under) if under else (lambda place: place.number)
        ends = [(count(self.places[piece[0].wid]), count(self.places[piece[-1].wid])) for piece in pieces]
        words = [[ordinal_words(n, self.lang, after_noun=True) for n in end] for end in ends]
        in_words = all(all(pair) for pair in words)
        items = [self._range(*(pair if in_words else map(str, end))) for pair, end in zip(words, ends)]
        opener = _words(self.by_wid[under].text) if under else None
        return self._recitals(format_list(items, locale=self.lang), len(places), in_words, opener)

    def _range(self, first: str, last: str) -> str:
        if first == last:
            return first
        # TRANSLATORS: a range of paragraph numbers: 4 to 7 (c) / 4 a 7 c; the first to fourth.
        return self.tr.gettext("{first} to {last}").format(first=first, last=last)


def _words(text: str) -> str:
    """A formula or an opener as a citation quotes it: without its closing colon or comma."""
    return " ".join(text.split()).rstrip(":,;. ")


def cite(unit: Unit, units: dict[str, Unit], tr: NullTranslations, lang: str) -> str:
    """``unit`` as a person cites it in ``lang``; ``units`` maps wIds to the document's units, in reading order."""
    return Citations(units.values(), tr, lang).cite(unit)
