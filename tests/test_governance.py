"""The roster governed: a group is founded once, keys enter it only by the secretariat's approval.

The refusals (forged approvals, roles written into wgt.toml, requests in another's
name …) are rows of tests/test_insider_attacks.py; here is the way it is meant to go.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SOURCES_DIR

from tracker.trust.keys import fingerprint, load_private_key, public_text
from tracker.trust.state import read_log
from tracker.workspace import Workspace

DEMO = SOURCES_DIR / "demo-keys"


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A keys folder of this test's own, holding copies of the demo keys of SEC, CHAIR and MX."""
    folder = tmp_path / "keys"
    folder.mkdir()
    for code in ("SEC", "CHAIR", "MX"):
        shutil.copy(DEMO / f"{code}.pem", folder / f"{code}.pem")
    monkeypatch.setenv("WGT_KEYS_DIR", str(folder))
    return folder


def ok(run_cli, ws: Path, *args: str) -> str:
    code, out, err = run_cli("--workspace", ws, *args)
    assert code == 0, err
    return out


def refused(run_cli, ws: Path, *args: str) -> str:
    code, out, err = run_cli("--workspace", ws, *args)
    assert code == 1 and out == "", (out, err)
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    return err


def fp(code: str) -> str:
    return fingerprint(public_text(load_private_key(code)))


def test_init_makes_the_secretariats_key_when_it_has_none(tmp_path: Path, monkeypatch, run_cli) -> None:
    monkeypatch.setenv("WGT_KEYS_DIR", str(tmp_path / "empty-keys"))
    code, out, err = run_cli("init", tmp_path / "group", "--body", "CAJP/GT/TM")
    assert code == 0, err
    assert f"Private key for SEC written to {tmp_path / 'empty-keys' / 'SEC.pem'}" in out
    assert f"Founded by SEC with key {fp('SEC')}." in out
    state = read_log(Workspace.open(tmp_path / "group"))
    assert state.role("SEC") == "secretariat" and state.active_keys("SEC") == [public_text(load_private_key("SEC"))]
    assert state.role("CHAIR") == "chair" and state.keys_of("CHAIR") == []


def test_a_delegation_asks_and_the_secretariat_approves(tmp_path: Path, keys: Path, run_cli) -> None:
    ws = tmp_path / "group"
    ok(run_cli, ws.parent, "init", ws, "--body", "CAJP/GT/TM")
    out = ok(run_cli, ws, "keys", "register", "--as", "MX")
    assert out.startswith(f"Key request filed for MX: {fp('MX')}.")
    assert "MX asks to have" in ok(run_cli, ws, "keys", "list")
    # Its request is on file: the refusal says what it waits for, not to register again.
    assert f"MX's key {fp('MX')} waits for the secretariat's approval ('wgt keys approve MX'" in refused(
        run_cli, ws, "roles", "set", "CO", "observer", "--as", "MX"
    )
    wrong = fp("CHAIR")
    err = refused(run_cli, ws, "keys", "approve", "MX", "--fingerprint", wrong)
    assert f"MX's pending request is for key {fp('MX')}, not {wrong}; do not approve it" in err
    assert ok(run_cli, ws, "keys", "approve", "MX", "--fingerprint", fp("MX")) == f"Approved MX's key {fp('MX')}\n"
    listed = ok(run_cli, ws, "keys", "list")
    assert f"MX       delegation     {fp('MX')}  active" in listed and "asks" not in listed
    roster = json.loads((ws / "roster.json").read_text(encoding="utf-8"))
    assert roster["participants"]["MX"]["keys"][0]["fingerprint"] == fp("MX")
    assert "verified" in ok(run_cli, ws, "verify")


def test_approving_asks_for_confirmation_unless_told_not_to(tmp_path: Path, keys: Path, run_cli) -> None:
    ws = tmp_path / "group"
    ok(run_cli, ws.parent, "init", ws, "--body", "CAJP/GT/TM")
    ok(run_cli, ws, "keys", "register", "--as", "CHAIR")
    code, out, err = run_cli("--workspace", ws, "keys", "approve", "CHAIR", input="n\n")
    assert code == 1 and "not approved; nothing was changed" in err and fp("CHAIR") in out
    assert read_log(Workspace.open(ws)).keys_of("CHAIR") == []
    code, out, err = run_cli("--workspace", ws, "keys", "approve", "CHAIR", input="y\n")
    assert code == 0 and read_log(Workspace.open(ws)).keys_of("CHAIR") != []


