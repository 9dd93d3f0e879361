"""Issued documents in the formats people pass around: HTML, DOCX, PDF, Markdown, plain text.

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
FORMATS = {"html": "HTML page", "docx": "Word document", "pdf": "PDF document", "md": "Markdown", "txt": "plain text"}
BINARY_FORMATS = frozenset({"docx", "pdf"})


def render_layout(layout: Layout, fmt: str, paper: str | None = None) -> str | bytes:
    """``layout`` drawn in ``fmt``: text for html/md/txt/term (txt in colour), bytes for docx and pdf.

    ``paper`` is the paper of a PDF (:mod:`tracker.paper`; US Letter when not given).
    """
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
    if fmt == "pdf":
        from tracker.paper import DEFAULT_PAPER
        from tracker.render.pdf import render_pdf

        return render_pdf(layout, paper or DEFAULT_PAPER)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def render(draft: Draft, fmt: str, locales: Path | str | None = None, paper: str | None = None) -> str | bytes:
    """The issued document ``draft`` in format ``fmt``, in the draft's own language (a PDF on ``paper``)."""
    from tracker.render.layout import build_layout

    return render_layout(build_layout(draft, locales), fmt, paper)


__all__ = ["BINARY_FORMATS", "FORMATS", "render", "render_layout"]
