"""The WordprocessingML the DOCX writer builds itself with lxml.

*Paragraphs and runs.* python-docx's paragraph API costs too much for a long
draft: ``Document.add_paragraph`` finds ``w:sectPr`` by scanning all of the
body's children (quadratic over a document) and ``Run.text`` walks the text one
character at a time. :func:`add_run` and :func:`set_props` write the same XML
python-docx writes (tabs as ``w:tab``, line breaks as ``w:br``, ``w:t`` with
``xml:space="preserve"`` when the text has spaces at an edge; properties in the
order the schema requires) in time proportional to the text.

*Footnotes* live in their own part, ``word/footnotes.xml`` (content type
``…wordprocessingml.footnotes+xml``), related to the main document part by a
``…/relationships/footnotes`` relationship; the text carries
``w:footnoteReference w:id="N"`` runs and each note is a ``w:footnote`` whose
first run is a ``w:footnoteRef`` (Word prints the note's number there). Ids -1
and 0 are the separator and continuation separator Word expects, declared in
``settings.xml`` (``w:footnotePr``).

*Numbering* is a ``w:abstractNum`` (one ``w:lvl`` per level: format, text,
indentation) and a ``w:num`` pointing at it in ``numbering.xml``; a paragraph
joins the list with ``w:pPr/w:numPr`` (``w:ilvl``, ``w:numId``). Word then
counts, so a paragraph inserted in Word renumbers the ones after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from tracker.wordml import FORMATS, W_NS, w


def element(tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """A new ``w:`` element (attributes by local name) in no document yet; the ``w`` prefix it
    declares is dropped when it is placed in one, which declares it already."""
    return etree.Element(w(tag), {w(name): value for name, value in (attrs or {}).items()}, nsmap={"w": W_NS})


P, R, T, PPR, RPR, VAL = w("p"), w("r"), w("t"), w("pPr"), w("rPr"), w("val")
_TAB, _BR = w("tab"), w("br")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

#: The children of ``w:pPr`` and ``w:rPr`` wgt writes, in the order the schema
#: (CT_PPrBase, CT_RPr) lays them out: Word refuses a file whose properties are out of order.
_ORDER = {
    PPR: {w(tag): rank for rank, tag in enumerate(("keepNext", "pageBreakBefore", "numPr", "spacing", "ind", "jc"))},
    RPR: {
        w(tag): rank for rank, tag in enumerate(("rStyle", "b", "i", "caps", "strike", "color", "sz", "u", "vertAlign"))
    },
}

#: A property to set (its attributes, by local name; None removes one) or, as None, to remove.
Setting = tuple[str, dict[str, str | None] | None]

#: What python-docx's ``Run.text`` writes as an element rather than as text.
_BREAKS = re.compile(r"([\t\r\n])")


def add_run(parent: etree._Element, text: str = "", settings: Iterable[Setting] | None = None) -> etree._Element:
    """A ``w:r`` appended to ``parent`` holding ``text``, as python-docx's ``Run.text`` writes it.

    With ``settings``, the run gets its ``w:rPr`` (see :func:`set_props`) first, where the schema wants it.
    """
    run = etree.SubElement(parent, R)
    if settings is not None:
        _apply(etree.SubElement(run, RPR), settings)
    if not text:
        return run
    # Most text has no tab or line break: one w:t, without splitting.
    pieces = _BREAKS.split(text) if "\t" in text or "\n" in text or "\r" in text else (text,)
    for piece in pieces:
        if piece == "\t":
            etree.SubElement(run, _TAB)
        elif piece in ("\r", "\n"):
            etree.SubElement(run, _BR)
        elif piece:
            t = etree.SubElement(run, T)
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():  # else Word drops the spaces at the edges
                t.set(_XML_SPACE, "preserve")
    return run


def properties(owner: etree._Element, pr_tag: str) -> etree._Element:
    """The ``w:pPr`` / ``w:rPr`` (``pr_tag``) of a paragraph or run, made its first child if missing."""
    if len(owner) and owner[0].tag == pr_tag:
        return owner[0]
    pr = etree.SubElement(owner, pr_tag)
    owner.insert(0, pr)
    return pr


def prop(pr: etree._Element, tag: str) -> etree._Element:
    """The child ``tag`` of the properties ``pr``, added at its place in the schema's order if missing."""
    child = pr.find(tag)
    if child is None:
        order = _ORDER[pr.tag]
        rank = order[tag]
        child = etree.SubElement(pr, tag)
        for sibling in pr:
            if order[sibling.tag] > rank:
                sibling.addprevious(child)
                break
    return child


def set_props(owner: etree._Element, pr_tag: str, settings: Iterable[Setting]) -> etree._Element:
    """Apply ``settings`` to the ``pr_tag`` properties of ``owner`` (a paragraph or run) as python-docx's setters do.

    The properties element is made even when nothing is set (python-docx makes it
    before looking at the value); attributes keep the order they were first set in.
    """
    pr = properties(owner, pr_tag)
    _apply(pr, settings)
    return pr


def _apply(pr: etree._Element, settings: Iterable[Setting]) -> None:
    for tag, attrs in settings:
        if attrs is None:
            child = pr.find(w(tag))
            if child is not None:
                pr.remove(child)
            continue
        child = prop(pr, w(tag))
        for name, value in attrs.items():
            if value is None:
                child.attrib.pop(w(name), None)
            else:
                child.set(w(name), value)


_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    "</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)

_NOTE_STYLES = (
    f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
    '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    '<w:pPr><w:tabs><w:tab w:val="left" w:pos="360"/></w:tabs><w:spacing w:after="60" w:line="240" w:lineRule="auto"/>'
    '<w:jc w:val="both"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>',
    f'<w:style {nsdecls("w")} w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
    '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
)


