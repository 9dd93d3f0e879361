"""The issued document as one self-contained HTML page that prints well.

No external assets: the stylesheet is inline and uses only local serif fonts.
``@page`` sets margins but no paper size, so the same file prints on A4 and on
US Letter, with the page number ``- N -`` at the foot of every page; headings,
openers (``CONSIDERING:``) and formulas keep with the paragraph they open, and
appendices start a page. Browsers do not place notes at the foot of a page
(``float: footnote`` is paged media only: the PDF writer has it), so each part
of the document is followed by the notes called in it: a resolution's notes
come before its appendix, not pages after it.
Built with :mod:`lxml.html.builder`, so the text is escaped by construction.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import html as lxml_html
from lxml.html import builder as E

from tracker.render.model import DELETED, MARKED, Block, Fold, Footnote, Item, Layout, Run, Table

STYLE = """
@page { margin: 2.5cm 2.2cm 2.2cm 2.2cm;
        @bottom-center { content: "- " counter(page) " -"; font: 10pt "Times New Roman", "Liberation Serif", serif; } }
html { font-family: "Times New Roman", Times, "Liberation Serif", "DejaVu Serif", serif;
       font-size: 12pt; line-height: 1.4; color: #000; background: #fff; }
body { margin: 0; }
@media screen { body { max-width: 16.5cm; margin: 2em auto; padding: 0 1.5em; } }
.oas-header { display: flex; justify-content: space-between; align-items: flex-start;
              gap: 2em; margin-bottom: 3em; font-size: 11pt; }
.oas-header .org { font-weight: bold; max-width: 45%; }
.oas-header .block { min-width: 35%; }
.oas-header p { margin: 0; text-align: left; text-indent: 0; }
p { margin: 0 0 1em; text-align: justify; hyphens: auto; orphans: 3; widows: 3; }
.legend { font-style: italic; text-align: left; border: 1px solid #000; padding: 0.4em 0.6em; }
.caption, .attachment-heading { text-align: center; font-weight: bold; margin-bottom: 0.6em; }
h1.title { text-align: center; font-size: 12pt; font-weight: bold; text-transform: uppercase; margin: 0 0 2em; }
.formula { margin: 1.5em 0 1.2em; }
.preamble, .opener, .operative, .paragraph, .item { text-indent: 3em; }
.num { display: inline-block; min-width: 2.5em; text-indent: 0; }
.sub { margin-left: 6em; text-indent: -3em; }
.sub .num { min-width: 3em; }
h2, h3 { font-size: 12pt; font-weight: bold; margin: 1.5em 0 1em; }
h1, h2, h3, .caption, .subtitle, .formula, .opener, .attachment-heading { break-after: avoid; break-inside: avoid; }
h3 { margin-left: 3em; }
h2 .num, h3 .num { min-width: 3em; }
.attachment-heading + .attachment-heading { margin-top: 0; }
.new-page { break-before: page; }
.closing { text-align: left; margin: 0; }
.closing.placeDate { margin: 1.5em 0; break-before: avoid; break-after: avoid; }
.closing.signature { margin-top: 3em; text-align: center; margin-left: 50%; break-before: avoid; }
.closing.office { text-align: center; margin-left: 50%; }
.mark { font-style: italic; white-space: nowrap; }
sup.fnref { line-height: 0; font-size: 0.75em; }
sup.fnref a, .footnote a { color: inherit; text-decoration: none; }
.footnotes { margin-top: 2.5em; break-inside: avoid-page; }
.footnotes hr { width: 33%; margin: 0 0 1em; border: 0; border-top: 1px solid #000; }
.footnote { font-size: 10pt; text-indent: 0; margin-bottom: 0.5em; }
ins { color: #05631f; text-decoration: underline; background: #e6f4ea; }
del { color: #a50e0e; text-decoration: line-through; background: #fce8e6; }
.by { text-transform: none; font-weight: normal; font-size: 0.75em; font-style: normal; color: #444; white-space: nowrap; vertical-align: 0.35em; }
.by::before { content: "["; } .by::after { content: "]"; }
strong { font-weight: bold; } em { font-style: italic; }
details.unchanged { margin: 0 0 1em; }
details.unchanged > summary { cursor: pointer; color: #444; font-style: italic; margin-bottom: 1em; }
details.unchanged > p { color: #333; }
.quote { margin: 0 3em 1em; text-indent: 0; }
.note { font-size: 10.5pt; text-indent: 0; margin: -0.6em 0 1em; color: #333; }
.flag { font-size: 10.5pt; text-indent: 0; font-weight: bold; color: #a50e0e; }
table { width: 100%; border-collapse: collapse; margin: 0 0 1.5em; font-size: 11pt; }
th, td { border: 1px solid #000; padding: 0.35em 0.5em; vertical-align: top; text-align: left; }
th { background: #eee; }
table p, table p.paragraph { text-indent: 0; margin: 0 0 0.5em; text-align: left; }
table .num { min-width: 2em; }
table.history td:first-child { white-space: nowrap; }
td p.proposal:not(:first-child) { border-top: 1px solid #999; padding-top: 0.5em; margin-top: 0.8em; }
td p:last-child { margin-bottom: 0; }
tr { break-inside: avoid; }
table.counts td:not(:first-child), table.counts th:not(:first-child),
table.status td:nth-child(2), table.status th:nth-child(2) { text-align: right; }
.subtitle { text-align: center; font-weight: bold; margin: -1.2em 0 2em; }
@media print { a { color: inherit; text-decoration: none; } details > summary { display: none; }
               ins, del { background: none; } }
"""

#: The redline's folds on paper (tracker.render.redline), apart from the general print rules above: a
#: printed fold is its summary line, without the disclosure marker, and its paragraphs when it is open.
FOLD_PRINT_STYLE = """
@media print {
  details.unchanged > summary { display: block; list-style: none; cursor: auto; margin-bottom: 1em; }
  details.unchanged > summary::-webkit-details-marker { display: none; }
  details.unchanged > summary::marker { content: ""; }
  details.unchanged:not([open]) > :not(summary) { display: none; }
}
"""

#: A layout printed across the page (the compilation's three columns): the paper turned, wider on screen.
LANDSCAPE_STYLE = """
@page { size: landscape; }
@media screen { body { max-width: 25cm; } }
"""


def render_html(layout: Layout) -> str:
    """The whole document as an HTML5 page (a string; write it as UTF-8)."""
    return lxml_html.tostring(html_page(layout), doctype="<!DOCTYPE html>", encoding="unicode", pretty_print=True)


def html_page(layout: Layout):
    """The page as an element tree: the PDF writer draws this same tree with its paged-media stylesheet."""
    layout = layout.drawn_as(MARKED)
    title = f"{layout.symbol} — {layout.title}" if layout.title else layout.symbol
    page = E.HTML(
        E.HEAD(
            E.META(charset="utf-8"),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.TITLE(title),
            E.STYLE(STYLE + FOLD_PRINT_STYLE + (LANDSCAPE_STYLE if layout.landscape else "")),
        ),
        E.BODY(*body_elements(layout)),
        lang=layout.lang,
    )
    return page


def body_elements(layout: Layout) -> list:
    """What a page shows of ``layout``: the header block, the legend, then its parts each followed by its notes.

    The publication site (:mod:`tracker.publish`) places these same elements inside its own pages.
    """
    layout = layout.drawn_as(MARKED)
    header = layout.header
    body = [
        E.E.header(
            E.DIV(*(E.DIV(line) for line in header.left), E.CLASS("org")),
            E.DIV(*(E.P(line) for line in header.lines), E.CLASS("block")),
            E.CLASS("oas-header"),
        )
    ]
    if layout.legend:
        body.append(E.P(layout.legend, E.CLASS("legend")))
    drawn: list = []
    for items, notes in _parts(layout):
        drawn += [_item(item) for item in items]
        if notes:
            drawn.append(E.E.section(E.HR(), *(_note(note) for note in notes), E.CLASS("footnotes")))
    body.append(E.E.main(*drawn))
    return body


def _parts(layout: Layout) -> list[tuple[list[Item], list[Footnote]]]:
    """The document's parts (the text, then each appendix: a block that starts a page), each with the notes it calls.

    A note no part calls is listed with the last part, so every note is shown once.
    """
    parts: list[list[Item]] = [[]]
    for item in layout.blocks:
        if isinstance(item, Block) and item.new_page and parts[-1]:
            parts.append([])
        parts[-1].append(item)
    by_number = {note.number: note for note in layout.notes}
    placed: set[int] = set()
    out: list[tuple[list[Item], list[Footnote]]] = []
    for items in parts:
        called = sorted({n for n in _calls(items) if n in by_number} - placed)
        placed.update(called)
        out.append((items, [by_number[n] for n in called]))
    rest = [note for note in layout.notes if note.number not in placed]
    out[-1] = (out[-1][0], sorted([*out[-1][1], *rest], key=lambda note: note.number))
    return out


def _calls(items: list[Item]) -> Iterator[int]:
    """The note numbers the runs of ``items`` call, in reading order (folds and table cells included)."""
    for item in items:
        if isinstance(item, Table):
            blocks = [block for row in item.rows for cell in row for block in cell]
        else:
            blocks = item.blocks if isinstance(item, Fold) else [item]
        for block in blocks:
            yield from (run.note for run in block.runs if run.note is not None)


def _note(note: Footnote):
    """A note as the list of notes shows it: its number (a link back to its call), then its text."""
    return E.P(
        E.A(f"{note.shown}.", href=f"#fnref-{note.number}"),
        " ",
        *_runs([Run(note.text, change=note.change)]),
        E.CLASS("footnote"),
        id=f"fn-{note.number}",
    )


def _item(item: Item):
    """A paragraph, a foldable group of paragraphs (``<details>``) or a table."""
    if isinstance(item, Fold):
        details = E.E.details(E.E.summary(item.summary), *(block_element(b) for b in item.blocks), E.CLASS("unchanged"))
        if item.open:
            details.set("open", "open")
        return details
    if isinstance(item, Table):
        return _table(item)
    return block_element(item)


def _table(table: Table):
    columns = [E.E.col(style=f"width: {w * 100 / sum(table.widths):.0f}%") for w in table.widths]
    head = E.E.thead(E.TR(*(E.E.th(text, scope="col") for text in table.head)))
    rows = [E.TR(*(E.TD(*(block_element(b) for b in cell)) for cell in row)) for row in table.rows]
    return E.TABLE(E.E.colgroup(*columns), head, E.E.tbody(*rows), E.CLASS(table.kind))


def block_element(block: Block, notes: str = ""):
    """One paragraph element: number, text with footnote references and changes, status mark.

    ``notes`` prefixes the ids of its footnote links (``fn-{notes}N``), for a page that shows
    several documents' paragraphs side by side, each numbering its notes from 1.
    """
    classes = [block.role]
    if block.style:
        classes.append(block.style)
    if block.status:
        classes.append(f"status-{block.status}")
    if block.new_page:
        classes.append("new-page")
    children: list = []
    if block.num:
        children.append(E.SPAN(f"{block.num} ", E.CLASS("num")))
    children += _runs(block.runs, notes)
    if block.mark:
        children += [" ", E.SPAN(block.mark, E.CLASS("mark"))]
    return getattr(E.E, _tag(block))(*children, E.CLASS(" ".join(classes)))


def _runs(runs: list[Run], notes: str = "") -> list:
    """Text, footnote references, ``<ins>``/``<del>`` (author and date as attributes) and labels."""
    out: list = []
    for run in runs:
        if run.note is not None:
            link = E.A(run.call, href=f"#fn-{notes}{run.note}", id=f"fnref-{notes}{run.note}")
            piece = E.E.sup(link, E.CLASS("fnref"))
        elif run.style == "label":
            piece = E.SPAN(run.text, E.CLASS("by"))
        elif run.style in ("strong", "em"):
            piece = getattr(E.E, run.style)(run.text)
        else:
            piece = run.text
        if run.change is not None:
            tag = "del" if run.change.kind == DELETED else "ins"
            piece = getattr(E.E, tag)(piece, title=run.change.author, **{"data-author": run.change.author})
            if run.change.date:
                piece.set("datetime", run.change.date)
        out.append(piece)
    return out


def _tag(block: Block) -> str:
    if block.role == "title":
        return "h1"
    if block.role == "heading":
        return "h2" if block.level == 0 else "h3"
    return "p"
