"""What commands remember across runs (issue 15): carried edits and the index of records per unit.

A remembered value is used only when it was written with this user's secret and
its inputs are unchanged; anything else is computed again, with the same result.
Each test gets a cache folder of its own (``WGT_CACHE_DIR``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from amend_helpers import SYMBOL, copy_bundled, ok, refused

import tracker.amendments.texts as texts
from tracker.amendments.index import RecordIndex
from tracker.amendments.store import AmendmentStore
from tracker.trust.remembered import RememberedValues, digest_key
from tracker.workspace import Workspace

SLUG = "cajp-gt-tm-38-05"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("WGT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def colliding(tmp_path: Path, cache: Path) -> Path:
    """The bundled group with three proposals on op3: AR-1 and US-1 change the same words; MX-1 others."""
    ws = copy_bundled(tmp_path / "ws")
    ok(ws, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op3", "--lang", "es",
       "--replace", "no puede constituir", "--with", "en ningún caso puede constituir")  # fmt: skip
    ok(ws, "amend", "propose", SYMBOL, "--by", "US", "--unit", "op3",
       "--delete", ", including those of a labor-related nature")  # fmt: skip
    ok(ws, "amend", "propose", SYMBOL, "--by", "AR", "--unit", "op3", "--lang", "en",
       "--replace", "including those of a labor-related nature", "--with", "including labour rights")  # fmt: skip
    ok(ws, "amend", "propose", SYMBOL, "--by", "GT", "--unit", "op8", "--lang", "es",
       "--replace", "cuando así se les solicite", "--with", "cuando lo soliciten")  # fmt: skip
    return ws


@pytest.fixture
def diffs(monkeypatch) -> list[str]:
    """Every word diff that carrying a proposal's edits computes."""
    calls: list[str] = []
    real = texts.edits_between

    def counting(base: str, target: str):
        calls.append(base)
        return real(base, target)

    monkeypatch.setattr(texts, "edits_between", counting)
    return calls


def conflicts(ws: Path) -> dict:
    return json.loads(ok(ws, "conflicts", SYMBOL, "--format", "json"))


def test_carried_edits_are_computed_once_and_give_the_same_collisions(colliding: Path, diffs: list[str]) -> None:
    first = conflicts(colliding)
    assert [(c["first"], c["second"]) for c in first["collisions"]] == [("AR-1", "US-1")]
    assert len(diffs) >= 4
    diffs.clear()
    assert conflicts(colliding) == first
    assert diffs == []


def test_a_remembered_file_changed_by_one_byte_is_not_used(colliding: Path, cache: Path, diffs: list[str]) -> None:
    first = conflicts(colliding)
    [path] = (cache / "remembered").glob("carried-edits-*")
    data = bytearray(path.read_bytes())
    data[-3] ^= 1  # inside the JSON: the HMAC no longer matches
    path.write_bytes(bytes(data))
    diffs.clear()
    assert conflicts(colliding) == first
    assert diffs


def test_values_written_under_another_secret_are_worthless(colliding: Path, cache: Path, diffs: list[str]) -> None:
    first = conflicts(colliding)
    (cache / "secret").unlink()  # another user's cache, or this one's secret replaced: a new secret is made
    diffs.clear()
    assert conflicts(colliding) == first
    assert diffs


def test_forged_edits_under_a_guessed_key_are_not_believed(colliding: Path, cache: Path) -> None:
    """A value planted in the file without the secret (here: the whole file rewritten) is dropped."""
    conflicts(colliding)
    [path] = (cache / "remembered").glob("carried-edits-*")
    values = json.loads(path.read_bytes()[32:])
    forged = {key: [[0, 1, "X"]] for key in values}
    path.write_bytes(b"\0" * 32 + json.dumps(forged).encode())
    assert [(c["first"], c["second"]) for c in conflicts(colliding)["collisions"]] == [("AR-1", "US-1")]


