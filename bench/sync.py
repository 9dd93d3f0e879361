"""Many capitals, one remote: ``python -m bench.sync [--clones 35] [--proposals 30]``.

A bare repository is the group's meeting point. The secretariat founds the group
(35 OAS delegations, each with its key approved), imports a draft and pushes;
each delegation takes a copy (``wgt join``'s library call) and, offline, makes
``--proposals`` statements on the draft, each a local commit, all numbered from
the same place (every copy's first is ``XX-1``: nobody else writes Mexico's
ids, but two offline copies of one delegation would collide; here the clones
are of different delegations, and a last clone of Mexico's proposes offline
too, so that renumbering is measured as well).

Then every clone runs ``wgt sync`` **at once**, as separate processes (the
command as a user runs it), each retrying when another pushed first; then once
more each, so that all hold everything. Reported: time per sync process
(median, slowest), the whole, and checks: every statement arrived once, ids
distinct, every copy at the remote's commit and ``wgt verify`` clean. Last,
the cost of taking in every action at once: ``wgt sync`` of a fresh copy made
at the founding against ``git fetch`` + ``git merge --ff-only`` of the same
commits (interleaved, several runs each).

Prints a Markdown table; ``--out FILE`` writes it too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import generate

REPO = Path(__file__).resolve().parent.parent


def wgt(*args: str, env: dict) -> tuple[float, subprocess.CompletedProcess]:
    """One ``wgt`` process (the installed script, as a user runs it) and its wall time."""
    from bench.suite import wgt_command

    started = time.perf_counter()
    done = subprocess.run([*wgt_command(), *args], capture_output=True, text=True, env=env)
    return time.perf_counter() - started, done


def setup(root: Path, clones: int, proposals: int, units: int) -> tuple[Path, list[tuple[str, Path]], Path]:
    """The remote, the clones (code, folder) with their offline statements made, and the founding copy."""
    import pygit2

    from tracker.amendments.proposals import add_statement
    from tracker.documents import import_document
    from tracker.sync import add_remote, join, sync

    remote = root / "group.git"
    pygit2.init_repository(str(remote), bare=True, initial_head="main")
    ws = generate.make_workspace(root / "SEC", root / "keys")
    en, es, _ = generate.write_sources(root / "sources", units, seed=3)
    for path, lang in ((en, "en"), (es, "es")):
        import_document(ws, path, generate.SYMBOL, lang, date=generate.DATE_REV0, doc_type="resolution")
    add_remote(ws, str(remote))
    sync(ws)
    founding = root / "founding"
    shutil.copytree(ws.root, founding)
    units_of = _unit_ids(ws)
    codes = [c for c in generate.delegations()][:clones]
    folders = []
    for n, code in enumerate([*codes, codes[0]]):  # a second copy of the first delegation, offline too
        folder = root / f"{code}-{n}"
        clone, _request, _made = join(str(remote), folder, code)
        for i in range(proposals):
            text = f"{code} copy {n}: statement {i} on the draft."
            add_statement(clone, generate.SYMBOL, code, unit=units_of[(n * 7 + i) % len(units_of)], lang="en",
                          text=text)  # fmt: skip
        folders.append((code, folder))
    return remote, folders, founding


def _unit_ids(ws) -> list[str]:
    from tracker.documents import load_draft

    draft = load_draft(ws, generate.SYMBOL, 0, "en")
    return [u.wid for u in draft.units() if u.kind in ("paragraph", "recital")]


def sync_all(folders: list[tuple[str, Path]], env: dict, workers: int) -> list[float]:
    """Every clone's ``wgt sync`` at once (``workers`` at a time); their wall times."""

    def one(folder: Path) -> float:
        seconds, done = wgt("--workspace", str(folder), "sync", env=env)
        if done.returncode != 0:
            raise SystemExit(f"wgt sync failed in {folder}: {done.stderr.strip()}")
        return seconds

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, [folder for _, folder in folders]))


