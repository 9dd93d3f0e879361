"""Word's own tracked changes and comments, which python-docx has no API to write.

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
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.text.run import Run as DocxRun

from tracker.render.model import DELETED, Change

#: Colours of an untracked redline (a compilation): deleted red, inserted green.
DELETED_COLOR, INSERTED_COLOR = RGBColor(0xA5, 0x0E, 0x0E), RGBColor(0x05, 0x63, 0x1F)


def word_date(iso: str | None) -> dt.datetime | None:
    """Midnight UTC of an ISO date (Word wants a date-time)."""
    if not iso:
        return None
    return dt.datetime.combine(dt.date.fromisoformat(iso[:10]), dt.time(), tzinfo=dt.timezone.utc)


class Revisions:
    """Numbers the tracked changes and comments of one document and writes their XML."""

    def __init__(self, document: Document, first_comment: int = 1) -> None:
        self.document = document
        self._next = 1
        #: Comment ids must differ from footnote ids: LibreOffice mixes up notes and comments of the same id.
        self._next_comment = first_comment
        #: The ``w:ins``/``w:del`` elements written since the last label, and the last change.
        self.pending: list = []
        self.last: Change | None = None

    def track(self, element, change: Change, labelled: bool = True):
        """Wrap the run ``element`` (already in its paragraph) in ``w:ins`` or ``w:del``; returns the wrapper.

        A ``labelled`` change is one the next label's comment is anchored on (not a footnote's body:
        a comment's range cannot leave the main text).
        """
        tag = "w:del" if change.kind == DELETED else "w:ins"
        wrapper = OxmlElement(tag)
        wrapper.set(qn("w:id"), str(self._next))
        self._next += 1
        wrapper.set(qn("w:author"), change.author)
        when = word_date(change.date)
        if when is not None:
            wrapper.set(qn("w:date"), when.strftime("%Y-%m-%dT%H:%M:%SZ"))
        element.addprevious(wrapper)
        wrapper.append(element)
        if change.kind == DELETED:
            for text in element.iter(qn("w:t")):
                text.tag = qn("w:delText")
        if labelled:
            self.pending.append(wrapper)
            self.last = change
        return wrapper

    def comment(self, text: str) -> None:
        """A comment saying ``text``, by the last change's author, anchored on the changes since the last one."""
        if not self.pending or self.last is None:
            return
        first, last = self.pending[0], self.pending[-1]
        self.pending = []
        comment = self.document.comments.add_comment(text=text, author=self.last.author, initials="")
        element = comment._comment_elm
        element.id = self._next_comment
        self._next_comment += 1
        when = word_date(self.last.date)
        if when is not None:
            element.date = when
        cid = str(element.id)
        start = OxmlElement("w:commentRangeStart")
        start.set(qn("w:id"), cid)
        first.addprevious(start)
        end = OxmlElement("w:commentRangeEnd")
        end.set(qn("w:id"), cid)
        last.addnext(end)
        reference = OxmlElement("w:r")
        style = OxmlElement("w:rPr")
        style.append(OxmlElement("w:vertAlign"))
        style[0].set(qn("w:val"), "superscript")
        reference.append(style)
        mark = OxmlElement("w:commentReference")
        mark.set(qn("w:id"), cid)
        reference.append(mark)
        end.addnext(reference)


def show_change(run: DocxRun, change: Change) -> None:
    """Draw a change as formatting only (red struck through, green underlined), not as a tracked change."""
    if change.kind == DELETED:
        run.font.strike = True
        run.font.color.rgb = DELETED_COLOR
    else:
        run.font.underline = True
        run.font.color.rgb = INSERTED_COLOR
