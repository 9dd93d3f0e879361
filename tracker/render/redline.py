"""``wgt compare``: the redline between two revisions, word by word, each change labelled.

The comparison itself is :func:`tracker.compare.compare_revisions` (units
aligned by wId, word diffs, the amendments each revision records per unit).
Here it becomes a :class:`~tracker.render.model.Layout` in the document's
language:

* each run of inserted or deleted words is a :class:`~tracker.render.model.Change`
  whose author is the delegation (``México``) and whose date is the revision's,
  followed by a label naming the amendment (``MX-3 (México)``). Where a unit
  was changed by several amendments, each change is matched to the amendment
  whose own proposal made it (its base and proposed texts, diffed the same way).
  Labels are set apart from the words around them by
  :mod:`~tracker.render.redline_text`, which lays each unit's runs out;
* statements entered as footnotes are inserted footnotes, labelled the same way. Every
  note carries the number the later revision's own document gives it (``wgt render``:
  reading order, notes in folded paragraphs counted), so a delegate can cite either
  document; a note the later revision lost with its deleted paragraph has no such number
  and is marked ``*`` and the number it had in the earlier one (``*3``);
* every paragraph whose number changed, folded or not, shows the old number struck
  through, the new one, and a label ``formerly 5`` / ``antes 5``; a fold's summary adds
  the renumbered ones (``; renumbered: operative paragraphs 7 to 15, formerly 6 to 14``);
* runs of unchanged paragraphs become a :class:`~tracker.render.model.Fold`
  (``… 12 unchanged paragraphs: the first to twelfth preambular paragraphs …``), unfolded with ``full``;
* the legend is said once per way a format draws changes (struck through and
  underlined, Word tracked changes and comments, ``[-…-]{+…+}⟨…⟩``, Markdown's
  ``~~…~~`` and ``<ins>``): each writer draws the one for what it shows.
"""

from __future__ import annotations

from tracker.akn.meta import read_header
from tracker.compare import Attribution, Comparison, UnitChange
from tracker.i18n import count_words, running_date, translations
from tracker.render.authorship import Authorship
from tracker.render.citing import amendment_label
from tracker.render.layout import make_header, unit_role
from tracker.render.model import (
    DELETED,
    INSERTED,
    MARKDOWN,
    MARKED,
    TRACKED,
    WDIFF,
    Block,
    Change,
    Fold,
    Footnote,
    Layout,
    Run,
)
from tracker.render.prose import counted
from tracker.render.record import Negotiation, compared, counted_paragraphs
from tracker.render.redline_text import Call, HunkChanges, former_numbers, spaced, unit_runs
from tracker.workspace import Workspace


def redline_layout(ws: Workspace, symbol: str, rev_from: int, rev_to: int, lang: str | None, full: bool) -> Layout:
    """The redline of ``symbol`` from ``rev_from`` to ``rev_to`` in ``lang``."""
    neg, comparison = compared(ws, symbol, rev_from, rev_to, lang)
    return _Redline(neg, comparison, full).build()


