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

    The result must also give back the same patch text: a hand-edited patch
    whose hunks still happen to apply is caught here rather than trusted.
    """
    dmp = engine()
    try:
        patches = dmp.patch_fromText(patch_text)
    except (ValueError, IndexError) as exc:
        # diff-match-patch quotes the offending line, newline included: keep the message to one line.
        raise PatchError(
            _("not diff-match-patch patch text ({reason})").format(reason=" ".join(str(exc).split()))
        ) from None
    dmp.Match_Threshold = 0.0
    dmp.Patch_DeleteThreshold = 0.0
    try:
        result, applied = dmp.patch_apply(patches, base)
    except (ValueError, IndexError) as exc:  # e.g. a hunk header whose lengths contradict its lines
        raise PatchError(
            _("its hunks cannot be applied ({error}: {reason})").format(
                error=type(exc).__name__, reason=" ".join(str(exc).split())
            )
        ) from None
    if not all(applied):
        raise PatchError(_("its hunks do not apply to the base text it claims"))
    if make_patch(base, result) != patch_text:
        raise PatchError(_("it does not reproduce from its base text (edited by hand?)"))
    return result
