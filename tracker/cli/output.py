"""What every command that writes a document for people shares: its options, its format, its output.

Text formats go to standard output without ``-o``; binary formats (DOCX,
PDF) need ``-o FILE``. Without ``--format`` the extension of FILE decides; a
``--format`` that FILE's extension contradicts (``--format txt -o x.pdf``) is
refused naming both, before anything is written, and so is an extension that
names no format this command writes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from tracker.i18n import _
from tracker.render import BINARY_FORMATS

#: File extensions and the format each names.
EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
}
#: Formats written to a file as another: a terminal's coloured text is plain text once in a file.
WRITTEN_AS = {"term": "txt"}


def document_options(formats: list[str], default: str) -> Callable:
    """``--lang``, ``--format`` (one of ``formats``), ``-o/--output``, ``--paper`` and a translated ``--help``."""
    from tracker.paper import PAPERS

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
                help=_("Write to FILE instead of standard output (required for docx and pdf)."),
            ),
            click.option(
                "--paper",
                type=click.Choice(PAPERS),
                help=_("Paper of a PDF (default: [pdf] paper in wgt.toml, else letter)."),
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


def checked_date(date: str | None) -> str | None:
    """A ``--date`` as given, refused unless it is a date written YYYY-MM-DD."""
    import datetime as dt

    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise click.BadParameter(_("{date!r} is not a date; write it as YYYY-MM-DD").format(date=date)) from None
    return date


def choose_format(fmt: str | None, output: Path | None, default: str, formats: list[str]) -> str:
    """The format asked for, else the one FILE's extension names, else ``default``.

    Refused, naming what disagrees: a format FILE's extension contradicts, an extension this command
    cannot write or that names no format (when ``--format`` is absent), a binary format to stdout.
    """
    if output is not None:
        _refuse_kept(output)  # a file the workspace keeps is refused first, whatever its name says
    suffix = output.suffix if output is not None else ""
    named = EXTENSIONS.get(suffix.lower())
    if fmt is not None and named is not None and WRITTEN_AS.get(fmt, fmt) != named:
        raise click.UsageError(
            _(
                "--format {format} does not match {path}, whose extension {extension} names {named}: "
                "drop --format, or name the file for {format}"
            ).format(format=fmt, path=output, extension=suffix, named=named)
        )
    if fmt is None and suffix:
        if named is None:
            raise click.UsageError(
                _("cannot tell the format of {path} from its extension {extension}: give --format ({formats})").format(
                    path=output, extension=suffix, formats=", ".join(formats)
                )
            )
        fmt = next((f for f in formats if WRITTEN_AS.get(f, f) == named), None)
        if fmt is None:
            raise click.UsageError(
                _("{path} names {named}, which this command does not write; its formats: {formats}").format(
                    path=output, named=named, formats=", ".join(formats)
                )
            )
    fmt = fmt or default
    if fmt in BINARY_FORMATS and output is None:
        raise click.UsageError(
            _("{format} is a binary format: name the file to write with -o FILE.").format(format=fmt.upper())
        )
    return fmt


def choose_paper(paper: str | None, fmt: str) -> str | None:
    """The paper of a PDF: ``--paper``, else the workspace's (``[pdf] paper``); refused for other formats."""
    if fmt != "pdf":
        if paper is not None:
            raise click.UsageError(
                _(
                    "--paper sets the paper of a PDF; {format} has none (give --format pdf, or leave --paper out)"
                ).format(format=fmt)
            )
        return None
    if paper is not None:
        return paper
    from tracker.cli.main import State

    state = click.get_current_context().find_object(State)
    return state.ws.config.paper if state is not None else None


def write_document(result: str | bytes, output: Path | None, wrote: str, color: bool | None = None) -> None:
    """Print ``result``, or write it to ``output`` (atomically, never over a file wgt keeps) and say ``wrote``."""
    from tracker.storage import write_output

    if output is None:
        click.echo(result, nl=False, color=color)
        return
    _refuse_kept(output)
    data = result if isinstance(result, bytes) else click.unstyle(result).encode("utf-8")
    write_output(output, data)
    click.echo(wrote)


def _refuse_kept(output: Path) -> None:
    """Refuse ``-o`` onto a file the workspace keeps (a draft, the log, a record, wgt.toml …)."""
    from tracker.cli.main import State

    state = click.get_current_context().find_object(State)
    if state is not None:
        state.ws.refuse_managed_output(output)


def fail_on_problems(problems: list, checked_phrase: str) -> None:
    """Print each problem on stderr and fail with their count "in <checked_phrase>" (nothing if none)."""
    from tracker.cli.main import printable
    from tracker.i18n import count_words, ngettext, ui_language

    for problem in problems:  # problems may quote what another party wrote into a file
        click.echo(printable(str(problem)), err=True)
    if problems:
        found = ngettext("Found {n} problem in {files}", "Found {n} problems in {files}", len(problems))
        raise click.ClickException(found.format(n=count_words(len(problems), ui_language()), files=checked_phrase))
