"""What a DOCX that wgt writes says it is: its properties, and each unit's stable id as a bookmark.

A delegation opens the file in Word or LibreOffice, edits it and sends it back;
``wgt amend from-word`` must then know which document, revision and language
it came from, and which paragraph is which unit, whatever editing did to the
numbering. Both survive Word and LibreOffice (tested through ``soffice``):

* *Bookmarks*: ``w:bookmarkStart``/``w:bookmarkEnd`` around each unit's
  paragraph, named :func:`bookmark_name` (``wgt_op_4b118c`` for ``op-4b118c``:
  Word's names are letters, digits and underscores, at most 40 characters).
* *Custom properties* (``docProps/custom.xml``, File › Properties › Custom):
  the symbol, the revision, the language and the SHA-256 of the revision's
  signed manifest (:data:`PROPERTIES`), so that a file of another group's
  revision with the same symbol is told apart.

The core properties say what the document is (creator the body, title its
symbol and title, subject its symbol, created and modified its date) and
nothing of python-docx's template is left: its author and description, its
2013 dates, its thumbnail, its bibliography part and its claim to be
"Microsoft Macintosh Word" (``docProps/app.xml``).
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from tracker.render.model import Layout
from tracker.render.wordchanges import word_date
from tracker.render.wordparts import PPR, w
from tracker.wordml import CUSTOM_NS, read_custom

#: What each custom property holds (its name in ``docProps/custom.xml``).
SYMBOL, REV, LANG, MANIFEST = "wgt.symbol", "wgt.rev", "wgt.lang", "wgt.manifest"
PROPERTIES = (SYMBOL, REV, LANG, MANIFEST)
#: The start of every unit bookmark's name; Word hides only names starting with "_".
BOOKMARK_PREFIX = "wgt_"
#: Word keeps a bookmark name to 40 characters.
BOOKMARK_LIMIT = 40
#: Word keeps a core property (title, subject) to 255 characters; python-docx refuses longer ones.
CORE_PROPERTY_LIMIT = 255

_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_EXTENDED_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
#: The format id every user-defined property carries (ECMA-376 Part 1, §22.3.2.2).
_USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_DC = "{http://purl.org/dc/terms/}"


def bookmark_name(wid: str) -> str:
    """The bookmark of the unit ``wid`` (``op-4b118c`` → ``wgt_op_4b118c``), within Word's 40 characters.

    Not decoded back: a reader matches it against the names of the revision's units.
    """
    return (BOOKMARK_PREFIX + wid.replace("-", "_"))[:BOOKMARK_LIMIT]


def core_property(text: str, limit: int = CORE_PROPERTY_LIMIT) -> str:
    """``text`` cut to ``limit`` characters at a word, with an ellipsis: the whole title is in the document."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


class Bookmarks:
    """Numbers the bookmarks of one document and puts them around paragraphs."""

    def __init__(self) -> None:
        self._next = 0

    def wrap(self, paragraph: etree._Element, wid: str) -> None:
        """Bookmark the whole ``w:p`` ``paragraph`` (after its properties) as the unit ``wid``."""
        bid = str(self._next)
        self._next += 1
        start = etree.Element(w("bookmarkStart"), {w("id"): bid, w("name"): bookmark_name(wid)})
        at = 1 if len(paragraph) and paragraph[0].tag == PPR else 0
        paragraph.insert(at, start)
        etree.SubElement(paragraph, w("bookmarkEnd"), {w("id"): bid})


def describe_package(document: Document, layout: Layout) -> None:
    """Core, extended and custom properties that say what ``layout`` is; the template's leftovers dropped."""
    core = document.core_properties
    author = core_property(layout.author or layout.header.organization)
    core.author = core.last_modified_by = author
    core.title = core_property(f"{layout.symbol} {layout.title}".strip())
    core.subject = core_property(layout.symbol)
    core.comments = ""
    core.keywords = ""
    core.revision = 1
    core.language = layout.lang
    when = word_date(layout.date)
    if when is not None:
        core.created = core.modified = when
    else:  # no date known: none at all rather than the template's
        element = document.part.package.core_properties._element
        for tag in ("created", "modified"):
            for found in element.findall(_DC + tag):
                element.remove(found)
    package = document.part.package
    _drop(package.rels, (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES, RT.CUSTOM_PROPERTIES))
    _drop(document.part.rels, (RT.CUSTOM_XML,))
    package.relate_to(
        Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, _APP_XML, package), RT.EXTENDED_PROPERTIES
    )
    if layout.properties:
        part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, custom_xml(layout.properties), package)
        package.relate_to(part, RT.CUSTOM_PROPERTIES)


def custom_xml(properties: dict[str, str]) -> bytes:
    """``docProps/custom.xml`` holding ``properties`` as text properties, in the order given."""
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": _VT_NS})
    for pid, (name, value) in enumerate(properties.items(), start=2):  # pid 0 and 1 are reserved
        prop = etree.SubElement(
            root, f"{{{CUSTOM_NS}}}property", {"fmtid": _USER_DEFINED, "pid": str(pid), "name": name}
        )
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


#: ``docProps/app.xml``: wgt made the file, and nothing the template claimed (Word for Mac, Normal.dotm).
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    f'<Properties xmlns="{_EXTENDED_NS}" xmlns:vt="{_VT_NS}"><Application>wgt</Application>'
    "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
).encode()


def _drop(rels, kinds: tuple[str, ...]) -> None:
    """Remove the relationships of ``kinds``: python-docx saves only the parts still related."""
    for rid in [rid for rid, rel in rels.items() if rel.reltype in kinds]:
        del rels[rid]


__all__ = [
    "BOOKMARK_PREFIX",
    "CORE_PROPERTY_LIMIT",
    "PROPERTIES",
    "Bookmarks",
    "bookmark_name",
    "core_property",
    "custom_xml",
    "describe_package",
    "read_custom",
]
