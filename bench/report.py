"""Targets of issue 6 evaluated from a suite's results, the printed table and ``RESULTS.md``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.command_report import command_section, print_command_rows
from bench.suite import FINDINGS, SCALE_FROM, SCALE_TO, TARGET_SIZE, Result, Suite, fmt_seconds, machine

#: Operation -> (its floor, label for the memory and scaling rows).
OPERATIONS = {
    "rev-issue": ("rev-issue/floor", "`rev issue`"),
    "rev-issue-cold": ("rev-issue/floor", "`rev issue`, records not verified before"),
    "conflicts": ("conflicts/floor", "`conflicts`"),
    "conflicts-cold": ("conflicts/floor", "`conflicts`, records not verified before"),
    "compare": ("compare/floor", "`compare`"),
    "propose": ("propose/floor", "`amend propose`"),
    "import-en": ("import-en/floor", "`import` (en)"),
    "import-es": ("import-es/floor", "`import` (es, aligned)"),
    "render-html": ("render/floor", "`render` HTML"),
    "render-docx": ("render/floor", "`render` DOCX"),
    "help": ("help/floor", "`wgt --help`"),
}


@dataclass
class Target:
    operation: str
    goal: str
    size: int | None
    measured: str
    ratio: str
    met: bool | None  # None: could not be determined
    verdict: str
    profile_key: str = ""
    profile_size: int | None = None


def chosen_size(suite: Suite, wanted: int = TARGET_SIZE) -> int | None:
    sizes = sorted(suite.workspaces)
    if wanted in sizes:
        return wanted
    return sizes[-1] if sizes else None


def why_missing(r: Result | None) -> str:
    if r is None:
        return "not measured"
    if r.skipped:
        return r.skipped
    if r.errors:
        return "failed: " + (r.errors[0].splitlines()[-1] if r.errors[0] else "?")
    return "not measured"


def over(factor: float) -> str:
    """``1.02×`` or ``1.5×``: enough digits that a near miss does not read as ``1.0×``."""
    return f"{factor:.2f}×" if factor < 1.1 else f"{factor:.1f}×"


def at_most(
    operation: str, goal: str, op: Result | None, base: Result | None, limit: float, size, profile: str = ""
) -> Target:
    """``op`` must take at most ``limit`` times ``base``."""
    if op is None or base is None or not base.ok or not (op.ok or op.timed_out):
        reason = why_missing(op) if op is None or not (op.ok or op.timed_out) else "floor " + why_missing(base)
        return Target(operation, goal, size, "—", "—", None, reason)
    floor = base.median
    if op.ok:
        ratio = op.median / floor
        measured = f"{fmt_seconds(op.median)} vs {fmt_seconds(floor)}"
        if ratio <= limit:
            return Target(operation, goal, size, measured, f"{ratio:.2f}×", True, "met")
        return Target(
            operation,
            goal,
            size,
            measured,
            f"{ratio:.2f}×",
            False,
            f"**not met**: {over(ratio / limit)} over the target",
            profile,
            size,
        )
    bound = op.timeout / floor
    measured = f"> {fmt_seconds(op.timeout)} (did not finish) vs {fmt_seconds(floor)}"
    if bound > limit:
        return Target(
            operation,
            goal,
            size,
            measured,
            f"> {bound:.0f}×",
            False,
            f"**not met**: more than {bound / limit:.0f}× over the target",
            profile,
            size,
        )
    return Target(operation, goal, size, measured, f"> {bound:.1f}×", None, "undetermined (did not finish)")


def faster(operation: str, goal: str, op: Result | None, peer: Result | None, factor: float, size) -> Target:
    """``op`` must be at least ``factor`` times faster than ``peer``."""
    if peer is not None and peer.skipped.startswith("xmldiff is not installed"):
        return Target(operation, goal, size, "—", "—", None, peer.skipped)
    if op is None or not op.ok or peer is None or not (peer.ok or peer.timed_out):
        return Target(operation, goal, size, "—", "—", None, why_missing(peer if op is not None and op.ok else op))
    if peer.ok:
        speed = peer.median / op.median
        measured = f"{fmt_seconds(op.median)} vs {fmt_seconds(peer.median)}"
        met = speed >= factor
        verdict = "met" if met else f"**not met**: {factor / speed:.1f}× short of the target"
        shown = f"{speed:.1f}" if speed < 10 else f"{speed:.0f}"
        return Target(operation, goal, size, measured, f"{shown}× faster", met, verdict)
    speed = peer.timeout / op.median
    measured = f"{fmt_seconds(op.median)} vs > {fmt_seconds(peer.timeout)} (xmldiff did not finish)"
    if speed >= factor:
        return Target(operation, goal, size, measured, f"> {speed:.0f}× faster", True, "met (xmldiff did not finish)")
    return Target(
        operation, goal, size, measured, f"> {speed:.0f}× faster", None, "undetermined (xmldiff did not finish)"
    )


def evaluate(suite: Suite) -> list[Target]:
    size = chosen_size(suite)
    get = suite.find
    out = [
        at_most(
            "`rev issue`, accepted amendments in en and es",
            "≤ 4× floor",
            get("rev-issue", size),
            get("rev-issue/floor", size),
            4,
            size,
            "rev-issue",
        ),
        at_most(
            "`rev issue`, the same, no record verified before on this machine",
            "≤ 4× floor",
            get("rev-issue-cold", size),
            get("rev-issue/floor", size),
            4,
            size,
            "rev-issue-cold",
        ),
        at_most(
            "`compare` two revisions (5 % changed), one language",
            "≤ 4× floor",
            get("compare", size),
            get("compare/floor", size),
            4,
            size,
            "compare",
        ),
        faster(
            "`compare` vs xmldiff `diff_trees(uniqueattrs=['wId'])`",
            "≥ 15× faster",
            get("compare", size),
            get("compare/xmldiff", size),
            15,
            size,
        ),
        faster(
            "`compare` vs xmldiff's redline formatter",
            "≥ 40× faster",
            get("compare", size),
            get("compare/xmldiff-redline", size),
            40,
            size,
        ),
        same_changes_target(suite),
        *reference_rows(suite, size),
        at_most(
            "`conflicts` over the open proposals",
            "≤ 1× floor",
            get("conflicts", size),
            get("conflicts/floor", size),
            1,
            size,
            "conflicts",
        ),
        at_most(
            "`conflicts`, the same, no record verified before on this machine",
            "≤ 1× floor",
            get("conflicts-cold", size),
            get("conflicts/floor", size),
            1,
            size,
            "conflicts-cold",
        ),
        at_most(
            "`amend propose` one proposal (whole process)",
            '≤ 2× `python -c "import lxml.etree, click; parse"`',
            get("propose", size),
            get("propose/floor", size),
            2,
            size,
            "propose",
        ),
        at_most(
            "`wgt --help` (whole process)",
            '≤ 1.5× `python -c "import click"`',
            get("help", None),
            get("help/floor", None),
            1.5,
            None,
            "help",
        ),
        at_most(
            "`import` of the plain text (en)",
            "≤ 3× floor of writing that XML",
            get("import-en", size),
            get("import-en/floor", size),
            3,
            size,
            "import-en",
        ),
        at_most(
            "`import` of the plain text (es, aligned with en)",
            "≤ 3× floor",
            get("import-es", size),
            get("import-es/floor", size),
            3,
            size,
            "import-es",
        ),
        at_most(
            "`render` HTML of the revision",
            "≤ 4× floor",
            get("render-html", size),
            get("render/floor", size),
            4,
            size,
            "render-html",
        ),
        at_most(
            "`render` DOCX of the revision",
            "≤ 4× floor",
            get("render-docx", size),
            get("render/floor", size),
            4,
            size,
            "render-docx",
        ),
    ]
    for key, (_floor, label) in OPERATIONS.items():
        if key == "help":
            continue
        out.append(scaling(suite, key, label))
    for key, (floor_key, label) in OPERATIONS.items():
        s = None if key == "help" else size
        out.append(memory(label, get(key, s), get(floor_key, s), s))
    return out


def reference_rows(suite: Suite, size) -> list[Target]:
    """The naive baseline and xmldiff's fast mode: measured for reference, no target."""
    out = []
    for key, name in (
        ("compare/naive-exact", "`compare` vs one dmp diff + patch of the whole text (timeout off)"),
        ("compare/naive", "`compare` vs the same with dmp's 1 s timeout (a coarse diff)"),
        ("compare/xmldiff-fast", "`compare` vs xmldiff with `fast_match=True`"),
    ):
        peer = suite.find(key, size)
        if peer is None:
            continue
        row = faster(name, "reference (no target)", suite.find("compare", size), peer, 1, size)
        row.met, row.verdict = None, "reference" if row.ratio != "—" else row.verdict
        out.append(row)
    return out


