"""Signing amendment records as they are made, and checking them whenever they are read.

* the proposal (its metadata) is signed by the proposing delegation;
* each language version by whoever wrote it: the delegation, or the secretariat translating;
* each status change by whoever made it, chained to the signature before it, so a
  change cannot be dropped or reordered unnoticed;
* each co-sponsorship by the co-sponsoring delegation itself;
* who may do what comes from the rule table (:mod:`tracker.trust.rules`), roles from
  the signed roster, and every signature names the group (:mod:`tracker.trust.signing`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from tracker.amendments.record import TRANSITIONS, Amendment, Cosponsorship
from tracker.errors import WgtError
from tracker.i18n import N_, _, term
from tracker.trust.rules import STATUS_ROLES, TEXT_SIGNERS, allowed
from tracker.trust.signing import Signer, verify


class Roster(Protocol):
    """What checking a record needs of the signed roster (a :class:`~tracker.trust.log.LogState`)."""

    group: str

    def keys_of(self, code: str) -> list[str]: ...

    def role(self, code: str) -> str: ...

    def role_at(self, code: str, seq: int) -> str: ...


#: When each part of a record was entered in the log: its status changes, co-sponsorships, texts
#: (:func:`tracker.trust.rules.record_times`); who may sign a part is judged by the roles of then.
Times = tuple[list[int], list[int], dict[str, int]]


def seal_new(record: Amendment, signer: Signer, group: str) -> None:
    """Sign a new record: the proposal, its language versions, its first status."""
    record.signature = signer.sign(record.act(), group)
    for lang, version in record.texts.items():
        version.signed_by = signer.code
        version.signature = signer.sign(version.act(record, lang), group)
    _seal_history_from(record, 0, signer, group)


def seal_text(record: Amendment, lang: str, signer: Signer, group: str) -> None:
    """Sign the language version ``lang`` just added by ``signer``."""
    version = record.texts[lang]
    version.signed_by = signer.code
    version.signature = signer.sign(version.act(record, lang), group)


def seal_status(record: Amendment, signer: Signer, group: str) -> None:
    """Sign the status change just appended (by ``signer``)."""
    _seal_history_from(record, len(record.history) - 1, signer, group)


def seal_cosponsorship(record: Amendment, cosponsorship: Cosponsorship, signer: Signer, group: str) -> None:
    """Sign ``signer``'s co-sponsorship of ``record``."""
    cosponsorship.signature = signer.sign(cosponsorship.act(record), group)


def reseal(record: Amendment, signers: dict[str, Signer], group: str) -> None:
    """Sign every part of ``record`` again, each by the participant who signed it (``signers``, by code).

    For a record renamed (its id changed: a site's offline proposal renumbered past the ids the
    group's copy already has): every signature covers the id. A part whose signer is not in
    ``signers`` raises ``KeyError`` with its code, before anything is changed.
    """
    needed = {record.by, *(v.signed_by for v in record.texts.values()), *(h.by for h in record.history)}
    needed |= {c.by for c in record.cosponsorships}
    missing = sorted(needed - set(signers))
    if missing:
        raise KeyError(missing[0])
    record.signature = signers[record.by].sign(record.act(), group)
    for lang, version in record.texts.items():
        version.signature = signers[version.signed_by].sign(version.act(record, lang), group)
    for cosponsorship in record.cosponsorships:
        cosponsorship.signature = signers[cosponsorship.by].sign(cosponsorship.act(record), group)
    for seq, change in enumerate(record.history):
        change.signature = signers[change.by].sign(change.act(record, seq, _previous(record, seq)), group)


def _seal_history_from(record: Amendment, start: int, signer: Signer, group: str) -> None:
    for seq in range(start, len(record.history)):
        change = record.history[seq]
        change.signature = signer.sign(change.act(record, seq, _previous(record, seq)), group)


def _previous(record: Amendment, seq: int) -> str:
    return record.signature if seq == 0 else record.history[seq - 1].signature


