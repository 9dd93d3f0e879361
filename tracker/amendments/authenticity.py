"""Signing amendment records as they are made, and checking them whenever they are read.

* the proposal (its metadata) is signed by the proposing delegation;
* each language version by whoever wrote it: the delegation, or the secretariat translating;
* each status change by whoever made it, chained to the signature before it, so a
  change cannot be dropped or reordered unnoticed;
* who may do what: only the proposer withdraws; only the chair or the secretariat
  accepts or rejects; only the secretariat incorporates.
"""

from __future__ import annotations

from tracker.amendments.record import Amendment
from tracker.errors import WgtError
from tracker.i18n import _, term
from tracker.trust.signing import sign, verify
from tracker.workspace import Config

#: Roles that may set each status (the proposer, named "proposer", may withdraw).
STATUS_ROLES = {
    "proposed": ("proposer", "chair", "secretariat"),
    "accepted": ("chair", "secretariat"),
    "rejected": ("chair", "secretariat"),
    "withdrawn": ("proposer",),
    "incorporated": ("secretariat",),
}


def seal_new(record: Amendment) -> None:
    """Sign a new record: the proposal, its language versions, its first status."""
    record.signature = sign(record.by, record.act())
    for lang, version in record.texts.items():
        version.signed_by = version.signed_by or record.by
        version.signature = sign(version.signed_by, version.act(record, lang))
    _seal_history_from(record, 0)


def seal_text(record: Amendment, lang: str, signer: str) -> None:
    """Sign the language version ``lang`` just added by ``signer``."""
    version = record.texts[lang]
    version.signed_by = signer
    version.signature = sign(signer, version.act(record, lang))


def seal_status(record: Amendment) -> None:
    """Sign the status change just appended."""
    _seal_history_from(record, len(record.history) - 1)


def _seal_history_from(record: Amendment, start: int) -> None:
    for seq in range(start, len(record.history)):
        change = record.history[seq]
        change.signature = sign(change.by, change.act(record, seq, _previous(record, seq)))


def _previous(record: Amendment, seq: int) -> str:
    return record.signature if seq == 0 else record.history[seq - 1].signature


def check(record: Amendment, keys_of, config: Config, name: str, verify=verify) -> None:
    """Refuse a record whose signatures are missing, wrong, or by someone not entitled.

    ``verify`` checks one signature (:func:`tracker.trust.signing.verify` unless
    the caller remembers what it has already proved).
    """

    def fail(reason: str) -> None:
        raise WgtError(
            _("{name}: amendment {id} refused: {reason}; restore the file from git or re-propose").format(
                name=name, id=record.id or "?", reason=reason
            )
        )

    if not keys_of(record.by):
        fail(
            _("{code} has no key registered in this workspace; run 'wgt keys register --as {code}'").format(
                code=record.by
            )
        )
    if not record.signature:
        fail(_("the proposal is not signed"))
    if not verify(keys_of(record.by), record.act(), record.signature):
        fail(
            _("the proposal's signature is not {code}'s (forged, altered, or {code}'s key is not registered)").format(
                code=record.by
            )
        )
    for lang, version in sorted(record.texts.items()):
        signer = version.signed_by
        if not signer or not version.signature:
            fail(_("its {language} text is not signed").format(language=lang))
        if signer != record.by and _role(config, signer) != "secretariat":
            fail(
                _("its {language} text is signed by {code}, who is neither the proposer nor the secretariat").format(
                    language=lang, code=signer
                )
            )
        if not verify(keys_of(signer), version.act(record, lang), version.signature):
            fail(
                _("its {language} text does not match {code}'s signature (altered after signing?)").format(
                    language=lang, code=signer
                )
            )
    if not record.history or record.history[0].status != "proposed" or record.history[0].by != record.by:
        fail(_("its history does not start with the proposer's proposal"))
    for seq, change in enumerate(record.history):
        if not change.signature or not verify(
            keys_of(change.by), change.act(record, seq, _previous(record, seq)), change.signature
        ):
            fail(
                _("status change {number} ({status} by {code}) is not signed by {code}").format(
                    number=seq + 1, status=term(change.status), code=change.by
                )
            )
        allowed = STATUS_ROLES[change.status]
        role = "proposer" if change.by == record.by and "proposer" in allowed else _role(config, change.by)
        if role not in allowed:
            fail(
                _("{code} ({role}) may not make it {status}").format(
                    code=change.by, role=term(role), status=term(change.status)
                )
            )


def _role(config: Config, code: str) -> str:
    try:
        return config.participant(code).role
    except WgtError:
        return "unknown"