def scaling(suite: Suite, key: str, label: str) -> Target:
    goal = "time and peak memory ≤ 4.4×"
    small, large = suite.find(key, SCALE_FROM), suite.find(key, SCALE_TO)
    name = f"scaling {SCALE_FROM:,} → {SCALE_TO:,} units: {label}"
    if small is None or large is None:
        return Target(
            name,
            goal,
            None,
            "—",
            "—",
            None,
            f"not run (sizes {', '.join(f'{s:,}' for s in sorted(suite.workspaces)) or 'none'})",
        )
    if not small.ok:
        return Target(
            name,
            goal,
            SCALE_TO,
            "—",
            "—",
            None,
            f"{why_missing(small) if not small.timed_out else 'did not finish'} at {SCALE_FROM:,}",
        )
    if not large.ok:
        return Target(
            name,
            goal,
            SCALE_TO,
            "—",
            "—",
            None,
            f"{why_missing(large) if not large.timed_out else 'did not finish'} at {SCALE_TO:,}",
        )
    t, m = large.median / small.median, large.rss_mb / small.rss_mb
    measured = f"{fmt_seconds(small.median)} → {fmt_seconds(large.median)}; {small.rss_mb:.0f} → {large.rss_mb:.0f} MB"
    met = t <= 4.4 and m <= 4.4
    over = [f"time {t / 4.4:.1f}× over" if t > 4.4 else "", f"memory {m / 4.4:.1f}× over" if m > 4.4 else ""]
    verdict = "met" if met else "**not met**: " + ", ".join(o for o in over if o)
    return Target(
        name,
        goal,
        SCALE_TO,
        measured,
        f"time {t:.2f}×, memory {m:.2f}×",
        met,
        verdict,
        key if not met else "",
        SCALE_TO,
    )


