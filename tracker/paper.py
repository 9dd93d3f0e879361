"""The paper PDFs are laid out on: ``--paper``, else ``[pdf] paper`` in ``wgt.toml``, else US Letter.

US Letter is the default because the OAS General Secretariat's own template is
on Letter, and so is every DOCX wgt writes; a group whose members print on A4
says so once::

    [pdf]
    paper = "a4"

HTML has no paper of its own (the same page prints on either), so the setting
is for PDF only.
"""

from __future__ import annotations

from pathlib import Path

from tracker.errors import WorkspaceError
from tracker.i18n import _

#: The papers a PDF may be laid out on.
PAPERS = ("letter", "a4")
DEFAULT_PAPER = "letter"


def parse_pdf_table(value: object, path: Path) -> str:
    """The paper the ``[pdf]`` table of ``wgt.toml`` at ``path`` names (the default when there is none)."""
    if value is None:
        return DEFAULT_PAPER
    if not isinstance(value, dict):
        raise WorkspaceError(
            _("{path}: {table} must be a table (name = value lines), not {found}").format(
                path=path, table="[pdf]", found=type(value).__name__
            )
        )
    for key in value:
        if key != "paper":
            raise WorkspaceError(_("{path}: [pdf] has no key {key!r}; use paper").format(path=path, key=key))
    paper = value.get("paper", DEFAULT_PAPER)
    if paper not in PAPERS:
        shown = repr(paper[:20]) if isinstance(paper, str) else type(paper).__name__
        raise WorkspaceError(
            _("{path}: [pdf] paper must be one of {papers}, not {value}").format(
                path=path, papers=", ".join(PAPERS), value=shown
            )
        )
    return paper


def pdf_table(paper: str, quote) -> list[str]:
    """The ``[pdf]`` table as ``wgt.toml`` lines; none for the default paper."""
    if paper == DEFAULT_PAPER:
        return []
    return ["[pdf]", f"paper = {quote(paper)}", ""]
