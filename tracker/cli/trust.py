"""Commands on keys and integrity: ``wgt keys init|register``, ``wgt verify``."""

from __future__ import annotations

import click

from tracker.cli.main import State, pass_state
from tracker.i18n import _, ngettext


@click.group()
def keys() -> None:
    """Make and register the Ed25519 keys that sign what each participant does."""


@keys.command("init")
@click.option("--as", "code", required=True, help="Participant code (MX, US, SEC, CHAIR …).")
@click.option("--force", is_flag=True, help="Replace an existing key.")
@click.pass_obj
def keys_init(state: State, code: str, force: bool) -> None:
    """Make a private key, outside any workspace ($WGT_KEYS_DIR or ~/.config/wgt/keys)."""
    from tracker.errors import WgtError
    from tracker.trust.keys import create_key

    try:
        root = state.ws.root
    except WgtError:
        root = None
    path = create_key(code.upper(), root, force=force)
    click.echo(
        _("Private key for {code} written to {path}; keep it there, never in a workspace.").format(
            code=code.upper(), path=path
        )
    )


@keys.command("register")
@click.option("--as", "code", required=True, help="Participant code whose public key to register.")
@pass_state
def keys_register(state: State, code: str) -> None:
    """Put a participant's public key into the workspace roster (roster.json)."""
    from tracker.amendments.record import now
    from tracker.lock import workspace_lock
    from tracker.trust.roster import register

    participant = state.ws.config.participant(code)
    with workspace_lock(state.ws.root):
        key = register(state.ws.root, participant.code, now())
    click.echo(_("Registered {code}'s public key {key}").format(code=participant.code, key=key))


@click.command()
@pass_state
def verify(state: State) -> None:
    """Check every issued revision and every record against its hashes and signatures."""
    from tracker.cli.output import fail_on_problems
    from tracker.verify import verify_workspace

    checked, problems = verify_workspace(state.ws)
    items = ngettext("{n} revisions and records", "{n} revisions and records", checked).format(n=checked)
    fail_on_problems(problems, items)
    click.echo(
        ngettext(
            "{n} revisions and records verified: hashes and signatures intact",
            "{n} revisions and records verified: hashes and signatures intact",
            checked,
        ).format(n=checked)
    )


COMMANDS = [keys, verify]
