"""What any text the group negotiates may hold: which characters, and how much.

One rule for every path that makes or reads a text (an imported draft, a
proposal, a translation, a statement, a justification, a record read back from
disk), so that what one path refuses another cannot let in.

Characters are judged by their Unicode category, not by a list of examples:

* control characters (``Cc``) other than tab and line feed, which no XML file
  can carry or which drive a terminal (ESC, OSC sequences);
* format characters (``Cf``): bidirectional controls such as U+202E, which make a
  text display differently from what it says, zero-width characters, the soft
  hyphen U+00AD, the Arabic letter mark U+061C, the byte-order mark;
* the other *default-ignorable* characters that render as nothing although they
  are letters or marks (U+034F, Hangul fillers, variation selectors);
* surrogates (``Cs``), private-use characters (``Co``), unassigned code points and
  non-characters (``Cn``), and the line and paragraph separators (``Zl``, ``Zp``).

Sizes are bounded below what the safe XML reader accepts (10 MB in one text
node), so that a proposal accepted today is a revision that can be read
tomorrow, and every diff of a unit finishes in bounded time.
"""

from __future__ import annotations

import re
import unicodedata

from tracker.errors import WgtError
from tracker.i18n import N_, _

#: Characters of one unit's text (a paragraph, a heading line). The longest
#: paragraph of the seed documents has 1,636; this is some twelve times that.
MAX_UNIT_CHARS = 20_000
#: Characters of a statement or reservation entered into the record.
MAX_STATEMENT_CHARS = 20_000
#: Characters of a justification, a title, a decision's note.
MAX_NOTE_CHARS = 10_000

#: Default-ignorable code points that are not format characters (DerivedCoreProperties.txt):
#: they are letters or marks that display as nothing, so Python calls them printable.
_IGNORABLE_PRINTABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)
_INVISIBLE_CATEGORIES = ("Cf",)
_FORBIDDEN_CATEGORIES = ("Cc", "Cs", "Co", "Cn", "Zl", "Zp")


def forbidden_character(text: str, allow: str = "\t\n") -> tuple[int, bool] | None:
    """``(index, invisible)`` of the first character no text may hold, or None.

    ``invisible`` is True for format and default-ignorable characters (they hide
    or reorder what a reader sees), False for controls, surrogates, private-use,
    unassigned characters and separators. ``allow`` lists control characters a
    caller keeps (tab and line feed, collapsed to spaces where a unit is made).
    """
    # Nearly every line is printable: only a line that is not needs a look per character.
    if text.isprintable():
        match = _IGNORABLE_PRINTABLE.search(text)
        return (match.start(), True) if match else None
    pieces = re.finditer(f"[^{re.escape(allow)}]+", text) if allow else [re.match(".*", text, re.S)]
    for piece in pieces:
        segment, start = piece.group(), piece.start()
        if segment.isprintable():
            if match := _IGNORABLE_PRINTABLE.search(segment):
                return start + match.start(), True
            continue
        for index, char in enumerate(segment, start=start):
            if char.isprintable():
                if _IGNORABLE_PRINTABLE.match(char):
                    return index, True
                continue
            category = unicodedata.category(char)
            if category in _INVISIBLE_CATEGORIES:
                return index, True
            if category in _FORBIDDEN_CATEGORIES:
                return index, False
    return None


def describe_forbidden(text: str, what: str, allow: str = "\t\n") -> str | None:
    """The sentence saying why ``text`` (the ``what``, already translated) may not be stored, or None."""
    found = forbidden_character(text, allow)
    if found is None:
        return None
    index, invisible = found
    code = ord(text[index])
    if invisible:
        return _(
            "the {what} contains an invisible control character U+{code:04X}; "
            "retype it without zero-width or bidirectional marks"
        ).format(what=what, code=code)
    return _(
        "the {what} contains U+{code:04X}, a control character or non-character that no document text may hold; retype it"
    ).format(what=what, code=code)


def checked_text(text: str, what: str = N_("text"), *, limit: int | None = None, allow: str = "\t\n") -> str:
    """``text`` in NFC, or :class:`WgtError` when it holds a forbidden character or is too long.

    ``what`` is a msgid naming the field ("text", "justification" …).
    """
    text = unicodedata.normalize("NFC", text)
    problem = describe_forbidden(text, _(what), allow)
    if problem:
        raise WgtError(problem)
    if limit is not None:
        check_length(text, limit, what)
    return text


def check_length(text: str, limit: int, what: str = N_("text")) -> None:
    """Refuse a text longer than ``limit`` characters, saying both lengths."""
    if len(text) > limit:
        raise WgtError(
            _("the {what} has {count:,} characters, more than the {limit:,} one text may hold; shorten it").format(
                what=_(what), count=len(text), limit=limit
            )
        )


__all__ = [
    "MAX_NOTE_CHARS",
    "MAX_STATEMENT_CHARS",
    "MAX_UNIT_CHARS",
    "check_length",
    "checked_text",
    "describe_forbidden",
    "forbidden_character",
]
