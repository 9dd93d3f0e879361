"""Every command's one-line help reads as a whole sentence, in English and in Spanish."""

from __future__ import annotations

import importlib

import click
import pytest

from tracker.cli import cli
from tracker.cli.helptext import summary
from tracker.cli.main import COMMAND_MODULES, register
from tracker.i18n import translations


def _tree(command: click.Command, path: tuple[str, ...] = ("wgt",)):
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield (*path, name), sub
        yield from _tree(sub, (*path, name))


register()  # commands load as they are named; the walk wants them all
COMMANDS = list(_tree(cli))


def test_each_command_is_found_in_the_module_that_defines_it():
    defined = {}
    for module_name in set(COMMAND_MODULES.values()):
        for command in importlib.import_module(f"tracker.cli.{module_name}").COMMANDS:
            defined[command.name] = module_name
    assert defined == COMMAND_MODULES


def test_a_command_line_imports_only_its_commands_module():
    import subprocess
    import sys

    code = (
        "import sys; from tracker.cli import cli; from click import Context; "
        "cli.get_command(Context(cli), 'show'); "
        "print(sorted(m for m in sys.modules if m.startswith('tracker.cli.')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "tracker.cli.documents" in loaded and "tracker.cli.amend" not in loaded and "tracker.cli.demo" not in loaded


def test_the_tree_is_walked():
    assert len(COMMANDS) > 30 and ("wgt", "rev", "issue") in [p for p, _c in COMMANDS]


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _c in COMMANDS])
def test_summary_is_one_whole_sentence_and_translated(path, command):
    english = summary(command)
    assert english and english[0].isupper() and english.endswith("."), f"{' '.join(path)}: {english!r}"
    assert "..." not in english and "…" not in english and len(english) <= 100
    assert command.get_short_help_str() == english  # shown whole: never cut at a period or 45 characters
    spanish = translations("es").gettext(english)
    assert spanish != english, f"{' '.join(path)}: no Spanish for {english!r}"


def test_group_listings_show_whole_summaries_in_the_persons_language(run_cli):
    code, out, _err = run_cli("rev", "--help")
    assert code == 0 and "Issue rev. N+1 in every language with the accepted amendments" in out
    code, out, _err = run_cli("amend", "--help", env={"WGT_UI_LANG": "es"})
    assert code == 0
    assert "Registrar la propuesta de una delegación; indica su identificador (p. ej. MX-3)." in " ".join(out.split())
    code, out, _err = run_cli("keys", "register", "--help", env={"WGT_UI_LANG": "es"})
    assert "Crear la clave de este participante si este equipo no la tiene" in " ".join(out.split())
