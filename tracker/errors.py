"""The one exception type the tool raises for anything a person can fix.

The CLI turns a :class:`WgtError` into one line on stderr and exit status 1;
anything else escaping is a bug in ``wgt``.
"""

from __future__ import annotations


class WgtError(Exception):
    """A problem with the user's input or workspace, explained in one sentence."""


class XmlError(WgtError):
    """A draft file is not safe, well-formed or valid Akoma Ntoso."""


class ImportTextError(WgtError):
    """A plain-text document could not be placed into a structure."""


class WorkspaceError(WgtError):
    """The workspace is missing, inconsistent or asked for something it lacks."""
