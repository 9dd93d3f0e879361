"""Word documents (``.docx``): the paragraphs a reader sees, in reading order, as :class:`SourceLine` objects.

*The package* (a zip of XML parts that name one another through relationships)
is opened by :mod:`.docx_package` with :mod:`zipfile` and lxml, not by python-docx,
which reads and parses every part before anything could be refused (a zip bomb, a
DOCTYPE) and has no API for numbering, footnotes, text boxes or tracked changes.

*Reading order*: the first section's page header (where OAS documents often keep
the header block), then the body: paragraphs, table cells row by row, each text
box after the paragraph it is anchored in, once (Word writes it twice, as
``mc:Choice`` and as a VML ``mc:Fallback``). Empty paragraphs are skipped (Word's
lists still count them), except an empty one with a border or a VML line (a rule)
and one holding only a note reference (no note is lost); the footer, which holds
the page number, is not read. A page break after a paragraph's words marks the next line.

*Text*: only what Word prints, a tab or a line break as a space: no deleted text,
field codes, hidden runs (``w:vanish``), symbol-font characters (``w:sym``) or a
footnote's custom mark. The hints come from the paragraph and its style
(:mod:`.docx_numbering`). *Tracked changes* are refused unless the caller accepts
them (which text is the document's is a person's decision): accepted, insertions
and moves' destinations stay, deletions and moves' origins go, and a deleted
paragraph mark joins its paragraph to the next.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from tracker.akn.text import forbidden_character
from tracker.errors import ImportTextError
from tracker.i18n import N_, _, count_words, ngettext, ui_language
from tracker.importer.lines import SourceLine
from tracker.importer.readers.docx_numbering import Numbering, Styles, on, outline_level
from tracker.importer.readers.docx_package import MAX_PACKAGE_BYTES, MAX_PART_BYTES, Package, refuse
from tracker.wordml import w

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_MATH = {f"{{http://schemas.openxmlformats.org/officeDocument/2006/math}}{t}" for t in ("oMath", "oMathPara")}
_HR = "{urn:schemas-microsoft-com:office:office}hr"
P, R, T, PPR, RPR, TBL, TR = (w(t) for t in ("p", "r", "t", "pPr", "rPr", "tbl", "tr"))
INS, DEL, MOVE_TO, MOVE_FROM = w("ins"), w("del"), w("moveTo"), w("moveFrom")
SDT, SDT_CONTENT, TXBX, SECT_PR = w("sdt"), w("sdtContent"), w("txbxContent"), w("sectPr")
_ALT, _CHOICE, _FALLBACK = f"{_MC}AlternateContent", f"{_MC}Choice", f"{_MC}Fallback"
#: Elements whose children are paragraphs and tables (a deleted row is skipped apart).
_BLOCK_GROUPS = {w(t) for t in ("tbl", "tr", "tc", "sdtContent", "customXml", "ins", "moveTo", "body")}
#: Elements whose children are runs (w:del and w:moveFrom are not: accepted, they are gone).
_RUN_GROUPS = {w(t) for t in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple", "dir", "bdo")}
_NOTE_REFERENCES = {w("footnoteReference"): "footnote", w("endnoteReference"): "endnote"}
_SPACES = {w(t) for t in ("tab", "ptab", "cr")}
_BR, _NO_BREAK_HYPHEN, _RUBY, _OWN_NUMBERS = w("br"), w("noBreakHyphen"), w("ruby"), {w("footnoteRef"), w("endnoteRef")}
_PICTURES = {w(t) for t in ("drawing", "pict", "object")}
_NOT_NOTES = ("separator", "continuationSeparator", "continuationNotice")
_PAGE_STARTS = ("nextPage", "oddPage", "evenPage")
_NOTE_NUMBER_END = re.compile(r"^[.)](?= |$)")


def read_docx(data: bytes, name: str, *, accept_changes: bool = False) -> list[SourceLine]:
    """The paragraphs of the Word document ``data`` (named ``name`` in messages), in reading order.

    Raises :class:`ImportTextError` for anything but a readable Word document, for a
    character no document text may hold (naming the paragraph), and for tracked
    changes unless ``accept_changes``.
    """
    return _Reader(Package(data, name), accept_changes).read()


#: What reading the document may refuse (msgids; each names the file first).
_MESSAGES = {
    "chunk": N_(
        "{name}: holds an embedded document (altChunk) whose text only Word merges; open it in Word, save it and "
        "import again"
    ),
    "changes": N_(
        "{name}: holds tracked changes ({insertions}, {deletions} by {authors}); accept or reject them in Word "
        "first, or pass --accept-changes; to turn a delegation's tracked changes into proposals use "
        "'wgt amend from-word'"
    ),
    "character": N_(
        "{name}: {place}: contains the control or invisible character U+{code:04X}, which no document text may "
        "hold; remove it and import again"
    ),
    "note": N_("{name}: {place}: refers to a note the file does not hold (id {id}); the file is damaged"),
}


def _refuse(key: str, **values: object) -> ImportTextError:
    return refuse(_MESSAGES, key, **values)


@dataclass
class _Content:
    """What a paragraph's runs hold: raw text, where notes and page breaks stand in it, bold runs, text boxes."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    notes: list[tuple[int, str, str, bool]] = field(default_factory=list)  # offset, kind, id, custom mark
    breaks: list[int] = field(default_factory=list)
    bold: list[bool] = field(default_factory=list)
    boxes: list[etree._Element] = field(default_factory=list)
    own_number: bool = False  # a note's w:footnoteRef opened it (Word prints the note's number there)
    rule: bool = False

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def extend(self, other: _Content) -> _Content:
        """This content followed by ``other`` (a deleted paragraph mark joins two paragraphs)."""
        self.notes += [(offset + self.length, *rest) for offset, *rest in other.notes]
        self.breaks += [offset + self.length for offset in other.breaks]
        self.parts, self.length, self.bold = (
            self.parts + other.parts,
            self.length + other.length,
            self.bold + other.bold,
        )
        self.boxes, self.rule = self.boxes + other.boxes, self.rule or other.rule
        return self


