"""Nothing lost under concurrency, nothing half-done after a crash — with real processes.

* twenty ``wgt amend propose`` processes started at once leave twenty complete,
  signed amendments with distinct ids;
* ``rev issue`` and ``amend propose`` killed with SIGKILL, at random moments and
  at every rename of the final commit (crash injection), leave a workspace that
  ``wgt verify`` accepts, in which the action happened wholly or not at all.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tracker.amendments.operations import Operation
from tracker.amendments.proposals import decide, propose, translate
from tracker.amendments.store import AmendmentStore
from tracker.sources import copy_workspace
from tracker.verify import verify_workspace
from tracker.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
S = "CAJP/GT/TM-38/05"
WGT = [sys.executable, "-c", "from tracker.cli import cli; cli()"]


def copy_bundled(target: Path) -> Workspace:
    return Workspace.open(copy_workspace(REPO, target))


@pytest.fixture(scope="module")
def ready_to_issue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled workspace with two accepted, translated proposals: rev. 1 can be issued."""
    ws = copy_bundled(tmp_path_factory.mktemp("ready") / "ws")
    a = propose(ws, S, "MX", unit="op4", lang="es", operation=Operation("replace", old="Fomentar", new="Promover"))
    translate(ws, a.id, "en", operation=Operation("replace", old="To encourage", new="To promote"))
    b = propose(ws, S, "US", unit="op11", lang="en", operation=Operation("delete", old="permanent observer states, "))
    translate(ws, b.id, "es", operation=Operation("delete", old="los Estados observadores permanentes, "))
    decide(ws, [a.id, b.id], "accepted", "CHAIR")
    return ws.root


def run(args: list[str], ws: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*WGT, "--workspace", str(ws), *args], capture_output=True, text=True, env={**os.environ, **env}
    )


def state_of(root: Path) -> tuple[bool, set[str]]:
    """(rev. 1 issued?, ids of incorporated amendments) after checking everything verifies."""
    ws = Workspace.open(root)
    _checked, problems = verify_workspace(ws)
    assert problems == [], problems
    issued = (root / "drafts/cajp-gt-tm-38-05/rev1.manifest.json").exists()
    incorporated = {r.id for r in AmendmentStore(ws).all() if r.status == "incorporated"}
    return issued, incorporated


def assert_all_or_nothing(root: Path, accepted: set[str]) -> bool:
    issued, incorporated = state_of(root)
    languages = {p.name for p in (root / "drafts/cajp-gt-tm-38-05").glob("rev1.*.xml")}
    if issued:
        assert languages == {"rev1.en.xml", "rev1.es.xml"}
        assert accepted <= incorporated
    else:
        assert languages == set()
        assert not (accepted & incorporated)
    return issued


