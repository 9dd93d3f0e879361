"""The issued document as Markdown (CommonMark with footnotes, as GitHub renders it).

Paragraph numbers are kept as the document prints them (``1\\.`` is escaped so
that no renderer renumbers the list); footnotes are ``[^1]`` references whose
bodies follow the text.
"""

from __future__ import annotations

import re

from tracker.render.layout import Block, Layout

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def escape(text: str) -> str:
    """``text`` with Markdown's active characters escaped, so it reads as typed."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2).replace(".", "\\.").replace(")", "\\)"), text)


def inline(block: Block) -> str:
    """The block's text, escaped, with ``[^N]`` footnote references."""
    return "".join(escape(run.text) if run.note is None else f"[^{run.note}]" for run in block.runs)


def render_markdown(layout: Layout) -> str:
    """The whole document as Markdown."""
    header = layout.header
    out = [f"{escape(header.organization)}  ", *(f"{escape(line)}  " for line in header.lines)]
    out[-1] = out[-1].rstrip()
    if layout.legend:
        out += ["", f"*{escape(layout.legend)}*"]
    for block in layout.blocks:
        if block.new_page:
            out += ["", "---"]
        out += ["", _block(block)]
    if layout.notes:
        out.append("")
        out += [f"[^{note.number}]: {escape(note.text)}" for note in layout.notes]
    return "\n".join(out) + "\n"


def _block(block: Block) -> str:
    text = inline(block)
    if block.mark:
        text = f"{text} *{escape(block.mark)}*"
    if block.role == "title":
        return f"# {text}"
    if block.role in ("caption", "attachment-heading"):
        return f"**{text}**"
    if block.role == "heading":
        hashes = "##" if block.level == 0 else "###"
        return f"{hashes} {escape(block.num) + ' ' if block.num else ''}{text}"
    if block.role in ("formula", "opener"):
        return f"**{text}**"
    return f"{escape(block.num)} {text}" if block.num else text
