"""Reports and programs: headed sections, sub-sections, numbered paragraphs and theirs, footnotes.

The shapes of OAS and UN reports (``seeds/001_…``)::

    Report of the Secretary-General  /  Addendum                  title and subtitle: headings before any section
    I. INTRODUCTION  /  I. Introduction  /  # I. Introduction     section (Roman numeral, or a heading)
    A. WORK PLAN …  /  ## A. Work plan                             sub-section (capital letter, or a heading)
    The Working Group …                                            a paragraph (unnumbered)
    1. The Secretary-General …                                     a numbered paragraph (any number)
    (a) To strengthen …  /  (i) …                                  its sub-paragraphs, and theirs
    / prepared by …                                                a footnote marker glued to the text before
    Eduardo Acevedo Díaz  /  Chair of the Working Group          signature: short last lines (before any annex)
    ANNEX  /  ANEXO I                                              an attachment: its headings, then its paragraphs
    �.	See document …                                             note bodies at the end, in marker order

A report sent under cover of a note verbale (``The Permanent Mission of …
presents its compliments …``) keeps the note: its paragraphs are the first
units, its place and date and addressee stand between them and the report.
"""

from __future__ import annotations

from tracker.akn.outline import Attachment, Block, HeaderLine, Outline
from tracker.importer.footnotes import Markers, split_note_bodies
from tracker.importer.header import under_title_kind
from tracker.importer.joins import Join, continues
from tracker.importer.lines import SourceLine
from tracker.importer.note import closing_blocks, note_part, take_lead
from tracker.importer.numbering import DECIMAL, LOWER, LOWER_ROMAN, UPPER, UPPER_ROMAN, Label, pick, read_label
from tracker.importer.patterns import is_capitals
from tracker.importer.resolution import APPENDIX_WORDS, ATTACHMENT, append, is_enacting_formula

#: A heading is short: a section's or sub-section's text of at most this many words, without a final period.
HEADING_WORDS = 16
#: A title or subtitle above the first section is at most this long.
LEAD_WORDS = 30
#: The highest Roman numeral a report (an extract of one) may open at.
MAX_FIRST_SECTION = 40


def _opens_paragraph(line: SourceLine | None) -> bool:
    """Whether ``line`` opens a numbered paragraph (``1. …``)."""
    if line is None:
        return False
    readings = read_label(f"{line.label} x") if line.label else read_label(line.text)
    return any(r.style == DECIMAL and not r.parenthesised for r in readings)


def parse(lines: list[SourceLine], joins: list[Join]) -> Outline:
    """Parse a report or program; raises :class:`ImportTextError` naming the line."""
    outline = Outline("report")
    lines, bodies = split_note_bodies(lines)
    markers = Markers()
    covering = note_part(lines)
    if covering is not None:
        take_lead(covering.lead, outline, markers)
        lines = covering.rest
        for line in covering.paragraphs:
            block = Block("paragraph", "", line=line.number)
            append(block, line, markers)
            outline.body.append(block)
        outline.body += closing_blocks(covering.closing)
    _Report(outline, markers, joins).parse(lines)
    markers.attach(bodies, lines[-1] if lines else bodies[-1] if bodies else SourceLine(1, ""))
    return outline


def is_heading_text(text: str) -> bool:
    """A section's or sub-section's words: in capitals, or short and without a final period."""
    return bool(text) and (is_capitals(text) or (len(text.split()) <= HEADING_WORDS and text[-1] not in ".;:,"))


