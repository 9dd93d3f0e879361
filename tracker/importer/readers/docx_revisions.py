"""A Word document's tracked changes, read with lxml into the intermediate form of :mod:`tracker.importer.revised`.

python-docx has no revisions API; WordprocessingML marks them in the text itself
(ECMA-376 Part 1, §17.13.5):

* ``w:ins`` and ``w:del`` wrap inserted and deleted runs (deleted words are
  ``w:delText``); ``w:moveTo`` and ``w:moveFrom`` wrap moved ones, which are an
  insertion at the destination and a deletion at the origin. Text inserted by one
  author and deleted by another is a ``w:del`` inside a ``w:ins``: in neither view.
* A paragraph's mark (its end) is inserted or deleted by a ``w:ins``/``w:del``
  (or a move) in its ``w:pPr/w:rPr``: a wholly inserted paragraph has an inserted
  mark and inserted words, a wholly deleted one a deleted mark and deleted words.
* ``w:rPrChange``, ``w:pPrChange`` and their kin record formatting only: counted,
  never read as text.
* Comments are ranges (``w:commentRangeStart``/``End``, or only a
  ``w:commentReference``) into ``word/comments.xml``; a comment is *on a change*
  when its range holds a tracked change.
* Footnotes and endnotes hold changes too; a note whose words, or whose
  reference, changed is reported with the paragraph that refers to it.

The package is opened and every part parsed by :mod:`.docx_package` (bounded zip,
no DTD or entity, no .doc/.odt/Strict/encrypted file), so a hostile file is
refused by name before anything is read. A file with more than
:data:`MAX_REVISIONS` revisions is refused: it is no set of amendments, and its
changes are counted before any is read.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from tracker.i18n import N_, count_words, ui_language
from tracker.importer.readers.docx_package import Package, refuse
from tracker.importer.revised import DELETED, INSERTED, KEPT, Comment, NoteChange, Paragraph, RevisedDocument
from tracker.wordml import read_custom, w

#: Revisions one file may hold: far more than a delegation's amendments to a long draft ever make.
MAX_REVISIONS = 5_000

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, R, PPR, RPR, TBL = w("p"), w("r"), w("pPr"), w("rPr"), w("tbl")
INS, DEL, MOVE_TO, MOVE_FROM = w("ins"), w("del"), w("moveTo"), w("moveFrom")
_ADDED, _REMOVED = (INS, MOVE_TO), (DEL, MOVE_FROM)
_REVISIONS = (INS, DEL, MOVE_TO, MOVE_FROM)
_FORMATTING = tuple(
    w(t)
    for t in (
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "trPrChange",
        "tcPrChange",
        "tblGridChange",
        "numberingChange",
    )
)
#: Containers whose children are paragraphs and tables.
_BLOCKS = {w(t) for t in ("body", "sdtContent", "customXml", "txbxContent", "tc", "tr", "tbl")} | set(_REVISIONS)
_SDT, _SDT_CONTENT, _ALT, _CHOICE = w("sdt"), w("sdtContent"), f"{_MC}AlternateContent", f"{_MC}Choice"
_TEXT, _DEL_TEXT = w("t"), w("delText")
_SPACES = {w(t) for t in ("tab", "ptab", "cr", "br")}
_NOTE_REFERENCES = {w("footnoteReference"): "footnote", w("endnoteReference"): "endnote"}
#: What a run holds that is not its text: field codes, drawings and text boxes, a note's own number.
_SKIPPED = {w(t) for t in ("instrText", "delInstrText", "drawing", "pict", "object", "footnoteRef", "endnoteRef")}
_COMMENT_START, _COMMENT_END, _COMMENT_REF = w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")
_BOOKMARK = w("bookmarkStart")
_SPACE_RUN = re.compile(r"[ \t\r\n]+")

_MESSAGES = {
    "many": N_(
        "{name}: holds {count} tracked changes, more than the {limit} one file of amendments may hold; "
        "the file is damaged or hostile, or is a new text: send the proposals in smaller files"
    ),
}


def read_revisions(data: bytes, name: str) -> RevisedDocument:
    """The paragraphs of the Word document ``data`` (named ``name`` in messages) before and after its changes.

    Raises :class:`ImportTextError` for anything but a readable Word document
    (:class:`~.docx_package.Package`) and for a file of more than :data:`MAX_REVISIONS` revisions.
    """
    package = Package(data, name)
    part, document = package.main()
    notes = {
        kind: _notes(package.related_xml(part, rel))
        for kind, rel in (("footnote", RT.FOOTNOTES), ("endnote", RT.ENDNOTES))
    }
    roots = [document, *(note for found in notes.values() for note in found.values())]
    count = sum(1 for root in roots for _element in root.iter(*_REVISIONS, *_FORMATTING))
    if count > MAX_REVISIONS:
        raise refuse(
            _MESSAGES,
            "many",
            name=name,
            count=count_words(count, ui_language()),
            limit=count_words(MAX_REVISIONS, ui_language()),
        )
    custom = next((path for kind, path in package.relations("").values() if kind == RT.CUSTOM_PROPERTIES), None)
    comments = _comments(package.related_xml(part, RT.COMMENTS))
    walker = _Walker(notes, comments)
    walker.story(document.find(w("body")))
    return RevisedDocument(name, read_custom(package.xml(custom)), walker.paragraphs, walker.authors, walker.formatting)


def _notes(root: etree._Element | None) -> dict[str, etree._Element]:
    """The notes of a notes part by id (separators left out)."""
    if root is None:
        return {}
    return {
        note.get(w("id"), ""): note
        for note in root
        if isinstance(note.tag, str) and note.get(w("type")) not in ("separator", "continuationSeparator")
    }


def _comments(root: etree._Element | None) -> dict[str, tuple[str, str]]:
    """``{id: (text, author)}`` of a comments part, each comment's paragraphs joined by line breaks."""
    out: dict[str, tuple[str, str]] = {}
    for comment in root.iterchildren(w("comment")) if root is not None else ():
        lines = [collapse_spaces("".join(t.text or "" for t in p.iter(_TEXT))) for p in comment.iter(P)]
        out[comment.get(w("id"), "")] = ("\n".join(line for line in lines if line), _printable(comment))
    return out


