"""The papers a site page holds whole: a revision's redline, the compilation, the annex and the report.

Each is the document ``wgt compare``, ``compilation``, ``annex`` and ``report`` write, laid
out by :mod:`tracker.render` and drawn by its HTML writer, inside a page of the site.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import html as lxml_html
from markupsafe import Markup

from tracker.errors import WgtError
from tracker.i18n import N_, translations
from tracker.publish.records import record_summary
from tracker.publish.templates import draw
from tracker.render.html import body_elements
from tracker.render.model import Layout

if TYPE_CHECKING:
    from tracker.publish.document import DocumentSite


def draw_changes(doc: DocumentSite, ui: str, path: str, revision) -> str:
    from tracker.render.redline import redline_layout

    tr = translations(ui)
    lang = doc.ui_doc_lang(ui)
    layout = redline_layout(doc.site.ws, doc.symbol.base, revision.rev - 1, revision.rev, lang, full=False)
    by_id = {r.id: r for r in doc.records}
    records = [
        {"id": i, "href": f"../amendments/{i}.html", "summary": record_summary(doc, by_id[i], ui)}
        for i in revision.incorporated
        if i in by_id
    ]
    heading = tr.gettext("{symbol}: the changes from rev. {before}").format(
        symbol=doc.symbol.with_rev(revision.rev), before=revision.rev - 1
    )
    crumbs = doc.crumbs(ui, path, (doc.symbol.with_rev(revision.rev), "index.html"), (heading, ""))
    return draw(
        ui,
        "embedded.html",
        **doc.site.common(ui, path, "changes", heading, crumbs),
        heading=heading,
        intro=None,
        records=records,
        records_heading=tr.gettext("Amendments and statements this revision incorporated"),
        document_heading=tr.gettext("The redline"),
        doc_lang=lang,
        document=_drawn(layout, tr.gettext(TABLE), depth=2),
    )


def draw_paper(doc: DocumentSite, ui: str, path: str, kind: str) -> str:
    tr = translations(ui)
    lang = doc.ui_doc_lang(ui)
    ws, symbol, today = doc.site.ws, doc.symbol.base, doc.site.today
    headings = {
        "compilation": tr.gettext("Compilation of proposals"),
        "annex": tr.gettext("Statements and reservations"),
        "report": tr.gettext("Chair's report"),
    }
    try:
        if kind == "compilation":
            from tracker.render.compilation import compilation_layout

            document = _drawn(compilation_layout(ws, symbol, lang, today), tr.gettext(TABLE))
        elif kind == "annex":
            from tracker.render.annex import annex_layout

            document = _drawn(annex_layout(ws, symbol, None, lang), tr.gettext(TABLE))
        else:
            from tracker.render.report import report_layout

            document = _drawn(report_layout(ws, symbol, lang, today), tr.gettext(TABLE))
    except WgtError as exc:  # a paper there is nothing to write for (no statement on record): said so
        document = Markup('<p class="notice">{}</p>').format(str(exc))
    heading = f"{doc.symbol.base}: {headings[kind]}"
    return draw(
        ui,
        "embedded.html",
        **doc.site.common(ui, path, kind, heading, doc.crumbs(ui, path, (headings[kind], ""))),
        heading=heading,
        intro=None,
        records=[],
        records_heading="",
        document_heading=None,
        doc_lang=lang,
        document=document,
    )


#: What a screen reader says of a table's region (it scrolls sideways on a phone).
TABLE = N_("Table (scrolls sideways)")


def _drawn(layout: Layout, table_label: str, depth: int = 1) -> Markup:
    """A paper's layout drawn by the HTML writer, for a site page to hold.

    Its header block and body become plain divisions (a page has one ``header`` and one ``main``
    landmark: the site's), its headings go ``depth`` levels down, under the page's own, and each
    table scrolls sideways in a region the keyboard can reach (``table_label`` names it).
    """
    out = []
    for element in body_elements(layout):
        if element.tag in ("header", "main"):
            element.set("class", " ".join(filter(None, [element.get("class"), f"document-{element.tag}"])))
            element.tag = "div"
        demote(element, depth)
        _wrap_tables(element, table_label)
        out.append(Markup(lxml_html.tostring(element, encoding="unicode")))
    return Markup("\n").join(out)


def _wrap_tables(element, label: str) -> None:
    for table in list(element.iter("table")):
        wrap = lxml_html.Element("div", {"class": "table-wrap", "tabindex": "0", "role": "region", "aria-label": label})
        table.addprevious(wrap)
        wrap.append(table)  # moves the table (its tail stays with it: none in the writer's tables)


def demote(element, depth: int) -> None:
    """Every heading in ``element`` (itself included) ``depth`` levels lower (``h1`` → ``h2`` for 1), ``h6`` at most."""
    for heading in element.iter("h1", "h2", "h3", "h4", "h5"):
        # a heading with no words (a title the document lacks in this language) is no heading
        heading.tag = f"h{min(6, int(heading.tag[1]) + depth)}" if heading.text_content().strip() else "p"
