"""Issue 15's targets for the command rows (``bench/commands.py``): ratios, met / not met, the RESULTS section."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bench.commands import PREFIX, Commands, Size, lock_hold, median_or_none, paired_ratios
from bench.suite import TARGET_SIZE, Result, fmt_seconds

#: command key -> its name in the tables
NAMES = {
    "cmd/compare": "`compare --from 0 --to 1` (terminal)",
    "cmd/compare-html": "`compare`, `--format html -o F`",
    "cmd/compare-docx": "`compare`, `--format docx -o F`",
    "cmd/conflicts": "`conflicts`, records verified before",
    "cmd/conflicts-cold": "`conflicts`, cache empty",
    "cmd/propose": "`amend propose`",
    "cmd/accept": "`amend accept ID --as CHAIR`",
    "cmd/withdraw": "`amend withdraw ID --by …`",
    "cmd/mark": "`mark SYMBOL UNIT agreed --as CHAIR`",
    "cmd/check": "`check SYMBOL`, en against es",
    "cmd/show": "`show`",
    "cmd/show-json": "`show --format json`",
    "cmd/list": "`list`",
    "cmd/validate": "`validate`",
    "cmd/verify": "`verify`, records verified before",
    "cmd/render-html": "`render -o F.html`",
    "cmd/render-docx": "`render -o F.docx`",
    "cmd/rev-issue": "`rev issue`",
    "cmd/publish": "`publish SITE`, a new site",
    "cmd/publish-again": "`publish SITE` again, nothing changed",
    "cmd/publish-one": "`publish SITE` after one new proposal",
}
PARSE_BOTH = "≤ 3× a process parsing the two revisions"
GIT = "≤ 10× `git diff --word-diff --no-index` of their texts"
RECORDS = "reading every record and the log + parsing the drafts"
PROPOSE = "≤ 2× `amend propose`"
#: (command, what it is compared with, at most this many times, the target as written)
RATIOS = [
    ("cmd/compare", "cmd/compare/floor", 3, PARSE_BOTH),
    ("cmd/compare", "cmd/compare/git", 10, GIT),
    ("cmd/compare-html", "cmd/compare/floor", 3, PARSE_BOTH),
    ("cmd/compare-html", "cmd/compare/git", 10, GIT),
    ("cmd/compare-docx", "cmd/compare/floor", 3, PARSE_BOTH),
    ("cmd/compare-docx", "cmd/compare/git", 10, GIT),
    ("cmd/conflicts", "cmd/conflicts/floor", 1.5, "≤ 1.5× " + RECORDS),
    ("cmd/conflicts-cold", "cmd/conflicts/floor", 4, "≤ 4× " + RECORDS),
    # check reconstructs and reads every open proposal in both languages, besides what the floor reads
    ("cmd/check", "cmd/check/floor", 10, "≤ 10× " + RECORDS),
    ("cmd/accept", "cmd/propose", 2, PROPOSE),
    ("cmd/withdraw", "cmd/propose", 2, PROPOSE),
    ("cmd/mark", "cmd/propose", 2, PROPOSE),
    ("cmd/propose", "cmd/propose/floor", 2, '≤ 2× `python -c "import lxml.etree, click; lxml.etree.parse(DRAFT)"`'),
    ("cmd/show", "cmd/show/floor", 2, "≤ 2× parse + print the text"),
    ("cmd/show-json", "cmd/show/floor", 2, "≤ 2× parse + print the text"),
    ("cmd/list", "cmd/list/floor", 2, "≤ 2× parse the latest revision"),
    ("cmd/validate", "cmd/validate/floor", 2, "≤ 2× parse + AKN schema of every draft"),
    ("cmd/verify", "cmd/verify/floor", 2, "≤ 2× read + SHA-256 every file, parse the log"),
    ("cmd/render-html", "cmd/render/floor", 2, "≤ 2× parse the revision"),
    ("cmd/render-docx", "cmd/render/floor", 2, "≤ 2× parse the revision"),
    ("cmd/rev-issue", "cmd/rev-issue/floor", 3, "≤ 3× floor (the library rows' rev-issue floor, whole process)"),
    (
        "cmd/publish",
        "cmd/publish/renders-all",
        1.5,
        "≤ 1.5× `render` of every revision, language and format, one by one",
    ),
    (
        "cmd/publish",
        "cmd/publish/renders-html",
        10,
        "≤ 10× `render` of every revision and language in HTML, one by one",
    ),
    ("cmd/publish-again", "cmd/publish/render-latest", 1, "≤ 1× one `render -o F.html` of the latest revision"),
    ("cmd/publish-one", "cmd/publish/render-latest", 3, "≤ 3× one `render -o F.html` of the latest revision"),
]
LOCK_LIMIT = 2.0


@dataclass
class Row:
    command: str
    size: str
    target: str
    measured: str
    ratio: str
    met: bool | None  # None: could not be determined
    verdict: str


def verdict(ratio: float, limit: float) -> tuple[bool, str]:
    if ratio <= limit:
        return True, "met"
    over = ratio / limit
    digits = 3 if over < 1.01 else 2 if over < 1.1 else 1  # a near miss must not read as "1.00× over"
    return False, f"**not met**: {over:.{digits}f}× over"


def missing(r: Result | None) -> str:
    if r is None or not r.runs:
        return "not measured"
    if r.timed_out:
        return f"did not finish in {r.timeout:g} s"
    error = r.errors[0] if r.errors else ""
    return "failed: " + (error.strip().splitlines()[-1][:100] if error.strip() else "?")


def ratio_row(cmds: Commands, key: str, base_key: str, limit: float, target: str, size: Size) -> Row:
    """``key`` over ``base_key``: the median of the ratios of the same repetitions."""
    a, b = cmds.results.get((key, size)), cmds.results.get((base_key, size))
    name = NAMES.get(key, key)
    if a is None or not a.ok or b is None or not b.ok:
        if a is not None and a.timed_out and b is not None and b.ok:
            bound = a.timeout / b.median
            met, text = (False, f"**not met**: more than {bound / limit:.1f}× over") if bound > limit else (None, "?")
            return Row(
                name,
                str(size),
                target,
                f"> {fmt_seconds(a.timeout)} vs {fmt_seconds(b.median)}",
                f"> {bound:.1f}×",
                met,
                text,
            )
        problem = missing(a) if a is None or not a.ok else "floor " + missing(b)
        return Row(name, str(size), target, "—", "—", None, problem)
    ratios = paired_ratios(a, b)
    ratio = median_or_none(ratios) or a.median / b.median
    met, text = verdict(ratio, limit)
    measured = f"{fmt_seconds(a.median)} vs {fmt_seconds(b.median)}"
    return Row(name, str(size), target, measured, f"{ratio:.2f}×", met, text)


def lock_row(cmds: Commands, size: Size) -> Row:
    holds = lock_hold(cmds.results.get(("cmd/rev-issue", size)))
    target = f"the lock held ≤ {LOCK_LIMIT:g} s (longest time no writer could take it)"
    name = "`rev issue`: workspace lock"
    if not holds:
        return Row(name, str(size), target, "—", "—", None, missing(cmds.results.get(("cmd/rev-issue", size))))
    hold = median_or_none(holds)
    measured = f"{fmt_seconds(hold)} (median of {len(holds)}; longest {fmt_seconds(max(holds))})"
    met, text = verdict(hold, LOCK_LIMIT)
    return Row(name, str(size), target, measured, f"{hold / LOCK_LIMIT:.2f}× the limit", met, text)


def write_row(cmds: Commands, size: Size) -> Row:
    target = "a write during `rev issue` waits at most the commit phase, never fails on the lock"
    name = "`mark` started halfway through `rev issue`"
    data = cmds.writes.get(size)
    if not data:
        return Row(name, str(size), target, "—", "—", None, "not run (rev issue did not finish)")
    write, issue = data["write"], data["issue"]
    alone = cmds.results.get(("cmd/mark", size))
    waited = write.wall - (alone.median if alone is not None and alone.ok else 0.0)
    measured = f"started {fmt_seconds(data['delay'])} in: {write.status} after {fmt_seconds(write.wall)}"
    if alone is not None and alone.ok:
        measured += f" ({fmt_seconds(alone.median)} alone: waited ≈ {fmt_seconds(max(waited, 0.0))})"
    if write.status != "ok":
        reason = write.error.strip().splitlines()[-1] if write.error.strip() else write.status
        reason = re.sub(r"^Error: /\S+: ", "", reason)[:120]  # the copy's path says nothing
        return Row(name, str(size), target, measured, "—", False, f"**not met**: the write failed ({reason})")
    if issue.status != "ok":
        return Row(name, str(size), target, measured, "—", False, f"**not met**: rev issue {issue.status}")
    met = waited <= LOCK_LIMIT
    text = "met" if met else f"**not met**: it waited {fmt_seconds(waited)}, more than {LOCK_LIMIT:g} s"
    return Row(name, str(size), target, measured, "—", met, text)


def scaling_rows(cmds: Commands, base: Size, other: Size) -> list[Row]:
    """Every command at ``other`` against ``base``: time and peak memory grow at most 1.1× linearly."""
    factor = other.units / base.units if other.units != base.units else other.proposals / base.proposals
    limit = 1.1 * factor
    what = (
        f"{base.units:,} → {other.units:,} units"
        if other.units != base.units
        else (f"{base.proposals:,} → {other.proposals:,} proposals")
    )
    rows = []
    for key, name in NAMES.items():
        small, large = cmds.results.get((key, base)), cmds.results.get((key, other))
        target = f"time and peak memory ≤ {limit:.1f}× ({what})"
        if small is None or large is None:
            continue
        if not small.ok or not large.ok:
            rows.append(Row(name, str(other), target, "—", "—", None, missing(small if not small.ok else large)))
            continue
        t, m = large.median / small.median, large.rss_mb / small.rss_mb
        measured = (
            f"{fmt_seconds(small.median)} → {fmt_seconds(large.median)}; {small.rss_mb:.0f} → {large.rss_mb:.0f} MB"
        )
        over = [
            f"time {t / limit:.1f}× over" if t > limit else "",
            f"memory {m / limit:.1f}× over" if m > limit else "",
        ]
        met = t <= limit and m <= limit
        text = "met" if met else "**not met**: " + ", ".join(o for o in over if o)
        rows.append(Row(name, str(other), target, measured, f"time {t:.2f}×, memory {m:.2f}×", met, text))
    return rows


def main_size(cmds: Commands) -> Size | None:
    """The size the targets are read at: 10,000 units with their default proposals, else the first measured."""
    for size in cmds.sizes:
        if size.units == TARGET_SIZE:
            return size
    return cmds.sizes[0] if cmds.sizes else None


def command_rows(cmds: Commands) -> list[Row]:
    size = main_size(cmds)
    if size is None:
        return []
    rows = [ratio_row(cmds, *spec, size) for spec in RATIOS if (spec[0], size) in cmds.results]
    if ("cmd/rev-issue", size) in cmds.results:
        rows += [lock_row(cmds, size), write_row(cmds, size)]
    for other in cmds.sizes:
        if other == size:
            continue
        if other.units != size.units or other.proposals != size.proposals:
            rows += [lock_row(cmds, other), write_row(cmds, other)] if ("cmd/rev-issue", other) in cmds.results else []
            rows += scaling_rows(cmds, size, other)
    return rows


def table(rows: list[Row]) -> list[str]:
    def cell(text: str) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    out = ["| command | size | target | measured | ratio | result |", "| --- | --- | --- | --- | --- | --- |"]
    out += [
        "| " + " | ".join(cell(c) for c in (r.command, r.size, r.target, r.measured, r.ratio, r.verdict)) + " |"
        for r in rows
    ]
    return out


def command_section(cmds: Commands) -> list[str]:
    """The RESULTS.md section of issue 15's rows (empty when none ran)."""
    rows = command_rows(cmds)
    if not rows:
        return []
    met = sum(r.met is True for r in rows)
    missed = sum(r.met is False for r in rows)
    lines = [
        "## The commands as a user runs them (issue 15)",
        "",
        "Each command is a whole `wgt` process, typed as a user types it in the workspace's folder (the same",
        "arguments every run), timed from `exec` to exit; its peak RSS (`wait4`) gives the memory. Each is measured",
        "in one loop with its floor or peer, A, B, A, B …, and its ratio is the median of the ratios of the same",
        "repetition (load drift cancels). Writes get a fresh target each run (the next proposal or unit of",
        "`bench.json`, `rev issue` a fresh copy), set up untimed. The lock row is `bench/lockprobe.py`'s: while",
        "`rev issue` runs it tries every 5 ms to take the workspace lock exclusively, as a writer would, and",
        "records the longest time it could not. The floors are `bench/floors.py` (lxml and click loaded, then only",
        "the files' reading, parsing, hashing or validation the command cannot avoid).",
        "",
        f"{met} met, {missed} not met, {len(rows) - met - missed} undetermined.",
        "",
        *table(rows),
        "",
        "Workspaces (`bench/generate.py`):",
        "",
        *(f"- {size}: {workspace_counts(cmds.infos.get(size, {}))}" for size in cmds.sizes),
        "",
    ]
    return lines


def workspace_counts(info: dict) -> str:
    c = info.get("counts")
    if not c:
        return "—"
    took = f"; generated in {info['seconds']:.0f} s" if "seconds" in info else ""
    return (
        f"{c['records']:,} records, {c['open']:,} open of which {c['accepted']:,} accepted "
        f"({c['open_rev0_based']:,} against rev. 0), {c['rejected']:,} rejected, {c['withdrawn']:,} withdrawn{took}"
    )


def print_command_rows(cmds: Commands) -> None:
    rows = command_rows(cmds)
    if rows:
        print("\nCommands as a user runs them (issue 15):")
    for r in rows:
        mark = {True: "met    ", False: "NOT MET", None: "  ?    "}[r.met]
        print(f"{mark}  {r.command} [{r.size}; {r.target}]: {r.measured}, {r.ratio}")


__all__ = ["PREFIX", "Row", "command_rows", "command_section", "print_command_rows"]
