"""What python-docx has no API for: real footnotes and real paragraph numbering.

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

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

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
        compat = settings.find(qn("w:compat"))
        if compat is not None:
            compat.addprevious(footnote_pr)
        else:
            settings.append(footnote_pr)

    def add(self, paragraph: Paragraph, number: int, text: str):
        """Append a reference to footnote ``number`` to ``paragraph`` and the note ``text`` to the part.

        The note opens the OAS way, ``1.`` then a tab, with the number kept by
        Word (``w:footnoteRef``) so that it follows any renumbering. Returns the
        reference run and the run of the note's text (to mark them as changes).
        """
        reference = paragraph.add_run()._r
        reference.get_or_add_rPr().append(_val("w:rStyle", "FootnoteReference"))
        reference.append(_el("w:footnoteReference", {"w:id": str(number)}))

        note = _el("w:footnote", {"w:id": str(number)})
        p = _el("w:p")
        ppr = _el("w:pPr")
        ppr.append(_val("w:pStyle", "FootnoteText"))
        p.append(ppr)
        p.append(_run(_el("w:footnoteRef")))
        p.append(_run(_text(".")))
        p.append(_run(_el("w:tab")))
        body = _run(_text(text))
        p.append(body)
        note.append(p)
        self.part.element.append(note)
        return reference, body


# -- numbering ---------------------------------------------------------------

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letter(n: int) -> str:
    """Word's letter numbering: a … z, then aa, bb …"""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


#: Word number formats, with how each writes ``n``.
FORMATS = {
    "decimal": str,
    "lowerLetter": _letter,
    "upperLetter": lambda n: _letter(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": _roman,
}

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
    {"w:left": "0", "w:firstLine": "720"},
    {"w:left": "1440", "w:hanging": "720"},
    {"w:left": "2160", "w:hanging": "720"},
]


def add_numbering(document: Document, levels: list[tuple[str, int, str]]) -> int:
    """A new list in ``numbering.xml`` with ``levels``; returns its ``numId``."""
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(abstract_ids, default=-1) + 1
    abstract = _el("w:abstractNum", {"w:abstractNumId": str(abstract_id)})
    abstract.append(_val("w:multiLevelType", "multilevel"))
    for ilvl, (fmt, start, affixes) in enumerate(levels):
        lvl = _el("w:lvl", {"w:ilvl": str(ilvl)})
        lvl.append(_val("w:start", str(start)))
        lvl.append(_val("w:numFmt", fmt))
        lvl.append(_val("w:lvlText", affixes.replace("\0", f"%{ilvl + 1}")))
        lvl.append(_val("w:lvlJc", "left"))
        ppr = _el("w:pPr")
        ppr.append(_el("w:ind", _INDENTS[min(ilvl, len(_INDENTS) - 1)]))
        lvl.append(ppr)
        abstract.append(lvl)
    existing = numbering.findall(qn("w:abstractNum"))
    if existing:
        existing[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    return numbering.add_num(abstract_id).numId


def set_numbering(paragraph: Paragraph, num_id: int, level: int) -> None:
    """Make ``paragraph`` an item of list ``num_id`` at ``level`` (``w:numPr``)."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def _el(tag: str, attrs: dict[str, str] | None = None):
    element = OxmlElement(tag)
    for key, value in (attrs or {}).items():
        element.set(qn(key), value)
    return element


def _val(tag: str, value: str):
    return _el(tag, {"w:val": value})


def _text(text: str):
    t = _el("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


def _run(child):
    run = _el("w:r")
    run.append(child)
    return run
