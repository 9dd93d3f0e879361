"""Commands on documents: init, import, list, show, validate."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tracker.cli.main import State, pass_state
from tracker.i18n import _, count_words, ngettext, term, ui_language

FORMATS = click.Choice(["text", "json"])


@click.command()
@click.option("--body", required=True, help='Symbol of the body, e.g. "CAJP/GT/TM".')
@click.option("--languages", default="en,es", show_default=True, help="Working languages, comma-separated.")
@click.option("--name", default="", help="Full name of the body.")
@click.option("--as", "actor", default="SEC", show_default=True, help="The secretariat member founding the group.")
@click.option("--no-git", "no_git", is_flag=True, help="A plain folder: no git repository, no commits.")
@click.option("--remote", metavar="URL", help="The group's shared git repository (a bare repository path, ssh, https).")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
def init(
    body: str, languages: str, name: str, actor: str, no_git: bool, remote: str | None, folder: Path | None
) -> None:
    """Found a group in FOLDER (default: here): wgt.toml, drafts/, amendments/ and the signed log.

    The folder is also a git repository on branch main whose first commit is the
    founding; every later action is one commit (--no-git: a plain folder).
    """
    from tracker.config_values import OAS_GLOSSARY, OAS_TIMEZONE
    from tracker.errors import WgtError
    from tracker.trust.governance import found
    from tracker.trust.keys import fingerprint, load_private_key, public_text
    from tracker.workspace import Config, default_participants

    if remote and no_git:
        raise WgtError(_("--remote needs the workspace to be a git repository: leave out --no-git"))
    langs = [lang.strip() for lang in languages.split(",") if lang.strip()]
    # A new group keeps its deadlines in Washington's time and starts with the OAS's agreed term pairs.
    glossary = dict(OAS_GLOSSARY) if {"en", "es"} <= set(langs) else {}
    config = Config(body, langs, name, default_participants(), timezone=OAS_TIMEZONE, glossary=glossary)
    ws, made = found(folder or Path.cwd(), config, actor, git=not no_git)
    if made is not None:
        click.echo(
            _("Private key for {code} written to {path}; keep it there, never in a workspace.").format(
                code=actor.upper(), path=made
            )
        )
    click.echo(
        _("Initialised workspace for {body} ({languages}) in {path}").format(
            body=body, languages=", ".join(langs), path=ws.root
        )
    )
    click.echo(
        _("Founded by {code} with key {fingerprint}.").format(
            code=actor.upper(), fingerprint=fingerprint(public_text(load_private_key(actor.upper())))
        )
    )
    if remote:
        from tracker.sync import add_remote, sync

        add_remote(ws, remote)
        sync(ws)
        click.echo(_("The group's repository is {url}; 'wgt sync' sends and takes in actions.").format(url=remote))


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--symbol", help='Document symbol, e.g. "CAJP/GT/TM-38/05" or "A/55/275/Add.1" (default: the one the text states).'
)
@click.option("--lang", help="Language of the text: en, es, fr, pt (default: told from the text).")
@click.option("--date", help="Date of the document, YYYY-MM-DD (default: the one the text states, else today).")
@click.option("--original-lang", help="Original language (default: the one the text states, else the first imported).")
@click.option(
    "--type", "doc_type", type=click.Choice(["resolution", "report", "note", "program"]), help="Chosen when omitted."
)
@click.option("--title", help="Title, when the text itself has none.")
@click.option("--dry-run", is_flag=True, help="Show what the import finds (summary and outline); write nothing.")
@click.option("--allow-unplaced", is_flag=True, help="Import even when over 5 % of the words stand outside units.")
@click.option("--accept-changes", is_flag=True, help="Word files: accept the tracked changes they hold.")
@click.option("--as", "actor", default="SEC", show_default=True, envvar="WGT_AS", help="Who imports (the secretariat).")
@pass_state
def import_(
    state: State,
    file: Path,
    symbol: str | None,
    lang: str | None,
    date: str | None,
    original_lang: str | None,
    doc_type: str | None,
    title: str | None,
    dry_run: bool,
    allow_unplaced: bool,
    accept_changes: bool,
    actor: str,
) -> None:
    """Import a text, Word or PDF FILE as a draft (rev. 0, or a language of the latest revision).

    Prints where every word went; refuses a text whose structure it cannot read, naming the line.
    """
    from tracker.imports import import_file

    result = import_file(
        state.ws,
        file,
        symbol,
        lang,
        date=date,
        doc_type=doc_type,
        title=title,
        by=actor,
        original_lang=original_lang,
        dry_run=dry_run,
        allow_unplaced=allow_unplaced,
        accept_changes=accept_changes,
    )
    draft = result.draft
    units = draft.units()
    notes = sum(len(u.notes) for u in units)
    if dry_run:
        click.echo(
            _("{file} would import as {symbol} rev. {rev} ({language}, {type}; nothing was written):").format(
                file=file,
                symbol=draft.meta.symbol,
                rev=draft.meta.rev,
                language=result.lang,
                type=term(draft.meta.doc_type),
            )
        )
    else:
        click.echo(
            _("Imported {file} as {symbol} rev. {rev} ({language}, {type}): {units}, {footnotes} -> {path}").format(
                file=file,
                symbol=draft.meta.symbol,
                rev=draft.meta.rev,
                language=result.lang,
                type=term(draft.meta.doc_type),
                units=ngettext("{n} unit", "{n} units", len(units)).format(n=len(units)),
                footnotes=ngettext("{n} footnote", "{n} footnotes", notes).format(n=notes),
                path=result.path.relative_to(state.ws.root),
            )
        )
    for line in result.summary.lines():
        click.echo("  " + line)
    for note in result.notes:
        click.echo("  " + _("note: {note}").format(note=note))
    click.echo(
        "  "
        + _("date {date}, original language {language}").format(date=draft.meta.date, language=result.original_lang)
    )
    if dry_run:
        for unit in units:
            words = " ".join(unit.text.split()[:8])
            click.echo(f"    {unit.label:<12} {words}{' …' if len(unit.text.split()) > 8 else ''}")


@click.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_state
def list_(state: State, fmt: str) -> None:
    """List the documents: symbol, type, latest revision, languages."""
    from tracker.documents import list_documents

    docs = list_documents(state.ws)
    if fmt == "json":
        click.echo(json.dumps([d.to_json() for d in docs], ensure_ascii=False, indent=2))
        return
    if not docs:
        click.echo(_("No documents yet; add one with 'wgt import FILE --symbol SYMBOL --lang LANG'."))
        return
    width = max(len(d.symbol) for d in docs)
    for d in docs:
        click.echo(
            f"{d.symbol:<{width}}  {term(d.type):<10}  rev. {d.latest_rev}  {','.join(d.languages):<6}  {d.title or ''}".rstrip()
        )


@click.command()
@click.argument("symbol")
@click.option("--lang", help="Language (default: the workspace's first).")
@click.option("--rev", type=int, help="Revision (default: the latest).")
@click.option("--ids", is_flag=True, help="Prefix each unit with its label and stable id.")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@pass_state
def show(state: State, symbol: str, lang: str | None, rev: int | None, ids: bool, fmt: str) -> None:
    """Print a document as text or JSON."""
    from tracker.documents import load_draft
    from tracker.views.plain import render_text
    from tracker.views.structured import draft_json

    draft = load_draft(state.ws, symbol, rev, lang)
    if fmt == "json":
        click.echo(json.dumps(draft_json(draft), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(draft, ids=ids), nl=False)


@click.command()
@pass_state
def validate(state: State) -> None:
    """Check every draft against the Akoma Ntoso schema and wgt's own rules."""
    from tracker.cli.output import fail_on_problems
    from tracker.documents import validate_workspace

    checked, problems = validate_workspace(state.ws)
    n = count_words(checked, ui_language())
    fail_on_problems(problems, ngettext("{n} draft file", "{n} draft files", checked).format(n=n))
    click.echo(
        ngettext(
            "Checked {n} draft file: valid (Akoma Ntoso 3.0 schema and wgt rules)",
            "Checked {n} draft files: all valid (Akoma Ntoso 3.0 schema and wgt rules)",
            checked,
        ).format(n=n)
    )


COMMANDS = [init, import_, list_, show, validate]
