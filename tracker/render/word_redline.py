"""``wgt compare --format docx``: the redline a secretariat can trust, Word's own tracked changes.

Accepting every change in Word (or LibreOffice) gives the later revision and
rejecting every change gives the earlier one, word for word and number for
number, as ``wgt render`` issues each of them. So this redline is not drawn
from the readable one (:mod:`~tracker.render.redline`, with its folds, labels
and former numbers, which are no part of either text); it is the two issued
layouts (:func:`~tracker.render.layout.build_layout`) merged:

* blocks are aligned by their unit's stable id (and the others, caption,
  closing lines, by their role in order); a block of one revision only is a
  paragraph inserted or deleted, its paragraph mark tracked with its words, so
  that accepting or rejecting leaves nothing of it behind;
* within a block, words, emphasis and footnote calls are diffed as tokens; each
  run of changed tokens is a tracked change in the name of the delegation whose
  amendment made it (:class:`~tracker.render.authorship.Authorship`), dated the
  revision that incorporated it, and followed by a comment naming the amendment;
* numbers are Word's own numbering wherever Word can print both revisions'
  numbers (:mod:`tracker.render.word`), so renumbering is no change at all and
  is credited to nobody; only numbers Word cannot count (``5 bis``) are typed,
  their renumbering tracked as nobody's (``Renumbering``);
* the header block is merged the same way: the new symbol and date are the
  secretariat's changes; what the redline is (caption, the revisions compared,
  the amendments, the legend) is a comment on the title, no part of the text.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from itertools import groupby
from operator import itemgetter

from tracker.compare import Attribution, Comparison, UnitChange
from tracker.i18n import translations
from tracker.patches.words import sequence_diff, tokens
from tracker.render.authorship import Authorship
from tracker.render.layout import build_layout
from tracker.render.model import (
    DELETED,
    INSERTED,
    TRACKED,
    Block,
    Change,
    Footnote,
    Layout,
    Run,
    header_blocks,
)
from tracker.render.record import Negotiation, compared
from tracker.render.redline import notations_said, redline_summary
from tracker.render.status import OPEN
from tracker.workspace import Workspace

#: A footnote call as a token: its note's text stands for it (the same note, the same token).
_NOTE = "\0note"
#: A status mark's token (``(agreed)``, the square brackets of open text): the chair's, drawn in italics.
_MARK = "\0mark"


def word_redline_layout(ws: Workspace, symbol: str, rev_from: int, rev_to: int, lang: str | None) -> Layout:
    """The redline of ``symbol`` from ``rev_from`` to ``rev_to`` in ``lang``, as Word tracked changes."""
    neg, comparison = compared(ws, symbol, rev_from, rev_to, lang)
    old, new = build_layout(neg.draft(rev_from)), build_layout(neg.draft(rev_to))
    layout = _Merge(Authorship(neg, comparison), {u.wid: u for u in comparison.units}).merge(old, new)
    layout.author = ws.config.body
    layout.blocks[_title_at(layout)].remark = _remark(neg, comparison)
    return layout


class _Merge:
    """Merges the layouts of two revisions into one whose tracked changes turn either into the other."""

    def __init__(self, authors: Authorship, units: dict[str, UnitChange]) -> None:
        self.authors = authors
        self.units = units
        self.notes: list[Footnote] = []
        self.old_notes: dict[int, Footnote] = {}
        self.new_notes: dict[int, Footnote] = {}

    def merge(self, old: Layout, new: Layout) -> Layout:
        self.old_notes = {n.number: n for n in old.notes}
        self.new_notes = {n.number: n for n in new.notes}
        old_blocks, new_blocks = _blocks(old), _blocks(new)
        blocks = self.merge_blocks(old_blocks, new_blocks)
        (old_left, old_right), (new_left, new_right) = header_blocks(old.header), header_blocks(new.header)
        header = (self.merge_blocks(old_left, new_left), self.merge_blocks(old_right, new_right))
        return replace(
            new,
            blocks=blocks,
            notes=self.notes,
            legend=None,
            tracked_changes=True,
            header_blocks=header,
            renumbering=translations(new.lang).gettext("Renumbering"),
            properties={},
        )

    def merge_blocks(self, old: list[Block], new: list[Block]) -> list[Block]:
        """The blocks of both, aligned by key: kept ones diffed, the others inserted or deleted whole."""
        old_keys, new_keys = _keys(old), _keys(new)
        out: list[Block] = []
        matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for before, after in zip(old[i1:i2], new[j1:j2]):
                    out += self.kept(before, after)
                continue
            out += [self.whole(block, DELETED) for block in old[i1:i2]]
            out += [self.whole(block, INSERTED) for block in new[j1:j2]]
        return out

    def kept(self, old: Block, new: Block) -> list[Block]:
        """A block both revisions have: its words diffed; as a deletion and an insertion if its form changed."""
        if (old.role, old.level, old.list_key, old.style) != (new.role, new.level, new.list_key, new.style):
            return [self.whole(old, DELETED), self.whole(new, INSERTED)]
        block = replace(new, runs=[], mark=None, num_from=old.num)
        # Most paragraphs did not change: their runs whole, compared and joined as their tokens would be.
        old_tokens, new_tokens = (
            self.tokens(old, self.old_notes, whole=True),
            self.tokens(new, self.new_notes, whole=True),
        )
        if old_tokens != new_tokens:
            old_tokens, new_tokens = self.tokens(old, self.old_notes), self.tokens(new, self.new_notes)
        if old_tokens == new_tokens:
            block.runs = self.runs(new_tokens, None)
            return [block]
        unit = self.units.get(new.unit) if new.unit else None
        hunk: list[tuple[int, list]] = []
        for op, found in sequence_diff(old_tokens, new_tokens):
            if op == 0:
                block.runs += self.hunk(hunk, unit)
                hunk = []
                block.runs += self.runs(found, None)
            else:
                hunk.append((op, found))
        block.runs += self.hunk(hunk, unit)
        return [block]

    def whole(self, block: Block, kind: str) -> Block:
        """A block of one revision only: every token and the paragraph mark one change, labelled."""
        unit = self.units.get(block.unit) if block.unit else None
        owners = self.authors.texts(unit) if unit is not None else []
        change = self.authors.change(kind, owners)
        found = self.tokens(block, self.new_notes if kind == INSERTED else self.old_notes, whole=True)
        runs = self.runs(found, change)
        if owners:
            runs.append(self.authors.label(owners))
        num, num_from = (block.num, None) if kind == INSERTED else (None, block.num)
        # A deleted unit's bookmark would name a unit the later revision does not have, or name one twice.
        return replace(
            block,
            runs=runs,
            mark=None,
            change=change,
            num=num,
            num_from=num_from,
            unit=block.unit if kind == INSERTED else None,
        )

    def hunk(self, hunk: list[tuple[int, list]], unit: UnitChange | None) -> list[Run]:
        """One run of changed tokens: its deletions then its insertions, each in its author's name, then a label."""
        if not hunk:
            return []
        deleted = [token for op, found in hunk if op < 0 for token in found]
        inserted = [token for op, found in hunk if op > 0 for token in found]
        texts = self.authors.texts(unit) if unit is not None else []
        words = texts and self.authors.owners(_words(deleted), _words(inserted), texts)
        runs: list[Run] = []
        named: list[Attribution] = []
        for kind, found in ((DELETED, deleted), (INSERTED, inserted)):
            for piece in _pieces(found):
                if piece[0][0] == _MARK:  # the chair declared the status; no amendment made it
                    runs += self.runs(piece, self.authors.chair_change(kind))
                    continue
                owners = words
                if piece[0][0] == _NOTE and unit is not None:
                    owners = self.authors.statements(unit, piece[0][1]) or texts
                named += [a for a in owners if a not in named]
                runs += self.runs(piece, self.authors.change(kind, owners))
        if named:
            runs.append(self.authors.label(named))
        return runs

    def tokens(self, block: Block, notes: dict[int, Footnote], whole: bool = False) -> list[tuple[str | None, str]]:
        """The block's words (with their emphasis), its footnote calls (by their text) and its marks, as tokens.

        ``whole``: each run of words one token. The words' tokens are a function of those, and
        :meth:`runs` joins either into the same runs, so blocks equal this way are equal word by word.
        """
        out: list[tuple[str | None, str]] = []
        runs = list(block.runs)
        brackets = block.status == OPEN and len(runs) >= 2 and runs[0].text == "[" and runs[-1].text == "]"
        for n, run in enumerate(runs):
            if run.note is not None:
                out.append((_NOTE, notes[run.note].text))
            elif brackets and n in (0, len(runs) - 1):
                out.append((_MARK, run.text))
            elif whole:
                if run.text:  # an empty run has no token
                    out.append((run.style, run.text))
            else:
                out += [(run.style, token) for token in tokens(run.text)]
        if block.mark:
            out += [(None, " "), (_MARK, block.mark)]
        return out

    def runs(self, found: list[tuple[str | None, str]], change: Change | None) -> list[Run]:
        """Tokens as runs: words of one emphasis joined, each call a new footnote of the merged document."""
        out: list[Run] = []
        # The texts each run of ``out`` joins (None for a call), joined once at the end: a paragraph is
        # hundreds of tokens, and remaking its run for each one made a redline quadratic in its length.
        texts: list[list[str] | None] = []
        for style, group in groupby(found, key=itemgetter(0)):
            if style == _NOTE:
                for _, text in group:
                    number = len(self.notes) + 1
                    self.notes.append(Footnote(number, text, change))
                    out.append(Run(note=number, change=change))
                    texts.append(None)
            elif style == _MARK:
                for _, text in group:
                    out.append(Run(text, change=change, style="em" if text.startswith("(") else None))
                    texts.append([text])
            else:  # words of one emphasis: one run, or more of the run before (a mark of that style)
                words = "".join(text for _, text in group)
                if out and out[-1].note is None and out[-1].style == style:
                    texts[-1].append(words)
                else:
                    out.append(Run(words, change=change, style=style))
                    texts.append([words])
        return [
            run if joined is None or len(joined) == 1 else replace(run, text="".join(joined))
            for run, joined in zip(out, texts)
        ]


