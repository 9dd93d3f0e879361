"""Making and reading diff-match-patch patch text (``patch_toText``)."""

from __future__ import annotations

from diff_match_patch import diff_match_patch

from tracker.i18n import _


class PatchError(ValueError):
    """A patch that is not valid patch text or does not reproduce from its base."""


#: Steps of the bisection one diff may take. Myers' algorithm costs about d² at depth d, so a
#: budget of 1,000 steps bounds a diff of any two texts a unit may hold (20,000 characters)
#: to about half a second; texts that differ more are diffed coarsely (the rest of the
#: text replaced whole), which is still exact: only the diff is less fine, never wrong.
DIFF_STEPS = 1_000


class StepBudget:
    """A diff-match-patch deadline counted in steps instead of seconds: deterministic on every machine.

    diff-match-patch checks ``time.time() > deadline`` at each step of its
    bisection and, past the deadline, answers that sub-problem with one deletion
    and one insertion. Python asks this object (``deadline.__lt__(now)``) and it
    answers "past" once its steps are spent. A time limit would make the same
    proposal give another patch on a slower machine; this never does.
    """

    def __init__(self, steps: int = DIFF_STEPS) -> None:
        self.left = steps

    def __lt__(self, _now: float) -> bool:
        self.left -= 1
        return self.left < 0

    def __gt__(self, _now: float) -> bool:
        return False


def engine() -> diff_match_patch:
    """A diff-match-patch instance without a clock: bounds come from :class:`StepBudget`."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    return dmp


def diff(a: str, b: str, checklines: bool = False, *, semantic: bool = True) -> list[tuple[int, str]]:
    """diff-match-patch's diff of ``a`` and ``b``, in bounded time.

    ``semantic`` applies diff-match-patch's semantic clean-up, which gives up
    short equalities between two changes so that a redline reads as whole
    replacements; aligning texts to tell where words come from wants every
    equality kept instead, and turns it off.
    """
    dmp = engine()
    diffs = dmp.diff_main(a, b, checklines, StepBudget())
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    return diffs


def make_patch(base: str, target: str) -> str:
    """The ``patch_toText`` patch that turns ``base`` into ``target``."""
    dmp = engine()
    return dmp.patch_toText(dmp.patch_make(base, diff(base, target, checklines=True)))


def apply_to_base(base: str, patch_text: str) -> str:
    """Apply a patch to the exact text it was made from, or raise :class:`PatchError`.

    Each hunk must find its context and deleted text exactly where its header
    says (``patch_apply`` would match fuzzily and report success while writing
    over other words), its header must give its true lengths, and the patch
    text must be the one diff-match-patch writes for these hunks: a hand-edited
    patch whose hunks still happen to apply is caught here rather than trusted.
    Checking in place costs one pass over the hunks, where re-diffing the
    result to compare patches cost a full character diff per amendment.
    """
    dmp = engine()
    try:
        patches = dmp.patch_fromText(patch_text)
        written = dmp.patch_toText(patches)
    except (ValueError, IndexError) as exc:
        # diff-match-patch quotes the offending line, newline included: keep the message to one line.
        raise PatchError(
            _("not diff-match-patch patch text ({reason})").format(reason=" ".join(str(exc).split()))
        ) from None
    text = base
    for patch in patches:
        # Hunk offsets count in the text left by the hunks before it, as patch_make writes them.
        old = "".join(part for op, part in patch.diffs if op != dmp.DIFF_INSERT)
        new = "".join(part for op, part in patch.diffs if op != dmp.DIFF_DELETE)
        # patch_make never writes an empty hunk, false lengths, or two insertions or two
        # deletions in a row (two context equalities it may).
        repeated = any(a[0] == b[0] != dmp.DIFF_EQUAL for a, b in zip(patch.diffs, patch.diffs[1:]))
        if not patch.diffs or (len(old), len(new)) != (patch.length1, patch.length2) or repeated:
            raise PatchError(_("it does not reproduce from its base text (edited by hand?)"))
        inside = patch.start1 >= 0 and patch.start1 + len(old) <= len(text)
        if not inside or patch.start1 != patch.start2 or text[patch.start1 : patch.start1 + len(old)] != old:
            raise PatchError(_("its hunks do not apply to the base text it claims"))
        text = text[: patch.start1] + new + text[patch.start1 + len(old) :]
    if written != patch_text:
        raise PatchError(_("it does not reproduce from its base text (edited by hand?)"))
    return text
