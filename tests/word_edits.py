"""A small writer of real WordprocessingML revisions, for the tests of ``wgt amend from-word``.

It edits a DOCX that ``wgt render`` wrote as a delegation does in Word with
Track Changes on: replaced words become a ``w:del`` (``w:delText``) and a
``w:ins``, a new paragraph has an inserted paragraph mark and inserted runs, a
deleted paragraph has deleted runs and a deleted mark, a moved paragraph is a
``w:moveFrom`` and a ``w:moveTo``; a comment is a ``w:comment`` in
``word/comments.xml`` (made with its relationship and content type when the file
has none) anchored by ``w:commentRangeStart``/``End`` and a
``w:commentReference``. With ``tracked=False`` the same edits are made to the
text itself, as with Track Changes off.
"""

from __future__ import annotations

import copy
import io
import itertools
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Editor:
    """Edits the main text of one DOCX; :meth:`save` gives the edited file's bytes."""

    def __init__(self, data: bytes, author: str = "Mexico", date: str = "2005-04-01T10:00:00Z") -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.parts = {info.filename: archive.read(info) for info in archive.infolist()}
        self.document = etree.fromstring(self.parts["word/document.xml"])
        self.body = self.document.find(w("body"))
        self.author, self.date = author, date
        self.ids = itertools.count(9000)
        self.comments: etree._Element | None = None
        if "word/comments.xml" in self.parts:
            self.comments = etree.fromstring(self.parts["word/comments.xml"])

    # -- finding ------------------------------------------------------------------
    def paragraph(self, wid: str) -> etree._Element:
        """The ``w:p`` bookmarked as the unit ``wid``."""
        name = "wgt_" + wid.replace("-", "_")
        for start in self.body.iter(w("bookmarkStart")):
            if start.get(w("name")) == name:
                return start.getparent()
        raise KeyError(wid)

    def text_runs(self, p: etree._Element) -> list[etree._Element]:
        """The runs of ``p`` that hold text (not note references, not revisions already made)."""
        return [r for r in p.iterchildren(w("r")) if r.find(w("t")) is not None]

    # -- tracked edits --------------------------------------------------------------
    def _attrs(self) -> dict[str, str]:
        return {w("id"): str(next(self.ids)), w("author"): self.author, w("date"): self.date}

    def replace(
        self, wid: str, old: str, new: str, tracked: bool = True, comment: str | None = None, at: int | None = None
    ) -> None:
        """Replace the words ``old`` (within one run; at offset ``at`` of it, else the first) of unit ``wid`` by ``new``."""
        p = self.paragraph(wid)
        run = next(r for r in self.text_runs(p) if old in (r.find(w("t")).text or ""))
        text = run.find(w("t")).text
        if at is None:
            at = text.index(old)
        assert text[at : at + len(old)] == old
        if not tracked:
            _set_text(run, text[:at] + new + text[at + len(old) :])
            if comment is not None:
                self.comment(run, run, comment)
            return
        pieces: list[etree._Element] = []
        if text[:at]:
            pieces.append(_run_like(run, text[:at]))
        changes = []
        if old:
            deleted = etree.Element(w("del"), self._attrs())
            deleted.append(_run_like(run, old, deleted=True))
            changes.append(deleted)
        if new:
            inserted = etree.Element(w("ins"), self._attrs())
            inserted.append(_run_like(run, new))
            changes.append(inserted)
        pieces += changes
        if text[at + len(old) :]:
            pieces.append(_run_like(run, text[at + len(old) :]))
        for piece in pieces:
            run.addprevious(piece)
        p.remove(run)
        if comment is not None:
            self.comment(changes[0], changes[-1], comment)

    def append(self, wid: str, text: str, tracked: bool = True) -> None:
        """``text`` typed at the very end of unit ``wid``'s paragraph (after anything wgt printed there)."""
        p = self.paragraph(wid)
        run = _run_like(self.text_runs(p)[0], text)
        if tracked:
            inserted = etree.SubElement(p, w("ins"), self._attrs())
            inserted.append(run)
        else:
            p.append(run)

    def insert_after(self, wid: str, text: str, tracked: bool = True, comment: str | None = None) -> None:
        """A new paragraph of ``text`` right after unit ``wid``'s, formatted like it, without its marker."""
        p = self.paragraph(wid)
        new = etree.Element(w("p"))
        ppr = p.find(w("pPr"))
        if ppr is not None:
            new.append(copy.deepcopy(ppr))
        template = self.text_runs(p)[0]
        if tracked:
            mark = _mark(new)
            mark.append(etree.Element(w("ins"), self._attrs()))
            inserted = etree.SubElement(new, w("ins"), self._attrs())
            inserted.append(_run_like(template, text))
            if comment is not None:
                self.comment(inserted, inserted, comment)
        else:
            new.append(_run_like(template, text))
        p.addnext(new)

    def delete(self, wid: str, tracked: bool = True, comment: str | None = None) -> None:
        """Delete unit ``wid``'s whole paragraph: its words and its mark."""
        p = self.paragraph(wid)
        if not tracked:
            p.getparent().remove(p)
            return
        _mark(p).append(etree.Element(w("del"), self._attrs()))
        runs = [r for r in p.iterchildren(w("r"))]
        deleted = etree.Element(w("del"), self._attrs())
        runs[0].addprevious(deleted)
        for run in runs:
            deleted.append(run)
            for t in run.iter(w("t")):
                t.tag = w("delText")
        if comment is not None:
            self.comment(deleted, deleted, comment)

    def reformat(self, wid: str) -> None:
        """Make unit ``wid``'s first run bold, tracked as a formatting-only revision (``w:rPrChange``)."""
        run = self.text_runs(self.paragraph(wid))[0]
        rpr = run.find(w("rPr"))
        if rpr is None:
            rpr = etree.Element(w("rPr"))
            run.insert(0, rpr)
        old = copy.deepcopy(rpr)
        change = etree.Element(w("rPrChange"), self._attrs())
        change.append(old)
        rpr.insert(0, etree.Element(w("b")))
        rpr.append(change)

    # -- comments -------------------------------------------------------------------
    def comment(self, first: etree._Element, last: etree._Element, text: str) -> None:
        """A comment saying ``text`` anchored on the elements ``first`` … ``last`` of one paragraph."""
        if self.comments is None:
            self.comments = etree.Element(w("comments"), nsmap={"w": W})
            self._relate_comments()
        cid = str(next(self.ids))
        comment = etree.SubElement(
            self.comments, w("comment"), {w("id"): cid, w("author"): self.author, w("date"): self.date}
        )
        etree.SubElement(etree.SubElement(etree.SubElement(comment, w("p")), w("r")), w("t")).text = text
        first.addprevious(etree.Element(w("commentRangeStart"), {w("id"): cid}))
        end = etree.Element(w("commentRangeEnd"), {w("id"): cid})
        last.addnext(end)
        reference = etree.Element(w("r"))
        etree.SubElement(reference, w("commentReference"), {w("id"): cid})
        end.addnext(reference)

    def _relate_comments(self) -> None:
        rels = etree.fromstring(self.parts["word/_rels/document.xml.rels"])
        etree.SubElement(
            rels, f"{{{_REL}}}Relationship", {"Id": "rIdComments9", "Type": COMMENTS_TYPE, "Target": "comments.xml"}
        )
        self.parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
        types = etree.fromstring(self.parts["[Content_Types].xml"])
        etree.SubElement(types, f"{{{_CT}}}Override", {"PartName": "/word/comments.xml", "ContentType": COMMENTS_CT})
        self.parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")

    def save(self) -> bytes:
        self.parts["word/document.xml"] = etree.tostring(self.document, xml_declaration=True, encoding="UTF-8")
        if self.comments is not None:
            self.parts["word/comments.xml"] = etree.tostring(self.comments, xml_declaration=True, encoding="UTF-8")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                archive.writestr(name, data)
        return out.getvalue()


def _mark(p: etree._Element) -> etree._Element:
    """The ``w:rPr`` of ``p``'s paragraph mark, made if missing."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, w("rPr"))
    return rpr


def _run_like(run: etree._Element, text: str, deleted: bool = False) -> etree._Element:
    """A run with ``run``'s properties holding ``text`` (as ``w:delText`` when ``deleted``)."""
    new = etree.Element(w("r"))
    rpr = run.find(w("rPr"))
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    t = etree.SubElement(new, w("delText") if deleted else w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return new


def _set_text(run: etree._Element, text: str) -> None:
    t = run.find(w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
