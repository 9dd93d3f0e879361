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
#: Elements that normally carry a ``num``; one without gets an ``_nn_`` eId.
_NUMBERABLE = {"paragraph", "subparagraph", "section", "subsection"}

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
        _walk(top, "", _Scope(top), visit)


def _set_eid(element: etree._Element, eid: str) -> None:
    element.set("eId", eid)


class _Scope:
    """The siblings that share one eId prefix: their counters, and (when asked) the numbers they carry."""

    __slots__ = ("counters", "numbered", "root")

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.counters: dict[str, int] = {}
        self.numbered: set[str] | None = None

    def taken_by_numbers(self, eid_tail: str) -> bool:
        """Whether a numbered element of this scope has the eId ``eid_tail`` (``para_3``)."""
        if self.numbered is None:
            self.numbered = set()
            stack = list(self.root) if _opens_scope(self.root) else [self.root]
            while stack:
                element = stack.pop()
                if not isinstance(element.tag, str):
                    continue
                if _opens_scope(element):
                    token = num_token(_num_text(element))
                    if token is not None:
                        self.numbered.add(f"{_ABBR[local(element.tag)]}_{token}")
                else:
                    stack.extend(element)
        return eid_tail in self.numbered


def _opens_scope(element: etree._Element) -> bool:
    name = element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""
    return name in _ABBR and not (name in _ONLY_UNITS and element.get("wId") is None)


def _walk(element: etree._Element, prefix: str, scope: _Scope, visit: Visit) -> None:
    tag = element.tag
    if not isinstance(tag, str):
        return  # a comment or processing instruction: no eId, no children
    name = tag.rpartition("}")[2]
    if name == "meta":
        return
    child_prefix = prefix
    abbr = _ABBR.get(name)
    if abbr and not (name in _ONLY_UNITS and element.get("wId") is None):
        counters = scope.counters
        counters[abbr] = counters.get(abbr, 0) + 1
        token = num_token(_num_text(element))
        tail = f"{abbr}_{token or counters[abbr]}"
        if token is None and name in _NUMBERABLE and scope.taken_by_numbers(tail):
            # An unnumbered paragraph whose place would give it the eId of the one numbered
            # so: ``para_nn_1`` instead (AKN's mark for unnumbered items), so eIds stay unique.
            tail = f"{abbr}_nn_{counters[abbr]}"
        eid = prefix + tail
        visit(element, eid)
        child_prefix = eid + "__"
        child_scope = _Scope(element)
    else:
        child_scope = scope
    for child in element:
        _walk(child, child_prefix, child_scope, visit)


def _num_text(element: etree._Element) -> str | None:
    """The text of the element's ``num`` child (in any namespace), None without one."""
    for child in element:
        tag = child.tag  # local() inlined: this runs for every element that takes an eId
        if isinstance(tag, str) and tag.rpartition("}")[2] == "num":
            return child.text
    return None
