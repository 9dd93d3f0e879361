"""``wgt status`` and keys made where they are first needed."""

from __future__ import annotations

import json
import shutil

from tracker.status import workspace_status


def _own_keys(tmp_path, monkeypatch, *codes: str):
    """A keys folder holding only the demo keys of ``codes`` (as one participant's machine would)."""
    import os

    folder = tmp_path / "my-keys"
    folder.mkdir()
    for code in codes:
        shutil.copy(os.path.join(os.environ["WGT_KEYS_DIR"], f"{code}.pem"), folder / f"{code}.pem")
    monkeypatch.setenv("WGT_KEYS_DIR", str(folder))
    return folder


def test_register_makes_the_key_then_the_first_proposal_says_it_waits_for_approval(
    seeded_ws, run_cli, tmp_path, monkeypatch
):
    folder = _own_keys(tmp_path, monkeypatch, "SEC")
    root = seeded_ws.root
    code, out, err = run_cli("--workspace", root, "keys", "register", "--as", "BR")
    assert (code, err) == (0, "")
    assert f"Private key for BR written to {folder / 'BR.pem'}" in out and "Key request filed for BR" in out
    propose = ("amend", "propose", "CAJP/GT/TM-38/05", "--by", "BR", "--unit", "op3", "--lang", "en")
    code, _out, err = run_cli("--workspace", root, *propose, "--delete", ", including those of a labor-related nature")
    assert code == 1 and "BR's key SHA256:" in err and "waits for the secretariat's approval" in err
    assert run_cli("--workspace", root, "keys", "approve", "BR", "--yes")[0] == 0
    code, out, err = run_cli("--workspace", root, "status", "--as", "BR")
    assert code == 0, err
    assert "BR       delegation   key approved" in out


def test_a_proposal_without_any_key_names_the_one_command(seeded_ws, run_cli, tmp_path, monkeypatch):
    _own_keys(tmp_path, monkeypatch)
    code, _out, err = run_cli(
        "--workspace", seeded_ws.root, "amend", "propose", "CAJP/GT/TM-38/05", "--by", "MX", "--unit", "op3",
        "--lang", "es", "--delete", ", entre ellos los de carácter laboral",
    )  # fmt: skip
    assert code == 1
    assert "run 'wgt keys register --as MX': it makes the key and asks the secretariat to approve it" in err


def test_status_shows_what_waits_for_each_role(seeded_ws, run_cli, tmp_path, monkeypatch):
    root = seeded_ws.root
    code, out, _err = run_cli(
        "--workspace", root, "amend", "propose", "CAJP/GT/TM-38/05", "--by", "MX", "--unit", "op3", "--lang", "es",
        "--cosponsor", "GT", "--replace", "no puede constituir", "--with", "en ningún caso puede constituir",
    )  # fmt: skip
    assert code == 0
    mx = out.strip()
    _own_keys(tmp_path, monkeypatch, "SEC", "CHAIR", "MX", "GT")
    data = json.loads(run_cli("--workspace", root, "status", "--format", "json")[1])
    assert {i["code"]: i["key"] for i in data["acting_as"]} == {
        "CHAIR": "approved", "GT": "approved", "MX": "approved", "SEC": "approved"
    }  # fmt: skip
    waiting = {code: [(t["what"], t["subject"]) for t in tasks] for code, tasks in data["waiting"].items()}
    assert ("translate", mx) in waiting["SEC"]
    assert waiting["GT"] == [("cosponsor", mx)]
    assert ("awaiting-translation", mx) in waiting["MX"]
    assert not any(subject == mx for what, subject in waiting["CHAIR"])  # not in both languages yet
    run_cli(
        "--workspace", root, "amend", "translate", mx, "--lang", "en", "--replace", "cannot", "--with", "can in no case"
    )
    code, out, _err = run_cli("--workspace", root, "status", "--as", "CHAIR")
    assert f"decide {mx}" in out and f"wgt amend accept {mx}" in out


def test_a_damaged_key_file_is_reported_not_a_crash(seeded_ws, tmp_path, monkeypatch):
    folder = _own_keys(tmp_path, monkeypatch, "SEC")
    (folder / "MX.pem").write_bytes(b"\x00not a key")
    (folder / "notes.txt").write_text("ignored", encoding="utf-8")
    status = workspace_status(seeded_ws)
    assert {i.code: i.key for i in status.identities} == {"MX": "unreadable", "SEC": "approved"}
