"""Commands on amendments: ``wgt amend …``, ``wgt conflicts``, ``wgt mark``, ``wgt rev issue``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tracker.cli.main import State, pass_state
from tracker.i18n import _, term


def operation_options(command):
    """The OPERATION options shared by ``propose`` and ``translate``."""
    options = [
        click.option("--replace", "old", metavar="OLD", help="Words to replace (with --with)."),
        click.option("--with", "new", metavar="NEW", help="The replacement for --replace."),
        click.option("--insert", metavar="TEXT", help="Words to insert (with --after or --before ANCHOR)."),
        click.option(
            "--after", metavar="ANCHOR|ID", help="Insert after these words; with --new-unit, the unit to follow."
        ),
        click.option("--before", metavar="ANCHOR", help="Insert before these words."),
        click.option("--delete", metavar="TEXT", help="Words to delete."),
        click.option("--text", metavar="TEXT", help="The whole new text of the unit (or of a new unit / statement)."),
        click.option("--edit", is_flag=True, help="Edit the unit's text in $EDITOR."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def build_operation(base_text: str | None, old, new, insert, after, before, delete, text, edit):
    """The one :class:`Operation` the options describe; a clear error for none or several."""
    from tracker.amendments.operations import Operation
    from tracker.errors import WgtError

    chosen = [
        name
        for name, value in (
            ("--replace", old),
            ("--insert", insert),
            ("--delete", delete),
            ("--text", text),
            ("--edit", edit),
        )
        if value
    ]
    if len(chosen) != 1:
        if chosen:
            raise WgtError(
                _("give exactly one of --replace/--with, --insert, --delete, --text, --edit (got {options})").format(
                    options=", ".join(chosen)
                )
            )
        raise WgtError(_("give exactly one of --replace/--with, --insert, --delete, --text, --edit"))
    if old is not None:
        if new is None:
            raise WgtError(_("--replace needs --with NEW"))
        return Operation("replace", old=old, new=new)
    if insert is not None:
        if bool(after) == bool(before):
            raise WgtError(_("--insert needs exactly one of --after ANCHOR or --before ANCHOR"))
        return Operation("insert", new=insert, anchor=after or before, before=bool(before))
    if delete is not None:
        return Operation("delete", old=delete)
    if text is not None:
        return Operation("text", new=text)
    edited = click.edit(base_text or "")
    if edited is None:
        raise WgtError(_("the editor was closed without saving; nothing proposed"))
    return Operation("text", new=edited.strip())


@click.group()
def amend() -> None:
    """Propose, translate, list, show, withdraw, accept and reject amendments."""


@amend.command()
@click.argument("symbol")
@click.option("--by", required=True, help="Proposing delegation (ISO 3166 code, e.g. MX).")
@click.option("--unit", help="Unit to amend: op3, op7.a, pp5, II.B.2 or a stable id.")
@click.option("--lang", help="Language the proposal is written in (default: the delegation's).")
@operation_options
@click.option("--new-unit", is_flag=True, help="Propose a new unit (with --after ID --text TEXT).")
@click.option("--delete-unit", is_flag=True, help="Propose deleting the whole unit.")
@click.option(
    "--cosponsor",
    multiple=True,
    metavar="CODE",
    help="Delegation invited to co-sponsor (repeatable; it joins by signing).",
)
@click.option("--justification", default="", help="Why the delegation proposes it.")
@pass_state
def propose(
    state: State,
    symbol,
    by,
    unit,
    lang,
    old,
    new,
    insert,
    after,
    before,
    delete,
    text,
    edit,
    new_unit,
    delete_unit,
    cosponsor,
    justification,
) -> None:
    """Record a delegation's proposal; prints its id (e.g. MX-3)."""
    from tracker.amendments.proposals import propose as do_propose
    from tracker.documents import load_draft
    from tracker.errors import WgtError

    common = {"cosponsors": cosponsor, "justification": justification, "lang": lang}
    if new_unit:
        if not after or not text:
            raise WgtError(_("--new-unit needs --after ID (the unit it follows) and --text TEXT"))
        record = do_propose(state.ws, symbol, by, unit=None, new_unit_text=text, after=after, **common)
    elif delete_unit:
        if not unit:
            raise WgtError(_("--delete-unit needs --unit ID"))
        record = do_propose(state.ws, symbol, by, unit=unit, delete_unit=True, **common)
    else:
        if not unit:
            raise WgtError(_("say which unit with --unit ID (e.g. op3; 'wgt show SYMBOL --ids' lists them)"))
        base = load_draft(state.ws, symbol, None, lang).unit(unit).text if edit else None
        operation = build_operation(base, old, new, insert, after, before, delete, text, edit)
        record = do_propose(state.ws, symbol, by, unit=unit, operation=operation, **common)
    click.echo(record.id)


