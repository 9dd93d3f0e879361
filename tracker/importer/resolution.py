"""Draft resolutions: title, formula, preamble groups, operative paragraphs, appendices.

The shape OAS resolutions share (``seeds/002_…``), in capitals or in mixed case
as printed texts have it::

    [title lines]                              (a header block was taken off before)
    (Adopted at the fourth plenary session …)  adoption line: header, not title
    (Presented by the Delegation of …)         presented-by line: header, not title
    THE GENERAL ASSEMBLY,  /  La Asamblea General,        enacting formula
    HAVING SEEN the report …;  /  Reaffirming …;         preambular paragraph
    TAKING INTO ACCOUNT:  /  Teniendo en cuenta:          a group opener
    Its resolutions …;                         paragraphs of the group
    RESOLVES:  /  Resuelve:                    resolving formula (followed by "1.")
    1.  To condemn …                           operative paragraph (any number; text on the line or the next)
    a. To renew …  /  (a) …  /  (i) …          sub-paragraphs, and theirs
    83rd plenary meeting  /  17 December 1999  where and when it was adopted (closing, no unit)
    APPENDIX  /  Anexo                         attachment: heading lines, then items I., II., …

A line that goes on with the sentence before it (a wrapped line) is joined to
it; one that cannot be placed becomes text outside any unit, which the import
summary counts (and refuses above 5 % of the words).
"""

from __future__ import annotations

import re

from tracker.akn.outline import Attachment, Block, HeaderLine, Outline
from tracker.errors import ImportTextError
from tracker.i18n import _, count_words, ngettext, ui_language
from tracker.importer.footnotes import Markers, real_notes, split_note_bodies
from tracker.importer.header import under_title_kind
from tracker.importer.joins import Join, continues
from tracker.importer.lines import SourceLine
from tracker.importer.numbering import DECIMAL, LOWER, LOWER_ROMAN, UPPER_ROMAN, Label, pick, read_label
from tracker.importer.patterns import is_capitals, iso_date, opens_with_capital_word

ATTACHMENT = re.compile(r"^(APPENDIX|ANNEX|AP[EÉ]NDICE|ANEXO|ANNEXE|APPENDICE)(?:\s+([IVX\d]+))?$", re.IGNORECASE)
APPENDIX_WORDS = ("appendix", "apéndice", "apendice", "appendice")
#: Articles that open a formula written in mixed case: "The General Assembly,", "La Asamblea General,".
_ARTICLES = frozenset({"the", "la", "el", "le", "a", "o", "los", "las", "les", "os", "as"})
#: How preambular paragraphs open in the OAS's languages (DOMAIN.md), besides a word in capitals.
_OPENERS = re.compile(
    r"^(?:having|taking|bearing|recalling|reaffirming|emphasi[sz]ing|considering|expressing|noting|concerned|"
    r"convinced|aware|mindful|recogni[sz]ing|welcoming|stressing|underscoring|acknowledging|guided|deeply|"
    r"visto|vistos|teniendo|recordando|reafirmando|destacando|considerando|expresando|tomando|preocupad[ao]s?|"
    r"observando|convencid[ao]s?|consciente|reconociendo|acogiendo|subrayando|guiad[ao]|profundamente|"
    r"ayant|tenant|rappelant|réaffirmant|soulignant|considérant|exprimant|prenant|préoccupée?|notant|"
    r"tendo|recordando|reafirmando|destacando|considerando|expressando|tomando|preocupad[ao]|observando)\b",
    re.IGNORECASE,
)


def is_enacting_formula(text: str) -> bool:
    """``THE GENERAL ASSEMBLY,`` or, as printed texts have it, ``La Asamblea General,``."""
    if not text.endswith(","):
        return False
    if is_capitals(text):
        return True
    words = text[:-1].split()
    if not 2 <= len(words) <= 8:
        return False
    first = words[0].lower()
    if first.startswith(("l'", "l’")):  # L'Assemblée générale,
        return words[0][2:3].isupper()
    return first in _ARTICLES and words[1][:1].isupper()


#: The meeting a UN resolution was adopted at, under its last paragraph: "83rd plenary meeting".
MEETING = re.compile(
    r"^\d{1,3}(?:st|nd|rd|th)\s+plenary\s+meeting$|^\d{1,3}[.ªa]?\s+sesi[oó]n\s+plenaria$"
    r"|^\d{1,3}(?:e|re)\s+s[ée]ance\s+pl[ée]ni[èe]re$",
    re.IGNORECASE,
)
#: A resolution's title takes a few lines (a long one, wrapped by a text export, a few more).
MAX_TITLE_LINES = 8


def opens_recital(text: str) -> bool:
    """A preambular paragraph's opening: a word in capitals, or one of the participles it opens with."""
    return opens_with_capital_word(text) or bool(_OPENERS.match(text))


def _is_short_heading(text: str, words: int) -> bool:
    return is_capitals(text) or len(text.split()) <= words


