"""Issue 12, defect 10: ``wgt list`` shows a document's title, not the footnotes attached to it.

A statement on the whole document becomes a footnote on the title of the revision that enters
it (here the United States' on CAJP/GT/TM-38/05 rev. 1); the list, in text and in JSON, shows
the title's words only.
"""

from __future__ import annotations

import json

import pytest
from amend_helpers import ok
from negotiation_helpers import RESOLUTION, negotiation

TITLE = "The Human Rights of All Migrant Workers and Their Families"


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return negotiation(tmp_path_factory.mktemp("list") / "ws")


def test_list_shows_the_title_without_its_notes(root):
    line = next(line for line in ok(root, "list").splitlines() if line.startswith(RESOLUTION))
    assert line.endswith(f"rev. 1  en,es   {TITLE}")
    assert "obligations" not in line  # the title's footnote (the United States' statement)


def test_list_json_title_is_the_titles_words(root):
    listed = {d["symbol"]: d for d in json.loads(ok(root, "list", "--format", "json"))}
    assert listed[RESOLUTION]["title"] == TITLE
