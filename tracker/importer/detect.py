"""Which kind of document a text is, when ``--type`` does not say: every candidate tried, the best kept.

Each structure's rules are run on the text; a candidate that refuses it is out.
Of the others, the likeliest — by what the text shows: an enacting formula (a
resolution), a note's opening (a note), else a report — wins if it leaves no
more than 5 % of the words outside amendable units; otherwise the one that
leaves the fewest. An enacting formula is decisive: a text that has one and
parses as a resolution is one. So a long report that opens with a note verbale is never
taken for a note that would leave the report unamendable.
"""

from __future__ import annotations

from collections.abc import Callable

from tracker.akn.outline import Outline
from tracker.errors import ImportTextError
from tracker.i18n import _
from tracker.importer.joins import Join
from tracker.importer.lines import SourceLine
from tracker.importer.patterns import place_and_date
from tracker.importer.resolution import is_enacting_formula
from tracker.importer.summary import MAX_UNPLACED, summarize

Parser = Callable[[list[SourceLine], list[Join]], Outline]


def choose(lines: list[SourceLine], parsers: dict[str, Parser], name: str) -> tuple[str, Outline, list[Join]]:
    """``(type, outline, joins)`` of the candidate that places the most of the text in units."""
    tried: list[tuple[tuple[int, int, int], str, Outline, list[Join]]] = []
    errors: dict[str, ImportTextError] = {}
    order = _preference(lines)
    for kind in order:
        joins: list[Join] = []
        try:
            outline = parsers[kind](lines, joins)
        except ImportTextError as exc:
            errors[kind] = exc
            continue
        summary = summarize(outline, 0, joins, 0)
        body = summary.words_in_units + summary.words_unplaced
        tried.append(((summary.words_unplaced, order.index(kind), body), kind, outline, joins))
    if not tried:
        first = order[0]
        raise ImportTextError(
            _(
                "{name}: cannot tell whether this is a resolution, a report or a note; as a {kind} it fails: "
                "{reason} (pass --type resolution|report|note)"
            ).format(name=name, kind=_(first), reason=errors[first])
        )
    # The likeliest type that places all but a few words wins; failing that, the one that places the most.
    # (A report's rules place any line as a paragraph: a resolution's formula and numbers must outrank them.)
    # An enacting formula is decisive: a resolution that parses stays one, and the 5 % rule then
    # refuses it naming the stray lines, rather than a report swallowing its preamble as paragraphs.
    if order[0] == "resolution" and tried[0][1] == "resolution":
        _score, kind, outline, joins = tried[0]
        return kind, outline, joins
    fitting = [item for item in tried if item[0][0] <= MAX_UNPLACED * max(item[0][2], 1)]
    _score, kind, outline, joins = min(fitting or tried, key=lambda item: item[0][1] if fitting else item[0])
    return kind, outline, joins


def _preference(lines: list[SourceLine]) -> list[str]:
    """The candidates, most likely first, from what the text shows."""
    texts = [line.text for line in lines]
    if any(is_enacting_formula(text) for text in texts[:40]):
        return ["resolution", "report", "note"]
    from tracker.importer.note import note_part

    if note_part(lines) is None and any(place_and_date().match(text) for text in texts):
        return ["note", "report", "resolution"]
    return ["report", "note", "resolution"]


__all__ = ["choose"]
