"""Akoma Ntoso ``eId``s: derived from the structure and numbers, recomputed on renumbering.

An ``eId`` follows the AKN naming convention (``para_7__subpara_a``) and changes
when a unit is renumbered; the unit's ``wId`` never does. Computing every eId from
the tree in one pass keeps the two from drifting apart.
"""

from __future__ import annotations

import re

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


def num_token(num: str | None) -> str | None:
    """``"7."`` -> ``"7"``, ``"(a)"`` -> ``"a"``; None when nothing is left."""
    if not num:
        return None
    token = re.sub(r"[^0-9A-Za-z]+", "", num)
    return token or None


def assign_eids(root: etree._Element) -> None:
    """Give every structural element of the document its eId, in place."""
    for top in root:
        _walk(top, "", {})


def _walk(element: etree._Element, prefix: str, counters: dict[str, int]) -> None:
    name = local(element.tag)
    if name == "meta":
        return
    child_prefix = prefix
    abbr = _ABBR.get(name)
    if abbr and not (name in _ONLY_UNITS and element.get("wId") is None):
        counters[abbr] = counters.get(abbr, 0) + 1
        num_el = next((c for c in element if local(c.tag) == "num"), None)
        token = num_token(num_el.text if num_el is not None else None)
        eid = f"{prefix}{abbr}_{token or counters[abbr]}"
        element.set("eId", eid)
        child_prefix = eid + "__"
        counters_for_children: dict[str, int] = {}
    else:
        counters_for_children = counters
    for child in element:
        _walk(child, child_prefix, counters_for_children)
