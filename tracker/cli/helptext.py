"""Each command's one-line help: its docstring's first paragraph, whole, in the person's language.

Click cuts a command's summary at its first period or at 45 characters
(``Issue rev.``, ``Record a delegation's proposal; prints its id (e.g.``) and
shows docstrings untranslated. Here the summary is the docstring's whole first
paragraph — written as one sentence — looked up in the catalogs when it is
shown, so ``wgt --help`` and ``wgt amend --help`` read in Spanish for a
Spanish-speaking person. :func:`extract` lets ``pybabel extract`` find those
summaries (see ``babel.cfg``); :func:`translate_help` gives every command of the
tree the behaviour, wherever it was defined.
"""

from __future__ import annotations

from collections.abc import Iterator

import click


def summary(command: click.Command) -> str:
    """The English summary of ``command``: its ``short_help``, else its docstring's first paragraph on one line."""
    import inspect  # here, not at the top: only help needs it, and it costs every command 20 ms

    if command.short_help:
        return command.short_help
    return " ".join(inspect.cleandoc(command.help or "").split("\n\n")[0].split())


class TranslatedHelp:
    """Mixed into each command's class: its summary whole and translated, its help's first paragraph too."""

    def get_short_help_str(self, limit: int = 45) -> str:
        from tracker.i18n import _

        english = summary(self)
        return _(english) if english else ""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        import inspect

        from tracker.i18n import _

        text = inspect.cleandoc(self.help or "")
        first, _sep, rest = text.partition("\n\n")
        if not first:
            return
        english = " ".join(first.split())
        translated = _(english)
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(translated)
            if rest:
                formatter.write_paragraph()
                formatter.write_text(rest)


_CLASSES: dict[type, type] = {}


def translate_help(command: click.Command) -> None:
    """Give ``command`` and every command under it :class:`TranslatedHelp` (each class subclassed once)."""
    kind = type(command)
    if not issubclass(kind, TranslatedHelp):
        if kind not in _CLASSES:
            _CLASSES[kind] = type(kind.__name__, (TranslatedHelp, kind), {"__doc__": kind.__doc__})
        command.__class__ = _CLASSES[kind]
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)


def extract(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extraction method for the CLI's modules: their messages (Babel's Python extractor), then the summary
    of every function a ``….command``/``….group`` decorator makes a command."""
    import ast
    import inspect

    from babel.messages.extract import extract_python

    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(_makes_command(d) for d in node.decorator_list):
            doc = ast.get_docstring(node)
            if doc:
                yield node.lineno, "", " ".join(doc.split("\n\n")[0].split()), []
        elif isinstance(node, ast.Call) and _makes_command(node):  # amend.command("accept", help="…")
            for keyword in node.keywords:
                if keyword.arg in ("help", "short_help") and isinstance(keyword.value, ast.Constant):
                    text = inspect.cleandoc(str(keyword.value.value)).split("\n\n")[0]
                    yield node.lineno, "", " ".join(text.split()), []


def _makes_command(decorator) -> bool:
    """Whether the decorator or call ``decorator`` (an ``ast`` node) makes a command or a group."""
    import ast

    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in ("command", "group")
