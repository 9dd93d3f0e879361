"""Import of real documents — plain text, Word, PDF — into an :class:`~tracker.akn.outline.Outline`.

One pipeline for every format: a reader (:mod:`tracker.importer.readers`)
turns the file into :class:`~tracker.importer.lines.SourceLine` objects; the
paragraphs a page break split are joined (:mod:`~tracker.importer.joins`); the
header block is taken off as metadata (:mod:`~tracker.importer.header`); the
document's type is chosen (:mod:`~tracker.importer.detect`) and its structure
rules build the outline (``resolution``, ``report``, ``note``); and the summary
says where every word went (:mod:`~tracker.importer.summary`). Anything a rule
cannot place is named by its line, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from tracker.akn.outline import Outline
from tracker.errors import ImportTextError
from tracker.i18n import _
from tracker.importer import detect, note, report, resolution
from tracker.importer.footnotes import glued_notes
from tracker.importer.header import extract_header
from tracker.importer.joins import Join, join_page_breaks
from tracker.importer.lines import SourceLine
from tracker.importer.readers.text import decode_text, read_text_file, text_lines
from tracker.importer.summary import ImportSummary, summarize
from tracker.storage import read_input

PARSERS: dict[str, detect.Parser] = {
    "resolution": resolution.parse,
    "report": report.parse,
    "note": note.parse,
    "program": report.parse,
}
#: The formats a file may be in, by what its name ends with (else by its first bytes).
SUFFIXES = {".docx": "docx", ".pdf": "pdf", ".txt": "text", ".text": "text", ".md": "text"}


@dataclass
class Imported:
    """A document read: its outline (the header block in it) and the summary of where its words went."""

    outline: Outline
    summary: ImportSummary


def source_format(path: Path, data: bytes) -> str:
    """``text``, ``docx`` or ``pdf``: from the name, else from the file's first bytes."""
    if fmt := SUFFIXES.get(path.suffix.lower()):
        return fmt
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    return "text"


def read_source(path: Path, *, accept_changes: bool = False) -> list[SourceLine]:
    """The lines of the file at ``path`` (plain text, Word or PDF)."""
    data = read_input(path, ImportTextError)
    fmt = source_format(path, data)
    if fmt == "docx":
        from tracker.importer.readers.docx import read_docx

        return read_docx(data, str(path), accept_changes=accept_changes)
    if fmt == "pdf":
        from tracker.importer.readers.pdf import read_pdf

        return read_pdf(data, str(path))
    return text_lines(decode_text(data, str(path)))


def import_lines(lines: list[SourceLine], doc_type: str | None = None, name: str = "<text>") -> Imported:
    """Build the outline of ``lines`` as a document of ``doc_type`` (chosen when None)."""
    dropped = sum(line.rule for line in lines)
    # A paragraph a reader put back together from wrapped lines: one join, from its first line to its last.
    wrapped = [
        Join(line.place, replace(line, number=line.joined[-1]).place, False, span=True) for line in lines if line.joined
    ]
    lines, page_joins = join_page_breaks(lines)
    extracted = extract_header(lines)
    body = glued_notes(extracted.rest)
    if not body and extracted.header:
        raise ImportTextError(
            _("{name}: holds only a header block ({fields}); the text itself is missing").format(
                name=name, fields=" | ".join(h.text for h in extracted.header)[:120]
            )
        )
    if not body:
        raise ImportTextError(_("{name}: the file has no text").format(name=name))
    try:
        if doc_type is None:
            doc_type, outline, joins = detect.choose(body, PARSERS, name)
        else:
            joins = []
            outline = PARSERS[doc_type](body, joins)
    except ImportTextError as exc:
        message = str(exc)
        raise ImportTextError(message if message.startswith(name) else f"{name}: {message}") from None
    outline.doc_type = doc_type
    outline.header = extracted.header + outline.header
    return Imported(outline, summarize(outline, extracted.words, wrapped + page_joins + joins, dropped))


def import_text(text: str, doc_type: str | None = None, name: str = "<text>") -> Outline:
    """Parse plain ``text`` as a document of ``doc_type`` (guessed when None)."""
    return import_lines(text_lines(text), doc_type, name).outline


__all__ = ["PARSERS", "Imported", "import_lines", "import_text", "read_source", "read_text_file", "source_format"]
