"""What a delegate types ("replace X with Y", "insert Z after W") turned into a proposed text.

Each operation works on the unit's text in the base revision and says clearly
when its words are not there or are there more than once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tracker.errors import WgtError
from tracker.i18n import N_, _

#: Invisible characters that have no place in a negotiated text: zero-width
#: spaces and joiners, and bidirectional controls that can make a text display
#: differently from what it says.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
#: Control characters (tab and line ends are whitespace and are collapsed to spaces),
#: lone surrogates and the non-characters U+FFFE/U+FFFF: no XML file can carry them,
#: so a proposal holding one could never be issued.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str, what: str = N_("text")) -> str:
    """NFC, refusing invisible and bidirectional control characters (``what``: a msgid naming the field)."""
    text = unicodedata.normalize("NFC", text)
    if match := _INVISIBLE.search(text):
        raise WgtError(
            _(
                "the {what} contains an invisible control character U+{code:04X}; "
                "retype it without zero-width or bidirectional marks"
            ).format(what=_(what), code=ord(match.group()))
        )
    if match := _CONTROL.search(text):
        raise WgtError(
            _(
                "the {what} contains U+{code:04X}, a control character or non-character "
                "that no document text may hold; retype it"
            ).format(what=_(what), code=ord(match.group()))
        )
    return text


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
                words=words, count=count, unit=unit
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
    return result
