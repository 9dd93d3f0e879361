"""``wgt compare``, ``compilation``, ``annex`` and ``report``: the documents a working group reads.

Each lays its document out with :mod:`tracker.render` in the language asked
for (``--lang``) and draws it in the format asked for; the messages of the
commands themselves follow the UI language, like every ``wgt`` message.
"""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.main import State, pass_state
from tracker.cli.output import checked_date, choose_format, choose_paper, date_option, document_options, write_document
from tracker.i18n import _
from tracker.render import render_layout

#: The formats of the documents about a negotiation (the redline may also go to a terminal in colour).
FORMATS = ["html", "docx", "pdf", "md"]
REDLINE_FORMATS = ["term", *FORMATS]


def _emit(layout, fmt: str, output: Path | None, paper: str | None, what: str, color: bool | None = None) -> None:
    wrote = _("Wrote {what} of {symbol} ({language}, {format}) to {path}").format(
        what=what, symbol=layout.symbol, language=layout.lang, format=fmt, path=output
    )
    write_document(render_layout(layout, fmt, paper), output, wrote, color)


def _emit_own(layout, fmt: str, output: Path | None, paper: str | None, what: str) -> None:
    """Write a document about a draft (compilation, annex, report), saying its own symbol and the draft's."""
    wrote = _("Wrote {what} {symbol} on {about} ({language}, {format}) to {path}").format(
        what=what, symbol=layout.symbol, about=layout.about, language=layout.lang, format=fmt, path=output
    )
    write_document(render_layout(layout, fmt, paper), output, wrote)


def symbol_option(command):
    """``--symbol``: the symbol the document is issued under, instead of the one wgt.toml gives."""
    return click.option(
        "--symbol",
        "own_symbol",
        metavar="SYMBOL",
        help=_("Issue the document under this symbol (default: from wgt.toml [documents], else SYMBOL add. N)."),
    )(command)


@click.command(help=_("Show what changed between two revisions of SYMBOL, word by word, with who changed it."))
@click.argument("symbol")
@click.option("--from", "rev_from", type=int, default=0, show_default=True, help=_("The earlier revision."))
@click.option("--to", "rev_to", type=int, help=_("The later revision (default: the latest)."))
@click.option("--full", is_flag=True, help=_("Show the unchanged paragraphs too, not one line for each run of them."))
@click.option(
    "--color/--no-color",
    default=None,
    help=_("Colour the terminal output (default: when writing to a terminal)."),
)
@document_options(REDLINE_FORMATS, "term")
@pass_state
def compare(
    state: State,
    symbol: str,
    rev_from: int,
    rev_to: int | None,
    full: bool,
    color: bool | None,
    lang: str | None,
    fmt: str | None,
    output: Path | None,
    paper: str | None,
) -> None:
    """The redline: colour in a terminal, tracked changes in Word, ``<ins>``/``<del>`` in HTML."""
    from tracker.render.record import Negotiation
    from tracker.render.redline import redline_layout

    fmt = choose_format(fmt, output, "term", REDLINE_FORMATS)
    paper = choose_paper(paper, fmt)
    if rev_to is None:
        rev_to = Negotiation.of(state.ws, symbol, lang, records=()).latest  # no record needed for that
    if fmt == "docx":  # Word's tracked changes: accepting all gives the later revision, rejecting all the earlier
        from tracker.render.word_redline import word_redline_layout

        layout = word_redline_layout(state.ws, symbol, rev_from, rev_to, lang)
    else:
        layout = redline_layout(state.ws, symbol, rev_from, rev_to, lang, full)
    _emit(layout, fmt, output, paper, _("the comparison"), color)


@click.command(help=_("Compile the pending proposals on SYMBOL paragraph by paragraph, beside the current text."))
@click.argument("symbol")
@date_option
@symbol_option
@document_options(FORMATS, "md")
@pass_state
def compilation(
    state: State,
    symbol: str,
    date: str | None,
    own_symbol: str | None,
    lang: str | None,
    fmt: str | None,
    output: Path | None,
    paper: str | None,
) -> None:
    """Three columns per paragraph: the current text, each proposal redlined against it, comments and agreed text."""
    from tracker.render.compilation import compilation_layout

    fmt = choose_format(fmt, output, "md", FORMATS)
    paper = choose_paper(paper, fmt)
    layout = compilation_layout(state.ws, symbol, lang, checked_date(date), own_symbol=own_symbol)
    _emit_own(layout, fmt, output, paper, _("the compilation of proposals"))


@click.command(help=_("Gather the statements and reservations of delegations on SYMBOL, as an annex."))
@click.argument("symbol")
@click.option("--rev", type=int, help=_("Revision (default: the latest)."))
@click.option("--date", metavar="YYYY-MM-DD", help=_("Date in the header (default: the revision's)."))
@symbol_option
@document_options(FORMATS, "md")
@pass_state
def annex(
    state: State,
    symbol: str,
    rev: int | None,
    date: str | None,
    own_symbol: str | None,
    lang: str | None,
    fmt: str | None,
    output: Path | None,
    paper: str | None,
) -> None:
    """Every statement on record, its delegation, the paragraph it concerns and its text."""
    from tracker.render.annex import annex_layout

    fmt = choose_format(fmt, output, "md", FORMATS)
    paper = choose_paper(paper, fmt)
    layout = annex_layout(state.ws, symbol, rev, lang, checked_date(date), own_symbol=own_symbol)
    _emit_own(layout, fmt, output, paper, _("the annex of statements"))


@click.command(help=_("Write the chair's report on the negotiation of SYMBOL."))
@click.argument("symbol")
@date_option
@symbol_option
@click.option("--chair", metavar="NAME", help=_("Who signs the report (default: from wgt.toml and the roster)."))
@click.option("--place", metavar="PLACE", help=_("Where it is signed (default: wgt.toml [documents] place)."))
@document_options(FORMATS, "md")
@pass_state
def report(
    state: State,
    symbol: str,
    date: str | None,
    own_symbol: str | None,
    chair: str | None,
    place: str | None,
    lang: str | None,
    fmt: str | None,
    output: Path | None,
    paper: str | None,
) -> None:
    """History, paragraphs by status, proposals by delegation, statements, conclusions, what remains pending."""
    from tracker.render.report import report_layout

    fmt = choose_format(fmt, output, "md", FORMATS)
    paper = choose_paper(paper, fmt)
    layout = report_layout(state.ws, symbol, lang, checked_date(date), own_symbol=own_symbol, chair=chair, place=place)
    _emit_own(layout, fmt, output, paper, _("the chair's report"))


COMMANDS = [compare, compilation, annex, report]
