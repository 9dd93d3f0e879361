"""The text slot of a unit: the one element holding its words and footnotes.

Every unit keeps its amendable words in exactly one element (``content/p``,
``intro/p``, ``heading``, ``p`` or ``docTitle``); footnotes sit inside it as
``authorialNote`` elements. Reading and writing go through this module only, so
a unit's text means the same thing to the importer, the amendments and the
renderers.
"""

from __future__ import annotations

from lxml import etree

from tracker.akn.namespace import NS, akn, local, q
from tracker.akn.outline import Note

#: Where a unit's text sits below it, as (child, grandchild) Clark names; ``content/p`` then
#: ``intro/p`` for the rest. Spelled out as tags, not ElementPath paths, since every renderer and
#: listing asks it of every unit and a path costs a parse of its own on every call.
_SLOT_PATHS = {
    "formula": (q("p"), None),
    "recitals": (q("intro"), q("p")),
    "recital": (q("p"), None),
    "section": (q("heading"), None),
    "subsection": (q("heading"), None),
}
_CONTENT_P = (q("content"), q("p"))
_INTRO_P = (q("intro"), q("p"))


def slot_of(unit: etree._Element) -> etree._Element | None:
    """The element that holds ``unit``'s own text (None if it has none)."""
    name = local(unit.tag)
    if name in ("p", "docTitle"):
        return unit
    path = _SLOT_PATHS.get(name)
    if path is not None:
        return _first(unit, path)
    found = _first(unit, _CONTENT_P)
    return found if found is not None else _first(unit, _INTRO_P)


def _first(unit: etree._Element, path: tuple[str, str | None]) -> etree._Element | None:
    """The first element at ``path`` below ``unit``, as ``unit.find("a:child/a:grandchild")`` finds it."""
    child_tag, grandchild_tag = path
    for child in unit:
        if child.tag == child_tag:
            if grandchild_tag is None:
                return child
            for grandchild in child:
                if grandchild.tag == grandchild_tag:
                    return grandchild
    return None


def read_slot(slot: etree._Element | None) -> tuple[str, list[Note]]:
    """The slot's plain text and its footnotes (offset into that text, note text)."""
    if slot is None:
        return "", []
    parts: list[str] = [slot.text or ""]
    notes: list[Note] = []
    for child in slot:
        if local(child.tag) == "authorialNote":
            offset = sum(len(p) for p in parts)
            notes.append(Note(offset, note_text(child), child.get("marker")))
        else:
            parts.append(plain_text(child))
        parts.append(child.tail or "")
    return "".join(parts), notes


def note_text(note: etree._Element) -> str:
    """The text of an ``authorialNote`` (its paragraphs joined by spaces)."""
    return " ".join(plain_text(p) for p in note.iterfind("a:p", NS))


def plain_text(element: etree._Element) -> str:
    """All text inside ``element`` except footnotes."""
    parts = [element.text or ""]
    for child in element:
        if local(child.tag) != "authorialNote":
            parts.append(plain_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def write_slot(slot: etree._Element, text: str, notes: list[Note] = ()) -> None:
    """Replace the slot's content with ``text`` and footnotes at their offsets."""
    for child in list(slot):
        slot.remove(child)
    ordered = sorted(notes, key=lambda n: n.offset)
    cursor = 0
    slot.text = text[: ordered[0].offset] if ordered else text
    previous: etree._Element | None = None
    for note in ordered:
        if previous is not None:
            previous.tail = text[cursor : note.offset]
        element = akn.authorialNote(akn.p(note.text), placement="bottom", marker="*")
        slot.append(element)
        previous = element
        cursor = note.offset
    if previous is not None:
        previous.tail = text[cursor:]


def number_notes(root: etree._Element) -> int:
    """Number every footnote of the document in reading order; returns the count."""
    count = 0
    for count, note in enumerate(root.iter(q("authorialNote")), start=1):
        note.set("marker", str(count))
    return count