def memory(label: str, op: Result | None, base: Result | None, size) -> Target:
    name = f"peak memory: {label}"
    goal = "≤ 3× the floor's peak"
    if op is None or not op.runs or base is None or not base.ok:
        return Target(name, goal, size, "—", "—", None, why_missing(op if op is None or not op.runs else base))
    ratio = op.rss_mb / base.rss_mb
    measured = f"{op.rss_mb:.0f} MB vs {base.rss_mb:.0f} MB"
    if not op.ok:  # killed at the time limit: its peak so far is a lower bound
        if ratio > 3:
            return Target(
                name,
                goal,
                size,
                measured + " (at the time limit)",
                f"> {ratio:.2f}×",
                False,
                f"**not met**: more than {ratio / 3:.1f}× over",
            )
        return Target(
            name,
            goal,
            size,
            measured + " (at the time limit)",
            f"≥ {ratio:.2f}×",
            None,
            "undetermined (did not finish)",
        )
    if ratio <= 3:
        return Target(name, goal, size, measured, f"{ratio:.2f}×", True, "met")
    return Target(name, goal, size, measured, f"{ratio:.2f}×", False, f"**not met**: {ratio / 3:.1f}× over the target")


def same_changes_target(suite: Suite) -> Target:
    name = "`compare` finds the same changes as xmldiff"
    goal = "same changed units"
    check = suite.peer_check
    if not check or "tools" not in check:
        return Target(name, goal, None, "—", "—", None, check.get("status", "not run") if check else "not run")
    tools = check["tools"]
    cmp, xd = tools.get("compare", {}), tools.get("xmldiff", {})
    size = check["size"]
    if cmp.get("status") != "ok":
        return Target(name, goal, size, "—", "—", None, f"compare {cmp.get('status')}")
    parts = [
        f"rev. 1 records {check['truth']} changed units; compare finds {cmp['found']} ({len(cmp['missed'])} missed, {len(cmp['spurious'])} spurious)"
    ]
    if xd.get("status") == "ok":
        parts.append(f"xmldiff {xd['found']} ({len(xd['missed'])} missed, {len(xd['spurious'])} spurious)")
        met = cmp["same"] and not xd["missed"]
        verdict = "met" if met else "**not met**"
        if met and xd["spurious"]:
            verdict = "met (compare exact; xmldiff adds units whose nodes it moved or re-matched)"
    else:
        parts.append(f"xmldiff {xd.get('status', 'not run')}")
        met, verdict = (None, "undetermined (xmldiff did not finish)") if cmp["same"] else (False, "**not met**")
    return Target(name, goal, size, "; ".join(parts), "—", met, verdict)


