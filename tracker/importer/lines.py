"""The one intermediate form every reader produces: the document's lines, with what the format said of them.

A plain-text file, a Word file and a PDF reach the structure rules the same way,
as a list of :class:`SourceLine`: one paragraph of running text each, in reading
order, its whitespace collapsed and its characters checked by the model's text
rule. What a format knows beyond the words is kept as hints the rules may use —
a heading level (a Word style, a markdown ``#``), an automatic number (Word's
list numbering), real footnotes (Word's), where the line stood (a page header,
a table, a text box: where Word keeps the header block), a page break before it
— and nothing else: the rules never look at the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.i18n import _


@dataclass
class SourceLine:
    """One line (a paragraph) of a source document, in reading order."""

    #: 1-based position a person can find: a line of a text file, a paragraph of a Word file, a line of a PDF.
    number: int
    #: The words, NFC, whitespace collapsed, without the markup the reader took off (``#``, ``**``).
    text: str
    #: What :attr:`number` counts: "line" (a text file, a PDF page) or "paragraph" (a Word file).
    counted: str = "line"
    #: The page of a PDF (None for a text or a Word file).
    page: int | None = None
    #: Where the line stood: "body", "page-header", "table", "textbox", "page-foot" (a note at a page's foot).
    where: str = "body"
    #: A heading level from the format (a Word heading style, a markdown ``#``); 0 when none.
    heading: int = 0
    #: The whole line is emphasised (bold runs, ``**…**``).
    bold: bool = False
    #: The number the format's automatic numbering prints before the line (Word lists: "7.", "(a)", "IV.").
    label: str | None = None
    #: Real footnotes (Word's): (offset in :attr:`text` where the marker stands, the note's text).
    notes: list[tuple[int, str]] = field(default_factory=list)
    #: A page break comes right before this line (a form feed, a new PDF page, a Word page break).
    after_break: bool = False
    #: A horizontal rule (``---``, a Word border line): a line of no words.
    rule: bool = False
    #: A blank line stands right before this one (in a text file: how paragraphs and blocks are set apart).
    gap: bool = False
    #: The numbers of the lines a reader joined to this one (a text wrapped at 72 columns): each is a join
    #: the import summary lists.
    joined: list[int] = field(default_factory=list)

    @property
    def place(self) -> str:
        """How a person finds the line: "line 12", "paragraph 12", "page 3, line 7" (what messages name)."""
        if self.page is not None:
            return _("page {page}, line {line}").format(page=self.page, line=self.number)
        if self.counted == "paragraph":
            return _("paragraph {number}").format(number=self.number)
        return _("line {line}").format(line=self.number)

    def words(self) -> int:
        """How many words the line holds (what the import summary counts)."""
        return len(self.text.split())


__all__ = ["SourceLine"]
