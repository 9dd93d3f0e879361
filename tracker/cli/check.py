"""``wgt check``: a revision's English and Spanish (every working language) compared unit by unit."""

from __future__ import annotations

import json

import click

from tracker.cli.main import State, pass_state, printable
from tracker.i18n import _


@click.command()
@click.argument("symbol")
@click.option(
    "--rev", type=click.IntRange(min=0), metavar="N", help="The issued revision to check (default: the latest)."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_state
def check(state: State, symbol: str, rev: int | None, fmt: str) -> None:
    """Compare the language versions of SYMBOL's revision, unit by unit, and its open proposals.

    Reports numbers, dates, document symbols, member states, brackets, footnotes,
    quoted terms and the glossary pairs of wgt.toml that differ. Exit status: 0 when
    the versions agree, 1 when they differ, 2 when the symbol or revision is wrong.

    JSON keys: document, rev, languages, units_checked, units (each: unit, wId,
    differences: kind, blocking, values {lang: [...]}, message), blocking, counts
    (kind: n), proposals_checked, proposals (each: id, unit, differences).
    """
    from tracker.consistency.document import check_document
    from tracker.errors import WgtError

    try:
        report = check_document(state.ws, symbol, rev)
    except WgtError as exc:
        # Status 1 means "the versions differ": a script must tell a wrong symbol from that.
        error = click.ClickException(printable(str(exc)))
        error.exit_code = 2
        raise error from None
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_text(report)
    if not report.consistent:
        click.get_current_context().exit(1)  # differences are findings, not a failure of the command


def _print_text(report) -> None:
    from tracker.consistency.findings import kind_name

    click.echo(
        _("{symbol} rev. {rev}: {languages} compared").format(
            symbol=report.document, rev=report.rev, languages=" / ".join(report.languages)
        )
    )
    for unit in report.units:
        click.echo(f"{unit.label} ({unit.wid})")
        _print_differences(unit.differences, kind_name)
    for proposal in report.proposals:
        click.echo(_("proposal {id} on {unit}").format(id=proposal.id, unit=proposal.unit))
        _print_differences(proposal.differences, kind_name)
    blocking = sum(1 for u in report.units if u.blocking)
    click.echo(
        _("Units checked: {checked}; with differences: {differing}; blocking an issue: {blocking}.").format(
            checked=report.units_checked, differing=len(report.units), blocking=blocking
        )
    )
    if report.proposals_checked:
        click.echo(
            _("Open proposals checked: {checked}; with differences: {differing}.").format(
                checked=report.proposals_checked, differing=len(report.proposals)
            )
        )


def _print_differences(differences, kind_name) -> None:
    for finding in differences:
        marker = "!" if finding.blocking else "-"
        click.echo(f"  {marker} {kind_name(finding.kind)}: {finding.values_line()}")
        click.echo(f"      {finding.text()}")


COMMANDS = [check]
