"""``wgt status``: who this machine can act as, what the workspace holds, what waits for whom."""

from __future__ import annotations

import json

import click

from tracker.cli.main import State, pass_state
from tracker.i18n import _, ngettext, term, ui_language
from tracker.render.prose import counted

#: How each kind of waiting task reads (the subject is an amendment id, a participant or a document).
TASK_TEXT = {
    "approve-key": lambda: _("approve the key request of {subject}"),
    "translate": lambda: _("translate {subject}"),
    "issue": lambda: _("issue the next revision of {subject} (accepted proposals wait)"),
    "decide": lambda: _("decide {subject}"),
    "cosponsor": lambda: _("co-sponsor {subject} (you were invited)"),
    "awaiting-decision": lambda: _("your {subject} awaits the chair's decision"),
    "awaiting-translation": lambda: _("your {subject} awaits the secretariat's translation"),
    "confirm": lambda: _("your capital's confirmation of {subject} (agreed ad referendum)"),
    "silence-running": lambda: _("{subject} is under silence: object before the deadline, or stay silent"),
    "close-silence": lambda: _("close the silence procedure on {subject} (its deadline has passed)"),
}
#: A document's amendment records counted by status (the records: proposals and statements).
RECORD_COUNTS = {
    "proposed": lambda n: ngettext("{n} proposed", "{n} proposed", n),
    "accepted": lambda n: ngettext("{n} accepted", "{n} accepted", n),
    "rejected": lambda n: ngettext("{n} rejected", "{n} rejected", n),
    "withdrawn": lambda n: ngettext("{n} withdrawn", "{n} withdrawn", n),
    "incorporated": lambda n: ngettext("{n} incorporated", "{n} incorporated", n),
}
KEY_TEXT = {
    "approved": lambda: _("key approved"),
    "pending": lambda: _("key waiting for the secretariat's approval"),
    "unregistered": lambda: _("key not registered here: run 'wgt keys register --as {code}'"),
    "not-approved": lambda: _("this machine's key is not the approved one"),
    "unreadable": lambda: _("the key file cannot be read: make a new one with 'wgt keys init --as {code} --force'"),
}


@click.command()
@click.option("--as", "code", metavar="CODE", help="Show what waits for this participant only.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_state
def status(state: State, code: str | None, fmt: str) -> None:
    """Show who this machine can act as, what the workspace holds and what waits for each participant."""
    from tracker.status import workspace_status
    from tracker.workspace import participant_code

    result = workspace_status(state.ws, participant_code(code) if code else None)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(
        _("Workspace {path}: {body} ({languages})").format(
            path=result.root, body=result.body, languages=", ".join(result.languages)
        )
    )
    if result.identities:
        click.echo(_("This machine can act as:"))
        for who in result.identities:
            key = KEY_TEXT[who.key]().format(code=who.code)
            click.echo(f"  {who.code:<8} {term(who.role):<12} {key}")
    else:
        click.echo(_("This machine holds no participant's key: run 'wgt keys register --as CODE'."))
    click.echo(_("Documents:") if result.documents else _("No documents yet: 'wgt import FILE' brings the first."))
    for doc in result.documents:
        counts = result.proposals.get(doc.symbol, {})
        shown = ", ".join(
            RECORD_COUNTS[s](n).format(n=n) if s in RECORD_COUNTS else f"{n} {term(s)}"
            for s, n in sorted(counts.items())
        )
        line = f"  {doc.symbol:<20} {term(doc.type):<11} rev. {doc.latest_rev}  {','.join(doc.languages)}"
        click.echo(line + (f"  ({shown})" if shown else ""))
    for who, tasks in result.waiting.items():
        if not tasks:
            click.echo(_("Nothing waits for {code}.").format(code=who))
            continue
        waiting = ngettext("{n} thing waits for {code}:", "{n} things wait for {code}:", len(tasks))
        click.echo(counted(waiting, len(tasks), ui_language(), sentence=True, code=who))
        for task in tasks:
            click.echo(f"  {TASK_TEXT[task.what]().format(subject=task.subject):<58} {task.command}")


COMMANDS = [status]
