"""What a participant holding keys can write behind wgt's back: the tests' toolkit of forgeries.

The demo keys are public (``sources/demo-keys``), so a test can play any party
that holds a key: re-sign a record it edited, or append an entry to the log as
``by`` would (signed with ``by``'s key, chained properly) without wgt's own
checks before writing. What the tests then show is that the *readers* refuse it.
"""

from __future__ import annotations

from pathlib import Path

from tracker.amendments.record import Amendment
from tracker.storage import write_action
from tracker.trust.actions import entry_line
from tracker.trust.keys import load_private_key
from tracker.trust.log import LOG_NAME
from tracker.trust.signing import Signer
from tracker.trust.state import read_log
from tracker.workspace import Workspace


def signer(code: str) -> Signer:
    return Signer(code, load_private_key(code))


def group_of(root: Path) -> str:
    return read_log(Workspace.open(root)).group


def reseal(record: Amendment, group: str) -> Amendment:
    """Sign every part of ``record`` again, each by the participant it names (all keys are public here)."""
    record.signature = signer(record.by).sign(record.act(), group)
    for lang, version in record.texts.items():
        version.signed_by = version.signed_by or record.by
        version.signature = signer(version.signed_by).sign(version.act(record, lang), group)
    for seq, change in enumerate(record.history):
        previous = record.signature if seq == 0 else record.history[seq - 1].signature
        change.signature = signer(change.by).sign(change.act(record, seq, previous), group)
    for cosponsorship in record.cosponsorships:
        cosponsorship.signature = signer(cosponsorship.by).sign(cosponsorship.act(record), group)
    return record


def forge_entry(
    root: Path,
    by: str,
    act: str,
    files: dict[Path, bytes | None],
    subject: str = "",
    detail: dict | None = None,
    *,
    with_key: str | None = None,
) -> bytes:
    """Write ``files`` and append a log entry for them signed by ``by`` (or ``with_key``'s key); returns the line."""
    import json
    from unittest import mock

    import tracker.trust.actions

    ws = Workspace.open(root)
    state = read_log(ws)
    # A forger describes its files with any JSON reader: wgt's own refuses what readers must refuse.
    with mock.patch.object(tracker.trust.actions, "parse_json", json.loads):
        line = entry_line(state, signer(with_key or by), by, act, subject, detail or {}, ws, files)
    write_action(files, journal=ws.journal, log=(ws.root / LOG_NAME, line))
    return line


def forge_record(root: Path, record: Amendment, by: str, act: str) -> None:
    """Re-sign ``record`` and write it with a log entry ``act`` by ``by``."""
    reseal(record, group_of(root))
    path = root / "amendments" / _slug(record.document) / f"{record.id}.json"
    forge_entry(root, by, act, {path: record.to_json()}, record.id)


def _slug(symbol: str) -> str:
    from tracker.symbols import parse_symbol

    return parse_symbol(symbol).slug