def parse(lines: list[SourceLine], joins: list[Join]) -> Outline:
    """Parse a draft resolution; raises :class:`ImportTextError` naming the line."""
    outline = Outline("resolution")
    lines, bodies = split_note_bodies(lines)
    markers = Markers()
    formula_at = next((i for i, line in enumerate(lines) if is_enacting_formula(line.text)), None)
    if formula_at is None:
        raise ImportTextError(_no_formula(lines))
    head = [line for line in lines[:formula_at] if under_title_kind(line.text) is None]
    if len(head) > MAX_TITLE_LINES or any(ATTACHMENT.match(line.text) or _label(line) for line in head):
        # A report with a draft resolution in its annex, not a resolution with a long title.
        raise ImportTextError(
            ngettext(
                "{place}: {n} paragraph stands before the enacting formula ({formula}); a resolution opens with its "
                "title; is this a report? pass --type report",
                "{place}: {n} paragraphs stand before the enacting formula ({formula}); a resolution opens with its "
                "title; is this a report? pass --type report",
                len(head),
            ).format(place=head[0].place, n=count_words(len(head), ui_language()), formula=lines[formula_at].place)
        )
    _title(lines[:formula_at], outline, markers)
    formula = lines[formula_at]
    outline.preamble.append(Block("formula", formula.text, name="enactingFormula", line=formula.number))
    rest = lines[formula_at + 1 :]
    body_at = _preamble(rest, outline, markers, joins)
    _Body(outline, markers, joins).parse(rest[body_at:])
    markers.attach(bodies, lines[-1])
    return outline


def _no_formula(lines: list[SourceLine]) -> str:
    """Name the line where the formula should have come: just before the first preambular paragraph."""
    at = next((line for line in lines if opens_recital(line.text) or _label(line)), lines[0])
    return _(
        "{place}: expected the enacting formula before this line (a line ending with a comma, such as "
        "'THE GENERAL ASSEMBLY,' or 'La Asamblea General,'); is this a resolution? pass --type"
    ).format(place=at.place)


def _title(head: list[SourceLine], outline: Outline, markers: Markers) -> None:
    """The lines before the formula: the title, and the adoption or presented-by line (header, not title)."""
    title = [line for line in head if under_title_kind(line.text) is None]
    for line in head:
        if kind := under_title_kind(line.text):
            outline.header.append(HeaderLine(kind, line.text))
    if title:
        block = Block("docTitle", "", line=title[0].number)
        for line in title:
            append(block, line, markers)
        outline.title = block


def append(block: Block, line: SourceLine, markers: Markers, text: str | None = None) -> None:
    """Add ``line``'s words (or ``text``, what is left of them) to ``block``, its markers and notes with them."""
    if block.text:
        block.text += " "
    before = len(block.text)
    # Word's notes count from the start of the line; what was cut off its start (a typed number) moves them.
    removed = len(line.text) - len(text) if text is not None and line.text.endswith(text) else 0
    block.text += markers.take(line.text if text is None else text, block, line)
    real_notes(line, block, before - removed)


def _label(line: SourceLine) -> Label | None:
    """The number a line opens with: Word's automatic one, or one typed at the start of the text."""
    if line.label:
        return pick(read_label(f"{line.label} x"), {DECIMAL: 1})
    readings = read_label(line.text)
    return readings[0] if readings else None


def _preamble(lines: list[SourceLine], outline: Outline, markers: Markers, joins: list[Join]) -> int:
    """Fill the preamble; return the index of the first operative line."""
    group: Block | None = None
    last: Block | None = None
    previous: SourceLine | None = None
    for i, line in enumerate(lines):
        text = line.text
        following = lines[i + 1] if i + 1 < len(lines) else None
        numbered_next = following is not None and _numbered(following)
        opener = text.endswith(":") and _is_short_heading(text, 8)
        if opener and numbered_next and _is_short_heading(text, 4):
            outline.preamble.append(Block("formula", text, name="resolvingFormula", line=line.number))
            return i + 1
        if _numbered(line):
            return i
        if last is not None and (rest := markers.leading(text, last, line)) is not None:
            if rest:
                append(last, line, markers, rest)
            continue
        if last is not None and continues(last.text, text):
            joins.append(Join(previous.place, line.place, False))
            append(last, line, markers)
            previous = line
            continue
        previous = line
        if opener:
            group = Block("recitals", "", line=line.number)
            append(group, line, markers)
            outline.preamble.append(group)
            last = group
            continue
        block = Block("recital", "", line=line.number)
        append(block, line, markers)
        if group is not None and not opens_recital(text):
            group.children.append(block)
        else:
            group = None
            outline.preamble.append(block)
        last = block
    raise ImportTextError(
        _("no operative paragraphs: expected a resolving formula such as 'RESOLVES:' followed by a line '1.'")
    )


def _numbered(line: SourceLine) -> bool:
    label = _label(line)
    return label is not None and label.style == DECIMAL and not label.parenthesised


