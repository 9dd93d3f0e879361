"""Our own rules for a draft, beyond what the AKN schema can say.

* every unit has a ``wId`` unique in the file and an ``eId`` unique in the file;
* each ``eId`` is the one the structure gives (it follows renumbering);
* every unit holds text (an empty unit is a broken amendment or import), and at most
  ``MAX_UNIT_CHARS`` characters (the model's size rule);
* all text is Unicode NFC;
* the metadata names a known language and the file name agrees with it.

Every write of a draft runs these checks over the whole file, so they are made
in few passes: the eIds the structure gives are compared as they are computed
(no copy of the tree), and unit labels, which cost a listing of their own, are
computed only to name a unit that breaks a rule.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from lxml import etree

from tracker.akn.eids import walk_eids
from tracker.akn.slots import read_slot, slot_of
from tracker.akn.text import MAX_UNIT_CHARS
from tracker.akn.units import iter_units, unit_elements
from tracker.i18n import _, count_words, ui_language


def rule_errors(root: etree._Element, *, eids_assigned: bool = False) -> list[str]:
    """Every violation of our rules in ``root`` (empty when it keeps them all).

    ``eids_assigned`` says the caller has just given every element the eId its
    place gives (:func:`~tracker.akn.eids.assign_eids`, as ``build_document``
    does) and changed no number or structure since: no eId can then be stale,
    and checking it again would repeat that walk over the whole tree. Every
    other rule is checked all the same (numbers can still give two units one eId).
    """
    units = unit_elements(root)
    errors = _duplicate_wids(units)
    texts, eids = _texts_and_eids(root)
    errors += [
        _("eId {eid!r} is used {count} times").format(eid=eid, count=count_words(n, ui_language()))
        for eid, n in eids.items()
        if n > 1
    ]
    errors += _empty_units(root, units)
    if not eids_assigned:
        errors += _stale_eids(root)
    errors += texts
    return errors


def _duplicate_wids(units: list[etree._Element]) -> list[str]:
    return [
        _("wId {wid!r} is used by {count} units; a stable id must be unique").format(
            wid=wid, count=count_words(count, ui_language())
        )
        for wid, count in Counter(unit.get("wId") for unit in units).items()
        if count > 1
    ]


def _texts_and_eids(root: etree._Element) -> tuple[list[str], Counter[str]]:
    """The texts not in NFC, and how often each eId is used."""
    eids: Counter[str] = Counter(eid for element in root.iter(etree.Element) if (eid := element.get("eId")))
    return _not_nfc(root), eids


def _not_nfc(root: etree._Element) -> list[str]:
    """Every text and tail of every node (comments' and processing instructions' too) that is not in NFC.

    U+0000 is stable under NFC (it never composes or reorders with its neighbours), so
    all the texts joined by it are NFC exactly when each one is: one check in C for
    the whole file, and the search node by node only to name the texts that fail.
    """
    texts = [*root.itertext(), root.tail or ""]  # itertext(): the elements' texts and every node's tail
    texts += [node.text or "" for node in root.iter(etree.Comment, etree.ProcessingInstruction)]
    if unicodedata.is_normalized("NFC", "\0".join(texts)):
        return []
    not_nfc: list[str] = []
    for element in root.iter():
        for text in (element.text, element.tail):
            if text and not unicodedata.is_normalized("NFC", text):
                not_nfc.append(_("text {text!r} is not Unicode NFC").format(text=text.strip()[:40]))
                break
    return not_nfc


def _empty_units(root: etree._Element, units: list[etree._Element]) -> list[str]:
    """Units without text, and units longer than a unit may be (the model's size rule, ``MAX_UNIT_CHARS``)."""
    empty, long = set(), {}
    for unit in units:
        slot = slot_of(unit)
        if not _has_text(slot):
            empty.add(unit)
        elif (size := _length(slot)) > MAX_UNIT_CHARS:
            long[unit] = size
    if not empty and not long:
        return []
    out = []
    for unit in iter_units(root):
        if unit.element in empty:
            out.append(_("unit {label} ({wid}) has no text").format(label=unit.label, wid=unit.wid))
        elif unit.element in long:
            out.append(
                _("unit {label} ({wid}) has {count:,} characters, more than the {limit:,} a unit may hold").format(
                    label=unit.label, wid=unit.wid, count=long[unit.element], limit=MAX_UNIT_CHARS
                )
            )
    return out


def _length(slot: etree._Element) -> int:
    """The characters of a unit's text (its own leading text settles it for almost every unit)."""
    if len(slot) == 0:
        return len(slot.text or "")
    return len(read_slot(slot)[0])


def _has_text(slot: etree._Element | None) -> bool:
    """Whether the slot holds more than spaces (its own leading text settles it for almost every unit)."""
    if slot is not None and slot.text and not slot.text.isspace():
        return True
    return bool(read_slot(slot)[0].strip())


def _stale_eids(root: etree._Element) -> list[str]:
    """Units whose eId is not the one their number and place give."""
    errors: list[str] = []

    def check(element: etree._Element, expected: str) -> None:
        if element.get("wId") and element.get("eId") != expected:
            errors.append(
                _("unit {wid} has eId {eid!r} but its number gives {expected!r}").format(
                    wid=element.get("wId"), eid=element.get("eId"), expected=expected
                )
            )

    walk_eids(root, check)
    return errors