def _printable(element: etree._Element) -> str:
    """A revision's ``w:author``: a name that reaches a terminal, so only printable characters, and not a page."""
    return "".join(c for c in element.get(w("author"), "") if c.isprintable())[:80].strip()


def collapse_spaces(text: str) -> str:
    """Runs of ordinary white space as one space, NFC (a non-breaking space is meant, and kept)."""
    return unicodedata.normalize("NFC", _SPACE_RUN.sub(" ", text).strip(" "))


class _Walker:
    """Walks the main text in reading order, making a :class:`Paragraph` of each ``w:p``."""

    def __init__(self, notes: dict[str, dict[str, etree._Element]], comments: dict[str, tuple[str, str]]) -> None:
        self.notes, self.comment_texts = notes, comments
        self.paragraphs: list[Paragraph] = []
        self.authors: Counter[str] = Counter()
        self.formatting = 0
        #: Comments whose range is open, each with the paragraph it is anchored in.
        self.open: dict[str, Paragraph] = {}
        self.on_change: set[str] = set()
        self.anchored: dict[str, Paragraph] = {}
        #: Bookmarks that start between paragraphs: they belong to the next one.
        self.pending: list[str] = []

    def story(self, body: etree._Element) -> None:
        self.blocks(body, in_table=False)
        for cid, paragraph in self.anchored.items():
            text, author = self.comment_texts.get(cid, ("", ""))
            if text:
                paragraph.comments.append(Comment(text, author, cid in self.on_change))

    def blocks(self, parent: etree._Element, in_table: bool) -> None:
        for child in parent:
            tag = child.tag
            if tag == P:
                self.paragraph(child, in_table)
            elif tag in _BLOCKS:
                self.blocks(child, in_table or tag == TBL)
            elif tag in (_SDT, _ALT):
                branch = child.find(_SDT_CONTENT) if tag == _SDT else child.find(_CHOICE)
                if branch is not None:
                    self.blocks(branch, in_table)
            elif tag in _FORMATTING:
                self.revision(child, None)
            else:
                self.marker(child, None)

    def paragraph(self, p: etree._Element, in_table: bool) -> None:
        paragraph = Paragraph(len(self.paragraphs) + 1, markers=self.pending, in_table=in_table)
        self.pending = []
        self.paragraphs.append(paragraph)
        before: list[str] = []
        after: list[str] = []
        ppr = p.find(PPR)
        if ppr is not None:
            for change in ppr.iter(*_FORMATTING):
                self.revision(change, paragraph)
            mark = ppr.find(RPR)
            for revision in mark.iterchildren(*_REVISIONS) if mark is not None else ():
                paragraph.mark = INSERTED if revision.tag in _ADDED else DELETED
                paragraph.moved = paragraph.moved or revision.tag in (MOVE_TO, MOVE_FROM)
                self.revision(revision, paragraph)
        self.inline(p, paragraph, before, after, added=False, removed=False)
        paragraph.before, paragraph.after = collapse_spaces("".join(before)), collapse_spaces("".join(after))
        if paragraph.mark == KEPT and paragraph.changes == 0:
            return
        for cid in self.open:  # a change of the mark is a change in the range that spans it
            self.on_change.add(cid)

    def inline(self, parent, paragraph: Paragraph, before: list[str], after: list[str], added: bool, removed: bool):
        """The runs under ``parent``: text to ``before`` unless ``added``, to ``after`` unless ``removed``."""
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str) or tag == PPR:
                continue
            if tag == R:
                self.run(child, paragraph, before, after, added, removed)
            elif tag in _REVISIONS:
                self.revision(child, paragraph)
                paragraph.moved = paragraph.moved or tag in (MOVE_TO, MOVE_FROM)
                self.inline(child, paragraph, before, after, added or tag in _ADDED, removed or tag in _REMOVED)
            elif tag in (_SDT, _ALT):
                branch = child.find(_SDT_CONTENT) if tag == _SDT else child.find(_CHOICE)
                if branch is not None:
                    self.inline(branch, paragraph, before, after, added, removed)
            elif tag in _FORMATTING:
                self.revision(child, paragraph)
            elif not self.marker(child, paragraph):
                self.inline(child, paragraph, before, after, added, removed)  # hyperlinks, smart tags, fields

    def run(self, run, paragraph: Paragraph, before: list[str], after: list[str], added: bool, removed: bool):
        if added or removed:  # a comment's range may open inside the revision (LibreOffice writes it so)
            self.on_change.update(self.open)
        rpr = run.find(RPR)
        if rpr is not None:
            for change in rpr.iterchildren(*_FORMATTING):
                self.revision(change, paragraph)
            vanish = rpr.find(w("vanish"))
            if vanish is not None and vanish.get(w("val"), "true") not in ("0", "false", "off"):
                return  # hidden text: Word neither shows nor prints it
        for child in run:
            tag = child.tag
            if tag in (_TEXT, _DEL_TEXT):
                piece = child.text or ""
            elif tag in _SPACES:
                piece = " "
            elif tag == w("noBreakHyphen"):
                piece = "-"
            elif tag in _NOTE_REFERENCES:
                self.note(paragraph, _NOTE_REFERENCES[tag], child.get(w("id"), ""), added, removed)
                continue
            elif tag == _COMMENT_REF:
                self.marker(child, paragraph)
                continue
            else:
                continue
            if not added:
                before.append(piece)
            if not removed:
                after.append(piece)

    def marker(self, element: etree._Element, paragraph: Paragraph | None) -> bool:
        """Take in a bookmark or a comment's anchor; False for anything else."""
        tag = element.tag
        if tag == _BOOKMARK:
            name = element.get(w("name"), "")
            if paragraph is not None and name:
                paragraph.markers.append(name)
            elif name:
                self.pending.append(name)
            return True
        if tag == _COMMENT_START:
            cid = element.get(w("id"), "")
            if paragraph is not None:
                self.open[cid] = paragraph
                self.anchored.setdefault(cid, paragraph)
            return True
        if tag == _COMMENT_END:
            self.open.pop(element.get(w("id"), ""), None)
            return True
        if tag == _COMMENT_REF:
            cid = element.get(w("id"), "")
            if paragraph is not None:
                self.anchored.setdefault(cid, paragraph)
            return True
        return tag in _SKIPPED or tag in (w("bookmarkEnd"), w("proofErr"), w("permStart"), w("permEnd"))

    def revision(self, element: etree._Element, paragraph: Paragraph | None) -> None:
        """Count one revision and its author; a change of words marks the comments whose range is open."""
        self.authors[_printable(element)] += 1
        if element.tag in _FORMATTING:
            self.formatting += 1
            if paragraph is not None:
                paragraph.formatting += 1
            return
        if paragraph is not None and element.getparent().tag != RPR:
            paragraph.changes += 1
        self.on_change.update(self.open)

    def note(self, paragraph: Paragraph, kind: str, nid: str, added: bool, removed: bool) -> None:
        """Report the note ``nid`` with ``paragraph`` if its reference or its words were changed."""
        element = self.notes[kind].get(nid)
        if element is None:
            return
        before: list[str] = []
        after: list[str] = []
        scratch = Paragraph(0)
        for p in element.iter(P):
            self.inline(p, scratch, before, after, added, removed)
            before.append(" ")
            after.append(" ")
        texts = collapse_spaces("".join(before)), collapse_spaces("".join(after))
        if added:
            texts = ("", texts[1])
        if removed:
            texts = (texts[0], "")
        if texts[0] != texts[1]:
            paragraph.notes.append(NoteChange(kind, *texts))


__all__ = ["MAX_REVISIONS", "collapse_spaces", "read_revisions"]
