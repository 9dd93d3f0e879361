"""The layout rules of the PDF reader: rows of positioned words in, paragraphs out.

:mod:`~tracker.importer.readers.pdf` opens the file and turns each page into
:class:`~tracker.importer.readers.pdf_rows.Row` objects; this module finds the header block, drops the running
headers, footers and page numbers, takes the footnotes off each page's foot and
joins the rows the PDF wrapped back into paragraphs (:func:`continues`). It
knows nothing of files or pdfplumber, so its rules can be tested on rows alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from tracker.importer.lines import SourceLine
from tracker.importer.readers.pdf_rows import Note, Page, Row, cluster_rows, make_row

#: The label a numbered paragraph or heading opens with: "1.", "1)", "(1)", "(a)", "a.", "(iv)", "IV.", "B.".
_LABEL = re.compile(
    r"\d{1,3}[.)]|\(\d{1,3}\)|\([a-z]{1,2}\)|[a-z][.)]|\([ivxlc]{1,6}\)|[ivxlc]{1,6}\)|[IVXLC]{1,6}\.|[A-Z]\."
)
#: A row that only numbers its page: "- 2 -", "– 12 –", "3", "Page 3", "Página 3 de 7", "3/7", "- iv -".
_PAGE_NUMBER = re.compile(
    r"[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—]?|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?i:page|página|pág\.?|p\.|seite)\s*\d{1,4}(?:\s*(?i:of|de|sur|von|/)\s*\d{1,4})?"
)
#: The opening of a footnote at the foot of a page: "1.", "1)", "1".
_NOTE_OPENING = re.compile(r"(\d{1,3})[.)]?")
#: Words after which a list item may open a new paragraph ("…; and" / "(c) …").
_LIST_JOINS = {"and", "or", "y", "o", "u", "e", "et", "ou", "nor", "ni"}
_HYPHENS = "-\u2010"
#: The hyphen automatic hyphenation draws (browsers, WeasyPrint); a hyphen typed in the text is U+002D.
_TYPESET_HYPHEN = "\u2010"
_SOFT_HYPHEN = "\u00ad"
_EDGE = re.compile(r"^\W+|\W+$")


@dataclass
class _Column:
    """Where the text column lies: its left and right edges (from the rows of every page)."""

    left: float
    right: float

    @property
    def width(self) -> float:
        return max(self.right - self.left, 1.0)

    def kind(self, row: Row) -> str:
        """How the row stands: "full" (edge to edge), "centre", "right" (ranged right, far from the left) or "other"."""
        starts, ends = row.x0 <= self.left + 2, row.x1 >= self.right - 2
        if starts and ends:
            return "full"
        if not starts and abs((row.x0 + row.x1) / 2 - (self.left + self.right) / 2) <= max(3.0, 0.01 * self.width):
            return "centre"
        if ends and row.x0 > self.left + 0.25 * self.width:
            return "right"
        return "other"


def paragraphs(pages: list[Page]) -> list[SourceLine]:
    """The document's paragraphs: page 1's header block, then each page's text and its unclaimed notes."""
    header = _take_header(pages[0], _column(pages)) if pages else []
    _drop_running(pages, {line.text for line in header})
    size = _body_size(pages)
    for index, page in enumerate(pages):
        _take_footnotes(page, size, after_notes=index > 0 and bool(pages[index - 1].notes))
    column, pitch, vocabulary = _column(pages), _pitches(pages), _vocabulary(pages)
    out = list(header)
    sized: list[tuple[SourceLine, float]] = []
    last_note: tuple[SourceLine, int | None] | None = None  # where the last note so far went
    for page in pages:
        start = len(out)
        calls = {note.number: note for note in page.notes}
        holders: dict[int, tuple[SourceLine, int | None]] = {}
        for rows in _group(page.rows, column, pitch):
            text, called = _compose(rows, vocabulary, calls)
            line = _line(text, rows[0], [(offset, _note_text(note, vocabulary)) for offset, note in called])
            line.bold = all(token.bold for row in rows for token in row.words)
            out.append(line)
            sized.append((line, min(row.size for row in rows)))
            holders.update((id(note), (line, index)) for index, (_, note) in enumerate(called))
        if page.carried:  # the end of the note the page before left unfinished
            more = _compose(page.carried, vocabulary, None)[0]
            if last_note is None:
                out.append(_line(more, page.carried[0], []))
            elif last_note[1] is None:
                last_note[0].text += " " + more
            else:
                line, index = last_note
                line.notes[index] = (line.notes[index][0], line.notes[index][1] + " " + more)
        for note in page.notes:
            if not note.used:
                out.append(_line(_compose(note.rows, vocabulary, None)[0], note.rows[0], []))
                holders[id(note)] = (out[-1], None)
        if page.notes:
            last_note = holders[id(page.notes[-1])]
        if page.number > 1 and len(out) > start:
            out[start].after_break = True
    levels = sorted({_bucket(s) for _, s in sized if _bucket(s) > size + 0.5}, reverse=True)
    for line, s in sized:
        if _bucket(s) in levels:
            line.heading = levels.index(_bucket(s)) + 1
    return out


