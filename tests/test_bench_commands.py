"""The logic of the command benchmark (bench/commands.py, bench/command_report.py, bench/lockprobe.py).

The timings themselves are the bench's business; here: that the lock probe measures how
long a writer could not take the lock (held exclusively or shared), and that ratios are
paired by repetition and judged against their limits.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.command_report import ratio_row, scaling_rows, verdict
from bench.commands import LOCKPROBE, Commands, Size, lock_hold, paired_ratios
from bench.lockprobe import blocked_spans
from bench.suite import Result, Run


def test_blocked_spans_run_from_the_last_success_to_the_next():
    attempts = [(0.0, True), (1.0, False), (3.0, True), (4.0, False), (4.5, True)]
    assert blocked_spans(attempts, end=10.0) == [3.0, 1.5]
    # Still blocked when the probe stops: counted to the end; blocked from the start: from the start.
    assert blocked_spans([(0.0, True), (2.0, False)], end=5.0) == [5.0]
    assert blocked_spans([(1.0, False), (4.0, True)], end=5.0) == [3.0]
    assert blocked_spans([(0.0, True)], end=5.0) == []


def probe_while(tmp_path: Path, mode: int, hold: float) -> dict:
    """Run the probe on a lock this test holds in ``mode`` for ``hold`` seconds; its report."""
    lock, report = tmp_path / ".wgt.lock", tmp_path / "report.json"
    lock.touch()
    probe = subprocess.Popen(
        [sys.executable, "-I", "-S", str(LOCKPROBE), str(lock), str(report)], stdout=subprocess.PIPE, text=True
    )
    assert probe.stdout.readline().strip() == "ready"
    time.sleep(0.1)
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, mode)
        time.sleep(hold)
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
    time.sleep(0.1)
    probe.send_signal(signal.SIGTERM)
    assert probe.wait(10) == 0
    return json.loads(report.read_text())


def test_the_probe_measures_an_exclusive_hold(tmp_path):
    found = probe_while(tmp_path, fcntl.LOCK_EX, 0.4)
    assert 0.39 <= found["longest"] < 1.5
    assert found["spans"] == 1 and found["attempts"] > 10


def test_a_reader_also_keeps_a_writer_out(tmp_path):
    """A command that prepares under a shared lock still blocks writers: the probe counts it."""
    found = probe_while(tmp_path, fcntl.LOCK_SH, 0.3)
    assert 0.29 <= found["longest"] < 1.5


def runs(*walls: float, failed_rep: int | None = None) -> list[Run]:
    out = []
    for rep, wall in enumerate(walls):
        status = "error" if rep == failed_rep else "ok"
        out.append(Run(wall, None, 1024 * 100, status, {"rep": rep}))
    return out


def result(key: str, size: Size, *walls: float, failed_rep: int | None = None, rss_mb: int = 100) -> Result:
    r = Result(key, key, size.units, "process", runs=runs(*walls, failed_rep=failed_rep))
    for run in r.runs:
        run.rss_kb = rss_mb * 1024
    return r


def test_ratios_are_paired_by_repetition():
    size = Size(10000, 10000)
    a = result("cmd/x", size, 2.0, 9.0, 3.0, failed_rep=1)
    b = result("cmd/x/floor", size, 1.0, 1.0, 2.0)
    assert paired_ratios(a, b) == [2.0, 1.5]


class Fake(Commands):
    def __init__(self, results: dict) -> None:
        self.results, self.writes, self.sizes, self.infos = results, {}, list({s for _, s in results}), {}


def test_a_ratio_row_is_met_up_to_its_limit_and_says_by_how_much_it_is_not():
    size = Size(10000, 10000)
    cmds = Fake(
        {
            ("cmd/show", size): result("cmd/show", size, 0.5, 0.8, 0.6),
            ("cmd/show/floor", size): result("cmd/show/floor", size, 0.25, 0.4, 0.3),
        }
    )
    row = ratio_row(cmds, "cmd/show", "cmd/show/floor", 2, "≤ 2×", size)
    assert (row.met, row.ratio, row.verdict) == (True, "2.00×", "met")
    row = ratio_row(cmds, "cmd/show", "cmd/show/floor", 1.5, "≤ 1.5×", size)
    assert row.met is False and row.verdict == "**not met**: 1.3× over"
    assert verdict(1.02, 1.0) == (False, "**not met**: 1.02× over")
    missing = ratio_row(cmds, "cmd/list", "cmd/list/floor", 2, "≤ 2×", size)
    assert missing.met is None and missing.verdict == "not measured"


def test_scaling_allows_a_tenth_more_than_linear_growth():
    base, more = Size(10000, 10000), Size(10000, 100000)
    cmds = Fake(
        {
            ("cmd/list", base): result("cmd/list", base, 1.0, rss_mb=100),
            ("cmd/list", more): result("cmd/list", more, 10.9, rss_mb=1000),
            ("cmd/verify", base): result("cmd/verify", base, 1.0, rss_mb=100),
            ("cmd/verify", more): result("cmd/verify", more, 11.5, rss_mb=100),
        }
    )
    rows = {r.command: r for r in scaling_rows(cmds, base, more)}
    assert rows["`list`"].met is True
    assert rows["`verify`, records verified before"].met is False
    assert "time 1.0× over" in rows["`verify`, records verified before"].verdict


def test_lock_hold_reads_the_probe_of_each_finished_run():
    r = result("cmd/rev-issue", Size(1000, 500), 5.0, 6.0, 7.0, failed_rep=2)
    r.runs[0].info["lock"] = {"longest": 4.5}
    r.runs[1].info["lock"] = {"longest": 1.5}
    r.runs[2].info["lock"] = {"longest": 9.0}
    assert lock_hold(r) == [4.5, 1.5]
