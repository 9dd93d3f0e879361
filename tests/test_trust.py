"""Authenticity and integrity: forged, altered or misattributed records are refused, naming the record.

The workspace copies the bundled one, whose records are signed with the public
demo keys (``sources/demo-keys``); ``WGT_KEYS_DIR`` points there (conftest).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from forgery import group_of, signer

from tracker.amendments.authenticity import seal_status
from tracker.amendments.operations import Operation
from tracker.amendments.proposals import propose
from tracker.amendments.record import Amendment
from tracker.amendments.store import AmendmentStore
from tracker.errors import WgtError
from tracker.sources import copy_workspace
from tracker.trust.keys import create_key
from tracker.verify import verify_workspace
from tracker.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
S = "CAJP/GT/TM-38/05"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.open(copy_workspace(REPO, tmp_path / "ws"))


def record_path(ws: Workspace, amendment_id: str) -> Path:
    return ws.root / "amendments" / "cajp-gt-tm-38-05" / f"{amendment_id}.json"


def rewrite(ws: Workspace, amendment_id: str, change) -> None:
    path = record_path(ws, amendment_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def refused(ws: Workspace, amendment_id: str) -> str:
    with pytest.raises(WgtError) as caught:
        AmendmentStore(ws).get(amendment_id)
    message = str(caught.value)
    assert amendment_id in message
    problems = verify_workspace(Workspace.open(ws.root))[1]
    assert any(amendment_id in p for p in problems)
    return message


def test_the_bundled_workspace_verifies(ws: Workspace, run_cli) -> None:
    code, out, _ = run_cli("--workspace", ws.root, "verify")
    assert code == 0 and "verified" in out


def test_a_record_without_a_signature_is_refused(ws: Workspace) -> None:
    rewrite(ws, "MX-2", lambda d: d.update(signature=""))
    assert "not signed" in refused(ws, "MX-2")


def test_an_altered_text_is_refused(ws: Workspace) -> None:
    def alter(data):
        data["texts"]["es"]["text"] = data["texts"]["es"]["text"].replace("no puede", "puede")

    rewrite(ws, "MX-2", alter)
    assert "es text does not match MX's signature" in refused(ws, "MX-2")


def test_an_altered_justification_is_refused(ws: Workspace) -> None:
    rewrite(ws, "MX-2", lambda d: d.update(justification="Another reason"))
    assert "not MX's" in refused(ws, "MX-2")


def test_a_record_signed_with_another_delegations_key_is_refused(ws: Workspace) -> None:
    record = AmendmentStore(ws).get("MX-2")
    forged = signer("US").sign(record.act(), group_of(ws.root))  # the United States signs as Mexico
    rewrite(ws, "MX-2", lambda d: d.update(signature=forged))
    assert "not MX's" in refused(ws, "MX-2")


def test_a_key_not_in_the_roster_is_refused(ws: Workspace, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WGT_KEYS_DIR", str(tmp_path / "other-keys"))
    create_key("MX", None)  # a new MX key nobody registered
    with pytest.raises(WgtError) as caught:
        propose(ws, S, "MX", unit="op4", lang="es", operation=Operation("replace", old="Fomentar", new="Promover"))
        AmendmentStore(ws).all()
    assert "not MX's" in str(caught.value) or "not registered" in str(caught.value)


def test_a_status_change_by_someone_not_entitled_is_refused(ws: Workspace) -> None:
    store = AmendmentStore(ws)
    record = store.get("MX-2")
    record.change_status("accepted", "MX")  # a delegation accepting its own proposal
    seal_status(record, signer("MX"), group_of(ws.root))  # properly signed by MX — still not MX's to do
    record_path(ws, "MX-2").write_bytes(record.to_json())
    assert "may not make it accepted" in refused(ws, "MX-2")


def test_a_dropped_status_change_breaks_the_chain(ws: Workspace, run_cli) -> None:
    code, _, _ = run_cli("--workspace", ws.root, "amend", "accept", "MX-2")
    assert code == 0
    code, _, _ = run_cli("--workspace", ws.root, "amend", "reject", "MX-2")
    assert code == 0
    rewrite(ws, "MX-2", lambda d: d["history"].pop(1))  # hide the acceptance
    assert "status change 2" in refused(ws, "MX-2")


def test_only_the_secretariat_or_chair_decide_and_only_the_secretariat_issues(ws: Workspace, run_cli) -> None:
    code, _, err = run_cli("--workspace", ws.root, "amend", "accept", "MX-2", "--as", "US")
    assert code == 1 and "only the chair or the secretariat" in err
    code, _, err = run_cli("--workspace", ws.root, "rev", "issue", S, "--as", "CHAIR")
    assert code == 1 and "only the secretariat issues" in err
    code, _, err = run_cli("--workspace", ws.root, "mark", S, "op1", "agreed", "--as", "MX")
    assert code == 1 and "only the chair or the secretariat" in err


def test_a_forged_mark_is_refused(ws: Workspace, run_cli) -> None:
    assert run_cli("--workspace", ws.root, "mark", S, "op1", "agreed")[0] == 0
    path = ws.root / "amendments" / "cajp-gt-tm-38-05" / "marks.json"
    marks = json.loads(path.read_text())
    marks[0]["status"] = "open"
    path.write_text(json.dumps(marks))
    code, _, err = run_cli("--workspace", ws.root, "show", S, "--format", "json")
    assert code == 0  # showing the text needs no marks
    code, _, err = run_cli("--workspace", ws.root, "verify")
    assert code == 1 and "mark 1" in err


def test_a_tampered_revision_is_caught_by_any_reader_and_by_verify(ws: Workspace, run_cli) -> None:
    path = ws.root / "drafts" / "cajp-gt-tm-38-05" / "rev0.es.xml"
    path.write_bytes(path.read_bytes().replace(b"Fomentar", b"Impulsar"))
    code, _, err = run_cli("--workspace", ws.root, "show", S, "--lang", "es")
    assert code == 1 and "rev0.es.xml" in err and "changed since rev. 0 was signed" in err
    code, _, err = run_cli("--workspace", ws.root, "verify")
    assert code == 1 and "rev0.es.xml" in err


def test_a_forged_manifest_is_refused(ws: Workspace, run_cli) -> None:
    path = ws.root / "drafts" / "cajp-gt-tm-38-05" / "rev0.manifest.json"
    manifest = json.loads(path.read_text())
    manifest["date"] = "2010-01-01"
    path.write_text(json.dumps(manifest))
    code, _, err = run_cli("--workspace", ws.root, "show", S)
    assert code == 1 and "rev0.manifest.json" in err and "not SEC's" in err


def test_keys_stay_outside_the_workspace(ws: Workspace, run_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WGT_KEYS_DIR", str(ws.root / "keys"))
    code, _, err = run_cli("--workspace", ws.root, "keys", "init", "--as", "CO")
    assert code == 1 and "must never be stored in a workspace" in err
    assert not (ws.root / "keys").exists()
    monkeypatch.setenv("WGT_KEYS_DIR", str(tmp_path / "keys"))
    code, out, _ = run_cli("--workspace", ws.root, "keys", "init", "--as", "CO")
    assert code == 0
    key = tmp_path / "keys" / "CO.pem"
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    code, out, _ = run_cli("--workspace", ws.root, "keys", "register", "--as", "CO")
    assert code == 0 and out.startswith("Key request filed for CO: SHA256:")
    assert "CO" not in json.loads((ws.root / "roster.json").read_text())["participants"]  # not until approved
    monkeypatch.setenv("WGT_KEYS_DIR", str(REPO / "sources" / "demo-keys"))  # the secretariat's machine
    code, out, _ = run_cli("--workspace", ws.root, "keys", "approve", "CO", "--yes")
    assert code == 0 and "CO" in json.loads((ws.root / "roster.json").read_text())["participants"]
    assert ".pem" not in "".join(str(p) for p in ws.root.rglob("*"))


def test_a_proposal_sent_by_file_arrives_intact_or_not_at_all(ws: Workspace, run_cli, tmp_path: Path) -> None:
    other = Workspace.open(copy_workspace(ws.root, tmp_path / "secretariat"))  # the secretariat's copy
    record = propose(ws, S, "MX", unit="op4", lang="es", operation=Operation("replace", old="Fomentar", new="Promover"))
    sent = tmp_path / "mx.json"
    assert run_cli("--workspace", ws.root, "amend", "export", record.id, "-o", sent)[0] == 0
    tampered = tmp_path / "tampered.json"
    envelope = json.loads(sent.read_text())
    envelope["record"]["texts"]["es"]["text"] = "Promover y garantizar"
    tampered.write_text(json.dumps(envelope))
    code, _, err = run_cli("--workspace", other.root, "amend", "import", tampered)
    assert code == 1 and record.id in err and not record_path(other, record.id).exists()
    code, out, _ = run_cli("--workspace", other.root, "amend", "import", sent)
    assert code == 0 and out.strip() == record.id
    assert AmendmentStore(other).get(record.id).texts["es"].text == record.texts["es"].text
    code, _, err = run_cli("--workspace", other.root, "amend", "import", sent)
    assert code == 1 and "already in this workspace" in err


def test_an_incorporated_amendment_is_frozen(ws: Workspace, run_cli) -> None:
    for args in (["amend", "accept", "MX-2"], ["rev", "issue", S, "--date", "2005-01-01"]):
        assert run_cli("--workspace", ws.root, *args)[0] == 0
    for args in (["amend", "reject", "MX-2"], ["amend", "withdraw", "MX-2", "--by", "MX"]):
        code, _, err = run_cli("--workspace", ws.root, *args)
        assert code == 1 and "incorporated" in err
    rewrite(ws, "MX-2", lambda d: d["history"][-1].update(note="rev. 9"))
    assert "status change" in refused(ws, "MX-2")


def test_records_round_trip_through_json(ws: Workspace) -> None:
    record = AmendmentStore(ws).get("MX-2")
    assert Amendment.from_json(record.to_json(), "x").to_json() == record.to_json()
