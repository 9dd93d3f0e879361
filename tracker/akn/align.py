"""Aligning a second language version with the first: same shape, same ``wId``s.

Paragraph N of the English text is paragraph N of the Spanish text; the
structures are compared unit by unit (kind, number, parent) and the first
unit that does not match is named in each language.
"""

from __future__ import annotations

from lxml import etree

from tracker.akn.units import Unit, iter_units
from tracker.errors import WgtError
from tracker.i18n import _


class StructureMismatch(WgtError):
    """Two language versions of a document do not have the same units."""


def _shape(unit: Unit, index: dict[str, int]) -> tuple[str, str | None, int | None]:
    parent = index.get(unit.parent) if unit.parent else None
    return unit.kind, unit.num, parent


def describe(unit: Unit | None, lang: str) -> str:
    if unit is None:
        return f"{lang}: " + _("(no more units)")
    return f"{lang}: {unit.label} ({unit.kind}{' ' + unit.num if unit.num else ''}: {unit.text[:50]!r})"


def align_wids(new_root: etree._Element, new_lang: str, ref_root: etree._Element, ref_lang: str) -> None:
    """Give ``new_root``'s units the ``wId``s of ``ref_root``'s, or raise naming the first mismatch."""
    new_units = list(iter_units(new_root))
    ref_units = list(iter_units(ref_root))
    new_index = {u.wid: i for i, u in enumerate(new_units)}
    ref_index = {u.wid: i for i, u in enumerate(ref_units)}
    for i in range(max(len(new_units), len(ref_units))):
        new = new_units[i] if i < len(new_units) else None
        ref = ref_units[i] if i < len(ref_units) else None
        if new is None or ref is None or _shape(new, new_index) != _shape(ref, ref_index):
            raise StructureMismatch(
                _(
                    "the {language} text does not have the structure of the {reference} text; "
                    "first difference at unit {number}: {expected} but {found}"
                ).format(
                    language=new_lang,
                    reference=ref_lang,
                    number=i + 1,
                    expected=describe(ref, ref_lang),
                    found=describe(new, new_lang),
                )
            )
    mapping = {n.wid: r.wid for n, r in zip(new_units, ref_units)}
    for unit in new_units:
        unit.element.set("wId", mapping[unit.element.get("wId")])
