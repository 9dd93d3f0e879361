"""Which paragraph of an edited file is which unit of the revision it came from.

Every unit's paragraph carries its stable id as a bookmark
(:mod:`tracker.render.wordmarks`), and Word and LibreOffice keep bookmarks
through editing, so a paragraph is first known by its marker. Editing can still
lose one (a paragraph retyped, cut and pasted, saved by another program); such a
unit is then looked for *by position and text*: among the unmarked paragraphs
between the units on either side of it, the one whose words are most like its
own, if alike enough (:data:`LIKENESS`). The match is reported, never silent.

The paragraphs wgt prints that are no unit (the caption, the lines under the
title, the closing lines) are known by their text in the same way. A paragraph
that is none of these is new, and follows the unit before it. A unit found out of
order (its paragraph moved) was moved: deleted where it stood, new where it went.
A unit no paragraph holds any more was deleted.

This module knows only texts and markers: what the file's words propose is
decided by :mod:`tracker.fromword`.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from tracker.importer.revised import Joined, Paragraph

#: How alike (0–1, difflib's ratio over words) a paragraph must be to a unit to stand for it without a marker.
LIKENESS = 0.6
#: Unmarked paragraphs compared with one unit whose marker was lost (those nearest its place first).
MAX_CANDIDATES = 50

MARKER, TEXT, OUTSIDE, NEW = "marker", "text", "outside", "new"
_SPACES = re.compile(" {2,}")


@dataclass(frozen=True)
class Original:
    """A paragraph as wgt rendered the revision: a unit's (``key`` its stable id) or another (``key`` None)."""

    key: str | None
    text: str
    #: What wgt prints around a unit's own words (a typed number, square brackets, ``(agreed)``).
    prefix: str = ""
    suffix: str = ""

    def words_of(self, text: str) -> str:
        """``text`` without this unit's prefix and suffix, where they are still there."""
        found = self.unprinted(text)
        return text.strip(" ") if found is None else found

    def unprinted(self, text: str) -> str | None:
        """``text`` without the prefix and suffix wgt printed, None when one of them is no longer there.

        Each is taken off where it was printed (the start, the end) or, when words were typed
        beyond it (after ``(agreed)``), where it now stands, if it stands there once.
        """
        if self.prefix:
            if text.startswith(self.prefix):
                text = text[len(self.prefix) :]
            elif text.count(self.prefix) == 1:
                text = text.replace(self.prefix, " ", 1)
            else:
                return None
        if self.suffix:
            if text.endswith(self.suffix):
                text = text[: len(text) - len(self.suffix)]
            elif text.count(self.suffix) == 1:
                text = text.replace(self.suffix, " ", 1)
            else:
                return None
        return _SPACES.sub(" ", text).strip(" ")


@dataclass
class Placed:
    """What one paragraph of the edited file is."""

    joined: Joined
    #: :data:`MARKER` or :data:`TEXT` (a unit, ``unit`` its id), :data:`OUTSIDE` (a paragraph that is no unit,
    #: ``outside`` it), :data:`NEW` (a new paragraph after the unit ``anchor``, None before the first unit).
    how: str
    unit: str | None = None
    likeness: float = 1.0
    anchor: str | None = None
    outside: Original | None = None


@dataclass
class Alignment:
    """The edited file's paragraphs placed, and the units that no paragraph holds any more."""

    placed: list[Placed]
    #: Deleted units, each with the paragraph its marker stood in, if any (for the comments anchored there).
    deleted: dict[str, Paragraph | None] = field(default_factory=dict)
    #: Units whose paragraph was moved (also deleted: the paragraph is new where it went).
    moved: set[str] = field(default_factory=set)


def align(originals: list[Original], edited: list[Joined], unit_of: Callable[[str], str | None]) -> Alignment:
    """Place each paragraph of ``edited`` (a file's paragraphs, changes accepted) against ``originals``.

    ``unit_of`` names the unit a bookmark stands for (None for a bookmark that is not a unit's).
    """
    units = [o for o in originals if o.key is not None]
    order = {o.key: n for n, o in enumerate(units)}
    claimed: dict[str, int] = {}
    emptied: dict[str, Paragraph] = {}
    merged: dict[str, Paragraph] = {}
    marked: set[int] = set()
    held: set[int] = set()  # the paragraphs a unit claimed
    for index, joined in enumerate(edited):
        for part in joined.parts:
            for marker in part.markers:
                wid = unit_of(marker)
                if wid is None or wid not in order or wid in claimed:
                    continue
                marked.add(index)
                if not part.after:  # its words are all gone: the unit was deleted (its mark may join the next)
                    emptied.setdefault(wid, part)
                elif index in held:
                    merged.setdefault(wid, part)  # a second unit run into this paragraph
                else:
                    claimed[wid] = index
                    held.add(index)
    moved = _out_of_order(claimed, order)
    for wid in moved:
        del claimed[wid]
    likeness = _lost_markers(units, edited, claimed, {*emptied, *merged, *moved}, marked, emptied)
    at = {index: wid for wid, index in claimed.items()}
    placed: list[Placed] = []
    anchor: str | None = None
    outside = _outside_by_anchor(originals)
    for index, joined in enumerate(edited):
        wid = at.get(index)
        if wid is not None:
            how = TEXT if wid in likeness else MARKER
            placed.append(Placed(joined, how, wid, likeness.get(wid, 1.0)))
            anchor = wid
            continue
        if not joined.text:
            continue
        kept = _outside(joined, outside.get(anchor, []))
        if kept is not None:
            placed.append(Placed(joined, OUTSIDE, outside=kept))
        else:
            placed.append(Placed(joined, NEW, anchor=anchor))
    deleted: dict[str, Paragraph | None] = {}
    for original in units:
        if original.key not in claimed:
            deleted[original.key] = emptied.get(original.key) or merged.get(original.key)
    return Alignment(placed, deleted, moved)


