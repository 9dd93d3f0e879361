"""A richer negotiation than the demo's, for the compilation, the annex and the report.

On a copy of the story workspace (rev. 0 to rev. 2 of CAJP/GT/TM-38/05), four more
delegations join (Brazil, Canada, Chile, Colombia: eight in all) and, as a person types
them (ids follow):

* Mexico proposes on op4 in Spanish with Guatemala and Argentina as co-sponsors and a
  Spanish justification (MX-4), translated; the United States proposes on the same words
  in English only, with an English justification (US-6: a collision, and untranslated);
* Argentina proposes to delete op10 (AR-2); the United States a new paragraph after op7
  (US-7, translated); Guatemala changes op4 (GT-2, accepted, then incorporated in rev. 3);
  Mexico proposes on op4 words GT-2 then changes (MX-5: stale);
* Brazil (BR-1, op13, accepted after rev. 3), Canada (CA-1, op14, rejected), Chile with
  Colombia as co-sponsor (CL-1, op15, withdrawn), Colombia (CO-1, item V of the appendix,
  pending) and a statement by Colombia on op6 (CO-2, not yet incorporated);
* the chair marks op1 and op3 agreed, op2 agreed ad referendum, op8 agreed but its
  sub-paragraph b still open, and the first preambular paragraph agreed ad referendum.

Rev. 3 is issued on 2005-04-01: four revisions in all.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from amend_helpers import ok
from story_helpers import SYMBOL, copy_of, story

from tracker.trust.governance import enroll
from tracker.workspace import Workspace

NEW_OP8 = "To call upon member states to share good practices on the consular protection of migrants."
#: The delegations that take part, besides those of the bundled workspace.
JOINING = ("BR", "CA", "CL", "CO")

STEPS = (
    "amend propose {S} --by MX --unit op4 --lang es --replace 'una protección adecuada' --with 'una protección efectiva'"
    " --cosponsor GT --cosponsor AR --justification 'La protección debe ser efectiva.'",
    "amend cosponsor MX-4 --by GT",
    "amend cosponsor MX-4 --by AR",
    "amend translate MX-4 --lang en --replace 'adequate protection' --with 'effective protection'",
    "amend propose {S} --by US --unit op4 --lang en --replace adequate --with appropriate"
    " --justification 'Appropriate is the term of the Convention.'",
    "amend propose {S} --by AR --unit op10 --delete-unit",
    f"amend propose {{S}} --by US --lang en --new-unit --after op7 --text '{NEW_OP8}'",
    "amend translate US-7 --lang es --text 'Exhortar a los Estados Miembros a que compartan buenas prácticas de"
    " protección consular de los migrantes.'",
    "amend propose {S} --by GT --unit op4 --lang es --replace 'plena protección' --with 'protección integral'",
    "amend translate GT-2 --lang en --replace 'full protection' --with 'comprehensive protection'",
    "amend propose {S} --by MX --unit op4 --lang es --replace 'la plena protección' --with 'la plena y efectiva protección'",
    "amend accept GT-2",
    "rev issue {S} --date 2005-04-01",
    "amend propose {S} --by BR --unit op13 --lang es --replace 'Invitar asimismo' --with 'Invitar también'",
    "amend translate BR-1 --lang en --replace 'Also to invite' --with 'To invite also'",
    "amend accept BR-1",
    "amend propose {S} --by CA --unit op14 --lang en --replace constructively --with actively",
    "amend translate CA-1 --lang es --replace 'de manera constructiva' --with 'activamente'",
    "amend reject CA-1",
    "amend propose {S} --by CL --unit op15 --lang es --replace 'Solicitar al' --with 'Pedir al' --cosponsor CO",
    "amend cosponsor CL-1 --by CO",
    "amend withdraw CL-1 --by CL",
    "amend propose {S} --by CO --unit app1.V --lang es --replace 'Diálogo entre' --with 'Diálogo abierto entre'",
    "amend statement {S} --by CO --unit op6 --lang es --text 'Colombia entiende que la asistencia consular es un derecho.'",
    "mark {S} op3 agreed",
    "mark {S} op8 agreed",
    "mark {S} op8.b open",
    "mark {S} pp1 ad-ref",
)


def rich_story(tmp_path_factory) -> Path:
    """The richer negotiation, built once per test module that asks for it (read it, never change it)."""
    root = copy_of(story(tmp_path_factory), tmp_path_factory.mktemp("rich") / "ws")
    ws = Workspace.open(root)
    for code in JOINING:
        enroll(ws, code)
    for step in STEPS:
        ok(root, *shlex.split(step.format(S=SYMBOL)))
    return root
