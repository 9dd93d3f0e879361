"""Documents as PDF, the format a secretariat distributes: the HTML writer's page in CSS paged media.

The page is :func:`tracker.render.html.html_page`, the very tree the HTML writer
draws, laid out by WeasyPrint with a paged-media stylesheet on top of the HTML
one: the paper (US Letter, as the OAS Secretariat's template and the DOCX
writer, or A4; turned when the layout is landscape), the page number
``- N -`` centred at the foot of every page, the symbol centred at the top of
every page after the first (the header block is on the first), and each note
at the foot of the page that calls it (``float: footnote``, numbered as the
layout numbers it). Paragraphs are justified and never hyphenated, so every
word is found whole when the PDF is searched or copied. A closed fold is its
one summary line and an open one its paragraphs, as in Markdown and text.

The fonts are the serif faces installed — Times New Roman, else Liberation
Serif (its metric twin), else DejaVu Serif — embedded as subsets. The metadata
names the document: title (symbol and title), subject (symbol), keywords,
language, and as author the organisation and bodies its header block names.
The same layout makes the same bytes: no date is stamped.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from lxml import html as lxml_html
from lxml.html import builder as E

from tracker.errors import WgtError
from tracker.i18n import _
from tracker.paper import DEFAULT_PAPER
from tracker.render.html import html_page
from tracker.render.model import Layout

#: ``--paper`` → the CSS page size.
PAPER_SIZES = {"letter": "letter", "a4": "A4"}
SERIF = '"Times New Roman", "Liberation Serif", "DejaVu Serif", serif'

PAGED_STYLE = """
@page { size: %(size)s; margin: 2.5cm 2.2cm 2.2cm 2.2cm;
        @top-center { content: %(symbol)s; font: 10pt %(serif)s; }
        @bottom-center { content: "- " counter(page) " -"; font: 10pt %(serif)s; }
        @footnote { border-top: 0.5pt solid #000; padding-top: 0.4em; margin-top: 1em; } }
@page :first { @top-center { content: none; } }
html { font-family: %(serif)s; }
p, td, th { hyphens: manual; }
.fn { float: footnote; font-size: 10pt; line-height: 1.3; font-weight: normal; font-style: normal;
      text-transform: none; text-align: justify; text-indent: 0; color: #000; margin-bottom: 0.3em; }
.fn::footnote-call { content: attr(data-call); vertical-align: super; font-size: 0.75em; line-height: 0; }
.fn::footnote-marker { content: attr(data-marker) " "; }
p.fold { color: #444; font-style: italic; text-indent: 0; }
"""


class PdfError(WgtError):
    """A PDF cannot be made here (WeasyPrint or its libraries missing, or failing)."""


def render_pdf(layout: Layout, paper: str = DEFAULT_PAPER) -> bytes:
    """The document as PDF bytes on ``paper`` (``letter`` or ``a4``), landscape when the layout asks for it."""
    if paper not in PAPER_SIZES:
        raise PdfError(
            _("unknown paper {paper!r}; use one of {papers}").format(paper=paper, papers=", ".join(PAPER_SIZES))
        )
    weasyprint = _weasyprint()
    page = paged_page(layout, paper)
    source = lxml_html.tostring(page, doctype="<!DOCTYPE html>", encoding="unicode")
    with _quiet():
        try:
            return weasyprint.HTML(string=source).write_pdf()
        except Exception as exc:  # WeasyPrint's failures have no common type; the user gets one line
            raise PdfError(
                _("WeasyPrint could not make the PDF of {symbol}: {reason}").format(symbol=layout.symbol, reason=exc)
            ) from None


def paged_page(layout: Layout, paper: str = DEFAULT_PAPER):
    """The HTML page made ready for paged media: notes at their calls, folds as they read, the paged stylesheet."""
    page = html_page(layout)
    _notes_at_their_calls(page)
    _folds_as_they_read(page)
    size = PAPER_SIZES[paper] + (" landscape" if layout.landscape else "")
    style = page.find("head/style")
    style.text += PAGED_STYLE % {"size": size, "symbol": css_string(layout.symbol), "serif": SERIF}
    head = page.find("head")
    head.append(E.META(name="author", content=", ".join(layout.header.left)))
    head.append(E.META(name="description", content=layout.symbol))
    head.append(E.META(name="keywords", content=f"{layout.symbol}, {layout.lang}"))
    head.append(E.META(name="generator", content="wgt"))
    return page


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: every character but letters, digits and a few signs as a hex escape."""
    safe = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ./-()")
    return '"' + "".join(ch if ch in safe else f"\\{ord(ch):06x}" for ch in text) + '"'


def _notes_at_their_calls(page) -> None:
    """Each listed note moved to its call (``float: footnote`` puts it at that page's foot); lists left empty go."""
    for note in page.xpath("//p[@class='footnote'][starts-with(@id, 'fn-')]"):
        number = note.get("id").removeprefix("fn-")
        calls = page.xpath("//sup[@class='fnref'][a[@id=$ref]]", ref=f"fnref-{number}")
        if not calls:
            continue  # a note nothing calls stays in the list of notes
        call = calls[0]
        link = note[0]  # the note's number (or mark) as the list shows it, a link back to its call
        shown = {"data-call": call.text_content().strip(), "data-marker": (link.text or "").strip()}
        body = E.SPAN(E.CLASS("fn"), id=f"fn-{number}", **shown)
        body.text = (link.tail or "").lstrip()
        for child in list(note)[1:]:
            body.append(child)
        body.tail = call.tail
        call.getparent().replace(call, body)
        note.getparent().remove(note)
    for section in page.xpath("//section[@class='footnotes']"):
        if not section.xpath("p"):
            section.getparent().remove(section)


def _folds_as_they_read(page) -> None:
    """A ``<details>`` becomes its summary line (closed) or its paragraphs (open): paper does not fold."""
    for details in page.xpath("//details"):
        summary = details.find("summary")
        if details.get("open") is not None:
            if summary is not None:
                details.remove(summary)
        else:
            for child in list(details):
                if child is not summary:
                    details.remove(child)
            if summary is not None:
                summary.tag = "p"
                summary.set("class", "fold")
        details.tag = "div"
        details.attrib.pop("open", None)


def _weasyprint():
    """The WeasyPrint module, or one clear error saying what to install."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the Pango libraries it loads are missing
        raise PdfError(
            _(
                "PDF needs WeasyPrint and the Pango libraries it draws with ({reason}): "
                "pip install weasyprint, and on Debian or Ubuntu apt-get install libpango-1.0-0 libpangoft2-1.0-0"
            ).format(reason=exc)
        ) from None
    return weasyprint


@contextmanager
def _quiet() -> Iterator[None]:
    """WeasyPrint and fontTools log warnings (CSS they ignore, font tables they drop): none is for wgt's reader."""
    loggers = [logging.getLogger(name) for name in ("weasyprint", "fontTools")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR + 10)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


__all__ = ["PAPER_SIZES", "PdfError", "css_string", "paged_page", "render_pdf"]
