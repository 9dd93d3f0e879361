"""Reading a plain-text source: UTF-8 only, normalised, split into numbered lines."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import ImportTextError
from tracker.i18n import _
from tracker.storage import read_input

#: Characters no document text may hold: control characters XML cannot carry (tab,
#: line ends, vertical tab and form feed are whitespace and are kept as spaces), DEL
#: and C1 controls, lone surrogates (a ``--title`` undecodable from the command line),
#: the non-characters U+FFFE/U+FFFF, and the zero-width and
#: bidirectional marks that make a text display differently from what it says
#: (the same ones a proposal may not contain; a BOM at the very start is dropped).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff]"
)


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
    # Every forbidden character is unprintable, so lines that are all printable (nearly
    # every line of a document) need no search; str.isprintable is many times faster.
    if not all(line.isprintable() for line in text.split("\n")) and (match := _FORBIDDEN.search(text)):
        line = text.count("\n", 0, match.start()) + 1
        raise ImportTextError(
            _(
                "{name}: line {line}: contains the control or invisible character U+{code:04X}, "
                "which no document text may hold; remove it and import again"
            ).format(name=name, line=line, code=ord(match.group()))
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
