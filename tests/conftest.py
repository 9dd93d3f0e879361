"""Shared fixtures: the repo's seed sources, fresh and seeded workspaces, and a CLI runner.

* ``sources_dir`` — the repository's ``sources/`` (seed texts and ``sources.toml``);
* ``empty_ws`` — a new workspace (body CAJP/GT/TM, languages en, es, default participants);
* ``seeded_ws`` — a new workspace with every seed text imported through
  :func:`tracker.documents.import_document`, exactly as ``sources.toml`` describes it;
* ``run_cli`` — runs ``wgt ARGS`` in-process and returns ``(exit_code, stdout, stderr)``;
* ``snapshot`` — every file and folder under a directory with its bytes, to prove that
  a failing command wrote nothing.
"""

from __future__ import annotations

import atexit
import inspect
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.documents import import_document
from tracker.sources import source_texts
from tracker.trust.governance import enroll, found
from tracker.workspace import Config, Workspace, default_participants

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = REPO_ROOT / "sources"
DATA_DIR = Path(__file__).resolve().parent / "data"

RunCli = Callable[..., tuple[int, str, str]]

#: Every test acts with the bundled public demo keys (sources/demo-keys/README.md);
#: set before any fixture, session-wide ones included, makes a workspace.
os.environ["WGT_KEYS_DIR"] = str(SOURCES_DIR / "demo-keys")
# A bug must fail its test with its traceback, not become wgt's one-line "internal error".
os.environ["WGT_DEBUG"] = "1"
#: ...and remembers verified records in a folder of the test run's own, never the user's cache.
os.environ["WGT_CACHE_DIR"] = tempfile.mkdtemp(prefix="wgt-test-cache-")
atexit.register(shutil.rmtree, os.environ["WGT_CACHE_DIR"], ignore_errors=True)
SIGNERS = ("SEC", "CHAIR", "MX", "US", "GT", "AR")


@pytest.fixture(autouse=True)
def _no_workspace_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``WGT_WORKSPACE`` set in the shell running pytest must not leak into the tests.

    Nor may the shell's locale: the suite matches wgt's messages in English, so
    the UI language is English unless a test asks for another (``WGT_UI_LANG``
    comes first; ``wgt --lang es`` sets it, and monkeypatch restores it after).
    """
    monkeypatch.delenv("WGT_WORKSPACE", raising=False)
    monkeypatch.setenv("WGT_UI_LANG", "en")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    return SOURCES_DIR


def new_workspace(root: Path) -> Workspace:
    """A fresh group founded by SEC whose roster has approved the demo keys of the usual participants."""
    ws, _made = found(root, Config("CAJP/GT/TM", ["en", "es"], "", default_participants()))
    for code in SIGNERS:
        enroll(ws, code)
    return ws


def import_sources(ws: Workspace, sources: Path) -> None:
    for text in source_texts(sources):
        import_document(ws, text.path, text.symbol, text.lang, date=text.date, doc_type=text.doc_type, title=text.title)


@pytest.fixture
def empty_ws(tmp_path: Path) -> Workspace:
    return new_workspace(tmp_path / "ws")


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Imported once per session; each test gets its own copy (tests may change it)."""
    root = tmp_path_factory.mktemp("seeded") / "ws"
    import_sources(new_workspace(root), SOURCES_DIR)
    return root


@pytest.fixture
def seeded_ws(tmp_path: Path, _seeded_template: Path) -> Workspace:
    root = tmp_path / "seeded"
    shutil.copytree(_seeded_template, root)
    return Workspace.open(root)


def _runner() -> CliRunner:
    # click < 8.2 mixes stderr into stdout unless told not to; 8.2+ always keeps them apart.
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)
    return CliRunner()


@pytest.fixture
def run_cli() -> RunCli:
    """``run_cli("list", "--format", "json", env={...})`` -> ``(exit_code, stdout, stderr)``.

    An exception other than a clean exit is re-raised: a traceback is a bug in ``wgt``,
    never an acceptable way to fail.
    """

    def run(*args: str | Path, env: dict[str, str] | None = None, input: str | None = None) -> tuple[int, str, str]:
        result = _runner().invoke(cli, [str(a) for a in args], env=env, input=input, catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout, result.stderr

    return run


def tree_bytes(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` (folders as None, files with their bytes).

    The lock file is left out: it holds no data, and any command, a reader too, may create it.
    So is ``.git``: git's own store (a command may first commit an action a killed one left
    owed); that a refused command commits nothing is tested in test_repo_commits.py.
    """
    return {
        path.relative_to(root).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(root.rglob("*"))
        if path.name != ".wgt.lock" and path.relative_to(root).parts[0] != ".git"
    }


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, bytes | None]]:
    return tree_bytes
