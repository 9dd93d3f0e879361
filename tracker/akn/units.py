"""The amendable units of a draft, in document order, with the names people use.

A unit is any element carrying a ``wId``. Besides its ids each unit has a
*label*: the way a delegate cites it (``title``, ``pp5``, ``op7.a``, ``II.B.2``,
``app1.IV``), computed from the structure, so it follows renumbering just as
the ``eId`` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

from tracker.akn.eids import num_token
from tracker.akn.namespace import AKN_NS, local
from tracker.akn.outline import Note
from tracker.akn.slots import read_slot, slot_of

_AKN = "{" + AKN_NS + "}"
_NUM = _AKN + "num"
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
        return num_of(self.element)

    @property
    def slot(self) -> etree._Element | None:
        return slot_of(self.element)

    @property
    def text(self) -> str:
        return read_slot(self.slot)[0]

    @property
    def notes(self) -> list[Note]:
        return read_slot(self.slot)[1]


class _Placed(NamedTuple):
    """Where a unit element sits: its part, its attachment, the unit it belongs to."""

    element: etree._Element
    part: str
    attachment: str | None  # the attachment's label (``app1``), None outside attachments
    parent: etree._Element | None  # the nearest ancestor carrying a wId (our metadata may too: not a unit)


def unit_elements(root: etree._Element) -> list[etree._Element]:
    """The unit elements of :func:`iter_units`, in the same order, without their labels (a cheaper listing).

    lxml picks out the AKN elements itself (``{ns}*``), sparing a Python test of every node's tag.
    """
    return [element for element in root.iter(_AKN + "*") if element.get("wId") is not None]


def iter_units(root: etree._Element) -> Iterator[Unit]:
    """Every unit of the document (attachments included) in reading order."""
    counters: dict = {}
    labels: dict[etree._Element, str] = {}
    units = []
    for element, part, attachment, parent in _placed_units(root):
        label = _label(element, part, attachment, labels.get(parent), counters)
        labels[element] = label
        units.append(Unit(element, label, part, parent.get("wId") if parent is not None else None))
    return iter(units)


def _placed_units(root: etree._Element) -> list[_Placed]:
    """The units of :func:`iter_units` and where they sit, before their labels.

    One walk down the tree hands each element what it inherits from its
    ancestors, rather than searching every unit's ancestors again.
    """
    part, attachment = _part_of(root)
    placed: list[_Placed] = []
    _place(root, part, attachment, unit_parent(root), placed)
    return placed


def _place(
    element: etree._Element,
    part: str,
    attachment: str | None,
    parent: etree._Element | None,
    placed: list[_Placed],
) -> None:
    """Append the units in ``element`` (itself first) to ``placed``: plain recursion, no generator per element."""
    tag = element.tag
    if not isinstance(tag, str):
        return  # comments and processing instructions hold no units
    has_wid = element.get("wId") is not None
    if has_wid and tag.startswith(_AKN):  # our own metadata (wgt:unitStatus) names units too; it is not one
        placed.append(_Placed(element, part, attachment, parent))
    if not len(element):
        return
    name = tag.rpartition("}")[2]
    if name == "attachment":
        part, attachment = "annex", _attachment_label(element)
    elif attachment is None and name in PARTS:
        part = PARTS[name]
    if has_wid:
        parent = element
    for child in element:
        _place(child, part, attachment, parent, placed)


def _part_of(element: etree._Element) -> tuple[str, str | None]:
    """The part (and attachment label) ``element``'s ancestors put it in; iteration starts here."""
    for ancestor in element.iterancestors():
        if local(ancestor.tag) == "attachment":
            return "annex", _attachment_label(ancestor)
    for ancestor in element.iterancestors():
        if local(ancestor.tag) in PARTS:
            return PARTS[local(ancestor.tag)], None
    return "body", None


def _attachment_label(attachment: etree._Element) -> str:
    """``app2`` or ``annex1``: the attachment's position among its siblings."""
    index = len(attachment.getparent()) - len(list(attachment.itersiblings()))
    prefix = "app" if attachment[0].get("name") == "appendix" else "annex"
    return f"{prefix}{index}"


def unit_parent(element: etree._Element) -> etree._Element | None:
    """The nearest ancestor carrying a wId (the unit ``element`` belongs to), None at the top."""
    parent = element.getparent()
    while parent is not None and parent.get("wId") is None:
        parent = parent.getparent()
    return parent


def _label(
    element: etree._Element,
    part: str,
    attachment: str | None,
    parent_label: str | None,
    counters: dict,
) -> str:
    kind = local(element.tag)
    token = num_token(num_of(element))

    def count(key: str) -> int:
        counters[key] = counters.get(key, 0) + 1
        return counters[key]

    if attachment is not None:
        if token:
            return f"{attachment}.{token}"
        if kind == "p":  # a heading line of the attachment
            return f"{attachment}.h{count(attachment + '.h')}"
        return f"{attachment}.p{count(attachment + '.p')}"  # an unnumbered paragraph of it
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
        if token:  # paragraph 3 of section II.A is II.A.3, as the text numbers it
            return f"{parent_label}.{token}"
        if _numbered_siblings(element, counters):  # then II.A.p1, which no printed number can take
            return f"{parent_label}.p{count(parent_label + '.p')}"
        return f"{parent_label}.{count(parent_label + '.para')}"
    return f"p{count('p')}"


def _numbered_siblings(element: etree._Element, counters: dict) -> bool:
    """Whether a paragraph beside ``element`` carries a number (asked once per parent, kept in ``counters``)."""
    parent = element.getparent()
    key = ("numbered", parent)  # the element itself: holding it keeps its identity (an id() could be reused)
    if key not in counters:
        counters[key] = any(local(child.tag) == "paragraph" and num_of(child) for child in parent)
    return counters[key]


def num_of(element: etree._Element) -> str | None:
    """The text of the unit's ``num`` (``7.``, ``a.``), None when it is not numbered."""
    for child in element:  # a unit has a few children, the num first: a loop beats find()'s path machinery
        if child.tag == _NUM:
            return child.text
    return None
