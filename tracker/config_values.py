"""Checks shared by the readers of ``wgt.toml``'s tables (``[body]``, ``[participants]``, ``[documents]`` …)."""

from __future__ import annotations

from pathlib import Path

from tracker.errors import WorkspaceError
from tracker.i18n import _


def config_table(value: object, name: str, path: Path) -> dict:
    """``value`` if it is a TOML table, else one error naming the file and the table."""
    if not isinstance(value, dict):
        raise WorkspaceError(
            _("{path}: {table} must be a table (name = value lines), not {found}").format(
                path=path, table=name, found=type(value).__name__
            )
        )
    return value
