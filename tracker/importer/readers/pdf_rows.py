"""The rows of a PDF page: the words pdfplumber finds, grouped into the lines a person sees.

The model both halves of the PDF reader share: :mod:`~tracker.importer.readers.pdf`
turns a page's words into :class:`Row` objects here, and
:mod:`~tracker.importer.readers.pdf_layout` puts rows back into paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

#: A superscript footnote call: a number (or an asterisk, a dagger) set small and raised.
_CALL = re.compile(r"\d{1,3}|[*†‡]")


@dataclass
class Piece:
    """A word as pdfplumber finds it: one font and size, its box, the row it was found in."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    row: int = 0


@dataclass
class Token:
    """A word of a row: pieces printed without a space between them glued together."""

    text: str
    x0: float
    x1: float
    size: float
    bold: bool
    #: A superscript number right after a word: a footnote call.
    call: bool = False


@dataclass
class Row:
    """The words that share one line of a page, left to right."""

    page: int
    number: int
    tokens: list[Token]
    top: float
    bottom: float
    #: The size most of its letters are set in.
    size: float
    pieces: list[Piece]

    @property
    def x0(self) -> float:
        return self.tokens[0].x0

    @property
    def x1(self) -> float:
        return self.tokens[-1].x1

    @property
    def text(self) -> str:
        return " ".join(token.text for token in self.tokens)

    @property
    def words(self) -> list[Token]:
        return [token for token in self.tokens if not token.call] or self.tokens


@dataclass
class Note:
    """A footnote at the foot of a page: its number and the rows of its text (the number first)."""

    number: str
    rows: list[Row]
    used: bool = False


@dataclass
class Page:
    """One page as read: its size, its rows top to bottom, whether it draws pictures."""

    number: int
    width: float
    height: float
    rows: list[Row]
    #: The page draws pictures.
    images: bool
    #: Pictures cover half the page or more: with no text on it, a scanned page.
    covered: bool = False
    notes: list[Note] = field(default_factory=list)
    #: Footnote rows above the page's first note: the end of a note the page before began.
    carried: list[Row] = field(default_factory=list)


def cluster_rows(pieces: list[Piece]) -> list[list[Piece]]:
    """``pieces`` grouped into rows, top to bottom, each row left to right.

    A piece joins a row it overlaps by half the height of the smaller of the
    two; a row is as tall as its largest pieces only, so that a superscript does
    not stretch it and lines of two columns set at different heights are not
    chained into one.
    """
    rows: list[list] = []  # [top, bottom, largest size, pieces]
    for piece in sorted(pieces, key=lambda p: (p.top, p.x0)):
        height = piece.bottom - piece.top
        for row in reversed(rows[-4:]):
            overlap = min(row[1], piece.bottom) - max(row[0], piece.top)
            if overlap >= 0.5 * min(height, row[1] - row[0]):
                row[3].append(piece)
                if piece.size > row[2] * 1.15:
                    row[0], row[1], row[2] = piece.top, piece.bottom, piece.size
                elif piece.size >= row[2] * 0.85:
                    row[0], row[1] = min(row[0], piece.top), max(row[1], piece.bottom)
                break
        else:
            rows.append([piece.top, piece.bottom, piece.size, [piece]])
    rows.sort(key=lambda row: row[0])
    return [sorted(row[3], key=lambda p: p.x0) for row in rows]


def make_row(pieces: list[Piece], page: int, number: int) -> Row:
    """One row from its pieces: touching pieces glued into one word, superscript numbers marked as calls."""
    weights: Counter[float] = Counter()
    for piece in pieces:
        weights[piece.size] += len(piece.text)
    size = weights.most_common(1)[0][0]
    main = [p for p in pieces if p.size >= 0.85 * size] or pieces
    top, bottom = min(p.top for p in main), max(p.bottom for p in main)
    tokens: list[Token] = []
    for piece in pieces:
        call = piece.size < 0.85 * size and piece.bottom < bottom - 0.15 * size and _CALL.fullmatch(piece.text)
        if tokens and not call and not tokens[-1].call and piece.x0 - tokens[-1].x1 < 0.1 * size:
            # No space between them: one word in two fonts or sizes ("**Bold**face", "m²").
            last = tokens[-1]
            last.text += piece.text
            last.x1, last.bold, last.size = piece.x1, last.bold and piece.bold, max(last.size, piece.size)
            continue
        tokens.append(Token(piece.text, piece.x0, piece.x1, piece.size, piece.bold, bool(call)))
    return Row(page, number, tokens, top, bottom, size, pieces)


__all__ = ["Note", "Page", "Piece", "Row", "Token", "cluster_rows", "make_row"]
