"""Word's own tracked changes and comments, which python-docx has no API (or no fast one) to write.

A tracked insertion is a ``w:ins`` wrapping the inserted runs; a tracked
deletion is a ``w:del`` wrapping runs whose text is ``w:delText`` instead of
``w:t``. Both carry a ``w:id`` unique in the document, ``w:author`` (Word shows
it beside the change and groups "Accept all changes by …" by it) and
``w:date``. Word and LibreOffice then offer to accept or reject each change.

A label naming the amendment that made a change becomes a Word comment
anchored on the change (``w:commentRangeStart`` / ``w:commentRangeEnd`` around
the ``w:ins``/``w:del`` elements, then a ``w:commentReference`` run), so that
accepting every change leaves a clean text with no label in it.
"""

from __future__ import annotations

import datetime as dt

from docx.document import Document
from lxml import etree

from tracker.render.model import DELETED, Change
from tracker.render.wordparts import RPR, P, T, add_run, element, set_props, w

#: Colours (RRGGBB) of an untracked redline (a compilation): deleted red, inserted green.
DELETED_COLOR, INSERTED_COLOR = "A50E0E", "05631F"


def word_date(iso: str | None) -> dt.datetime | None:
    """Midnight UTC of an ISO date (Word wants a date-time)."""
    if not iso:
        return None
    return dt.datetime.combine(dt.date.fromisoformat(iso[:10]), dt.time(), tzinfo=dt.timezone.utc)


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Revisions:
    """Numbers the tracked changes and comments of one document and writes their XML."""

    def __init__(self, document: Document, first_comment: int = 1) -> None:
        self.document = document
        self._next = 1
        #: Comment ids must differ from footnote ids: LibreOffice mixes up notes and comments of the same id.
        self._next_comment = first_comment
        #: ``w:comments`` of the comments part, made with the first comment (a document without any has no part).
        self._comments: etree._Element | None = None
        #: The ``w:ins``/``w:del`` elements written since the last label, and the last change.
        self.pending: list = []
        self.last: Change | None = None

    def _revision(self, kind: str, change: Change) -> etree._Element:
        """A new ``w:ins``/``w:del`` element of ``change``: its own id, its author and date."""
        attrs = {"id": str(self._next), "author": change.author}
        self._next += 1
        when = word_date(change.date)
        if when is not None:
            attrs["date"] = _stamp(when)
        return element(kind, attrs)

    def track(self, run: etree._Element, change: Change, labelled: bool = True) -> etree._Element:
        """Wrap the ``w:r`` ``run`` (already in its paragraph) in ``w:ins`` or ``w:del``; returns the wrapper.

        A ``labelled`` change is one the next label's comment is anchored on (not a footnote's body:
        a comment's range cannot leave the main text).
        """
        wrapper = self._revision("del" if change.kind == DELETED else "ins", change)
        run.addprevious(wrapper)
        wrapper.append(run)
        if change.kind == DELETED:
            for text in run.iter(T):
                text.tag = w("delText")
        if labelled:
            self.pending.append(wrapper)
            self.last = change
        return wrapper

    def new_paragraph(self) -> None:
        """A label's comment is anchored on its own paragraph's changes only: forget those of the last one."""
        self.pending = []

    def track_paragraph(self, ppr: etree._Element, change: Change) -> None:
        """Track the paragraph mark of the paragraph whose ``w:pPr`` is ``ppr`` as inserted or deleted.

        With its words tracked too, accepting a deleted paragraph (or rejecting an inserted one) then
        leaves nothing of it, not an empty paragraph: the mark goes with the words (``w:pPr/w:rPr``).
        """
        rpr = ppr.find(RPR)
        if rpr is None:
            rpr = etree.SubElement(ppr, RPR)  # the last child wgt writes in w:pPr, where the schema wants it
        rpr.insert(0, self._revision("del" if change.kind == DELETED else "ins", change))

    def comment(self, text: str) -> None:
        """A comment saying ``text``, by the last change's author, anchored on the changes since the last one."""
        if not self.pending or self.last is None:
            return
        first, last = self.pending[0], self.pending[-1]
        self.pending = []
        self.comment_on(first, last, text, self.last)

    def comment_on(self, first: etree._Element, last: etree._Element, text: str, change: Change) -> None:
        """A comment saying ``text`` in ``change``'s name and date, anchored from ``first`` to ``last``."""
        cid = str(self._next_comment)
        self._next_comment += 1
        # Dated like the change; undated changes get the time of writing, as python-docx's add_comment does.
        when = word_date(change.date) or dt.datetime.now(dt.timezone.utc)
        self._add_comment(cid, text, change.author, _stamp(when))
        first.addprevious(element("commentRangeStart", {"id": cid}))
        end = element("commentRangeEnd", {"id": cid})
        last.addnext(end)
        reference = element("r", {})
        set_props(reference, RPR, [("vertAlign", {"val": "superscript"})])
        etree.SubElement(reference, w("commentReference"), {w("id"): cid})
        end.addnext(reference)

    def _add_comment(self, cid: str, text: str, author: str, date: str) -> None:
        """What python-docx's ``add_comment`` writes, without its numbering, which reads every comment's id
        for each new one (quadratic over a redline); paragraphs of ``text`` are its lines."""
        if self._comments is None:
            self._comments = self.document.comments._comments_elm  # the first use makes the part
        attrs = {"id": cid, "author": author, "initials": "", "date": date}
        comment = etree.SubElement(self._comments, w("comment"), {w(k): v for k, v in attrs.items()})
        for n, line in enumerate(text.split("\n")):
            p = etree.SubElement(comment, P)
            etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle"), {w("val"): "CommentText"})
            if n == 0:  # the comment's mark, which Word draws as its number
                anchor = etree.SubElement(p, w("r"))
                etree.SubElement(etree.SubElement(anchor, RPR), w("rStyle"), {w("val"): "CommentReference"})
                etree.SubElement(anchor, w("annotationRef"))
            if line or n == 0:
                add_run(p, line)


def show_change(run: etree._Element, change: Change) -> None:
    """Draw a change on the ``w:r`` ``run`` as formatting only (red struck through, green underlined),
    not as a tracked change."""
    if change.kind == DELETED:
        set_props(run, RPR, [("strike", {}), ("color", {"val": DELETED_COLOR})])
    else:
        set_props(run, RPR, [("u", {"val": "single"}), ("color", {"val": INSERTED_COLOR})])
