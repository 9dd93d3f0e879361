"""The command group, the shared context and the error boundary."""

from __future__ import annotations

import click

from tracker.errors import WgtError


class WgtGroup(click.Group):
    """A group that turns library errors into click's one-line errors (exit 1)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WgtError as exc:
            raise click.ClickException(str(exc)) from None


class State:
    """What every command may need; the workspace is found only when asked for."""

    def __init__(self, workspace: str | None) -> None:
        self._workspace_option = workspace
        self._workspace = None

    @property
    def ws(self):
        from tracker.workspace import Workspace

        if self._workspace is None:
            self._workspace = Workspace.find(self._workspace_option)
        return self._workspace


pass_state = click.make_pass_decorator(State)


@click.group(cls=WgtGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--workspace",
    "-C",
    metavar="DIR",
    envvar="WGT_WORKSPACE",
    help="Workspace folder (default: the nearest folder upwards holding wgt.toml).",
)
@click.option(
    "--lang",
    "ui_lang",
    metavar="LANG",
    help="Language of wgt's own messages (en, es …; default: WGT_UI_LANG, then LANG). "
    "A command's own --lang names the document's language.",
)
@click.version_option(package_name="wgt")
@click.pass_context
def cli(ctx: click.Context, workspace: str | None, ui_lang: str | None) -> None:
    """wgt — the working-group tracker: bilingual Akoma Ntoso drafts negotiated to consensus."""
    if ui_lang:
        import os

        os.environ["WGT_UI_LANG"] = ui_lang  # read by tracker.i18n.ui_language()
    ctx.obj = State(workspace)


def register() -> None:
    from tracker.cli import amend, demo, documents, papers, render, trust

    for module in (documents, amend, render, papers, trust, demo):
        for command in module.COMMANDS:
            cli.add_command(command)


register()
