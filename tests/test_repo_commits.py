"""One commit per action: what ``wgt init`` makes, what each action commits, and a kill between the two.

Checked with the ``git`` command itself (not the library wgt commits with): the
first commit is the founding, each action is one commit of exactly its files and
the log line, with the participant as author and a message a person reads; a
plain folder (``wgt init --no-git``) stays one; a process killed after its action
and before its commit leaves the next command to commit it; a refused command
commits nothing; what the user staged by hand stays staged and out of wgt's commits.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from amend_helpers import SYMBOL, copy_bundled, ok, refused, wgt

WGT = [sys.executable, "-c", "from tracker.cli import cli; cli()"]
PROPOSAL = ("--by", "MX", "--unit", "op3", "--lang", "es", "--replace", "no puede constituir", "--with", "nunca")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="the git command checks what wgt commits")


def git(root: Path, *args: str) -> str:
    run = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    return run.stdout


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def changed(root: Path, commit: str = "HEAD") -> list[str]:
    return sorted(git(root, "show", "--name-only", "--format=", commit).split())


def run(ws: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*WGT, "--workspace", str(ws), *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=120
    )


def test_init_makes_a_repository_whose_first_commit_is_the_founding(tmp_path: Path) -> None:
    ws = tmp_path / "group"
    code, out, err = wgt(ws, "init", "--body", "CAJP/GT/TM", str(ws))
    assert code == 0, err
    assert git(ws, "branch", "--show-current").strip() == "main"
    assert git(ws, "log", "--format=%an <%ae>|%s").splitlines() == [
        "SEC (Technical Secretariat) <SEC@wgt.invalid>|CAJP/GT/TM founded by SEC"
    ]
    assert changed(ws) == [".gitignore", "log.jsonl", "roster.json", "wgt.toml"]
    assert git(ws, "status", "--porcelain") == ""


def test_init_no_git_makes_a_plain_folder_that_works_as_before(tmp_path: Path) -> None:
    ws = tmp_path / "plain"
    code, _out, err = wgt(ws, "init", "--body", "CAJP/GT/TM", "--no-git", str(ws))
    assert code == 0, err
    assert not (ws / ".git").exists()
    ok(ws, "keys", "register", "--as", "MX")
    assert not (ws / ".git").exists()


def test_each_action_is_one_commit_of_exactly_its_files(tmp_path: Path) -> None:
    ws = copy_bundled(tmp_path / "ws")
    before = int(git(ws, "rev-list", "--count", "HEAD"))
    ok(ws, "amend", "propose", SYMBOL, *PROPOSAL)
    assert int(git(ws, "rev-list", "--count", "HEAD")) == before + 1
    assert git(ws, "log", "-1", "--format=%an <%ae>|%cn|%s") == "MX <MX@wgt.invalid>|MX|MX-1: MX proposes on op3 (es)\n"
    assert changed(ws) == ["amendments/cajp-gt-tm-38-05/MX-1.json", "log.jsonl"]
    assert git(ws, "status", "--porcelain") == ""
    ok(ws, "amend", "translate", "MX-1", "--lang", "en", "--replace", "cannot constitute", "--with", "never is")
    assert git(ws, "log", "-1", "--format=%an|%s") == "SEC (Technical Secretariat)|MX-1: translated by SEC\n"
    ok(ws, "amend", "accept", "MX-1", "--as", "CHAIR")
    assert git(ws, "log", "-1", "--format=%an|%s") == "CHAIR (Chair of the Working Group)|MX-1: accepted by CHAIR\n"
    ok(ws, "rev", "issue", SYMBOL, "--date", "2004-05-12")
    assert git(ws, "log", "-1", "--format=%s") == "CAJP/GT/TM-38/05 rev. 1 issued\n"
    assert git(ws, "status", "--porcelain") == ""


def test_a_refused_command_commits_nothing_and_what_the_user_staged_stays_staged(tmp_path: Path) -> None:
    ws = copy_bundled(tmp_path / "ws")
    (ws / "notes.txt").write_text("the secretariat's own notes\n")
    git(ws, "add", "notes.txt")
    start = head(ws)
    refused(ws, "amend", "accept", "MX-99", "--as", "CHAIR")
    assert head(ws) == start
    ok(ws, "amend", "propose", SYMBOL, *PROPOSAL)
    assert "notes.txt" not in changed(ws)
    assert git(ws, "status", "--porcelain") == "A  notes.txt\n"


def test_a_process_killed_before_its_commit_leaves_it_to_the_next_command(tmp_path: Path) -> None:
    ws = copy_bundled(tmp_path / "ws")
    start = head(ws)
    killed = run(ws, "amend", "propose", SYMBOL, *PROPOSAL, WGT_CRASH_BEFORE_COMMIT="1")
    assert killed.returncode == -9
    assert head(ws) == start  # the action is on disk, its commit is not: no half commit
    assert (ws / "amendments" / "cajp-gt-tm-38-05" / "MX-1.json").is_file()
    listed = run(ws, "amend", "list", SYMBOL)
    assert listed.returncode == 0, listed.stderr
    assert git(ws, "rev-list", "--count", f"{start}..HEAD") == "1\n"
    assert git(ws, "log", "-1", "--format=%an|%s") == "MX|MX-1: MX proposes\n"  # the unit's label is not in the log
    assert changed(ws) == ["amendments/cajp-gt-tm-38-05/MX-1.json", "log.jsonl"]
    assert git(ws, "status", "--porcelain") == ""


def test_a_process_killed_in_its_journal_is_finished_and_committed_by_the_next(tmp_path: Path) -> None:
    ws = copy_bundled(tmp_path / "ws")
    start = head(ws)
    killed = run(ws, "amend", "propose", SYMBOL, *PROPOSAL, WGT_CRASH_AFTER_RENAMES="1")
    assert killed.returncode == -9
    assert (ws / ".wgt-journal.json").exists()
    assert run(ws, "verify").returncode == 0
    assert git(ws, "rev-list", "--count", f"{start}..HEAD") == "1\n"
    assert changed(ws) == ["amendments/cajp-gt-tm-38-05/MX-1.json", "log.jsonl"]
    assert git(ws, "status", "--porcelain") == ""


def test_an_owed_commit_waits_while_a_file_is_not_what_the_log_says(tmp_path: Path) -> None:
    ws = copy_bundled(tmp_path / "ws")
    start = head(ws)
    assert run(ws, "amend", "propose", SYMBOL, *PROPOSAL, WGT_CRASH_BEFORE_COMMIT="1").returncode == -9
    record = ws / "amendments" / "cajp-gt-tm-38-05" / "MX-1.json"
    good = record.read_bytes()
    record.write_bytes(good.replace(b"nunca", b"siempre"))
    assert run(ws, "verify").returncode == 1
    assert head(ws) == start  # a tampered file is never committed
    record.write_bytes(good)
    assert run(ws, "verify").returncode == 0
    assert git(ws, "rev-list", "--count", f"{start}..HEAD") == "1\n"


def test_a_log_rolled_back_by_hand_is_never_committed(tmp_path: Path) -> None:
    """A log that no longer extends the last commit's is not an action owed: the trust checks name it."""
    ws = copy_bundled(tmp_path / "ws")
    ok(ws, "amend", "propose", SYMBOL, *PROPOSAL)
    start = head(ws)
    log = ws / "log.jsonl"
    log.write_bytes(b"".join(log.read_bytes().splitlines(keepends=True)[:-1]))
    assert wgt(ws, "verify")[0] == 1
    assert head(ws) == start


