"""The consensus acts travel by sync (issue 17, requirement 5): each copy takes the others' confirmations
and silence entries, re-chained after the group's, and a break that reaches the group's record after the
procedure closed there is not applied (said, and the group's record stands)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from amend_helpers import SLUG, SYMBOL, ok, wgt
from test_sync import in_step, join, remote  # noqa: F401  (the fixture)

from tracker import clock

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="the remote is made with the git command")


def _marks(ws: Path) -> list[dict]:
    return json.loads((ws / "amendments" / SLUG / "marks.json").read_text(encoding="utf-8"))


def test_a_confirmation_made_offline_arrives_after_the_groups_marks(remote: Path, tmp_path: Path) -> None:  # noqa: F811
    chair, mx = join(remote, tmp_path, "CHAIR"), join(remote, tmp_path, "MX")
    ok(chair, "mark", SYMBOL, "op3", "ad-ref", "--pending", "MX", "--as", "CHAIR")
    ok(chair, "sync")
    ok(mx, "sync")
    ok(mx, "confirm", SYMBOL, "op3", "--as", "MX")  # Mexico, offline
    ok(chair, "mark", SYMBOL, "op1", "agreed", "--as", "CHAIR")  # the chair marks another paragraph meanwhile
    ok(chair, "sync")
    code, _out, err = wgt(mx, "sync")
    assert code == 0 and "Not applied" not in err, err
    ok(chair, "sync")
    in_step(remote, chair, mx)
    assert [(m["status"], m["by"]) for m in _marks(chair)] == [
        ("ad-ref", "CHAIR"),
        ("agreed", "CHAIR"),
        ("confirmed", "MX"),
    ]


def test_a_break_that_reaches_the_group_after_the_close_is_not_applied(
    remote: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch,
) -> None:
    at = [dt.datetime.now(dt.timezone.utc).replace(microsecond=0)]
    monkeypatch.setattr(clock, "_utcnow", lambda: at[0])
    chair, us = join(remote, tmp_path, "CHAIR"), join(remote, tmp_path, "US")
    deadline = (at[0] + dt.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")
    ok(chair, "silence", "start", SYMBOL, "--until", _local(chair, deadline), "--as", "CHAIR")
    ok(chair, "sync")
    ok(us, "sync")
    ok(us, "silence", "break", SYMBOL, "--text", "We object.", "--as", "US")  # offline, in time
    at[0] += dt.timedelta(hours=2)
    ok(chair, "silence", "close", SYMBOL, "--as", "CHAIR")  # the chair saw no break: adopted
    ok(chair, "sync")
    code, _out, err = wgt(us, "sync")
    assert code == 0, err
    assert "silence.break" in err and "not applied" in err
    assert [m["status"] for m in _marks(us)][-1] == "silence-close"


def _local(ws: Path, utc: str) -> str:
    from zoneinfo import ZoneInfo

    from tracker.amendments.consensus import group_zone
    from tracker.workspace import Workspace

    moment = dt.datetime.strptime(utc, "%Y-%m-%d %H:%M:%S").replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(group_zone(Workspace.open(ws))).strftime("%Y-%m-%d %H:%M:%S")
