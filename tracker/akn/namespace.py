"""Namespace constants and the element maker used to build AKN trees."""

from __future__ import annotations

from lxml.builder import ElementMaker

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: Our own metadata lives in ``<proprietary>`` under this namespace.
WGT_NS = "https://wgt.oas.example/ns/1.0"
NS = {"a": AKN_NS, "w": WGT_NS}

akn = ElementMaker(namespace=AKN_NS, nsmap={None: AKN_NS})
wgt = ElementMaker(namespace=WGT_NS, nsmap={"wgt": WGT_NS})


def q(tag: str) -> str:
    """The Clark name of an AKN element: ``q("p") == "{...akn/3.0}p"``."""
    return f"{{{AKN_NS}}}{tag}"


def local(tag: object) -> str:
    """The local name of an element's tag (``""`` for comments and PIs)."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]
