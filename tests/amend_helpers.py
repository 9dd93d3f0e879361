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


def copy_bundled(dest: Path) -> Path:
    """The repo's wgt.toml, roster.json and drafts/ under ``dest``, with an empty amendments/.

    The drafts' manifests are signed by the secretariat's demo key; conftest.py
    points ``WGT_KEYS_DIR`` at ``sources/demo-keys`` so every participant can act.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("wgt.toml", "roster.json"):
        shutil.copy2(REPO_ROOT / name, dest / name)
    shutil.copytree(REPO_ROOT / "drafts", dest / "drafts")
    (dest / "amendments").mkdir()
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
    """Every path under ``root`` with its bytes (folders as None), the lock file left out."""
    return {
        path.relative_to(root).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(root.rglob("*"))
        if path.name != LOCK_FILE
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


def edit_record(path: Path, change, *, resign: bool) -> None:
    """Edit an amendment file by hand: ``change(dict)`` alters its JSON in place.

    With ``resign`` the edited record is signed again with the demo keys (what a
    faulty tool holding the keys would write), so that the checks behind the
    signatures — patches, hashes, statuses — are what refuses it.
    """
    import json

    from tracker.amendments.authenticity import seal_new
    from tracker.amendments.record import Amendment

    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    raw = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if resign:
        record = Amendment.from_json(raw, str(path))
        seal_new(record)
        raw = record.to_json()
    path.write_bytes(raw)
