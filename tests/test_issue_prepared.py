"""``rev issue`` prepares without the lock and writes under it only what the state at that moment gives.

Deterministic: a hook of :mod:`tracker.trust.prepared` runs a concurrent writer
between the preparation and the commit (in this process, or as a real ``wgt``
process with a lock timeout of zero), and the lock's acquisition is instrumented
to prove the expensive work is done before it is taken. Nothing here is timed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from amend_helpers import copy_bundled

import tracker.amendments.consolidate as consolidate
import tracker.trust.prepared as prepared
from tracker import lock
from tracker.amendments.consolidate import issue_revision
from tracker.amendments.operations import Operation
from tracker.amendments.proposals import decide, mark, propose, translate, withdraw
from tracker.amendments.store import AmendmentStore
from tracker.errors import WgtError
from tracker.repo import is_marked
from tracker.verify import verify_workspace
from tracker.workspace import Workspace

S = "CAJP/GT/TM-38/05"
DOC = "drafts/cajp-gt-tm-38-05"
WGT = [sys.executable, "-c", "from tracker.cli import cli; cli()"]


def ready(target: Path) -> tuple[Workspace, list[str]]:
    """A group committing to git with the seed texts imported and two accepted, translated proposals."""
    ws = Workspace.open(copy_bundled(target))
    assert is_marked(ws.root)  # the old files held, the bytes prestaged, the blobs stored: all of it exercised
    a = propose(ws, S, "MX", unit="op4", lang="es", operation=Operation("replace", old="Fomentar", new="Promover"))
    translate(ws, a.id, "en", operation=Operation("replace", old="To encourage", new="To promote"))
    b = propose(ws, S, "US", unit="op11", lang="en", operation=Operation("delete", old="permanent observer states, "))
    translate(ws, b.id, "es", operation=Operation("delete", old="los Estados observadores permanentes, "))
    decide(ws, [a.id, b.id], "accepted", "CHAIR")
    return ws, [a.id, b.id]


def open_proposal(ws: Workspace) -> str:
    """A third proposal, translated, not decided: what the chair may accept while the revision is prepared."""
    c = propose(
        ws, S, "MX", unit="op2", lang="es", operation=Operation("replace", old="Reafirmar", new="Reafirmar firmemente")
    )
    translate(ws, c.id, "en", operation=Operation("replace", old="To reaffirm", new="To reaffirm firmly"))
    return c.id


@pytest.fixture
def hook() -> Iterator[Callable[[Callable[[prepared.PreparedAction], None]], None]]:
    """Install a function to run between each preparation and its commit (removed afterwards)."""
    installed: list = []

    def install(function: Callable[[prepared.PreparedAction], None]) -> None:
        installed.append(function)
        prepared.BEFORE_LOCK.append(function)

    yield install
    for function in installed:
        prepared.BEFORE_LOCK.remove(function)


def first_time(action: Callable[[], object]) -> Callable[[prepared.PreparedAction], None]:
    """A hook that writes ``action`` during the first preparation only, and counts the preparations."""

    def run(_prepared: prepared.PreparedAction) -> None:
        run.calls += 1
        if run.calls == 1:
            action()

    run.calls = 0
    return run


def statuses(ws: Workspace) -> dict[str, str]:
    return {r.id: r.status for r in AmendmentStore(Workspace.open(ws.root)).all()}


def assert_verifies(root: Path) -> None:
    _checked, problems = verify_workspace(Workspace.open(root))
    assert problems == [], problems
    leftovers = root / ".git" / prepared.HELD_NAME
    assert not leftovers.exists() or not any(leftovers.iterdir()), "old versions of replaced files left behind"


def test_a_write_during_the_preparation_never_waits_for_the_lock(tmp_path: Path, hook) -> None:
    ws, accepted = ready(tmp_path / "ws")
    results: list[subprocess.CompletedProcess] = []

    def another_process() -> None:  # a delegation proposing meanwhile, with no patience at all for the lock
        args = ["--workspace", str(ws.root), "amend", "propose", S, "--by", "US", "--unit", "op1", "--lang", "en"]
        args += ["--replace", "vehemently condemn", "--with", "firmly condemn"]
        env = {**os.environ, "WGT_LOCK_TIMEOUT": "0"}
        results.append(subprocess.run([*WGT, *args], capture_output=True, text=True, env=env))

    counter = first_time(another_process)
    hook(counter)
    before = set(statuses(ws))
    issued = issue_revision(Workspace.open(ws.root), S, date="2005-03-01")
    assert results[0].returncode == 0, results[0].stderr
    assert counter.calls == 2  # the log moved: prepared once more against the state with the new proposal
    assert issued.incorporated == accepted
    after = statuses(ws)
    assert [after[i] for i in accepted] == ["incorporated", "incorporated"]
    assert [after[i] for i in set(after) - before] == ["proposed"]  # the new one, left open
    assert_verifies(ws.root)


def test_the_command_rev_issue_holds_no_lock_while_it_prepares(tmp_path: Path, hook) -> None:
    """Through the CLI too: the command does not hold the workspace shared for its whole run."""
    from amend_helpers import ok

    ws, accepted = ready(tmp_path / "ws")
    results: list[subprocess.CompletedProcess] = []

    def another_process() -> None:
        args = ["--workspace", str(ws.root), "mark", S, "op1", "agreed", "--as", "CHAIR"]
        env = {**os.environ, "WGT_LOCK_TIMEOUT": "0"}
        results.append(subprocess.run([*WGT, *args], capture_output=True, text=True, env=env))

    hook(first_time(another_process))
    out = ok(ws.root, "rev", "issue", S, "--date", "2005-03-01")
    assert results[0].returncode == 0, results[0].stderr
    assert all(i in out for i in accepted)
    assert_verifies(ws.root)


def test_an_acceptance_during_the_preparation_is_in_the_revision(tmp_path: Path, hook) -> None:
    ws, accepted = ready(tmp_path / "ws")
    third = open_proposal(ws)
    counter = first_time(lambda: decide(Workspace.open(ws.root), [third], "accepted", "CHAIR"))
    hook(counter)
    issued = issue_revision(Workspace.open(ws.root), S, date="2005-03-01")
    assert counter.calls == 2
    assert sorted(issued.incorporated) == sorted([*accepted, third])
    assert "firmly" in (ws.root / DOC / "rev1.en.xml").read_text(encoding="utf-8")
    assert_verifies(ws.root)


def test_a_withdrawal_and_a_mark_during_the_preparation_are_what_the_revision_shows(tmp_path: Path, hook) -> None:
    ws, accepted = ready(tmp_path / "ws")

    def meanwhile() -> None:
        other = Workspace.open(ws.root)
        withdraw(other, accepted[1], "US")
        mark(other, S, "op4", "agreed", "CHAIR")

    counter = first_time(meanwhile)
    hook(counter)
    issued = issue_revision(Workspace.open(ws.root), S, date="2005-03-01")
    assert counter.calls == 2
    assert issued.incorporated == [accepted[0]]
    assert statuses(ws)[accepted[1]] == "withdrawn"
    english = (ws.root / DOC / "rev1.en.xml").read_text(encoding="utf-8")
    assert "permanent observer states, " in english  # the withdrawn deletion is not applied
    assert "agreed" in english  # the mark made meanwhile is in the revision's record of statuses
    assert_verifies(ws.root)


def test_a_workspace_that_keeps_changing_is_refused_with_nothing_written(tmp_path: Path, hook) -> None:
    ws, accepted = ready(tmp_path / "ws")
    log_before = (ws.root / "log.jsonl").read_bytes()
    calls: list[int] = []

    def always(_prepared: prepared.PreparedAction) -> None:
        calls.append(1)
        mark(Workspace.open(ws.root), S, "op1", "open" if len(calls) % 2 else "agreed", "CHAIR")

    hook(always)
    with pytest.raises(prepared.LogMoved, match="changed 3 times") as refused:
        issue_revision(Workspace.open(ws.root), S, date="2005-03-01")
    assert isinstance(refused.value, WgtError)  # one clear line for the user, no traceback
    assert len(calls) == prepared.ATTEMPTS
    assert not list((ws.root / DOC).glob("rev1.*"))
    assert [statuses(ws)[i] for i in accepted] == ["accepted", "accepted"]
    log_after = (ws.root / "log.jsonl").read_bytes()
    assert log_after.startswith(log_before) and log_after.count(b"\n") == log_before.count(b"\n") + 3  # marks only
    assert_verifies(ws.root)


def test_a_read_that_caught_a_writer_half_way_is_prepared_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, accepted = ready(tmp_path / "ws")
    real = consolidate.open_changes
    calls: list[int] = []

    def torn(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:  # as if a record had been read while another process was replacing it
            mark(Workspace.open(ws.root), S, "op1", "agreed", "CHAIR")
            raise WgtError("amendments/x/MX-1.json: its bytes are not the ones the signed log recorded last")
        return real(*args, **kwargs)

    monkeypatch.setattr(consolidate, "open_changes", torn)
    issued = issue_revision(Workspace.open(ws.root), S, date="2005-03-01")
    assert len(calls) == 2 and issued.incorporated == accepted
    assert_verifies(ws.root)


def test_an_error_of_the_workspace_itself_is_not_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, _accepted = ready(tmp_path / "ws")
    calls: list[int] = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise WgtError("amendments/x/MX-1.json: damaged; restore it from git")

    monkeypatch.setattr(consolidate, "open_changes", broken)
    with pytest.raises(WgtError, match="damaged"):
        issue_revision(Workspace.open(ws.root), S, date="2005-03-01")
    assert calls == [1]  # the log did not move: the error is the workspace's, said at once
    assert not list((ws.root / DOC).glob("rev1.*"))


def test_the_lock_is_taken_only_to_check_and_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Everything that costs (reading and checking records, consolidating, validating, serializing, signing,
    storing blobs, writing the bytes) happens before the exclusive lock is taken; under it no record is read."""
    ws, accepted = ready(tmp_path / "ws")
    events: list[tuple[str, bool]] = []

    def exclusive() -> bool:
        return any(held.exclusive for held in lock._HELD.values())

    def spy(owner: object, name: str) -> None:
        real = getattr(owner, name)

        def wrapper(*args, **kwargs):
            events.append((name, exclusive()))
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, wrapper)

    for name in ("open_changes", "find_collisions", "_consolidate", "schema_errors", "rule_errors", "seal_status"):
        spy(consolidate, name)
    for name in ("_load", "all", "save"):
        spy(AmendmentStore, name)
    for name in ("entry_line", "prestage", "hold_replaced"):
        spy(prepared, name)
    real_lock = prepared.workspace_lock

    def recorded_lock(root: Path, *args, **kwargs):
        events.append(("lock", exclusive()))
        return real_lock(root, *args, **kwargs)

    monkeypatch.setattr(prepared, "workspace_lock", recorded_lock)
    issued = issue_revision(Workspace.open(ws.root), S, date="2005-03-01")
    assert issued.incorporated == accepted
    names = [name for name, _held in events]
    assert names.count("lock") == 1
    before, after = names[: names.index("lock")], names[names.index("lock") + 1 :]
    assert after == []  # under the lock: the log's check and the writes, nothing listed above
    assert {"_load", "save", "_consolidate", "schema_errors", "entry_line", "prestage"} <= set(before)
    assert not any(held for name, held in events if name != "lock")
    assert_verifies(ws.root)


