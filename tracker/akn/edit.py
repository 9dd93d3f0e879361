"""Structural edits of a draft: new and deleted units, renumbering, footnotes, revision metadata.

These are the only functions that change a draft's structure; after any of
them, :func:`renumber` recomputes numbers and eIds, and wIds never change.
"""

from __future__ import annotations

import re

from lxml import etree

from tracker.akn.eids import assign_eids
from tracker.akn.namespace import NS, akn, local, q, wgt
from tracker.akn.outline import Note
from tracker.akn.slots import number_notes, read_slot, slot_of, write_slot

_HIER = {"paragraph", "subparagraph", "section", "subsection", "recital"}


def new_unit(kind: str, wid: str, text: str) -> etree._Element:
    """A fresh unit element of ``kind`` holding ``text`` (numbered later by :func:`renumber`)."""
    if kind in ("paragraph", "subparagraph"):
        element = akn(kind, akn.num(""), akn.content(akn.p()), wId=wid)
    elif kind == "recital":
        element = akn.recital(akn.p(), wId=wid)
    elif kind in ("section", "subsection"):
        element = akn(kind, akn.num(""), akn.heading(), wId=wid)
    else:
        raise ValueError(f"cannot make a new {kind}")
    write_slot(slot_of(element), text)
    return element


def insert_after(anchor: etree._Element, element: etree._Element) -> None:
    """Put ``element`` after ``anchor``; after a group opener it becomes the group's first paragraph."""
    if local(anchor.tag) == "recitals":
        intro = anchor.find("a:intro", NS)
        anchor.insert(anchor.index(intro) + 1 if intro is not None else 0, element)
        return
    if element.find("a:num", NS) is not None and anchor.find("a:num", NS) is None:
        element.remove(element.find("a:num", NS))
    anchor.addnext(element)


def delete_unit(element: etree._Element) -> None:
    """Remove a unit; a paragraph left without sub-paragraphs gets its intro back as content.

    A preambular paragraph standing alone sits in a ``recitals`` of its own, which is no unit
    (no wId) and may not be empty: it goes with its last paragraph.
    """
    parent = element.getparent()
    parent.remove(element)
    alone = parent.find("a:recital", NS) is None and parent.find("a:recitals", NS) is None
    if local(parent.tag) == "recitals" and parent.get("wId") is None and alone:
        parent.getparent().remove(parent)
        return
    if local(parent.tag) in ("paragraph", "subparagraph") and not any(local(c.tag) in _HIER for c in parent):
        intro = parent.find("a:intro", NS)
        if intro is not None:
            intro.tag = q("content")


def add_footnote(unit: etree._Element, text: str) -> None:
    """Attach a footnote at the end of the unit's text (numbered by :func:`renumber`)."""
    slot = slot_of(unit)
    body, notes = read_slot(slot)
    write_slot(slot, body, [*notes, Note(len(body), text)])


def _style(num: str) -> str | None:
    token = num.strip().rstrip(".").strip("()")
    if token.isdigit():
        return "decimal"
    if re.fullmatch(r"[IVXLC]+", token) and token != "C":
        return "roman"
    if re.fullmatch(r"[a-z]", token):
        return "lower"
    if re.fullmatch(r"[A-Z]", token):
        return "upper"
    return None


def _format(style: str, n: int) -> str:
    if style == "decimal":
        return f"{n}."
    if style == "roman":
        values = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out = ""
        for value, numeral in values:
            while n >= value:
                out, n = out + numeral, n - value
        return out + "."
    letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    return (letter if style == "lower" else letter.upper()) + "."


def renumber(root: etree._Element) -> None:
    """Renumber every numbered sequence (1., 2. …; a., b. …; I., II. …), then eIds and footnotes."""
    groups = {
        (num.getparent().getparent(), num.getparent().tag)
        for num in root.iter(q("num"))
        if local(num.getparent().tag) in _HIER
    }
    for container, kind in groups:
        siblings = [c for c in container if c.tag == kind]
        style = next(
            (s for c in siblings if (n := c.find("a:num", NS)) is not None and (s := _style(n.text or ""))), None
        )
        if style is None:
            continue
        for i, sibling in enumerate(siblings, start=1):
            num = sibling.find("a:num", NS)
            if num is not None:
                num.text = _format(style, i)
    assign_eids(root)
    number_notes(root)


def set_revision_record(
    root: etree._Element,
    modifications: list[tuple[str, str, str, str]],
    statuses: dict[str, str],
    footnotes: list[tuple[str, str, str]] = (),
) -> None:
    """Record which amendment changed which unit, and the units' negotiation status.

    ``modifications`` are ``(amendment id, delegation, unit wId, type)`` with type
    an AKN textualMod type (substitution, insertion, repeal). They become
    ``passiveModifications`` (source: the amendment) plus our own
    ``wgt:incorporated`` entries that also name the delegation; ``footnotes`` are
    the statements entered as footnotes, ``(amendment id, delegation, unit wId)``.
    """
    meta = root.find("./*/a:meta", NS)
    for old in meta.findall("a:analysis", NS):
        meta.remove(old)
    proprietary = meta.find("a:proprietary", NS)
    for old in proprietary.findall("w:incorporated", NS) + proprietary.findall("w:unitStatus", NS):
        proprietary.remove(old)
    eids = {el.get("wId"): el.get("eId") for el in root.iter() if isinstance(el.tag, str) and el.get("wId")}
    if modifications:
        passive = akn.passiveModifications()
        for i, (amendment, _by, wid, mod_type) in enumerate(modifications, start=1):
            passive.append(
                akn.textualMod(
                    akn.source(href=f"#{amendment}"),
                    # a repealed unit has no eId left: its stable id still names it
                    akn.destination(href=f"#{eids.get(wid) or wid}"),
                    type=mod_type,
                    eId=f"pmod_{i}",
                )
            )
        analysis = akn.analysis(passive, source="#secretariat")
        anchor = meta.find("a:references", NS)
        (anchor if anchor is not None else proprietary).addprevious(analysis)
    for amendment, by, wid, mod_type in modifications:
        proprietary.append(wgt.incorporated(amendment=amendment, by=by, unit=wid, type=mod_type))
    for amendment, by, wid in footnotes:  # statements: no textual change, so no textualMod
        proprietary.append(wgt.incorporated(amendment=amendment, by=by, unit=wid, type="footnote"))
    for wid, status in sorted(statuses.items()):
        proprietary.append(wgt.unitStatus(wId=wid, status=status))


def set_procedures(root: etree._Element, procedures: list[tuple[int, str, str, str]]) -> None:
    """Record the silence procedures closed on earlier revisions: ``(rev, deadline, outcome, who broke it)``.

    Each becomes a ``wgt:silence`` entry of ``<proprietary>`` (outcome ``adopted`` or ``broken``,
    ``brokenBy`` the delegations' codes), so the issued text itself says how the one before it fared.
    """
    proprietary = root.find("./*/a:meta/a:proprietary", NS)
    for old in proprietary.findall("w:silence", NS):
        proprietary.remove(old)
    for rev, until, outcome, broken_by in procedures:
        attributes = {"rev": str(rev), "until": until, "outcome": outcome}
        if broken_by:
            attributes["brokenBy"] = broken_by
        proprietary.append(wgt.silence(**attributes))


def set_doc_number(root: etree._Element, symbol_with_rev: str) -> None:
    number = root.find("./*/a:preface/a:p/a:docNumber", NS)
    if number is not None:
        number.text = symbol_with_rev
