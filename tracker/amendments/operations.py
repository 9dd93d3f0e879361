"""What a delegate types ("replace X with Y", "insert Z after W") turned into a proposed text.

Each operation works on the unit's text in the base revision and says clearly
when its words are not there or are there more than once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.akn.text import MAX_UNIT_CHARS, check_length, checked_text
from tracker.errors import WgtError
from tracker.i18n import N_, _, count_words, ui_language


def clean(text: str, what: str = N_("text"), limit: int | None = MAX_UNIT_CHARS) -> str:
    """NFC, refusing the characters no text may hold and texts longer than ``limit`` (the model's rule).

    ``what`` is a msgid naming the field.
    """
    return checked_text(text.replace("\r\n", "\n").replace("\r", "\n"), what, limit=limit)


@dataclass(frozen=True)
class Operation:
    """One change to a unit's text: replace, insert, delete or whole text."""

    kind: str  # replace | insert | delete | text
    old: str = ""
    new: str = ""
    anchor: str = ""
    before: bool = False

    def describe(self) -> dict[str, str]:
        fields = {"op": self.kind}
        fields.update({k: v for k, v in (("old", self.old), ("new", self.new), ("anchor", self.anchor)) if v})
        if self.before:
            fields["where"] = "before"
        return fields


def _find_once(text: str, words: str, unit: str) -> int:
    if not words:
        raise WgtError(_("the words to find are empty"))
    count = text.count(words)
    if count == 0:
        raise WgtError(_("{words!r} is not in {unit}, whose text is: {text}").format(words=words, unit=unit, text=text))
    if count > 1:
        raise WgtError(
            _("{words!r} occurs {count} times in {unit}; quote a longer passage so it occurs once").format(
                words=words, count=count_words(count, ui_language()), unit=unit
            )
        )
    return text.index(words)


def _join(left: str, middle: str, right: str) -> str:
    """Insert ``middle`` between ``left`` and ``right`` with the spaces prose needs."""
    if left and middle and not left[-1].isspace() and not middle[0].isspace() and middle[0].isalnum():
        middle = " " + middle
    if right and middle and not middle[-1].isspace() and not right[0].isspace() and right[0].isalnum():
        middle = middle + " "
    return left + middle + right


def apply_operation(base: str, op: Operation, unit: str) -> str:
    """The proposed text of a unit whose base text is ``base``."""
    if op.kind == "text":
        result = op.new
    elif op.kind == "replace":
        at = _find_once(base, op.old, unit)
        result = base[:at] + op.new + base[at + len(op.old) :]
    elif op.kind == "delete":
        at = _find_once(base, op.old, unit)
        left, right = base[:at], base[at + len(op.old) :]
        if left.endswith(" ") and (right.startswith(" ") or right[:1] in (",", ";", ".", ":")):
            left = left[:-1]
        result = left + right
    elif op.kind == "insert":
        at = _find_once(base, op.anchor, unit)
        cut = at if op.before else at + len(op.anchor)
        result = _join(base[:cut], op.new, base[cut:])
    else:
        raise WgtError(_("unknown operation {kind!r}").format(kind=op.kind))
    # Collapse only ordinary spaces: a non-breaking space ("rev.\u00a07") is meant.
    result = re.sub(r"[ \t\r\n]+", " ", result).strip(" ")
    if not result:
        raise WgtError(
            _("the proposal would leave {unit} empty; propose --delete-unit to delete a paragraph").format(unit=unit)
        )
    if result == base:
        raise WgtError(_("the proposal does not change {unit}").format(unit=unit))
    check_length(result, MAX_UNIT_CHARS, N_("proposed text"))
    return result
