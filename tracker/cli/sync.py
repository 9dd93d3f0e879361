"""Commands on the group's shared repository: ``wgt sync``."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.main import State, pass_state
from tracker.i18n import _, count_words, ngettext, ui_language


@click.command()
@click.option("--remote", default="origin", show_default=True, help="The git remote of the group's repository.")
@pass_state
def sync(state: State, remote: str) -> None:
    """Exchange new actions with the group's repository, each incoming one verified before it enters.

    Incoming commits are checked one by one against the signed log and the rule
    table before any enters this copy; one that breaks a rule is refused with its
    commit, author, file and rule, and nothing is merged. When this copy and the
    remote both have new actions, the remote's are taken and this copy's own are done
    again after them: an id the group already has is renumbered (you are told), and a
    decision on a record the group changed meanwhile is not applied (you are told both).
    """
    from tracker.sync import sync as run_sync

    _report(run_sync(state.ws, remote), remote)


def _report(done, source: str) -> None:
    """What a sync or a bundle taken in did, a line each (renumbered ids, decisions not applied on stderr)."""
    lang = ui_language()
    if done.received:
        click.echo(
            ngettext(
                "Received {n} action from {remote}, each verified.",
                "Received {n} actions from {remote}, each verified.",
                done.received,
            ).format(n=count_words(done.received, lang), remote=source)
        )
    if done.sent:
        click.echo(
            ngettext("Sent {n} action to {remote}.", "Sent {n} actions to {remote}.", done.sent).format(
                n=count_words(done.sent, lang), remote=source
            )
        )
    for old, new in done.renamed.items():
        click.echo(_("Your {old} is now {new}: {remote} already had a {old}.").format(old=old, new=new, remote=source))
    for said in done.not_applied:
        click.echo(_("Not applied: {what}").format(what=said), err=True)
    if not done.received and not done.sent and not done.not_applied:
        click.echo(_("Already in step with {remote}.").format(remote=source))


@click.group()
def bundle() -> None:
    """Carry the group's history in a file, where there is no connection (e-mail, USB stick)."""


@bundle.command("create")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_state
def bundle_create(state: State, file: Path) -> None:
    """Write FILE: this copy of the group, every action up to now, for another copy to take in."""
    from tracker.sync.bundle import create_bundle

    count = create_bundle(state.ws, file)
    click.echo(
        ngettext(
            "Wrote a bundle of {n} action to {path}; the other copy takes it in with 'wgt bundle apply {path}'.",
            "Wrote a bundle of {n} actions to {path}; the other copy takes it in with 'wgt bundle apply {path}'.",
            count,
        ).format(n=count_words(count, ui_language()), path=file)
    )


@bundle.command("apply")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_state
def bundle_apply(state: State, file: Path) -> None:
    """Take in the bundle FILE: every new action verified, this copy's own re-based after them."""
    from tracker.sync.bundle import apply_bundle

    _report(apply_bundle(state.ws, file), str(file))


@click.command()
@click.argument("url")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--as", "code", required=True, help="Your participant code (MX, US, CHAIR …).")
def join(url: str, folder: Path | None, code: str) -> None:
    """Copy the group from its repository, every commit verified, and ask to have your key approved.

    FOLDER (default: the last part of URL) must be new or empty. Your private key
    is made if this machine has none; the key request is a local commit that
    'wgt sync' sends to the secretariat.
    """
    from tracker.sync import join as run_join
    from tracker.trust.keys import fingerprint, load_private_key, public_text
    from tracker.workspace import participant_code

    code = participant_code(code)
    target = folder or Path(url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git") or "group")
    ws, request, made = run_join(url, target, code)
    if made is not None:
        click.echo(
            _("Private key for {code} written to {path}; keep it there, never in a workspace.").format(
                code=code, path=made
            )
        )
    click.echo(_("Copy of {body} made in {path}, every commit verified.").format(body=ws.config.body, path=ws.root))
    if request is None:
        click.echo(
            _("{code}'s key {fingerprint} is already approved in this group.").format(
                code=code, fingerprint=fingerprint(public_text(load_private_key(code)))
            )
        )
        return
    click.echo(
        _(
            "Key request filed for {code}: {fingerprint}. Send this fingerprint to the secretariat by another "
            "channel (phone, note verbale), then run 'wgt sync' to send the request."
        ).format(code=code, fingerprint=request.fingerprint)
    )


COMMANDS = [sync, join, bundle]
