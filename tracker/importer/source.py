"""Reading a plain-text source: UTF-8 only, normalised, split into numbered lines."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import ImportTextError


@dataclass(frozen=True)
class Line:
    """A non-blank source line: its 1-based number and its text, stripped."""

    number: int
    text: str


def read_text_file(path: Path) -> str:
    """The file's text, NFC, with ``\\n`` line ends; clear errors for other encodings."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportTextError(f"{path}: no such file") from None
    except OSError as exc:
        raise ImportTextError(f"{path}: cannot read: {exc.strerror}") from None
    return decode_text(data, str(path))


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is tolerated); UTF-16 and other encodings are refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data[:200].count(b"\x00") > 10:
        raise ImportTextError(f"{name}: is UTF-16; save it as UTF-8 and import again")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportTextError(
            f"{name}: line {line}: not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8 and import again"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their numbers, whitespace collapsed."""
    out = []
    for number, raw in enumerate(text.split("\n"), start=1):
        cleaned = " ".join(raw.replace("\t", " ").split())
        if cleaned:
            out.append(Line(number, cleaned))
    return out