def check(remote: Path, folders: list[tuple[str, Path]], clones: int, proposals: int, env: dict) -> list[str]:
    """What must hold at the end; returns the problems (none: all held)."""
    problems = []
    records = {}
    slug = generate.SYMBOL.lower().replace("/", "-")
    folder = folders[0][1] / "amendments" / slug
    for path in folder.glob("*-*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        records[data["id"]] = data["texts"]["en"]["text"]
    expected = (clones + 1) * proposals
    if len(records) != expected:
        problems.append(f"{len(records)} records, not {expected}")
    if len(set(records.values())) != len(records):
        problems.append("a statement arrived twice")
    heads = set()
    for _, site in folders:
        heads.add(subprocess.run(["git", "-C", str(site), "rev-parse", "HEAD"], capture_output=True, text=True).stdout)
    main = subprocess.run(["git", "--git-dir", str(remote), "rev-parse", "main"], capture_output=True, text=True)
    if heads != {main.stdout}:
        problems.append(f"{len(heads)} different heads")
    _, verified = wgt("--workspace", str(folders[-1][1]), "verify", env=env)
    if verified.returncode != 0:
        problems.append("wgt verify: " + verified.stderr.strip())
    return problems


def take_everything(remote: Path, founding: Path, root: Path, env: dict, reps: int) -> tuple[list[float], list[float]]:
    """``wgt sync`` of a copy made at the founding, against ``git fetch`` + ``git merge --ff-only``, interleaved."""
    ours, theirs = [], []
    for rep in range(reps):
        for kind in ("wgt", "git"):
            copy = root / f"take-{kind}-{rep}"
            shutil.copytree(founding, copy)
            subprocess.run(["git", "-C", str(copy), "remote", "set-url", "origin", str(remote)], check=True)
            if kind == "wgt":
                seconds, done = wgt("--workspace", str(copy), "sync", env=env)
                assert done.returncode == 0, done.stderr
                ours.append(seconds)
            else:
                started = time.perf_counter()
                subprocess.run(["git", "-C", str(copy), "fetch", "-q", "origin"], check=True)
                subprocess.run(["git", "-C", str(copy), "merge", "-q", "--ff-only", "origin/main"], check=True)
                theirs.append(time.perf_counter() - started)
            shutil.rmtree(copy)
    return ours, theirs


def nothing_new(remote: Path, site: Path, env: dict, reps: int) -> tuple[list[float], list[float]]:
    """``wgt sync`` of a copy already in step, against ``git fetch`` of it, interleaved: the cost of asking."""
    ours, theirs = [], []
    for _ in range(reps):
        seconds, done = wgt("--workspace", str(site), "sync", env=env)
        assert done.returncode == 0, done.stderr
        ours.append(seconds)
        started = time.perf_counter()
        subprocess.run(["git", "-C", str(site), "fetch", "-q", "origin"], check=True)
        theirs.append(time.perf_counter() - started)
    return ours, theirs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clones", type=int, default=35)
    parser.add_argument("--proposals", type=int, default=30)
    parser.add_argument("--units", type=int, default=120)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="wgt-sync-bench-"))
    try:
        started = time.perf_counter()
        remote, folders, founding = setup(root, args.clones, args.proposals, args.units)
        env = {**os.environ, "WGT_KEYS_DIR": str(root / "keys"), "PYTHONPATH": str(REPO)}
        set_up = time.perf_counter() - started
        started = time.perf_counter()
        first = sync_all(folders, env, args.workers)
        second = sync_all(folders, env, args.workers)
        whole = time.perf_counter() - started
        problems = check(remote, folders, args.clones, args.proposals, env)
        ours, theirs = take_everything(remote, founding, root, env, args.reps)
        idle, fetch = nothing_new(remote, folders[0][1], env, args.reps)
        actions = (args.clones + 1) * args.proposals
        lines = [
            f"## Sync: {args.clones + 1} copies, {args.proposals} statements each, one bare remote",
            "",
            "| measure | value |",
            "| --- | --- |",
            f"| set-up (group, draft, copies, offline statements; library) | {set_up:.1f} s |",
            f"| first round, every copy's `wgt sync` at once ({args.workers} at a time): median / slowest"
            f" | {statistics.median(first):.2f} s / {max(first):.2f} s |",
            f"| second round (all take in the rest): median / slowest | {statistics.median(second):.2f} s /"
            f" {max(second):.2f} s |",
            f"| both rounds, whole | {whole:.1f} s |",
            f"| a copy from the founding takes in all {actions} actions: `wgt sync`, median of {args.reps}"
            f" | {statistics.median(ours):.2f} s |",
            f"| the same commits by `git fetch` + `git merge --ff-only`, median | {statistics.median(theirs):.2f} s"
            f" ({statistics.median(ours) / statistics.median(theirs):.1f}×) |",
            f"| nothing new: `wgt sync` of a copy in step, median | {statistics.median(idle):.2f} s |",
            f"| the same by `git fetch`, median | {statistics.median(fetch):.2f} s"
            f" ({statistics.median(idle) / statistics.median(fetch):.1f}×) |",
            f"| checks (every statement once, distinct ids, one head, verify clean) | "
            f"{'all held' if not problems else '; '.join(problems)} |",
        ]
        table = "\n".join(lines) + "\n"
        print(table)
        if args.out:
            args.out.write_text(table, encoding="utf-8")
        return 1 if problems else 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
