"""The readability story: one negotiation, three revisions, on the seeded workspace (built once per session).

* rev. 1: Mexico inserts a word in the title (``LOS DERECHOS HUMANOS {+FUNDAMENTALES+} DE
  TODOS``), replaces "upon request" in operative paragraph 8, and the United States enters
  statements on operative paragraphs 5 and 8 (footnotes 1 and 2 of rev. 1);
* rev. 2: Argentina deletes operative paragraph 5 with its footnote (paragraphs 6 to 14 become
  5 to 13, the note of paragraph 8 becomes note 1) and Guatemala enters a statement on the
  paragraph that was 10 (note 2 of rev. 2).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from amend_helpers import ok

SYMBOL = "CAJP/GT/TM-38/05"
TITLE = {"en": ("The ", "Fundamental "), "es": ("derechos humanos ", "fundamentales ")}
OP8 = {
    "en": ("upon request", "to the extent possible"),
    "es": ("cuando así se les solicite", "en la medida de sus posibilidades"),
}
STATEMENTS = {
    "op5": {
        "en": "The United States understands paragraph 5 as an exhortation.",
        "es": "Los Estados Unidos entienden el párrafo 5 como una exhortación.",
    },
    "op8": {
        "en": "The United States reads paragraph 8 in the light of its laws.",
        "es": "Los Estados Unidos leen el párrafo 8 a la luz de sus leyes.",
    },
    "op10": {
        "en": "Guatemala understands that paragraph 10 creates no obligations.",
        "es": "Guatemala entiende que el párrafo 10 no crea obligaciones.",
    },
}

_BUILT: dict[str, Path] = {}


def readability_story(tmp_path_factory, seeded_template: Path) -> Path:
    """The story's workspace (read it, never change it)."""
    if "root" in _BUILT:
        return _BUILT["root"]
    root = tmp_path_factory.mktemp("readability") / "ws"
    shutil.copytree(seeded_template, root)
    (anchor_es, word_es), (anchor_en, word_en) = TITLE["es"], TITLE["en"]
    ok(root, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "title", "--lang", "es",
       "--insert", word_es, "--after", anchor_es)  # fmt: skip
    ok(root, "amend", "translate", "MX-1", "--lang", "en", "--insert", word_en, "--after", anchor_en)
    ok(root, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op8", "--lang", "es",
       "--replace", OP8["es"][0], "--with", OP8["es"][1])  # fmt: skip
    ok(root, "amend", "translate", "MX-2", "--lang", "en", "--replace", OP8["en"][0], "--with", OP8["en"][1])
    for n, unit in enumerate(("op5", "op8"), start=1):
        ok(root, "amend", "statement", SYMBOL, "--by", "US", "--unit", unit, "--lang", "en",
           "--text", STATEMENTS[unit]["en"])  # fmt: skip
        ok(root, "amend", "translate", f"US-{n}", "--lang", "es", "--text", STATEMENTS[unit]["es"])
    ok(root, "amend", "accept", "MX-1", "MX-2", "US-1", "US-2")
    ok(root, "rev", "issue", SYMBOL, "--date", "2005-03-01")
    ok(root, "amend", "propose", SYMBOL, "--by", "AR", "--unit", "op5", "--delete-unit")
    ok(root, "amend", "statement", SYMBOL, "--by", "GT", "--unit", "op10", "--lang", "es",
       "--text", STATEMENTS["op10"]["es"])  # fmt: skip
    ok(root, "amend", "translate", "GT-1", "--lang", "en", "--text", STATEMENTS["op10"]["en"])
    ok(root, "amend", "accept", "AR-1", "GT-1")
    ok(root, "rev", "issue", SYMBOL, "--date", "2005-03-15")
    _BUILT["root"] = root
    return root