class _Body:
    """The operative part and the attachments: numbers nested as the text numbers them."""

    def __init__(self, outline: Outline, markers: Markers, joins: list[Join]) -> None:
        self.outline = outline
        self.markers = markers
        self.joins = joins
        self.paragraph: Block | None = None
        self.sub: Block | None = None
        self.last: Block | None = None
        self.pending: Block | None = None  # a number whose text is on the next line
        self.previous: SourceLine | None = None  # the source line the last unit's words came from
        self.attachment: Attachment | None = None
        self.expected: dict[str, int] = {}

    def parse(self, lines: list[SourceLine]) -> None:
        for line in lines:
            self.line(line)
        if self.pending is not None:
            raise ImportTextError(
                _("line {line}: '{number}' has no text").format(line=self.pending.line, number=self.pending.num)
            )

    def line(self, line: SourceLine) -> None:
        self.place(line)
        self.previous = line

    def place(self, line: SourceLine) -> None:
        text = line.text
        if self.pending is not None:
            if _label(line) is None and not ATTACHMENT.match(text):
                append(self.pending, line, self.markers)
                self.last, self.pending = self.pending, None
                return
            raise ImportTextError(
                _("{place}: '{number}' has no text before this line").format(place=line.place, number=self.pending.num)
            )
        if match := ATTACHMENT.match(text):
            name = "appendix" if match.group(1).lower() in APPENDIX_WORDS else "annex"
            self.attachment = Attachment(name, preface=[Block("p", text, name="heading", line=line.number)])
            self.outline.attachments.append(self.attachment)
            self.paragraph = self.sub = self.last = None
            self.expected = {}
            return
        if self.last is not None and (rest := self.markers.leading(text, self.last, line)) is not None:
            if rest:
                append(self.last, line, self.markers, rest)
            return
        label = self._reading(line)
        if label is None:
            self.plain(line)
            return
        rest = label.rest if not line.label else text
        if self.attachment is not None:
            item = Block("paragraph", "", num=label.text, line=line.number)
            self.attachment.body.append(item)
            self.numbered(item, rest, line)
            return
        if label.style == DECIMAL:
            self.paragraph = Block("paragraph", "", num=label.text, line=line.number)
            self.sub = None
            self.outline.body.append(self.paragraph)
            self.expected = {DECIMAL: label.value + 1, LOWER: 1, LOWER_ROMAN: 1}
            self.numbered(self.paragraph, rest, line)
        elif self.paragraph is not None and label.style in (LOWER, LOWER_ROMAN):
            roman_under_letter = (
                label.style == LOWER_ROMAN and self.sub is not None and self.sub.num and label.value == 1
            )
            parent = (
                self.sub
                if (roman_under_letter or (label.style == LOWER_ROMAN and self._in_roman()))
                else self.paragraph
            )
            if parent is self.paragraph:
                self.sub = None
            block = Block("subparagraph", "", num=label.text, line=line.number)
            parent.children.append(block)
            if parent is self.paragraph:
                self.sub = block
            self.expected[label.style] = label.value + 1
            if label.style == LOWER_ROMAN and parent is not self.paragraph:
                self.expected.setdefault(LOWER, 1)
            self.numbered(block, rest, line)
        else:
            self.plain(line)

    def _in_roman(self) -> bool:
        return self.sub is not None and bool(self.sub.children)

    def _reading(self, line: SourceLine) -> Label | None:
        if line.label:
            return pick(read_label(f"{line.label} x"), self.expected)
        readings = read_label(line.text)
        if self.attachment is not None:
            return next((r for r in readings if r.style in (UPPER_ROMAN, DECIMAL)), None)
        return pick(readings, self.expected) if readings else None

    def _closes(self, text: str) -> bool:
        """The meeting that adopted the resolution, or (right after it) the date of that meeting."""
        if MEETING.match(text):
            return True
        after_meeting = bool(self.outline.conclusions) and self.outline.conclusions[-1].name == "meeting"
        return after_meeting and iso_date(text) is not None and len(text.split()) <= 6

    def numbered(self, block: Block, rest: str, line: SourceLine) -> None:
        if rest:
            append(block, line, self.markers, rest)
            self.last = block
        else:
            self.pending = block

    def plain(self, line: SourceLine) -> None:
        """A line without a number: the rest of the sentence before it, a heading of an attachment, or unplaced."""
        text = line.text
        if self.last is not None and self.previous is not None and continues(self.last.text, text):
            self.joins.append(Join(self.previous.place, line.place, False))
            append(self.last, line, self.markers)
            return
        if self.attachment is not None and not self.attachment.body:
            self.attachment.preface.append(Block("p", text, name="heading", line=line.number))
            return
        if self.attachment is None and self._closes(text):
            # "83rd plenary meeting" / "17 December 1999": where and when it was adopted, no unit.
            name = "meeting" if MEETING.match(text) else "date"
            self.outline.conclusions.append(Block("p", text, name=name, line=line.number, amendable=False))
            self.last = None
            return
        # Words that belong to no unit: kept, never amendable, and counted by the summary.
        target = self.attachment.body if self.attachment is not None else self.outline.body
        target.append(Block("p", text, name="unplaced", line=line.number, amendable=False))
        self.last = None
