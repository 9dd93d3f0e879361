"""The command group, the shared context and the error boundary."""

from __future__ import annotations

import click

from tracker.errors import WgtError


def main() -> None:
    """The ``wgt`` program: :data:`cli` in a process of its own (tests call :data:`cli` in theirs)."""
    spare_the_collector()
    cli()


def spare_the_collector() -> None:
    """Make the cyclic garbage collector run less often in a command's one short process.

    A command builds tens of thousands of objects (records, units, runs) that live
    until it exits and form no cycles; the collector scanned them again and again:
    10–25 % of ``wgt conflicts`` and ``wgt compare`` at 10,000–40,000 units. What is
    imported is frozen out of its scans, and a collection waits for 50,000 new
    objects instead of 700. Nothing is kept longer that reference counting frees.
    Only for a process of its own: a test runner calling :data:`cli` a thousand
    times would keep what each call froze.
    """
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


class WgtGroup(click.Group):
    """A group that turns library errors into click's one-line errors (exit 1).

    Errors of the disk (full, read-only, a file replaced by a folder) that reach
    this far become one line too, naming the file; every message is shown with
    its control characters escaped, since it may quote a file another party wrote.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMAND_MODULES) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, its module imported on first use (see :data:`COMMAND_MODULES`)."""
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            load_commands(COMMAND_MODULES[cmd_name])
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        if args and args[0] not in COMMAND_MODULES:
            register()  # a mistyped name: click suggests the closest of all the commands
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WgtError as exc:
            raise click.ClickException(printable(str(exc))) from None
        except BrokenPipeError:
            _reader_went_away()
        except OSError as exc:
            raise click.ClickException(printable(_disk_problem(exc))) from None
        except click.ClickException as exc:
            exc.message = printable(exc.message)
            raise
        except (click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            # A bug in wgt. The person gets one line that says so (status 70, as sysexits' EX_SOFTWARE),
            # not a traceback; WGT_DEBUG=1 (the tests set it) lets the traceback through.
            import os

            if os.environ.get(DEBUG_VARIABLE):
                raise
            raise InternalError(exc) from None


#: Set to let an internal error's traceback through (for a bug report; the tests set it).
DEBUG_VARIABLE = "WGT_DEBUG"


class InternalError(click.ClickException):
    """What a person sees of a bug in wgt: what failed, and what to do (exit status 70)."""

    exit_code = 70

    def __init__(self, exc: Exception) -> None:
        from tracker.i18n import _

        super().__init__(
            printable(
                _(
                    "internal error ({kind}: {reason}): this is a bug in wgt, not in your files; "
                    "please report it with the command you ran (WGT_DEBUG=1 shows where it failed)"
                ).format(kind=type(exc).__name__, reason=str(exc)[:200])
            )
        )


def _reader_went_away() -> None:
    """``wgt log | head``: the reader closed the pipe. Stop quietly, as ``git log`` does (status 141)."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # what is still buffered goes nowhere, not to a traceback
    except (OSError, ValueError):
        pass
    raise SystemExit(141)


def _disk_problem(exc: OSError) -> str:
    import errno

    from tracker.i18n import _

    where = exc.filename or _("a file")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("cannot write {path}: the disk is full; free some space and run the command again").format(path=where)
    if exc.errno == errno.EROFS:
        return _("cannot write {path}: the file system is read-only").format(path=where)
    return _("{path}: {reason}").format(path=where, reason=exc.strerror or exc)


def printable(text: str) -> str:
    """``text`` on one line, its control, format and invisible characters shown as escapes (``\\x1b``, ``\\n``)."""
    from tracker.akn.text import forbidden_character

    out, rest = [], text
    while (found := forbidden_character(rest, allow="")) is not None:
        index = found[0]
        out.append(rest[:index] + rest[index].encode("unicode_escape").decode("ascii"))
        rest = rest[index + 1 :]
    return "".join(out) + rest


class State:
    """What every command may need; the workspace is found only when asked for."""

    def __init__(self, workspace: str | None) -> None:
        self._workspace_option = workspace
        self._workspace = None

    @property
    def ws(self):
        """The workspace, found on first use and held under a shared lock until the command ends.

        Readers then see one consistent state of it, never half of another command's action.
        """
        from tracker.lock import shared_lock
        from tracker.workspace import Workspace

        if self._workspace is None:
            workspace = Workspace.find(self._workspace_option)
            context = click.get_current_context(silent=True)
            if context is not None:
                context.find_root().with_resource(shared_lock(workspace.root))
            self._workspace = workspace
        return self._workspace

    @property
    def ws_unlocked(self):
        """The workspace without the command-long shared lock, for a command that takes its own locks.

        ``rev issue`` prepares a revision for tens of seconds without any lock and takes the
        exclusive one only to check and write (:mod:`tracker.trust.prepared`): held shared for
        the whole command, the lock would make every write meanwhile wait for all of it.
        """
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


#: The module of ``tracker.cli`` defining each top-level command. Only the module of the command a
#: command line names is imported: the others' options and their imports cost every command some
#: 80 ms of start-up otherwise. tests/test_command_help.py checks it against every module's COMMANDS.
COMMAND_MODULES = {
    **dict.fromkeys(("init", "import", "list", "show", "validate"), "documents"),
    "status": "status",
    "check": "check",
    **dict.fromkeys(("conflicts", "mark", "rev"), "amend"),
    **dict.fromkeys(("amend", "confirm", "silence"), "consensus"),
    "render": "render",
    **dict.fromkeys(("compare", "compilation", "annex", "report"), "papers"),
    **dict.fromkeys(("keys", "roles", "verify", "log"), "trust"),
    **dict.fromkeys(("sync", "join", "bundle"), "sync"),
    "publish": "publish",
    "demo": "demo",
}


def load_commands(module_name: str) -> None:
    """Add the commands of ``tracker.cli.<module_name>`` to :func:`cli`, their help translated."""
    import importlib

    from tracker.cli.helptext import translate_help

    module = importlib.import_module(f"tracker.cli.{module_name}")
    for command in module.COMMANDS:
        translate_help(command)
        cli.add_command(command)


def register() -> None:
    """Load every command at once (for what walks the whole tree: the README's check, help extraction)."""
    for module_name in dict.fromkeys(COMMAND_MODULES.values()):
        load_commands(module_name)


def _translate_own_help() -> None:
    from tracker.cli.helptext import translate_help

    translate_help(cli)  # the group's own help; each command's is given as its module loads


_translate_own_help()
