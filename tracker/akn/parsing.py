"""Safe parsing and canonical serialization of AKN files.

Drafts come from other people (delegations e-mail files), so the parser never
resolves entities, never loads a DTD and never touches the network. A file that
declares a DOCTYPE at all is refused: AKN has no use for one, and refusing it
outright stops XXE and billion-laughs attacks before lxml sees them.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from lxml import etree

from tracker.akn.namespace import local
from tracker.errors import XmlError
from tracker.i18n import N_, _

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_blank_text=False,
)

#: Searched in the raw bytes without copying them (a lowered copy of a 50 MB file costs 50 MB).
_ENTITY_DECLARATION = re.compile(rb"<!entity", re.IGNORECASE)

#: What libxml2 says when ``huge_tree=False`` stops a file, and what we tell the user instead.
_LIMITS = (
    ("Text node too long", N_("a text node of more than 10 MB")),
    ("Excessive depth", N_("elements nested more than 256 deep")),
    ("Resource limit exceeded", N_("more than a draft ever holds")),
    ("Huge input lookup", N_("more than a draft ever holds")),
)


def parse_bytes(data: bytes, name: str = "<input>") -> etree._ElementTree:
    """Parse XML bytes safely; ``name`` is used in error messages."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lower()
    if b"<!doctype" in head or _ENTITY_DECLARATION.search(data):
        raise XmlError(
            _(
                "{name}: refuses a DOCTYPE or ENTITY declaration (external entities and "
                "entity expansion are never processed); remove it and try again"
            ).format(name=name)
        )
    try:
        tree = etree.ElementTree(etree.fromstring(data, _PARSER))
    except etree.XMLSyntaxError as exc:
        for marker, what in _LIMITS:
            if marker in (exc.msg or ""):
                raise XmlError(
                    _(
                        "{name}: refused: {what} (line {line}), beyond the safe parser's limits; "
                        "the file is damaged or hostile — restore it from git"
                    ).format(name=name, what=_(what), line=exc.lineno)
                ) from None
        raise XmlError(
            _("{name}: malformed XML: {reason} (line {line}); fix the file or restore it from git").format(
                name=name, reason=exc.msg, line=exc.lineno
            )
        ) from None
    # The byte check above cannot see a DOCTYPE in UTF-16 or after a long prolog.
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.system_url or info.public_id:
        raise XmlError(
            _("{name}: refuses a DOCTYPE declaration (DTDs and entities are never processed); remove it").format(
                name=name
            )
        )
    if next(tree.iter(etree.Entity), None) is not None:  # lxml filters the nodes itself: no Python loop
        raise XmlError(_("{name}: contains entity references that are never expanded; remove them").format(name=name))
    return tree


def parse_file(path: Path) -> etree._ElementTree:
    """Read and safely parse an XML file, naming the file in any error."""
    from tracker.storage import read_input

    return parse_bytes(read_input(path, XmlError), str(path))


#: Elements whose content is running text: indentation must never enter them.
_TEXT_ELEMENTS = {"p", "heading", "num", "docTitle", "docNumber", "subheading", "FRBRalias"}


def serialize(tree: etree._ElementTree | etree._Element) -> bytes:
    """The bytes we store: UTF-8, one structural element per line, final newline.

    Only structure is indented; running text is left exactly as it is, so the
    words of a unit never gain or lose a space through a save.
    """
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    _indent(root, 0)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _indent(element: etree._Element, depth: int) -> None:
    if local(element.tag) in _TEXT_ELEMENTS or len(element) == 0:
        return
    if element.text and element.text.strip():
        return
    if any(child.tail and child.tail.strip() for child in element):
        return
    pad = "\n" + "  " * (depth + 1)
    element.text = pad
    for child in element:
        child.tail = pad
        _indent(child, depth + 1)
    element[-1].tail = "\n" + "  " * depth


def nfc(text: str) -> str:
    """Unicode NFC, the only form stored in drafts (``México`` has one spelling)."""
    return unicodedata.normalize("NFC", text)