def _line(text: str, row: Row, notes: list[tuple[int, str]]) -> SourceLine:
    text = unicodedata.normalize("NFC", text)
    notes = [(min(offset, len(text)), note) for offset, note in notes]
    return SourceLine(row.number, text, counted="line", page=row.page, notes=notes)


def continues(paragraph: list[Row], b: Row, column: _Column, pitch: dict[float, float]) -> bool:
    """Whether row ``b`` goes on the paragraph whose rows so far are ``paragraph``.

    A new paragraph starts at a change of size; at a vertical gap larger than
    the line spacing of that size (a fifth more than the usual one); at a row
    opening with a label ("1.", "(a)", "I.", "A.") after a row that ends a
    clause; at a centred (or right-ranged) row, unless both rows are set so and
    the first could not have held the next one's first word; at an indented
    first line (a row starting further right than the paragraph's lines, save
    the hanging indent of a labelled first line); and after a row that ends
    short: when the next row's first word would have fitted in the room left
    at its end, the line was broken on purpose (an address, a signature).
    """
    a = paragraph[-1]
    size = max(a.size, b.size)
    if abs(a.size - b.size) > 0.5 or b.bottom <= a.bottom:
        return False
    if b.bottom - a.bottom > 1.2 * pitch.get(_bucket(a.size), 1.25 * a.size) + 0.5:
        return False
    first = b.words[0]
    if _LABEL.fullmatch(first.text) and _ends_clause(a):
        return False
    need = first.x1 - first.x0 + 0.5 * size  # the word and a generous space
    kinds = column.kind(a), column.kind(b)
    if {"centre", "right"} & set(kinds):
        aligned = kinds[0] == kinds[1] or (
            "full" in kinds and any(column.kind(row) in ("centre", "right") for row in paragraph)
        )
        return aligned and column.width - (a.x1 - a.x0) < need
    tolerance = 0.5 * size
    if len(paragraph) >= 2:
        if abs(b.x0 - paragraph[1].x0) > tolerance:
            return False
    elif b.x0 > a.x0 + tolerance:
        words = a.words
        hanging = words[1].x0 if len(words) > 1 and _LABEL.fullmatch(words[0].text) else None
        if hanging is None or abs(b.x0 - hanging) > 1.5:
            return False
    right = column.right
    if any(abs(row.x1 - a.x1) <= 1 for row in [*paragraph[:-1], b]):
        right = a.x1  # lines justified to a narrower measure (an indented quotation)
    return right - a.x1 <= need


def _ends_clause(row: Row) -> bool:
    last = row.words[-1].text.rstrip("\"'”’»)]")
    return last[-1:] in (".", ";", ":", ",", "!", "?") or _bare(last) in _LIST_JOINS


def _group(rows: list[Row], column: _Column, pitch: dict[float, float]) -> list[list[Row]]:
    groups: list[list[Row]] = []
    for row in rows:
        if groups and continues(groups[-1], row, column, pitch):
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _compose(rows: list[Row], vocabulary: set[str], calls: dict[str, Note] | None) -> tuple[str, list]:
    """The rows' words as one text, and the notes whose calls it held: ``[(offset, note)]``.

    A call with no note in ``calls`` stays in the text, glued to the word before it.
    Where a row ends: a soft hyphen goes; a hyphen after a letter goes when the
    joined word occurs elsewhere in the document (``vocabulary``) and stays, with
    no space, when not ("Inter-" + "American"); a slash stays with no space
    ("AG/" + "RES."); anything else takes a space.
    """
    parts: list[str] = []
    length = 0
    called: list[tuple[int, Note]] = []
    for row in rows:
        for position, token in enumerate(row.tokens):
            note = calls.get(token.text) if token.call and calls else None
            if note is not None and not note.used:
                note.used = True
                called.append((length, note))
                continue
            if not parts:
                piece = token.text
            elif position:
                piece = token.text if token.call else " " + token.text
            else:
                last = parts[-1]
                kept, space = _line_end(last, token.text, vocabulary)
                parts[-1], length = kept, length + len(kept) - len(last)
                piece = space + token.text
            parts.append(piece)
            length += len(piece)
    return "".join(parts), called


