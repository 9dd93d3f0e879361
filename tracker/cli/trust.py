"""Commands on keys, roles and integrity: ``wgt keys …``, ``wgt roles set``, ``wgt verify``."""

from __future__ import annotations

import click

from tracker.cli.main import State, pass_state
from tracker.i18n import _, count_words, ngettext, term, ui_language


@click.group()
def keys() -> None:
    """Make, register, approve and revoke the keys that sign what each participant does."""


@keys.command("init")
@click.option("--as", "code", required=True, help="Participant code (MX, US, SEC, CHAIR …).")
@click.option("--force", is_flag=True, help="Replace an existing key.")
@click.pass_obj
def keys_init(state: State, code: str, force: bool) -> None:
    """Make a private key, outside any workspace ($WGT_KEYS_DIR or ~/.config/wgt/keys)."""
    from tracker.errors import WgtError
    from tracker.trust.keys import create_key
    from tracker.workspace import participant_code

    code = participant_code(code)
    try:
        root = state.ws.root
    except WgtError:
        root = None
    path = create_key(code, root, force=force)
    click.echo(
        _("Private key for {code} written to {path}; keep it there, never in a workspace.").format(code=code, path=path)
    )


@keys.command("register")
@click.option("--as", "code", required=True, help="Participant code whose key to register.")
@pass_state
def keys_register(state: State, code: str) -> None:
    """Make this participant's key if this machine has none, and ask the secretariat to approve it."""
    from tracker.trust.governance import request_key

    request, made = request_key(state.ws, code)
    if made is not None:
        click.echo(
            _("Private key for {code} written to {path}; keep it there, never in a workspace.").format(
                code=request.code, path=made
            )
        )
    click.echo(
        _(
            "Key request filed for {code}: {fingerprint}. Send this fingerprint to the secretariat by another "
            "channel (phone, note verbale); it approves it with 'wgt keys approve {code}'."
        ).format(code=request.code, fingerprint=request.fingerprint)
    )


@keys.command("approve")
@click.argument("code")
@click.option("--fingerprint", metavar="SHA256:…", help="The fingerprint the participant sent (checked).")
@click.option("--replace", is_flag=True, help="Revoke the participant's other keys (a key rotation).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option(
    "--as", "actor", default="SEC", show_default=True, envvar="WGT_AS", help="Who approves (the secretariat)."
)
@pass_state
def keys_approve(state: State, code: str, fingerprint: str | None, replace: bool, yes: bool, actor: str) -> None:
    """Approve a participant's pending key request into the signed roster."""
    from tracker.errors import WgtError
    from tracker.trust.governance import approve_key, pending_requests
    from tracker.workspace import participant_code

    code = participant_code(code)
    pending = {r.code: r for r in pending_requests(state.ws)}
    if code not in pending:
        raise WgtError(
            _("{code} has no pending key request; ask {code} to run 'wgt keys register --as {code}' first").format(
                code=code
            )
        )
    if fingerprint is None and not yes:
        question = _(
            "Approve key {fingerprint} for {code}? Compare it with the fingerprint {code} sent you by another channel."
        ).format(fingerprint=pending[code].fingerprint, code=code)
        if not click.confirm(question, default=False):
            raise WgtError(_("not approved; nothing was changed"))
    request = approve_key(state.ws, code, actor, expected=fingerprint, replace=replace)
    click.echo(_("Approved {code}'s key {fingerprint}").format(code=code, fingerprint=request.fingerprint))


@keys.command("revoke")
@click.argument("code")
@click.option("--key", "key_fingerprint", metavar="SHA256:…", help="Which key (needed when it has several).")
@click.option("--as", "actor", default="SEC", show_default=True, envvar="WGT_AS", help="Who revokes (the secretariat).")
@pass_state
def keys_revoke(state: State, code: str, key_fingerprint: str | None, actor: str) -> None:
    """Revoke a participant's key: from now on nothing new may be signed with it."""
    from tracker.trust.governance import revoke_key

    revoked = revoke_key(state.ws, code, key_fingerprint, actor)
    click.echo(_("Revoked {code}'s key {fingerprint}").format(code=code.upper(), fingerprint=revoked))


