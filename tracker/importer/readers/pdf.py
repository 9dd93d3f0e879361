"""PDF: the paragraphs of a PDF's text layer, in reading order, as :class:`SourceLine` objects.

A PDF knows where each letter is drawn and in which font, not where a paragraph
begins: Word, WeasyPrint or a printer driver have already broken the text into
lines and pages. This reader takes the words pdfplumber finds, with their
positions, fonts and sizes, and puts the paragraphs back together
(:mod:`~tracker.importer.readers.pdf_layout` holds the rules):

* **rows** — the words that share a line on the page; a row's ``number`` is its
  place among the page's rows counted from the top (running headers included:
  what a person counts on the printed page), the ``number`` of a
  :class:`SourceLine` is the row where its paragraph starts;
* **header block** — an OAS first page sets the organisation top left and the
  symbol block (``OEA/Ser.G``, the symbol, the date, ``Original:``) top right.
  The rows at the top of page 1 that one vertical gutter (as wide as 4 % of the
  column, in its right four fifths) splits in two are the header block when two
  of them or more have words right of it, ranged left or right. It ends at the
  first row crossing the gutter or centred on the page (the caption, the title),
  or after the last row with words right of it and the rows of the left block
  that follow it without a gap. Its left lines come out first, then its right
  lines, each its own line, ``where="page-header"``, numbered by the row they
  stand on (so a left and a right line may share a number);
* **running headers, footers and page numbers** — dropped: a row near the top
  or bottom edge whose text, digits aside, recurs at the same height on at
  least two pages and half of the pages after the first; a row there that is
  only a page number (``- 2 -``, ``Page 3 of 7``, ``3``, ``iv``); a row at the
  top of a later page repeating a line of page 1's header block (the symbol);
* **footnotes** — the rows at the foot of a page in a smaller size than the
  text, the first of them opening with a number. A superscript number (smaller,
  raised) right after a word in the text is the call: when the page holds the
  note with that number, the note's text goes into :attr:`SourceLine.notes` at
  the call's offset and neither the call nor the note is left in the text;
  a call without a note stays in the text as printed (``meeting1``), a note
  without a call becomes a paragraph of its own after the page's text;
* **paragraphs** — see :func:`~tracker.importer.readers.pdf_layout.continues`;
  hyphenation is undone when the joined word occurs elsewhere in the document
  or when the hyphen is the typesetter's (U+2010 before a small letter);
  paragraphs never run across a page break: the first paragraph of
  each page after the first has ``after_break`` set, and the structure rules
  decide whether it continues the one before;
* **hints** — ``bold`` when every word is set in a font whose name says
  "Bold"; ``heading`` 1, 2, … for paragraphs set larger than the text (1 the
  largest size).

What cannot be read is refused, naming the file, never half read: a file that
is not a PDF, a damaged one (pdfminer's failures, its warnings of operators it
could not execute, a compressed page that does not inflate whole, pages the
page tree promises and does not hold), one that needs a password, a scan with
no text layer (or a scanned page among typed ones), a font without a Unicode
map, more than :data:`MAX_PAGES` pages, more than :data:`MAX_CHARS` characters
or a page inflating beyond :data:`MAX_PAGE_CONTENT` bytes (counted page by page
as the file is read, so that a huge file is refused without being read to its
end). A PDF encrypted with an owner password only opens without one and is
read. Layouts this reader does not take apart: text in several columns below
the header block, tables (read row by row), rotated text (dropped, as are
diagonal watermarks), a running header on one page only.
"""

from __future__ import annotations

import io
import logging
import unicodedata
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tracker.akn.text import forbidden_character
from tracker.errors import ImportTextError
from tracker.i18n import _
from tracker.importer.lines import SourceLine
from tracker.importer.readers.pdf_layout import paragraphs
from tracker.importer.readers.pdf_rows import Page, Piece, Row, cluster_rows, make_row

if TYPE_CHECKING:  # pdfplumber and pdfminer are imported on first use: `wgt --help` must not pay for them
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page as PlumberPage

#: Pages a PDF may have: ten times the longest OAS report a group negotiates.
MAX_PAGES = 2_000
#: Characters a PDF may draw, counted over its pages as they are read.
MAX_CHARS = 20_000_000
#: Bytes one page's compressed content may inflate to (the text of a page takes some kilobytes).
MAX_PAGE_CONTENT = 256 * 1024 * 1024

#: Where a PDF's header may begin: readers accept leading junk before ``%PDF-`` up to here.
_HEADER_WINDOW = 1024
#: pdfminer's rendering of a glyph its font gives no Unicode value for.
_UNMAPPED = "(cid:"
#: pdfminer's modules whose warnings mean text was lost: a content stream whose operators
#: could not be parsed or executed, a string not drawn. (A stream that does not inflate is
#: told apart before pdfminer reads it: see _check_contents.)
_LOSSY = ("pdfminer.psparser", "pdfminer.pdfinterp", "pdfminer.pdfdevice")