@pytest.mark.parametrize("renames", [1, 3])
def test_killed_among_its_renames_in_a_git_workspace_it_is_finished_and_committed_by_the_next(
    tmp_path: Path, renames: int
) -> None:
    """The temporary files are second names of the bytes written before the lock: a journal finishes them as any."""
    ws, accepted = ready(tmp_path / "ws")
    args = ["--workspace", str(ws.root), "rev", "issue", S, "--date", "2005-03-01"]
    killed = subprocess.run(
        [*WGT, *args], capture_output=True, env={**os.environ, "WGT_CRASH_AFTER_RENAMES": str(renames)}
    )
    assert killed.returncode == -9
    assert (ws.root / ".wgt-journal.json").exists()
    listed = subprocess.run([*WGT, "--workspace", str(ws.root), "amend", "list", S], capture_output=True, text=True)
    assert listed.returncode == 0, listed.stderr
    assert [statuses(ws)[i] for i in accepted] == ["incorporated", "incorporated"]
    assert sorted(p.name for p in (ws.root / DOC).glob("rev1.*")) == [
        "rev1.en.xml",
        "rev1.es.xml",
        "rev1.manifest.json",
    ]
    status = subprocess.run(["git", "status", "--porcelain"], cwd=ws.root, capture_output=True, text=True).stdout
    assert status == ""  # finished and committed, nothing else
    third = open_proposal(ws)  # the next prepared action removes what the killed one left in .git
    decide(ws, [third], "accepted", "CHAIR")
    issue_revision(Workspace.open(ws.root), S, date="2005-03-15")
    assert_verifies(ws.root)