class _Report:
    def __init__(self, outline: Outline, markers: Markers, joins: list[Join]) -> None:
        self.outline = outline
        self.markers = markers
        self.joins = joins
        self.section: Block | None = None
        self.container: Block | None = None  # where paragraphs go: a section, a sub-section, or the body
        self.paragraph: Block | None = None  # the numbered paragraph sub-paragraphs go under
        self.sub: Block | None = None
        self.last: Block | None = None
        self.previous: SourceLine | None = None
        self.expected: dict[str, int] = {UPPER_ROMAN: 1}
        self.attachment: Attachment | None = None
        self.following: SourceLine | None = None  # the line after the one being placed
        self.lead: Block | None = None  # the title or subtitle being read (a wrapped one goes on)
        self.listing: Block | None = None  # an unnumbered paragraph whose "1.", "2." … hang under it
        self.numbered_paragraphs = False  # whether the report numbers its own paragraphs
        self.covered = len(outline.body)  # the blocks of a covering note, read before the report's own

    def parse(self, lines: list[SourceLine]) -> None:
        signature = _signature_lines(lines)
        for i, line in enumerate(lines):
            if i in signature and self.last is not None:
                self.outline.conclusions.append(
                    Block("p", line.text, name="signature", line=line.number, amendable=False)
                )
                continue
            if match := ATTACHMENT.match(line.text):
                self._attachment(match, line)
                continue
            self.following = lines[i + 1] if i + 1 < len(lines) else None
            self.place(line)
            self.previous = line

    def _attachment(self, match, line: SourceLine) -> None:
        """``ANNEX`` / ``APPENDIX``: what follows is the attachment's (its headings, then its paragraphs)."""
        name = "appendix" if match.group(1).lower() in APPENDIX_WORDS else "annex"
        self.attachment = Attachment(name, preface=[Block("p", line.text, name="heading", line=line.number)])
        self.outline.attachments.append(self.attachment)
        self.section = self.container = self.paragraph = self.sub = self.last = None
        self.expected = {UPPER_ROMAN: 1}

    def _heads_attachment(self, text: str) -> bool:
        """A heading line of the attachment: above its first paragraph, and no formula (a draft resolution's
        ``THE GENERAL ASSEMBLY,`` opens its paragraphs)."""
        if self.attachment is None or self.attachment.body:
            return False
        return is_heading_text(text) and not is_enacting_formula(text)

    def _top(self) -> list[Block]:
        """Where sections and loose paragraphs go: the attachment's body, else the document's."""
        return self.attachment.body if self.attachment is not None else self.outline.body

    def _sections(self) -> int:
        """How many numbered sections there are so far (where sections go)."""
        return sum(block.kind == "section" and block.num is not None for block in self._top())

    def place(self, line: SourceLine) -> None:
        text = line.text
        if self.last is not None and (rest := self.markers.leading(text, self.last, line)) is not None:
            if rest:
                append(self.last, line, self.markers, rest)
            return
        label = self._reading(line)
        rest = text if (line.label or label is None) else label.rest
        if label is None and self._heads_attachment(text):
            self.attachment.preface.append(Block("p", text, name="heading", line=line.number))
            return
        if label is None and self.outline.title is not None and not self.outline.body and under_title_kind(text):
            self.outline.header.append(HeaderLine(under_title_kind(text), text))
            return
        if label is None and self.lead is not None and self.last is self.lead:
            # A title in capitals set on two lines is one title; a wrapped sentence is a join the summary lists.
            wrapped = not line.gap and is_capitals(self.lead.text) and is_capitals(text)
            if wrapped or continues(self.lead.text, text):
                if not wrapped:
                    self.joins.append(Join(self.previous.place, line.place, False))
                append(self.lead, line, self.markers)
                return
        if label is None and self._leads(line):
            # The lines above the first section: the title, then what stands under it ("Addendum").
            if self.outline.title is None:
                self.lead = self.outline.title = Block("docTitle", "", line=line.number)
            else:
                self.lead = Block("p", "", name="subtitle", line=line.number)
                self.outline.body.append(self.lead)
            append(self.lead, line, self.markers)
            self.last = self.lead
            return
        if self._lists(label):
            self._list_item(label, line, rest)
            return
        if self._is_section(line, label, rest):
            self.section = Block("section", "", num=label.text if label else None, line=line.number)
            append(self.section, line, self.markers, rest)
            self._top().append(self.section)
            self.container, self.paragraph, self.sub, self.last, self.listing = self.section, None, None, None, None
            if label is not None:
                self.expected = {UPPER_ROMAN: label.value + 1, UPPER: 1, DECIMAL: self.expected.get(DECIMAL, 1)}
            return
        if self._is_subsection(line, label, rest):
            sub = Block("subsection", "", num=label.text if label else None, line=line.number)
            append(sub, line, self.markers, rest)
            self.section.children.append(sub)
            self.container, self.paragraph, self.sub, self.last, self.listing = sub, None, None, None, None
            if label is not None:
                self.expected[UPPER] = label.value + 1
            return
        if label is not None and label.style == DECIMAL and not label.parenthesised:
            self.paragraph = Block("paragraph", "", num=label.text, line=line.number)
            self._add(self.paragraph)
            self.sub = None
            self.numbered_paragraphs = True
            self.expected.update({DECIMAL: label.value + 1, LOWER: 1, LOWER_ROMAN: 1})
            self._words(self.paragraph, line, rest)
            return
        if label is not None and self.paragraph is not None and label.style in (LOWER, LOWER_ROMAN, DECIMAL):
            nested = (
                label.style == LOWER_ROMAN and self.sub is not None and label.value == self.expected.get("in-sub", 1)
            )
            parent = self.sub if nested else self.paragraph
            block = Block("subparagraph", "", num=label.text, line=line.number)
            parent.children.append(block)
            if nested:
                self.expected["in-sub"] = label.value + 1
            else:
                self.sub = block
                self.expected["in-sub"] = 1
                self.expected[label.style] = label.value + 1
            self._words(block, line, rest)
            return
        if self.last is not None and self.previous is not None and continues(self.last.text, text):
            self.joins.append(Join(self.previous.place, line.place, False))
            append(self.last, line, self.markers)
            return
        block = Block("paragraph", "", line=line.number)
        self._add(block)
        self.paragraph = self.sub = self.listing = None
        self._words(block, line, text)

    def _lists(self, label: Label | None) -> bool:
        """Whether ``label`` numbers an item of a list a paragraph opened (``… recommends that the Committee:``).

        Only in a report whose own paragraphs carry no number: there ``1.`` after a paragraph
        ending with a colon completes it, as a resolution's ``a.`` completes its paragraph.
        """
        if label is None or label.style != DECIMAL or label.parenthesised or self.numbered_paragraphs:
            return False
        if self.listing is not None:
            return label.value == self.expected.get("listing")
        last = self.last
        return (
            label.value == 1 and last is not None and last.kind == "paragraph" and not last.num
            and last.text.endswith(":") and not last.children
        )  # fmt: skip

    def _list_item(self, label: Label, line: SourceLine, rest: str) -> None:
        if self.listing is None:
            self.listing = self.last
        item = Block("subparagraph", "", num=label.text, line=line.number)
        self.listing.children.append(item)
        self.paragraph = self.sub = item  # its own (a), (b) hang under it
        self.expected["listing"] = label.value + 1
        self.expected.update({LOWER: 1, LOWER_ROMAN: 1})
        self._words(item, line, rest)

    def _leads(self, line: SourceLine) -> bool:
        """Whether ``line`` is a title or subtitle: a short line above all sections and paragraphs.

        Not when a numbered paragraph follows it: then it heads a section (``Introduction``).
        """
        if self.attachment is not None or any(block.name != "subtitle" for block in self.outline.body[self.covered :]):
            return False
        if _opens_paragraph(self.following):
            return False
        text = line.text
        if line.heading or (line.bold and is_heading_text(text)):
            return True
        return len(text.split()) <= LEAD_WORDS and text[-1:] not in ".;:" and not read_label(text)

    def _reading(self, line: SourceLine) -> Label | None:
        readings = read_label(f"{line.label} x") if line.label else read_label(line.text)
        return pick(readings, self.expected)

    def _is_section(self, line: SourceLine, label: Label | None, rest: str) -> bool:
        if line.heading == 1 and (label is None or label.style in (UPPER_ROMAN, DECIMAL)):
            return True
        if label is None:
            # "Introduction" over paragraphs "1.", "2.": a section the text does not number.
            return (
                self.attachment is None and (self.section is None or self.section.num is None)
                and is_heading_text(rest) and _opens_paragraph(self.following)
            )  # fmt: skip
        if label.style != UPPER_ROMAN or not is_heading_text(rest):
            return False
        numbered = self._sections()
        if label.value == numbered + 1:
            return True
        # An extract may open at chapter XIV: its first heading, in capitals, starts the count there.
        return numbered == 0 and label.value <= MAX_FIRST_SECTION and (is_capitals(rest) or bool(line.heading))

    def _is_subsection(self, line: SourceLine, label: Label | None, rest: str) -> bool:
        if self.section is None:
            return False
        if line.heading == 2 and (label is None or label.style == UPPER):
            return True
        return (
            label is not None
            and label.style == UPPER
            and label.value == self.expected.get(UPPER, 1)
            and is_heading_text(rest)
        )

    def _add(self, block: Block) -> None:
        (self.container.children if self.container is not None else self._top()).append(block)

    def _words(self, block: Block, line: SourceLine, text: str) -> None:
        append(block, line, self.markers, text)
        self.last = block


#: A signature is a name and a title or two: at most this many short lines.
SIGNATURE_LINES = 3


def _signature_lines(lines: list[SourceLine]) -> set[int]:
    """Where the signature stands: the short lines that end the report, before its end or its first annex."""
    end = next((i for i, line in enumerate(lines) if ATTACHMENT.match(line.text)), len(lines))
    found: set[int] = set()
    at = end - 1
    while at > 0 and len(found) < SIGNATURE_LINES and _looks_like_signature(lines[at].text):
        found.add(at)
        at -= 1
    return found


def _looks_like_signature(text: str) -> bool:
    words = text.split()
    return 1 < len(words) <= 6 and text[-1] not in ".;:,!?" and not is_capitals(text)
