"""Sending a proposal by e-mail: a signed file a delegation exports and the secretariat imports.

The file is the amendment record itself (already signed by the delegation) in
an envelope naming the format and the group. Importing checks every signature
against this group's roster (signatures name the group, so a record made in
another working group never verifies here), the base text against the named
revision, and that the id was never used in this workspace: a file altered on
the way, written for another document or group, or sent again after its
proposal was withdrawn, is refused.
"""

from __future__ import annotations

import json
from pathlib import Path

from tracker.amendments.authenticity import check
from tracker.amendments.record import MAX_RECORD_BYTES, Amendment
from tracker.amendments.store import AmendmentStore
from tracker.amendments.texts import proposed_text
from tracker.errors import WgtError
from tracker.i18n import _, term
from tracker.jsonfile import JsonShapeError, check_shape, parse_json
from tracker.storage import read_input, write_output
from tracker.trust.actions import Action
from tracker.trust.rules import ACTS, allowed
from tracker.trust.state import read_log
from tracker.workspace import Workspace

FORMAT = "wgt-amendment/2"


def export_amendment(ws: Workspace, amendment_id: str, target: Path) -> Amendment:
    """Write one signed amendment to ``target`` (a file to send; never one the workspace keeps)."""
    ws.refuse_managed_output(target)
    record = AmendmentStore(ws).get(amendment_id)
    envelope = {"format": FORMAT, "group": read_log(ws).group, "record": json.loads(record.to_json())}
    write_output(target, (json.dumps(envelope, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return record


def import_amendment(ws: Workspace, source: Path, by: str = "SEC") -> Amendment:
    """Take a signed amendment file into the workspace (as ``by``), refusing anything that does not verify."""
    from tracker.amendments.proposals import Context, participant

    try:
        envelope = parse_json(read_input(source, WgtError, MAX_RECORD_BYTES * 2))
        check_shape(envelope, {"format": str, "group": str, "record": dict})
    except JsonShapeError as exc:
        raise WgtError(_("{path}: not an exported amendment ({reason})").format(path=source, reason=exc)) from None
    if envelope["format"] != FORMAT:
        raise WgtError(
            _("{path}: not an exported amendment (expected format {format!r})").format(path=source, format=FORMAT)
        )
    state = read_log(ws)
    if envelope["group"] != state.group:
        raise WgtError(
            _(
                "{path}: exported from another working group ({group}), not this one; a proposal is made "
                "in the group that negotiates the text"
            ).format(path=source, group=envelope["group"][:19])
        )
    record = Amendment.from_json(json.dumps(envelope["record"]).encode(), str(source))
    receiver = participant(ws, by)
    if not allowed(receiver.role, ACTS["receive"][0], receiver.code == record.by):
        raise WgtError(
            _("only the secretariat or {proposer} takes in {id}; {code} is a {role}").format(
                proposer=record.by, id=record.id, code=receiver.code, role=term(receiver.role)
            )
        )
    # Signatures must verify with keys that may sign now: a key revoked since cannot bring in new acts.
    check(record, _ActiveKeys(state), str(source))
    if record.status != "proposed" or record.cosponsorships:
        raise WgtError(
            _("{path}: {id} is {status}; only new proposals are sent by file").format(
                path=source, id=record.id, status=term(record.status)
            )
        )
    ctx = Context.of(ws, record.document)
    for lang in record.texts:
        if record.kind not in ("statement",):
            proposed_text(record, lang, ctx.drafts)  # base hash and patch checked here
    store = AmendmentStore(ws)
    with Action(ws, receiver.code, "receive", record.id) as action:
        known = action.state.record_path(record.id)
        if known is not None:
            path = ws.root / known
            if path.is_file() and path.read_bytes() == record.to_json():
                raise WgtError(_("{id} is already in this workspace; nothing to do").format(id=record.id))
            raise WgtError(
                _(
                    "{id} was already entered in this workspace (it may have been withdrawn since); an id is never "
                    "used twice — ask {proposer} to re-propose it here"
                ).format(id=record.id, proposer=record.by)
            )
        store.save(action, record)
    return record


class _ActiveKeys:
    """The roster with only the keys that may sign today (for acts entering the workspace now)."""

    def __init__(self, state) -> None:
        self._state = state
        self.group = state.group

    def keys_of(self, code: str) -> list[str]:
        return self._state.active_keys(code)

    def role(self, code: str) -> str:
        return self._state.role(code)

    def role_at(self, code: str, seq: int) -> str:
        return self._state.role(code)  # everything in the file enters the workspace now
