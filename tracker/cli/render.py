"""``wgt render``: the issued document in HTML, DOCX, PDF, Markdown or plain text.

Every message here goes through gettext in the UI language (``WGT_UI_LANG`` or
the locale of the environment); the document itself is written in its own
language, chosen with ``--lang``.
"""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.main import State, pass_state
from tracker.cli.output import choose_format, choose_paper, document_options, write_document
from tracker.i18n import _
from tracker.render import FORMATS


@click.command(help=_("Write the issued document SYMBOL (the latest revision by default) as a person reads it."))
@click.argument("symbol")
@click.option("--rev", type=int, help=_("Revision (default: the latest)."))
@document_options(list(FORMATS), "txt")
@pass_state
def render(
    state: State,
    symbol: str,
    rev: int | None,
    lang: str | None,
    fmt: str | None,
    output: Path | None,
    paper: str | None,
) -> None:
    """Lay the draft out and write it; text formats go to stdout without ``-o``."""
    from tracker.documents import load_draft
    from tracker.render import render_layout
    from tracker.render.issued import issued_layout

    fmt = choose_format(fmt, output, "txt", list(FORMATS))
    paper = choose_paper(paper, fmt)
    draft = load_draft(state.ws, symbol, rev, lang)
    wrote = _("Wrote {symbol} ({language}, {format}) to {path}").format(
        symbol=draft.meta.symbol if draft.meta.rev == 0 else f"{draft.meta.symbol} rev. {draft.meta.rev}",
        language=draft.meta.lang,
        format=fmt,
        path=output,
    )
    write_document(render_layout(issued_layout(state.ws, draft), fmt, paper), output, wrote)


COMMANDS = [render]
