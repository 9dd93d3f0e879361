"""Capitals' confirmations and the silence procedure: the library behind ``wgt confirm`` and ``wgt silence``.

Both are entries of the document's negotiation record (:mod:`tracker.amendments.negotiation`),
each signed by whoever makes it, under the one rule table: a delegation confirms (or withdraws
its consent to) what was agreed ad referendum pending its capital; the chair puts a revision to
silence until a deadline in the group's time zone (``[body] timezone`` in ``wgt.toml``); a
delegation breaks silence with an objection before the deadline; after it the chair closes the
procedure: adopted under silence, or broken.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from tracker.akn.text import MAX_STATEMENT_CHARS
from tracker.amendments.negotiation import ADOPTED, BROKEN, AdReferendum, Silence
from tracker.amendments.operations import clean
from tracker.amendments.proposals import Context, _entitled
from tracker.amendments.store import AmendmentStore
from tracker.clock import now
from tracker.errors import WgtError
from tracker.i18n import N_, _
from tracker.trust.actions import Action
from tracker.workspace import Workspace


def group_zone(ws: Workspace) -> ZoneInfo:
    """The group's time zone (``[body] timezone`` in ``wgt.toml``, UTC when it names none)."""
    return ZoneInfo(getattr(ws.config, "timezone", "") or "UTC")