class _Redline:
    def __init__(self, neg: Negotiation, comparison: Comparison, full: bool) -> None:
        self.neg = neg
        self.comparison = comparison
        self.lang = comparison.lang
        self.full = full
        self.tr = translations(self.lang)
        self.authors = Authorship(neg, comparison)
        self.layout: Layout | None = None
        #: Each note's number: as the later revision's own document numbers it (``wgt render``), by
        #: (unit, index among its notes); and as the earlier one did, for the notes the later one lost.
        self.numbers = _note_numbers(comparison, later=True)
        self.former = _note_numbers(comparison, later=False)
        #: The notes drawn so far, by number; the lost ones get keys after the later revision's last.
        self.notes: dict[int, Footnote] = {}
        self.next_lost = len(self.numbers) + 1

    def build(self) -> Layout:
        c, tr = self.comparison, self.tr
        new = self.neg.draft(c.rev_to)
        symbol = self.neg.symbol.with_rev(c.rev_to)
        header = make_header(tr, symbol, c.date_to, self.lang, new.meta.original_lang, read_header(new.root))
        # The later revision's title (its kept and inserted words), not the diff's first piece.
        title = next(("".join(t for op, t in u.diff if op >= 0) for u in c.units if u.kind == "docTitle"), "")
        layout = self.layout = Layout(self.lang, symbol, title, header, tracked_changes=True)
        layout.blocks.append(Block("caption", [Run(self.caption())]))
        layout.blocks += self.introduction()
        layout.blocks.append(self.legend())
        unchanged: list[tuple[UnitChange, Block]] = []
        for unit in c.units:
            if (
                unit.status == "unchanged"
                and not unit.added_notes
                and not unit.notes_removed
                and unit.kind != "docTitle"
            ):
                unchanged.append((unit, self.plain_block(unit)))
                continue
            self.fold(unchanged)
            unchanged = []
            layout.blocks.append(self.changed_block(unit))
        self.fold(unchanged)
        layout.notes = [self.notes[number] for number in sorted(self.notes)]
        return layout

    def caption(self) -> str:
        # TRANSLATORS: the caption of a redline between two revisions of a document.
        return self.tr.gettext("COMPARISON OF REVISIONS")

    def legend(self) -> Block:
        """What the reader sees, said for each way a format draws the changes; then renumbering and notes."""
        c, tr = self.comparison, self.tr
        said = notations_said(tr)
        more = []
        if any(u.renumbered for u in c.units):
            more.append(tr.gettext("A paragraph whose number changed shows its former number after the new one."))
        if self.numbers or self.former:
            new, old = self.neg.symbol.with_rev(c.rev_to), self.neg.symbol.with_rev(c.rev_from)
            if any(u.notes_removed for u in c.units):
                more.append(
                    tr.gettext(
                        "Footnotes are numbered as in {new}; a footnote deleted with its paragraph is marked "
                        "with an asterisk and the number it had in {old}."
                    ).format(new=new, old=old)
                )
            elif self.numbers:
                more.append(tr.gettext("Footnotes are numbered as in {new}.").format(new=new))
        runs = {notation: [Run(" ".join([text, *more]))] for notation, text in said.items()}
        return Block("legend", runs[MARKED], notations=runs)

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
        # Counts in words (up to ten), the first with a capital: it opens the sentence.
        summary = (
            "; ".join(
                counted(part, n, self.lang, sentence=index == 0) for index, (part, n) in enumerate(zip(parts, numbers))
            )
            + "."
        )
        blocks = [Block("paragraph", [Run(intro), Run(" "), Run(summary)])]
        seen = {a.amendment: a for u in c.units for a in u.attributions}
        if seen:
            names = ", ".join(amendment_label(a.amendment, a.by, self.lang) for a in seen.values())
            lead = tr.gettext("Amendments and statements incorporated:")
            blocks.append(Block("paragraph", [Run(lead, style="strong"), Run(f" {names}.")]))
        records = {r.id: r for r in self.neg.records}
        for amendment in seen:  # a compromise among them: which proposals it combines, and how many words each
            record = records.get(amendment)
            if record is not None and record.supersedes:
                from tracker.render.consensus import compromise_line, share_sentence

                line = compromise_line(self.neg, record) + ". " + share_sentence(self.neg, record)
                blocks.append(Block("paragraph", [Run(line, style="em")]))
        return blocks

    def fold(self, unchanged: list[tuple[UnitChange, Block]]) -> None:
        if not unchanged:
            return
        citations = self.neg.citations(self.comparison.rev_to)  # unchanged units are all in the new revision
        units = [citations.by_wid[u.wid] for u, _ in unchanged]
        cited = citations.cite_all(units)
        count = len(counted_paragraphs(units))  # as the group counts: no formula, no opener, sub-paragraphs in theirs
        if count:
            summary = self.tr.ngettext(
                "… {count} unchanged paragraph: {labels} …", "… {count} unchanged paragraphs: {labels} …", count
            ).format(count=count_words(count, self.lang), labels=cited + self.renumbered(unchanged))
        else:
            # TRANSLATORS: a run of unchanged units none of which is a paragraph (the enacting formula).
            summary = self.tr.gettext("… unchanged: {labels} …").format(labels=cited + self.renumbered(unchanged))
        self.layout.blocks.append(Fold(summary, [b for _, b in unchanged], open=self.full))

    def renumbered(self, unchanged: list[tuple[UnitChange, Block]]) -> str:
        """What a fold's summary adds for its paragraphs whose number changed (``; renumbered: …, formerly 6 to 14``)."""
        moved = [u for u, _ in unchanged if u.renumbered]
        if not moved:
            return ""
        citations = self.neg.citations(self.comparison.rev_to)
        renumbered = {u.wid for u in moved}
        folded = [citations.by_wid[u.wid] for u, _ in unchanged]
        # A renumbered paragraph's sub-paragraphs are cited with it (their citations changed too), so
        # "operative paragraphs 7 to 15" is one range, not broken wherever a paragraph has sub-paragraphs.
        cited = citations.cite_all(u for u in folded if u.wid in renumbered or _under(u, renumbered, citations))
        # TRANSLATORS: a span of former paragraph numbers (6 to 14), in a fold's summary.
        span = self.tr.gettext("{first} to {last}")
        former = former_numbers([u.num_from for u in moved], lambda a, b: span.format(first=a, last=b))
        # TRANSLATORS: added to "… 9 unchanged paragraphs: …" for those of them whose number changed.
        return self.tr.gettext("; renumbered: {paragraphs}, formerly {numbers}").format(
            paragraphs=cited, numbers=former
        )

    def plain_block(self, unit: UnitChange) -> Block:
        """An unchanged paragraph: its words and notes, its number marked as changed when it was renumbered."""
        role, level = unit_role(unit.kind, unit.label, unit.num_to)
        block = Block(role, [], level=level)
        runs = self.number_runs(unit, block, [])
        if unit.notes_to or unit.notes_from:
            words = unit_runs(unit.diff, self.calls(unit, []), self.hunk_changes(unit, []))
        else:  # most paragraphs: their words as one run, as unit_runs lays out a text with no change and no call
            words = [Run(text) for _, text in unit.diff if text]
        block.runs = spaced([*runs, *words])
        return block

    def changed_block(self, unit: UnitChange) -> Block:
        """A changed, inserted or deleted paragraph (or one that gained a note): changes labelled, notes in place."""
        role, level = unit_role(unit.kind, unit.label, unit.num_to or unit.num_from)
        block = Block(role, [], level=level)
        texts = self.authors.texts(unit)
        runs = self.number_runs(unit, block, texts)
        block.runs = spaced([*runs, *unit_runs(unit.diff, self.calls(unit, texts), self.hunk_changes(unit, texts))])
        return block

    def number_runs(self, unit: UnitChange, block: Block, texts: list[Attribution]) -> list[Run]:
        """The number as a change where it changed (``~~5.~~ 6.`` labelled ``formerly 5``), else the block's own."""
        if unit.status in ("inserted", "deleted"):
            kind = INSERTED if unit.status == "inserted" else DELETED
            number = unit.num_to if kind == INSERTED else unit.num_from
            return [Run(f"{number} ", change=self.change(kind, texts))] if number else []
        if (unit.num_from or "") == (unit.num_to or ""):
            block.num = unit.num_to
            return []
        out = []
        if unit.num_from:
            out.append(Run(unit.num_from, change=self.change(DELETED, [])))
        if unit.num_to:
            out.append(Run(unit.num_to, change=self.change(INSERTED, [])))
        if unit.renumbered:
            # TRANSLATORS: the label after a renumbered paragraph's new number ("formerly 5").
            former = self.tr.gettext("formerly {number}").format(number=unit.num_from.strip().rstrip("."))
            out.append(Run(former, style="label"))
        return [*out, Run(" ")]

    def hunk_changes(self, unit: UnitChange, texts: list[Attribution]) -> HunkChanges:
        """Who made each run of changed words: the whole unit's amendments, or those whose proposal made them."""

        def changes(hunk: list[tuple[int, str]]) -> tuple[Change, Change, Run]:
            owners = texts if unit.status in ("inserted", "deleted") else self.owners(hunk, texts, unit)
            return self.change(DELETED, owners), self.change(INSERTED, owners), self.label(owners)

        return changes

    def calls(self, unit: UnitChange, texts: list[Attribution]) -> list[Call]:
        """The unit's footnote calls, each note numbered as the later revision numbers it.

        A note the earlier revision lacked is an inserted call labelled with the statement that
        entered it; one the later revision lost (with its deleted paragraph) keeps a mark of its
        own, ``*`` and the number it had, since the later revision gives it none.
        """
        out = []
        added = {id(note) for note in unit.added_notes}
        for index, note in enumerate(unit.notes_to):
            number, text = self.numbers[(unit.wid, index)], " ".join(note.text.split())
            runs: tuple[Run, ...] = (Run(note=number),)
            change = None
            if id(note) in added:
                statements = self.statements(unit, text)
                change = self.change(INSERTED, statements or texts)
                runs = (Run(note=number, change=change),)
                if statements or unit.status != "inserted":  # in a new paragraph, the paragraph's label says it
                    runs += (self.label(statements or texts),)
            self.notes[number] = Footnote(number, text, change)
            out.append(Call(note.offset, False, runs))
        lost = {id(note) for note in unit.notes_removed}
        for index, note in enumerate(unit.notes_from):
            if id(note) not in lost:
                continue
            number, mark = self.next_lost, f"*{self.former[(unit.wid, index)]}"
            self.next_lost += 1
            change = self.change(DELETED, texts)
            self.notes[number] = Footnote(number, " ".join(note.text.split()), change, mark=mark)
            out.append(Call(note.offset, True, (Run(note=number, change=change, mark=mark),)))
        return out

    def statements(self, unit: UnitChange, text: str) -> list[Attribution]:
        return self.authors.statements(unit, text)

    def owners(self, hunk: list[tuple[int, str]], texts: list[Attribution], unit: UnitChange) -> list[Attribution]:
        """The amendments among ``texts`` whose own proposal deletes or inserts these words (else all of them)."""
        deleted = "".join(t for op, t in hunk if op < 0)
        inserted = "".join(t for op, t in hunk if op > 0)
        return self.authors.owners(deleted, inserted, texts)

    def change(self, kind: str, owners: list[Attribution]) -> Change:
        return self.authors.change(kind, owners)

    def label(self, owners: list[Attribution]) -> Run:
        return self.authors.label(owners)


