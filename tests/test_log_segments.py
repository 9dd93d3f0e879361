"""The log as sealed segments plus a live tail (:mod:`tracker.trust.logfiles`): the same log, other files.

With a segment of three entries (``WGT_LOG_SEGMENT_ENTRIES``, never a timed
test): sealing never changes the log a reader replays, whatever the split and
wherever a kill interrupts it; an action's commit holds the tail and the
segments it sealed, never the whole log; a workspace from before segments is
sealed by its next action; and every layout a hostile copy can plant (a segment
added, replaced, cut, deleted, misnamed, swapped for a link, or ten megabytes of
junk) is one clear error naming the file, in every command, in ``wgt verify``
and in sync.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from amend_helpers import SYMBOL, copy_bundled, ok, refused, wgt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.repo import Repo
from tracker.trust import logfiles
from tracker.trust.log import LOG_NAME, replay
from tracker.trust.logfiles import SEGMENT_ENTRIES_VARIABLE, read_log_bytes, seal_if_due
from tracker.trust.state import read_log
from tracker.workspace import Workspace

S = 3
WGT = [sys.executable, "-c", "from tracker.cli import cli; cli()"]
PROPOSAL = ("--by", "MX", "--unit", "op3", "--lang", "es", "--replace", "no puede constituir")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="the git command checks what wgt commits")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(autouse=True)
def small_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SEGMENT_ENTRIES_VARIABLE, str(S))


def propose(ws: Path, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        ok(ws, "amend", "propose", SYMBOL, *PROPOSAL, "--with", f"nunca {n}")


def whole_log(ws: Path) -> bytes:
    return read_log_bytes(ws).data


def segments(ws: Path) -> list[str]:
    return sorted(os.listdir(ws / "log")) if (ws / "log").is_dir() else []


@pytest.fixture
def sealed(tmp_path: Path) -> Path:
    """The bundled group after a few proposals: three sealed segments or more, and a tail."""
    ws = copy_bundled(tmp_path / "ws")
    propose(ws, 4)
    assert len(segments(ws)) >= 3
    return ws


# -- the same log -------------------------------------------------------------------------------


def test_a_sealing_action_keeps_the_log_and_commits_only_the_tail_and_new_segments(sealed: Path) -> None:
    for n in range(2 * S):
        before, listed = whole_log(sealed), segments(sealed)
        propose(sealed, 1, start=10 + n)
        after = whole_log(sealed)
        assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 1
        assert (sealed / LOG_NAME).read_bytes().count(b"\n") < S
        new = sorted(set(segments(sealed)) - set(listed))
        # The commit: the record, the tail and the segment it sealed, if any; never the whole log.
        changed = git(sealed, "show", "--name-only", "--format=", "HEAD").split()
        assert sorted(changed) == sorted([changed[0], LOG_NAME, *(f"log/{name}" for name in new)])
        assert changed[0].startswith("amendments/")
        stored = sum(int(git(sealed, "cat-file", "-s", f"HEAD:{path}")) for path in changed if path.startswith("log"))
        biggest = max(os.path.getsize(sealed / "log" / name) for name in segments(sealed))
        assert stored <= 2 * biggest < len(after)
    assert git(sealed, "status", "--porcelain") == ""
    assert "verified" in ok(sealed, "verify")


def test_an_old_single_file_log_is_sealed_by_its_next_action(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(SEGMENT_ENTRIES_VARIABLE, "100000")  # made as before segments: one log.jsonl
    ws = copy_bundled(tmp_path / "ws")
    propose(ws, 2)
    data = whole_log(ws)  # the layout an older wgt left: one file
    assert not (ws / "log").exists() and git(ws, "status", "--porcelain") == ""
    head = read_log(Workspace.open(ws)).head
    monkeypatch.setenv(SEGMENT_ENTRIES_VARIABLE, str(S))
    assert read_log(Workspace.open(ws)).head == head  # no segments is a valid log
    propose(ws, 1, start=5)
    entries = data.count(b"\n") + 1
    assert len(segments(ws)) == entries // S  # all at once: the old log costs one action what each cost before
    assert whole_log(ws).startswith(data)
    assert read_log(Workspace.open(ws)).hashes[: entries - 1] == replay(data, LOG_NAME).hashes
    from tracker.sync.verify import verify_incoming

    repo = Repo(ws)  # the whole history, as a new site joining verifies it
    state = verify_incoming(Workspace.open(ws), repo, None, repo.line_since(None, repo.head()))
    assert state.head == read_log(Workspace.open(ws)).head
    rows = json.loads(ok(ws, "log", "--format", "json"))
    for row in rows[-2:]:
        assert f"wgt log entry {row['seq']} " in git(ws, "show", "-s", "--format=%B", row["commit"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(1, 7), data=st.data())
def test_any_split_and_any_interrupted_seal_read_as_the_same_log(size: int, data) -> None:
    """Segments of any size, the tail repeating any number of the last ones (a kill between the seal's two
    steps): the same bytes, each line placed in its file; sealing again finishes it and changes nothing read."""
    lines = _LOG[0].splitlines(keepends=True)
    sealed = data.draw(st.integers(0, len(lines) // size), label="segments")
    repeated = data.draw(st.integers(0, sealed), label="repeated")
    os.environ[SEGMENT_ENTRIES_VARIABLE] = str(size)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            (root / "log").mkdir()
            for k in range(sealed):
                (root / logfiles.segment_path(k)).write_bytes(b"".join(lines[k * size : (k + 1) * size]))
            (root / LOG_NAME).write_bytes(b"".join(lines[(sealed - repeated) * size :]))
            log = read_log_bytes(root)
            assert log.data == _LOG[0]
            for number in (1, len(lines) // 2 + 1, len(lines)):
                name, line = log.locate(number)
                assert Path(name).read_bytes().splitlines(keepends=True)[line - 1] == lines[number - 1]
            written = seal_if_due(root)
            assert len(segments(root)) == len(lines) // size
            assert len(written) == len(lines) // size - sealed
            assert (root / LOG_NAME).read_bytes().count(b"\n") == len(lines) % size
            assert read_log_bytes(root).data == _LOG[0]
            assert seal_if_due(root) == []
    finally:
        os.environ[SEGMENT_ENTRIES_VARIABLE] = str(S)


_LOG: list[bytes] = []


@pytest.fixture(autouse=True, scope="module")
def _log_bytes(tmp_path_factory) -> None:
    """A real log of the bundled group (some 20 entries), for the property test to split."""
    root = tmp_path_factory.mktemp("log")
    ws = copy_bundled(root / "ws")
    _LOG.append(read_log_bytes(ws).data)
    assert replay(_LOG[0], LOG_NAME).hashes


def test_a_kill_between_the_two_steps_of_a_seal_is_finished_by_the_next_action(sealed: Path) -> None:
    tail = (sealed / LOG_NAME).read_bytes().count(b"\n")
    propose(sealed, S - 1 - tail, start=20)  # the next action seals
    listed, before = segments(sealed), whole_log(sealed)
    run = subprocess.run(
        [*WGT, "--workspace", str(sealed), "amend", "propose", SYMBOL, *PROPOSAL, "--with", "nunca 30"],
        capture_output=True,
        text=True,
        env={**os.environ, "WGT_CRASH_IN_SEAL": "1"},
        timeout=120,
    )
    assert run.returncode == -9
    assert len(segments(sealed)) == len(listed) + 1
    assert (sealed / LOG_NAME).read_bytes().startswith((sealed / "log" / segments(sealed)[-1]).read_bytes())
    assert whole_log(sealed).startswith(before)  # the repeated lines read once
    assert "MX-" in ok(sealed, "amend", "list", SYMBOL)  # a reader commits what is owed, the seal as it is
    assert git(sealed, "status", "--porcelain") == ""
    assert whole_log(sealed).count(b"\n") == before.count(b"\n") + 1
    propose(sealed, 1, start=31)  # the next action finishes the seal
    assert (sealed / LOG_NAME).read_bytes().count(b"\n") < S
    assert git(sealed, "status", "--porcelain") == ""
    assert "verified" in ok(sealed, "verify")


# -- hostile copies ---------------------------------------------------------------------------------


def _last(ws: Path) -> Path:
    return ws / "log" / segments(ws)[-1]


def _junk(ws: Path) -> None:
    (ws / "log" / "000001.jsonl").write_bytes(b'{"not": "an entry"}\n' * 500_000)  # ten megabytes


def _planted_next(ws: Path) -> None:
    shutil.copy(ws / "log" / "000000.jsonl", ws / "log" / f"{len(segments(ws)):06d}.jsonl")


def _linked_folder(ws: Path) -> None:
    (ws / "log").rename(ws.parent / "elsewhere")
    (ws / "log").symlink_to(ws.parent / "elsewhere")


def _linked_segment(ws: Path) -> None:
    target = ws.parent / "copy.jsonl"
    shutil.copy(ws / "log" / "000001.jsonl", target)
    (ws / "log" / "000001.jsonl").unlink()
    (ws / "log" / "000001.jsonl").symlink_to(target)


def _cut(ws: Path) -> None:
    path = ws / "log" / "000001.jsonl"
    path.write_bytes(b"".join(path.read_bytes().splitlines(keepends=True)[:-1]))


ATTACKS: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "a segment replaced by another valid-looking one": (
        lambda ws: shutil.copy(ws / "log" / "000000.jsonl", ws / "log" / "000001.jsonl"),
        ["log/000001.jsonl: line 1 (entry 3) refused", "restore it from git"],
    ),
    "ten megabytes of junk for a segment": (_junk, ["log/000001.jsonl: holds 500000 lines", "exactly 3"]),
    "a segment cut short": (_cut, ["log/000001.jsonl: holds 2 lines", "restore it from git"]),
    "a segment deleted": (
        lambda ws: (ws / "log" / "000001.jsonl").unlink(),
        ["log/000001.jsonl: missing", "restore it from git"],
    ),
    "the last segment deleted": (lambda ws: _last(ws).unlink(), ["log.jsonl: begins with entry", "is missing"]),
    "every segment deleted": (
        lambda ws: shutil.rmtree(ws / "log"),
        ["log.jsonl: begins with entry", "log/000000.jsonl is missing"],
    ),
    "a segment planted after the last": (_planted_next, ["log.jsonl: begins with entry", "not with an exact copy"]),
    "a segment planted beyond a gap": (
        lambda ws: shutil.copy(ws / "log" / "000000.jsonl", ws / "log" / "000099.jsonl"),
        ["missing: the log's sealed segments are numbered from 000000 without a gap, and 000099.jsonl exists"],
    ),
    "a misnumbered segment": (
        lambda ws: (ws / "log" / "000001.jsonl").rename(ws / "log" / "1.jsonl"),
        ["log/1.jsonl: not a sealed segment"],
    ),
    "a stray file among the segments": (
        lambda ws: (ws / "log" / "..notes").write_text("x"),
        ["log/..notes: not a sealed segment"],
    ),
    "the folder a link": (_linked_folder, ["log: is not a folder (a link or a file)"]),
    "the folder a file": (
        lambda ws: (shutil.rmtree(ws / "log"), (ws / "log").write_text("x")),
        ["log: is not a folder"],
    ),
    "a segment a link": (_linked_segment, ["log/000001.jsonl: is a symbolic link"]),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_hostile_layout_is_refused_by_every_reader_naming_the_file(sealed: Path, attack: str) -> None:
    plant, words = ATTACKS[attack]
    plant(sealed)
    line = refused(sealed, "amend", "list", SYMBOL)
    assert all(word in line for word in words), line
    refused(sealed, "amend", "propose", SYMBOL, *PROPOSAL, "--with", "nunca 40")
    code, out, err = wgt(sealed, "verify")
    assert code == 1 and "Traceback" not in err
    assert all(word in out + err for word in words), out + err


# -- sync ----------------------------------------------------------------------------------------------


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """A bare repository holding the secretariat's group after a few proposals: sealed segments in its history."""
    bare = tmp_path / "group.git"
    subprocess.run(["git", "init", "-q", "--bare", "--initial-branch=main", str(bare)], check=True)
    sec = copy_bundled(tmp_path / "SEC")
    propose(sec, 4)
    subprocess.run(["git", "-C", str(sec), "remote", "add", "origin", str(bare)], check=True)
    assert "Sent" in ok(sec, "sync")
    return bare