def _out_of_order(claimed: dict[str, int], order: dict[str, int]) -> set[str]:
    """The units whose paragraph stands out of the revision's order: all but a longest run in order."""
    pairs = sorted((index, order[wid], wid) for wid, index in claimed.items())
    tails: list[int] = []  # tails[k]: the smallest last position of a run in order of length k + 1
    links: list[int] = []  # for each pair, the previous pair of the run it ends
    ends: list[int] = []  # ends[k]: the pair that ends the run tails[k] stands for
    for n, (_index, position, _wid) in enumerate(pairs):
        k = bisect_left(tails, position)
        if k == len(tails):
            tails.append(position)
            ends.append(n)
        else:
            tails[k], ends[k] = position, n
        links.append(ends[k - 1] if k else -1)
    kept: set[str] = set()
    n = ends[-1] if ends else -1
    while n >= 0:
        kept.add(pairs[n][2])
        n = links[n]
    return {wid for wid in claimed if wid not in kept}


def _lost_markers(
    units: list[Original],
    edited: list[Joined],
    claimed: dict[str, int],
    gone: set[str],
    marked: set[int],
    emptied: dict[str, Paragraph],
) -> dict[str, float]:
    """Claim for each unit that lost its marker the paragraph most like it in its place; how alike, by unit.

    Units are taken in order, so each one's place is between the paragraph of the unit
    before it (found by marker or by text) and that of the next unit found by marker. A unit
    found only as a paragraph whose words a tracked change deleted goes to ``emptied``.
    """
    following: list[int] = []
    nearest = len(edited)
    for original in reversed(units):
        following.append(nearest)
        nearest = claimed.get(original.key, nearest)
    following.reverse()
    likeness: dict[str, float] = {}
    taken = set(claimed.values()) | marked
    low = -1
    for original, high in zip(units, following):
        wid = original.key
        if wid in claimed:
            low = claimed[wid]
            continue
        if wid in gone:
            continue
        found = _by_text(original, edited, range(low + 1, high), taken)
        if found is not None:
            (claimed[wid], likeness[wid]), low = found, found[0]
            taken.add(found[0])
            continue
        seen = {id(part) for part in emptied.values()}
        deleted = _deleted_by_text(original, edited, range(low + 1, min(high + 1, len(edited))), seen)
        if deleted is not None:
            emptied[wid] = deleted
    return likeness


def _deleted_by_text(original: Original, edited: list[Joined], between: range, seen: set[int]) -> Paragraph | None:
    """The paragraph of ``between`` that read as ``original`` before a tracked change deleted all its words."""
    words = original.words_of(original.text).split()
    for index in itertools.islice(between, MAX_CANDIDATES):
        for part in edited[index].parts:
            if part.after or not part.before or id(part) in seen:
                continue
            matcher = SequenceMatcher(None, words, original.words_of(part.before).split(), autojunk=False)
            if matcher.quick_ratio() >= LIKENESS and matcher.ratio() >= LIKENESS:
                return part
    return None


def _by_text(original: Original, edited: list[Joined], between: range, taken: set[int]) -> tuple[int, float] | None:
    """The free paragraph of ``between`` most like ``original``, and how alike, if alike enough."""
    candidates = (i for i in between if i not in taken and edited[i].text)
    words = original.words_of(original.text).split()
    best: tuple[int, float] | None = None
    for index in itertools.islice(candidates, MAX_CANDIDATES):
        theirs = original.words_of(edited[index].text).split()
        if theirs == words:  # the usual case, and the cheapest: the words are unchanged
            return index, 1.0
        matcher = SequenceMatcher(None, words, theirs, autojunk=False)
        if matcher.real_quick_ratio() < LIKENESS or matcher.quick_ratio() < LIKENESS:
            continue
        ratio = matcher.ratio()
        if ratio >= LIKENESS and (best is None or ratio > best[1]):
            best = (index, ratio)
    return best


def _outside_by_anchor(originals: list[Original]) -> dict[str | None, list[Original]]:
    """The paragraphs that are no unit, by the unit before them (None: before the first unit)."""
    out: dict[str | None, list[Original]] = {}
    anchor: str | None = None
    for original in originals:
        if original.key is not None:
            anchor = original.key
        elif original.text:
            out.setdefault(anchor, []).append(original)
    return out


def _outside(joined: Joined, candidates: list[Original]) -> Original | None:
    """The paragraph that is no unit ``joined`` still is (its words before or after the changes), if any."""
    before = " ".join(p.before for p in joined.parts if p.before)
    for original in candidates:
        if original.text in (joined.text, before):
            return original
    if any(part.tracked for part in joined.parts):
        return None  # a tracked paragraph that was no such paragraph before its changes: new
    for original in candidates:
        if SequenceMatcher(None, original.text.split(), joined.text.split(), autojunk=False).ratio() >= LIKENESS:
            return original
    return None


__all__ = ["LIKENESS", "MARKER", "NEW", "OUTSIDE", "TEXT", "Alignment", "Original", "Placed", "align"]
