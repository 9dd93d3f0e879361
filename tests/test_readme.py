"""The README can never drift from the tool: its first steps run, and every option it shows exists.

* the blocks marked ``<!-- tested -->`` run in order, as a newcomer types them, in an empty folder
  beside a copy of the clone's ``sources/``, each command exiting 0;
* every ``wgt …`` line of any code block names a real command, and each ``--option`` it shows is one
  of that command's (or of ``wgt`` itself); where it lists an option's choices (``--type a|b|c``) they
  are the CLI's choices.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tracker.cli import cli
from tracker.cli.main import register

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```(?:sh|bash)?\n(.*?)```", re.DOTALL)


def marked_blocks() -> list[str]:
    return re.findall(r"<!-- tested -->\n```sh\n(.*?)```", README, re.DOTALL)


def wgt_executable() -> str:
    beside = Path(sys.executable).parent / "wgt"
    found = str(beside) if beside.is_file() else shutil.which("wgt")
    if found is None:  # pragma: no cover - pip install -e . puts it there
        pytest.fail("the wgt command is not installed: run pip install -e .")
    return found


def test_the_first_steps_run_as_shown(tmp_path):
    blocks = marked_blocks()
    assert len(blocks) >= 3, "the README lost its first steps (the <!-- tested --> blocks)"
    shutil.copytree(REPO / "sources", tmp_path / "sources", ignore=shutil.ignore_patterns("demo-keys"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("WGT_")}
    env.update(WGT_KEYS_DIR=str(tmp_path / "keys"), WGT_CACHE_DIR=str(tmp_path / "cache"), WGT_DEBUG="1", LANG="C")
    script = 'set -euo pipefail\nwgt() { "$WGT_EXE" "$@"; }\n' + "\n".join(blocks)
    env["WGT_EXE"] = wgt_executable()
    run = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Error" not in run.stderr
    assert (tmp_path / "my-group" / "drafts" / "cajp-gt-tm-38-05" / "rev1.es.xml").is_file()
    assert "en ningún caso puede constituir" in (tmp_path / "my-group" / "rev1.es.html").read_text(encoding="utf-8")
    assert "translate MX-1" in run.stdout and "decide MX-1" in run.stdout


def _command_lines() -> list[str]:
    """Every ``wgt …`` command shown in a code block (a line may show two, joined by ``&&`` or `` / ``)."""
    lines = []
    for block in BLOCK.findall(README):
        for line in block.splitlines():
            line = re.sub(r"\s#\s.*$", "", line).strip()  # the comment beside a command
            if line.startswith("wgt "):
                lines += [part.strip() for part in re.split(r"\s&&\s|\s/\s(?=wgt )", line)]
    return lines


def _resolve(words: list[str]) -> tuple[click.Command, list[str]]:
    register()  # every command, not only those already named
    command: click.Command = cli
    path = ["wgt"]
    for word in words:
        if isinstance(command, click.Group) and word in command.commands:
            command = command.commands[word]
            path.append(word)
        else:
            break
    return command, path


def _options(command: click.Command) -> dict[str, click.Parameter]:
    ctx = click.Context(command)
    names = {}
    for param in [*command.get_params(ctx), *cli.get_params(click.Context(cli))]:
        for opt in [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]:
            names[opt] = param
    return names


CASES = _command_lines()


def test_the_readme_shows_commands():
    assert len(CASES) > 40


@pytest.mark.parametrize("line", CASES)
def test_every_option_the_readme_shows_exists(line):
    words = line.split()[1:]
    command, path = _resolve([w for w in words if not w.startswith("-")][:3])
    assert len(path) > 1 or words[0].startswith("-"), f"{line!r}: no such command"
    options = _options(command)
    for match in re.finditer(r"(?<![\w-])(--?[a-zA-Z][\w-]*)(?:[ =]((?:[a-z-]+\|)+[a-z-]+)\b)?", line):
        option, choices = match.group(1), match.group(2)
        assert option in options, f"{line!r}: {' '.join(path)} has no option {option}"
        param = options[option]
        if choices and isinstance(param.type, click.Choice):
            assert set(choices.split("|")) == set(param.type.choices), (
                f"{line!r}: {option} offers {sorted(param.type.choices)}"
            )
