"""``wgt render``: the issued document in HTML, DOCX, Markdown or plain text.

Every message here goes through gettext in the UI language (``WGT_UI_LANG`` or
the locale of the environment); the document itself is written in its own
language, chosen with ``--lang``.
"""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.main import State, pass_state
from tracker.cli.output import choose_format, document_options, write_document
from tracker.i18n import _
from tracker.render import FORMATS


@click.command(help=_("Write the issued document SYMBOL (the latest revision by default) as a person reads it."))
@click.argument("symbol")
@click.option("--rev", type=int, help=_("Revision (default: the latest)."))
@document_options(list(FORMATS), "txt")
@pass_state
def render(state: State, symbol: str, rev: int | None, lang: str | None, fmt: str | None, output: Path | None) -> None:
    """Lay the draft out and write it; text formats go to stdout without ``-o``."""
    from tracker.documents import load_draft
    from tracker.render import render as render_draft

    fmt = choose_format(fmt, output, "txt", list(FORMATS))
    draft = load_draft(state.ws, symbol, rev, lang)
    wrote = _("Wrote {symbol} ({language}, {format}) to {path}").format(
        symbol=draft.meta.symbol if draft.meta.rev == 0 else f"{draft.meta.symbol} rev. {draft.meta.rev}",
        language=draft.meta.lang,
        format=fmt,
        path=output,
    )
    write_document(render_draft(draft, fmt), output, wrote)


COMMANDS = [render]
