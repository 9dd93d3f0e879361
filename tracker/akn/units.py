"""The amendable units of a draft, in document order, with the names people use.

A unit is any element carrying a ``wId``. Besides its ids each unit has a
*label*: the way a delegate cites it (``title``, ``pp5``, ``op7.a``, ``II.B.2``,
``app1.IV``), computed from the structure, so it follows renumbering just as
the ``eId`` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from tracker.akn.eids import num_token
from tracker.akn.namespace import AKN_NS, NS, local
from tracker.akn.outline import Note
from tracker.akn.slots import read_slot, slot_of

_AKN = "{" + AKN_NS + "}"
PARTS = {"preface": "preface", "preamble": "preamble", "mainBody": "body", "conclusions": "conclusions"}


@dataclass
class Unit:
    """A view of one unit element; reading it never changes the tree."""

    element: etree._Element
    label: str
    part: str
    parent: str | None

    @property
    def wid(self) -> str:
        return self.element.get("wId")

    @property
    def eid(self) -> str | None:
        return self.element.get("eId")

    @property
    def kind(self) -> str:
        return local(self.element.tag)

    @property
    def num(self) -> str | None:
        num = self.element.find("a:num", NS)
        return num.text if num is not None else None

    @property
    def slot(self) -> etree._Element | None:
        return slot_of(self.element)

    @property
    def text(self) -> str:
        return read_slot(self.slot)[0]

    @property
    def notes(self) -> list[Note]:
        return read_slot(self.slot)[1]


def iter_units(root: etree._Element) -> Iterator[Unit]:
    """Every unit of the document (attachments included) in reading order."""
    counters: dict[str, int] = {}
    labels: dict[etree._Element, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or element.get("wId") is None or not element.tag.startswith(_AKN):
            continue  # our own metadata (wgt:unitStatus) names units too; it is not one
        part, attachment_label = _part_of(element)
        parent_el = _unit_parent(element)
        label = _label(element, part, attachment_label, labels.get(parent_el), counters)
        labels[element] = label
        yield Unit(element, label, part, parent_el.get("wId") if parent_el is not None else None)


def _part_of(element: etree._Element) -> tuple[str, str | None]:
    for ancestor in element.iterancestors():
        name = local(ancestor.tag)
        if name == "attachment":
            index = len(ancestor.getparent()) - len(list(ancestor.itersiblings()))
            doc = ancestor[0]
            prefix = "app" if doc.get("name") == "appendix" else "annex"
            return "annex", f"{prefix}{index}"
    for ancestor in element.iterancestors():
        if local(ancestor.tag) in PARTS:
            return PARTS[local(ancestor.tag)], None
    return "body", None


def _unit_parent(element: etree._Element) -> etree._Element | None:
    return next((a for a in element.iterancestors() if a.get("wId") is not None), None)


def _label(
    element: etree._Element,
    part: str,
    attachment: str | None,
    parent_label: str | None,
    counters: dict[str, int],
) -> str:
    kind = local(element.tag)
    token = num_token(_num(element))

    def count(key: str) -> int:
        counters[key] = counters.get(key, 0) + 1
        return counters[key]

    if attachment is not None:
        if token:
            return f"{attachment}.{token}"
        return f"{attachment}.h{count(attachment + '.h')}"
    if kind == "docTitle":
        return "title"
    if kind == "formula":
        return f"formula{count('formula')}"
    if part == "preamble":
        return f"pp{count('pp')}"
    if kind in ("section",):
        return token or f"s{count('s')}"
    if kind == "subsection":
        return f"{parent_label}.{token or count(parent_label + '.s')}"
    if kind == "subparagraph":
        return f"{parent_label}.{token or count(parent_label + '.sub')}"
    if kind == "paragraph" and token and parent_label is None:
        return f"op{token}"
    if parent_label is not None:
        return f"{parent_label}.{count(parent_label + '.para')}"
    return f"p{count('p')}"


def _num(element: etree._Element) -> str | None:
    num = element.find("a:num", NS)
    return num.text if num is not None else None