def test_twenty_concurrent_proposals_all_land_with_distinct_ids(tmp_path: Path) -> None:
    ws = copy_bundled(tmp_path / "ws")
    before = {r.id for r in AmendmentStore(ws).all()}
    units = ["op1", "op2", "op4", "op6", "op8", "op9", "op11", "op12", "op13", "op14"]
    processes = []
    for i in range(20):
        by = ("MX", "US", "GT", "US")[i % 4]
        args = ["amend", "propose", S, "--by", by, "--unit", units[i % len(units)], "--lang", "en"]
        args += ["--text", f"Proposal number {i} by {by}."]
        processes.append(
            subprocess.Popen(
                [*WGT, "--workspace", str(ws.root), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        )
    results = [(p.wait(timeout=120), p.stdout.read().strip(), p.stderr.read()) for p in processes]
    assert [code for code, _, _ in results] == [0] * 20, [err for _, _, err in results]
    ids = [out for _, out, _ in results]
    assert len(set(ids)) == 20
    records = {r.id: r for r in AmendmentStore(ws).all()}  # every record loads and verifies
    assert set(ids) == set(records) - before
    for code in ("MX", "US", "GT"):
        numbers = sorted(int(i.split("-")[1]) for i in records if i.startswith(code + "-"))
        assert numbers == list(range(1, len(numbers) + 1))  # no gap, no duplicate
    assert verify_workspace(Workspace.open(ws.root))[1] == []


@pytest.mark.parametrize("renames", [1, 2, 3, 4, 5])  # 5: every file renamed, the log line not yet appended
def test_rev_issue_killed_at_each_rename_is_finished_by_the_next_command(
    tmp_path: Path, ready_to_issue: Path, renames: int
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(ready_to_issue, root)
    accepted = {r.id for r in AmendmentStore(Workspace.open(root)).all() if r.status == "accepted"}
    result = run(["rev", "issue", S, "--date", "2005-03-01"], root, WGT_CRASH_AFTER_RENAMES=str(renames))
    assert result.returncode == -signal.SIGKILL
    assert (root / ".wgt-journal.json").exists()  # committed, not yet finished
    assert assert_all_or_nothing(root, accepted) is True  # the next reader finished it
    assert not (root / ".wgt-journal.json").exists()


def test_rev_issue_killed_at_random_moments_leaves_all_or_nothing(tmp_path: Path, ready_to_issue: Path) -> None:
    rng = random.Random(20041122)
    outcomes = []
    for attempt in range(10):
        root = tmp_path / f"ws{attempt}"
        shutil.copytree(ready_to_issue, root)
        accepted = {r.id for r in AmendmentStore(Workspace.open(root)).all() if r.status == "accepted"}
        process = subprocess.Popen([*WGT, "--workspace", str(root), "rev", "issue", S, "--date", "2005-03-01"])
        time.sleep(rng.uniform(0.05, 0.9))
        process.send_signal(signal.SIGKILL)
        process.wait()
        outcomes.append(assert_all_or_nothing(root, accepted))
    print("rev issue killed at random: finished", outcomes.count(True), "not started", outcomes.count(False))
    assert len(outcomes) == 10  # the mix of finished/unfinished depends on the machine's speed


def test_propose_killed_at_random_moments_leaves_a_whole_record_or_none(tmp_path: Path) -> None:
    ws = copy_bundled(tmp_path / "ws")
    rng = random.Random(7)
    for attempt in range(8):
        before = {r.id for r in AmendmentStore(Workspace.open(ws.root)).all()}
        args = ["amend", "propose", S, "--by", "MX", "--unit", "op2", "--lang", "es", "--text", f"Texto {attempt}."]
        process = subprocess.Popen([*WGT, "--workspace", str(ws.root), *args], stdout=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.8))
        process.send_signal(signal.SIGKILL)
        process.wait()
        workspace = Workspace.open(ws.root)
        assert verify_workspace(workspace)[1] == []
        after = {r.id for r in AmendmentStore(workspace).all()}
        assert len(after - before) in (0, 1)
        assert not list((ws.root / "amendments/cajp-gt-tm-38-05").glob(".*.tmp"))


def test_a_held_lock_gives_a_clear_message(tmp_path: Path) -> None:
    ws = copy_bundled(tmp_path / "ws")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time; from pathlib import Path; from tracker.lock import workspace_lock\n"
            "with workspace_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(30)",
            str(ws.root),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run(["mark", S, "op1", "agreed"], ws.root, WGT_LOCK_TIMEOUT="0.5")
        assert result.returncode == 1
        assert "another wgt process has held the workspace lock" in result.stderr
        assert "marks.json" not in {p.name for p in (ws.root / "amendments/cajp-gt-tm-38-05").iterdir()}
    finally:
        holder.kill()
        holder.wait()


def test_a_log_line_torn_by_a_kill_is_written_once_whole(tmp_path: Path, ready_to_issue: Path) -> None:
    """Killed while appending its log line: the journal holds the line, the next command completes it, once."""
    import json

    root = tmp_path / "ws"
    shutil.copytree(ready_to_issue, root)
    accepted = {r.id for r in AmendmentStore(Workspace.open(root)).all() if r.status == "accepted"}
    result = run(["rev", "issue", S, "--date", "2005-03-01"], root, WGT_CRASH_AFTER_RENAMES="5")
    assert result.returncode == -signal.SIGKILL
    line = json.loads((root / ".wgt-journal.json").read_text(encoding="utf-8"))["log"]["line"].encode()
    with open(root / "log.jsonl", "ab") as log:
        log.write(line[: len(line) // 2])  # what a write(2) cut short leaves
    assert assert_all_or_nothing(root, accepted) is True
    lines = (root / "log.jsonl").read_bytes().split(b"\n")
    assert lines[-1] == b"" and lines[-2] == line and lines.count(line) == 1