def _line_end(last: str, first: str, vocabulary: set[str]) -> tuple[str, str]:
    """How the word ending a row meets the word opening the next: (the first word as kept, the space between)."""
    if last.endswith(_SOFT_HYPHEN):
        return last[:-1], ""
    if len(last) > 1 and last[-1] in _HYPHENS and last[-2].isalnum():
        if last[-2].isalpha() and first[:1].isalpha() and _bare(last[:-1] + first) in vocabulary:
            return last[:-1], ""
        if last[-1] == _TYPESET_HYPHEN and last[-2].isalpha() and first[:1].islower():
            return last[:-1], ""  # the typesetter broke the word (a person types "-"): "necesa‐" + "rias"
        return last, ""
    if len(last) > 1 and last.endswith("/"):
        return last, ""
    return last, " "


def _note_text(note: Note, vocabulary: set[str]) -> str:
    """A note's text without the number it opens with."""
    first = note.rows[0]
    rest = Row(first.page, first.number, first.tokens[1:], first.top, first.bottom, first.size, first.pieces)
    rows = [rest, *note.rows[1:]] if rest.tokens else note.rows[1:]
    return unicodedata.normalize("NFC", _compose(rows, vocabulary, None)[0])


def _vocabulary(pages: list[Page]) -> set[str]:
    """Every word of the document, bare and case-folded, except the halves of words broken at a row's end."""
    words: set[str] = set()
    for page in pages:
        broken = False
        for row in [*page.carried, *page.rows, *(row for note in page.notes for row in note.rows)]:
            tokens = row.words
            for index, token in enumerate(tokens):
                if (index == 0 and broken) or (index == len(tokens) - 1 and _broken(token.text)):
                    continue
                words.add(_bare(token.text))
            broken = _broken(tokens[-1].text)
    return words


def _broken(word: str) -> bool:
    return word.endswith(_SOFT_HYPHEN) or (len(word) > 1 and word[-1] in _HYPHENS and word[-2].isalpha())


def _bare(word: str) -> str:
    return _EDGE.sub("", word).casefold()


def _bucket(size: float) -> float:
    return round(size * 2) / 2


def _column(pages: list[Page]) -> _Column:
    """The text column: the leftmost start shared by a tenth of the rows, the right edge most long rows reach."""
    rows = [row for page in pages for row in page.rows]
    if not rows:
        return _Column(0.0, pages[0].width if pages else 1.0)
    starts = Counter(round(row.x0) for row in rows)
    shared = [x for x, count in starts.items() if count >= 0.1 * len(rows)]
    left = float(min(shared) if shared else starts.most_common(1)[0][0])
    widest = max(row.x1 for row in rows)
    ends = sorted(row.x1 for row in rows if row.x1 > left + 0.5 * (widest - left))
    return _Column(left, ends[int(0.9 * (len(ends) - 1))] if ends else widest)


