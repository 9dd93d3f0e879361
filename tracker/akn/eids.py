"""Akoma Ntoso ``eId``s: derived from the structure and numbers, recomputed on renumbering.

An ``eId`` follows the AKN naming convention (``para_7__subpara_a``) and changes
when a unit is renumbered; the unit's ``wId`` never does. Computing every eId from
the tree in one pass keeps the two from drifting apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from lxml import etree

from tracker.akn.namespace import local

_ABBR = {
    "formula": "formula",
    "recitals": "recs",
    "recital": "rec",
    "paragraph": "para",
    "subparagraph": "subpara",
    "section": "sec",
    "subsection": "subsec",
    "attachment": "att",
    "blockContainer": "blockcontainer",
    "authorialNote": "authorialNote",
    "p": "p",
    "docTitle": "doctitle",
}
#: Elements that get an eId only when they are units (carry a wId).
_ONLY_UNITS = {"p", "docTitle"}

#: Called with each element that gets an eId and the eId its place gives it.
Visit = Callable[[etree._Element, str], None]


@lru_cache(maxsize=4096)
def num_token(num: str | None) -> str | None:
    """``"7."`` -> ``"7"``, ``"(a)"`` -> ``"a"``; None when nothing is left.

    Cached: a document repeats the same few hundred numbers thousands of times,
    and every listing of units and eIds asks for them.
    """
    if not num:
        return None
    token = re.sub(r"[^0-9A-Za-z]+", "", num)
    return token or None


def assign_eids(root: etree._Element) -> None:
    """Give every structural element of the document its eId, in place."""
    walk_eids(root, _set_eid)


def walk_eids(root: etree._Element, visit: Visit) -> None:
    """Call ``visit(element, eid)`` for every element the structure gives an eId, in document order.

    The eIds follow from the numbers and positions alone (never from eIds already
    present), so the same walk both assigns them and checks a file's eIds without
    copying the tree.
    """
    for top in root:
        _walk(top, "", {}, visit)


def _set_eid(element: etree._Element, eid: str) -> None:
    element.set("eId", eid)


def _walk(element: etree._Element, prefix: str, counters: dict[str, int], visit: Visit) -> None:
    tag = element.tag
    if not isinstance(tag, str):
        return  # a comment or processing instruction: no eId, no children
    name = tag.rpartition("}")[2]
    if name == "meta":
        return
    child_prefix = prefix
    abbr = _ABBR.get(name)
    if abbr and not (name in _ONLY_UNITS and element.get("wId") is None):
        counters[abbr] = counters.get(abbr, 0) + 1
        token = num_token(_num_text(element))
        eid = f"{prefix}{abbr}_{token or counters[abbr]}"
        visit(element, eid)
        child_prefix = eid + "__"
        counters_for_children: dict[str, int] = {}
    else:
        counters_for_children = counters
    for child in element:
        _walk(child, child_prefix, counters_for_children, visit)


def _num_text(element: etree._Element) -> str | None:
    """The text of the element's ``num`` child (in any namespace), None without one."""
    for child in element:
        if local(child.tag) == "num":
            return child.text
    return None
