"""The benchmark suite behind ``python -m bench [--quick] [--sizes N ...] [--reps N] [--check]``.

Generates workspaces (``bench/generate.py``) in a temporary folder, runs every
measurement in a fresh process (``bench/measure.py`` or the ``wgt`` command itself),
several repetitions each, prints a table and writes ``bench/RESULTS.md`` with the
machine, every target of issue 15 (the commands, ``bench/commands.py``) and of issue 6
(the library calls, secondary rows) with its ratio and whether it is met.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import generate

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
MEASURE = BENCH / "measure.py"
LAUNCH = BENCH / "launch.py"
FINDINGS = BENCH / "FINDINGS.md"
TARGET_SIZE = 10000
SCALE_FROM, SCALE_TO = 10000, 40000
#: A small workspace on which xmldiff's default diff finishes: the "same changes found" check.
PEER_CHECK_UNITS = 300
WGT_NS = "https://wgt.oas.example/ns/1.0"
FLOOR_OF = {
    "rev-issue/floor": "`rev issue`",
    "conflicts/floor": "`conflicts`",
    "compare/floor": "`compare`",
    "import-en/floor": "`import` (en)",
    "import-es/floor": "`import` (es)",
    "render/floor": "`render`",
}


# ---------------------------------------------------------------------------
# Running one process and measuring it
# ---------------------------------------------------------------------------


@dataclass
class Run:
    wall: float  # whole process, seconds
    op: float | None  # the operation proper, as the process reports it
    rss_kb: int  # peak resident set size of the process
    status: str  # ok | timeout | error
    info: dict = field(default_factory=dict)
    error: str = ""


def run_process(
    argv: list[str], env: dict, timeout: float, cwd: Path | None = None, ok_codes: tuple[int, ...] = (0,)
) -> Run:
    """Run ``argv`` through ``bench/launch.py``: wall time from fork to exit and the command's own peak RSS.

    ``ok_codes``: the exit statuses that mean success (``git diff`` exits 1 when the files differ).
    """
    with tempfile.TemporaryDirectory(prefix="run-") as tmp:
        out, err, report = Path(tmp) / "out", Path(tmp) / "err", Path(tmp) / "report"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            launcher = [sys.executable, "-I", "-S", str(LAUNCH), str(report), str(timeout), *argv]
            proc = subprocess.Popen(launcher, stdout=stdout, stderr=stderr, env=env, cwd=cwd, start_new_session=True)
            try:
                proc.wait(timeout + 30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        text = out.read_text("utf-8", "replace")
        problem = err.read_text("utf-8", "replace").strip() or text.strip()
        if not report.exists():
            return Run(timeout, None, 0, "error", error=f"the launcher failed: {problem[-600:]}")
        wall_text, rss, code, timed_out = report.read_text().split()
    wall, rss_kb = float(wall_text), int(rss)
    if timed_out == "1":
        return Run(wall, None, rss_kb, "timeout", error=f"killed after {timeout:g} s")
    if int(code) not in ok_codes:
        return Run(wall, None, rss_kb, "error", error=problem[-600:])
    found = {}
    for line in reversed(text.strip().splitlines()):
        if line.startswith('{"seconds"'):
            found = json.loads(line)
            break
    return Run(wall, found.get("seconds"), rss_kb, "ok", found.get("info", {"stdout": text.strip()[-200:]}))


# ---------------------------------------------------------------------------
# Measurements and their results
# ---------------------------------------------------------------------------


@dataclass
class Result:
    key: str  # e.g. "rev-issue", "rev-issue/floor"
    label: str
    size: int | None
    timing: str  # "op" (the operation inside a fresh process) or "process" (the whole process)
    runs: list[Run] = field(default_factory=list)
    note: str = ""
    skipped: str = ""
    timeout: float = 0.0

    def times(self) -> list[float]:
        return [r.op if self.timing == "op" else r.wall for r in self.runs if r.status == "ok"]

    @property
    def ok(self) -> bool:
        return bool(self.times())

    @property
    def finished(self) -> bool:
        return not self.skipped and bool(self.runs) and all(r.status == "ok" for r in self.runs)

    @property
    def timed_out(self) -> bool:
        return any(r.status == "timeout" for r in self.runs) and not self.ok

    @property
    def errors(self) -> list[str]:
        return [r.error for r in self.runs if r.status == "error"]

    @property
    def median(self) -> float | None:
        return statistics.median(self.times()) if self.ok else None

    @property
    def lower_bound(self) -> float | None:
        """At least this long: the median, or the time limit it did not finish within."""
        return self.median if self.ok else (self.timeout if self.timed_out else None)

    @property
    def rss_mb(self) -> float | None:
        return max(r.rss_kb for r in self.runs) / 1024 if self.runs else None

    @property
    def info(self) -> dict:
        return next((r.info for r in self.runs if r.status == "ok"), {})


class Suite:
    def __init__(self, args, scratch: Path) -> None:
        self.args = args
        self.scratch = scratch
        self.results: list[Result] = []
        self.workspaces: dict[int, dict] = {}
        self.checks: list[tuple[str, bool, str]] = []  # name, passed, detail
        self.peer_check: dict = {}
        self.profiles: list[tuple[str, int | None, str]] = []
        self.propose_args: dict[int, list[str]] = {}
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("WGT_")}
        self.wgt = wgt_command()
        self.started = time.time()
        self.generated: list[dict] = []  # every workspace generated or reused, in order
        from bench.commands import Commands  # (bench.commands imports this module)

        self.commands = Commands(self)

    # -- running -------------------------------------------------------------
    def say(self, message: str) -> None:
        print(message, flush=True)

    def child_env(self, keys: str | None = None, cache: Path | None = None) -> dict:
        """The environment of a measured process.

        ``WGT_CACHE_DIR`` is the suite's own: by default one folder shared by every
        run, as on a delegate's machine where records are verified once
        (``tracker.trust.verified``); ``cache`` gives a run a folder of its own
        (an empty one measures the first read of every record).
        """
        env = dict(self.env)
        if keys:
            env["WGT_KEYS_DIR"] = keys
        env["WGT_CACHE_DIR"] = str(cache or self.scratch / "cache")
        return env

    def cold_cache(self, key: str, rep: int) -> Path:
        """An empty cache folder for one run of ``key``."""
        folder = self.scratch / "cold-caches" / f"{key}-{rep}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return folder

    def measure(
        self,
        key: str,
        label: str,
        size: int | None,
        make_argv,
        *,
        timing: str = "op",
        keys: str | None = None,
        setup=None,
        teardown=None,
        reps: int | None = None,
        note: str = "",
        timeout: float | None = None,
        cold: bool = False,
    ) -> Result:
        """Run a measurement ``reps`` times (fewer when one rep exceeds the time budget).

        ``cold``: every run starts with an empty cache of verified records.
        """
        result = Result(key, label, size, timing, note=note, timeout=timeout or self.args.timeout)
        self.results.append(result)
        if self.args.only and not any(key.startswith(o) for o in self.args.only):
            result.skipped = "not selected (--only)"
            return result
        reps = reps or self.args.reps
        spent = 0.0
        for rep in range(reps):
            context = setup(rep) if setup else None
            argv = make_argv(context)
            cache = self.cold_cache(key, rep) if cold else None
            run = run_process(argv, self.child_env(keys, cache), result.timeout, cwd=self.scratch)
            result.runs.append(run)
            if teardown:
                teardown(rep, context, run)
            spent += run.wall
            if run.status != "ok" or spent > self.args.budget:
                break
        self.say(f"  {fmt_result(result)}")
        for error in result.errors[:1]:
            self.say(f"    error: {error.splitlines()[-1] if error else '?'}")
        return result

    def op_argv(self, op: str, params: dict) -> list[str]:
        path = self.scratch / "params" / f"{op}-{abs(hash(json.dumps(params, sort_keys=True)))}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(params, ensure_ascii=False), encoding="utf-8")
        return [sys.executable, str(MEASURE), op, str(path)]

    def find(self, key: str, size: int | None) -> Result | None:
        return next((r for r in self.results if r.key == key and r.size == size), None)

    # -- the suite -----------------------------------------------------------
    def run(self) -> None:
        # Bytecode caches of tracker/ are refreshed once, untimed: the other engineers' edits
        # leave them stale, and a measured process must not pay for compiling the sources.
        import tracker

        subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(tracker.__file__).parent)], env=self.env)
        if self.args.check:
            self.say("Generator check: both writers give the same records; the same seed gives the same files")
            started = time.perf_counter()
            problems = generate.equivalence_check(self.scratch / "check-eq") + generate.determinism_check(
                self.scratch / "check-det"
            )
            detail = "; ".join(problems) or f"equivalent and deterministic ({time.perf_counter() - started:.0f} s)"
            self.checks.append(
                ("generator: library and direct writers agree, output deterministic", not problems, detail)
            )
            self.say(f"  {detail}")
            shutil.rmtree(self.scratch / "check-eq", ignore_errors=True)
            shutil.rmtree(self.scratch / "check-det", ignore_errors=True)
        self.say("Whole-process start-up (no workspace)")
        self.measure("help", "`wgt --help` (whole process)", None, lambda _: [*self.wgt, "--help"], timing="process")
        self.measure(
            "help/floor",
            '`python -c "import click"`',
            None,
            lambda _: [sys.executable, "-c", "import click"],
            timing="process",
        )
        if not self.args.no_peers and self.library_selected():
            self.peer_check_run()
        for size in self.args.sizes:
            self.guarded(f"{size:,} units", lambda s=size: self.run_size(s))
        from bench.commands import PREFIX, Size

        many = self.args.many_proposals
        only = self.args.only or []
        if many and (not only or any(o.startswith(PREFIX.rstrip("/")) or PREFIX.startswith(o) for o in only)):
            units = TARGET_SIZE if TARGET_SIZE in self.args.sizes else self.args.sizes[0]

            def run_many() -> None:
                info = self.generate(units, many)
                self.commands.run_workspace(Size(units, many), info, self.args.timeout * 2)

            self.guarded(f"{units:,} units with {many:,} proposals", run_many)

    def guarded(self, name: str, step) -> None:
        """Run one workspace's measurements; a broken one is reported, the others still run."""
        try:
            step()
        except Exception as exc:
            import traceback

            traceback.print_exc()
            self.checks.append((f"{name}: generate and measure", False, f"{type(exc).__name__}: {exc}"))
            self.say(f"  {name} failed: {exc}")

    def library_selected(self) -> bool:
        """Whether ``--only`` leaves any of the library rows (issue 6's, secondary now) to run."""
        return not self.args.only or any(not o.startswith("cmd") for o in self.args.only)

    def generate(self, units: int, proposals: int | None = None) -> dict:
        proposals = proposals or self.args.proposals or generate.DEFAULT_PROPOSALS.get(units, max(50, units // 2))
        kept = self.args.workspaces
        root = (kept or self.scratch) / f"ws-{units}-{proposals}"
        if kept and (root / "bench.json").exists():  # --workspaces: generated by an earlier run, reused as it is
            info = json.loads((root / "bench.json").read_text(encoding="utf-8"))
            self.say(f"Reusing {units:,} units, {proposals:,} proposals from {root}")
            self.generated.append(info)
            return info
        shutil.rmtree(root, ignore_errors=True)
        self.say(f"Generating {units:,} units, {proposals:,} proposals in {root}")
        info = generate.generate_workspace(root, units, proposals, self.args.seed, log=self.say)
        self.say(f"  generated in {info['seconds']:.0f} s: {json.dumps(info['counts']['kinds'])}")
        self.generated.append(info)
        return info

    def peer_check_run(self) -> None:
        """xmldiff against compare on a workspace where xmldiff's default diff finishes."""
        if not has_xmldiff():
            self.peer_check = {"status": "xmldiff is not installed (pip install xmldiff)"}
            return
        self.say(f"Peer check on {PEER_CHECK_UNITS} units (xmldiff's default diff finishes there)")
        info = generate.generate_workspace(self.scratch / "peer-check", PEER_CHECK_UNITS, 60, self.args.seed)
        self.peer_check = self.same_changes(info, PEER_CHECK_UNITS, timeout=max(120.0, self.args.timeout))

    def same_changes(self, info: dict, size: int, timeout: float) -> dict:
        """Which units compare and xmldiff (default and fast_match) say changed, against rev. 1's record."""
        drafts = Path(info["workspace"]) / "drafts" / info["slug"]
        truth = incorporated_units(drafts / "rev1.en.xml")
        out = self.scratch / f"changed-{size}"
        out.mkdir(exist_ok=True)
        keys = info["keys"]
        found: dict[str, dict] = {}
        argv_compare = self.op_argv(
            "compare",
            {
                "ws": info["workspace"],
                "symbol": info["symbol"],
                "from": 0,
                "to": 1,
                "lang": "en",
                "changed_out": str(out / "compare.json"),
            },
        )
        runs = {"compare": run_process(argv_compare, self.child_env(keys), timeout)}
        for name, extra in (("xmldiff", {}), ("xmldiff fast_match", {"fast_match": True})):
            params = {
                "left": str(drafts / "rev0.en.xml"),
                "right": str(drafts / "rev1.en.xml"),
                "changed_out": str(out / f"{name}.json"),
            }
            runs[name] = run_process(self.op_argv("xmldiff", {**params, **extra}), self.child_env(keys), timeout)
        for name, run in runs.items():
            path = out / f"{name}.json"
            if run.status != "ok" or not path.exists():
                found[name] = {"status": run.status, "error": run.error[-200:]}
                continue
            units = set(json.loads(path.read_text(encoding="utf-8")))
            found[name] = {
                "status": "ok",
                "seconds": run.op,
                "found": len(units),
                "missed": sorted(truth - units),
                "spurious": sorted(units - truth),
                "same": units == truth,
                "moved_units": run.info.get("moved_units", 0),
            }
        result = {"size": size, "truth": len(truth), "tools": found}
        for name, data in found.items():
            if data["status"] == "ok":
                self.say(
                    f"  {name}: {data['found']} units changed ({len(data['missed'])} missed, "
                    f"{len(data['spurious'])} spurious; rev. 1 records {len(truth)})"
                )
            else:
                self.say(f"  {name}: {data['status']} {data.get('error', '')[:120]}")
        return result

    def run_size(self, size: int) -> None:
        info = self.generate(size)
        self.workspaces[size] = info
        if self.library_selected() and size in self.args.library_sizes:
            self.library_rows(size, info)
        from bench.commands import Size

        self.commands.run_workspace(Size(size, info["proposals"]), info, self.args.timeout)

    def library_rows(self, size: int, info: dict) -> None:
        """The library calls of issue 6 against their floors (secondary rows since issue 15)."""
        ws = Path(info["workspace"])
        keys = info["keys"]
        slug, symbol = info["slug"], info["symbol"]
        drafts = ws / "drafts" / slug
        rev = {(r, lang): drafts / f"rev{r}.{lang}.xml" for r in (0, 1) for lang in generate.LANGS}
        manifests = [drafts / f"rev{r}.manifest.json" for r in (0, 1)]
        records = sorted(p for p in (ws / "amendments" / slug).glob("*.json") if p.name != "marks.json")
        roster = [ws / "roster.json"] if (ws / "roster.json").exists() else []
        n_open, n_accepted = info["counts"]["open"], info["counts"]["accepted"]
        self.say(f"Measuring at {size:,} units ({n_open:,} open proposals, {n_accepted:,} accepted)")

        # rev issue ------------------------------------------------------------
        reference: dict[str, Path] = {}

        def issue_setup(rep: int) -> Path:
            target = Path(tempfile.mkdtemp(prefix=f"rev-issue-{size}-{rep}-", dir=self.scratch)) / "ws"
            shutil.copytree(ws, target, symlinks=True)
            return target

        def issue_teardown(rep: int, target: Path, run: Run) -> None:
            if run.status == "ok" and "rev-issue" not in reference:
                reference["rev-issue"] = target
            else:
                shutil.rmtree(target.parent, ignore_errors=True)

        # First every record read for the first time on this machine (cold), then as a
        # delegate's machine reads them once they have been verified (the default).
        for key, cold in (("rev-issue-cold", True), ("rev-issue", False)):
            if self.skip_if_slow(key, size):
                continue
            if not cold:
                self.warm_up(ws, symbol, keys)
            self.measure(
                key,
                f"`rev issue` ({n_accepted:,} accepted, en+es)" + (", records not verified before" if cold else ""),
                size,
                lambda target: self.op_argv(
                    "rev-issue", {"ws": str(target), "symbol": symbol, "date": generate.DATE_REV2}
                ),
                keys=keys,
                setup=issue_setup,
                teardown=issue_teardown,
                cold=cold,
            )
        written_xml, written_json, approx = self.written_files(ws, reference.get("rev-issue"), rev, manifests, records)
        self.floor(
            "rev-issue/floor",
            size,
            xml_read=[rev[(1, "en")], rev[(1, "es")], rev[(0, "en")], rev[(0, "es")]],
            xml_written=written_xml,
            json_read=[*records, *manifests, *roster, ws / "amendments" / slug / "marks.json"],
            json_written=written_json,
            note="written files approximated by rev. 1 and the accepted records (rev issue did not finish)"
            if approx
            else "",
        )
        if "rev-issue" in reference:
            shutil.rmtree(reference["rev-issue"].parent, ignore_errors=True)

        # conflicts -------------------------------------------------------------
        for key, cold in (("conflicts-cold", True), ("conflicts", False)):
            if self.skip_if_slow(key, size):
                continue
            self.measure(
                key,
                f"`conflicts` ({n_open:,} open proposals)" + (", records not verified before" if cold else ""),
                size,
                lambda _: self.op_argv("conflicts", {"ws": str(ws), "symbol": symbol}),
                keys=keys,
                cold=cold,
            )
        self.floor(
            "conflicts/floor",
            size,
            xml_read=[rev[(1, "en")], rev[(1, "es")], rev[(0, "en")], rev[(0, "es")]],
            json_read=[*records, *manifests, *roster],
        )

        # compare and its peers -----------------------------------------------------
        self.measure(
            "compare",
            "`compare` rev. 0 → rev. 1 (en, 5 % changed)",
            size,
            lambda _: self.op_argv("compare", {"ws": str(ws), "symbol": symbol, "from": 0, "to": 1, "lang": "en"}),
            keys=keys,
        )
        self.floor("compare/floor", size, xml_read=[rev[(0, "en")], rev[(1, "en")]], json_read=[*manifests, *roster])
        pair = {"left": str(rev[(0, "en")]), "right": str(rev[(1, "en")])}
        if self.args.no_peers or (size > TARGET_SIZE and not self.args.all_peers):
            pass
        elif not has_xmldiff():
            for key in ("compare/xmldiff", "compare/xmldiff-redline"):
                self.results.append(
                    Result(key, "xmldiff", size, "op", skipped="xmldiff is not installed (pip install xmldiff)")
                )
        else:
            peer_timeout = self.args.peer_timeout or self.args.timeout
            for key, label, extra in (
                ("compare/xmldiff", "xmldiff `diff_trees(uniqueattrs=['wId'])`", {}),
                ("compare/xmldiff-redline", "xmldiff `diff_trees` + `XMLFormatter` (redline)", {"formatter": True}),
                (
                    "compare/xmldiff-fast",
                    "xmldiff `diff_trees(uniqueattrs=['wId'], fast_match=True)`",
                    {"fast_match": True},
                ),
            ):
                if self.skip_if_slow(key, size):
                    continue
                self.measure(
                    key, label, size, lambda _, e=extra: self.op_argv("xmldiff", {**pair, **e}), timeout=peer_timeout
                )
            for key, label, extra in (
                ("compare/naive", "naive: one dmp diff + patch of the whole text (1 s timeout)", {"timeout": 1.0}),
                ("compare/naive-exact", "naive: the same with the timeout off", {"timeout": 0}),
            ):
                if self.skip_if_slow(key, size):
                    continue
                self.measure(
                    key, label, size, lambda _, e=extra: self.op_argv("naive", {**pair, **e}), timeout=peer_timeout
                )

        # amend propose (whole CLI process) -----------------------------------------------
        self.propose(size, info)

        # import ---------------------------------------------------------------------------
        self.imports(size, info)

        # render --------------------------------------------------------------------------
        for fmt in ("html", "docx"):
            out = self.scratch / f"render-{size}.{fmt}"
            self.measure(
                f"render-{fmt}",
                f"`render` rev. 1 (en) as {fmt.upper()}",
                size,
                lambda _, f=fmt, o=out: self.op_argv(
                    "render", {"ws": str(ws), "symbol": symbol, "rev": 1, "lang": "en", "format": f, "out": str(o)}
                ),
                keys=keys,
            )
        self.floor("render/floor", size, xml_read=[rev[(1, "en")]], json_read=[manifests[1], *roster])

    def warm_up(self, ws: Path, symbol: str, keys: str) -> None:
        """Verify every record once into the shared cache (unmeasured), as any earlier command would."""
        run_process(self.op_argv("conflicts", {"ws": str(ws), "symbol": symbol}), self.child_env(keys), 3600)

    def skip_if_slow(self, key: str, size: int) -> bool:
        """Skip a measurement that did not finish at a smaller size in this run."""
        for smaller in sorted(s for s in self.workspaces if s < size):
            previous = self.find(key, smaller)
            if previous is not None and (previous.timed_out or previous.skipped.startswith("skipped")):
                self.results.append(
                    Result(
                        key,
                        previous.label,
                        size,
                        previous.timing,
                        skipped=f"skipped: did not finish at {smaller:,} units",
                    )
                )
                self.say(f"  {key}: skipped (did not finish at {smaller:,} units)")
                return True
        return False

    def written_files(self, ws: Path, output: Path | None, rev: dict, manifests: list[Path], records: list[Path]):
        """The files rev issue wrote (new or changed in its output), or stand-ins when it did not finish."""
        if output is not None:
            xml, js = [], []
            for path in sorted(output.rglob("*")):
                # Not git's objects (.git/…) nor the journal or lock: the files of the action are the floor's.
                if not path.is_file() or any(part.startswith(".") for part in path.relative_to(output).parts):
                    continue
                before = ws / path.relative_to(output)
                if before.exists() and before.read_bytes() == path.read_bytes():
                    continue
                (xml if path.suffix == ".xml" else js).append(path)
            return xml, js, False
        accepted = []
        for path in records:
            data = json.loads(path.read_bytes())
            if data["history"][-1]["status"] == "accepted" or (
                data["kind"] == "statement" and data["history"][-1]["status"] == "proposed"
            ):
                accepted.append(path)
        return [rev[(1, "en")], rev[(1, "es")]], [*accepted, manifests[1]], True

    def floor(self, key: str, size: int, *, xml_read=(), xml_written=(), json_read=(), json_written=(), note: str = ""):
        out = self.scratch / f"floor-out-{size}"
        out.mkdir(exist_ok=True)
        params = {
            "xml_read": [str(p) for p in xml_read if Path(p).exists()],
            "xml_written": [str(p) for p in xml_written if Path(p).exists()],
            "json_read": [str(p) for p in json_read if Path(p).exists()],
            "json_written": [str(p) for p in json_written if Path(p).exists()],
            "out": str(out),
        }
        xml = len(params["xml_read"]) + len(params["xml_written"])
        js = len(params["json_read"]) + len(params["json_written"])
        owner = FLOOR_OF.get(key, key)
        label = f"floor of {owner}: {xml} XML parsed, validated, serialized; {js} JSON"
        result = self.measure(key, label, size, lambda _: self.op_argv("floor", params), note=note)
        shutil.rmtree(out, ignore_errors=True)
        return result

    def propose_arguments(self, ws: Path, info: dict) -> list[str]:
        """``amend propose …`` as the propose rows run it: MX replaces words of op3 in Spanish."""
        old = propose_words(ws, info)
        return [
            "amend",
            "propose",
            info["symbol"],
            "--by",
            "MX",
            "--unit",
            "op3",
            "--lang",
            "es",
            "--replace",
            old,
            "--with",
            f"{old} en ningún caso",
        ]

    def propose(self, size: int, info: dict) -> None:
        ws = self.scratch / f"propose-{size}"
        shutil.copytree(info["workspace"], ws, symlinks=True)
        draft = ws / "drafts" / info["slug"] / "rev1.es.xml"
        args = self.propose_arguments(ws, info)
        self.propose_args[size] = args
        argv = [*self.wgt, "--workspace", str(ws), *args]

        def teardown(rep: int, _context, run: Run) -> None:
            made = run.info.get("stdout", "").strip().splitlines()[-1:] if run.status == "ok" else []
            for name in made:
                (ws / "amendments" / info["slug"] / f"{name}.json").unlink(missing_ok=True)

        self.measure(
            "propose",
            "`wgt amend propose` one proposal (whole process)",
            size,
            lambda _: argv,
            timing="process",
            keys=info["keys"],
            teardown=teardown,
        )
        self.measure(
            "propose/floor",
            '`python -c "import lxml.etree, click; lxml.etree.parse(DRAFT)"`',
            size,
            lambda _: [sys.executable, "-c", f"import lxml.etree, click; lxml.etree.parse({str(draft)!r})"],
            timing="process",
        )
        shutil.rmtree(ws, ignore_errors=True)

    def imports(self, size: int, info: dict) -> None:
        keys = info["keys"]
        sources = info["sources"]
        outputs: dict[str, Path] = {}

        def fresh(rep: int, lang: str) -> Path:
            target = self.scratch / f"import-{lang}-{size}-{rep}"
            if lang == "en":
                generate.make_workspace(target, Path(keys))
            else:
                shutil.copytree(base_en, target, symlinks=True)
            return target

        def keep_first(lang: str):
            def teardown(rep: int, target: Path, run: Run) -> None:
                if run.status == "ok" and lang not in outputs:
                    outputs[lang] = target
                else:
                    shutil.rmtree(target, ignore_errors=True)

            return teardown

        base_en = self.scratch / f"import-base-{size}"
        ws_base = generate.make_workspace(base_en, Path(keys))
        from tracker.documents import import_document

        import_document(
            ws_base, Path(sources["en"]), generate.SYMBOL, "en", date=generate.DATE_REV0, doc_type="resolution"
        )
        for lang in generate.LANGS:
            label = f"`import` of the {size:,}-unit text ({lang}" + (", aligned with en)" if lang == "es" else ")")
            self.measure(
                f"import-{lang}",
                label,
                size,
                lambda target, la=lang: self.op_argv(
                    "import",
                    {
                        "ws": str(target),
                        "source": sources[la],
                        "symbol": generate.SYMBOL,
                        "lang": la,
                        "date": generate.DATE_REV0,
                    },
                ),
                keys=keys,
                setup=lambda rep, la=lang: fresh(rep, la),
                teardown=keep_first(lang),
            )
            drafts = (outputs.get(lang) or base_en) / "drafts" / info["slug"]
            written = drafts / f"rev0.{lang}.xml"
            if not written.exists():  # the import did not finish: the generated workspace's file stands in
                written = Path(info["workspace"]) / "drafts" / info["slug"] / f"rev0.{lang}.xml"
            self.floor(
                f"import-{lang}/floor",
                size,
                xml_read=[base_en / "drafts" / info["slug"] / "rev0.en.xml"] if lang == "es" else [],
                xml_written=[written],
                json_written=[drafts / "rev0.manifest.json"],
            )
        for target in [*outputs.values(), base_en]:
            shutil.rmtree(target, ignore_errors=True)

    # -- profiles -----------------------------------------------------------------
    def profile(self, key: str, size: int | None, limit: float) -> str:
        """Top lines of cProfile (cumulative) for one operation at ``size`` (stopped after ``limit`` s)."""
        if key == "help":
            return self.profile_imports()
        if key == "propose":
            return self.profile_propose(size)
        info = self.workspaces.get(size)
        if info is None:
            return ""
        ws = Path(info["workspace"])
        if not ws.exists():
            return ""
        target = self.scratch / f"profile-{key}-{size}"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(ws, target, symlinks=True)
        symbol = info["symbol"]
        params = {
            "rev-issue": ("rev-issue", {"ws": str(target), "symbol": symbol, "date": generate.DATE_REV2}),
            "conflicts": ("conflicts", {"ws": str(target), "symbol": symbol}),
            "compare": ("compare", {"ws": str(target), "symbol": symbol, "from": 0, "to": 1, "lang": "en"}),
            "render-html": (
                "render",
                {
                    "ws": str(target),
                    "symbol": symbol,
                    "rev": 1,
                    "lang": "en",
                    "format": "html",
                    "out": str(target / "o.html"),
                },
            ),
            "render-docx": (
                "render",
                {
                    "ws": str(target),
                    "symbol": symbol,
                    "rev": 1,
                    "lang": "en",
                    "format": "docx",
                    "out": str(target / "o.docx"),
                },
            ),
        }
        if key in ("import-en", "import-es"):
            shutil.rmtree(target)
            made = generate.make_workspace(target, Path(info["keys"]))
            lang = key[-2:]
            if lang == "es":
                from tracker.documents import import_document

                import_document(
                    made, Path(info["sources"]["en"]), symbol, "en", date=generate.DATE_REV0, doc_type="resolution"
                )
            params[key] = (
                "import",
                {
                    "ws": str(target),
                    "source": info["sources"][lang],
                    "symbol": symbol,
                    "lang": lang,
                    "date": generate.DATE_REV0,
                },
            )
        cold = key.endswith("-cold")
        if cold:
            key = key.removesuffix("-cold")
        if key not in params:
            return ""
        op, p = params[key]
        stats = self.scratch / f"profile-{key}-{size}.prof"
        env = self.child_env(info["keys"], self.cold_cache(f"profile-{key}", 0) if cold else None)
        env.update(BENCH_PROFILE=str(stats), BENCH_PROFILE_LIMIT=str(int(limit)))
        self.say(f"Profiling {key} at {size:,} units (at most {limit:.0f} s)")
        run = run_process(self.op_argv(op, p), env, limit * 3 + 60)
        shutil.rmtree(target, ignore_errors=True)
        if not stats.exists():
            return f"(no profile: {run.status} {run.error[-200:]})"
        text = profile_text(stats, stopped=run.info.get("profile") == "stopped at the time limit", limit=limit)
        self.profiles.append((key + ("-cold" if cold else ""), size, text))
        return text

    def profile_imports(self) -> str:
        """``python -X importtime wgt --help``: the modules whose import costs most."""
        if len(self.wgt) != 1:
            return ""
        self.say("Profiling wgt --help (python -X importtime)")
        done = subprocess.run(
            [sys.executable, "-X", "importtime", self.wgt[0], "--help"], capture_output=True, text=True, env=self.env
        )
        rows = []  # (cumulative us, own us, depth, module)
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "cumulative" in line:
                continue
            own, cumulative, name = line[len("import time:") :].split("|")
            name = name[1:]
            depth = (len(name) - len(name.lstrip())) // 2
            rows.append((int(cumulative), int(own), depth, name.strip()))
        total = sum(c for c, _, d, _ in rows if d == 0)
        top = sorted((r for r in rows if r[2] <= 3 and r[0] >= 2000), reverse=True)[:30]
        text = f"all imports: {total / 1000:.0f} ms (cumulative of the top-level imports)\n"
        text += "\n".join(f"{c / 1000:8.1f} ms cumulative {o / 1000:7.1f} ms own  {'  ' * d}{n}" for c, o, d, n in top)
        self.profiles.append(("help", None, text + "\n"))
        return text

    def profile_propose(self, size: int | None) -> str:
        """cProfile of the whole ``wgt amend propose`` process."""
        info = self.workspaces.get(size)
        if info is None or len(self.wgt) != 1 or size not in self.propose_args:
            return ""
        target = self.scratch / f"profile-propose-{size}"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(info["workspace"], target, symlinks=True)
        stats = self.scratch / f"profile-propose-{size}.prof"
        argv = [sys.executable, "-m", "cProfile", "-o", str(stats), self.wgt[0], "--workspace", str(target)]
        self.say(f"Profiling wgt amend propose at {size:,} units")
        run_process([*argv, *self.propose_args[size]], self.child_env(info["keys"]), 120)
        shutil.rmtree(target, ignore_errors=True)
        if not stats.exists():
            return ""
        text = profile_text(stats, stopped=False, limit=0)
        self.profiles.append(("propose", size, text))
        return text


def profile_text(path: Path, stopped: bool, limit: float, lines: int = 22) -> str:
    import io
    import pstats

    buffer = io.StringIO()
    stats = pstats.Stats(str(path), stream=buffer)
    stats.sort_stats("cumulative").print_stats(lines)
    body = buffer.getvalue()
    body = body[body.find("   ncalls") :] if "   ncalls" in body else body
    head = f"stopped after {limit:.0f} s (the operation had not finished)\n" if stopped else ""
    total = max((v[3] for v in stats.stats.values()), default=0.0)
    hot = sorted(
        ((v[3], v[1], k) for k, v in stats.stats.items() if "/tracker/" in k[0] and v[3] > 0.05 * total),
        reverse=True,
    )
    summary = "\n".join(
        f"  {cum:8.1f} s cumulative  {calls:>10,} calls  {short_path(k[0])}:{k[1]}({k[2]})"
        for cum, calls, k in hot[:12]
    )
    return f"{head}{body.rstrip()}\n\ntracker functions above 5 % of the time:\n{summary}\n"


def short_path(path: str) -> str:
    return path[path.find("tracker/") :] if "tracker/" in path else path


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def wgt_command() -> list[str]:
    """The installed ``wgt`` script next to this interpreter (not a shim), else the same entry point."""
    script = Path(sys.executable).parent / "wgt"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from tracker.cli import main; main()"]


def has_xmldiff() -> bool:
    try:
        import xmldiff.main  # noqa: F401
    except ImportError:
        return False
    return True


def incorporated_units(path: Path) -> set[str]:
    """What rev. 1 records it changed: its ``wgt:incorporated`` entries (words, new, deleted, footnotes)."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    return {e.get("unit") for e in root.iter(f"{{{WGT_NS}}}incorporated")}


def propose_words(ws: Path, info: dict) -> str:
    """Words of op3 (Spanish, latest revision) that occur there once: what MX proposes to replace."""
    import random

    from tracker.documents import load_draft
    from tracker.workspace import Workspace

    os.environ["WGT_KEYS_DIR"] = info["keys"]
    draft = load_draft(Workspace.open(ws), info["symbol"], None, "es")
    text = draft.unit("op3").text
    rng = random.Random(1)
    for region in (1, 0, 2):
        span = generate.find_span(text, region, rng)
        if span:
            return span
    return text.split()[2]


def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 100:
        return f"{value:.0f} s"
    if value >= 10:
        return f"{value:.1f} s"
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1000:.0f} ms"


def fmt_result(r: Result) -> str:
    if r.skipped:
        return f"{r.key}: {r.skipped}"
    if not r.ok:
        status = f"did not finish in {r.timeout:g} s" if r.timed_out else "failed"
        return f"{r.key}: {status} (peak {r.rss_mb or 0:.0f} MB)"
    times = r.times()
    return (
        f"{r.key}: median {fmt_seconds(r.median)} (min {fmt_seconds(min(times))}, max {fmt_seconds(max(times))}, "
        f"{len(times)} rep{'s' if len(times) > 1 else ''}), peak {r.rss_mb:.0f} MB"
    )


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    versions = {}
    for name in ("lxml", "diff_match_patch", "click", "xmldiff"):
        try:
            from importlib.metadata import version

            versions[name] = version(name.replace("_", "-"))
        except Exception:
            versions[name] = "not installed"
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--", "tracker"], capture_output=True, text=True
    )
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "libraries": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "tracker": (commit.stdout.strip() or "unknown")
        + (" (with uncommitted changes in tracker/)" if dirty.stdout.strip() else ""),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "load average (1, 5, 15 min) when written": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 units, 2 reps, short time limits (CI).")
    parser.add_argument("--sizes", type=int, nargs="+", help="Draft sizes in units (default 10000 40000).")
    parser.add_argument("--proposals", type=int, help="Open proposals (default: 500 / 10,000 / 20,000 by size).")
    parser.add_argument("--reps", type=int, help="Repetitions per measurement (default 3, quick 2).")
    parser.add_argument("--timeout", type=float, help="Time limit per run, seconds (default 300, quick 10).")
    parser.add_argument("--peer-timeout", type=float, help="Time limit for xmldiff and the naive runs.")
    parser.add_argument("--budget", type=float, help="Stop repeating a measurement after this many seconds.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", nargs="+", help="Only measurements whose key starts with one of these.")
    parser.add_argument("--no-peers", action="store_true", help="Skip xmldiff and the naive baseline.")
    parser.add_argument("--all-peers", action="store_true", help="Measure the peers above 10,000 units too.")
    parser.add_argument(
        "--profile",
        dest="profile",
        action="store_true",
        default=None,
        help="Profile every operation that misses its target.",
    )
    parser.add_argument("--no-profile", dest="profile", action="store_false")
    parser.add_argument("--profile-limit", type=float, default=120.0, help="Seconds of profiling per operation.")
    parser.add_argument(
        "--check", action="store_true", help="Also check the generator; exit 1 only if something is broken."
    )
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--keep", action="store_true", help="Keep the generated workspaces (printed at the end).")
    parser.add_argument(
        "--workspaces",
        type=Path,
        help="Generate the workspaces in this folder and reuse those an earlier run left there (never modified).",
    )
    parser.add_argument(
        "--library-sizes",
        type=int,
        nargs="+",
        help="Sizes at which the library rows run (default: 10,000 of --sizes, else the first; the command rows run at all).",
    )
    parser.add_argument(
        "--many-proposals",
        type=int,
        help="Also run the command rows at 10,000 units with this many proposals (default 100000; 0: not; quick: not).",
    )
    args = parser.parse_args(argv)
    args.sizes = args.sizes or ([1000] if args.quick else [10000, 40000])
    args.reps = args.reps or (2 if args.quick else 3)
    args.timeout = args.timeout or (10.0 if args.quick else 300.0)
    args.budget = args.budget or (6.0 if args.quick else 120.0)
    # The library rows are secondary since issue 15: by default they run at one size, to keep the
    # full bench within ~45 minutes (their 40,000-unit scaling rows: --library-sizes 10000 40000).
    args.library_sizes = args.library_sizes or [TARGET_SIZE if TARGET_SIZE in args.sizes else args.sizes[0]]
    if args.many_proposals is None:
        args.many_proposals = 0 if args.quick else generate.MANY_PROPOSALS
    if args.profile is None:
        args.profile = not args.quick

    scratch = Path(tempfile.mkdtemp(prefix="wgt-bench-"))
    if REPO in scratch.resolve().parents:
        print(
            f"refusing to generate workspaces inside the repository ({scratch}); set TMPDIR elsewhere", file=sys.stderr
        )
        return 2
    from bench.report import evaluate, print_table, write_results

    suite = Suite(args, scratch)
    started = time.perf_counter()
    try:
        suite.run()
        targets = evaluate(suite)
        if args.profile:
            for target in targets:
                if (
                    target.met is False
                    and target.profile_key
                    and not any(p[:2] == (target.profile_key, target.profile_size) for p in suite.profiles)
                ):
                    suite.profile(target.profile_key, target.profile_size, args.profile_limit)
        elapsed = time.perf_counter() - started
        write_results(suite, targets, args.results, elapsed, argv if argv is not None else sys.argv[1:])
        print_table(suite, targets)
        print(f"\nWrote {args.results} ({elapsed:.0f} s)")
    finally:
        if args.keep:
            print(f"Workspaces kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    if args.check:
        broken = [r for r in suite.results if r.errors] + [c for c in suite.checks if not c[1]]
        for item in broken:
            print("CHECK FAILED:", item.key if isinstance(item, Result) else item[0], file=sys.stderr)
        return 1 if broken else 0
    return 0
