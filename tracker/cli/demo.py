"""``wgt demo``: the main job on temporary copies of the bundled workspace, command by command.

Part 1 imports the seed texts into a fresh workspace and checks they give the
bundled drafts. Part 2 walks the negotiation story on a copy of the bundled
workspace: proposals in Spanish and English, translations, a collision, decisions,
rev. 1 in both languages, a withdrawal, and a proposal written against rev. 0
that still applies to rev. 1. Part 3 takes it to consensus: a compromise that
supersedes two colliding proposals, a paragraph agreed ad referendum and confirmed,
a silence procedure broken and a later revision adopted under silence, and the
English and Spanish checked against each other. Part 4 writes the documents the
group reads and publishes the workspace as a site.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import filecmp
import io
import os
import shlex
import shutil
from pathlib import Path

import click

from tracker.i18n import _, ngettext

S = "CAJP/GT/TM-38/05"


#: A file in the demo's folder saying a demo made it, so a second run may clear it (and only then).
MARKER = ".wgt-demo"
#: The longest one-line result the demo prints for a command (the rest: --verbose).
RESULT_WIDTH = 100


class Narrator:
    """Runs ``wgt`` commands in this process as a person would, and tells the story of each.

    By default each command is printed with its one-line result (the first line of what it printed,
    and how many lines more); ``verbose`` prints everything the command printed.
    """

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose

    def run(self, args: list[str], workspace: Path | None = None, *, quiet: bool = False) -> str:
        """Print ``$ wgt ARGS``, run it, show its result (not when ``quiet``, unless verbose) and return its output."""
        from tracker.cli.main import cli

        click.secho("$ " + " ".join(shlex.quote(a) for a in ["wgt", *args]), bold=True)
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
        if self.verbose or not quiet:
            self._result(out.getvalue())
        return out.getvalue().strip()

    def refuse(self, args: list[str], workspace: Path) -> None:
        """Run a command that must be refused, and show the refusal."""
        from tracker.cli.main import cli

        click.secho("$ wgt " + " ".join(shlex.quote(a) for a in args) + "    # " + _("must be refused"), bold=True)
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                cli.main(args=["--workspace", str(workspace), *args], prog_name="wgt", standalone_mode=False)
        except click.ClickException as exc:
            click.echo("  " + _("refused: {reason}").format(reason=exc.message) + ("\n" if self.verbose else ""))
            return
        raise click.ClickException(_("{command} should have been refused").format(command="wgt " + " ".join(args)))

    def part(self, title: str) -> None:
        click.secho(("\n" if self.verbose else "") + "== " + title + " ==", fg="cyan", bold=True)

    def _result(self, output: str) -> None:
        if self.verbose:
            click.echo(output)
            return
        lines = [line for line in output.splitlines() if line.strip()]
        if not lines:
            return
        first = " ".join(lines[0].split())
        if len(first) > RESULT_WIDTH:
            first = first[: RESULT_WIDTH - 1] + "…"
        more = len(lines) - 1
        tail = " " + ngettext("(and {n} more line)", "(and {n} more lines)", more).format(n=more) if more else ""
        click.echo(f"  {first}{tail}")


def _prepare(out: Path) -> None:
    """Make ``out`` the demo's folder: new, empty, or one a previous demo made (cleared then)."""
    if out.exists() and not out.is_dir():
        raise click.ClickException(_("{path} is a file; choose another --out").format(path=out))
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).is_file() or out.is_symlink():
            raise click.ClickException(
                _("{path} is not empty and no demo made it; choose another --out").format(path=out)
            )
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("made by wgt demo; a new run clears this folder\n", encoding="utf-8")


@click.command()
@click.option(
    "--out",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("wgt-demo"),
    show_default=True,
    help="Where to work and write the documents (a folder a previous demo made is cleared first).",
)
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), hidden=True)
@click.option("--verbose", "-v", is_flag=True, help="Print everything each command prints (whole documents).")
def demo(folder: Path, verbose: bool) -> None:
    """Run the main job on the bundled workspace: import, negotiate to rev. 4, adopted under silence."""
    from tracker.sources import bundled_root, copy_workspace
    from tracker.trust import witness

    bundled = bundled_root()
    base = folder.absolute()
    try:
        _prepare(base)
    except OSError as exc:
        raise click.ClickException(
            _("cannot work in {path}: {reason}").format(path=base, reason=exc.strerror or exc)
        ) from None
    click.echo(_("Working in {path}").format(path=base))
    tell = Narrator(verbose)
    # The demo acts as every participant with the bundled public demo keys.
    keys = base / "keys"
    shutil.copytree(bundled / "sources" / "demo-keys", keys, dirs_exist_ok=True)
    os.environ["WGT_KEYS_DIR"] = str(keys)
    tell.part(_("1. Import the real OAS texts"))
    _import_part(tell, bundled, base)
    tell.part(_("2. Negotiate {symbol} to rev. 1 and rev. 2").format(symbol=S))
    story = base / "story"
    copy_workspace(bundled, story)
    witness.forget(story)  # a new copy: what this machine saw of an earlier demo's story is no rollback
    _story(tell, story)
    tell.part(_("3. From proposals to consensus: a compromise, ad referendum, silence"))
    from tracker.cli.demo_consensus import consensus

    consensus(tell, story)
    written = _documents(tell, story, base / "documents", dt.date.today().isoformat())
    written.append(_publish(tell, story, base / "site", dt.date.today().isoformat(), reopen="op8"))
    click.echo()
    click.secho(_("Done. Open these documents:"), bold=True)
    for path in written:
        click.echo(f"  {path}")
    click.echo(
        _("Workspaces: {imported} (imported now) and {story} (the negotiation); try: cd {story} && wgt status").format(
            imported=base / "workspace", story=story
        )
    )