def check(record: Amendment, roster: Roster, name: str, verify: Callable = verify, when: Times | None = None) -> None:
    """Refuse a record whose signatures are missing, wrong, or by someone not entitled.

    ``verify`` checks one signature (:func:`tracker.trust.signing.verify` unless
    the caller remembers what it has already proved); ``when`` says which entry
    of the log entered each part, whose roles then decide (today's roles without it).
    """

    def role(code: str, seq: int | None) -> str:
        return roster.role(code) if seq is None else roster.role_at(code, seq)

    history_at, cosponsors_at, texts_at = when or (
        [None] * len(record.history),
        [None] * len(record.cosponsorships),
        {},
    )

    def fail(reason: str) -> None:
        raise WgtError(
            _("{name}: amendment {id} refused: {reason}; restore the file from git or re-propose").format(
                name=name, id=record.id or "?", reason=reason
            )
        )

    def signed(code: str, act: dict, signature: str) -> bool:
        return bool(signature) and verify(roster.keys_of(code), act, signature, roster.group)

    if not roster.keys_of(record.by):
        fail(
            _("{code} has no key registered in this workspace; run 'wgt keys register --as {code}'").format(
                code=record.by
            )
        )
    if not record.signature:
        fail(_("the proposal is not signed"))
    if not signed(record.by, record.act(), record.signature):
        fail(
            _(
                "the proposal's signature is not {code}'s in this group (forged, altered, made for another "
                "group, or {code}'s key is not registered)"
            ).format(code=record.by)
        )
    for lang, version in sorted(record.texts.items()):
        signer = version.signed_by
        if not signer or not version.signature:
            fail(_("its {language} text is not signed").format(language=lang))
        if not allowed(role(signer, texts_at.get(lang)), TEXT_SIGNERS, signer == record.by):
            fail(
                _("its {language} text is signed by {code}, who is neither the proposer nor the secretariat").format(
                    language=lang, code=signer
                )
            )
        if not signed(signer, version.act(record, lang), version.signature):
            fail(
                _("its {language} text does not match {code}'s signature (altered after signing?)").format(
                    language=lang, code=signer
                )
            )
    if not record.history or record.history[0].status != "proposed" or record.history[0].by != record.by:
        fail(_("its history does not start with the proposer's proposal"))
    for seq, change in enumerate(record.history):
        if not signed(change.by, change.act(record, seq, _previous(record, seq)), change.signature):
            fail(
                _("status change {number} ({status} by {code}) is not signed by {code}").format(
                    number=seq + 1, status=term(change.status), code=change.by
                )
            )
        if seq and change.status not in TRANSITIONS[record.history[seq - 1].status]:
            fail(
                _("status change {number} makes it {status} from {before}, which no one may").format(
                    number=seq + 1, status=term(change.status), before=term(record.history[seq - 1].status)
                )
            )
        then = role(change.by, history_at[seq])
        if not allowed(then, STATUS_ROLES[change.status], change.by == record.by):
            fail(
                _("{code} ({role}) may not make it {status}").format(
                    code=change.by, role=term(then or N_("unknown")), status=term(change.status)
                )
            )
    seen: set[str] = set()
    for index, cosponsorship in enumerate(record.cosponsorships):
        code = cosponsorship.by
        if code == record.by or code in seen or role(code, cosponsors_at[index]) != "delegation":
            fail(_("{code} cannot co-sponsor it (the proposer, twice, or not a delegation)").format(code=code))
        if not signed(code, cosponsorship.act(record), cosponsorship.signature):
            fail(_("the co-sponsorship of {code} is not signed by {code}").format(code=code))
        seen.add(code)


@dataclass(frozen=True)
class SignedPart:
    """One signed part of a record: what it is (``proposal``, ``text``, ``status``, ``cosponsor``), its detail
    (the language, the status change's number, or the co-sponsor), who signed it, and the key that did."""

    part: str
    detail: str
    by: str
    key: str | None


def signed_parts(record: Amendment, roster: Roster) -> list[SignedPart]:
    """Every signature of ``record`` (one :func:`check` accepted) with the registered key that made it.

    ``record`` must be one :func:`check` accepted (every record the store hands out is). ``key`` is
    the signer's public key that made the part: the only one when the signer has one (check proved
    one of them did), else the one that verifies it; None when none does, which a checked record
    never has.
    """
    parts: list[tuple[str, str, str, dict, str]] = [("proposal", "", record.by, record.act(), record.signature)]
    for lang, version in sorted(record.texts.items()):
        parts.append(("text", lang, version.signed_by, version.act(record, lang), version.signature))
    for seq, change in enumerate(record.history):
        act = change.act(record, seq, _previous(record, seq))
        parts.append(("status", str(seq + 1), change.by, act, change.signature))
    for cosponsorship in record.cosponsorships:
        parts.append(
            ("cosponsor", cosponsorship.by, cosponsorship.by, cosponsorship.act(record), cosponsorship.signature)
        )
    found = []
    for part, detail, code, act, signature in parts:
        keys = roster.keys_of(code)
        # With one key, check() already proved it made the part; with several, the one that verifies it.
        key = keys[0] if len(keys) == 1 else next((k for k in keys if verify([k], act, signature, roster.group)), None)
        found.append(SignedPart(part, detail, code, key))
    return found
