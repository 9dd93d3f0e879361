"""``wgt publish``: the workspace as a static bilingual site, and a preview of it on this machine."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.main import State, pass_state
from tracker.cli.output import checked_date
from tracker.i18n import _, ngettext


@click.command(
    help=_("Write the whole workspace as a static site in SITE (both languages), to host or open from disk.")
)
@click.argument("site", type=click.Path(file_okay=False, path_type=Path))
@click.option("--serve", is_flag=True, help=_("Then serve the site on http://127.0.0.1:PORT/ until Ctrl-C."))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help=_("The port to serve on (0: a free one)."),
)
@click.option("--date", metavar="YYYY-MM-DD", help=_("The date of the compilation and the report (default: today)."))
@pass_state
def publish(state: State, site: Path, serve: bool, port: int, date: str | None) -> None:
    """Build the site (drawing again only what changed), then serve it when asked."""
    from tracker.lock import shared_lock
    from tracker.publish import build_site

    ws = state.ws_unlocked  # the shared lock is held for the build, not while serving
    ws.refuse_managed_output(site)
    date = checked_date(date)
    with shared_lock(ws.root):
        report = build_site(ws, site, today=date)
    click.echo(
        ngettext(
            "Published {path}: {written} file written, {kept} unchanged, {removed} removed.",
            "Published {path}: {written} files written, {kept} unchanged, {removed} removed.",
            len(report.written),
        ).format(path=report.root, written=len(report.written), kept=len(report.kept), removed=len(report.removed))
    )
    click.echo(
        _("Open {path} in a browser, or copy the folder to any static host.").format(path=report.root / "index.html")
    )
    if serve:
        from tracker.publish.serve import serve as serve_site

        def ready(address: str) -> None:
            click.echo(_("Serving {path} on {address} (Ctrl-C stops).").format(path=report.root, address=address))

        serve_site(report.root, port, ready)
        click.echo(_("Stopped serving."))


COMMANDS = [publish]
