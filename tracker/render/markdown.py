"""Documents as Markdown (CommonMark with footnotes, as GitHub renders it).

Paragraph numbers are kept as the document prints them (``1\\.`` is escaped so
that no renderer renumbers the list); footnotes are ``[^1]`` references whose
bodies follow the text. A redline strikes deletions through (``~~no~~``) and
underlines insertions (``<ins>en ningún caso</ins>``), each change followed by
the amendment that made it (set apart by the layout's ``gap`` runs); folded
paragraphs are one line unless unfolded; tables are pipe tables. Where footnote
references would not show the layout's numbers (a redline's folds hide some
calls, a note may carry a mark), calls are ``<sup>N</sup>`` and the notes a list.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tracker.render.model import DELETED, MARKDOWN, Block, Change, Fold, Layout, Run, Table

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
    """Runs as Markdown: escaped text, ``[^N]`` references, changes, labels and emphasis.

    Consecutive runs of one change are marked once (``~~words.¹~~``): ``~~a~~~~b~~`` does not render.
    """
    out: list[tuple[object, str]] = []
    for run in runs:
        piece = f"[^{run.note}]" if run.note is not None else escape(run.text)
        if run.style == "label":
            piece = around(f"\\[{piece}\\]", "*", "*")
        elif run.style == "strong":
            piece = around(piece, "**", "**")
        elif run.style == "em":
            piece = around(piece, "*", "*")
        if out and run.change is not None and out[-1][0] == run.change:
            out[-1] = (run.change, out[-1][1] + piece)
        else:
            out.append((run.change, piece))
    return "".join(piece if change is None else _changed(piece, change) for change, piece in out)


def _changed(piece: str, change: Change) -> str:
    return around(piece, "~~", "~~") if change.kind == DELETED else around(piece, "<ins>", "</ins>")


def inline(block: Block) -> str:
    """The block's text, escaped, with ``[^N]`` footnote references."""
    return inline_runs(block.runs)


def render_markdown(layout: Layout) -> str:
    """The whole document as Markdown."""
    layout = layout.drawn_as(MARKDOWN)
    literal = _needs_literal_calls(layout)
    if literal:
        layout = _literal_calls(layout)
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
    if layout.notes and literal:
        out += ["", "---"]
        for note in layout.notes:
            out += ["", f"{escape(note.shown + '.')} {inline_runs([Run(note.text, change=note.change)])}"]
    elif layout.notes:
        out.append("")
        out += [f"[^{note.number}]: {inline_runs([Run(note.text, change=note.change)])}" for note in layout.notes]
    text = "\n".join(out) + "\n"
    return _CALL.sub(r"<sup>\1</sup>", text) if literal else text  # the call was escaped with its run


#: A footnote call written as its number itself (see :func:`_literal_calls`), until the text is escaped.
_CALL = re.compile("\ue001(.*?)\ue002")


def _needs_literal_calls(layout: Layout) -> bool:
    """Whether ``[^N]`` footnotes would show other numbers than the layout's.

    Renderers number Markdown footnotes by the order of the calls they show: that is the
    layout's numbering only when every note is called once, in order, outside closed folds
    (a redline folds paragraphs that call notes) and none has a mark of its own.
    """
    shown: list[int] = []
    for item in layout.blocks:
        if isinstance(item, Fold) and not item.open:
            continue
        blocks = [b for row in item.rows for cell in row for b in cell] if isinstance(item, Table) else None
        for block in blocks if blocks is not None else (item.blocks if isinstance(item, Fold) else [item]):
            shown += [run.note for run in block.runs if run.note is not None]
    return shown != [note.number for note in layout.notes] or any(note.mark for note in layout.notes)


def _literal_calls(layout: Layout) -> Layout:
    """``layout`` with each footnote call as its number in text, drawn ``<sup>N</sup>``, the notes as a list."""

    def calls(block: Block) -> Block:
        runs = [
            replace(run, text=f"\ue001{run.call}\ue002", note=None) if run.note is not None else run
            for run in block.runs
        ]
        return replace(block, runs=runs)

    items: list = []
    for item in layout.blocks:
        if isinstance(item, Fold):
            items.append(replace(item, blocks=[calls(b) for b in item.blocks]))
        elif isinstance(item, Table):
            items.append(replace(item, rows=[[[calls(b) for b in cell] for cell in row] for row in item.rows]))
        else:
            items.append(calls(item))
    return replace(layout, blocks=items)


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
