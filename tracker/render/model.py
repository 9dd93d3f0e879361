"""The format-neutral model every document for people is drawn from.

A :class:`Layout` is a header block, a list of items and the footnotes. An item
is a :class:`Block` (one paragraph), a :class:`Fold` (paragraphs a reader may
collapse: the unchanged paragraphs of a redline) or a :class:`Table` (the
compilation of proposals, the counts of a report). A block is a list of
:class:`Run` s: plain text, a footnote reference, a tracked change (a
:class:`Change`: inserted or deleted words and who made them) or a label that
names an amendment beside the words it changed.

What a document *says* is decided once, in its language, by the module that
builds it (:mod:`~tracker.render.layout` for the issued document,
:mod:`~tracker.render.redline`, :mod:`~tracker.render.compilation`,
:mod:`~tracker.render.annex`, :mod:`~tracker.render.report`); the format
modules (:mod:`~tracker.render.html`, :mod:`~tracker.render.word`,
:mod:`~tracker.render.markdown`, :mod:`~tracker.render.text`) only decide how
it *looks*.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

INSERTED = "ins"
DELETED = "del"

#: Run styles: ``strong`` and ``em`` are emphasis; a ``label`` names who made
#: the change just before it (``MX-3 (México)``) and is not part of the text; a
#: ``gap`` is the space that sets a label apart from the words around it, drawn
#: as a space but, like the label, part of neither revision's text (Word, where
#: labels are comments, leaves it out).
STYLES = ("strong", "em", "label", "gap")

#: How a format shows a redline's changes, so that its legend describes what the reader
#: sees (:attr:`Block.notations`, :meth:`Layout.drawn_as`): struck through and
#: underlined with labels in brackets (HTML, PDF); Word tracked changes with labels as
#: comments (DOCX); ``[-…-]{+…+}⟨…⟩`` (plain text, and a terminal, which may paint them
#: too); ``~~…~~``, ``<ins>…</ins>`` and ``*[…]*`` (Markdown).
MARKED, TRACKED, WDIFF, MARKDOWN = "marked", "tracked", "wdiff", "markdown"


@dataclass(frozen=True)
class Change:
    """A tracked change: words inserted or deleted, by whom, when."""

    kind: str  # INSERTED | DELETED
    #: Who made it, as the document's reader names them (``México``).
    author: str
    #: ISO date of the revision that made it (``2005-03-01``), if known.
    date: str | None = None


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph: text, or (when ``note`` is set) a footnote reference."""

    text: str = ""
    note: int | None = None
    change: Change | None = None
    style: str | None = None
    #: What a footnote reference shows when it is not the note's number (:attr:`Footnote.mark`).
    mark: str | None = None

    @property
    def call(self) -> str:
        """What a footnote reference shows: the note's number, or its mark."""
        return self.mark or str(self.note)


@dataclass
class Block:
    """One paragraph."""

    role: str
    runs: list[Run]
    num: str | None = None
    level: int = 0
    #: ``agreed``, ``ad-ref`` or ``open`` where the draft records a status.
    status: str | None = None
    #: ``(agreed)`` / ``(acordado)`` … already in the document's language.
    mark: str | None = None
    #: Numbered blocks of one sequence share a key (real numbering in Word).
    list_key: str | None = None
    #: Starts a new page (an appendix).
    new_page: bool = False
    #: For closing lines: ``signature``, ``office`` (the office under a signature's name), ``placeDate``, ``addressee``.
    style: str | None = None
    #: The block as each notation of changes needs it said (a redline's legend); ``runs`` for any other.
    notations: dict[str, list[Run]] = field(default_factory=dict)
    #: The stable id (wId) of the unit the block draws, for formats that keep it (a Word bookmark).
    unit: str | None = None
    #: In a redline Word accepts or rejects: the paragraph itself inserted or deleted (its paragraph mark
    #: is a tracked change), and the number the earlier revision gave it (``num`` is the later one's).
    change: Change | None = None
    num_from: str | None = None
    #: A remark on the whole paragraph that is no part of its text (Word: a comment anchored on it).
    remark: str | None = None

    @property
    def text(self) -> str:
        """The block's words without footnote references."""
        return "".join(run.text for run in self.runs)


@dataclass
class Fold:
    """Paragraphs a reader may collapse, summed up in one line.

    ``… 4 unchanged paragraphs: the first to fourth preambular paragraphs …``
    """

    summary: str
    blocks: list[Block]
    #: Shown unfolded (``--full``); HTML always lets the reader fold and unfold.
    open: bool = False