def test_the_remembered_values_roundtrip_and_can_be_turned_off(cache: Path, monkeypatch) -> None:
    key = digest_key("a", "b")
    assert key != digest_key("ab", "") and key != digest_key("a", "b", "")  # parts never run together
    values = RememberedValues("test-1")
    values.put(key, [[1, 2, "x"]])
    values.save()
    assert RememberedValues("test-1").get(key) == [[1, 2, "x"]]
    assert RememberedValues("test-2").get(key) is None  # another purpose, another file
    monkeypatch.setenv("WGT_VERIFY_CACHE", "off")
    assert RememberedValues("test-1").get(key) is None


def test_accepting_checks_only_the_accepted_records_of_the_same_unit(colliding: Path, monkeypatch) -> None:
    ok(colliding, "amend", "accept", "US-1")
    loaded: list[str] = []
    real = AmendmentStore.load_names

    def counting(self, names):
        loaded.extend(names)
        return real(self, names)

    monkeypatch.setattr(AmendmentStore, "load_names", counting)
    message = refused(colliding, "amend", "accept", "AR-1")
    assert "AR-1 and US-1 both change" in message and "labor-related" in message
    assert any(name.endswith("/US-1.json") for name in loaded)
    assert not any(name.endswith(("/GT-1.json", "/MX-1.json")) for name in loaded)  # other units, or not accepted
    loaded.clear()
    ok(colliding, "amend", "accept", "MX-1")  # changes other words of op3: no collision with US-1
    ok(colliding, "amend", "accept", "GT-1")


def test_the_index_follows_a_record_through_its_status_changes(colliding: Path) -> None:
    def statuses() -> dict[str, str]:
        index = RecordIndex(AmendmentStore(Workspace.open(colliding)))
        return {e.name.rpartition("/")[2]: e.status for e in index.entries(SLUG)}

    assert statuses()["US-1.json"] == "proposed"
    ok(colliding, "amend", "accept", "US-1")
    assert statuses()["US-1.json"] == "accepted"  # new bytes, a new hash in the log: read again
    ok(colliding, "amend", "withdraw", "AR-1", "--by", "AR")
    assert statuses()["AR-1.json"] == "withdrawn"


def test_an_altered_accepted_record_on_the_same_unit_still_refuses_the_acceptance(colliding: Path) -> None:
    ok(colliding, "amend", "accept", "US-1")
    path = colliding / "amendments" / SLUG / "US-1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["justification"] = "Altered by hand."
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    message = refused(colliding, "amend", "accept", "MX-1")
    assert "US-1" in message


def test_a_remembered_log_state_is_the_replay_of_its_bytes_through_any_split(tmp_path: Path, cache: Path) -> None:
    """Packing appends a chunk of new entries and keeps the versions it did not change: the same state as a replay."""
    from tracker.trust.log import LogState, replay

    data = (Path(__file__).resolve().parent.parent / "log.jsonl").read_bytes()
    lines = data.splitlines(keepends=True)
    whole = replay(data, "log.jsonl")

    def summary(state: LogState) -> tuple:
        paths = sorted(state.history.latest_hash)
        return (
            state.head,
            state.hashes,
            [(e.seq, e.hash, e.by, e.act, e.files) for e in state.entries],
            {p: state.versions(p) for p in paths},
            state.record_paths(),
        )

    for first, second in ((1, 2), (3, len(lines) // 2), (len(lines) - 2, len(lines) - 1)):
        state = replay(b"".join(lines[:first]), "log.jsonl")
        for name in state.record_paths()[:1]:
            state.versions(name)  # a path decoded before packing
        state = LogState.unpack(state.pack())
        state = replay(b"".join(lines[:second]), "log.jsonl", (state, len(b"".join(lines[:first]))))
        state = LogState.unpack(state.pack())
        state = replay(data, "log.jsonl", (state, len(b"".join(lines[:second]))))
        assert summary(LogState.unpack(state.pack())) == summary(whole)