# ---------------------------------------------------------------------------


def measurement_rows(suite: Suite) -> list[list[str]]:
    rows = []
    for r in suite.results:
        times = r.times()
        if r.skipped:
            status = r.skipped
        elif r.timed_out:
            status = f"did not finish in {r.timeout:g} s"
        elif r.errors:
            status = "failed: " + (r.errors[0].splitlines()[-1][:80] if r.errors[0] else "?")
        else:
            status = ""
        rows.append(
            [
                r.label,
                f"{r.size:,}" if r.size else "—",
                r.timing,
                str(len(times)),
                fmt_seconds(r.median),
                fmt_seconds(min(times)) if times else "—",
                fmt_seconds(max(times)) if times else "—",
                f"{r.rss_mb:.0f} MB" if r.runs else "—",
                status or summary(r),
            ]
        )
    return rows


def summary(r: Result) -> str:
    info = {k: v for k, v in r.info.items() if k not in ("stdout", "rep", "lock")}
    holds = [run.info["lock"]["longest"] for run in r.runs if "lock" in run.info]
    if holds:  # bench/lockprobe.py's: how long no writer could take the lock, each run
        info["lock unavailable"] = ", ".join(fmt_seconds(h) for h in holds)
    if r.note:
        info = {"note": r.note, **info}
    return ", ".join(f"{k} {v}" for k, v in info.items())[:160]


def table(header: list[str], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def target_rows(targets: list[Target]) -> list[list[str]]:
    return [[t.operation, f"{t.size:,}" if t.size else "—", t.goal, t.measured, t.ratio, t.verdict] for t in targets]


def print_table(suite: Suite, targets: list[Target]) -> None:
    header = ["measurement", "size", "timing", "reps", "median", "min", "max", "peak RSS", "notes"]
    rows = measurement_rows(suite)
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header[:-1])]
    widths = [min(w, 60) for w in widths]
    print()
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for row in rows:
        print("  ".join(c[:w].ljust(w) for c, w in zip(row, widths)))
    print()
    print_command_rows(suite.commands)
    print()
    for t in targets if suite.library_selected() else []:
        mark = {True: "met    ", False: "NOT MET", None: "  ?    "}[t.met]
        print(f"{mark}  {t.operation} [{t.goal}]: {t.ratio} {'' if t.met else '— ' + t.verdict.replace('**', '')}")


