"""Paragraph numbers as documents print them: ``1.``, ``1000.``, ``a.``, ``(a)``, ``b)``, ``(iv)``, ``IV.``, ``C.``.

A label is read off the start of a line (or given by Word's automatic
numbering) and told apart by its style, so that the structure rules can nest
``(a)`` under ``12.`` and ``(i)`` under ``(a)``. Letters and Roman numerals
overlap (``i.``, ``C.``): :func:`read_label` gives every reading, and the rules
choose by what came before (``h.`` is followed by the letter ``i.``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DECIMAL, LOWER, UPPER, LOWER_ROMAN, UPPER_ROMAN = "decimal", "lower", "upper", "lower-roman", "upper-roman"

#: A number, a letter or a Roman numeral, in parentheses or followed by ``.`` or ``)``; then the text.
_LABEL = re.compile(
    r"^(?P<label>\((?P<p>\d{1,6}|[a-z]{1,2}|[A-Z]|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})\)"
    r"|(?P<d>\d{1,6}|[a-z]{1,2}|[A-Z]|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})[.)])"
    r"(?:\s+(?P<rest>.*))?$"
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


@dataclass(frozen=True)
class Label:
    """A paragraph number: as printed, its style, its value, and the text after it."""

    text: str
    style: str
    value: int
    rest: str
    parenthesised: bool

    @property
    def level_kind(self) -> str:
        """What a label of this style numbers in OAS and UN texts: paragraphs, sub-paragraphs, items."""
        return {DECIMAL: "paragraph", LOWER: "sub", LOWER_ROMAN: "subsub", UPPER: "subsection"}.get(
            self.style, "section"
        )


def roman_value(numeral: str) -> int | None:
    """``"IV"`` → 4; None when ``numeral`` is not a well-formed Roman numeral."""
    total, previous = 0, 0
    for char in reversed(numeral.upper()):
        value = _ROMAN.get(char)
        if value is None:
            return None
        total += -value if value < previous else value
        previous = max(previous, value)
    return total if total > 0 and _to_roman(total) == numeral.upper() else None


def _to_roman(value: int) -> str:
    out = []
    for number, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def _letter_value(letters: str) -> int:
    """``a`` → 1, ``z`` → 26, ``aa`` → 27 (as Word and the UN go on after ``z``)."""
    return 26 * (len(letters) - 1) + ord(letters[-1].lower()) - ord("a") + 1


def read_label(text: str) -> list[Label]:
    """Every reading of the number that opens ``text`` (none when it opens with no number).

    ``c.`` reads as the letter c and the Roman 100; ``iv)`` as Roman 4 only
    (two letters are a letter only when doubled, ``aa.``).
    """
    match = _LABEL.match(text)
    if match is None:
        return []
    core = match.group("p") or match.group("d")
    label, rest, parenthesised = match.group("label"), match.group("rest") or "", match.group("p") is not None
    readings: list[Label] = []
    if core.isdigit():
        return [Label(label, DECIMAL, int(core), rest, parenthesised)]
    roman = roman_value(core)
    if core.islower():
        if len(core) == 1 or (len(core) == 2 and core[0] == core[1]):
            readings.append(Label(label, LOWER, _letter_value(core), rest, parenthesised))
        if roman is not None:
            readings.append(Label(label, LOWER_ROMAN, roman, rest, parenthesised))
    else:
        if len(core) == 1:
            readings.append(Label(label, UPPER, _letter_value(core), rest, parenthesised))
        if roman is not None:
            readings.append(Label(label, UPPER_ROMAN, roman, rest, parenthesised))
    return readings


def pick(readings: list[Label], expected: dict[str, int]) -> Label | None:
    """The reading that continues a sequence: ``expected`` maps a style to the value it would take next.

    Without such a reading, the first (letters before Roman numerals: a list
    begins with ``a.`` far more often than with ``i.``).
    """
    for reading in readings:
        if expected.get(reading.style) == reading.value:
            return reading
    return readings[0] if readings else None


__all__ = ["DECIMAL", "LOWER", "LOWER_ROMAN", "UPPER", "UPPER_ROMAN", "Label", "pick", "read_label", "roman_value"]
