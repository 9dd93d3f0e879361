"""A draft as plain text, as a person reads it (``wgt show --format text``).

Footnote markers are printed the OAS plain-text way, glued to the word before
(``Working Group,1/``), with the notes collected at the end.
"""

from __future__ import annotations

from lxml import etree

from tracker.akn.document import Draft
from tracker.akn.namespace import local
from tracker.akn.slots import plain_text, read_slot
from tracker.akn.units import Unit


def with_markers(text: str, notes: list) -> str:
    """``text`` with each footnote's ``N/`` marker put back at its offset."""
    out, cursor = [], 0
    for note in sorted(notes, key=lambda n: n.offset):
        out.append(text[cursor : note.offset])
        out.append(f"{note.marker or ''}/")
        cursor = note.offset
    out.append(text[cursor:])
    return "".join(out)


def unit_line(unit: Unit, slot: etree._Element | None = None) -> str:
    """The unit's number and text with its footnote markers (``slot``: its text slot, when already found)."""
    text, notes = read_slot(slot if slot is not None else unit.slot)
    body = with_markers(text, notes)
    num = unit.num
    return f"{num} {body}" if num else body


def render_text(draft: Draft, ids: bool = False) -> str:
    """The whole document as text; with ``ids`` each unit is prefixed ``[label id]``."""
    blocks: list[str] = []
    units = {u.element: u for u in draft.units()}
    # The units' text slots lie inside their units, so none is a loose paragraph: remembering them
    # spares the search of their ancestors (a slot comes after its unit in document order).
    slots: set[etree._Element] = set()
    for element in draft.root.iter(etree.Element):  # elements only, comments and PIs skipped in C
        unit = units.get(element)
        if unit is not None:
            slot = unit.slot
            slots.add(slot)
            line = unit_line(unit, slot)
            blocks.append(f"[{unit.label} {unit.wid}] {line}" if ids else line)
        elif element not in slots and _loose_paragraph(element):
            blocks.append(plain_text(element))
    notes = list(draft.root.iter("{*}authorialNote"))
    blocks.extend(f"{n.get('marker')}. {' '.join(plain_text(p) for p in n)}" for n in notes)
    return "\n\n".join(blocks) + "\n"


def _loose_paragraph(element: etree._Element) -> bool:
    """A ``p`` outside any unit and any footnote, holding no unit (place and date, addressee, signature)."""
    if local(element.tag) != "p" or element.get("class") == "symbol":
        return False
    if any(d.get("wId") is not None for d in element.iterdescendants() if isinstance(d.tag, str)):
        return False  # a wrapper of a unit (the title's <p>): the unit prints itself
    for ancestor in element.iterancestors():
        if ancestor.get("wId") is not None or local(ancestor.tag) in ("authorialNote", "meta"):
            return False
    return True
