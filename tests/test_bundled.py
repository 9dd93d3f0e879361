"""The bundled workspace at the repository's top level, and ``wgt demo``.

The bundled ``drafts/`` must be exactly what importing ``sources/`` gives (rebuild them with
``scripts/build-workspace`` after changing the importer or a text); the tool reads the
bundled workspace as it reads any other.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tracker.sources import bundled_root
from tracker.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent


def xml_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "drafts").rglob("*.xml"))}


def test_bundled_drafts_equal_a_fresh_import(seeded_ws):
    bundled, fresh = xml_files(REPO), xml_files(seeded_ws.root)
    assert sorted(bundled) == sorted(fresh)
    different = [name for name in bundled if bundled[name] != fresh[name]]
    assert different == [], "rebuild the bundled workspace with scripts/build-workspace"


def test_bundled_drafts_folder_holds_nothing_else():
    stray = [
        p.relative_to(REPO).as_posix()
        for p in (REPO / "drafts").rglob("*")
        if p.is_file() and not re.fullmatch(r"rev\d+\.([a-z]{2}\.xml|manifest\.json)", p.name)
    ]
    assert stray == []


def test_bundled_workspace_is_a_workspace(run_cli, snapshot, monkeypatch):
    assert (bundled_root() / "wgt.toml").read_bytes() == (REPO / "wgt.toml").read_bytes()
    ws = Workspace.open(REPO)
    assert (ws.config.body, ws.config.languages) == ("CAJP/GT/TM", ["en", "es"])
    assert {"SEC", "CHAIR"} <= ws.config.participants.keys()
    before = snapshot(REPO / "drafts")
    monkeypatch.chdir(REPO / "drafts")  # found by walking up, like any workspace
    code, out, err = run_cli("list", "--format", "json")
    assert (code, err) == (0, "")
    assert [(d["symbol"], d["languages"]) for d in json.loads(out)] == [
        ("CAJP/GT/TM-11/04", ["en"]),
        ("CAJP/GT/TM-38/05", ["en", "es"]),
        ("CAJP/GT/TM-41/05", ["en", "es"]),
    ]
    code, out, err = run_cli("validate")
    assert (code, err) == (0, "")
    assert out.startswith("Checked five draft files: all valid")
    assert snapshot(REPO / "drafts") == before


def test_demo(tmp_path, run_cli, snapshot):
    """The main job runs on a temporary copy; what issue 2 asks of it: import, show, validate."""
    before = snapshot(REPO / "drafts")
    code, out, err = run_cli("demo", "--dir", tmp_path / "demo")
    assert (code, err) == (0, "")
    for step in ("$ wgt init", "$ wgt import", "$ wgt list", "$ wgt show", "$ wgt validate"):
        assert step in out, step
    assert "Checked five draft files: all valid" in out
    assert "The drafts imported now are byte-identical to the bundled workspace's." in out
    assert "Done." in out
    imported = xml_files(tmp_path / "demo" / "workspace")
    assert {name: imported.get(name) for name in xml_files(REPO) if "/rev0." in name} == {
        name: data for name, data in xml_files(REPO).items() if "/rev0." in name
    }
    assert snapshot(REPO / "drafts") == before  # the bundled workspace itself is never touched
