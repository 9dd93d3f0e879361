"""Text patches with diff-match-patch, and the three-way checks that make them safe.

This layer knows only strings: nothing of XML, amendments or the CLI.
``patch_apply``'s fuzzy matching is never trusted on its own: a patch is
applied to the exact base text it was made from, checked to reproduce itself,
and carried to a later text only through :mod:`tracker.patches.edits`.
"""

from tracker.patches.dmp import PatchError, apply_to_base, make_patch
from tracker.patches.edits import Edit, StaleError, apply_edits, carry_edits, edits_between, overlapping
from tracker.patches.words import word_diff

__all__ = [
    "Edit",
    "PatchError",
    "StaleError",
    "apply_edits",
    "apply_to_base",
    "carry_edits",
    "edits_between",
    "make_patch",
    "overlapping",
    "word_diff",
]