@dataclass
class Table:
    """Rows of cells, each cell a list of blocks; ``head`` names the columns."""

    head: list[str]
    rows: list[list[list[Block]]]
    #: A class for the stylesheet (``compilation``, ``counts``).
    kind: str = "table"
    #: Relative column widths (the same length as ``head``).
    widths: tuple[float, ...] = ()


Item = Block | Fold | Table


@dataclass(frozen=True)
class Footnote:
    """A footnote, numbered in reading order from 1 (``change`` when a redline inserts or deletes it)."""

    number: int
    text: str
    change: Change | None = None
    #: Shown at the call and the note instead of ``number``, for a note outside the numbered sequence
    #: (a redline's note that the later revision no longer has, ``*3``); ``number`` stays its unique key.
    mark: str | None = None

    @property
    def shown(self) -> str:
        """What the call and the note show: the number, or the mark."""
        return self.mark or str(self.number)


@dataclass(frozen=True)
class Header:
    """The header block (organisation top left, the rest top right); ``original`` may be left out."""

    organization: str
    series: str
    symbol: str
    date: str
    original: str | None = None
    #: The bodies under the organisation (``PERMANENT COUNCIL``, ``General Assembly``), as the text had them.
    bodies: tuple[str, ...] = ()
    #: Further right-hand lines the text had: distribution, session, agenda item.
    extra: tuple[str, ...] = ()

    @property
    def left(self) -> list[str]:
        """The left-hand lines: the organisation, then the bodies."""
        return [line for line in (self.organization, *self.bodies) if line]

    @property
    def lines(self) -> list[str]:
        """The right-hand lines: series, symbol, date, original language, then the others."""
        return [line for line in (self.series, self.symbol, self.date, self.original, *self.extra) if line]


@dataclass
class Layout:
    """A whole document ready to draw."""

    lang: str
    symbol: str
    title: str
    header: Header
    blocks: list[Item] = field(default_factory=list)
    notes: list[Footnote] = field(default_factory=list)
    #: Explains the square brackets or the redline's marks.
    legend: str | None = None
    #: Changes are a redline's, to accept or reject (Word tracked changes); else only shown.
    tracked_changes: bool = False
    #: Printed across the page (the compilation's columns); the paged writers (PDF, DOCX) turn the paper.
    landscape: bool = False
    #: The document this one is about, when it is not the document itself (a compilation's draft and rev.).
    about: str = ""
    #: Who issues it (the body) and its ISO date, for a format's document properties (Word's creator, dates).
    author: str = ""
    date: str | None = None
    #: What the file says it is, for a reader to take it back (DOCX custom properties; see tracker.render.wordmarks).
    properties: dict[str, str] = field(default_factory=dict)
    #: The header block's lines as blocks (organisation and bodies; the right-hand lines), when they are more
    #: than the header's text: a redline's, whose new symbol and date are changes. Else :func:`header_blocks`.
    header_blocks: tuple[list[Block], list[Block]] | None = None
    #: In whose name a redline Word accepts or rejects tracks a renumbering Word's own numbering cannot
    #: do (numbers Word cannot count, ``5 bis``): nobody's, said as such (``Renumbering``).
    renumbering: str = ""

    def drawn_as(self, notation: str) -> Layout:
        """This layout as a format drawing changes in ``notation`` shows it (each block's :attr:`Block.notations`)."""
        if not any(isinstance(item, Block) and item.notations for item in self.blocks):
            return self
        blocks = [
            replace(item, runs=item.notations.get(notation, item.runs))
            if isinstance(item, Block) and item.notations
            else item
            for item in self.blocks
        ]
        return replace(self, blocks=blocks)

    def paragraphs(self) -> Iterator[Block]:
        """Every block, those inside folds and table cells included, in reading order."""
        for item in self.blocks:
            if isinstance(item, Block):
                yield item
            elif isinstance(item, Fold):
                yield from item.blocks
            else:
                for row in item.rows:
                    for cell in row:
                        yield from cell


def header_blocks(header: Header) -> tuple[list[Block], list[Block]]:
    """The header block's lines as blocks: the organisation and bodies (``style="organization"``), the others."""
    left = [Block("header", [Run(line)], style="organization") for line in header.left]
    return left, [Block("header", [Run(line)]) for line in header.lines]


def plain(*texts: str, style: str | None = None) -> list[Run]:
    """Runs of plain (or uniformly styled) text, skipping empty pieces."""
    return [Run(text, style=style) for text in texts if text]
