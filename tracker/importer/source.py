"""Reading a plain-text source: UTF-8 only, normalised, split into numbered lines."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tracker.akn.text import forbidden_character
from tracker.errors import ImportTextError
from tracker.i18n import _
from tracker.storage import read_input


@dataclass(frozen=True)
class Line:
    """A non-blank source line: its 1-based number and its text, stripped."""

    number: int
    text: str


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
    # The model's rule (tracker.akn.text); a BOM at the very start was dropped already.
    # Vertical tab and form feed are whitespace in a plain text: kept as spaces.
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


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their numbers, whitespace collapsed."""
    out = []
    for number, raw in enumerate(text.split("\n"), start=1):
        cleaned = raw if _is_clean(raw) else " ".join(raw.split())
        if cleaned:
            out.append(Line(number, cleaned))
    return out


def _is_clean(line: str) -> bool:
    """True when collapsing the whitespace of ``line`` would not change it.

    Splitting every line into words and joining them again costs more than the
    rest of reading a long document; most lines need nothing. Every whitespace
    character but the space is unprintable, so a printable line without double,
    leading or trailing spaces is already clean.
    """
    return line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " "
