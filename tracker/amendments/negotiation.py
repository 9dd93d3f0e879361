"""A document's negotiation record: the signed entries of ``marks.json``, read as the group reads them.

Each entry is signed by whoever made it (who may: :data:`tracker.trust.rules.NEGOTIATION_ENTRIES`)
and chained to the one before. They say:

* ``agreed``, ``open``, ``ad-ref``: the chair's (or secretariat's) mark of a unit; an ``ad-ref`` mark
  may list the delegations whose capitals must still confirm (``pending``) and the date expected (``until``);
* ``confirmed`` / ``consent-withdrawn``: a delegation named in that list, confirming (the unit is agreed
  once the last one has) or withdrawing its consent (the unit is open again);
* ``silence-start`` (a revision, a deadline), ``silence-break`` (a delegation's objection, before the
  deadline), ``silence-close`` (adopted under silence, or broken).

:func:`sequence_problem` is the rule on their order and their clocks, checked on every read and before
every write: a break after the deadline, a confirmation by a delegation not asked for one, or an entry
dated in the future is refused. Time is what the entries' signed times and the log's order say: an
entry's moment is the latest of its own signed time, its log entry's and every earlier entry's, so
backdating a machine's clock gains nothing once anything later is on record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tracker.akn.text import MAX_STATEMENT_CHARS, describe_forbidden, forbidden_character
from tracker.clock import is_time, now
from tracker.i18n import _
from tracker.workspace import PARTICIPANT_CODE

#: How far ahead of this machine's clock an entry may be dated (clocks of 35 capitals drift).
CLOCK_SKEW = dt.timedelta(minutes=5)
#: The optional fields an entry may carry, each signed with it.
ENTRY_FIELDS = ("pending", "until", "rev", "text", "outcome")
ADOPTED, BROKEN = "adopted", "broken"


@dataclass
class AdReferendum:
    """A unit agreed ad referendum: who must confirm, by when, and who has."""

    unit: str
    by: str
    at: str
    pending: list[str]
    until: str = ""
    confirmed: dict[str, str] = field(default_factory=dict)  # code -> when

    @property
    def waiting(self) -> list[str]:
        """The delegations whose confirmation has not arrived, in the order listed."""
        return [code for code in self.pending if code not in self.confirmed]

    def overdue(self, on: str) -> list[str]:
        """Who has not confirmed though the date expected is before ``on`` (an ISO date)."""
        return self.waiting if self.until and self.until < on[:10] else []


@dataclass
class Break:
    by: str
    at: str
    text: str
    unit: str = ""


@dataclass
class Silence:
    """One silence procedure on a revision: its deadline (UTC), who started it, the breaks, and how it closed."""

    rev: int
    until: str
    by: str
    at: str
    breaks: list[Break] = field(default_factory=list)
    outcome: str = ""  # "", ADOPTED or BROKEN
    closed_by: str = ""
    closed_at: str = ""


@dataclass
class NegotiationState:
    """What a document's negotiation record says, entry by entry taken in."""

    statuses: dict[str, str] = field(default_factory=dict)  # unit wId -> agreed | ad-ref | open
    ad_referendum: dict[str, AdReferendum] = field(default_factory=dict)  # the units' latest ad-ref marks
    withdrawn: dict[str, str] = field(default_factory=dict)  # unit wId -> who withdrew consent (latest)
    silences: list[Silence] = field(default_factory=list)
    #: The latest signed time of the entries taken in so far.
    latest: str = ""

    @property
    def open_silence(self) -> Silence | None:
        """The silence procedure running now (started, not closed), if any."""
        last = self.silences[-1] if self.silences else None
        return last if last is not None and not last.outcome else None


def read_entries(entries: list[dict[str, Any]], log_times: list[str] | None = None) -> NegotiationState:
    """The state the ``entries`` leave (they passed :func:`sequence_problem`)."""
    state = NegotiationState()
    for entry, moment in zip(entries, _moments(entries, log_times)):
        _take(state, entry, moment)
    return state


def sequence_problem(
    entries: list[dict[str, Any]], log_times: list[str] | None = None, today: str | None = None
) -> tuple[int, str] | None:
    """``(entry number, why)`` for the first entry that may not stand where it is, or None.

    ``log_times`` gives the signed time of the log entry that entered each entry (None: not
    known, for an entry not logged yet); ``today`` is this machine's clock (now by default).
    """
    limit = _parse(today or now()) + CLOCK_SKEW
    state = NegotiationState()
    for n, entry in enumerate(entries):
        problem = _field_problem(entry)
        if problem:
            return n + 1, problem
        moment = _moments(entries[n : n + 1], log_times[n : n + 1] if log_times else None, state.latest)[0]
        state.latest = max(state.latest, entry["at"])
        if _parse(entry["at"]) > limit:
            problem = _("it is dated {at}, in the future (a clock is wrong)").format(at=entry["at"])
        problem = problem or _order_problem(state, entry, moment)
        if problem:
            return n + 1, problem
        _take(state, entry, moment)
    return None