def collapse(segments: list[str]) -> tuple[str, list[int]]:
    """The words of ``segments`` joined by single spaces, and where each boundary between segments falls.

    A boundary after a space points at the next word; one at the very end, at the end.
    """
    parts: list[str] = []
    offsets: list[int] = []
    length, gap = 0, False
    for i, segment in enumerate(segments):
        if i:
            offsets.append(length + 1 if gap and length else length)
        words = segment.split()
        if not words:
            gap = gap or bool(segment)
            continue
        gap = gap or segment[0].isspace()
        for j, word in enumerate(words):
            if length and (gap or j):
                parts.append(" ")
                length += 1
            parts.append(word)
            length += len(word)
            gap = False
        gap = segment[-1].isspace()
    return "".join(parts), [min(offset, length) for offset in offsets]


class _Reader:
    """Walks one document's stories (page header, body) and notes, making its lines."""

    def __init__(self, package: Package, accept_changes: bool) -> None:
        self.package, self.name, self.accept = package, package.name, accept_changes
        self.part, self.document = package.main()
        self.styles = Styles(package.related_xml(self.part, RT.STYLES))
        self.numbering = Numbering(package.related_xml(self.part, RT.NUMBERING), self.styles)
        self.counter = self.numbering.counter()
        self.lines: list[SourceLine] = []
        self.pending_break = False
        #: A paragraph whose mark an accepted change deleted, waiting to join the next one.
        self.carry: tuple[etree._Element | None, str | None, _Content] | None = None
        self.note_parts: dict[str, dict[str, etree._Element]] = {}
        self.note_counts = {"footnote": 0, "endnote": 0}
        self.page_ends: set[etree._Element] = set()

    def read(self) -> list[SourceLine]:
        body = self.document.find(w("body"))
        if next(body.iter(w("altChunk")), None) is not None:
            raise _refuse("chunk", name=self.name)
        sections = [s for s in body.iter(SECT_PR) if s.getparent().tag == PPR and s.getparent().getparent().tag == P]
        sections.append(body.find(SECT_PR))
        for end, following in itertools.pairwise(sections):
            start = following.find(w("type")) if following is not None else None
            if (start.get(w("val")) if start is not None else "nextPage") in _PAGE_STARTS:
                self.page_ends.add(end.getparent().getparent())
        stories = [self.package.xml(p) for k in (RT.HEADER, RT.FOOTER) for p in self.package.related(self.part, k)]
        notes = [self._notes(kind) for kind in ("footnote", "endnote")]
        self._check_changes([self.document, *stories, *(n for part in notes for n in part.values())])
        for header in self._headers(sections[0]):
            self._story(header, "page-header")
        self.pending_break = False
        self._story(body, "body")
        return self.lines

    def _headers(self, section: etree._Element | None) -> list[etree._Element]:
        """The page header parts of the first section, the first page's first."""
        if section is None:
            return []
        rels = self.package.relations(self.part)
        refs = {ref.get(w("type"), "default"): ref.get(_R_ID) for ref in section.iterchildren(w("headerReference"))}
        settings = self.package.related_xml(self.part, RT.SETTINGS)
        even = settings is not None and on(settings.find(w("evenAndOddHeaders")))
        kinds = ["first"] * bool(on(section.find(w("titlePg")))) + ["default"] + ["even"] * bool(even)
        parts = dict.fromkeys(rels[refs[k]][1] for k in kinds if refs.get(k) in rels)
        return [root for root in map(self.package.xml, parts) if root is not None]

    def _check_changes(self, roots: list[etree._Element | None]) -> None:
        insertions = deletions = 0
        authors: set[str] = set()
        for root in roots:
            for change in root.iter(INS, DEL, MOVE_TO, MOVE_FROM) if root is not None else ():
                if change.tag in (INS, MOVE_TO):
                    insertions += 1
                else:
                    deletions += 1
                # An author's name reaches a terminal: only printable characters, and not a page of them.
                authors.add("".join(c for c in change.get(w("author"), "") if c.isprintable())[:60])
        if not insertions + deletions or self.accept:
            return
        names = sorted(a for a in authors if a)
        raise _refuse(
            "changes",
            name=self.name,
            insertions=ngettext("{n} insertion", "{n} insertions", insertions).format(
                n=count_words(insertions, ui_language())
            ),
            deletions=ngettext("{n} deletion", "{n} deletions", deletions).format(
                n=count_words(deletions, ui_language())
            ),
            authors=", ".join(names[:5]) + (", …" if len(names) > 5 else "") if names else _("an unknown author"),
        )  # fmt: skip

    def _story(self, root: etree._Element, where: str) -> None:
        """The lines of one story, whose lists Word counts apart from the others'."""
        self.counter = self.numbering.counter()
        for paragraph, place in self._paragraphs(root, where):
            self._paragraph(paragraph, place)
        if self.carry is not None:
            ppr, pstyle, content = self.carry
            self.carry = None
            self._emit(ppr, pstyle, content, where)

    def _paragraphs(self, parent: etree._Element, where: str):
        """``(w:p, where)`` of the paragraphs under ``parent`` in reading order (text boxes excepted)."""
        for child in parent:
            tag = child.tag
            if tag == P:
                yield child, where
            elif tag in _BLOCK_GROUPS:
                if tag == TR and self.accept and child.find(f"{w('trPr')}/{DEL}") is not None:
                    continue  # a deleted row
                inner = "table" if tag == TBL and where in ("body", "textbox") else where
                yield from self._paragraphs(child, inner)
            elif tag in (SDT, _ALT):
                branch = _branch(child)
                if branch is not None:
                    yield from self._paragraphs(branch, where)

    def _paragraph(self, p: etree._Element, where: str) -> None:
        ppr = p.find(PPR)
        pstyle = _val(ppr.find(w("pStyle"))) if ppr is not None else None
        if self.styles.paragraph_property(ppr, pstyle, "pageBreakBefore"):
            self.pending_break = True
        content = _Content()
        self._inline(p, content, pstyle)
        mark = ppr.find(RPR) if ppr is not None else None
        if self.carry is not None:
            first_ppr, first_style, first = self.carry
            self.carry = None
            if "".join(first.parts).strip():  # joined: the first paragraph's properties; a deleted one leaves none
                ppr, pstyle, content = first_ppr, first_style, first.extend(content)
        if mark is not None and (mark.find(DEL) is not None or mark.find(MOVE_FROM) is not None):
            self.carry = ppr, pstyle, content  # (only accepted changes get this far)
            return
        self._emit(ppr, pstyle, content, where)

    def _emit(self, ppr: etree._Element | None, pstyle: str | None, content: _Content, where: str) -> None:
        number = len(self.lines) + 1
        membership = self.numbering.membership(ppr, pstyle)
        label = self.counter.label(*membership) if membership else None  # counted even if the paragraph is empty
        text, offsets = self._text(content, number)
        notes = [
            (o, self._note(kind, nid, number, custom)) for o, (_o, kind, nid, custom) in zip(offsets, content.notes)
        ]
        rule = not text and not notes and (content.rule or self.styles.border(ppr, pstyle))
        raw = "".join(content.parts)
        if any(not raw[:offset].strip() for offset in content.breaks):
            self.pending_break = True  # a page break before the words: this line (or the next) starts the page
        if text or notes or rule:
            level = outline_level(ppr)
            self.lines.append(
                SourceLine(
                    number, text, counted="paragraph", where=where, label=label, notes=notes, rule=bool(rule),
                    heading=self.styles.heading(pstyle) if level is None else level,
                    bold=bool(content.bold) and all(content.bold), after_break=self.pending_break,
                )
            )  # fmt: skip
            self.pending_break = False
        for box in content.boxes:
            for paragraph, _where in self._paragraphs(box, "textbox" if where == "body" else where):
                self._paragraph(paragraph, _where)
        if any(raw[:offset].strip() for offset in content.breaks):
            self.pending_break = True  # a page break after words: the next line starts the page
        if ppr is not None and ppr.getparent() in self.page_ends:
            self.pending_break = True

    def _text(self, content: _Content, number: int, note: tuple[str, int] | None = None) -> tuple[str, list[int]]:
        """The paragraph's words, checked by the model's rule, and where its note references fall in them."""
        raw = "".join(content.parts)
        found = forbidden_character(raw, allow="\t\n\r")
        if found is not None:
            code = ord(raw[found[0]])
            raise _refuse("character", name=self.name, place=self._place(number, note), code=code)
        cuts = [offset for offset, *_rest in content.notes]
        if not cuts:  # most paragraphs hold no note
            text, offsets = " ".join(raw.split()), []
        else:
            text, offsets = collapse([raw[a:b] for a, b in zip([0, *cuts], [*cuts, len(raw)])])
        if not unicodedata.is_normalized("NFC", text):  # normalised as a whole, the references move with it
            offsets = [len(unicodedata.normalize("NFC", text[:o])) for o in offsets]
            text = unicodedata.normalize("NFC", text)
        return text, offsets

    def _inline(self, parent: etree._Element, content: _Content, pstyle: str | None) -> None:
        for child in parent:
            tag = child.tag
            if tag == R:
                self._run(child, content, pstyle)
            elif tag in _RUN_GROUPS:
                self._inline(child, content, pstyle)
            elif tag in (SDT, _ALT):
                branch = _branch(child)
                if branch is not None:
                    self._inline(branch, content, pstyle)
            elif tag in _MATH:
                content.add("".join(t.text or "" for t in child.iter(_MATH_T)))

    def _run(self, run: etree._Element, content: _Content, pstyle: str | None) -> None:
        rpr = run.find(RPR)
        if self.styles.run_property(rpr, pstyle, ("vanish",)):
            return  # hidden text: Word neither shows nor prints it
        bold = None
        custom = False
        for child in run:
            tag = child.tag
            if tag == T:
                text = child.text or ""
                if custom:
                    continue  # the mark a note reference prints instead of its number
                if text.strip():
                    if bold is None:
                        bold = self.styles.run_property(rpr, pstyle, ("b", "bCs"))
                    content.bold.append(bold)
                content.add(text)
            elif tag in _SPACES:
                content.add(" ")
            elif tag == _BR:
                if child.get(w("type")) == "page":
                    content.breaks.append(content.length)
                else:
                    content.add(" ")
            elif tag == _NO_BREAK_HYPHEN:
                content.add("-")
            elif tag in _NOTE_REFERENCES:
                custom = child.get(w("customMarkFollows"), "0").lower() in ("1", "true", "on")
                content.notes.append((content.length, _NOTE_REFERENCES[tag], child.get(w("id"), ""), custom))
            elif tag in _OWN_NUMBERS:
                content.own_number = content.own_number or not "".join(content.parts).strip()
            elif tag in _PICTURES or tag == _ALT:
                self._boxes(child, content)
            elif tag == _RUBY:
                base = child.find(w("rubyBase"))
                if base is not None:
                    self._inline(base, content, pstyle)

    def _boxes(self, parent: etree._Element, content: _Content) -> None:
        """Collect the text boxes under a picture, each once (mc:Choice, not its fallback); note a VML rule."""
        for child in [parent] if parent.tag == _ALT else parent:
            if child.tag == TXBX:
                content.boxes.append(child)
            elif child.tag == _ALT:
                branch = _branch(child)
                if branch is not None:
                    self._boxes(branch, content)
            else:
                content.rule = content.rule or child.get(_HR) in ("t", "true")
                self._boxes(child, content)

    def _notes(self, kind: str) -> dict[str, etree._Element]:
        """The notes of ``kind`` ("footnote", "endnote") by id, separators left out."""
        if kind not in self.note_parts:
            root = self.package.related_xml(self.part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)
            elements = root.iterchildren(w(kind)) if root is not None else ()
            self.note_parts[kind] = {n.get(w("id"), ""): n for n in elements if n.get(w("type")) not in _NOT_NOTES}
        return self.note_parts[kind]

    def _place(self, number: int, note: tuple[str, int] | None = None) -> str:
        """How a person finds paragraph ``number`` (or its note ``(kind, number)``) in messages."""
        place = _("paragraph {number}").format(number=number)
        if note is None:
            return place
        where = _("{place}: footnote {number}") if note[0] == "footnote" else _("{place}: endnote {number}")
        return where.format(place=place, number=note[1])

    def _note(self, kind: str, nid: str, paragraph: int, custom: bool) -> str:
        """The text of note ``nid`` referenced in paragraph ``paragraph``, without the number Word prints."""
        if not custom:
            self.note_counts[kind] += 1
        number = self.note_counts[kind]
        note = self._notes(kind).get(nid)
        if note is None:
            raise _refuse("note", name=self.name, place=self._place(paragraph), id=nid[:20])
        texts: list[str] = []
        paragraphs = list(self._paragraphs(note, "note"))
        while paragraphs:
            p, _where = paragraphs.pop(0)
            ppr = p.find(PPR)
            content = _Content()
            self._inline(p, content, _val(ppr.find(w("pStyle"))) if ppr is not None else None)
            text = self._text(content, paragraph, (kind, number))[0]
            if content.own_number and not texts:
                text = _NOTE_NUMBER_END.sub("", text).lstrip()  # "1." then a tab, the OAS way: the "." is the number's
            texts.append(text)
            for box in content.boxes:
                paragraphs[0:0] = list(self._paragraphs(box, "note"))
        return " ".join(text for text in texts if text)


def _branch(element: etree._Element) -> etree._Element | None:
    """What to read of a content control (its content) or of alternate content (the first choice)."""
    if element.tag == SDT:
        return element.find(SDT_CONTENT)
    found = element.find(_CHOICE)
    return found if found is not None else element.find(_FALLBACK)


def _val(element: etree._Element | None) -> str | None:
    return element.get(w("val")) if element is not None else None


__all__ = ["MAX_PACKAGE_BYTES", "MAX_PART_BYTES", "collapse", "read_docx"]
