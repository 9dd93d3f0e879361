"""The workspaces the file and disk tests start from: ready to issue, interrupted while issuing, and a sent proposal.

* ``ready`` — the bundled workspace with two accepted, translated proposals (MX on op4,
  US on op11) and the chair's mark on op1: rev. 1 can be issued;
* ``crashed`` — the same, with the journal of a ``rev issue`` killed after its first rename;
* ``envelope`` — a signed proposal (GT-1) exported from another copy of the same group.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tracker.amendments.exchange import export_amendment
from tracker.amendments.operations import Operation
from tracker.amendments.proposals import decide, mark, propose, translate
from tracker.sources import copy_workspace
from tracker.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
S = "CAJP/GT/TM-38/05"
WGT = [sys.executable, "-c", "from tracker.cli import cli; cli()"]


def make_ready(base: Path) -> tuple[Path, Path, Path]:
    """``(ready, crashed, envelope)`` under ``base``."""
    ws = Workspace.open(copy_workspace(REPO, base / "ready"))
    a = propose(ws, S, "MX", unit="op4", lang="es", operation=Operation("replace", old="Fomentar", new="Promover"))
    translate(ws, a.id, "en", operation=Operation("replace", old="To encourage", new="To promote"))
    b = propose(ws, S, "US", unit="op11", lang="en", operation=Operation("delete", old="permanent observer states, "))
    translate(ws, b.id, "es", operation=Operation("delete", old="los Estados observadores permanentes, "))
    decide(ws, [a.id, b.id], "accepted", "CHAIR")
    mark(ws, S, "op1", "agreed", "CHAIR")
    sender = Workspace.open(copy_workspace(ws.root, base / "sender"))
    sent = propose(sender, S, "GT", unit="op2", lang="es", operation=Operation("text", new="Un texto nuevo."))
    envelope = base / "GT-1.wgt.json"
    export_amendment(sender, sent.id, envelope)
    crashed = base / "crashed"
    shutil.copytree(ws.root, crashed)
    result = subprocess.run(
        [*WGT, "--workspace", str(crashed), "rev", "issue", S, "--date", "2005-03-01"],
        capture_output=True,
        text=True,
        env={**os.environ, "WGT_CRASH_AFTER_RENAMES": "1"},
    )
    assert result.returncode < 0 and (crashed / ".wgt-journal.json").is_file(), result.stderr
    return ws.root, crashed, envelope
