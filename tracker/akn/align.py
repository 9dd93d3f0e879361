"""Aligning a second language version with the first: same shape, same ``wId``s.

Paragraph N of the English text is paragraph N of the Spanish text; the
structures are compared unit by unit (kind, number, parent) and the first
unit that does not match is named in each language.
"""

from __future__ import annotations

from lxml import etree

from tracker.akn.namespace import local
from tracker.akn.units import Unit, iter_units, num_of, unit_elements, unit_parent
from tracker.errors import WgtError
from tracker.i18n import _

Shape = tuple[str, str | None, int | None]


class StructureMismatch(WgtError):
    """Two language versions of a document do not have the same units."""


def _shapes(units: list[etree._Element]) -> list[Shape]:
    """Each unit's kind, number and parent (by position: the two versions' wIds differ)."""
    index = {unit.get("wId"): i for i, unit in enumerate(units)}
    shapes = []
    for unit in units:
        parent = unit_parent(unit)
        parent_wid = parent.get("wId") if parent is not None else None
        shapes.append((local(unit.tag), num_of(unit), index.get(parent_wid) if parent_wid else None))
    return shapes


def describe(unit: Unit | None, lang: str) -> str:
    if unit is None:
        return f"{lang}: " + _("(no more units)")
    return f"{lang}: {unit.label} ({unit.kind}{' ' + unit.num if unit.num else ''}: {unit.text[:50]!r})"


def align_wids(new_root: etree._Element, new_lang: str, ref_root: etree._Element, ref_lang: str) -> None:
    """Give ``new_root``'s units the ``wId``s of ``ref_root``'s, or raise naming the first mismatch.

    Both versions are listed without labels (a quarter of the cost of a listing);
    the labels are computed only to name the units that differ.
    """
    new_units, ref_units = unit_elements(new_root), unit_elements(ref_root)
    new_shapes, ref_shapes = _shapes(new_units), _shapes(ref_units)
    if new_shapes != ref_shapes:
        at = next(
            (i for i, (n, r) in enumerate(zip(new_shapes, ref_shapes)) if n != r), min(len(new_shapes), len(ref_shapes))
        )
        new, ref = list(iter_units(new_root)), list(iter_units(ref_root))
        raise StructureMismatch(
            _(
                "the {language} text does not have the structure of the {reference} text; "
                "first difference at unit {number}: {expected} but {found}"
            ).format(
                language=new_lang,
                reference=ref_lang,
                number=at + 1,
                expected=describe(ref[at] if at < len(ref) else None, ref_lang),
                found=describe(new[at] if at < len(new) else None, new_lang),
            )
        )
    mapping = {n.get("wId"): r.get("wId") for n, r in zip(new_units, ref_units)}
    for unit in new_units:
        unit.set("wId", mapping[unit.get("wId")])
