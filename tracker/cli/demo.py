"""``wgt demo``: the main job on temporary copies of the bundled workspace, command by command.

Part 1 imports the seed texts into a fresh workspace and checks they give the
bundled drafts. Part 2 walks the negotiation story on a copy of the bundled
workspace: proposals in Spanish and English, translations, a collision, decisions,
rev. 1 in both languages, a withdrawal, and a proposal written against rev. 0
that still applies to rev. 1.
"""

from __future__ import annotations

import contextlib
import filecmp
import io
import os
import shlex
import shutil
import tempfile
from pathlib import Path

import click

from tracker.i18n import _

S = "CAJP/GT/TM-38/05"


def run_wgt(args: list[str], workspace: Path | None = None) -> str:
    """Print ``$ wgt ARGS``, run it in this process as a person would, echo and return its output."""
    from tracker.cli.main import cli

    shown = ["wgt", *args]
    click.secho("$ " + " ".join(shlex.quote(a) for a in shown), bold=True)
    prefix = ["--workspace", str(workspace)] if workspace else []
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            cli.main(args=prefix + args, prog_name="wgt", standalone_mode=False)
    except click.ClickException as exc:
        click.echo(out.getvalue(), nl=False)
        exc.show()
        raise click.ClickException(
            _("the demo stopped at: {command}").format(command="wgt " + " ".join(args))
        ) from None
    click.echo(out.getvalue())
    return out.getvalue().strip()


def expect_refusal(args: list[str], workspace: Path) -> None:
    """Run a command that must be refused, and show the refusal."""
    from tracker.cli.main import cli

    click.secho("$ wgt " + " ".join(shlex.quote(a) for a in args) + "    # " + _("must be refused"), bold=True)
    try:
        cli.main(args=["--workspace", str(workspace), *args], prog_name="wgt", standalone_mode=False)
    except click.ClickException as exc:
        click.echo(_("refused: {reason}").format(reason=exc.message) + "\n")
        return
    raise click.ClickException(_("{command} should have been refused").format(command="wgt " + " ".join(args)))


@click.command()
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to work (default: a new temporary folder).",
)
def demo(folder: Path | None) -> None:
    """Run the main job on the bundled workspace: import, negotiate, issue rev. 1 and rev. 2."""
    from tracker.sources import bundled_root, copy_workspace

    bundled = bundled_root()
    base = folder or Path(tempfile.mkdtemp(prefix="wgt-demo-"))
    base.mkdir(parents=True, exist_ok=True)
    click.echo(_("Working in {path}").format(path=base) + "\n")
    # The demo acts as every participant with the bundled public demo keys.
    keys = base / "keys"
    shutil.copytree(bundled / "sources" / "demo-keys", keys, dirs_exist_ok=True)
    os.environ["WGT_KEYS_DIR"] = str(keys)
    click.secho("== " + _("1. Import the real OAS texts") + " ==\n", fg="cyan", bold=True)
    _import_part(bundled, base)
    click.secho(
        "== " + _("2. Negotiate {symbol} to rev. 1 and rev. 2").format(symbol=S) + " ==\n", fg="cyan", bold=True
    )
    story = base / "story"
    copy_workspace(bundled, story)
    _story(story)
    click.echo(
        _("Done. Workspaces: {imported} (imported now) and {story} (the negotiation).").format(
            imported=base / "workspace", story=story
        )
    )


def _import_part(bundled: Path, base: Path) -> None:
    from tracker.sources import source_texts

    sources = base / "sources"
    shutil.copytree(bundled / "sources", sources, ignore=shutil.ignore_patterns("demo-keys"), dirs_exist_ok=True)
    ws = base / "workspace"
    run_wgt(["init", str(ws), "--body", "CAJP/GT/TM", "--languages", "en,es"])  # founded with SEC's key
    for text in source_texts(sources):
        run_wgt(text.import_args(), ws)
    run_wgt(["list"], ws)
    run_wgt(["show", "CAJP/GT/TM-41/05", "--lang", "es", "--ids"], ws)
    run_wgt(["validate"], ws)
    same = _same_tree(ws / "drafts", bundled / "drafts")
    click.echo(
        (
            _("The drafts imported now are byte-identical to the bundled workspace's.")
            if same
            else _(
                "Note: the drafts imported now differ from the bundled ones (scripts/build-workspace rebuilds them)."
            )
        )
        + "\n"
    )