def test_a_rotated_key_signs_from_now_on_and_what_the_old_one_signed_stays_valid(
    tmp_path: Path, keys: Path, run_cli, monkeypatch
) -> None:
    ws = tmp_path / "group"
    ok(run_cli, ws.parent, "init", ws, "--body", "CAJP/GT/TM")
    for code in ("CHAIR", "MX"):
        ok(run_cli, ws, "keys", "register", "--as", code)
        ok(run_cli, ws, "keys", "approve", code, "--yes")
    old = fp("MX")
    ok(run_cli, ws, "keys", "init", "--as", "MX", "--force")  # a lost laptop: a new key
    new = fp("MX")
    assert "MX has no pending key request" in refused(run_cli, ws, "keys", "approve", "MX", "--yes")
    ok(run_cli, ws, "keys", "register", "--as", "MX")
    assert f"MX's key {new} waits for the secretariat's approval" in refused(
        run_cli, ws, "roles", "set", "CO", "observer", "--as", "MX"
    )
    ok(run_cli, ws, "keys", "approve", "MX", "--replace", "--yes")
    listed = ok(run_cli, ws, "keys", "list")
    assert f"{old}  revoked" in listed and f"{new}  active" in listed
    shutil.copy(DEMO / "MX.pem", keys / "MX.pem")  # the old key found again: it signs nothing new
    err = refused(run_cli, ws, "roles", "set", "CO", "observer", "--as", "MX")
    assert f"({keys / 'MX.pem'}, {old}) is not MX's approved key in this workspace" in err
    assert "verified" in ok(run_cli, ws, "verify")


def test_a_revoked_key_signs_nothing_new_but_its_past_stays(seeded_ws: Workspace, run_cli) -> None:
    ws = seeded_ws.root
    mx = ok(run_cli, ws, "amend", "propose", "CAJP/GT/TM-38/05", "--by", "MX", "--unit", "op4", "--lang", "es",
            "--replace", "Fomentar", "--with", "Promover").strip()  # fmt: skip
    assert ok(run_cli, ws, "keys", "revoke", "MX") == f"Revoked MX's key {fp('MX')}\n"
    err = refused(run_cli, ws, "amend", "withdraw", mx, "--by", "MX")
    assert "is not MX's approved key in this workspace" in err
    assert "verified" in ok(run_cli, ws, "verify")  # MX-1, signed before the revocation, still stands
    assert "the group would be left without a secretariat key" in refused(run_cli, ws, "keys", "revoke", "SEC")


def test_roles_change_by_the_secretariat_and_wgt_toml_follows(seeded_ws: Workspace, run_cli) -> None:
    ws = seeded_ws.root
    assert ok(run_cli, ws, "roles", "set", "CHAIR", "observer") == "CHAIR is now observer\n"
    config = (ws / "wgt.toml").read_text(encoding="utf-8")
    assert 'CHAIR = { role = "observer"' in config  # stated there, so changed with the roster, in one action
    assert "only the chair or the secretariat can accept" in refused(
        run_cli, ws, "amend", "accept", "MX-1", "--as", "CHAIR"
    )
    assert "only the secretariat changes the roster; MX is a delegation" in refused(
        run_cli, ws, "roles", "set", "MX", "secretariat", "--as", "MX"
    )
    assert "verified" in ok(run_cli, ws, "verify")


def test_the_log_says_who_did_what(seeded_ws: Workspace, run_cli) -> None:
    ws = seeded_ws.root
    out = ok(run_cli, ws, "log")
    lines = out.splitlines()
    assert "SEC      found         CAJP/GT/TM" in lines[0]
    assert any("SEC      import        CAJP/GT/TM-38/05 (es)" in line for line in lines)
    rows = json.loads(ok(run_cli, ws, "log", "CAJP/GT/TM-41/05", "--format", "json"))
    assert [r["subject"] for r in rows] == ["CAJP/GT/TM-41/05 (en)", "CAJP/GT/TM-41/05 (es)"]
    assert set(rows[0]) == {"seq", "hash", "at", "by", "act", "subject", "files", "commit"}
    assert rows[0]["files"] == ["drafts/cajp-gt-tm-41-05/rev0.en.xml", "drafts/cajp-gt-tm-41-05/rev0.manifest.json"]


def test_verify_prints_the_head_and_checks_an_expected_one(seeded_ws: Workspace, run_cli) -> None:
    ws = seeded_ws.root
    out = ok(run_cli, ws, "verify")
    head = out.splitlines()[1].split("head ")[1].split(" ")[0]
    assert head == read_log(Workspace.open(ws)).head
    assert "verified" in ok(run_cli, ws, "verify", "--expect", head)
    ok(run_cli, ws, "mark", "CAJP/GT/TM-38/05", "op1", "agreed")
    assert "verified" in ok(run_cli, ws, "verify", "--expect", head[:20])  # still in the log: the log grew
    code, _, err = run_cli("--workspace", ws, "verify", "--expect", "sha256:" + "0" * 64)
    assert code == 1 and "does not hold the entry sha256:0000" in err