@amend.command()
@click.argument("symbol")
@click.option("--by", required=True, help="Delegation making the statement.")
@click.option("--unit", help="Unit it concerns (omit for the whole document).")
@click.option("--lang", help="Language of the statement (default: the delegation's).")
@click.option("--text", required=True, help="The statement, verbatim.")
@pass_state
def statement(state: State, symbol, by, unit, lang, text) -> None:
    """Enter a delegation's statement or reservation into the record; prints its id."""
    from tracker.amendments.proposals import add_statement

    click.echo(add_statement(state.ws, symbol, by, unit=unit, lang=lang, text=text).id)


@amend.command()
@click.argument("amendment_id")
@click.option("--lang", required=True, help="The language version being added.")
@operation_options
@click.option(
    "--as", "actor", default="SEC", show_default=True, envvar="WGT_AS", help="Who translates (secretariat or proposer)."
)
@pass_state
def translate(state: State, amendment_id, lang, old, new, insert, after, before, delete, text, edit, actor) -> None:
    """Add the other language version of a proposal or statement."""
    from tracker.amendments.proposals import translate as do_translate
    from tracker.amendments.store import AmendmentStore

    record = AmendmentStore(state.ws).get(amendment_id)
    if record.kind in ("statement", "new-unit"):
        result = do_translate(state.ws, amendment_id, lang, text=text, by=actor)
    else:
        operation = build_operation(None, old, new, insert, after, before, delete, text, edit) if not edit else None
        if edit:
            from tracker.amendments.proposals import Context

            base = Context.of(state.ws, record.document).drafts.get(record.base_rev, lang).unit(record.unit).text
            operation = build_operation(base, old, new, insert, after, before, delete, text, edit)
        result = do_translate(state.ws, amendment_id, lang, operation=operation, by=actor)
    click.echo(
        _("{id}: {language} version added (languages: {languages})").format(
            id=result.id, language=lang, languages=", ".join(result.languages)
        )
    )


