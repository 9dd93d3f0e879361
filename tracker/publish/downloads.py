"""The downloads of every revision: PDF, DOCX and the Akoma Ntoso XML, in every language.

An issued revision never changes, so each download is drawn once and kept by every
later build (its key is the revision's signed manifest). The first build of a long
document spends most of its time here (a PDF of 10,000 paragraphs takes minutes),
so the PDFs and Word files still to draw are drawn in parallel, one process per core,
each reading the revision through the library as ``wgt render`` does.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import WgtError
from tracker.i18n import _
from tracker.publish.writer import SiteWriter

#: The formats of the downloads of every revision, in the order the pages list them.
DOWNLOADS = (("pdf", "PDF"), ("docx", "DOCX"), ("xml", "Akoma Ntoso XML"))


@dataclass(frozen=True)
class Download:
    """One file to offer: where it goes in the site, the key of what it is made of, and what to draw."""

    path: str
    key: str
    root: str
    symbol: str
    rev: int
    lang: str
    fmt: str


def draw_download(item: Download) -> bytes:
    """The file ``item`` names, drawn from the workspace (in this process or a worker)."""
    from tracker.documents import checked_bytes, load_draft
    from tracker.render import render_layout
    from tracker.render.issued import issued_layout
    from tracker.symbols import parse_symbol
    from tracker.workspace import Workspace

    ws = Workspace.open(Path(item.root))
    if item.fmt == "xml":
        return checked_bytes(ws, parse_symbol(item.symbol).slug, item.rev, item.lang)
    draft = load_draft(ws, item.symbol, item.rev, item.lang)
    return render_layout(issued_layout(ws, draft), item.fmt)


def write_downloads(writer: SiteWriter, items: list[Download]) -> None:
    """Keep the downloads already built, and draw the others, the slow ones in parallel."""
    todo = [item for item in items if writer.wanted(item.path, item.key)]
    slow = [item for item in todo if item.fmt != "xml"]
    workers = min(len(slow), os.cpu_count() or 1)
    results: dict[str, object] = {}
    if workers > 1:
        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = {item.path: pool.submit(draw_download, item) for item in slow}
                for path, future in futures.items():
                    results[path] = future.result()
        except BrokenProcessPool:
            raise WgtError(
                _("a process drawing the site's downloads stopped (out of memory?); publish again")
            ) from None
    for item in items:
        drawn = results.get(item.path)
        writer.page(
            item.path,
            item.key,
            (lambda drawn=drawn: drawn) if drawn is not None else (lambda item=item: draw_download(item)),
        )
