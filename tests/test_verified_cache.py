"""The cache of verified records: an unchanged record is verified once, anything else every time.

Each test gets a cache folder of its own (``WGT_CACHE_DIR``) and counts the
Ed25519 verifications that checking records performs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tracker.trust.signing as signing
from tracker.amendments.authenticity import seal_status
from tracker.amendments.record import signer_codes
from tracker.amendments.store import AmendmentStore
from tracker.errors import WgtError
from tracker.sources import copy_workspace
from tracker.trust.actions import Action
from tracker.trust.governance import enroll, revoke_key, set_role
from tracker.trust.state import read_log
from tracker.trust.verified import VerifiedRecords
from tracker.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
RECORD = "amendments/cajp-gt-tm-38-05/MX-2.json"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch) -> Workspace:
    monkeypatch.setenv("WGT_CACHE_DIR", str(tmp_path / "cache"))
    return Workspace.open(copy_workspace(REPO, tmp_path / "ws"))


@pytest.fixture
def verifications(monkeypatch) -> list[str]:
    """Every signature whose arithmetic the record checks do."""
    calls: list[str] = []
    real = signing.verify_bytes

    def counting(keys, message, signature):
        calls.append(signature)
        return real(keys, message, signature)

    monkeypatch.setattr(signing, "verify_bytes", counting)
    return calls


def read_all(ws: Workspace) -> int:
    return len(AmendmentStore(Workspace.open(ws.root)).all())


def test_an_unchanged_record_is_verified_once(ws: Workspace, verifications: list[str]) -> None:
    count = read_all(ws)
    assert count >= 3 and len(verifications) >= count  # every signature of every record, once
    verifications.clear()
    assert read_all(ws) == count
    assert verifications == []


def test_an_altered_record_is_verified_again_and_refused(ws: Workspace, verifications: list[str]) -> None:
    read_all(ws)
    path = ws.root / RECORD
    data = json.loads(path.read_text(encoding="utf-8"))
    data["justification"] = "Altered after it was verified."
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    verifications.clear()
    with pytest.raises(WgtError, match="MX-2"):
        read_all(ws)
    assert verifications


def test_a_roster_change_that_concerns_no_signer_keeps_every_entry(ws: Workspace, verifications: list[str]) -> None:
    read_all(ws)
    enroll(ws, "BR")  # Brazil's key approved: no record of this workspace has a signature of Brazil's
    set_role(ws, "VICECHAIR", "chair")  # nor of the vice-chair's
    verifications.clear()
    read_all(ws)
    assert verifications == []


def test_a_changed_key_makes_the_records_its_holder_signed_verify_again(
    ws: Workspace, verifications: list[str]
) -> None:
    records = AmendmentStore(Workspace.open(ws.root)).all()
    signed_by_mexico = {r.id for r in records if "MX" in r.signers()}
    assert signed_by_mexico and len(signed_by_mexico) < len(records)
    revoke_key(ws, "MX")  # Mexico's key revoked: what it signed before stays valid, but is checked again
    verifications.clear()
    again = AmendmentStore(Workspace.open(ws.root)).all()
    signatures = {r.id: _signatures(r) for r in again}
    checked = {rid for rid, found in signatures.items() if found & set(verifications)}
    assert checked == signed_by_mexico


def _signatures(record) -> set[str]:
    return {
        record.signature,
        *(h.signature for h in record.history),
        *(t.signature for t in record.texts.values()),
        *(c.signature for c in record.cosponsorships),
    }


def test_who_signed_a_record_reads_the_same_from_its_json_and_from_the_record(ws: Workspace) -> None:
    for record in AmendmentStore(Workspace.open(ws.root)).all():
        assert signer_codes(json.loads(record.to_json())) == record.signers()
    assert signer_codes(["not", "a", "record"]) == [] and signer_codes({"by": 3, "history": "x"}) == []


def test_editing_the_roster_view_or_the_roles_in_wgt_toml_grants_nothing(ws: Workspace) -> None:
    roster_path = ws.root / "roster.json"
    roster = json.loads(roster_path.read_text(encoding="utf-8"))
    roster["participants"]["US"]["role"] = "secretariat"
    roster_path.write_text(json.dumps(roster, indent=2), encoding="utf-8")
    assert read_log(Workspace.open(ws.root)).role("US") == "delegation"
    config = ws.root / "wgt.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('US = { role = "delegation"', 'US = { role = "secretariat"')
    )
    with pytest.raises(WgtError, match="gives US the role 'secretariat', but the signed roster says 'delegation'"):
        read_all(ws)


def test_entries_made_without_the_users_secret_are_worthless(ws: Workspace, tmp_path: Path) -> None:
    """Someone who can write the cache file but not read the secret cannot vouch for a forged record."""
    path = ws.root / RECORD
    data = json.loads(path.read_text(encoding="utf-8"))
    data["justification"] = "Forged."
    forged = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    path.write_bytes(forged)
    state = read_log(ws)
    other = VerifiedRecords(state.group.encode(), "records")
    signers = state.signers_digest(signer_codes(data))
    other.remember(forged, signers)
    other.save()  # a genuine entry under this user's secret (it would vouch for the forgery)...
    assert VerifiedRecords(state.group.encode(), "records").known(forged, signers)
    (tmp_path / "cache" / "secret").write_bytes(b"x" * 32)  # ...is worthless once the secret is another
    with pytest.raises(WgtError, match="MX-2"):
        read_all(ws)


def test_a_damaged_or_unwritable_cache_is_not_an_error(ws: Workspace, tmp_path: Path) -> None:
    count = read_all(ws)
    for entry in (tmp_path / "cache" / "verified").iterdir():
        entry.write_bytes(entry.read_bytes()[:-5] + b"junk")  # torn tail
    assert read_all(ws) == count
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WGT_CACHE_DIR", str(blocked))
        assert read_all(ws) == count


def test_a_status_change_verifies_only_the_new_signature(ws: Workspace, verifications: list[str]) -> None:
    read_all(ws)  # the records are now in the cache
    again = Workspace.open(ws.root)
    store = AmendmentStore(again)
    verifications.clear()
    with Action(again, "CHAIR", "accept", "MX-2") as action:
        record = store.get("MX-2")
        record.change_status("accepted", "CHAIR")
        seal_status(record, action.signer, action.state.group)
        store.save(action, record)
    assert verifications == [record.history[-1].signature]
    verifications.clear()
    assert AmendmentStore(Workspace.open(ws.root)).get("MX-2").status == "accepted"
    assert verifications == []  # written by this machine after its check: already known


def test_the_cache_can_be_turned_off(ws: Workspace, verifications: list[str], monkeypatch) -> None:
    read_all(ws)
    monkeypatch.setenv("WGT_VERIFY_CACHE", "off")
    verifications.clear()
    read_all(ws)
    assert verifications


def test_an_unchanged_record_is_checked_against_the_log_once(ws: Workspace, monkeypatch) -> None:
    """The second kind of entry: these bytes, these signers and these logged versions agreed before."""
    import tracker.amendments.store as store_module

    calls: list[str] = []
    real = store_module.rules.record_problem

    def counting(value, author, versions):
        calls.append(value["id"])
        return real(value, author, versions)

    monkeypatch.setattr(store_module.rules, "record_problem", counting)
    count = read_all(ws)
    assert len(calls) == count
    calls.clear()
    read_all(ws)
    assert calls == []
    record = AmendmentStore(ws).get("MX-2")  # a new status: new bytes and a new logged version
    with Action(ws, "CHAIR", "accept") as action:
        record.change_status("accepted", "CHAIR")
        seal_status(record, action.signer, action.state.group)
        AmendmentStore(ws).save(action, record)
    calls.clear()
    read_all(ws)
    assert calls == ["MX-2"]
