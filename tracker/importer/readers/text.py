"""Plain text: UTF-8 only, normalised, each non-blank line a :class:`SourceLine`.

Texts arrive as exports of Word, e-mail bodies and markdown files, so besides
the words a line may carry marks of structure, which become hints and leave the
words: a markdown heading (``# I. INTRODUCTION``, ``## A. Work plan``), a line in
bold (``**DRAFT RESOLUTION**``), emphasis (``*inter alia*``), a rule (``---``), a
form feed or a lone page number (``- 2 -``, ``Page 3``) where a page ended, the
running head at the top of the next page, a note at a page's foot (``* A/55/150.``).
A blank line before a line is kept as a hint (:attr:`SourceLine.gap`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from tracker.akn.text import forbidden_character
from tracker.errors import ImportTextError
from tracker.i18n import _
from tracker.importer.lines import SourceLine
from tracker.storage import read_input

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_BOLD_LINE = re.compile(r"^(\*\*|__)(.+)\1$")
_BOLD_SPAN = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
#: Emphasis: ``*inter alia*``, ``_inter alia_`` (a word's own ``*`` or ``_``, as in ``5*``, stays).
_EMPHASIS_SPAN = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|={3,})$")
_BULLET = re.compile(r"^[-*•]\s+(?=\S)")
#: A line that only numbers a page: "- 2 -", "– 12 –", "Page 3", "Página 3 de 7", "3", "3/7".
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:page|página|page|pág\.?)\s*\d{1,4}(?:\s*(?:of|de|sur)\s*\d{1,4})?|\d{1,4}(?:\s*/\s*\d{1,4})?)$",
    re.IGNORECASE,
)


def read_text_file(path: Path) -> str:
    """The file's text, NFC, with ``\\n`` line ends; clear errors for other encodings."""
    return decode_text(read_input(path, ImportTextError), str(path))


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is tolerated); UTF-16 and other encodings are refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data[:200].count(b"\x00") > 10:
        raise ImportTextError(_("{name}: is UTF-16; save it as UTF-8 and import again").format(name=name))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportTextError(
            _("{name}: line {line}: not UTF-8 (byte 0x{byte:02x}); save the file as UTF-8 and import again").format(
                name=name, line=line, byte=data[exc.start]
            )
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return checked_text(text, name)


def checked_text(text: str, name: str) -> str:
    """``text`` in NFC, refused (naming the line) if it holds a character no document text may hold."""
    # The model's rule (tracker.akn.text); a BOM at the very start was dropped already. Vertical tab
    # and form feed are whitespace in a plain text (a form feed ends a page): kept as spaces.
    found = forbidden_character(text, allow="\t\n\x0b\x0c")
    if found is not None:
        index = found[0]
        line = text.count("\n", 0, index) + 1
        raise ImportTextError(
            _(
                "{name}: line {line}: contains the control or invisible character U+{code:04X}, "
                "which no document text may hold; remove it and import again"
            ).format(name=name, line=line, code=ord(text[index]))
        )
    return unicodedata.normalize("NFC", text)


def text_lines(text: str) -> list[SourceLine]:
    """The non-blank lines of ``text`` as source lines, their marks of structure turned into hints.

    A text wrapped at a fixed width (an e-mail at 72 columns) has its wrapped lines put back
    together first (:func:`reflow`): a paragraph is then one line, as in a Word or PDF file.
    """
    out: list[SourceLine] = []
    broken = False
    blank = False
    for number, raw in enumerate(text.split("\n"), start=1):
        if "\x0c" in raw:
            broken = True
        cleaned = raw if _is_clean(raw) else " ".join(raw.split())
        if not cleaned:
            blank = True
            continue
        if _PAGE_NUMBER.match(cleaned):
            # Where a page ended: its number is no word of the document (kept as a rule, for the summary).
            out.append(SourceLine(number, cleaned, rule=True))
            broken = True
            continue
        line = _marked(SourceLine(number, cleaned, after_break=broken, gap=blank))
        broken = blank = False
        out.append(line)
    return reflow(_page_furniture(out))


#: A note at a page's foot as a UN text export leaves it, before the form feed: ``* A/55/150.``.
_PAGE_FOOT_NOTE = re.compile(r"^\*{1,3}\s*\S")
#: A running head: the document's symbol at the top of a page after the first.
_RUNNING_HEAD_WORDS = 3


def _page_furniture(lines: list[SourceLine]) -> list[SourceLine]:
    """Mark what a page's edges hold: the note at its foot (a header note) and the running head (no words).

    A UN document repeats its symbol at the top of every page after the first; the
    first lines of the text (its header block) tell which symbol that is.
    """
    top = {line.text for line in lines[:15]}
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is not None and following.after_break and _PAGE_FOOT_NOTE.match(line.text):
            line.where = "page-foot"
        if line.after_break and index > 15 and line.text in top and len(line.text.split()) <= _RUNNING_HEAD_WORDS:
            line.rule = True  # the running head: dropped like a page number, the break stays on the next line
            if following is not None:
                following.after_break = True
    return lines


#: A text is wrapped at a fixed width when this many of its lines, at least, come within a few characters of it.
_WRAPPED_SHARE = 0.25
_WRAP_WIDTH_MAX = 100
_WRAP_SLACK = 12


def reflow(lines: list[SourceLine]) -> list[SourceLine]:
    """The lines of a text wrapped at a fixed width, each wrapped line joined to the one it continues.

    A line was wrapped when the next line's first word would not have fitted at its end
    (what a mail program does); a blank line, a heading, a rule, a numbered or bulleted
    line, and a page break always start anew. A text with long lines (one paragraph a
    line, as Word exports it) is left as it is.
    """
    words = [line for line in lines if not line.rule]
    if len(words) < 8:
        return lines
    width = max(len(line.text) for line in words)
    near = sum(len(line.text) >= width - _WRAP_SLACK for line in words)
    if width > _WRAP_WIDTH_MAX or near < max(3, _WRAPPED_SHARE * len(words)):
        return lines
    from tracker.importer.joins import join_lines
    from tracker.importer.numbering import read_label

    out: list[SourceLine] = []
    last_length = 0  # of the last source line (not of the paragraph it went into)
    for line in lines:
        previous = out[-1] if out else None
        first_word = line.text.split(" ", 1)[0]
        if (
            previous is not None
            and not (line.gap or line.after_break or line.rule or line.heading or previous.rule or previous.heading)
            and last_length + 1 + len(first_word) > width - 2
            and not read_label(line.text)
            and previous.where == line.where == "body"
        ):
            out[-1] = join_lines(previous, line)
            out[-1].joined = [*previous.joined, line.number]
        else:
            out.append(line)
        last_length = len(line.text)
    return out


def _marked(line: SourceLine) -> SourceLine:
    """``line`` with its markdown-style marks turned into hints (a rule holds no words)."""
    text = line.text
    if _RULE.match(text):
        line.rule = True
        return line
    if match := _HEADING.match(text):
        line.heading, text = len(match.group(1)), match.group(2)
    if match := _BOLD_LINE.match(text):
        line.bold, text = True, match.group(2).strip()
    text = _BOLD_SPAN.sub(r"\2", text)
    text = _EMPHASIS_SPAN.sub(r"\2", text)
    if not _PAGE_FOOT_NOTE.match(text) or text.startswith(("- ", "• ")):
        text = _BULLET.sub("", text)
    line.text = text
    line.rule = not text
    return line


def _is_clean(line: str) -> bool:
    """True when collapsing the whitespace of ``line`` would not change it.

    Splitting every line into words and joining them again costs more than the
    rest of reading a long document; most lines need nothing. Every whitespace
    character but the space is unprintable, so a printable line without double,
    leading or trailing spaces is already clean.
    """
    return line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " "
