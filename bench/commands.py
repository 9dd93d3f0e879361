"""The commands as a user runs them (issue 15): whole ``wgt`` processes against their honest floors.

Every row is ``wgt …`` exactly as a user types it in the workspace's folder, the same
arguments every run, timed from ``exec`` to exit with its peak RSS (``bench/launch.py``).
Each command is measured in a *group* with its floors (``bench/floors.py``, or a peer such
as ``git diff --word-diff``): the members of a group run one after the other, A, B, A, B …,
so that the load of this shared machine drifts over all of them alike, and each ratio is
the median of the ratios of the same repetition. The targets are in
:mod:`bench.command_report`.

Commands that change the workspace get a fresh target in every repetition, set up
untimed: ``amend accept``, ``withdraw`` and ``mark`` take the next proposal or unit of
``bench.json``'s ``targets`` (chosen by the generator so that accepting collides with
nothing), ``rev issue`` runs on a fresh copy of the workspace. While ``rev issue`` runs,
``bench/lockprobe.py`` records how long no writer could have taken the lock; one more run
starts ``wgt mark`` halfway through it and records whether the write succeeded and how
long it waited.
"""

from __future__ import annotations

import json
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from bench import generate
from bench.suite import BENCH, TARGET_SIZE, Result, Run, fmt_result, run_process

FLOORS = BENCH / "floors.py"
LOCKPROBE = BENCH / "lockprobe.py"
PREFIX = "cmd/"


class Size(NamedTuple):
    """A workspace: draft units and open proposals."""

    units: int
    proposals: int

    def __str__(self) -> str:
        return f"{self.units:,} units, {self.proposals:,} proposals"


@dataclass
class Member:
    """One process of a group: a command or a floor."""

    key: str  # e.g. "cmd/compare", "cmd/compare/floor"
    label: str
    argv: Callable[[int], list[str]]  # repetition -> argv (called just before the run)
    setup: Callable[[int], Path | None] | None = None  # repetition -> folder to run in (else the workspace)
    teardown: Callable[[int, Run], None] | None = None
    cold: bool = False  # an empty cache of verified records for each run
    ok_codes: tuple[int, ...] = (0,)
    probe: bool = False  # watch the workspace lock while it runs


@dataclass
class Workspace:
    """What the groups of one workspace need: its paths and the files they read."""

    size: Size
    info: dict
    root: Path
    out: Path  # where the commands write their files
    drafts: Path = field(init=False)
    slug: str = field(init=False)
    symbol: str = field(init=False)

    def __post_init__(self) -> None:
        self.slug, self.symbol = self.info["slug"], self.info["symbol"]
        self.drafts = self.root / "drafts" / self.slug

    def draft(self, rev: int, lang: str) -> Path:
        return self.drafts / f"rev{rev}.{lang}.xml"

    def every_draft(self) -> list[Path]:
        return sorted((self.root / "drafts").rglob("rev*.xml"))


class Commands:
    """Runs the command rows on each workspace of a suite; results in ``suite.results`` and ``self.results``."""

    def __init__(self, suite) -> None:
        self.suite = suite
        self.results: dict[tuple[str, Size], Result] = {}
        self.writes: dict[Size, dict] = {}  # the write started during rev issue
        self.sizes: list[Size] = []
        self.infos: dict[Size, dict] = {}  # bench.json of each workspace

    # -- running -------------------------------------------------------------
    def selected(self, keys: list[str]) -> bool:
        only = self.suite.args.only
        return not only or any(k.startswith(o) for k in keys for o in only)

    def wgt(self, *args: str) -> Callable[[int], list[str]]:
        return lambda _rep: [*self.suite.wgt, *args]

    def floor(self, kind: str, *paths: Path | str) -> Callable[[int], list[str]]:
        return lambda _rep: [sys.executable, str(FLOORS), kind, *map(str, paths)]

    def group(self, ws: Workspace, members: list[Member], timeout: float) -> None:
        """Run the members interleaved, ``reps`` rounds (fewer once a round exceeds the time budget)."""
        if not self.selected([m.key for m in members]):
            return
        results = []
        for m in members:
            label = m.label if ws.size == self.sizes[0] else f"{m.label} — {ws.size}"
            result = Result(m.key, label, ws.size.units, "process", timeout=timeout)
            self.suite.results.append(result)
            self.results[(m.key, ws.size)] = result
            results.append(result)
        args = self.suite.args
        # The targets are read at 10,000 units; the other sizes give the growth: fewer rounds suffice
        # (one with 100,000 proposals, whose slowest command takes minutes today).
        main = ws.size.units == TARGET_SIZE and ws.size.proposals == generate.DEFAULT_PROPOSALS[TARGET_SIZE]
        many = ws.size.proposals > generate.DEFAULT_PROPOSALS.get(ws.size.units, ws.size.proposals)
        reps = args.reps if main or ws.size == self.sizes[0] else 1 if many else min(args.reps, 2)
        spent, stopped = 0.0, set()
        for rep in range(reps):
            for m, result in zip(members, results):
                if m.key in stopped:
                    continue
                folder = (m.setup(rep) if m.setup else None) or ws.root
                cache = self.suite.cold_cache(m.key.replace("/", "-"), rep) if m.cold else None
                env = self.suite.child_env(ws.info["keys"], cache)
                run = self.run(m, rep, folder, env, timeout)
                result.runs.append(run)
                spent += run.wall
                if m.teardown:
                    m.teardown(rep, run)
                if run.status != "ok":
                    stopped.add(m.key)  # a failure or a timeout is not repeated
            if spent > args.budget * len(members):
                break
        for result in results:
            self.suite.say(f"  {fmt_result(result)}")
            for error in result.errors[:1]:
                self.suite.say(f"    error: {error.splitlines()[-1] if error else '?'}")

    def run(self, m: Member, rep: int, folder: Path, env: dict, timeout: float) -> Run:
        try:
            argv = m.argv(rep)
        except LookupError as exc:  # no fresh target left for this repetition
            return Run(0.0, None, 0, "error", {"rep": rep}, str(exc))
        if not m.probe:
            run = run_process(argv, env, timeout, cwd=folder, ok_codes=m.ok_codes)
        else:
            run = self.probed(argv, env, timeout, folder)
        run.info["rep"] = rep
        return run

    def probed(self, argv: list[str], env: dict, timeout: float, folder: Path) -> Run:
        """``argv`` run in ``folder`` while ``bench/lockprobe.py`` watches its lock; the probe's summary in ``info``."""
        report = self.suite.scratch / "lockprobe.json"
        report.unlink(missing_ok=True)
        probe = subprocess.Popen(
            [sys.executable, "-I", "-S", str(LOCKPROBE), str(folder / ".wgt.lock"), str(report)],
            stdout=subprocess.PIPE,
            text=True,
        )
        probe.stdout.readline()  # "ready"
        try:
            run = run_process(argv, env, timeout, cwd=folder)
        finally:
            probe.send_signal(signal.SIGTERM)
            probe.wait(30)
        if report.exists():
            run.info["lock"] = json.loads(report.read_text())
        return run

    # -- the groups ----------------------------------------------------------
    def run_workspace(self, size: Size, info: dict, timeout: float) -> None:
        """Every group on the workspace ``info`` (left as it was: writes go to copies)."""
        self.sizes.append(size)
        self.infos[size] = info
        out = self.suite.scratch / f"cmd-{size.units}-{size.proposals}"
        out.mkdir(parents=True, exist_ok=True)
        ws = Workspace(size, info, Path(info["workspace"]), out)
        self.suite.say(f"Commands as a user runs them: {size}")
        self.warm_up(ws)
        self.compare(ws, timeout)
        self.conflicts(ws, timeout)
        self.check(ws, timeout)
        self.readers(ws, timeout)
        self.writers(ws, timeout)
        self.rev_issue(ws, timeout)
        from bench.publish import publish_rows  # issue 16's rows, in their own module

        publish_rows(self, ws, timeout)

    def warm_up(self, ws: Workspace) -> None:
        """Every record verified once into the shared cache (unmeasured), as any earlier command would."""
        readers_of_records = [
            "cmd/compare",
            "cmd/conflicts",
            "cmd/verify",
            "cmd/propose",
            "cmd/accept",
            "cmd/rev-issue",
        ]
        if not self.selected(readers_of_records) and not self.selected(["cmd/withdraw", "cmd/mark"]):
            return  # show, list, validate, render read no record
        env = self.suite.child_env(ws.info["keys"])
        for args in (["verify"], ["conflicts", ws.symbol]):
            run_process([*self.suite.wgt, *args], env, 3600, cwd=ws.root)

    def compare(self, ws: Workspace, timeout: float) -> None:
        texts = []
        if self.selected(["cmd/compare"]):
            env = self.suite.child_env(ws.info["keys"])
            for rev in (0, 1):  # the plain texts git compares, written once
                path = ws.out / f"rev{rev}.txt"
                shown = subprocess.run(
                    [*self.suite.wgt, "show", ws.symbol, "--rev", str(rev)], cwd=ws.root, env=env, capture_output=True
                )
                path.write_bytes(shown.stdout)
                texts.append(path)
        s = ws.symbol
        fmt = "`wgt compare SYMBOL --from 0 --to 1`"
        members = [
            Member("cmd/compare", fmt + " (terminal)", self.wgt("compare", s, "--from", "0", "--to", "1")),
            Member(
                "cmd/compare-html",
                fmt + " `--format html -o F`",
                self.wgt("compare", s, "--from", "0", "--to", "1", "--format", "html", "-o", str(ws.out / "c.html")),
            ),
            Member(
                "cmd/compare-docx",
                fmt + " `--format docx -o F`",
                self.wgt("compare", s, "--from", "0", "--to", "1", "--format", "docx", "-o", str(ws.out / "c.docx")),
            ),
            Member(
                "cmd/compare/floor",
                "floor of `compare`: a process parsing rev. 0 and rev. 1 (en)",
                self.floor("parse", ws.draft(0, "en"), ws.draft(1, "en")),
            ),
            Member(
                "cmd/compare/git",
                "`git diff --word-diff --no-index` of the two revisions' texts",
                lambda _rep: ["git", "diff", "--no-color", "--word-diff", "--no-index", *map(str, texts)],
                ok_codes=(0, 1),
            ),
        ]
        self.group(ws, members, timeout)

    def conflicts(self, ws: Workspace, timeout: float) -> None:
        members = [
            Member(
                "cmd/conflicts", "`wgt conflicts SYMBOL` (records verified before)", self.wgt("conflicts", ws.symbol)
            ),
            Member(
                "cmd/conflicts-cold",
                "`wgt conflicts SYMBOL`, cache of verified records empty",
                self.wgt("conflicts", ws.symbol),
                cold=True,
            ),
            Member(
                "cmd/conflicts/floor",
                "floor of `conflicts`: reading every record and the log, parsing the drafts",
                self.floor("records", ws.root / "amendments" / ws.slug, ws.root / "log.jsonl", *ws.every_draft()),
            ),
        ]
        self.group(ws, members, timeout)

    def check(self, ws: Workspace, timeout: float) -> None:
        """``wgt check`` (issue 17): both language versions of the latest revision and of every open proposal
        compared, against reading every record and the log and parsing the drafts (what it must read)."""
        members = [
            Member(
                "cmd/check",
                "`wgt check SYMBOL` (the latest revision and every open proposal, en against es)",
                self.wgt("check", ws.symbol),
                ok_codes=(0, 1),  # 1: the versions differ somewhere, a finding and not a failure
            ),
            Member(
                "cmd/check/floor",
                "floor of `check`: reading every record and the log, parsing the drafts",
                self.floor("records", ws.root / "amendments" / ws.slug, ws.root / "log.jsonl", *ws.every_draft()),
            ),
        ]
        self.group(ws, members, timeout)

    def readers(self, ws: Workspace, timeout: float) -> None:
        s, latest = ws.symbol, ws.draft(ws.info.get("latest_rev", 1), "en")
        groups = [
            [
                Member("cmd/show", "`wgt show SYMBOL`", self.wgt("show", s)),
                Member("cmd/show-json", "`wgt show SYMBOL --format json`", self.wgt("show", s, "--format", "json")),
                Member(
                    "cmd/show/floor", "floor of `show`: parse the revision, print its text", self.floor("print", latest)
                ),
            ],
            [
                Member("cmd/list", "`wgt list`", self.wgt("list")),
                Member("cmd/list/floor", "floor of `list`: parse the latest revision", self.floor("parse", latest)),
            ],
            [
                Member("cmd/validate", "`wgt validate`", self.wgt("validate")),
                Member(
                    "cmd/validate/floor",
                    "floor of `validate`: parse + AKN schema of every draft",
                    self.floor("schema", *ws.every_draft()),
                ),
            ],
            [
                Member("cmd/verify", "`wgt verify` (records verified before)", self.wgt("verify")),
                Member(
                    "cmd/verify/floor",
                    "floor of `verify`: read + SHA-256 every file, parse the log",
                    self.floor("hash", ws.root),
                ),
            ],
            [
                Member(
                    "cmd/render-html",
                    "`wgt render SYMBOL -o F.html`",
                    self.wgt("render", s, "-o", str(ws.out / "r.html")),
                ),
                Member(
                    "cmd/render-docx",
                    "`wgt render SYMBOL -o F.docx`",
                    self.wgt("render", s, "-o", str(ws.out / "r.docx")),
                ),
                Member("cmd/render/floor", "floor of `render`: parse the revision", self.floor("parse", latest)),
            ],
        ]
        for members in groups:
            self.group(ws, members, timeout)

    def writers(self, ws: Workspace, timeout: float) -> None:
        """propose, accept, withdraw, mark on one copy of the workspace, each run on a fresh target."""
        keys = ["cmd/propose", "cmd/accept", "cmd/withdraw", "cmd/mark"]
        if not self.selected(keys):
            return
        targets = ws.info.get("targets") or {}
        copy = ws.out / "writers"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(ws.root, copy, symlinks=True)
        propose = self.suite.propose_arguments(ws.root, ws.info)

        def pick(kind: str, rep: int) -> list[str]:
            chosen = targets.get(kind, [])
            if rep >= len(chosen):
                raise LookupError(f"bench.json has {len(chosen)} {kind} targets, not enough for {rep + 1} repetitions")
            value = chosen[rep]
            return value if isinstance(value, list) else [value]

        def withdrawal(rep: int) -> list[str]:
            proposal, by = pick("withdraw", rep)
            return [proposal, "--by", by]

        def at_copy(_rep: int) -> Path:
            return copy

        members = [
            Member("cmd/propose", "`wgt amend propose …` (MX, op3, es)", self.wgt(*propose), setup=at_copy),
            Member(
                "cmd/propose/floor",
                '`python -c "import lxml.etree, click; lxml.etree.parse(DRAFT)"`',
                lambda _rep: [
                    sys.executable,
                    "-c",
                    f"import lxml.etree, click; lxml.etree.parse({str(ws.draft(1, 'es'))!r})",
                ],
            ),
        ]
        if targets:
            members += [
                Member(
                    "cmd/accept",
                    "`wgt amend accept ID --as CHAIR` (a different open proposal each run)",
                    lambda rep: [*self.suite.wgt, "amend", "accept", *pick("accept", rep), "--as", "CHAIR"],
                    setup=at_copy,
                ),
                Member(
                    "cmd/withdraw",
                    "`wgt amend withdraw ID --by DELEGATION` (its proposer)",
                    lambda rep: [*self.suite.wgt, "amend", "withdraw", *withdrawal(rep)],
                    setup=at_copy,
                ),
                Member(
                    "cmd/mark",
                    "`wgt mark SYMBOL UNIT agreed --as CHAIR` (a different unit each run)",
                    lambda rep: [*self.suite.wgt, "mark", ws.symbol, *pick("mark", rep), "agreed", "--as", "CHAIR"],
                    setup=at_copy,
                ),
            ]
        else:
            self.suite.say("  accept, withdraw, mark: bench.json has no targets (a workspace of an older generator)")
        self.group(ws, members, timeout)
        shutil.rmtree(copy, ignore_errors=True)

    def rev_issue(self, ws: Workspace, timeout: float) -> None:
        if not self.selected(["cmd/rev-issue"]):
            return
        argv = self.wgt("rev", "issue", ws.symbol, "--date", generate.DATE_REV2)
        copies: dict[int, Path] = {}
        reference: list[Path] = []

        def fresh(rep: int) -> Path:
            target = ws.out / f"rev-issue-{rep}"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(ws.root, target, symlinks=True)
            copies[rep] = target
            return target

        def done(rep: int, run: Run) -> None:
            if run.status == "ok" and not reference:
                reference.append(copies[rep])  # the floor reads and writes what this run wrote
            else:
                shutil.rmtree(copies[rep], ignore_errors=True)

        members = [
            Member(
                "cmd/rev-issue",
                f"`wgt rev issue SYMBOL --date …` ({ws.info['counts']['accepted']:,} accepted)",
                argv,
                setup=fresh,
                teardown=done,
                probe=True,
            ),
            Member(
                "cmd/rev-issue/floor",
                "floor of `rev issue` (bench/suite.py's, whole process)",
                self.issue_floor(ws, reference),
            ),
        ]
        self.group(ws, members, timeout)
        for path in reference:
            shutil.rmtree(path, ignore_errors=True)
        self.write_during_issue(ws, argv(0), timeout)

    def issue_floor(self, ws: Workspace, reference: list[Path]) -> Callable[[int], list[str]]:
        """The files of the library rows' rev-issue floor, those written taken from the first finished run."""

        def argv(_rep: int) -> list[str]:
            rev = {(r, lang): ws.draft(r, lang) for r in (0, 1) for lang in generate.LANGS}
            manifests = [ws.drafts / f"rev{r}.manifest.json" for r in (0, 1)]
            records = sorted(p for p in (ws.root / "amendments" / ws.slug).glob("*.json") if p.name != "marks.json")
            output = reference[0] if reference else None
            xml, js, _approx = self.suite.written_files(ws.root, output, rev, manifests, records)
            out = ws.out / "floor-out"
            out.mkdir(exist_ok=True)
            extra = [ws.root / "roster.json", ws.root / "amendments" / ws.slug / "marks.json"]
            params = {
                "xml_read": [str(p) for p in rev.values()],
                "xml_written": [str(p) for p in xml],
                "json_read": [str(p) for p in [*records, *manifests, *extra] if p.exists()],
                "json_written": [str(p) for p in js],
                "out": str(out),
            }
            return self.suite.op_argv("floor", params)

        return argv

    def write_during_issue(self, ws: Workspace, argv: list[str], timeout: float) -> None:
        """``wgt mark`` started halfway through a ``rev issue`` (default lock timeout): did it wait or fail?"""
        issue = self.results.get(("cmd/rev-issue", ws.size))
        marks = (ws.info.get("targets") or {}).get("mark") or []
        if issue is None or not issue.ok or not marks:
            return
        copy = ws.out / "rev-issue-write"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(ws.root, copy, symlinks=True)
        env = self.suite.child_env(ws.info["keys"])
        delay = issue.median / 2
        runs: dict[str, Run] = {}
        thread = threading.Thread(target=lambda: runs.update(issue=self.probed(argv, env, timeout, copy)))
        thread.start()
        time.sleep(delay)
        write = [*self.suite.wgt, "mark", ws.symbol, marks[-1], "agreed", "--as", "CHAIR"]
        runs["write"] = run_process(write, env, timeout, cwd=copy)
        thread.join()
        shutil.rmtree(copy, ignore_errors=True)
        self.writes[ws.size] = {"delay": delay, **runs}
        w = runs["write"]
        self.suite.say(
            f"  a write {delay:.1f} s into rev issue: {w.status} after {w.wall:.2f} s"
            + (f" ({w.error.splitlines()[-1]})" if w.error else "")
        )


def lock_hold(result: Result | None) -> list[float]:
    """The longest time no writer could take the lock, for each run of ``rev issue`` the probe watched."""
    if result is None:
        return []
    return [r.info["lock"]["longest"] for r in result.runs if r.status == "ok" and "lock" in r.info]


def paired_ratios(a: Result, b: Result) -> list[float]:
    """``a``'s wall time over ``b``'s, repetition by repetition (both finished)."""
    of_b = {r.info.get("rep"): r.wall for r in b.runs if r.status == "ok"}
    return [r.wall / of_b[r.info.get("rep")] for r in a.runs if r.status == "ok" and r.info.get("rep") in of_b]


def median_or_none(values: list[float]) -> float | None:
    return statistics.median(values) if values else None
