"""Every command's one-line help reads as a whole sentence, in English and in Spanish."""

from __future__ import annotations

import click
import pytest

from tracker.cli import cli
from tracker.cli.helptext import summary
from tracker.i18n import translations


def _tree(command: click.Command, path: tuple[str, ...] = ("wgt",)):
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield (*path, name), sub
        yield from _tree(sub, (*path, name))


COMMANDS = list(_tree(cli))


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