class Footnotes:
    """The footnotes part of one document; :meth:`add` puts a note at the end of a paragraph."""

    def __init__(self, document: Document) -> None:
        package = document.part.package
        self.part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_FOOTNOTES_XML), package)
        document.part.relate_to(self.part, RT.FOOTNOTES)
        styles = document.styles.element
        for xml in _NOTE_STYLES:
            styles.append(parse_xml(xml))
        self._declare_separators(document.settings.element)

    @staticmethod
    def _declare_separators(settings) -> None:
        footnote_pr = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        )
        compat = settings.find(w("compat"))
        if compat is not None:
            compat.addprevious(footnote_pr)
        else:
            settings.append(footnote_pr)

    def add(
        self, paragraph: etree._Element, number: int, text: str, mark: str | None = None
    ) -> tuple[etree._Element, etree._Element]:
        """Append a reference to footnote ``number`` to the ``w:p`` ``paragraph`` and the note ``text`` to the part.

        The note opens the OAS way, ``1.`` then a tab, with the number kept by
        Word (``w:footnoteRef``) so that it follows any renumbering. A note with
        a ``mark`` (a redline's note the later revision lost, ``*3``) shows that
        mark instead (``w:customMarkFollows``), and Word leaves it out of its
        numbering, so the other notes keep their numbers. Returns the
        reference run and the run of the note's text (to mark them as changes).
        """
        reference = add_run(paragraph)
        set_props(reference, RPR, [("rStyle", {"val": "FootnoteReference"})])
        attributes = {w("id"): str(number)}
        if mark:
            attributes[w("customMarkFollows")] = "1"
        etree.SubElement(reference, w("footnoteReference"), attributes)
        if mark:
            reference.append(_text(mark))

        note = element("footnote", {"id": str(number)})
        p = element("p")
        ppr = element("pPr")
        ppr.append(_val("pStyle", "FootnoteText"))
        p.append(ppr)
        p.append(_run(_text(mark) if mark else element("footnoteRef")))
        p.append(_run(_text(".")))
        p.append(_run(element("tab")))
        body = _run(_text(text))
        p.append(body)
        note.append(p)
        self.part.element.append(note)
        return reference, body


# -- numbering ---------------------------------------------------------------

_NUM = re.compile(r"^(\W*)([0-9]+|[A-Za-z]+)(\W*)$")


def level_format(first: str) -> tuple[str, int, str] | None:
    """Word format, start and level-text affixes of a list from its first number (``I.`` → upperRoman)."""
    match = _NUM.match(first.strip())
    if match is None:
        return None
    prefix, core, suffix = match.groups()
    for fmt in ("decimal", "upperRoman", "lowerRoman", "lowerLetter", "upperLetter"):
        for start in range(1, 40):
            if FORMATS[fmt](start) == core:
                return fmt, start, f"{prefix}\0{suffix}"
    return None


def numbering_levels(nums: list[tuple[int, str]]) -> list[tuple[str, int, str]] | None:
    """The level definitions that make Word print exactly ``nums`` (level, number text), or None."""
    levels: list[tuple[str, int, str]] = []
    counters: list[int] = []
    for level, num in nums:
        if level > len(levels):
            return None
        if level == len(levels):
            found = level_format(num)
            if found is None:
                return None
            levels.append(found)
        counters = counters[: level + 1]
        if len(counters) <= level:
            counters.append(levels[level][1])
        else:
            counters[level] += 1
        fmt, _, affixes = levels[level]
        if affixes.replace("\0", FORMATS[fmt](counters[level])) != num.strip():
            return None
    return levels


#: Indentation (twips) per level: the number at the first-line indent, a tab, the text.
_INDENTS = [
    {"left": "0", "firstLine": "720"},
    {"left": "1440", "hanging": "720"},
    {"left": "2160", "hanging": "720"},
]


def add_numbering(document: Document, levels: list[tuple[str, int, str]]) -> int:
    """A new list in ``numbering.xml`` with ``levels``; returns its ``numId``."""
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(w("abstractNumId"))) for a in numbering.findall(w("abstractNum"))]
    abstract_id = max(abstract_ids, default=-1) + 1
    abstract = element("abstractNum", {"abstractNumId": str(abstract_id)})
    abstract.append(_val("multiLevelType", "multilevel"))
    for ilvl, (fmt, start, affixes) in enumerate(levels):
        lvl = element("lvl", {"ilvl": str(ilvl)})
        lvl.append(_val("start", str(start)))
        lvl.append(_val("numFmt", fmt))
        lvl.append(_val("lvlText", affixes.replace("\0", f"%{ilvl + 1}")))
        lvl.append(_val("lvlJc", "left"))
        ppr = element("pPr")
        ppr.append(element("ind", _INDENTS[min(ilvl, len(_INDENTS) - 1)]))
        lvl.append(ppr)
        abstract.append(lvl)
    existing = numbering.findall(w("abstractNum"))
    if existing:
        existing[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    return numbering.add_num(abstract_id).numId


def set_numbering(paragraph: etree._Element, num_id: int, level: int) -> None:
    """Make the ``w:p`` ``paragraph`` an item of list ``num_id`` at ``level`` (``w:numPr``)."""
    num_pr = prop(properties(paragraph, PPR), w("numPr"))
    etree.SubElement(num_pr, w("ilvl"), {VAL: str(level)})
    etree.SubElement(num_pr, w("numId"), {VAL: str(num_id)})


def _val(tag: str, value: str) -> etree._Element:
    return element(tag, {"val": value})


def _text(text: str) -> etree._Element:
    t = element("t")
    t.text = text
    t.set(_XML_SPACE, "preserve")
    return t


def _run(child: etree._Element) -> etree._Element:
    run = element("r")
    run.append(child)
    return run
