"""Edits as character ranges of a base text: the ground for collisions and staleness.

An :class:`Edit` replaces ``base[start:end]`` with ``insert``. Two changes to the
same base collide when their ranges overlap; a proposal written against an older
base still applies when none of its ranges was touched since (a three-way check:
base → current, base → proposal). Nothing here applies a patch partially.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from tracker.i18n import _
from tracker.patches.words import word_diff


class StaleError(ValueError):
    """A proposal's words were changed since its base; it no longer applies."""

    def __init__(self, message: str, base_words: str) -> None:
        super().__init__(message)
        self.base_words = base_words


@dataclass(frozen=True)
class Edit:
    """Replace ``base[start:end]`` by ``insert``."""

    start: int
    end: int
    insert: str

    @property
    def delta(self) -> int:
        return len(self.insert) - (self.end - self.start)


def edits_between(base: str, target: str) -> list[Edit]:
    """The edits (sorted, disjoint) that turn ``base`` into ``target``, in whole words.

    Whole words, not characters: a character diff of "cannot" → "can never" and
    of "cannot" → "may not" gives two edits that only meet at a boundary
    ("not" and "can"), so they would not collide, and applying both would
    give "may  never".
    """
    diffs = word_diff(base, target)
    edits: list[Edit] = []
    pos = 0
    start: int | None = None
    inserted: list[str] = []
    for op, text in diffs:
        if op == 0:
            if start is not None:
                edits.append(Edit(start, pos, "".join(inserted)))
                start, inserted = None, []
            pos += len(text)
            continue
        if start is None:
            start = pos
        if op == -1:
            pos += len(text)
        else:
            inserted.append(text)
    if start is not None:
        edits.append(Edit(start, pos, "".join(inserted)))
    return edits


def overlapping(a: Edit, b: Edit) -> bool:
    """True when two edits of the same base touch the same characters.

    Two insertions at the same point collide (their order would be a choice);
    an insertion strictly inside a replaced range collides; edits that only
    meet at a boundary do not.
    """
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply disjoint edits of ``text`` (right to left, so offsets stay valid)."""
    out = text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        out = out[: edit.start] + edit.insert + out[edit.end :]
    return out


def carry_edits(base: str, current: str, proposal: list[Edit]) -> list[Edit]:
    """Move a proposal's edits of ``base`` onto ``current``, or raise :class:`StaleError`.

    Each edit applies only if the words it touches were left alone between
    ``base`` and ``current``; otherwise the whole proposal is stale.
    """
    if base == current:
        return list(proposal)
    since = edits_between(base, current)
    starts = [e.start for e in since]
    carried = []
    for edit in proposal:
        # Only changes starting at or before this edit's end can touch it. Touching
        # counts: an insertion next to reworded text might no longer read right.
        for other in since[: bisect_right(starts, edit.end)]:
            if other.end >= edit.start:
                raise StaleError(
                    _("the words {words!r} were changed since the proposal was made").format(words=_around(base, edit)),
                    base[edit.start : edit.end],
                )
        shift = sum(o.delta for o in since if o.end < edit.start)
        carried.append(Edit(edit.start + shift, edit.end + shift, edit.insert))
    return carried


def _around(base: str, edit: Edit) -> str:
    """The words an edit touches, widened to whole words for an insertion point."""
    start, end = edit.start, edit.end
    while start > 0 and not base[start - 1].isspace():
        start -= 1
    while end < len(base) and not base[end].isspace():
        end += 1
    return base[start:end]