def _story(ws: Path) -> None:
    run_wgt(["amend", "list", S], ws)  # the seeds' own positions, already on record
    mx = run_wgt(
        [
            "amend",
            "propose",
            S,
            "--by",
            "MX",
            "--unit",
            "op3",
            "--lang",
            "es",
            "--replace",
            "no puede constituir",
            "--with",
            "en ningún caso puede constituir",
            "--cosponsor",
            "GT",
            "--justification",
            "Reforzar la protección de los migrantes.",
        ],
        ws,
    )
    run_wgt(["amend", "cosponsor", mx, "--by", "GT"], ws)  # Guatemala signs its co-sponsorship itself
    us_delete = run_wgt(
        [
            "amend",
            "propose",
            S,
            "--by",
            "US",
            "--unit",
            "op3",
            "--lang",
            "en",
            "--delete",
            ", including those of a labor-related nature",
        ],
        ws,
    )
    us_new = run_wgt(
        [
            "amend",
            "propose",
            S,
            "--by",
            "US",
            "--lang",
            "en",
            "--new-unit",
            "--after",
            "op5",
            "--text",
            "To urge member states to ensure that migrants in detention are informed without delay of their right to consular assistance, in accordance with applicable international law.",
        ],
        ws,
    )
    us_statement = run_wgt(
        [
            "amend",
            "statement",
            S,
            "--by",
            "US",
            "--unit",
            "op3",
            "--lang",
            "en",
            "--text",
            "The United States joins consensus on this paragraph on the understanding that advisory opinions of the Inter-American Court are not binding.",
        ],
        ws,
    )
    gt = run_wgt(
        [
            "amend",
            "propose",
            S,
            "--by",
            "GT",
            "--unit",
            "op8",
            "--lang",
            "es",
            "--replace",
            "cuando así se les solicite",
            "--with",
            "en la medida de sus posibilidades",
        ],
        ws,
    )
    run_wgt(
        [
            "amend",
            "translate",
            mx,
            "--lang",
            "en",
            "--replace",
            "cannot constitute",
            "--with",
            "can in no case constitute",
        ],
        ws,
    )
    run_wgt(["amend", "translate", us_delete, "--lang", "es", "--delete", ", entre ellos los de carácter laboral"], ws)
    run_wgt(
        [
            "amend",
            "translate",
            us_new,
            "--lang",
            "es",
            "--text",
            "Instar a los Estados Miembros a que garanticen que los migrantes detenidos sean informados sin demora de su derecho a la asistencia consular, de conformidad con el derecho internacional aplicable.",
        ],
        ws,
    )
    run_wgt(
        [
            "amend",
            "translate",
            us_statement,
            "--lang",
            "es",
            "--text",
            "Los Estados Unidos se suman al consenso sobre este párrafo en el entendido de que las opiniones consultivas de la Corte Interamericana no son vinculantes.",
        ],
        ws,
    )
    ar = run_wgt(
        [
            "amend",
            "propose",
            S,
            "--by",
            "AR",
            "--unit",
            "op3",
            "--lang",
            "en",
            "--replace",
            "including those of a labor-related nature",
            "--with",
            "including labor rights",
        ],
        ws,
    )
    run_wgt(
        [
            "amend",
            "translate",
            ar,
            "--lang",
            "es",
            "--replace",
            "entre ellos los de carácter laboral",
            "--with",
            "incluidos los derechos laborales",
        ],
        ws,
    )
    run_wgt(["amend", "show", mx], ws)
    run_wgt(["amend", "show", us_delete], ws)
    run_wgt(["conflicts", S], ws)
    expect_refusal(["amend", "accept", mx, us_delete, ar], ws)
    run_wgt(["amend", "accept", mx, us_delete, us_new], ws)
    run_wgt(["amend", "reject", ar], ws)
    run_wgt(["mark", S, "op1", "agreed"], ws)
    run_wgt(["mark", S, "op2", "ad-ref"], ws)
    run_wgt(["rev", "issue", S, "--date", "2005-03-01"], ws)
    run_wgt(["show", S, "--ids"], ws)
    run_wgt(["show", S, "--lang", "es"], ws)
    click.secho("-- " + _("after rev. 1: a withdrawal, and a rev. 0 proposal that still applies") + " --\n", fg="cyan")
    late = run_wgt(["amend", "propose", S, "--by", "US", "--unit", "op13", "--lang", "en", "--delete", "Also "], ws)
    expect_refusal(["amend", "withdraw", late, "--by", "MX"], ws)
    run_wgt(["amend", "withdraw", late, "--by", "US"], ws)
    run_wgt(
        ["amend", "translate", gt, "--lang", "en", "--replace", "upon request", "--with", "to the extent possible"], ws
    )
    run_wgt(["amend", "accept", gt], ws)
    run_wgt(["rev", "issue", S, "--date", "2005-03-15"], ws)
    run_wgt(["amend", "list", S], ws)
    run_wgt(["validate"], ws)
    run_wgt(["verify"], ws)
    _documents(ws)


#: What the demo writes at the end: (command, format, extra arguments), in both languages.
DOCUMENTS = (
    ("render", "html", []),
    ("render", "docx", []),
    ("compare", "html", ["--from", "0", "--to", "2"]),
    ("compare", "docx", ["--from", "0", "--to", "2"]),
    ("compilation", "html", ["--date", "2005-03-18"]),
    ("annex", "html", []),
    ("report", "html", ["--date", "2005-03-18"]),
)


def _documents(ws: Path) -> list[Path]:
    """The five documents the group reads, in English and Spanish, written into ``ws/documents``."""
    click.secho("-- " + _("the documents the group reads, in English and Spanish") + " --\n", fg="cyan")
    folder = ws / "documents"
    folder.mkdir(exist_ok=True)
    written = []
    for lang in ("en", "es"):
        for command, fmt, extra in DOCUMENTS:
            path = folder / f"{command}.{lang}.{fmt}"
            run_wgt([command, S, *extra, "--lang", lang, "-o", str(path)], ws)
            written.append(path)
    click.echo(_("Documents written:"))
    for path in written:
        click.echo(f"  {path}")
    click.echo()
    return written


def _same_tree(left: Path, right: Path) -> bool:
    """Whether the draft files (the XML; manifests are signed for each group) of two trees are the same bytes."""
    drafts = sorted(p.relative_to(left) for p in left.rglob("*.xml"))
    if drafts != sorted(p.relative_to(right) for p in right.rglob("*.xml")):
        return False
    return all(filecmp.cmp(left / name, right / name, shallow=False) for name in drafts)


COMMANDS = [demo]
