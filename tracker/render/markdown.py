"""Documents as Markdown (CommonMark with footnotes, as GitHub renders it).

Paragraph numbers are kept as the document prints them (``1\\.`` is escaped so
that no renderer renumbers the list); footnotes are ``[^1]`` references whose
bodies follow the text. A redline strikes deletions through (``~~no~~``) and
underlines insertions (``<ins>en ningún caso</ins>``), each change followed by
the amendment that made it; folded paragraphs are one line unless unfolded;
tables are pipe tables.
"""

from __future__ import annotations

import re

from tracker.render.model import DELETED, Block, Fold, Layout, Run, Table

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")
_EDGES = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


def escape(text: str) -> str:
    """``text`` with Markdown's active characters escaped, so it reads as typed."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2).replace(".", "\\.").replace(")", "\\)"), text)


def around(text: str, opening: str, closing: str) -> str:
    """``text`` between two markers, its outer spaces left outside (``~~ no~~`` would not render)."""
    lead, core, trail = _EDGES.match(text).groups()
    return f"{lead}{opening}{core}{closing}{trail}" if core else text


def inline_runs(runs: list[Run]) -> str:
    """Runs as Markdown: escaped text, ``[^N]`` references, changes, labels and emphasis."""
    out = []
    for run in runs:
        piece = f"[^{run.note}]" if run.note is not None else escape(run.text)
        if run.style == "label":
            piece = " " + around(f"\\[{piece}\\]", "*", "*")
        elif run.style == "strong":
            piece = around(piece, "**", "**")
        elif run.style == "em":
            piece = around(piece, "*", "*")
        if run.change is not None:
            piece = around(piece, "~~", "~~") if run.change.kind == DELETED else around(piece, "<ins>", "</ins>")
        out.append(piece)
    return "".join(out)


def inline(block: Block) -> str:
    """The block's text, escaped, with ``[^N]`` footnote references."""
    return inline_runs(block.runs)


def render_markdown(layout: Layout) -> str:
    """The whole document as Markdown."""
    header = layout.header
    out = [f"{escape(line)}  " for line in (*header.left, *header.lines)]
    out[-1] = out[-1].rstrip()
    if layout.legend:
        out += ["", f"*{escape(layout.legend)}*"]
    for item in layout.blocks:
        if isinstance(item, Table):
            out += ["", _table(item)]
            continue
        if isinstance(item, Fold) and not item.open:
            out += ["", around(escape(item.summary), "*", "*")]
            continue
        for block in item.blocks if isinstance(item, Fold) else [item]:
            if block.new_page:
                out += ["", "---"]
            out += ["", _block(block)]
    if layout.notes:
        out.append("")
        out += [f"[^{note.number}]: {inline_runs([Run(note.text, change=note.change)])}" for note in layout.notes]
    return "\n".join(out) + "\n"


def _table(table: Table) -> str:
    rows = [
        "| " + " | ".join(escape(text) for text in table.head) + " |",
        "|" + "|".join(" --- " for _ in table.head) + "|",
    ]
    for row in table.rows:
        cells = ["<br><br>".join(_cell(block) for block in cell) for cell in row]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _cell(block: Block) -> str:
    text = _numbered(block)
    return around(text, "**", "**") if block.role in ("heading", "flag") else text


def _marked(block: Block) -> str:
    text = inline(block)
    return f"{text} *{escape(block.mark)}*" if block.mark else text


def _numbered(block: Block) -> str:
    return f"{escape(block.num)} {_marked(block)}" if block.num else _marked(block)


def _block(block: Block) -> str:
    text = _numbered(block) if block.role != "heading" else _marked(block)
    if block.role == "title":
        return f"# {text}"
    if block.role in ("caption", "attachment-heading", "formula", "opener", "flag"):
        return around(text, "**", "**")
    if block.role == "heading":
        hashes = "##" if block.level == 0 else "###"
        return f"{hashes} {escape(block.num) + ' ' if block.num else ''}{text}"
    if block.role == "quote":
        return f"> {text}"
    if block.role in ("legend", "subtitle"):
        return around(text, "*", "*")
    return text
