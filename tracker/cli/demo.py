"""``wgt demo``: the main job on a temporary copy of the bundled workspace, command by command."""

from __future__ import annotations

import filecmp
import shlex
import shutil
import tempfile
from pathlib import Path

import click


def run_wgt(args: list[str]) -> None:
    """Print ``$ wgt ARGS`` and run it in this process, as a person would type it."""
    from tracker.cli.main import cli

    click.secho("$ wgt " + " ".join(shlex.quote(a) for a in args), bold=True)
    try:
        cli.main(args=args, prog_name="wgt", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        raise click.ClickException(f"the demo stopped at: wgt {' '.join(args)}") from None
    click.echo()


@click.command()
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to work (default: a new temporary folder).",
)
def demo(folder: Path | None) -> None:
    """Import, show and validate the bundled OAS documents in a temporary workspace."""
    from tracker.sources import bundled_root, source_texts

    bundled = bundled_root()
    base = folder or Path(tempfile.mkdtemp(prefix="wgt-demo-"))
    base.mkdir(parents=True, exist_ok=True)
    sources = base / "sources"
    shutil.copytree(bundled / "sources", sources, dirs_exist_ok=True)
    ws = base / "workspace"
    click.echo(f"Working in {base}\n")

    run_wgt(["init", str(ws), "--body", "CAJP/GT/TM", "--languages", "en,es"])
    for text in source_texts(sources):
        run_wgt(["--workspace", str(ws), *text.import_args()])
    run_wgt(["--workspace", str(ws), "list"])
    run_wgt(["--workspace", str(ws), "show", "CAJP/GT/TM-38/05", "--lang", "es", "--ids"])
    run_wgt(["--workspace", str(ws), "validate"])

    copy = base / "bundled"
    shutil.copytree(bundled, copy, ignore=shutil.ignore_patterns("sources", "__pycache__"), dirs_exist_ok=True)
    run_wgt(["--workspace", str(copy), "validate"])
    same = _same_tree(ws / "drafts", copy / "drafts")
    click.echo(
        "The drafts imported now are byte-identical to the bundled workspace's."
        if same
        else "Note: the drafts imported now differ from the bundled workspace's (rebuild it with scripts/build-workspace)."
    )
    click.echo(f"\nDone. Workspaces: {ws} (imported now) and {copy} (the bundled one).")


def _same_tree(left: Path, right: Path) -> bool:
    cmp = filecmp.dircmp(left, right)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, cmp.common_files, shallow=False)
    return not mismatch and not errors and all(_same_tree(left / d, right / d) for d in cmp.common_dirs)


COMMANDS = [demo]
