"""The issued document as plain text, the way OAS plain-text copies read.

Lines are wrapped for a terminal; footnote markers are glued to the word
before them as ``1/`` and the notes follow the text, each opening with its
number (``1. See document …``), as in the plain-text copies the OAS circulates.
"""

from __future__ import annotations

import textwrap

from tracker.render.layout import Block, Layout

WIDTH = 78
#: Left indentation of blocks by role and level (sub-paragraphs sit under their paragraph's text).
INDENT = {("sub", 1): 4, ("heading", 1): 0}


def inline(block: Block) -> str:
    """The block's text with ``N/`` footnote markers."""
    return "".join(run.text if run.note is None else f"{run.note}/" for run in block.runs)


def render_text(layout: Layout) -> str:
    """The whole document as UTF-8 text, blank lines between paragraphs."""
    lines = layout.header.lines
    column = WIDTH - max(len(line) for line in lines)
    out: list[str] = [layout.header.organization, "", *(" " * column + line for line in lines)]
    if layout.legend:
        out += ["", _wrap(layout.legend, 0)]
    for block in layout.blocks:
        out += ["", "", ""] if block.new_page else [""]
        out.append(_block(block))
    if layout.notes:
        out += ["", "_" * 20]
        out += ["", *(_wrap(f"{note.number}. {note.text}", 0, hang=len(str(note.number)) + 2) for note in layout.notes)]
    return "\n".join(out) + "\n"


def _block(block: Block) -> str:
    text = inline(block)
    if block.mark:
        text = f"{text} {block.mark}"
    if block.role == "title":
        text = text.upper()
    if block.role in ("caption", "title", "attachment-heading"):
        return "\n".join(line.center(WIDTH).rstrip() for line in textwrap.wrap(text, WIDTH - 8))
    if block.role == "closing" and block.style == "signature":
        return _right(text)
    indent = INDENT.get((block.role, block.level), 0)
    if block.num:
        return _wrap(f"{block.num} {text}", indent, hang=len(block.num) + 1)
    return _wrap(text, indent)


def _wrap(text: str, indent: int, hang: int = 0) -> str:
    pad = " " * indent
    return textwrap.fill(text, WIDTH, initial_indent=pad, subsequent_indent=pad + " " * hang, break_on_hyphens=False)


def _right(line: str) -> str:
    return line.rjust(WIDTH) if line else ""