def deadline_utc(ws: Workspace, until: str) -> str:
    """``until`` (``YYYY-MM-DD HH:MM`` in the group's time zone; a date alone: its last second) in UTC."""
    text = until.strip()
    formats = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")
    for form in formats:
        try:
            local = dt.datetime.strptime(text, form)
        except ValueError:
            continue
        if form == "%Y-%m-%d":
            local = local.replace(hour=23, minute=59, second=59)
        moment = local.replace(tzinfo=group_zone(ws)).astimezone(dt.timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    raise WgtError(
        _("{until!r} is not a deadline; write it as YYYY-MM-DD HH:MM, in the group's time zone ({zone})").format(
            until=until[:40], zone=group_zone(ws).key
        )
    )


def local_time(ws: Workspace, moment: str) -> dt.datetime:
    """A UTC time as wgt writes it, in the group's time zone."""
    utc = dt.datetime.strptime(moment, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    return utc.astimezone(group_zone(ws))


def confirm(ws: Workspace, symbol: str, unit: str, by: str, *, withdraw: bool = False) -> tuple[str, AdReferendum]:
    """``by``'s capital confirms ``unit`` (or withdraws its consent); returns the unit's label and where it stands."""
    message = _("only delegations confirm what was agreed ad referendum; {code} is a {role}")
    who = _entitled(ws, by, "confirm", message)
    ctx = Context.of(ws, symbol)
    target = ctx.current(ctx.languages[0]).unit(unit)
    store = AmendmentStore(ws)
    status = "consent-withdrawn" if withdraw else "confirmed"
    with Action(ws, who.code, "confirm", f"{ctx.symbol.base} {target.label}") as action:
        state = store.negotiation(ctx.symbol.slug)
        ad_ref = state.ad_referendum.get(target.wid)
        if state.statuses.get(target.wid) != "ad-ref" or ad_ref is None or who.code not in ad_ref.pending:
            raise WgtError(
                _("{unit} of {symbol} is not agreed ad referendum pending {code}; there is nothing to confirm").format(
                    unit=target.label, symbol=ctx.symbol.base, code=who.code
                )
            )
        if not withdraw and who.code in ad_ref.confirmed:
            raise WgtError(_("{code} already confirmed {unit}").format(code=who.code, unit=target.label))
        store.mark(action, ctx.symbol.slug, target.wid, status)
    after = store.negotiation(ctx.symbol.slug).ad_referendum[target.wid]
    return target.label, after


def silence_start(ws: Workspace, symbol: str, by: str, until: str, rev: int | None = None) -> Silence:
    """Put rev. ``rev`` (the latest by default) to silence until ``until`` (the group's time zone)."""
    who = _entitled(
        ws, by, "silence.start", _("only the chair or the secretariat starts a silence procedure; {code} is a {role}")
    )
    ctx = Context.of(ws, symbol)
    rev = ctx.latest if rev is None else rev
    if rev != ctx.latest:
        raise WgtError(
            _(
                "rev. {rev} is not the latest revision of {symbol} (rev. {latest}); silence runs on the text in force"
            ).format(rev=rev, symbol=ctx.symbol.base, latest=ctx.latest)
        )
    deadline = deadline_utc(ws, until)
    store = AmendmentStore(ws)
    with Action(ws, who.code, "silence.start", ctx.symbol.with_rev(rev)) as action:
        running = store.negotiation(ctx.symbol.slug).open_silence
        if running is not None:
            raise WgtError(
                _("rev. {rev} of {symbol} is already under silence until {until}; close it first").format(
                    rev=running.rev, symbol=ctx.symbol.base, until=running.until
                )
            )
        if deadline <= now():
            raise WgtError(_("the deadline {until} has passed already; give one to come").format(until=until))
        store.mark(action, ctx.symbol.slug, "", "silence-start", rev=rev, until=deadline)
    return store.negotiation(ctx.symbol.slug).silences[-1]


def silence_break(ws: Workspace, symbol: str, by: str, text: str, unit: str | None = None) -> Silence:
    """``by`` breaks silence with a signed objection (on ``unit``, if given) before the deadline."""
    who = _entitled(ws, by, "silence.break", _("only delegations break silence; {code} is a {role}"))
    ctx = Context.of(ws, symbol)
    wid = ctx.current(ctx.languages[0]).unit(unit).wid if unit else ""
    objection = clean(text, N_("objection"), limit=MAX_STATEMENT_CHARS).strip()
    if not objection:
        raise WgtError(_('say what is objected to: --text "…"'))
    store = AmendmentStore(ws)
    with Action(ws, who.code, "silence.break", ctx.symbol.base) as action:
        running = _refuse_none_running(store, ctx)
        action.subject = ctx.symbol.with_rev(running.rev)
        if now() > running.until:
            raise WgtError(
                _("the silence procedure on {symbol} ended at {until}; a break after the deadline is refused").format(
                    symbol=ctx.symbol.with_rev(running.rev), until=running.until
                )
            )
        store.mark(action, ctx.symbol.slug, wid, "silence-break", rev=running.rev, text=objection)
    return store.negotiation(ctx.symbol.slug).silences[-1]


def silence_close(ws: Workspace, symbol: str, by: str) -> Silence:
    """Close the procedure: adopted under silence (the deadline passed, no break) or broken."""
    who = _entitled(
        ws, by, "silence.close", _("only the chair or the secretariat closes a silence procedure; {code} is a {role}")
    )
    ctx = Context.of(ws, symbol)
    store = AmendmentStore(ws)
    with Action(ws, who.code, "silence.close", ctx.symbol.base) as action:
        running = _refuse_none_running(store, ctx)
        action.subject = ctx.symbol.with_rev(running.rev)
        if not running.breaks and now() < running.until:
            raise WgtError(
                _("silence on {symbol} runs until {until}; it can be closed after the deadline").format(
                    symbol=ctx.symbol.with_rev(running.rev), until=running.until
                )
            )
        outcome = BROKEN if running.breaks else ADOPTED
        store.mark(action, ctx.symbol.slug, "", "silence-close", rev=running.rev, outcome=outcome)
    return store.negotiation(ctx.symbol.slug).silences[-1]


def _refuse_none_running(store: AmendmentStore, ctx: Context) -> Silence:
    running = store.negotiation(ctx.symbol.slug).open_silence
    if running is None:
        raise WgtError(
            _("no silence procedure is running on {symbol} ('wgt silence start' begins one)").format(
                symbol=ctx.symbol.base
            )
        )
    return running