def notations_said(tr) -> dict[str, str]:
    """The legend's first sentence for each way a format draws a redline's changes, in ``tr``'s language."""
    return {
        # TRANSLATORS: the legend of a redline in HTML and PDF (labels in square brackets).
        MARKED: tr.gettext(
            "Deleted words are struck through and inserted words underlined; each change is followed, "
            "in square brackets, by the amendment and the delegation that made it."
        ),
        # TRANSLATORS: the legend of a redline in Word (tracked changes, labels as comments).
        TRACKED: tr.gettext(
            "Changes are Word tracked changes, each in the name of the delegation that made it: Word and "
            "LibreOffice show deleted words struck through and inserted words underlined, and accept or "
            "reject each change; the amendment that made a change is named in a comment on it."
        ),
        # TRANSLATORS: the legend of a redline in plain text; keep the marks [- -] {+ +} ⟨ ⟩ as they are.
        WDIFF: tr.gettext(
            "Deleted words are between [- and -], inserted words between {+ and +}; each change is "
            "followed, between ⟨ and ⟩, by the amendment and the delegation that made it."
        ),
        # TRANSLATORS: the legend of a redline in Markdown; keep ~~…~~ and <ins>…</ins> as they are.
        MARKDOWN: tr.gettext(
            "Deleted words are struck through (~~…~~) and inserted words underlined (<ins>…</ins>); each "
            "change is followed, in square brackets, by the amendment and the delegation that made it."
        ),
    }


