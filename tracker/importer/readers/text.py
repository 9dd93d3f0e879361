"""Plain text: UTF-8 only, normalised, each non-blank line a :class:`SourceLine`.

Texts arrive as exports of Word, e-mail bodies and markdown files, so besides
the words a line may carry marks of structure, which become hints and leave the
words: a markdown heading (``# I. INTRODUCTION``, ``## A. Work plan``), a line in
bold (``**DRAFT RESOLUTION**``), a rule (``---``), a form feed or a lone page
number (``- 2 -``, ``Page 3``) where a page ended.
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
    """The non-blank lines of ``text`` as source lines, their marks of structure turned into hints."""
    out: list[SourceLine] = []
    broken = False
    for number, raw in enumerate(text.split("\n"), start=1):
        if "\x0c" in raw:
            broken = True
        cleaned = raw if _is_clean(raw) else " ".join(raw.split())
        if not cleaned:
            continue
        if _PAGE_NUMBER.match(cleaned):
            # Where a page ended: its number is no word of the document (kept as a rule, for the summary).
            out.append(SourceLine(number, cleaned, rule=True))
            broken = True
            continue
        line = _marked(SourceLine(number, cleaned, after_break=broken))
        broken = False
        out.append(line)
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