def read_pdf(data: bytes, name: str) -> list[SourceLine]:
    """The paragraphs of the PDF ``data`` (called ``name`` in messages), in reading order.

    Raises :class:`ImportTextError` naming the file, and the page and line where
    it can, for anything that is not a readable PDF with a text layer.
    """
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise ImportTextError(
            _("{name}: is not a PDF file; import the PDF itself, or a Word or text version").format(name=name)
        )
    try:
        with _listening() as reports:
            pages = _read_pages(data, name, reports)
    except (ImportTextError, MemoryError):
        raise
    except Exception as exc:
        # pdfminer parses whatever bytes it is given and, on a damaged file, fails with
        # whatever its parser met: PDFSyntaxError, PSEOF, KeyError, TypeError, ValueError,
        # AssertionError, RecursionError. No list of them is complete, and each means the
        # same to the person importing: the file cannot be read. So every exception but
        # ours (already worded) and MemoryError (not the file's fault alone) becomes one
        # message naming the file, never a traceback.
        raise ImportTextError(_damaged(name, type(_cause(exc)).__name__)) from None
    if not any(page.rows for page in pages):
        if any(page.images for page in pages):
            raise ImportTextError(
                _("{name}: has no text: it is a scan; run OCR first or import a Word or text version").format(name=name)
            )
        raise ImportTextError(_("{name}: the file has no text").format(name=name))
    # A scanned page among typed ones (a signed annex): read without it, the text would lack it.
    if scanned := next((page.number for page in pages if page.covered and not page.rows), None):
        raise ImportTextError(
            _("{name}: page {page} has no text: it is a scan; run OCR first or import a Word or text version").format(
                name=name, page=scanned
            )
        )
    lines = paragraphs(pages)
    for line in lines:
        _check(line.text, name, line.page or 1, line.number)
        for _offset, note in line.notes:
            _check(note, name, line.page or 1, line.number)
    return lines


class _Reports(logging.Handler):
    """What pdfminer logs while a file is read: kept off the terminal, and judged."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lost = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(_LOSSY):
            self.lost += 1


@contextmanager
def _listening() -> Iterator[_Reports]:
    """Collect pdfminer's and pdfplumber's warnings instead of letting them reach stderr.

    Python prints an unhandled warning on stderr ("Data-loss while decompressing
    corrupted data"); the command prints one line per problem, and this reader
    decides what such a warning means for the import (see :data:`_LOSSY`).
    """
    reports = _Reports()
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    saved = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.addHandler(reports)
        logger.propagate = False
    try:
        yield reports
    finally:
        for logger, propagate in zip(loggers, saved):
            logger.removeHandler(reports)
            logger.propagate = propagate


def _read_pages(data: bytes, name: str, reports: _Reports) -> list[Page]:
    """Every page's rows; refused early when the file is encrypted or too large, or text was lost."""
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1
    from pdfplumber.page import Page as PlumberPage
    from pdfplumber.pdf import PDF
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = PDF(io.BytesIO(data))
    except PdfminerException as exc:
        # PDFPasswordIncorrect is a PDFEncryptionError; pdfminer fails otherwise on some encryption
        # dictionaries it does not support (a struct.error on odd permissions): encrypted all the same.
        if isinstance(_cause(exc), PDFEncryptionError) or b"/Encrypt" in data:
            raise ImportTextError(
                _(
                    "{name}: the PDF is encrypted and cannot be opened without its password; "
                    "save a copy without protection and import that"
                ).format(name=name)
            ) from None
        raise
    # The page tree says how many pages there are: refuse before reading one of them.
    declared = resolve1(resolve1(pdf.doc.catalog.get("Pages")) or {}).get("Count")
    if isinstance(declared, int) and declared > MAX_PAGES:
        raise _too_many_pages(name, declared)
    pages: list[Page] = []
    chars = 0
    # pdfplumber's PDF.pages would build every page of the tree first; a tree may lie
    # about its Count, so the pages are taken one by one and counted here.
    for number, page_object in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        if number > MAX_PAGES:
            raise _too_many_pages(name, number)
        _check_contents(page_object, name, number)
        page = PlumberPage(pdf, page_object, page_number=number)
        chars += len(page.chars)
        if chars > MAX_CHARS:
            raise ImportTextError(
                _(
                    "{name}: holds more than {limit:,} characters (page {page} passes the limit); "
                    "split it and import the parts"
                ).format(name=name, limit=MAX_CHARS, page=number)
            )
        width, height, images = float(page.width), float(page.height), page.images
        covered = sum((i["x1"] - i["x0"]) * (i["bottom"] - i["top"]) for i in images) >= 0.5 * width * height
        pages.append(Page(number, width, height, _rows(page, name), bool(images), covered))
        page.close()  # its parsed objects are not needed again
        if reports.lost:
            raise _damaged_page(name, number)
    # pdfminer skips a page object it cannot make out: a tree promising more pages lost some.
    if not pages or (isinstance(declared, int) and len(pages) < declared):
        raise ImportTextError(_damaged(name, _("pages missing")))
    return pages


def _check_contents(page_object: PDFPage, name: str, number: int) -> None:
    """Refuse a page whose compressed content does not inflate whole, or inflates beyond bounds.

    pdfminer reads a content stream that fails to inflate as empty, and one cut
    short as what it holds, without a word: the page's text would be imported
    with words missing. Inflating it here first (the output thrown away as it
    comes, so memory stays bounded) tells, and bounds the work a compression
    bomb could ask for.
    """
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

    size = 0
    for item in page_object.contents:
        stream = resolve1(item)
        if not isinstance(stream, PDFStream) or stream.rawdata is None:
            continue  # not compressed, or inflated already (a stream two pages share)
        filters = stream.get_filters()
        if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
            continue
        raw = stream.rawdata
        if stream.decipher:  # an encrypted file that opens without a password: decrypted as pdfminer will
            raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
        inflated = _inflated_size(raw)
        if inflated is None:
            raise _damaged_page(name, number)
        size += inflated
        if size > MAX_PAGE_CONTENT:
            raise ImportTextError(
                _("{name}: page {page}: its content inflates beyond {limit:,} bytes; the file cannot be read").format(
                    name=name, page=number, limit=MAX_PAGE_CONTENT
                )
            )


def _inflated_size(raw: bytes) -> int | None:
    """How many bytes ``raw`` inflates to (counted up to just past the bound), or None if damaged or cut short.

    A wrong checksum counts as damage: it is how a changed byte inside the
    stream shows (pdfminer would read the changed text without a word).
    """
    inflater, size = zlib.decompressobj(), 0
    try:
        while raw and size <= MAX_PAGE_CONTENT:
            size += len(inflater.decompress(raw, 1 << 20))
            raw = inflater.unconsumed_tail
    except zlib.error:
        return None
    return size if inflater.eof or size > MAX_PAGE_CONTENT else None


def _damaged(name: str, reason: str) -> str:
    return _(
        "{name}: the PDF is damaged and cannot be read ({reason}); "
        "open it and save it again as PDF, or import a Word or text version"
    ).format(name=name, reason=reason)


def _damaged_page(name: str, number: int) -> ImportTextError:
    # A page read in part is worse than none: the text would be imported with words missing.
    return ImportTextError(
        _(
            "{name}: page {page}: the PDF is damaged and part of its text cannot be read; "
            "open it and save it again as PDF, or import a Word or text version"
        ).format(name=name, page=number)
    )


def _cause(exc: BaseException) -> BaseException:
    """pdfminer's own exception inside pdfplumber's wrapper: what the message names."""
    inner = exc.args[0] if exc.args else None
    return inner if isinstance(inner, BaseException) else exc


def _too_many_pages(name: str, count: int) -> ImportTextError:
    return ImportTextError(
        _("{name}: has {count:,} pages or more, more than the {limit:,} a document may have; split it").format(
            name=name, count=count, limit=MAX_PAGES
        )
    )


def _rows(page: PlumberPage, name: str) -> list[Row]:
    """The page's text as rows of tokens, top to bottom, each numbered from 1."""
    left, top, right, bottom = page.bbox
    words = page.extract_words(
        x_tolerance_ratio=0.15, y_tolerance=3, keep_blank_chars=False, extra_attrs=["fontname", "size"]
    )
    pieces = [
        Piece(
            unicodedata.normalize("NFC", word["text"]),
            float(word["x0"]),
            float(word["x1"]),
            float(word["top"]),
            float(word["bottom"]),
            round(float(word["size"]), 1),
            "bold" in str(word["fontname"]).lower(),
        )
        for word in words
        # Rotated words (a diagonal watermark, a margin note) and words drawn off the page are no text of it.
        if word["upright"]
        and word["x1"] > left
        and word["x0"] < right
        and word["bottom"] > top
        and word["top"] < bottom
    ]
    rows = []
    for number, cluster in enumerate(cluster_rows(pieces), start=1):
        for piece in cluster:
            piece.row = number
            # A soft hyphen may end a line (where a word was broken): the layout takes it off there.
            _check_piece(piece.text.rstrip("\u00ad"), name, page.page_number, number)
        rows.append(make_row(cluster, page.page_number, number))
    return rows


def _check_piece(text: str, name: str, page: int, line: int) -> None:
    """Refuse a word with a character no text may hold, or one its font cannot spell."""
    if _UNMAPPED in text:
        raise ImportTextError(
            _(
                "{name}: page {page}, line {line}: the text cannot be read: its font does not say which "
                "letters it draws; export the PDF again from the original document, or import a Word or text version"
            ).format(name=name, page=page, line=line)
        )
    _check(text, name, page, line)


def _check(text: str, name: str, page: int, line: int) -> None:
    """The model's text rule (tracker.akn.text), worded as for a plain-text source."""
    found = forbidden_character(text, allow="")
    if found is not None:
        raise ImportTextError(
            _(
                "{name}: page {page}, line {line}: contains the control or invisible character U+{code:04X}, "
                "which no document text may hold; remove it and import again"
            ).format(name=name, page=page, line=line, code=ord(text[found[0]]))
        )


__all__ = ["MAX_CHARS", "MAX_PAGES", "MAX_PAGE_CONTENT", "read_pdf"]
