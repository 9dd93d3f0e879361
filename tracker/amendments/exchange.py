"""Sending a proposal by e-mail: a signed file a delegation exports and the secretariat imports.

The file is the amendment record itself (already signed by the delegation) in
an envelope naming the format. Importing checks every signature against the
secretariat's roster and the base text against the named revision, so a file
altered on the way, or written for another document, is refused.
"""

from __future__ import annotations

import json
from pathlib import Path

from tracker.amendments.authenticity import check
from tracker.amendments.record import Amendment
from tracker.amendments.store import AmendmentStore
from tracker.amendments.texts import proposed_text
from tracker.errors import WgtError
from tracker.i18n import _, term
from tracker.lock import workspace_lock
from tracker.storage import write_atomic
from tracker.workspace import Workspace

FORMAT = "wgt-amendment/1"


def export_amendment(ws: Workspace, amendment_id: str, target: Path) -> Amendment:
    """Write one signed amendment to ``target`` (a file to send)."""
    record = AmendmentStore(ws).get(amendment_id)
    envelope = {"format": FORMAT, "record": json.loads(record.to_json())}
    write_atomic(target, (json.dumps(envelope, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return record


def import_amendment(ws: Workspace, source: Path) -> Amendment:
    """Take a signed amendment file into the workspace, refusing anything that does not verify."""
    from tracker.amendments.proposals import Context

    try:
        envelope = json.loads(source.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise WgtError(_("{path}: no such file").format(path=source)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise WgtError(_("{path}: not an exported amendment ({reason})").format(path=source, reason=exc)) from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise WgtError(
            _("{path}: not an exported amendment (expected format {format!r})").format(path=source, format=FORMAT)
        )
    record = Amendment.from_json(json.dumps(envelope.get("record")).encode(), str(source))
    store = AmendmentStore(ws)
    check(record, store.keys_of, ws.config, str(source))
    if record.status != "proposed":
        raise WgtError(
            _("{path}: {id} is {status}; only new proposals are sent by file").format(
                path=source, id=record.id, status=term(record.status)
            )
        )
    ctx = Context.of(ws, record.document)
    for lang in record.texts:
        if record.kind not in ("statement",):
            proposed_text(record, lang, ctx.drafts)  # base hash and patch checked here
    with workspace_lock(ws.root):
        path = store.path_of(record)
        if path.exists():
            if path.read_bytes() == record.to_json():
                raise WgtError(_("{id} is already in this workspace; nothing to do").format(id=record.id))
            raise WgtError(
                _("{path}: another {id} already exists; ask {proposer} to re-propose it in this workspace").format(
                    path=path, id=record.id, proposer=record.by
                )
            )
        store.save(record)
    return record
