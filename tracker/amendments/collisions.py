"""Which open proposals collide: same unit and language, overlapping changes.

Edits are compared on the current text of each unit, after carrying each
proposal from its base. Per unit the edits are sorted by start and swept once,
so the whole check is n log n in the number of proposals, not n².
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tracker.amendments.record import Amendment
from tracker.i18n import _
from tracker.patches import Edit, overlapping


@dataclass(frozen=True)
class Collision:
    """Two proposals that change the same words of one unit in one language."""

    first: str
    second: str
    unit: str
    lang: str
    text: str
    label: str = ""  # the unit as a person names it (op3), when known

    def to_json(self) -> dict[str, str]:
        return {
            "first": self.first,
            "second": self.second,
            "unit": self.unit,
            "label": self.label or self.unit,
            "lang": self.lang,
            "overlap": self.text,
        }

    def explain(self) -> str:
        return _("{first} and {second} both change {words!r} in {unit} ({language})").format(
            first=self.first, second=self.second, words=self.text, unit=self.label or self.unit, language=self.lang
        )

    def named(self, labels: dict[str, str]) -> Collision:
        """The same collision with its unit's label from ``labels`` (wId → label)."""
        return Collision(self.first, self.second, self.unit, self.lang, self.text, labels.get(self.unit, ""))


def find_collisions(
    changes: dict[tuple[str, str], list[tuple[Amendment, list[Edit]]]],
    current: dict[tuple[str, str], str],
) -> list[Collision]:
    """Every colliding pair among ``changes[(unit, lang)] = [(amendment, edits on current)]``.

    A deletion of the whole unit is passed as one edit covering all its text.
    """
    found: dict[tuple[str, str, str, str], Collision] = {}
    for (unit, lang), entries in changes.items():
        text = current[(unit, lang)]
        flat = sorted(((e, a.id) for a, edits in entries for e in edits), key=lambda x: (x[0].start, x[0].end))
        active: list[tuple[Edit, str]] = []  # edits whose range may still reach the next start
        for edit, owner in flat:
            active = [(e, o) for e, o in active if e.end >= edit.start]
            for other, other_owner in active:
                if other_owner != owner and overlapping(edit, other):
                    first, second = sorted((owner, other_owner), key=_id_order)
                    lo, hi = max(edit.start, other.start), min(edit.end, other.end)
                    words = text[min(edit.start, other.start) : max(edit.end, other.end)] if lo >= hi else text[lo:hi]
                    found.setdefault((first, second, unit, lang), Collision(first, second, unit, lang, words))
            active.append((edit, owner))
    return sorted(found.values(), key=lambda c: (_id_order(c.first), _id_order(c.second), c.lang))


def _id_order(amendment_id: str) -> tuple[str, int]:
    code, _sep, number = amendment_id.partition("-")
    return code, int(number) if number.isdigit() else 0


def by_unit() -> defaultdict:
    return defaultdict(list)
