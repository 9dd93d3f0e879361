"""Commands on the road to consensus: compromise texts, revisions, capitals' confirmations, silence.

``wgt amend compromise|restore|revise`` (added to the ``amend`` group), ``wgt confirm`` and
``wgt silence start|break|close``. Each is a thin shell over :mod:`tracker.amendments.compromise`,
:mod:`tracker.amendments.revise` and :mod:`tracker.amendments.consensus`.
"""

from __future__ import annotations

import click

from tracker.cli.amend import amend, build_operation, operation_options
from tracker.cli.main import State, pass_state
from tracker.i18n import _, term


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


@amend.command("compromise")
@click.argument("symbol")
@click.option("--unit", required=True, help="The unit the compromise is on (op3, pp5 or a stable id).")
@click.option(
    "--supersedes", required=True, metavar="IDS", help="The proposals it merges, comma-separated (AR-1,US-2)."
)
@click.option("--lang", help="Language the compromise is written in (default: the author's).")
@operation_options
@click.option("--justification", default="", help="Why the chair proposes it.")
@click.option(
    "--as", "actor", default="CHAIR", show_default=True, envvar="WGT_AS", help="Who proposes it (chair or secretariat)."
)
@pass_state
def compromise_(
    state: State,
    symbol,
    unit,
    supersedes,
    lang,
    old,
    new,
    insert,
    after,
    before,
    delete,
    text,
    edit,
    justification,
    actor,
) -> None:
    """Propose a compromise text on a unit that supersedes named proposals; prints its id (e.g. CHAIR-1)."""
    from tracker.amendments.compromise import compromise
    from tracker.documents import load_draft

    base = load_draft(state.ws, symbol, None, lang).unit(unit).text if edit else None
    operation = build_operation(base, old, new, insert, after, before, delete, text, edit)
    record, superseded = compromise(
        state.ws,
        symbol,
        actor,
        unit=unit,
        supersedes=_ids(supersedes),
        operation=operation,
        lang=lang,
        justification=justification,
    )
    click.echo(record.id)
    click.echo("  " + _("supersedes {ids}").format(ids=", ".join(r.id for r in superseded)))


@amend.command("restore")
@click.argument("amendment_ids", nargs=-1, required=True)
@click.option(
    "--as", "actor", default="CHAIR", show_default=True, envvar="WGT_AS", help="Who restores (chair or secretariat)."
)
@pass_state
def restore_(state: State, amendment_ids, actor) -> None:
    """Bring superseded proposals back while the compromise is not accepted."""
    from tracker.amendments.compromise import restore

    for record in restore(state.ws, list(amendment_ids), actor):
        click.echo(_("{id} {status}").format(id=record.id, status=term(record.status)))


@amend.command("revise")
@click.argument("amendment_id")
@operation_options
@click.option("--as", "actor", required=True, envvar="WGT_AS", help="The proposer (only it revises its proposal).")
@pass_state
def revise_(state: State, amendment_id, old, new, insert, after, before, delete, text, edit, actor) -> None:
    """Change a proposal's own text while it is proposed; its translations become outdated."""
    from tracker.amendments.proposals import proposal_texts
    from tracker.amendments.revise import revise
    from tracker.amendments.store import AmendmentStore

    current = None
    if edit:
        record = AmendmentStore(state.ws).get(amendment_id)
        current = proposal_texts(state.ws, record, record.original_lang)[1]
    operation = build_operation(current, old, new, insert, after, before, delete, text, edit)
    record, outdated = revise(state.ws, amendment_id, actor, operation)
    click.echo(_("{id}: {language} text revised").format(id=record.id, language=record.original_lang))
    for lang in outdated:
        click.echo(
            "  "
            + _(
                "translation outdated: {language} (translate it again: 'wgt amend translate {id} --lang {language} …')"
            ).format(language=lang, id=record.id)
        )


@click.command()
@click.argument("symbol")
@click.argument("unit")
@click.option("--withdraw", is_flag=True, help="Withdraw the delegation's consent instead (the unit is open again).")
@click.option("--as", "actor", required=True, envvar="WGT_AS", help="The delegation whose capital confirms (it signs).")
@pass_state
def confirm(state: State, symbol, unit, withdraw, actor) -> None:
    """Confirm, on the capital's instructions, a unit agreed ad referendum."""
    from tracker.amendments.consensus import confirm as do_confirm

    label, ad_ref = do_confirm(state.ws, symbol, unit, actor, withdraw=withdraw)
    code = actor.upper()
    if withdraw:
        click.echo(
            _("{code} withdrew its consent to {label}: the paragraph is open again").format(code=code, label=label)
        )
    elif ad_ref.waiting:
        click.echo(
            _("{code} confirmed {label}; still pending: {codes}").format(
                code=code, label=label, codes=", ".join(ad_ref.waiting)
            )
        )
    else:
        click.echo(
            _("{code} confirmed {label}: every confirmation is in, the paragraph is agreed").format(
                code=code, label=label
            )
        )


