"""The ``wgt`` command: a thin click shell over the library.

Each command parses options, calls one library function and prints; errors
the user can fix (:class:`~tracker.errors.WgtError`) become one line on stderr
and exit status 1.
"""

from tracker.cli.main import cli, main

__all__ = ["cli", "main"]
