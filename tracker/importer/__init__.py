"""Import of plain-text OAS documents into an :class:`~tracker.akn.outline.Outline`.

One module per document shape (``resolution``, ``report``, ``note``); ``detect``
guesses the shape; ``source`` reads the file and refuses wrong encodings.
Anything a parser cannot place is an :class:`~tracker.errors.ImportTextError`
naming the line, never silently dropped.
"""

from __future__ import annotations

from tracker.akn.outline import Outline
from tracker.errors import ImportTextError
from tracker.i18n import _
from tracker.importer import note, report, resolution
from tracker.importer.detect import guess_type
from tracker.importer.source import read_text_file, split_lines

PARSERS = {"resolution": resolution.parse, "report": report.parse, "note": note.parse, "program": report.parse}


def import_text(text: str, doc_type: str | None = None, name: str = "<text>") -> Outline:
    """Parse ``text`` as a document of ``doc_type`` (guessed when None)."""
    lines = split_lines(text)
    if not lines:
        raise ImportTextError(_("{name}: the file has no text").format(name=name))
    kind = doc_type or guess_type(lines, name)
    try:
        outline = PARSERS[kind](lines)
    except ImportTextError as exc:
        raise ImportTextError(f"{name}: {exc}") from None
    outline.doc_type = kind
    return outline


__all__ = ["PARSERS", "import_text", "read_text_file"]