def _blocks(layout: Layout) -> list[Block]:
    """The layout's paragraphs, its legend first (where ``wgt render`` draws it)."""
    legend = [Block("legend", [Run(layout.legend)])] if layout.legend else []
    return [*legend, *layout.paragraphs()]


def _keys(blocks: list[Block]) -> list[tuple]:
    """What aligns a block with its counterpart: its unit's id, else its role and its place among its kind."""
    seen: dict[tuple, int] = {}
    out = []
    for block in blocks:
        if block.unit:
            out.append(("unit", block.unit))
            continue
        kind = (block.role, block.style)
        seen[kind] = seen.get(kind, 0) + 1
        out.append(("block", *kind, seen[kind]))
    return out


def _pieces(found: list[tuple[str | None, str]]) -> list[list[tuple[str | None, str]]]:
    """Tokens split so that each footnote call and each mark stands alone (its author is not the words')."""
    out: list[list[tuple[str | None, str]]] = []
    for token in found:
        if token[0] in (_NOTE, _MARK) or not out or out[-1][0][0] in (_NOTE, _MARK):
            out.append([token])
        else:
            out[-1].append(token)
    return out


def _words(found: list[tuple[str | None, str]]) -> str:
    return "".join(text for style, text in found if style != _NOTE)


def _title_at(layout: Layout) -> int:
    """Where the comment saying what the redline is goes: the title, else the first paragraph."""
    return next((i for i, b in enumerate(layout.blocks) if isinstance(b, Block) and b.role == "title"), 0)


def _remark(neg: Negotiation, comparison: Comparison) -> str:
    """What the redline is, said once in a comment: caption, revisions compared, counts, amendments, legend."""
    tr = translations(comparison.lang)
    new, old = neg.symbol.with_rev(comparison.rev_to), neg.symbol.with_rev(comparison.rev_from)
    return "\n".join(
        [
            *redline_summary(neg, comparison),
            notations_said(tr)[TRACKED],
            # TRANSLATORS: the end of the comment that says what a Word redline is; {new} and {old} are symbols.
            tr.gettext(
                "Accepting every change gives {new} and rejecting every change gives {old}, word for word; "
                "paragraph and footnote numbers are Word's own and follow the changes."
            ).format(new=new, old=old),
        ]
    )