def _moments(entries: list[dict[str, Any]], log_times: list[str] | None, latest: str = "") -> list[str]:
    """Each entry's moment: the latest of its signed time, its log entry's, and every earlier entry's.

    ``latest`` is the latest signed time of the entries before these.
    """
    moments = []
    for n, entry in enumerate(entries):
        latest = max(latest, entry["at"])
        logged = log_times[n] if log_times is not None and n < len(log_times) else ""
        moments.append(max(latest, logged or ""))
    return moments


def _parse(moment: str) -> dt.datetime:
    return dt.datetime.strptime(moment, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)


def _field_problem(entry: dict[str, Any]) -> str | None:
    if not is_time(entry["at"]) or len(entry["unit"]) > 200 or forbidden_character(entry["unit"]) is not None:
        return _("its time or its unit is not one")
    pending = entry.get("pending", [])
    if not isinstance(pending, list) or not all(isinstance(c, str) and PARTICIPANT_CODE.match(c) for c in pending):
        return _("its list of delegations to confirm is not one")
    if len(pending) != len(set(pending)) or len(pending) > 100:
        return _("its list of delegations to confirm is not one")
    until = entry.get("until", "")
    if until and not (is_iso_date(until) if entry["status"] == "ad-ref" else is_time(until)):
        return _("its date {until!r} is not one").format(until=until[:40])
    text = entry.get("text", "")
    if len(text) > MAX_STATEMENT_CHARS:
        return _("its text has {count:,} characters, more than the {limit:,} one text may hold").format(
            count=len(text), limit=MAX_STATEMENT_CHARS
        )
    if forbidden_character(text) is not None:
        return describe_forbidden(text, _("text"))
    rev = entry.get("rev", 0)
    if not isinstance(rev, int) or isinstance(rev, bool) or not 0 <= rev < 10**6:
        return _("its revision is not one")
    return None


def is_iso_date(value: str) -> bool:
    """Whether ``value`` is a date written YYYY-MM-DD (an ad referendum mark's expected date)."""
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _order_problem(state: NegotiationState, entry: dict[str, Any], moment: str) -> str | None:
    status, unit, by = entry["status"], entry["unit"], entry["by"]
    if status in ("confirmed", "consent-withdrawn"):
        ad_ref = state.ad_referendum.get(unit) if state.statuses.get(unit) == "ad-ref" else None
        if ad_ref is None or by not in ad_ref.pending:
            return _("{code} was not asked to confirm {unit} (it is not agreed ad referendum pending {code})").format(
                code=by, unit=unit
            )
        if status == "confirmed" and by in ad_ref.confirmed:
            return _("{code} already confirmed {unit}").format(code=by, unit=unit)
        return None
    running = state.open_silence
    if status == "silence-start":
        if running is not None:
            return _("a silence procedure on rev. {rev} is still running").format(rev=running.rev)
        if not entry.get("until") or entry["until"] <= moment:
            return _("its deadline {until} is not after the moment it was set ({at})").format(
                until=entry.get("until", ""), at=moment
            )
        return None
    if status in ("silence-break", "silence-close"):
        if running is None or entry.get("rev", 0) != running.rev:
            return _("no silence procedure on rev. {rev} is running").format(rev=entry.get("rev", 0))
        if status == "silence-break":
            if moment > running.until:
                return _("silence was broken at {at}, after the deadline {until}").format(
                    at=moment, until=running.until
                )
            if not entry.get("text", "").strip():
                return _("a break of silence says what is objected to")
            return None
        expected = BROKEN if running.breaks else ADOPTED
        if entry.get("outcome") != expected:
            return _("it closes the procedure as {outcome!r}, but it was {expected}").format(
                outcome=entry.get("outcome", ""), expected=expected
            )
        if not running.breaks and moment < running.until:
            return _("it closes the procedure at {at}, before its deadline {until}").format(
                at=moment, until=running.until
            )
    return None


def _take(state: NegotiationState, entry: dict[str, Any], moment: str) -> None:
    status, unit, by = entry["status"], entry["unit"], entry["by"]
    if status in ("agreed", "open", "ad-ref"):
        state.statuses[unit] = status
        state.withdrawn.pop(unit, None)
        if status == "ad-ref":
            pending = list(entry.get("pending", []))
            state.ad_referendum[unit] = AdReferendum(unit, by, entry["at"], pending, entry.get("until", ""))
    elif status == "confirmed":
        ad_ref = state.ad_referendum[unit]
        ad_ref.confirmed[by] = entry["at"]
        if not ad_ref.waiting:
            state.statuses[unit] = "agreed"
    elif status == "consent-withdrawn":
        state.statuses[unit] = "open"
        state.withdrawn[unit] = by
    elif status == "silence-start":
        state.silences.append(Silence(entry.get("rev", 0), entry["until"], by, moment))
    elif status == "silence-break":
        state.silences[-1].breaks.append(Break(by, moment, entry.get("text", ""), unit))
    elif status == "silence-close":
        running = state.silences[-1]
        running.outcome, running.closed_by, running.closed_at = entry.get("outcome", ""), by, moment