@amend.command("list")
@click.argument("symbol")
@click.option(
    "--status", type=click.Choice(["proposed", "accepted", "rejected", "withdrawn", "incorporated", "superseded"])
)
@click.option("--by", "by_code", metavar="CODE", help="Only this delegation's.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_state
def list_(state: State, symbol, status, by_code, fmt) -> None:
    """List a document's amendments and statements."""
    from tracker.amendments.store import AmendmentStore
    from tracker.documents import load_draft, resolve_symbol

    sym = resolve_symbol(state.ws, symbol)
    records = AmendmentStore(state.ws).all(sym.slug)
    records = [r for r in records if (not status or r.status == status) and (not by_code or r.by == by_code.upper())]
    if fmt == "json":
        click.echo(json.dumps([r.summary() for r in records], ensure_ascii=False, indent=2))
        return
    if not records:
        click.echo(_("No amendments."))
        return
    draft = load_draft(state.ws, symbol)
    labels = {u.wid: u.label for u in draft.units()}
    for r in records:
        where = (
            labels.get(r.unit, r.unit or _("document"))
            if r.kind != "new-unit"
            else _("after {label}").format(label=labels.get(r.unit, r.unit))
        )
        co = f" +{','.join(r.cosponsors)}" if r.cosponsors else ""
        click.echo(
            f"{r.id:<8} {r.by}{co:<8} {term(r.kind):<12} {where:<12} {term(r.status):<12} {','.join(r.languages):<6} rev. {r.base_rev}"
        )


@amend.command()
@click.argument("amendment_id")
@click.option("--lang", help="Language to show (default: the original).")
@click.option(
    "--origins", is_flag=True, help="A compromise: where each word comes from (base text, a proposal, the chair)."
)
@pass_state
def show(state: State, amendment_id, lang, origins) -> None:
    """Show the unit with the proposed change redlined."""
    from tracker.amendments.proposals import proposal_texts
    from tracker.amendments.store import AmendmentStore
    from tracker.documents import load_draft
    from tracker.patches import word_diff

    store = AmendmentStore(state.ws)
    record = store.get(amendment_id)
    if origins:
        from tracker.cli.consensus import show_origins

        return show_origins(state.ws, store, record, lang)
    lang = lang or record.original_lang
    base, proposal = proposal_texts(state.ws, record, lang)
    co = " " + _("(co-sponsors: {codes})").format(codes=", ".join(record.cosponsors)) if record.cosponsors else ""
    labels = {u.wid: u.label for u in load_draft(state.ws, record.document).units()}
    where = f"{labels.get(record.unit, record.unit)} ({record.unit})" if record.unit else _("the document")
    click.echo(
        _("{id} by {by}{cosponsors}: {kind} of {unit} — {status}, rev. {rev}, Or. {language}").format(
            id=record.id,
            by=record.by,
            cosponsors=co,
            kind=term(record.kind),
            unit=where,
            status=term(record.status),
            rev=record.base_rev,
            language=record.original_lang,
        )
    )
    if record.justification:
        click.echo(_("Justification: {text}").format(text=record.justification))
    if record.supersedes:
        click.echo(_("Compromise superseding {ids}").format(ids=", ".join(record.supersedes)))
    if record.status == "superseded":
        click.echo(_("Superseded by {id}").format(id=record.history[-1].note))
    for outdated in store.outdated_translations(record):
        click.echo(_("Translation outdated: {language}").format(language=outdated))
    parts = []
    for op, words in word_diff(base, proposal):
        if op == -1:
            parts.append(click.style(f"[-{words}-]", fg="red", strikethrough=True))
        elif op == 1:
            parts.append(click.style(f"{{+{words}+}}", fg="green", underline=True))
        else:
            parts.append(words)
    click.echo(f"[{lang}] " + "".join(parts))


@amend.command("cosponsor")
@click.argument("amendment_id")
@click.option("--by", required=True, help="The delegation joining as co-sponsor (it signs).")
@pass_state
def cosponsor_(state: State, amendment_id, by) -> None:
    """Join a proposal as co-sponsor, with the delegation's own signature."""
    from tracker.amendments.proposals import cosponsor

    record = cosponsor(state.ws, amendment_id, by)
    click.echo(
        _("{code} co-sponsors {id} (co-sponsors: {codes})").format(
            code=by.upper(), id=record.id, codes=", ".join(record.cosponsors)
        )
    )


@amend.command()
@click.argument("amendment_id")
@click.option("--by", required=True, help="The delegation withdrawing it (must be the proposer).")
@pass_state
def withdraw(state: State, amendment_id, by) -> None:
    """Withdraw a proposal (only its proposing delegation may)."""
    from tracker.amendments.proposals import withdraw as do_withdraw

    record = do_withdraw(state.ws, amendment_id, by)
    click.echo(_("{id} withdrawn by {by}").format(id=record.id, by=record.by))


def _decision(status: str):
    @click.argument("amendment_ids", nargs=-1, required=True)
    @click.option(
        "--as", "actor", default="CHAIR", show_default=True, envvar="WGT_AS", help="Who decides (chair or secretariat)."
    )
    @pass_state
    def decide(state: State, amendment_ids, actor) -> None:
        from tracker.amendments.proposals import decide as do_decide

        for record in do_decide(state.ws, list(amendment_ids), status, actor):
            click.echo(_("{id} {status}").format(id=record.id, status=term(status)))

    return decide


amend.command("accept", help="Accept proposals (refused when two accepted ones collide).")(_decision("accepted"))
amend.command("reject", help="Reject proposals.")(_decision("rejected"))


@amend.command("export")
@click.argument("amendment_id")
@click.option(
    "-o", "--output", "target", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@pass_state
def export_(state: State, amendment_id, target) -> None:
    """Write a signed amendment to a file the delegation can e-mail."""
    from tracker.amendments.exchange import export_amendment

    record = export_amendment(state.ws, amendment_id, target)
    click.echo(_("{id} written to {path}").format(id=record.id, path=target))


@amend.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--as",
    "actor",
    default="SEC",
    show_default=True,
    envvar="WGT_AS",
    help="Who takes it in (the secretariat or the proposer).",
)
@pass_state
def import_(state: State, source, actor) -> None:
    """Take in a signed amendment file; refused if any signature or base text does not match."""
    from tracker.amendments.exchange import import_amendment

    record = import_amendment(state.ws, source, actor)
    click.echo(record.id)


@amend.command("from-word")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--by", required=True, help="The delegation whose edited file it is (it signs the proposals).")
@click.option("--lang", help="The file's language, checked against what the file says (default: the file's).")
@click.option("--dry-run", is_flag=True, help="Print the proposals the file would make; write nothing.")
@click.option("--strict-author", is_flag=True, help="Refuse a file holding changes by anyone but the delegation.")
@pass_state
def from_word_(state: State, file, by, lang, dry_run, strict_author) -> None:
    """Turn a delegation's edited Word file of a revision into its proposals.

    The file is one 'wgt render --format docx' wrote. Tracked changes, or edits made without Track Changes
    (compared with the revision), become one proposal per changed paragraph, all recorded or none; prints
    the new ids, one a line, after the summary (on stderr).
    """
    from tracker.fromword import from_word

    intake = from_word(state.ws, file, by, lang=lang, dry_run=dry_run, strict_author=strict_author)
    for line in intake.lines():
        click.echo(line, err=not dry_run)
    if not dry_run:
        for identifier in intake.ids:
            click.echo(identifier)


@click.command()
@click.argument("symbol")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_state
def conflicts(state: State, symbol, fmt) -> None:
    """List pairs of open proposals that change the same words, and stale ones."""
    from tracker.amendments.proposals import conflicts as find

    collisions, stale = find(state.ws, symbol)
    if fmt == "json":
        click.echo(
            json.dumps({"collisions": [c.to_json() for c in collisions], "stale": stale}, ensure_ascii=False, indent=2)
        )
        return
    for c in collisions:
        click.echo(f"{c.first} × {c.second}  {c.label or c.unit} ({c.lang}): {c.text!r}")
    for message in stale.values():
        click.echo(_("stale: {reason}").format(reason=message))
    if not collisions and not stale:
        click.echo(_("No collisions among open proposals."))


@click.command()
@click.argument("symbol")
@click.argument("unit")
@click.argument("status", type=click.Choice(["agreed", "ad-ref", "open"]))
@click.option(
    "--as", "actor", default="CHAIR", show_default=True, envvar="WGT_AS", help="Who marks (chair or secretariat)."
)
@click.option(
    "--pending", metavar="CODES", default="", help="With ad-ref: the delegations whose capitals must confirm (MX,US)."
)
@click.option("--until", metavar="DATE", default="", help="With ad-ref: the date confirmation is expected, YYYY-MM-DD.")
@pass_state
def mark(state: State, symbol, unit, status, actor, pending, until) -> None:
    """Record a unit's negotiation status: agreed, ad-ref (ad referendum) or open."""
    from tracker.amendments.proposals import mark as do_mark

    codes = [code.strip() for code in pending.split(",") if code.strip()]
    label = do_mark(state.ws, symbol, unit, status, actor, pending=codes, until=until)
    click.echo(_("{label} marked {status}").format(label=label, status=term(status)))
    if codes:
        click.echo("  " + _("pending confirmation by {codes}").format(codes=", ".join(c.upper() for c in codes)))


@click.group()
def rev() -> None:
    """Issue consolidated revisions."""


@rev.command("issue")
@click.argument("symbol")
@click.option("--date", help="Date of the revision, YYYY-MM-DD (default: today).")
@click.option("--as", "actor", default="SEC", show_default=True, envvar="WGT_AS", help="Who issues (the secretariat).")
@click.option(
    "--accept-differences",
    "accept",
    metavar="UNITS",
    default="",
    help="Issue although these units' languages differ in numbers, dates, symbols or footnotes "
    "(labels in the new revision, comma-separated: op3,op5; see 'wgt check').",
)
@pass_state
def issue(state: State, symbol, date, actor, accept) -> None:
    """Issue rev. N+1 in every language with the accepted amendments and the statements."""
    from tracker.amendments.consolidate import issue_revision

    accepted = [label.strip() for label in accept.split(",") if label.strip()]
    result = issue_revision(state.ws_unlocked, symbol, date=date, by=actor, accept_differences=accepted)
    click.echo(_("Issued {symbol} ({date})").format(symbol=result.symbol, date=result.date))
    if result.incorporated:
        click.echo("  " + _("amendments incorporated: {ids}").format(ids=", ".join(result.incorporated)))
    if result.statements:
        click.echo("  " + _("statements as footnotes: {ids}").format(ids=", ".join(result.statements)))
    for path in result.files:
        click.echo(f"  {path.relative_to(state.ws.root)}")


#: ``amend`` itself is registered by :mod:`tracker.cli.consensus`, which adds its compromise subcommands.
COMMANDS = [conflicts, mark, rev]