def test_a_site_joins_and_syncs_a_sealed_history(remote: Path, tmp_path: Path) -> None:
    code, out, err = wgt(tmp_path, "join", str(remote), str(tmp_path / "US"), "--as", "US")
    assert code == 0 and "every commit verified" in out, err
    sec = tmp_path / "SEC"
    propose(sec, S + 1, start=50)
    ok(sec, "sync")
    ok(tmp_path / "US", "sync")
    assert whole_log(tmp_path / "US") == whole_log(sec)
    assert segments(tmp_path / "US") == segments(sec)


def _edit_segment(attacker: Path) -> None:
    path = attacker / "log" / "000001.jsonl"
    path.write_bytes(path.read_bytes().replace(b'"at":"', b'"at":" ', 1))


SYNC_ATTACKS: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "a sealed segment edited": (_edit_segment, "log/000001.jsonl", "it changes a sealed segment of the log"),
    "a sealed segment deleted": (
        lambda a: (a / "log" / "000001.jsonl").unlink(),
        "log/000001.jsonl",
        "it deletes a sealed segment of the log",
    ),
    "a junk segment added": (
        lambda a: (a / "log" / f"{len(segments(a)):06d}.jsonl").write_bytes(b'{"x": 1}\n' * 1_000_000),
        "log/",
        "holds 1000000 lines",
    ),
    "a segment added that the tail does not repeat": (_planted_next, LOG_NAME, "not with an exact copy"),
    "a misnumbered segment added": (
        lambda a: shutil.copy(a / "log" / "000000.jsonl", a / "log" / "7.jsonl"),
        "log/7.jsonl",
        "not a sealed segment",
    ),
    "a segment added as a link": (
        lambda a: (a / "log" / f"{len(segments(a)):06d}.jsonl").symlink_to("000000.jsonl"),
        "log/",
        "symbolic link",
    ),
}


@pytest.mark.parametrize("attack", sorted(SYNC_ATTACKS))
def test_a_hostile_segment_in_a_commit_is_refused(remote: Path, tmp_path: Path, attack: str) -> None:
    from test_sync import _attack, _refused

    make, path, rule = SYNC_ATTACKS[attack]
    victim, commit = _attack(remote, tmp_path, make)
    _refused(victim, commit, path, rule)
