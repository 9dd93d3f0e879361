"""Reports and programs: headed sections, sub-sections, numbered paragraphs and theirs, footnotes.

The shapes of OAS and UN reports (``seeds/001_…``)::

    Report of the Secretary-General  /  Addendum                  title and subtitle: headings before any section
    I. INTRODUCTION  /  I. Introduction  /  # I. Introduction     section (Roman numeral, or a heading)
    A. WORK PLAN …  /  ## A. Work plan                             sub-section (capital letter, or a heading)
    The Working Group …                                            a paragraph (unnumbered)
    1. The Secretary-General …                                     a numbered paragraph (any number)
    (a) To strengthen …  /  (i) …                                  its sub-paragraphs, and theirs
    / prepared by …                                                a footnote marker glued to the text before
    Eduardo Acevedo Díaz                                           signature: a short last line
    �.	See document …                                             note bodies at the end, in marker order

A report sent under cover of a note verbale (``The Permanent Mission of …
presents its compliments …``) keeps the note: its paragraphs are the first
units, its place and date and addressee stand between them and the report.
"""

from __future__ import annotations

from tracker.akn.outline import Block, Outline
from tracker.importer.footnotes import Markers, split_note_bodies
from tracker.importer.joins import Join, continues
from tracker.importer.lines import SourceLine
from tracker.importer.note import closing_blocks, note_part
from tracker.importer.numbering import DECIMAL, LOWER, LOWER_ROMAN, UPPER, UPPER_ROMAN, Label, pick, read_label
from tracker.importer.patterns import is_capitals
from tracker.importer.resolution import append

#: A heading is short: a section's or sub-section's text of at most this many words, without a final period.
HEADING_WORDS = 16


def parse(lines: list[SourceLine], joins: list[Join]) -> Outline:
    """Parse a report or program; raises :class:`ImportTextError` naming the line."""
    outline = Outline("report")
    lines, bodies = split_note_bodies(lines)
    markers = Markers()
    covering = note_part(lines)
    if covering is not None:
        paragraphs, closing, lines = covering
        for line in paragraphs:
            block = Block("paragraph", "", line=line.number)
            append(block, line, markers)
            outline.body.append(block)
        outline.body += closing_blocks(closing)
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

    def parse(self, lines: list[SourceLine]) -> None:
        for i, line in enumerate(lines):
            if i == len(lines) - 1 and _looks_like_signature(line.text) and self.last is not None:
                self.outline.conclusions.append(
                    Block("p", line.text, name="signature", line=line.number, amendable=False)
                )
                continue
            self.place(line)
            self.previous = line

    def _sections(self) -> int:
        return sum(block.kind == "section" for block in self.outline.body)

    def place(self, line: SourceLine) -> None:
        text = line.text
        if self.last is not None and (rest := self.markers.leading(text, self.last, line)) is not None:
            if rest:
                append(self.last, line, self.markers, rest)
            return
        label = self._reading(line)
        rest = text if (line.label or label is None) else label.rest
        if label is None and self._leads(line):
            # The lines above the first section: the title, then what stands under it ("Addendum").
            if self.outline.title is None:
                self.outline.title = Block("docTitle", "", line=line.number)
                append(self.outline.title, line, self.markers)
            else:
                block = Block("p", "", name="subtitle", line=line.number)
                append(block, line, self.markers)
                self.outline.body.append(block)
            return
        if self._is_section(line, label, rest):
            self.section = Block("section", "", num=label.text if label else None, line=line.number)
            append(self.section, line, self.markers, rest)
            self.outline.body.append(self.section)
            self.container, self.paragraph, self.sub, self.last = self.section, None, None, None
            if label is not None:
                self.expected = {UPPER_ROMAN: label.value + 1, UPPER: 1, DECIMAL: self.expected.get(DECIMAL, 1)}
            return
        if self._is_subsection(line, label, rest):
            sub = Block("subsection", "", num=label.text if label else None, line=line.number)
            append(sub, line, self.markers, rest)
            self.section.children.append(sub)
            self.container, self.paragraph, self.sub, self.last = sub, None, None, None
            if label is not None:
                self.expected[UPPER] = label.value + 1
            return
        if label is not None and label.style == DECIMAL and not label.parenthesised:
            self.paragraph = Block("paragraph", "", num=label.text, line=line.number)
            self._add(self.paragraph)
            self.sub = None
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
        self.paragraph = self.sub = None
        self._words(block, line, text)

    def _leads(self, line: SourceLine) -> bool:
        """Whether ``line`` is a heading above all sections and paragraphs (a title, a subtitle)."""
        if any(block.name != "subtitle" for block in self.outline.body):
            return False
        if line.heading or (line.bold and is_heading_text(line.text)):
            return True
        return is_capitals(line.text) and is_heading_text(line.text) and self.outline.title is None

    def _reading(self, line: SourceLine) -> Label | None:
        readings = read_label(f"{line.label} x") if line.label else read_label(line.text)
        return pick(readings, self.expected)

    def _is_section(self, line: SourceLine, label: Label | None, rest: str) -> bool:
        if line.heading == 1 and (label is None or label.style in (UPPER_ROMAN, DECIMAL)):
            return True
        return (
            label is not None
            and label.style == UPPER_ROMAN
            and label.value == self._sections() + 1
            and is_heading_text(rest)
        )

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
        (self.container.children if self.container is not None else self.outline.body).append(block)

    def _words(self, block: Block, line: SourceLine, text: str) -> None:
        append(block, line, self.markers, text)
        self.last = block


def _looks_like_signature(text: str) -> bool:
    words = text.split()
    return 1 < len(words) <= 6 and text[-1] not in ".;:,!?" and not is_capitals(text)
