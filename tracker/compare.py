"""The redline between two revisions of a document in one language, unit by unit.

Units are aligned by their stable ``wId`` first and only the units whose text
changed are diffed (word by word), so comparing two revisions of a long text
costs little more than reading them. Each change is labelled with the
amendments and delegations the revisions' metadata say caused it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.akn.document import Draft
from tracker.akn.namespace import NS
from tracker.akn.outline import Note
from tracker.akn.slots import read_slot
from tracker.akn.units import Unit
from tracker.amendments.texts import DraftCache, draft_cache
from tracker.documents import resolve_symbol
from tracker.errors import WgtError
from tracker.i18n import _
from tracker.patches import word_diff
from tracker.workspace import Workspace


@dataclass(frozen=True)
class Attribution:
    """An amendment incorporated in one of the compared revisions."""

    amendment: str
    by: str
    rev: int


@dataclass
class UnitChange:
    """One unit in the redline: how it changed and who changed it."""

    wid: str
    kind: str
    status: str  # unchanged | changed | inserted | deleted
    num_from: str | None
    num_to: str | None
    label: str
    diff: list[tuple[int, str]]
    attributions: list[Attribution] = field(default_factory=list)
    #: The unit's footnotes in each revision (offsets into that revision's text; none for the side it is missing from).
    notes_from: list[Note] = field(default_factory=list)
    notes_to: list[Note] = field(default_factory=list)

    @property
    def renumbered(self) -> bool:
        """Both revisions number the unit, differently (``5.`` became ``6.``)."""
        return bool(self.num_from and self.num_to) and self.num_from != self.num_to

    @property
    def added_notes(self) -> list[Note]:
        """The notes the later revision has and the earlier had not (a statement entered), among ``notes_to``."""
        return _missing(self.notes_to, self.notes_from)

    @property
    def notes_added(self) -> list[str]:
        """The texts of :attr:`added_notes`."""
        return [n.text for n in self.added_notes]

    @property
    def notes_removed(self) -> list[Note]:
        """The notes the earlier revision had and the later has not (they went with a deleted unit), among ``notes_from``."""
        return _missing(self.notes_from, self.notes_to)


def _missing(notes: list[Note], others: list[Note]) -> list[Note]:
    """The notes of ``notes`` whose text ``others`` lacks, counting repeated texts."""
    left = [n.text for n in others]
    out = []
    for note in notes:
        if note.text in left:
            left.remove(note.text)
        else:
            out.append(note)
    return out


@dataclass
class Comparison:
    """Everything a redline renderer needs."""

    symbol: str
    lang: str
    rev_from: int
    rev_to: int
    date_from: str
    date_to: str
    units: list[UnitChange]

    @property
    def changed(self) -> list[UnitChange]:
        return [u for u in self.units if u.status != "unchanged" or u.notes_added]


def attributions(draft: Draft) -> dict[str, list[Attribution]]:
    """``{unit wId: [amendments]}`` recorded as incorporated in ``draft``'s revision."""
    out: dict[str, list[Attribution]] = {}
    for entry in draft.root.iterfind("./*/a:meta/a:proprietary/w:incorporated", NS):
        out.setdefault(entry.get("unit"), []).append(
            Attribution(entry.get("amendment"), entry.get("by"), draft.meta.rev)
        )
    return out


def compare_drafts(old: Draft, new: Draft, between: list[Draft] = ()) -> Comparison:
    """The redline from ``old`` to ``new``; ``between`` are the revisions after ``old`` up to ``new``."""
    who: dict[str, list[Attribution]] = {}
    for draft in [*between, new]:
        for wid, items in attributions(draft).items():
            who.setdefault(wid, []).extend(items)
    old_units = {u.wid: u for u in old.listed()}
    new_units = new.listed()
    new_ids = {u.wid for u in new_units}
    changes: list[UnitChange] = []
    old_order = list(old_units)
    old_position = {wid: i for i, wid in enumerate(old_order)}
    emitted_old = 0
    for unit in new_units:
        if unit.wid in old_units:
            # Deleted units that stood before this one in the old text come first.
            position = old_position[unit.wid]
            for wid in old_order[emitted_old:position]:
                if wid not in new_ids:
                    changes.append(_deleted(old_units[wid], who))
            emitted_old = max(emitted_old, position + 1)
            changes.append(_kept(old_units[unit.wid], unit, who))
        else:
            changes.append(_inserted(unit, who))
    for wid in old_order[emitted_old:]:
        if wid not in new_ids:
            changes.append(_deleted(old_units[wid], who))
    return Comparison(old.meta.symbol, new.meta.lang, old.meta.rev, new.meta.rev, old.meta.date, new.meta.date, changes)


def _kept(old: Unit, new: Unit, who: dict[str, list[Attribution]]) -> UnitChange:
    old_text, old_notes = read_slot(old.slot)
    new_text, new_notes = read_slot(new.slot)
    if old_text == new_text:
        diff = [(0, new_text)]
        status = "unchanged"
    else:
        diff = word_diff(old_text, new_text)
        status = "changed"
    return UnitChange(
        new.wid, new.kind, status, old.num, new.num, new.label, diff, who.get(new.wid, []), old_notes, new_notes
    )


def _inserted(unit: Unit, who: dict[str, list[Attribution]]) -> UnitChange:
    text, notes = read_slot(unit.slot)
    return UnitChange(
        unit.wid, unit.kind, "inserted", None, unit.num, unit.label, [(1, text)], who.get(unit.wid, []), [], notes
    )


def _deleted(unit: Unit, who: dict[str, list[Attribution]]) -> UnitChange:
    text, notes = read_slot(unit.slot)
    return UnitChange(
        unit.wid, unit.kind, "deleted", unit.num, None, unit.label, [(-1, text)], who.get(unit.wid, []), notes, []
    )


def compare_revisions(
    ws: Workspace,
    symbol: str,
    rev_from: int,
    rev_to: int,
    lang: str | None = None,
    drafts: DraftCache | None = None,
) -> Comparison:
    """Load the two revisions (and those between, for attribution) and compare them.

    ``drafts``: where to load them from, so that a caller reading the same revisions
    again (the redline's citations, its base texts) parses each file once.
    """
    sym = resolve_symbol(ws, symbol)
    if rev_from >= rev_to:
        raise WgtError(
            _("--from must be an earlier revision than --to (got {first} and {second})").format(
                first=rev_from, second=rev_to
            )
        )
    drafts = drafts or draft_cache(ws, sym.base)
    old = drafts.get(rev_from, lang or ws.config.languages[0])
    between = [drafts.get(rev, old.meta.lang) for rev in range(rev_from + 1, rev_to)]
    new = drafts.get(rev_to, old.meta.lang)
    return compare_drafts(old, new, between)