@click.group()
def silence() -> None:
    """The silence procedure: a text is adopted unless a delegation objects before the deadline."""


@silence.command("start")
@click.argument("symbol")
@click.option("--until", "until", required=True, help="Deadline, YYYY-MM-DD HH:MM in the group's time zone (wgt.toml).")
@click.option("--rev", type=int, help="The revision put to silence (default: the latest).")
@click.option(
    "--as", "actor", default="CHAIR", show_default=True, envvar="WGT_AS", help="Who starts it (chair or secretariat)."
)
@pass_state
def start(state: State, symbol, until, rev, actor) -> None:
    """Put the latest revision to silence until a deadline."""
    from tracker.amendments.consensus import silence_start

    procedure = silence_start(state.ws, symbol, actor, until, rev)
    click.echo(
        _("rev. {rev} under silence until {until}").format(rev=procedure.rev, until=_local(state, procedure.until))
    )


@silence.command("break")
@click.argument("symbol")
@click.option("--text", required=True, help="The objection, verbatim.")
@click.option("--unit", help="The unit objected to (op5), if one.")
@click.option("--as", "actor", required=True, envvar="WGT_AS", help="The objecting delegation (it signs).")
@pass_state
def break_(state: State, symbol, text, unit, actor) -> None:
    """Break silence with a signed objection, before the deadline."""
    from tracker.amendments.consensus import silence_break

    procedure = silence_break(state.ws, symbol, actor, text, unit)
    click.echo(_("silence on rev. {rev} broken by {code}").format(rev=procedure.rev, code=actor.upper()))


@silence.command("close")
@click.argument("symbol")
@click.option(
    "--as", "actor", default="CHAIR", show_default=True, envvar="WGT_AS", help="Who closes it (chair or secretariat)."
)
@pass_state
def close(state: State, symbol, actor) -> None:
    """Close the procedure after its deadline: adopted under silence, or broken."""
    from tracker.amendments.consensus import silence_close

    procedure = silence_close(state.ws, symbol, actor)
    if procedure.outcome == "adopted":
        click.echo(_("rev. {rev} adopted under the silence procedure").format(rev=procedure.rev))
    else:
        codes = ", ".join(dict.fromkeys(b.by for b in procedure.breaks))
        click.echo(_("silence on rev. {rev} broken by {codes}").format(rev=procedure.rev, codes=codes))


def _local(state: State, moment: str) -> str:
    from tracker.amendments.consensus import group_zone, local_time

    return f"{local_time(state.ws, moment):%Y-%m-%d %H:%M} ({group_zone(state.ws).key})"


COMMANDS = [amend, confirm, silence]


def show_origins(ws, store, record, lang: str | None) -> None:
    """``wgt amend show ID --origins``: the compromise in each language, each piece labelled with its origin."""
    from tracker.amendments.compromise import origins
    from tracker.errors import WgtError
    from tracker.i18n import delegation_name, ui_language
    from tracker.patches.origins import shares

    if not record.supersedes:
        raise WgtError(
            _("{id} is no compromise text; --origins shows where a compromise's words come from").format(id=record.id)
        )
    click.echo(
        _("{id} by {by}: compromise superseding {ids} — {status}").format(
            id=record.id, by=record.by, ids=", ".join(record.supersedes), status=term(record.status)
        )
    )
    colours = ["cyan", "yellow", "magenta", "blue", "red"]
    palette = {sid: colours[n % len(colours)] for n, sid in enumerate(record.supersedes)}
    ui = ui_language()
    for language in [lang] if lang else record.languages:
        pieces = origins(ws, record, language)
        shown = []
        for piece in pieces:
            if piece.origin == "base":
                shown.append(piece.text)
            else:
                colour = palette.get(piece.origin, "green")
                shown.append(
                    click.style(piece.text, fg=colour, bold=piece.origin == record.by)
                    + click.style(f"⟨{piece.origin}⟩", dim=True)
                )
        click.echo(f"[{language}] " + "".join(shown))
        legend = []
        for origin, count in shares(pieces).items():
            name = (
                _("base text")
                if origin == "base"
                else origin
                if origin == record.by
                else f"{origin} ({delegation_name(origin.split('-')[0], ui)})"
            )
            legend.append(f"{name}: {count}")
        click.echo("     " + "; ".join(legend))
