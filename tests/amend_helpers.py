"""Helpers shared by the amendment tests (test_amend_story, test_amend_errors).

Kept out of conftest.py, which another suite owns: a copy of the bundled
workspace, an in-process ``wgt`` runner, and a byte snapshot of a workspace to
prove that a refused command wrote nothing.
"""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli

REPO_ROOT = Path(__file__).resolve().parent.parent
SYMBOL = "CAJP/GT/TM-38/05"
SLUG = "cajp-gt-tm-38-05"
#: The workspace lock file is created empty by the first command that takes the
#: lock; it holds no data, so snapshots leave it out.
LOCK_FILE = ".wgt.lock"


_IMPORTED: list[Path] = []


def copy_bundled(dest: Path) -> Path:
    """A group with the seed texts imported as the bundled drafts are, and no amendments yet, at ``dest``.

    Made once per test run (founded by SEC, every demo key approved, the seeds
    imported) and copied; conftest.py points ``WGT_KEYS_DIR`` at
    ``sources/demo-keys`` so every participant can act.
    """
    if not _IMPORTED:
        import tempfile

        from conftest import import_sources, new_workspace

        root = Path(tempfile.mkdtemp(prefix="wgt-imported-")) / "ws"
        import_sources(new_workspace(root), REPO_ROOT / "sources")
        _IMPORTED.append(root)
    shutil.copytree(_IMPORTED[0], dest, ignore=shutil.ignore_patterns(LOCK_FILE))
    return dest


def _runner() -> CliRunner:
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:  # click < 8.2
        return CliRunner(mix_stderr=False)
    return CliRunner()


def wgt(ws: Path, *args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """``wgt --workspace WS ARGS`` in-process; a traceback (any exception but an exit) is re-raised."""
    result = _runner().invoke(cli, ["--workspace", str(ws), *map(str, args)], env=env, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def ok(ws: Path, *args: str | Path, env: dict[str, str] | None = None) -> str:
    """Run ``wgt`` and require success; returns stdout."""
    code, out, err = wgt(ws, *args, env=env)
    assert code == 0, f"wgt {' '.join(map(str, args))} failed ({code}): {err}"
    return out


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (folders as None), the lock file and ``.git`` left out."""
    return {
        path.relative_to(root).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(root.rglob("*"))
        if path.name != LOCK_FILE and path.relative_to(root).parts[0] != ".git"
    }


def refused(ws: Path, *args: str | Path, env: dict[str, str] | None = None) -> str:
    """Run ``wgt``, require exit 1 with one clear line on stderr and nothing written; returns that line."""
    before = snapshot(ws)
    code, out, err = wgt(ws, *args, env=env)
    assert code == 1, f"wgt {' '.join(map(str, args))} should fail with exit 1, got {code}: {out}{err}"
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one error line, got: {err!r}"
    assert lines[0].startswith("Error: "), lines[0]
    assert "Traceback" not in err
    after = snapshot(ws)
    assert after == before, f"a refused command changed the workspace: {sorted(set(after) ^ set(before))}"
    return lines[0]


def edit_record(path: Path, change, *, resign: bool, by: str | None = None, act: str = "translate") -> None:
    """Edit an amendment file by hand: ``change(dict)`` alters its JSON in place.

    With ``resign`` the edited record is signed again with the demo keys and
    entered in the log as ``act`` by ``by`` (the proposer by default): what a
    faulty tool holding the keys would write, so that the checks behind the
    signatures — patches, hashes, statuses — are what refuses it.
    """
    import json

    from forgery import forge_record

    from tracker.amendments.record import Amendment

    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    raw = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if not resign:
        path.write_bytes(raw)
        return
    record = Amendment.from_json(raw, str(path))
    root = path.parents[2]
    forge_record(root, record, by or record.by, act)


def receive_forged(ws: Path, source: Path, change) -> None:
    """Enter into ``ws`` the record at ``source`` (made in another copy of the group), edited by ``change``.

    Re-signed by every author with the demo keys and received by the secretariat:
    what a faulty tool in that other copy would have sent. The record's id must be
    new to ``ws``; what refuses it is then the check behind the signatures.
    """
    import json

    from forgery import forge_entry, group_of, reseal

    from tracker.amendments.record import Amendment

    data = json.loads(source.read_text(encoding="utf-8"))
    change(data)
    record = reseal(Amendment.from_json(json.dumps(data).encode("utf-8"), str(source)), group_of(ws))
    target = ws / "amendments" / source.parent.name / source.name
    forge_entry(ws, "SEC", "receive", {target: record.to_json()}, record.id)
