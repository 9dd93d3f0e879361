"""How a person names things in a document's language: paragraphs, delegations, amendments, statuses.

* :func:`cite` — a unit as delegates cite it: ``operative paragraph 3`` /
  ``párrafo dispositivo 3``, ``preambular paragraph 6``, ``the title``, and in
  a report ``section II.C “Draft of the Program”, paragraph 5``;
* :func:`amendment_label` — ``MX-3 (México)``, the label of a change;
* :func:`delegation_of` — ``the delegation of Mexico``, ``the delegation of the
  United States`` (CLDR names have no article: the few states that take one
  have their own message, so a translator can give ``la Argentina``);
* :func:`label_ranges` — ``title, formula1, pp1–pp24, op1, op2``: many units in one line;
* the statuses of proposals and of paragraphs, as words.
"""

from __future__ import annotations

import re

from babel.support import NullTranslations

from tracker.akn.units import Unit
from tracker.i18n import N_, delegation_name, language_name

#: Member states whose name takes an article after "the delegation of".
DELEGATION_OF = {
    "US": N_("the delegation of the United States"),
    "BS": N_("the delegation of The Bahamas"),
    "DO": N_("the delegation of the Dominican Republic"),
    "AR": N_("the delegation of Argentina"),
    "BR": N_("the delegation of Brazil"),
    "CA": N_("the delegation of Canada"),
    "EC": N_("the delegation of Ecuador"),
    "PE": N_("the delegation of Peru"),
    "PY": N_("the delegation of Paraguay"),
    "UY": N_("the delegation of Uruguay"),
}

#: The status of one proposal, as a reader sees it.
PROPOSAL_STATUSES = {
    "proposed": N_("proposed"),
    "accepted": N_("accepted"),
    "rejected": N_("rejected"),
    "withdrawn": N_("withdrawn"),
    "incorporated": N_("incorporated"),
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


def delegation_of(code: str, tr: NullTranslations, lang: str) -> str:
    """``the delegation of Mexico`` in ``lang`` (with the article the state's name takes)."""
    if code.upper() in DELEGATION_OF:
        return tr.gettext(DELEGATION_OF[code.upper()])
    # TRANSLATORS: {name} is a member state's name from CLDR (Mexico / México).
    return tr.gettext("the delegation of {name}").format(name=delegation_name(code, lang))


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


def cite(unit: Unit, units: dict[str, Unit], tr: NullTranslations, lang: str) -> str:
    """``unit`` as a person cites it in ``lang``; ``units`` maps wIds to the document's units (for sections)."""
    label, kind = unit.label, unit.kind
    if kind == "docTitle":
        return tr.gettext("the title")
    if kind == "formula":
        return tr.gettext("the enacting formula")
    if match := re.fullmatch(r"pp(\d+)", label):
        return tr.gettext("preambular paragraph {number}").format(number=match.group(1))
    if match := re.fullmatch(r"op([^.]+)", label):
        return tr.gettext("operative paragraph {number}").format(number=match.group(1))
    if match := re.fullmatch(r"op([^.]+)\.(.+)", label):
        return tr.gettext("subparagraph {letter} of operative paragraph {number}").format(
            letter=match.group(2), number=match.group(1)
        )
    if match := re.fullmatch(r"(app|annex)\d+\.(.+)", label):
        appendix = match.group(1) == "app"
        if heading := re.fullmatch(r"h(\d+)", match.group(2)):
            if appendix:
                line = tr.gettext("line {number} of the heading of the appendix")
            else:
                line = tr.gettext("line {number} of the heading of the annex")
            return line.format(number=heading.group(1))
        item = tr.gettext("item {number} of the appendix") if appendix else tr.gettext("item {number} of the annex")
        return item.format(number=match.group(2))
    if kind in ("section", "subsection"):
        return _section(unit, tr, lang)
    parent = units.get(unit.parent) if unit.parent else None
    number = label.rpartition(".")[2].removeprefix("p")
    if parent is not None and parent.kind in ("section", "subsection"):
        # TRANSLATORS: a paragraph of a report, e.g. section II.C “Draft of the Program”, paragraph 5.
        return tr.gettext("{section}, paragraph {number}").format(section=_section(parent, tr, lang), number=number)
    return tr.gettext("paragraph {number}").format(number=number)


def _section(unit: Unit, tr: NullTranslations, lang: str) -> str:
    heading = heading_case(unit.text, lang)
    if re.fullmatch(r"s\d+", unit.label):  # an unnumbered section: its heading names it
        return tr.gettext("section “{heading}”").format(heading=heading)
    return tr.gettext("section {number} “{heading}”").format(number=unit.label, heading=heading)


def label_ranges(chosen: list[str], order: list[str]) -> str:
    """``chosen`` labels in one line, each run of three or more consecutive ones (by ``order``) as a range."""
    position = {label: n for n, label in enumerate(order)}
    ranked = sorted((position[label], label) for label in chosen if label in position)
    runs: list[list[str]] = []
    previous = None
    for pos, label in ranked:
        if runs and previous == pos - 1 and _family(runs[-1][-1]) == _family(label):
            runs[-1].append(label)
        else:
            runs.append([label])
        previous = pos
    parts = []
    for run in runs:
        parts += [f"{run[0]}–{run[-1]}"] if len(run) >= 3 else run
    return ", ".join(parts)


def _family(label: str) -> str:
    """What a label counts within: ``pp``, ``op``, ``app1``, a report section (``II``) …"""
    head = label.split(".")[0]
    return head if head[:3] in ("app", "ann") or not head[:1].islower() else head.rstrip("0123456789")
