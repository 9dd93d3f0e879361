"""``wgt render``: the issued document in HTML, DOCX, Markdown or plain text.

Every message here goes through gettext in the UI language (``WGT_UI_LANG`` or
the locale of the environment); the document itself is written in its own
language, chosen with ``--lang``.
"""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.main import State, pass_state
from tracker.i18n import _
from tracker.render import BINARY_FORMATS, FORMATS

#: File extensions that name a format when ``--format`` is not given.
_EXTENSIONS = {".html": "html", ".htm": "html", ".docx": "docx", ".md": "md", ".txt": "txt"}


@click.command(help=_("Write the issued document SYMBOL (the latest revision by default) as a person reads it."))
@click.argument("symbol")
@click.option("--rev", type=int, help=_("Revision (default: the latest)."))
@click.option("--lang", help=_("Language of the document (default: the workspace's first)."))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    help=_("Output format (default: from the extension of FILE, else txt)."),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("Write to FILE instead of standard output (required for docx)."),
)
@click.help_option("-h", "--help", help=_("Show this message and exit."))
@pass_state
def render(state: State, symbol: str, rev: int | None, lang: str | None, fmt: str | None, output: Path | None) -> None:
    """Lay the draft out and write it; text formats go to stdout without ``-o``."""
    from tracker.documents import load_draft
    from tracker.render import render as render_draft

    fmt = fmt or (_EXTENSIONS.get(output.suffix.lower()) if output else None) or "txt"
    if fmt in BINARY_FORMATS and output is None:
        raise click.UsageError(
            _("{format} is a binary format: name the file to write with -o FILE.").format(format=fmt.upper())
        )
    draft = load_draft(state.ws, symbol, rev, lang)
    result = render_draft(draft, fmt)
    if output is None:
        click.echo(result, nl=False)
        return
    data = result if isinstance(result, bytes) else result.encode("utf-8")
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise click.ClickException(
            _("cannot write {path}: {reason}").format(path=output, reason=exc.strerror or exc)
        ) from None
    click.echo(
        _("Wrote {symbol} ({language}, {format}) to {path}").format(
            symbol=draft.meta.symbol if draft.meta.rev == 0 else f"{draft.meta.symbol} rev. {draft.meta.rev}",
            language=draft.meta.lang,
            format=fmt,
            path=output,
        )
    )


COMMANDS = [render]
