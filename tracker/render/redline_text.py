"""The runs of one paragraph of a redline: words kept, changed and labelled, footnote calls in place.

:mod:`tracker.render.redline` decides who made each change and what each note is;
this module lays a unit's word diff out as :class:`~tracker.render.model.Run` s so
that every format reads well from the same runs:

* :func:`tidy` puts each run of changed words (a *hunk*) into one deletion and one
  insertion and moves the space that ends a hunk out of it, where both revisions
  agree it is. ``LOS DERECHOS ·{+HUMANOS ·+}DE TODOS`` becomes ``LOS DERECHOS{+ HUMANOS+}
  DE TODOS``: the same two texts, and the label that follows the hunk no longer
  lands between a word and the space before the next one;
* :func:`unit_runs` places each footnote call at its offset, in the text of the
  revision that has the note, and follows each hunk with its label;
* :func:`spaced` sets every label apart from the words around it with ``gap`` runs,
  except before the punctuation that closes a phrase (``⟨GT-1 (Guatemala)⟩, the``):
  a label sits between words, never glued to the next one (``HUMANOS ⟨MX-4⟩DE``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tracker.render.model import Change, Run

#: A space that sets a label apart (drawn as a space, part of neither revision's text).
GAP = Run(" ", style="gap")
#: Characters a label is not set apart from when they follow it: they close what comes before.
_CLOSING = set(".,;:!?)]}»”’…/")

Segment = tuple[int, str]
#: For a hunk: the change its deleted words get, the change its inserted words get, and its label.
HunkChanges = Callable[[list[Segment]], tuple[Change, Change, Run | None]]


@dataclass(frozen=True)
class Call:
    """A footnote call to place at ``offset`` of the earlier text (``old``) or of the later one."""

    offset: int
    old: bool
    #: The reference run, and the label of the statement that entered it when it is new.
    runs: tuple[Run, ...]


def tidy(diff: list[Segment]) -> list[Segment]:
    """``diff`` with each hunk as one deletion then one insertion, its closing space moved out where it may be.

    The texts both sides give are unchanged: kept + deleted is the earlier text, kept +
    inserted the later one. A replacement whose two sides end with the same spaces
    leaves them to the kept words after it; a pure insertion or deletion ending with
    spaces the kept words before it also end with slides back by those spaces.
    """
    out: list[list] = []
    pending: list[Segment] = [(op, text) for op, text in diff if text]
    i = 0
    while i < len(pending):
        op, text = pending[i]
        if op == 0:
            if out and out[-1][0] == 0:
                out[-1][1] += text
            else:
                out.append([0, text])
            i += 1
            continue
        deleted = inserted = ""
        while i < len(pending) and pending[i][0] != 0:
            if pending[i][0] < 0:
                deleted += pending[i][1]
            else:
                inserted += pending[i][1]
            i += 1
        before = out[-1] if out and out[-1][0] == 0 else None
        moved = ""
        if deleted and inserted:
            moved = _common_trailing_space(deleted, inserted)
            if moved in (deleted, inserted):
                moved = ""
            deleted, inserted = deleted[: len(deleted) - len(moved)], inserted[: len(inserted) - len(moved)]
        elif before is not None:
            changed = deleted or inserted
            space = changed[len(changed.rstrip()) :]
            if space and space != changed and before[1].endswith(space):
                before[1] = before[1][: len(before[1]) - len(space)]
                changed = space + changed[: len(changed) - len(space)]
                moved = space
                deleted, inserted = (changed, "") if deleted else ("", changed)
        if before is not None and not before[1]:
            out.pop()
        if deleted:
            out.append([-1, deleted])
        if inserted:
            out.append([1, inserted])
        if moved:
            if i < len(pending) and pending[i][0] == 0:
                pending[i] = (0, moved + pending[i][1])
            else:
                out.append([0, moved])
    return [(op, text) for op, text in out if text]


def _common_trailing_space(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n] and a[-1 - n].isspace():
        n += 1
    return a[len(a) - n :]


def unit_runs(diff: list[Segment], calls: list[Call], changes: HunkChanges) -> list[Run]:
    """The runs of a unit's text: kept words plain, each hunk as its changes then its label, calls in place.

    A call at offset ``k`` of a revision's text follows that text's ``k``-th character
    (at ``0``, it opens the paragraph): a later revision's call goes in kept or
    inserted words, an earlier revision's in kept or deleted words.
    """
    old_calls = sorted((c for c in calls if c.old), key=lambda c: c.offset)
    new_calls = sorted((c for c in calls if not c.old), key=lambda c: c.offset)
    runs: list[Run] = []
    hunk: list[tuple[Segment, list[tuple[int, Call]]]] = []
    old_at = new_at = 0

    def take(queue: list[Call], start: int, length: int) -> list[tuple[int, Call]]:
        taken = []
        while queue and (start < queue[0].offset <= start + length or queue[0].offset == start == 0):
            call = queue.pop(0)
            taken.append((call.offset - start, call))
        return taken

    def close_hunk() -> None:
        if not hunk:
            return
        deletion, insertion, label = changes([segment for segment, _ in hunk])
        for (op, text), inner in hunk:
            runs.extend(_pieces(text, inner, deletion if op < 0 else insertion))
        if label is not None:
            runs.append(label)
        hunk.clear()

    for op, text in tidy(diff):
        inner = []
        if op <= 0:
            inner += take(old_calls, old_at, len(text))
        if op >= 0:
            inner += take(new_calls, new_at, len(text))
        inner.sort(key=lambda placed: (placed[0], not placed[1].old))
        if op == 0:
            close_hunk()
            runs.extend(_pieces(text, inner, None))
        else:
            hunk.append(((op, text), inner))
        old_at += len(text) if op <= 0 else 0
        new_at += len(text) if op >= 0 else 0
    close_hunk()
    for call in [*old_calls, *new_calls]:  # past the end of the text: after it
        runs.extend(call.runs)
    return runs


def _pieces(text: str, inner: list[tuple[int, Call]], change: Change | None) -> list[Run]:
    """``text`` as runs of ``change``, split where the calls go."""
    out: list[Run] = []
    cursor = 0
    for position, call in inner:
        if position > cursor:
            out.append(Run(text[cursor:position], change=change))
            cursor = position
        out.extend(call.runs)
    if cursor < len(text):
        out.append(Run(text[cursor:], change=change))
    return out


def spaced(runs: list[Run]) -> list[Run]:
    """``runs`` with a gap before each label and after it, where no space or closing punctuation already is."""
    out: list[Run] = []
    for n, run in enumerate(runs):
        if run.style != "label":
            out.append(run)
            continue
        if out and not _ends_open(out[-1]):
            out.append(GAP)
        out.append(run)
        following = runs[n + 1] if n + 1 < len(runs) else None
        if following is not None and not _starts_closed(following):
            out.append(GAP)
    return out


def _ends_open(run: Run) -> bool:
    """The run already leaves a space after it (or is one)."""
    return run.style == "gap" or (run.note is None and run.text[-1:].isspace())


def _starts_closed(run: Run) -> bool:
    """What follows a label needs no space before it: a space, a closing sign, or a label (it brings its own)."""
    if run.style == "label" or run.note is not None:
        return run.style == "label"
    return run.text[:1].isspace() or run.text[:1] in _CLOSING


def former_numbers(numbers: list[str], span: Callable[[str, str], str]) -> str:
    """Numbers (``6.``, ``7.``, ``9.``) as a reader cites them: consecutive ones as a span (``6 to 7, 9``)."""
    bare = [number.strip().rstrip(".") for number in numbers]
    groups: list[list[str]] = []
    for number in bare:
        if groups and number.isdigit() and groups[-1][-1].isdigit() and int(number) == int(groups[-1][-1]) + 1:
            groups[-1].append(number)
        else:
            groups.append([number])
    return ", ".join(group[0] if len(group) == 1 else span(group[0], group[-1]) for group in groups)
