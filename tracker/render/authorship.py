"""Who made each change of a redline: the amendment whose own proposal made it, its delegation, its date.

Both redlines ask it: the one people read (:mod:`~tracker.render.redline`, each
change labelled ``MX-3 (México)``) and the one Word accepts or rejects
(:mod:`~tracker.render.word_redline`, each change a tracked change in the
delegation's name). A revision records, per unit, the amendments it
incorporated; where several changed one unit, a run of changed words is the
one whose own proposal (its base and proposed texts, diffed the same way)
deleted or inserted those words. Words no amendment accounts for (a
correction, the symbol and date of the new revision) are the secretariat's.
"""

from __future__ import annotations

from tracker.amendments.texts import base_text, proposed_text
from tracker.compare import Attribution, Comparison, UnitChange
from tracker.delegations import statement_note
from tracker.i18n import delegation_name
from tracker.patches import word_diff
from tracker.render.citing import amendment_label
from tracker.render.model import Change, Run
from tracker.render.record import Negotiation

#: Who is named for a change no amendment accounts for (a secretariat correction, the new symbol and date).
SECRETARIAT = "SEC"
#: Who declares a paragraph's negotiation status (its ``(agreed)`` mark, the square brackets of open text).
CHAIR = "CHAIR"


class Authorship:
    """The authors, dates and labels of the changes between two revisions of one negotiation."""

    def __init__(self, neg: Negotiation, comparison: Comparison) -> None:
        self.neg = neg
        self.lang = comparison.lang
        self.rev_to = comparison.rev_to
        self.dates = {r.rev: r.date for r in neg.revisions()}
        self.records = {r.id: r for r in neg.records}
        self.secretariat = delegation_name(SECRETARIAT, self.lang)

    def kind(self, attribution: Attribution) -> str | None:
        """The kind of the amendment (``modify``, ``statement`` …), if the workspace holds its record."""
        record = self.records.get(attribution.amendment)
        return record.kind if record else None

    def texts(self, unit: UnitChange) -> list[Attribution]:
        """The amendments that changed the unit's words (its statements only added notes)."""
        return [a for a in unit.attributions if self.kind(a) != "statement"]

    def statements(self, unit: UnitChange, text: str) -> list[Attribution]:
        """The statements on ``unit`` that became the note ``text`` (else all the unit's statements)."""
        statements = [a for a in unit.attributions if self.kind(a) == "statement"]
        wanted = " ".join(text.split())
        same = [a for a in statements if " ".join(self.statement_text(a).split()) == wanted]
        return same or statements

    def statement_text(self, attribution: Attribution) -> str:
        """The footnote the statement became in this language (as ``rev issue`` wrote it)."""
        record = self.records[attribution.amendment]
        if self.lang not in record.texts:
            return ""
        return statement_note(record.by, record.texts[self.lang].text, self.lang)

    def owners(self, deleted: str, inserted: str, texts: list[Attribution]) -> list[Attribution]:
        """The amendments among ``texts`` whose own proposal deletes ``deleted`` or inserts ``inserted`` (else all)."""
        if len(texts) < 2:
            return texts
        deleted, inserted = deleted.strip(), inserted.strip()
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
        drafts = self.neg.drafts
        diff = word_diff(base_text(record, self.lang, drafts), proposed_text(record, self.lang, drafts))
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

    def change(self, kind: str, owners: list[Attribution]) -> Change:
        """A change of ``kind`` in the name of the delegations of ``owners``, dated the revision that made it."""
        if not owners:
            return Change(kind, self.secretariat, self.dates.get(self.rev_to))
        names = ", ".join(dict.fromkeys(delegation_name(a.by, self.lang) for a in owners))
        return Change(kind, names, self.dates.get(max(a.rev for a in owners)))

    def chair_change(self, kind: str) -> Change:
        """A change of a status mark: the chair's, as the later revision records it."""
        return Change(kind, delegation_name(CHAIR, self.lang), self.dates.get(self.rev_to))

    def label(self, owners: list[Attribution]) -> Run:
        """The label naming the amendments of ``owners`` (``MX-3 (México)``), or the secretariat."""
        if not owners:
            return Run(self.secretariat, style="label")
        return Run(", ".join(amendment_label(a.amendment, a.by, self.lang) for a in owners), style="label")


def _overlap(ours: str, theirs: str) -> bool:
    return bool(ours and theirs) and (ours in theirs or theirs in ours)
