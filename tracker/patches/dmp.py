"""Making and reading diff-match-patch patch text (``patch_toText``)."""

from __future__ import annotations

from diff_match_patch import diff_match_patch

from tracker.i18n import _


class PatchError(ValueError):
    """A patch that is not valid patch text or does not reproduce from its base."""


def engine() -> diff_match_patch:
    """A diff-match-patch instance with no time limit (units are small)."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    return dmp


def make_patch(base: str, target: str) -> str:
    """The ``patch_toText`` patch that turns ``base`` into ``target``."""
    dmp = engine()
    diffs = dmp.diff_main(base, target)
    dmp.diff_cleanupSemantic(diffs)
    return dmp.patch_toText(dmp.patch_make(base, diffs))


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