def test_a_damaged_repository_is_one_clear_line(tmp_path: Path) -> None:
    ws = copy_bundled(tmp_path / "ws")
    (ws / ".git" / "HEAD").write_text("garbage\n")
    (ws / "log.jsonl").touch()  # the log looks changed: the next command asks git
    result = run(ws, "amend", "list", SYMBOL)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert ".git" in lines[0] and "git fsck" in lines[0]


def test_a_git_repository_wgt_did_not_make_is_not_committed_to(tmp_path: Path) -> None:
    """A workspace inside someone's own repository (this project's bundled one): written as a plain folder."""
    ws = copy_bundled(tmp_path / "ws")
    shutil.rmtree(ws / ".git")
    git(ws, "init", "-q")
    ok(ws, "amend", "propose", SYMBOL, *PROPOSAL)
    assert git(ws, "rev-list", "--all") == ""


def test_the_log_names_the_commit_of_every_entry(tmp_path: Path) -> None:
    ws = copy_bundled(tmp_path / "ws")
    ok(ws, "amend", "propose", SYMBOL, *PROPOSAL)
    rows = json.loads(ok(ws, "log", "--format", "json"))
    assert set(rows[0]) == {"seq", "hash", "at", "by", "act", "subject", "files", "commit"}
    # one commit an entry here, each action having been committed as it was taken
    assert [r["commit"] for r in rows] == git(ws, "log", "--reverse", "--format=%H").split()
    mine = json.loads(ok(ws, "log", SYMBOL, "--format", "json"))
    assert mine[-1]["subject"] == "MX-1" and mine[-1]["commit"] == head(ws)
    assert ok(ws, "log").splitlines()[-1].endswith(head(ws)[:10])


def test_the_log_after_a_kill_names_the_commit_it_made_first(tmp_path: Path) -> None:
    ws = copy_bundled(tmp_path / "ws")
    start = head(ws)
    assert run(ws, "amend", "propose", SYMBOL, *PROPOSAL, WGT_CRASH_BEFORE_COMMIT="1").returncode == -9
    rows = json.loads(ok(ws, "log", "--format", "json"))
    assert rows[-1]["commit"] == head(ws) != start  # reading the log committed what the kill left owed


def test_the_log_of_a_plain_folder_has_no_commits(tmp_path: Path) -> None:
    ws = tmp_path / "plain"
    assert wgt(ws, "init", "--body", "CAJP/GT/TM", "--no-git", str(ws))[0] == 0
    rows = json.loads(ok(ws, "log", "--format", "json"))
    assert [(r["act"], r["commit"]) for r in rows] == [("found", None)]