def _pitches(pages: list[Page]) -> dict[float, float]:
    """The usual distance from one row to the next, per size: the lower quartile of what the pages show."""
    seen: defaultdict[float, list[float]] = defaultdict(list)
    for page in pages:
        for a, b in zip(page.rows, page.rows[1:]):
            distance = b.bottom - a.bottom
            if abs(a.size - b.size) <= 0.5 and 0 < distance < 3 * a.size:
                seen[_bucket(a.size)].append(distance)
    return {size: sorted(values)[len(values) // 4] for size, values in seen.items()}


def _body_size(pages: list[Page]) -> float:
    """The size most of the document's letters are set in."""
    weights: Counter[float] = Counter()
    for page in pages:
        for row in page.rows:
            weights[_bucket(row.size)] += sum(len(token.text) for token in row.tokens)
    return weights.most_common(1)[0][0] if weights else 0.0


def _take_header(page: Page, column: _Column) -> list[SourceLine]:
    """Take page 1's two-column header block off its rows: its left lines, then its right lines."""
    rows = page.rows
    low, high = column.left + 0.2 * column.width, column.left + 0.95 * column.width
    need = max(12.0, 0.04 * column.width)
    taken = 0
    while taken < len(rows) and column.kind(rows[taken]) != "centre":
        gap = _widest_gap(rows[: taken + 1], low, high)
        if gap is None or gap[1] - gap[0] < need:
            break
        taken += 1
    gap = _widest_gap(rows[:taken], low, high) if taken else None
    right = [i for i in range(taken) if gap and any(token.x0 >= gap[1] - 0.5 for token in rows[i].tokens)]
    if not _aligned_block([rows[i] for i in right], gap[1] - 0.5 if gap else 0.0):
        return []
    end = right[-1] + 1
    while end < taken and rows[end].top - rows[end - 1].bottom <= 0.5 * rows[end].size:
        end += 1  # the organisation's block may run below the symbol block
    gap = _widest_gap(rows[:end], low, high) or gap
    split = (gap[0] + gap[1]) / 2
    pieces = [piece for row in rows[:end] for piece in row.pieces]
    page.rows = rows[end:]
    out = []
    for side in ([p for p in pieces if p.x0 < split], [p for p in pieces if p.x0 >= split]):
        for cluster in cluster_rows(side):
            row = make_row(cluster, page.number, min(piece.row for piece in cluster))
            line = _line(row.text, row, [])
            line.where, line.bold = "page-header", all(token.bold for token in row.tokens)
            out.append(line)
    return out


def _aligned_block(rows: list[Row], split: float) -> bool:
    """Whether the parts of ``rows`` right of ``split`` form a block: two lines or more, ranged left or right.

    A justified line with a few long words can show a gap as wide as a gutter;
    it does not repeat, aligned, on the next line as a symbol block does.
    """
    parts = [[token for token in row.tokens if token.x0 >= split] for row in rows]
    starts, ends = [part[0].x0 for part in parts], [part[-1].x1 for part in parts]
    if len(parts) < 2:
        return False
    return sum(x - min(starts) <= 1.5 for x in starts) >= 2 or sum(max(ends) - x <= 1.5 for x in ends) >= 2


def _widest_gap(rows: list[Row], low: float, high: float) -> tuple[float, float] | None:
    """The widest stretch between ``low`` and ``high`` that no word of ``rows`` covers, with words right of it."""
    spans = sorted((token.x0, token.x1) for row in rows for token in row.tokens)
    best, at = None, low
    for x0, x1 in spans:
        if x0 > at and (best is None or min(x0, high) - at > best[1] - best[0]):
            best = (at, min(x0, high))
        at = max(at, x1)
        if at >= high:
            break
    return best


def _drop_running(pages: list[Page], header_texts: set[str]) -> None:
    """Drop running headers and footers, page numbers, and the symbol repeated atop later pages."""
    margins = {page.number: _margin_rows(page) for page in pages}
    drop = set()
    shapes: defaultdict[str, list[tuple[int, Row]]] = defaultdict(list)
    for page in pages:
        for row, at_top in margins[page.number]:
            if _PAGE_NUMBER.fullmatch(row.text) or (at_top and page.number > 1 and row.text in header_texts):
                drop.add(id(row))
            shapes[re.sub(r"\d+", "#", row.text).casefold()].append((page.number, row))
    needed = max(2.0, (len(pages) - 1) / 2)
    for seen in shapes.values():
        tops = sorted(row.top for _, row in seen)
        middle = tops[len(tops) // 2]
        same = [(number, row) for number, row in seen if abs(row.top - middle) <= 4]
        if len({number for number, _ in same}) >= needed:
            drop.update(id(row) for _, row in same)
    for page in pages:
        page.rows = [row for row in page.rows if id(row) not in drop]


def _margin_rows(page: Page) -> list[tuple[Row, bool]]:
    """The first and last three rows of a page, where they lie in its top or bottom seventh: (row, at the top)."""
    top = [(row, True) for row in page.rows[:3] if row.top < 0.15 * page.height]
    bottom = [(row, False) for row in page.rows[-3:] if row.bottom > 0.85 * page.height]
    return top + [(row, False) for row, _ in bottom if all(row is not other for other, _ in top)]


def _take_footnotes(page: Page, size: float, after_notes: bool) -> None:
    """Take the footnotes off the page's foot: the rows below its text set smaller, opening with a number."""
    start = len(page.rows)
    while start > 0 and page.rows[start - 1].size < size - 0.5:
        start -= 1
    notes: list[Note] = []
    carried: list[Row] = []
    for row in page.rows[start:]:
        opening = row.words[0].text if not row.tokens[0].call else row.tokens[0].text
        match = _NOTE_OPENING.fullmatch(opening)
        follows = not notes or (
            match and int(match.group(1)) == int(notes[-1].number) + 1 and abs(row.x0 - notes[-1].rows[0].x0) <= 2
        )
        if match and follows:
            notes.append(Note(match.group(1), [row]))
        elif notes:
            notes[-1].rows.append(row)
        else:
            carried.append(row)
    if notes or (after_notes and carried):
        page.rows, page.notes, page.carried = page.rows[:start], notes, carried


__all__ = ["continues", "paragraphs"]
