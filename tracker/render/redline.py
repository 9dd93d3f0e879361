"""``wgt compare``: the redline between two revisions, word by word, each change labelled.

The comparison itself is :func:`tracker.compare.compare_revisions` (units
aligned by wId, word diffs, the amendments each revision records per unit).
Here it becomes a :class:`~tracker.render.model.Layout` in the document's
language:

* each run of inserted or deleted words is a :class:`~tracker.render.model.Change`
  whose author is the delegation (``México``) and whose date is the revision's,
  followed by a label naming the amendment (``MX-3 (México)``). Where a unit
  was changed by several amendments, each change is matched to the amendment
  whose own proposal made it (its base and proposed texts, diffed the same way);
* statements entered as footnotes are inserted footnotes, labelled the same way;
* renumbered paragraphs show the old number struck through and the new one;
* runs of unchanged paragraphs become a :class:`~tracker.render.model.Fold`
  (``… 12 unchanged paragraphs: pp1–pp12 …``), unfolded with ``full``.
"""

from __future__ import annotations

from tracker.akn.meta import read_header
from tracker.amendments.texts import base_text, proposed_text
from tracker.compare import Attribution, Comparison, UnitChange, compare_revisions
from tracker.i18n import delegation_name, running_date, translations
from tracker.patches import word_diff
from tracker.render.citing import amendment_label, label_ranges
from tracker.render.layout import make_header, unit_role
from tracker.render.model import DELETED, INSERTED, Block, Change, Fold, Footnote, Layout, Run
from tracker.render.record import Negotiation
from tracker.workspace import Workspace

#: Who is named for a change no amendment accounts for (renumbering, a secretariat correction).
SECRETARIAT = "SEC"


def redline_layout(ws: Workspace, symbol: str, rev_from: int, rev_to: int, lang: str | None, full: bool) -> Layout:
    """The redline of ``symbol`` from ``rev_from`` to ``rev_to`` in ``lang``."""
    comparison = compare_revisions(ws, symbol, rev_from, rev_to, lang)
    return _Redline(Negotiation.of(ws, symbol, comparison.lang), comparison, full).build()


