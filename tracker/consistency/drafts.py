"""A revision's language versions compared unit by unit (paired by wId), and ``rev issue``'s refusal."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from babel.lists import format_list

from tracker.akn.document import Draft
from tracker.akn.slots import read_slot
from tracker.consistency.compare import compare_texts
from tracker.consistency.findings import Finding, kind_name
from tracker.errors import WgtError
from tracker.i18n import _, language_name, ui_language


@dataclass(frozen=True)
class UnitReport:
    """One unit's differences: its label (as in the first language), its wId, what differs."""

    label: str
    wid: str
    differences: list[Finding]

    @property
    def blocking(self) -> bool:
        return any(f.blocking for f in self.differences)

    def to_json(self) -> dict[str, object]:
        return {"unit": self.label, "wId": self.wid, "differences": [f.to_json() for f in self.differences]}


def unit_texts(draft: Draft) -> dict[str, tuple[str, int]]:
    """``{wId: (text, footnote count)}`` of every unit; a unit's footnotes are read with its text.

    A footnote's own text is compared too (a note that cites another resolution must cite
    it in every language): it is appended to the unit's text, one line each.
    """
    out = {}
    for unit in draft.listed():
        text, notes = read_slot(unit.slot)
        out[unit.wid] = ("\n".join([text, *(n.text for n in notes)]), len(notes))
    return out


def compare_drafts(
    drafts: Mapping[str, Draft], glossary: Mapping[str, str] | None = None
) -> tuple[int, list[UnitReport]]:
    """(units compared, the units that differ) between one revision's language versions.

    Units are paired by wId and listed in the first language's order; a unit some
    language lacks is not compared (validation reports it).
    """
    langs = list(drafts)
    read = {lang: unit_texts(draft) for lang, draft in drafts.items()}
    labels = drafts[langs[0]].labels()
    checked = 0
    reports = []
    for wid in read[langs[0]]:
        if any(wid not in read[lang] for lang in langs):
            continue
        checked += 1
        found = compare_texts(
            {lang: read[lang][wid][0] for lang in langs}, {lang: read[lang][wid][1] for lang in langs}, glossary
        )
        if found:
            reports.append(UnitReport(labels[wid], wid, found))
    return checked, reports


def refuse_differences(drafts: Mapping[str, Draft], rev: int, accepted: Collection[str] = ()) -> None:
    """Refuse (one clear error) when a unit not in ``accepted`` has a blocking difference.

    ``accepted`` are unit labels as they stand in ``drafts`` (the revision about to be
    issued); one that names no unit is refused too, so a typo never accepts nothing.
    """
    first = next(iter(drafts.values()))
    labels = {label.lower(): label for label in first.labels().values()}
    unknown = [label for label in accepted if label.strip().lower() not in labels]
    if unknown:
        raise WgtError(
            _(
                "--accept-differences names {units}, which rev. {rev} does not have; "
                "name its units by their labels in rev. {rev} (op3, pp5, II.B.2)"
            ).format(units=", ".join(unknown), rev=rev)
        )
    wanted = {label.strip().lower() for label in accepted}
    _checked, reports = compare_drafts(drafts)
    blocked = [r for r in reports if r.blocking and r.label.lower() not in wanted]
    if not blocked:
        return
    ui = ui_language()
    names = format_list([language_name(lang, ui) for lang in drafts], locale=ui)
    details = "; ".join(
        f"{r.label} ({', '.join(f'{kind_name(f.kind)}: {f.values_line()}' for f in r.differences if f.blocking)})"
        for r in blocked
    )
    raise WgtError(
        _(
            "cannot issue rev. {rev}: the {languages} texts differ in {details}; correct the translation, "
            "or issue with --accept-differences {units}; nothing was written"
        ).format(
            rev=rev,
            languages=names,
            details=details,
            units=",".join(r.label for r in blocked),
        )
    )
