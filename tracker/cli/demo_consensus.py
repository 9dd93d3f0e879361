"""Part 3 of ``wgt demo``: the story of issue 17, from colliding proposals to a text adopted under silence.

After rev. 2 Argentina and the United States collide on op3; the chair's compromise supersedes
both and, revised and translated again, is accepted; op3 is agreed ad referendum pending Mexico,
which confirms; rev. 3 goes to silence and the United States breaks it on op5; rev. 4 meets its
concern and is adopted under silence; ``wgt check`` compares its English and Spanish. The steps
are functions of their own: the tests take the same story (``tests/test_consensus.py``).
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import click

from tracker.cli.demo import Narrator, S
from tracker.i18n import _

#: The two colliding proposals on op3 and the chair's compromise, each ``(English, Spanish)``: the
#: words of the paragraph they replace and what they put there.
RIGHTS = ("his or her human rights", "sus derechos humanos")
ARGENTINA = (
    "his or her human rights, including labor rights",
    "sus derechos humanos, incluidos los derechos laborales",
)
UNITED_STATES = (
    "his or her human rights under applicable international law",
    "sus derechos humanos conforme al derecho internacional aplicable",
)
COMPROMISE = (
    "his or her human rights, including labor rights, as recognized under applicable international law",
    "sus derechos humanos, incluidos los derechos laborales, reconocidos por el derecho internacional aplicable",
)
OBJECTION = (
    "The United States cannot join consensus on operative paragraph 5 as drafted: signature and ratification "
    "are sovereign decisions; we ask that it urge states to consider them."
)


def proposal(tell: Narrator, ws: Path, by: str, unit: str, old: tuple[str, str], new: tuple[str, str]) -> str:
    """``by`` proposes in English to replace ``old`` by ``new`` in ``unit``; the secretariat translates it."""
    made = tell.run(
        ["amend", "propose", S, "--by", by, "--unit", unit, "--lang", "en", "--replace", old[0], "--with", new[0]], ws
    )
    tell.run(["amend", "translate", made, "--lang", "es", "--replace", old[1], "--with", new[1]], ws)
    return made


def collision(tell: Narrator, ws: Path) -> tuple[str, str]:
    """Argentina's and the United States' proposals on the same words of op3."""
    ar = proposal(tell, ws, "AR", "op3", RIGHTS, ARGENTINA)
    us = proposal(tell, ws, "US", "op3", RIGHTS, UNITED_STATES)
    tell.run(["conflicts", S], ws)
    return ar, us


def compromise(tell: Narrator, ws: Path, ar: str, us: str) -> str:
    """The chair's compromise on op3 superseding ``ar`` and ``us``, and where its words come from."""
    text = unit_text(ws, "op3", "en").replace(RIGHTS[0], COMPROMISE[0])
    arguments = ["amend", "compromise", S, "--unit", "op3", "--supersedes", f"{ar},{us}", "--lang", "en"]
    chair = tell.run([*arguments, "--text", text, "--as", "CHAIR"], ws).split()[0]
    tell.run(["amend", "show", chair, "--origins", "--lang", "en"], ws)
    return chair


def translate_compromise(tell: Narrator, ws: Path, chair: str, words: str = "reconocidos por") -> None:
    """The secretariat's Spanish of the compromise (``words``: how it renders "as recognized …")."""
    text = unit_text(ws, "op3", "es").replace(RIGHTS[1], COMPROMISE[1].replace("reconocidos por", words))
    tell.run(["amend", "translate", chair, "--lang", "es", "--text", text], ws)


def consensus(tell: Narrator, ws: Path) -> None:
    """The whole of part 3 (its deadlines a few seconds ahead: the demo cannot wait a week)."""
    from tracker.amendments.consensus import group_zone

    ar, us = collision(tell, ws)
    chair = compromise(tell, ws, ar, us)
    translate_compromise(tell, ws, chair)
    tell.run(
        ["amend", "revise", chair, "--replace", "as recognized under", "--with", "as recognized in", "--as", "CHAIR"],
        ws,
    )
    tell.refuse(["amend", "accept", chair], ws)  # its Spanish was made before the revision
    translate_compromise(tell, ws, chair, "reconocidos en")
    tell.run(["amend", "accept", chair], ws)
    tell.run(["amend", "show", chair, "--origins"], ws)
    expected = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    tell.run(["mark", S, "op3", "ad-ref", "--pending", "MX", "--until", expected], ws)
    tell.refuse(["confirm", S, "op3", "--as", "US"], ws)  # the United States was not asked
    tell.run(["confirm", S, "op3", "--as", "MX"], ws)
    tell.run(["rev", "issue", S], ws)
    zone = group_zone(_workspace(ws))
    tell.run(["silence", "start", S, "--until", _soon(zone, 20), "--as", "CHAIR"], ws)
    tell.refuse(["silence", "close", S, "--as", "CHAIR"], ws)  # before its deadline, with no break
    tell.run(["silence", "break", S, "--unit", "op5", "--as", "US", "--text", OBJECTION], ws)
    tell.run(["silence", "close", S, "--as", "CHAIR"], ws)
    urge = ("To urge member states to consider", "Instar a los Estados Miembros a que consideren")
    invite = ("To invite member states to consider", "Invitar a los Estados Miembros a que consideren")
    tell.run(["amend", "accept", proposal(tell, ws, "US", "op5", urge, invite)], ws)
    tell.run(["rev", "issue", S], ws)
    deadline = _soon(zone, 10)  # room for a loaded machine: the chair sets it before start and check run
    tell.run(["silence", "start", S, "--until", deadline, "--as", "CHAIR"], ws)
    tell.run(["check", S], ws)  # the English and Spanish of rev. 4 compared: it lists what differs
    _wait_until(dt.datetime.strptime(deadline, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone))
    tell.run(["silence", "close", S, "--as", "CHAIR"], ws)


def _workspace(root: Path):
    from tracker.workspace import Workspace

    return Workspace.find(root)


def unit_text(root: Path, unit: str, lang: str) -> str:
    """``unit``'s text in the latest revision, in ``lang``."""
    from tracker.documents import load_draft

    return load_draft(_workspace(root), S, None, lang).unit(unit).text


def _soon(zone, seconds: int) -> str:
    """A deadline ``seconds`` from now, as the chair writes it in the group's time zone (to the second)."""
    return (dt.datetime.now(zone) + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")


def _wait_until(moment: dt.datetime) -> None:
    # Two seconds past it: wgt's clock counts whole seconds, and the close must come after the deadline.
    left = (moment - dt.datetime.now(moment.tzinfo)).total_seconds() + 2
    if left > 0:
        click.echo("  " + _("(waiting {seconds} s for the deadline)").format(seconds=int(left + 0.5)))
        time.sleep(left)