def _import_part(tell: Narrator, bundled: Path, base: Path) -> None:
    from tracker.sources import source_texts

    sources = base / "sources"
    shutil.copytree(bundled / "sources", sources, ignore=shutil.ignore_patterns("demo-keys"), dirs_exist_ok=True)
    ws = base / "workspace"
    tell.run(["init", str(ws), "--body", "CAJP/GT/TM", "--languages", "en,es"])  # founded with SEC's key
    for text in source_texts(sources):
        tell.run(text.import_args(), ws)
    tell.run(["list"], ws)
    tell.run(["show", "CAJP/GT/TM-41/05", "--lang", "es", "--ids"], ws)
    tell.run(["validate"], ws)
    same = _same_tree(ws / "drafts", bundled / "drafts")
    click.echo(
        _("The drafts imported now are byte-identical to the bundled workspace's.")
        if same
        else _("Note: the drafts imported now differ from the bundled ones (scripts/build-workspace rebuilds them).")
    )


def _story(tell: Narrator, ws: Path) -> None:
    tell.run(["amend", "list", S], ws)  # the seeds' own positions, already on record
    mx = tell.run(
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
    tell.run(["amend", "cosponsor", mx, "--by", "GT"], ws)  # Guatemala signs its co-sponsorship itself
    us_delete = tell.run(
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
    us_new = tell.run(
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
    us_statement = tell.run(
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
    gt = tell.run(
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
    tell.run(
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
    tell.run(["amend", "translate", us_delete, "--lang", "es", "--delete", ", entre ellos los de carácter laboral"], ws)
    tell.run(
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
    tell.run(
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
    ar = tell.run(
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
    tell.run(
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
    tell.run(["amend", "show", mx], ws)
    tell.run(["amend", "show", us_delete], ws)
    tell.run(["conflicts", S], ws)
    tell.refuse(["amend", "accept", mx, us_delete, ar], ws)
    tell.run(["amend", "accept", mx, us_delete, us_new], ws)
    tell.run(["amend", "reject", ar], ws)
    tell.run(["mark", S, "op1", "agreed"], ws)
    tell.run(["mark", S, "op2", "ad-ref"], ws)
    tell.run(["rev", "issue", S, "--date", "2005-03-01"], ws)
    tell.run(["show", S, "--ids"], ws)
    tell.run(["show", S, "--lang", "es"], ws)
    tell.part(_("after rev. 1: a withdrawal, and a rev. 0 proposal that still applies"))
    late = tell.run(["amend", "propose", S, "--by", "US", "--unit", "op13", "--lang", "en", "--delete", "Also "], ws)
    tell.refuse(["amend", "withdraw", late, "--by", "MX"], ws)
    tell.run(["amend", "withdraw", late, "--by", "US"], ws)
    tell.run(
        ["amend", "translate", gt, "--lang", "en", "--replace", "upon request", "--with", "to the extent possible"], ws
    )
    tell.run(["amend", "accept", gt], ws)
    tell.run(["rev", "issue", S, "--date", "2005-03-15"], ws)
    tell.run(["amend", "list", S], ws)
    tell.run(["validate"], ws)
    tell.run(["verify"], ws)


#: What the demo writes at the end: (command, format, extra arguments), in both languages.
DOCUMENTS = (
    ("render", "html", []),
    ("render", "docx", []),
    ("render", "pdf", []),
    ("compare", "html", ["--from", "0", "--to", "2"]),
    ("compare", "docx", ["--from", "0", "--to", "2"]),
    ("compilation", "html", ["--date", "2005-03-18"]),
    ("annex", "html", []),
    ("report", "html", ["--date", "2005-03-18"]),
)


def _documents(tell: Narrator, ws: Path, folder: Path, date: str = "2005-03-18") -> list[Path]:
    """The five documents the group reads, in English and Spanish, written into ``folder`` (dated ``date``)."""
    tell.part(_("4. The documents the group reads, in English and Spanish"))
    folder.mkdir(exist_ok=True)
    written = []
    for lang in ("en", "es"):
        for command, fmt, extra in DOCUMENTS:
            extra = [date if value == "2005-03-18" else value for value in extra]
            path = folder / f"{command}.{lang}.{fmt}"
            tell.run([command, S, *extra, "--lang", lang, "-o", str(path)], ws, quiet=True)  # listed at the end
            written.append(path)
    return written


def _publish(tell: Narrator, ws: Path, site: Path, date: str = "2005-03-18", reopen: str = "op3") -> Path:
    """After the documents: the chair puts ``reopen`` back in brackets, and the workspace is published as a site.

    After rev. 2 that is op3 (Argentina's concern stands); after the consensus part, op3 is agreed and
    confirmed, and it is op8, on which Guatemala's proposal is still before the group.
    """
    tell.run(["mark", S, reopen, "open"], ws)
    tell.run(["publish", str(site), "--date", date], ws)
    return site / "index.html"


def _same_tree(left: Path, right: Path) -> bool:
    """Whether the draft files (the XML; manifests are signed for each group) of two trees are the same bytes."""
    drafts = sorted(p.relative_to(left) for p in left.rglob("*.xml"))
    if drafts != sorted(p.relative_to(right) for p in right.rglob("*.xml")):
        return False
    return all(filecmp.cmp(left / name, right / name, shallow=False) for name in drafts)


COMMANDS = [demo]