@keys.command("list")
@pass_state
def keys_list(state: State) -> None:
    """List the participants, their roles and keys, and the pending key requests."""
    from tracker.trust.state import read_log

    log = read_log(state.ws)
    for code, member in sorted(log.members.items()):
        for key in member.keys or [None]:
            if key is None:
                click.echo(f"{code:<8} {term(member.role):<14} " + _("no key"))
                continue
            status = _("revoked") if key.revoked is not None else _("active")
            click.echo(f"{code:<8} {term(member.role):<14} {key.fingerprint}  {status}")
    for request in sorted(log.pending.values(), key=lambda r: r.seq):
        click.echo(
            _("{code} asks to have {fingerprint} approved ('wgt keys approve {code}')").format(
                code=request.code, fingerprint=request.fingerprint
            )
        )


@click.group()
def roles() -> None:
    """Change a participant's role (the secretariat's signed decision)."""


@roles.command("set")
@click.argument("code")
@click.argument("role", type=click.Choice(["delegation", "secretariat", "chair", "observer"]))
@click.option("--as", "actor", default="SEC", show_default=True, envvar="WGT_AS", help="Who decides (the secretariat).")
@pass_state
def roles_set(state: State, code: str, role: str, actor: str) -> None:
    """Give CODE the role ROLE in the signed roster."""
    from tracker.trust.governance import set_role

    set_role(state.ws, code, role, actor)
    click.echo(_("{code} is now {role}").format(code=code.upper(), role=term(role)))


@click.command()
@click.option(
    "--expect", metavar="HASH", help="The log head you kept from an earlier 'wgt verify' (must still be in the log)."
)
@click.option(
    "--forget-witness",
    is_flag=True,
    help="Forget the log head this machine remembers here (after restoring an older copy on purpose).",
)
@pass_state
def verify(state: State, expect: str | None, forget_witness: bool) -> None:
    """Replay the signed log and check every file against it, its signatures and the rules."""
    from tracker.cli.output import fail_on_problems
    from tracker.verify import head, verify_workspace

    if forget_witness:
        from tracker.trust import witness

        witness.forget(state.ws.root)
    checked, problems = verify_workspace(state.ws, expect)
    n = count_words(checked, ui_language())
    fail_on_problems(problems, ngettext("{n} file", "{n} files", checked).format(n=n))
    entries, last = head(state.ws)
    click.echo(
        ngettext(
            "One file verified: hash and signature intact",
            "All {n} files verified: hashes and signatures intact",
            checked,
        ).format(n=n)
    )
    click.echo(
        _("log: {n} entries, head {hash} (keep it; 'wgt verify --expect HASH' checks it later)").format(
            n=entries, hash=last
        )
    )


@click.command("log")
@click.argument("symbol", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_state
def log_(state: State, symbol: str | None, fmt: str) -> None:
    """Show who did what and when, from the signed log and its commits (of one document with SYMBOL).

    One row an entry, oldest first: its number, time, participant, act and
    subject, and, in a workspace that is a git repository, the commit that
    brought it. --format json gives a list of objects with the keys seq (the
    entry's number), hash (the entry's sha256), at (UTC time), by (participant
    code, who signed it), act, subject, files (the paths it wrote) and commit
    (the git commit id, or null in a plain folder or before it is committed).
    """
    import json

    from tracker.trust.commits import entry_commits
    from tracker.trust.state import read_log

    entries = read_log(state.ws).entries
    commits = entry_commits(state.ws)
    if symbol:
        from tracker.documents import resolve_symbol

        slug = resolve_symbol(state.ws, symbol).slug
        entries = [e for e in entries if any(f.split("/")[1:2] == [slug] for f in e.files)]
    if fmt == "json":
        rows = [
            {
                "seq": e.seq,
                "hash": e.hash,
                "at": e.at,
                "by": e.by,
                "act": e.act,
                "subject": e.subject,
                "files": list(e.files),
                "commit": commits.get(e.seq),
            }
            for e in entries
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for e in entries:
        commit = f"  {commits[e.seq][:10]}" if e.seq in commits else ""
        click.echo(f"{e.seq:>5}  {e.at}  {e.by:<8} {e.act:<13} {e.subject}{commit}")


COMMANDS = [keys, roles, verify, log_]