def write_results(suite: Suite, targets: list[Target], path: Path, elapsed: float, argv: list[str]) -> None:
    m = machine()
    size = chosen_size(suite)
    met = sum(t.met is True for t in targets)
    missed = sum(t.met is False for t in targets)
    open_ = sum(t.met is None and not t.goal.startswith("reference") for t in targets)
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m bench {' '.join(argv)}` in {elapsed / 60:.1f} minutes. The targets are those of",
        "issue 15 (whole commands) and issue 6 (library calls); every ratio is between runs of the same run on the",
        "same files. Regenerate with `bench/run` (`--quick` for the CI size, `--only cmd` for the command rows).",
        "",
        "## Machine",
        "",
        *(f"- **{k}**: {v}" for k, v in m.items()),
        "",
        *command_section(suite.commands),
        "## Library calls (issue 6's targets; secondary rows)",
        "",
        f"{met} met, {missed} not met, {open_} undetermined or not run (reference rows aside). Targets are read at {size:,} units"
        + (
            ""
            if size == TARGET_SIZE
            else f" (the issue's targets are for {TARGET_SIZE:,}; this run did not include that size)"
        )
        + "; `size` says which size each row used.",
        "",
        table(["operation", "size", "target", "measured", "ratio", "result"], target_rows(targets))
        if suite.library_selected()
        else "Not run (`--only` chose the command rows).",
        "",
        *checks_section(suite),
        "## Measurements",
        "",
        "Each row is one measurement repeated in fresh processes. `timing`: **op** is the operation itself inside",
        "a fresh process, after its imports (what the library call costs); **process** is the whole process from",
        "`exec` to exit (interpreter start-up and imports included), for the whole-process targets. `peak RSS` is",
        "the peak resident memory of that process (`wait4`), the largest over the repetitions. A run that does not",
        "finish within the time limit is killed: the target then uses the limit as a lower bound.",
        "",
        table(
            ["measurement", "size", "timing", "reps", "median", "min", "max", "peak RSS", "notes"],
            measurement_rows(suite),
        ),
        "",
        "## Workspaces",
        "",
        "Generated by `bench/generate.py` (seeded, deterministic) in a temporary folder and removed afterwards:",
        "bilingual (en, es) draft resolutions imported with `import_document`; rev. 1 issued from a first round",
        "changing 5 % of the units (modified, new and deleted units, statements as footnotes); then the open",
        "proposals of the 35 delegations, half of them accepted, some written against rev. 0 (carried over or stale),",
        "some colliding, some in one language only, plus rejected and withdrawn ones and the chair's marks.",
        "",
    ]
    rows = []
    for units, info in sorted(suite.workspaces.items()):
        c = info["counts"]
        shape = info["shape"]
        rows.append(
            [
                f"{units:,}",
                f"{shape['recitals']:,} recitals in {shape['groups']:,} groups, {shape['operative']:,} operative paragraphs, "
                f"{shape['subparagraphs']:,} sub-paragraphs, {shape['appendices']} appendices ({shape['items']:,} items)",
                f"{c['records']:,}",
                f"{c['open']:,} ({c['accepted']:,} accepted, {c['open_rev0_based']:,} against rev. 0, {c['statements_open']:,} statements)",
                ", ".join(f"{k} {v:,}" for k, v in c["kinds"].items()),
                f"{info['seconds']:.0f} s",
            ]
        )
    lines += [table(["units", "shape", "records", "open", "kinds (open)", "generated in"], rows), ""]
    lines += peer_section(suite)
    lines += method_section()
    if suite.profiles:
        lines += ["## Profiles of the operations that miss a target", ""]
        lines += [
            "`python -m cProfile`-style statistics (cumulative) of the operation alone, in a fresh process on a copy",
            "of the same workspace; each ends with the functions of `tracker/` that take more than 5 % of the time.",
            "",
        ]
        for key, size, text in suite.profiles:
            where = f" at {size:,} units" if size else ""
            lines += [f"### {key}{where}", "", "```", text.rstrip(), "```", ""]
    if FINDINGS.exists():
        lines += [FINDINGS.read_text(encoding="utf-8").rstrip(), ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def checks_section(suite: Suite) -> list[str]:
    if not suite.checks:
        return []
    lines = ["## Checks", ""]
    lines += [f"- {'passed' if ok else '**FAILED**'}: {name} — {detail}" for name, ok, detail in suite.checks]
    return [*lines, ""]


def peer_section(suite: Suite) -> list[str]:
    check = suite.peer_check
    lines = ["## Same changes: compare against xmldiff", ""]
    if not check or "tools" not in check:
        return [*lines, check.get("status", "Not run.") if check else "Not run.", ""]
    lines += [
        f"On a {check['size']}-unit workspace (xmldiff's default diff does not finish at 10,000 units within the",
        f"time limit), rev. 0 → rev. 1 in English. Rev. 1 itself records which {check['truth']} units it changed",
        "(`wgt:incorporated`: words, new and deleted units, footnotes). xmldiff's actions are replayed on rev. 0",
        "and attributed to the unit (nearest `wId`) each touches; renumbering (`num`, `eId`, markers), metadata",
        "and indentation are left out.",
        "",
    ]
    rows = []
    for name, data in check["tools"].items():
        if data.get("status") != "ok":
            rows.append([name, data.get("status", "?"), "—", "—", "—", data.get("error", "")[:100]])
            continue
        rows.append(
            [
                name,
                fmt_seconds(data["seconds"]),
                str(data["found"]),
                str(len(data["missed"])),
                str(len(data["spurious"])),
                ("identical to the record" if data["same"] else "differs")
                + (f"; {data['moved_units']} units reported as moved" if data.get("moved_units") else ""),
            ]
        )
    lines += [table(["tool", "time", "units changed", "missed", "spurious", "verdict"], rows), ""]
    return lines


def method_section() -> list[str]:
    return [
        "## Method",
        "",
        "- **Floor**: lxml parse + strict validation against the AKN 3.0 schema (`tracker.akn.schema.akn_schema`,",
        "  its loading included) + serialization of exactly the XML files the operation reads and writes (written",
        "  ones also written to disk, without fsync), plus `json.loads` of the records it reads and `json.dumps` of",
        "  the ones it writes; all held in memory at once. Written files are taken from a finished run of the",
        "  operation. `amend propose` and `wgt --help` use the whole-process floors the issue names.",
        "- **rev issue**: a fresh copy of the workspace per repetition; `issue_revision` (what `wgt rev issue`",
        "  calls) with every accepted amendment and open statement, both languages.",
        "- **conflicts**, **compare**, **render**: `tracker.amendments.proposals.conflicts`,",
        "  `tracker.compare.compare_revisions` (rev. 0 → rev. 1, English), `tracker.render.render` + writing the",
        "  file; **import**: `tracker.documents.import_document` into a fresh workspace (English; Spanish aligned",
        "  with an English rev. 0).",
        "- **amend propose**: the installed `wgt` script on a copy of the workspace (MX replaces words of op3 in",
        "  Spanish), the new record removed after each repetition.",
        "- **xmldiff**: `xmldiff.main.diff_trees(left, right, diff_options={'uniqueattrs': ['wId']})` on the same",
        "  two files, parsing included; the redline row adds `formatting.XMLFormatter`. Our files declare the `wgt`",
        "  namespace on each metadata element, which xmldiff's formatter cannot resolve, so the namespace is",
        "  declared once at the root first (`lxml.etree.cleanup_namespaces`, timed, negligible).",
        "- **naive**: the whole body text of both revisions through one diff-match-patch `diff_main` +",
        "  `patch_make` + `patch_apply` (with its default 1 s timeout, and with the timeout off).",
        "- Since issue 15 these library rows are secondary and run at 10,000 units only unless asked",
        "  (`--library-sizes 10000 40000` gives their scaling rows); the command rows run at every size.",
        "- Scaling rows compare the medians at 10,000 and 40,000 units: 4× the units, with the same shares of",
        "  recitals (~45 %), operative paragraphs and sub-paragraphs (~47 %) and appendix items (~8 %); the",
        "  importer numbers operative paragraphs with at most three digits, so both sizes have 999 of them and",
        "  the larger one more sub-paragraphs each. Proposals grow 2× (the issue's range is 500 to 20,000).",
        "",
    ]
