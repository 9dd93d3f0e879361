"""Issued documents in the formats people pass around: HTML, DOCX, Markdown, plain text.

:func:`render` lays a draft out once (:mod:`tracker.render.layout`) and hands
the layout to one small module per format.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports this package for FORMATS; lxml comes with the first render
    from tracker.akn.document import Draft
    from tracker.render.layout import Layout

#: Format name → what it is; binary formats must be written to a file.
FORMATS = {"html": "HTML page", "docx": "Word document", "md": "Markdown", "txt": "plain text"}
BINARY_FORMATS = frozenset({"docx"})


def render_layout(layout: Layout, fmt: str) -> str | bytes:
    """``layout`` drawn in ``fmt``: text for html/md/txt/term (txt in colour), bytes for docx."""
    if fmt == "html":
        from tracker.render.html import render_html

        return render_html(layout)
    if fmt == "md":
        from tracker.render.markdown import render_markdown

        return render_markdown(layout)
    if fmt in ("txt", "term"):
        from tracker.render.text import render_text

        return render_text(layout, color=fmt == "term")
    if fmt == "docx":
        from tracker.render.word import render_docx

        return render_docx(layout)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def render(draft: Draft, fmt: str, locales: Path | str | None = None) -> str | bytes:
    """The issued document ``draft`` in format ``fmt``, in the draft's own language."""
    from tracker.render.layout import build_layout

    return render_layout(build_layout(draft, locales), fmt)


__all__ = ["BINARY_FORMATS", "FORMATS", "render", "render_layout"]
