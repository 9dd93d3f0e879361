"""What every command that writes a document for people shares: its options, its format, its output.

Text formats go to standard output without ``-o``; binary formats (DOCX)
need ``-o FILE``; without ``--format`` the extension of FILE decides.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from tracker.i18n import _
from tracker.render import BINARY_FORMATS

#: File extensions that name a format when ``--format`` is not given.
EXTENSIONS = {".html": "html", ".htm": "html", ".docx": "docx", ".md": "md", ".txt": "txt"}


def document_options(formats: list[str], default: str) -> Callable:
    """``--lang``, ``--format`` (one of ``formats``), ``-o/--output`` and a translated ``--help``."""

    def decorate(command: Callable) -> Callable:
        options = [
            click.option("--lang", help=_("Language of the document (default: the workspace's first).")),
            click.option(
                "--format",
                "fmt",
                type=click.Choice(formats),
                help=_("Output format (default: from the extension of FILE, else {default}).").format(default=default),
            ),
            click.option(
                "-o",
                "--output",
                type=click.Path(dir_okay=False, path_type=Path),
                help=_("Write to FILE instead of standard output (required for docx)."),
            ),
            click.help_option("-h", "--help", help=_("Show this message and exit.")),
        ]
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def date_option(command: Callable) -> Callable:
    """``--date YYYY-MM-DD`` for the header of a document made today."""
    return click.option("--date", metavar="YYYY-MM-DD", help=_("Date in the header (default: today)."))(command)


def choose_format(fmt: str | None, output: Path | None, default: str, formats: list[str]) -> str:
    """The format asked for, else the one FILE's extension names, else ``default``; refuses DOCX to stdout."""
    guessed = EXTENSIONS.get(output.suffix.lower()) if output else None
    fmt = fmt or (guessed if guessed in formats else None) or default
    if fmt in BINARY_FORMATS and output is None:
        raise click.UsageError(
            _("{format} is a binary format: name the file to write with -o FILE.").format(format=fmt.upper())
        )
    return fmt


def write_document(result: str | bytes, output: Path | None, wrote: str, color: bool | None = None) -> None:
    """Print ``result``, or write it to ``output`` (atomically, never over a file wgt keeps) and say ``wrote``."""
    from tracker.cli.main import State
    from tracker.storage import write_output

    if output is None:
        click.echo(result, nl=False, color=color)
        return
    state = click.get_current_context().find_object(State)
    if state is not None and state._workspace is not None:
        state.ws.refuse_managed_output(output)
    data = result if isinstance(result, bytes) else click.unstyle(result).encode("utf-8")
    write_output(output, data)
    click.echo(wrote)


def fail_on_problems(problems: list, checked_phrase: str) -> None:
    """Print each problem on stderr and fail with their count "in <checked_phrase>" (nothing if none)."""
    from tracker.cli.main import printable
    from tracker.i18n import ngettext

    for problem in problems:  # problems may quote what another party wrote into a file
        click.echo(printable(str(problem)), err=True)
    if problems:
        count = ngettext("{n} problem(s)", "{n} problem(s)", len(problems)).format(n=len(problems))
        raise click.ClickException(_("{problems} in {files}").format(problems=count, files=checked_phrase))