def redline_summary(neg: Negotiation, comparison: Comparison) -> list[str]:
    """What a redline is, in lines: its caption, the revisions compared and what changed, the amendments."""
    redline = _Redline(neg, comparison, full=True)
    return [redline.caption(), *(block.text for block in redline.introduction())]


def _note_numbers(comparison: Comparison, later: bool) -> dict[tuple[str, int], int]:
    """``{(unit wId, index among its notes): number}``: every note of one revision in reading order from 1.

    The units of a comparison follow the later revision's order (a deleted unit where it stood),
    and a unit's notes follow their offsets: the order :mod:`~tracker.render.layout` numbers them in.
    """
    numbers: dict[tuple[str, int], int] = {}
    for unit in comparison.units:
        if unit.status == ("deleted" if later else "inserted"):
            continue
        for index, _ in enumerate(unit.notes_to if later else unit.notes_from):
            numbers[(unit.wid, index)] = len(numbers) + 1
    return numbers


def _under(unit, wids: set[str], citations) -> bool:
    """Whether ``unit`` is inside one of the units ``wids`` (a sub-paragraph of a renumbered paragraph)."""
    parent = unit.parent
    while parent is not None:
        if parent in wids:
            return True
        above = citations.by_wid.get(parent)
        parent = above.parent if above is not None else None
    return False
