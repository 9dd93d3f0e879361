"""What ``wgt amend from-word`` found in a file, and the summary a person reads of it.

The summary names the file's document, revision and language, every author of
its revisions (warning of any that is not the proposing delegation), each unit
matched by position and text because its marker was lost, what was listed and
ignored (formatting-only revisions, changes to footnotes or to the paragraphs
that are no unit, comments not on a change), then each proposal — its id, the
paragraph, its kind, the words it changes, *untracked* when they were changed
without Track Changes, its justification — and the stale ones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tracker.amendments.batch import DELETE_UNIT, NEW_UNIT, Planned
from tracker.amendments.record import Amendment
from tracker.i18n import N_, _, count_words, ngettext, term, ui_language
from tracker.importer.revised import NoteChange
from tracker.patches import word_diff

#: Unchanged words shown on each side of a change; longer stretches are cut to "…".
CONTEXT_WORDS = 5
#: What a note is called in the summary.
NOTE_KINDS = {"footnote": N_("footnote"), "endnote": N_("endnote")}
#: Characters of a quoted text (a new paragraph, a comment) shown in the summary.
QUOTE_CHARS = 160


@dataclass
class Found:
    """One proposal the file makes: what to record, where it comes from, and its words before and after."""

    plan: Planned
    #: The unit's label (for a new paragraph, the unit it follows).
    label: str
    #: The paragraph of the file it comes from (0: none; a deleted paragraph that left nothing).
    paragraph: int
    untracked: bool
    before: str
    after: str


@dataclass
class Intake:
    """A Word file taken in: its revision, authors, matches, what was ignored, and its proposals."""

    source: str
    symbol: str
    rev: int
    lang: str
    latest: int
    by: str
    dry_run: bool
    #: Whether the file holds tracked changes at all (else it was compared with the revision).
    tracked: bool
    authors: Counter[str] = field(default_factory=Counter)
    #: Authors that are not the proposing delegation.
    strangers: list[str] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)
    #: (paragraph, unit label, likeness) of units whose marker was lost.
    matched: list[tuple[int, str, float]] = field(default_factory=list)
    #: (paragraph, text) of changed paragraphs that are no unit (the caption, the closing lines).
    outside: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str, NoteChange]] = field(default_factory=list)
    #: Formatting-only revisions by unit label (or paragraph number).
    formatting: Counter[str] = field(default_factory=Counter)
    unused_comments: list[tuple[int, str]] = field(default_factory=list)
    #: The records made (numbered but neither signed nor written on a dry run), and why some are stale.
    records: list[Amendment] = field(default_factory=list)
    stale: dict[str, str] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return [record.id for record in self.records]

    def lines(self) -> list[str]:
        """The summary, one line each (proposals' justifications indented under them)."""
        lang = ui_language()
        out = [
            _("{name}: {symbol} rev. {rev} ({language})").format(
                name=self.source, symbol=self.symbol, rev=self.rev, language=self.lang
            )
        ]
        if self.authors:
            authors = ", ".join(f"{a or _('an unknown author')} ({n})" for a, n in sorted(self.authors.items()))
            out.append("  " + _("revisions by: {authors}").format(authors=authors))
        if not self.tracked:
            out.append(
                "  "
                + _(
                    "no tracked changes: compared with rev. {rev} paragraph by paragraph (every proposal untracked)"
                ).format(rev=self.rev)
            )
        for author in self.strangers:
            out.append(
                "  "
                + _(
                    "warning: {author} is not {code}; the changes are proposed as {code}'s (--strict-author refuses them)"
                ).format(author=author or _("an unknown author"), code=self.by)
            )
        if self.rev < self.latest:
            out.append(
                "  "
                + _(
                    "the file is of rev. {rev} (the latest is rev. {latest}): its proposals are made against rev. {rev}"
                ).format(rev=self.rev, latest=self.latest)
            )
        same = [label for _number, label, likeness in self.matched if likeness == 1]
        if same:
            out.append(
                "  "
                + ngettext(
                    "{count} paragraph lost its marker and was matched by position and its unchanged text ({labels})",
                    "{count} paragraphs lost their markers and were matched by position and their unchanged text "
                    "({labels})",
                    len(same),
                ).format(count=count_words(len(same), lang), labels=_labels(same))
            )
        for number, label, likeness in self.matched:
            if likeness < 1:
                out.append(
                    "  "
                    + _(
                        "paragraph {number}: {label} lost its marker; matched by position and text ({percent} % alike)"
                    ).format(number=number, label=label, percent=round(likeness * 100))
                )
        if self.formatting:
            total = sum(self.formatting.values())
            out.append(
                "  "
                + ngettext(
                    "{count} formatting change listed and ignored ({where})",
                    "{count} formatting changes listed and ignored ({where})",
                    total,
                ).format(count=count_words(total, lang), where=", ".join(self.formatting))
            )
        for number, label, note in self.notes:
            out.append(
                "  "
                + _(
                    "paragraph {number} ({label}): a change to its {kind} ignored (notes are not amended): {change}"
                ).format(
                    number=number,
                    label=label,
                    kind=_(NOTE_KINDS[note.kind]),
                    change=_quoted_change(note.before, note.after),
                )
            )
        for number, text in self.outside:
            out.append(
                "  "
                + _("paragraph {number}: a change outside the text's paragraphs ignored: {text}").format(
                    number=number, text=_quote(text)
                )
            )
        for number, text in self.unused_comments:
            out.append(
                "  "
                + _("paragraph {number}: a comment not on a change ignored: {text}").format(
                    number=number, text=_quote(text)
                )
            )
        out.append(_("Would propose (nothing written):") if self.dry_run else _("Proposed:"))
        for record, item in zip(self.records, self.found):
            out.append("  " + _proposal_line(record.id, item))
            if item.plan.justification:
                out.append("      " + _("justification: {text}").format(text=_quote(item.plan.justification)))
        for reason in self.stale.values():
            out.append("  " + _("stale: {reason}").format(reason=reason))
        return out


def _proposal_line(identifier: str, item: Found) -> str:
    kind = item.plan.kind
    where = _("after {label}").format(label=item.label) if kind == NEW_UNIT else item.label
    if kind == NEW_UNIT:
        change = _quote(item.after)
    elif kind == DELETE_UNIT:
        change = f"[-{_quote(item.before, marks=False)}-]"
    else:
        change = shown_change(item.before, item.after)
    flag = " " + _("(untracked)") if item.untracked else ""
    return f"{identifier:<8} {where:<12} {term(kind):<13} {change}{flag}"


def shown_change(before: str, after: str) -> str:
    """The words ``before`` → ``after`` as ``[-deleted-]{+inserted+}``, long unchanged stretches cut to "…"."""
    parts = []
    diffs = word_diff(before, after)
    for n, (op, text) in enumerate(diffs):
        if op == -1:
            parts.append(f"[-{text}-]")
        elif op == 1:
            parts.append(f"{{+{text}+}}")
        else:
            parts.append(_context(text, first=n == 0, last=n == len(diffs) - 1))
    return "".join(parts)


def _context(text: str, first: bool, last: bool) -> str:
    """An unchanged stretch, cut to the words next to the changes around it."""
    words = text.split(" ")
    keep = CONTEXT_WORDS + 1
    if first and len(words) > keep:
        return "… " + " ".join(words[-keep:])
    if last and len(words) > keep:
        return " ".join(words[:keep]) + " …"
    if len(words) > 2 * keep + 1:
        return " ".join(words[:keep]) + " … " + " ".join(words[-keep:])
    return text


def _labels(labels: list[str], shown: int = 8) -> str:
    """The first ``shown`` of ``labels``, then "…"."""
    return ", ".join(labels[:shown]) + (", …" if len(labels) > shown else "")


def _quote(text: str, marks: bool = True) -> str:
    """``text`` on one line, cut to :data:`QUOTE_CHARS`; only printable characters reach the terminal."""
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    cut = text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"
    return f"«{cut}»" if marks else cut


def _quoted_change(before: str, after: str) -> str:
    return f"{_quote(before) if before else '—'} → {_quote(after) if after else '—'}"


__all__ = ["Found", "Intake", "shown_change"]
