"""Documents as plain text, the way OAS plain-text copies read, and in colour for a terminal.

Lines are wrapped for a terminal; footnote markers are glued to the word
before them as ``1/`` and the notes follow the text, each opening with its
number (``1. See document …``), as in the plain-text copies the OAS circulates.

A redline reads without colour: deletions are ``[-no-]``, insertions
``{+en ningún caso+}`` (as ``wdiff`` writes them) and the amendment that made a
change follows it as ``⟨MX-3 (México)⟩``, set apart by the layout's ``gap`` runs;
its legend is the one said for these marks (``WDIFF``). With ``color`` the same marks are
also painted with :func:`click.style`: deletions red and struck through,
insertions green and underlined, labels dimmed. Colour is applied after
wrapping, line by line, so the invisible escape codes never upset the width.
"""

from __future__ import annotations

import re
import textwrap

import click

from tracker.render.model import DELETED, WDIFF, Block, Fold, Layout, Run, Table

WIDTH = 78
#: Left indentation of blocks by role and level (sub-paragraphs sit under their paragraph's text).
INDENT = {("sub", 1): 4, ("heading", 1): 0, ("quote", 0): 4}
#: The marks of a change or a label, and how each is painted.
MARKS = {
    DELETED: ("[-", "-]", {"fg": "red", "strikethrough": True}),
    "ins": ("{+", "+}", {"fg": "green", "underline": True}),
    "label": ("⟨", "⟩", {"dim": True}),
}
#: Holds a label's words together while wrapping (a private-use character, a space again afterwards).
_TIE = "\ue000"
_SPANS = re.compile("|".join(rf"{re.escape(a)}.*?{re.escape(b)}" for a, b, _ in MARKS.values()), re.DOTALL)


def inline_runs(runs: list[Run], upper: bool = False) -> str:
    """Runs as text with ``N/`` footnote markers and the marks of changes and labels (a label never wraps).

    Consecutive runs of one change are marked once (``[-words.1/-]``, not ``[-words.-][-1/-]``).
    """
    groups: list[tuple[object, str, str]] = []  # (the change, or None), kind of mark, text
    for run in runs:
        piece = f"{run.call}/" if run.note is not None else run.text
        if run.style == "label":
            piece = piece.replace(" ", _TIE)
        elif upper:
            piece = piece.upper()
        kind = run.change.kind if run.change is not None else run.style
        if groups and run.change is not None and groups[-1][0] == run.change:
            groups[-1] = (run.change, kind, groups[-1][2] + piece)
        else:
            groups.append((run.change, kind, piece))
    out = []
    for _, kind, piece in groups:
        if kind in MARKS and piece.strip():
            opening, closing, _ = MARKS[kind]
            lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", piece, re.DOTALL).groups()
            piece = f"{lead}{opening}{core}{closing}{trail}"
        out.append(piece)
    return "".join(out)


def inline(block: Block) -> str:
    """The block's text with ``N/`` footnote markers."""
    return inline_runs(block.runs)


def paint(text: str) -> str:
    """Colour the marked changes of ``text``, each line of a span on its own."""

    def styled(match: re.Match) -> str:
        span = match.group(0)
        style = next(s for opening, _, s in MARKS.values() if span.startswith(opening))
        lines = (re.match(r"^(\s*)(.*)$", line).groups() for line in span.split("\n"))
        return "\n".join(pad + (click.style(rest, **style) if rest else "") for pad, rest in lines)

    return _SPANS.sub(styled, text)


def render_text(layout: Layout, color: bool = False) -> str:
    """The whole document as UTF-8 text, blank lines between paragraphs (coloured changes if ``color``)."""
    layout = layout.drawn_as(WDIFF)  # the marks are there, painted or not: the legend names them
    lines = layout.header.lines
    column = WIDTH - max(len(line) for line in lines)
    out: list[str] = [*layout.header.left, "", *(" " * column + line for line in lines)]
    if layout.legend:
        out += ["", _wrap(layout.legend, 0)]
    for item in layout.blocks:
        if isinstance(item, Table):
            out += ["", _table(item)]
            continue
        if isinstance(item, Fold) and not item.open:
            out += ["", _wrap(item.summary, 4)]
            continue
        for block in item.blocks if isinstance(item, Fold) else [item]:
            out += ["", "", ""] if block.new_page else [""]
            out.append(_block(block))
    if layout.notes:
        out += ["", "_" * 20, ""]
        for note in layout.notes:
            body = inline_runs([Run(note.text, change=note.change)])
            out.append(_wrap(f"{note.shown}. {body}", 0, hang=len(note.shown) + 2))
    text = "\n".join(out).replace(_TIE, " ") + "\n"
    return paint(text) if color else text


def _table(table: Table) -> str:
    """Each row as its cells one after another, each under its column's name."""
    rows = []
    for row in table.rows:
        cells = []
        for name, blocks in zip(table.head, row):
            cells.append("\n".join([f"{name}:", *(_block(block, 4) for block in blocks)]))
        rows.append("\n".join(cells))
    return ("\n" + "-" * WIDTH + "\n").join(rows)


def _block(block: Block, extra: int = 0) -> str:
    text = inline_runs(block.runs, upper=block.role == "title")
    if block.mark:
        text = f"{text} {block.mark}"
    if block.role in ("caption", "title", "subtitle", "attachment-heading") and not extra:
        return "\n".join(line.center(WIDTH).rstrip() for line in textwrap.wrap(text, WIDTH - 8))
    if block.role == "closing" and block.style in ("signature", "office"):
        return _right(text)
    indent = INDENT.get((block.role, block.level), 0) + extra
    if block.num:
        return _wrap(f"{block.num} {text}", indent, hang=len(block.num) + 1)
    return _wrap(text, indent)


def _wrap(text: str, indent: int, hang: int = 0) -> str:
    pad = " " * indent
    return textwrap.fill(text, WIDTH, initial_indent=pad, subsequent_indent=pad + " " * hang, break_on_hyphens=False)


def _right(line: str) -> str:
    return line.rjust(WIDTH) if line else ""