class _Redline:
    def __init__(self, neg: Negotiation, comparison: Comparison, full: bool) -> None:
        self.neg = neg
        self.comparison = comparison
        self.lang = comparison.lang
        self.full = full
        self.tr = translations(self.lang)
        self.dates = {r.rev: r.date for r in neg.revisions()}
        self.records = {r.id: r for r in neg.records}
        self.layout: Layout | None = None
        self.secretariat = delegation_name(SECRETARIAT, self.lang)

    def build(self) -> Layout:
        c, tr = self.comparison, self.tr
        new = self.neg.draft(c.rev_to)
        symbol = self.neg.symbol.with_rev(c.rev_to)
        header = make_header(tr, symbol, c.date_to, self.lang, new.meta.original_lang, read_header(new.root))
        title = next((u.diff[0][1] for u in c.units if u.kind == "docTitle" and u.diff), "")
        layout = self.layout = Layout(self.lang, symbol, title, header, tracked_changes=True)
        # TRANSLATORS: the caption of a redline between two revisions of a document.
        layout.blocks.append(Block("caption", [Run(tr.gettext("COMPARISON OF REVISIONS"))]))
        layout.blocks += self.introduction()
        legend = tr.gettext(
            "Deleted words are struck through and inserted words underlined; each change is followed by "
            "the amendment and the delegation that made it."
        )
        layout.blocks.append(Block("legend", [Run(legend)]))
        unchanged: list[tuple[UnitChange, Block]] = []
        for unit in c.units:
            if unit.status == "unchanged" and not unit.notes_added and unit.kind != "docTitle":
                unchanged.append((unit, self.plain_block(unit)))
                continue
            self.fold(unchanged)
            unchanged = []
            layout.blocks.append(self.changed_block(unit))
        self.fold(unchanged)
        return layout

    def introduction(self) -> list[Block]:
        c, tr = self.comparison, self.tr
        sym = self.neg.symbol
        intro = tr.gettext("Changes from {old} of {old_date} to {new} of {new_date}.").format(
            old=sym.with_rev(c.rev_from),
            old_date=running_date(c.date_from, self.lang),
            new=sym.with_rev(c.rev_to),
            new_date=running_date(c.date_to, self.lang),
        )
        counts = {s: sum(1 for u in c.units if u.status == s) for s in ("changed", "inserted", "deleted")}
        notes = sum(len(u.notes_added) for u in c.units)
        parts = [
            tr.ngettext("{n} paragraph changed", "{n} paragraphs changed", counts["changed"]),
            tr.ngettext("{n} paragraph inserted", "{n} paragraphs inserted", counts["inserted"]),
            tr.ngettext("{n} paragraph deleted", "{n} paragraphs deleted", counts["deleted"]),
            tr.ngettext("{n} footnote added", "{n} footnotes added", notes),
        ]
        numbers = [counts["changed"], counts["inserted"], counts["deleted"], notes]
        summary = "; ".join(part.format(n=n) for part, n in zip(parts, numbers)) + "."
        blocks = [Block("paragraph", [Run(intro), Run(" "), Run(summary)])]
        seen = {a.amendment: a for u in c.units for a in u.attributions}
        if seen:
            names = ", ".join(amendment_label(a.amendment, a.by, self.lang) for a in seen.values())
            lead = tr.gettext("Amendments and statements incorporated:")
            blocks.append(Block("paragraph", [Run(lead, style="strong"), Run(f" {names}.")]))
        return blocks

    def fold(self, unchanged: list[tuple[UnitChange, Block]]) -> None:
        if not unchanged:
            return
        order = [u.label for u in self.comparison.units]
        labels = [u.label for u, _ in unchanged]

        summary = self.tr.ngettext(
            "… {count} unchanged paragraph: {labels} …", "… {count} unchanged paragraphs: {labels} …", len(labels)
        ).format(count=len(labels), labels=label_ranges(labels, order))
        self.layout.blocks.append(Fold(summary, [b for _, b in unchanged], open=self.full))

    def plain_block(self, unit: UnitChange) -> Block:
        role, level = unit_role(unit.kind, unit.label, unit.num_to)
        return Block(role, [Run(unit.diff[0][1])] if unit.diff else [], num=unit.num_to, level=level)

    def changed_block(self, unit: UnitChange) -> Block:
        role, level = unit_role(unit.kind, unit.label, unit.num_to or unit.num_from)
        block = Block(role, [], level=level)
        texts = [a for a in unit.attributions if self._kind(a) != "statement"]
        if unit.status in ("inserted", "deleted"):
            kind = INSERTED if unit.status == "inserted" else DELETED
            change = self.change(kind, texts)
            number = unit.num_to if kind == INSERTED else unit.num_from
            block.runs = [Run(f"{number} ", change=change)] if number else []
            block.runs += [Run(unit.diff[0][1], change=change), self.label(texts)]
        else:
            block.runs = self.number_runs(unit, block)
            block.runs += self.diff_runs(unit.diff, texts, unit)
        for text in unit.notes_added:
            block.runs += self.note_runs(text, unit)
        return block

    def number_runs(self, unit: UnitChange, block: Block) -> list[Run]:
        if (unit.num_from or "") == (unit.num_to or ""):
            block.num = unit.num_to
            return []
        out = []
        if unit.num_from:
            out.append(Run(unit.num_from, change=self.change(DELETED, [])))
        if unit.num_to:
            out.append(Run(unit.num_to, change=self.change(INSERTED, [])))
        return [*out, Run(" ")]

    def diff_runs(self, diff: list[tuple[int, str]], texts: list[Attribution], unit: UnitChange) -> list[Run]:
        """Kept words as they are; each run of changed words as changes followed by its label."""
        runs: list[Run] = []
        hunk: list[tuple[int, str]] = []
        for op, text in [*diff, (0, "")]:
            if op != 0:
                hunk.append((op, text))
                continue
            if hunk:
                owners = self.owners(hunk, texts, unit)
                for hop, htext in hunk:
                    runs.append(Run(htext, change=self.change(INSERTED if hop > 0 else DELETED, owners)))
                runs.append(self.label(owners))
                hunk = []
            if text:
                runs.append(Run(text))
        return runs

    def owners(self, hunk: list[tuple[int, str]], texts: list[Attribution], unit: UnitChange) -> list[Attribution]:
        """The amendments among ``texts`` whose own proposal deletes or inserts these words (else all of them)."""
        if len(texts) < 2:
            return texts
        deleted = "".join(t for op, t in hunk if op < 0).strip()
        inserted = "".join(t for op, t in hunk if op > 0).strip()
        found = []
        for attribution in texts:
            for own_deleted, own_inserted in self.own_hunks(attribution):
                if _overlap(deleted, own_deleted) or _overlap(inserted, own_inserted):
                    found.append(attribution)
                    break
        return found or texts

    def own_hunks(self, attribution: Attribution) -> list[tuple[str, str]]:
        """(deleted, inserted) words of each change an amendment proposed, in this language."""
        record = self.records.get(attribution.amendment)
        if record is None or self.lang not in record.texts or record.kind != "modify":
            return []
        diff = word_diff(
            base_text(record, self.lang, self.neg.drafts), proposed_text(record, self.lang, self.neg.drafts)
        )
        out, deleted, inserted = [], "", ""
        for op, text in [*diff, (0, "")]:
            if op < 0:
                deleted += text
            elif op > 0:
                inserted += text
            elif deleted or inserted:
                out.append((deleted.strip(), inserted.strip()))
                deleted = inserted = ""
        return out

    def note_runs(self, text: str, unit: UnitChange) -> list[Run]:
        """An inserted footnote: its reference and body are changes, labelled with the statement."""
        statements = [a for a in unit.attributions if self._kind(a) == "statement"]
        same = [a for a in statements if self._statement_text(a) == " ".join(text.split())]
        owners = same or statements
        change = self.change(INSERTED, owners)
        number = len(self.layout.notes) + 1
        self.layout.notes.append(Footnote(number, " ".join(text.split()), change))
        return [Run(note=number, change=change), self.label(owners)]

    def change(self, kind: str, owners: list[Attribution]) -> Change:
        if not owners:
            return Change(kind, self.secretariat, self.dates.get(self.comparison.rev_to))
        names = ", ".join(dict.fromkeys(delegation_name(a.by, self.lang) for a in owners))
        return Change(kind, names, self.dates.get(max(a.rev for a in owners)))

    def label(self, owners: list[Attribution]) -> Run:
        if not owners:
            return Run(self.secretariat, style="label")
        return Run(", ".join(amendment_label(a.amendment, a.by, self.lang) for a in owners), style="label")

    def _kind(self, attribution: Attribution) -> str | None:
        record = self.records.get(attribution.amendment)
        return record.kind if record else None

    def _statement_text(self, attribution: Attribution) -> str:
        record = self.records[attribution.amendment]
        return " ".join(record.texts[self.lang].text.split()) if self.lang in record.texts else ""


def _overlap(ours: str, theirs: str) -> bool:
    return bool(ours and theirs) and (ours in theirs or theirs in ours)
