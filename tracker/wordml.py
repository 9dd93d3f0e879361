"""The WordprocessingML vocabulary wgt's Word reader and Word writer both speak.

Namespaces and Clark names of ``w:`` tags, Word's number formats, and the
custom-properties part (``docProps/custom.xml``) in which a file wgt wrote says
what it is. Here, and not in either side, so that the readers of outside formats
(:mod:`tracker.importer.readers`) never depend on the writers (:mod:`tracker.render`).
"""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(name: str) -> str:
    """The lxml (Clark) name of a ``w:`` tag or attribute (python-docx's ``qn`` looks the prefix up each time)."""
    return f"{{{W_NS}}}{name}"


#: ``docProps/custom.xml``: File › Properties › Custom in Word.
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letter(n: int) -> str:
    """Word's letter numbering: a … z, then aa, bb …"""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


#: Word number formats, with how each writes ``n``.
FORMATS = {
    "decimal": str,
    "lowerLetter": _letter,
    "upperLetter": lambda n: _letter(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": _roman,
}


def read_custom(root: etree._Element | None) -> dict[str, str]:
    """The text of each property of a ``docProps/custom.xml`` root (whatever its value type), by name."""
    out: dict[str, str] = {}
    for prop in root.iterchildren(f"{{{CUSTOM_NS}}}property") if root is not None else ():
        name = prop.get("name")
        if name is not None and len(prop):
            out.setdefault(name, (prop[0].text or "").strip())
    return out
