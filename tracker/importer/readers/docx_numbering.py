"""What a Word paragraph inherits: its style's properties (``styles.xml``) and the number Word prints (``numbering.xml``).

*Styles.* A paragraph names its style (``w:pStyle``), a run its character style
(``w:rStyle``); each style may be based on another (``w:basedOn``) and gives
what it does not set to its base. A paragraph without ``w:pStyle`` has the
default paragraph style. Headings are found by style id *and* by the style's
name, because Word localises the id (``Ttulo1`` in Spanish Word) but keeps the
built-in name ``heading 1``.

*Numbering.* A paragraph joins a list through ``w:numPr`` (``w:numId``,
``w:ilvl``), in its own properties or its style's. The ``w:num`` points at a
``w:abstractNum`` (through ``w:numStyleLink`` when the list is a numbering
style) whose ``w:lvl`` say how each level counts (``w:start``, ``w:numFmt``,
``w:lvlRestart``, ``w:isLgl``) and prints (``w:lvlText`` such as ``%1.`` or
``(%2)``). The ``w:num`` may override levels (``w:lvlOverride``: a whole
``w:lvl``, or only ``w:startOverride``).

Counters are kept per abstract numbering, not per ``w:num``, because that is what
Word does (ECMA-376 §17.9 counts on the abstract definition): Word's *Restart at
1* makes a new ``w:num`` of the same ``w:abstractNum`` with a ``w:startOverride``,
and a list that goes on after a restart goes back to the first ``w:num``. So a
``w:num`` continues the others of its abstract numbering, except that the first
time it is used at a level it overrides, that level starts again from the override.
A level restarts when a higher level is used (``w:lvlRestart`` names which one;
0 never), and a level not yet used prints its start value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from tracker.wordml import FORMATS, w

_VAL, _RPR, _RSTYLE = w("val"), w("rPr"), w("rStyle")
_FALSE = ("false", "0", "off")
_HEADING_NAME = re.compile(r"^heading ([1-9])$", re.IGNORECASE)
_HEADING_ID = re.compile(r"^heading([1-9])$", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"%([1-9])")
#: Word counts nine levels (0–8).
LEVELS = 9


def on(element: etree._Element | None) -> bool | None:
    """The value of an on/off property (``<w:b/>``, ``<w:b w:val="false"/>``), None when it is not set."""
    if element is None:
        return None
    return element.get(_VAL, "true").lower() not in _FALSE


def _int(element: etree._Element | None, default: int | None = None) -> int | None:
    if element is None:
        return default
    try:
        return int(element.get(_VAL, ""))
    except ValueError:
        return default


class Styles:
    """The styles of one document (``styles.xml``, or none), looked up by id with their bases."""

    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.default: dict[str, str] = {}  # style type → id of the default style of that type
        for style in root.iterchildren(w("style")) if root is not None else ():
            sid = style.get(w("styleId"))
            if sid is None:
                continue
            self.by_id.setdefault(sid, style)
            if style.get(w("default")) in ("1", "true", "on"):
                self.default.setdefault(style.get(w("type"), "paragraph"), sid)
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}") if root is not None else None
        self.document_rpr = defaults
        self._chains: dict[str, list[etree._Element]] = {}
        self._headings: dict[str | None, int] = {}
        self._inherited: dict[tuple[str | None, str | None, tuple[str, ...]], bool] = {}

    def chain(self, style_id: str | None, kind: str = "paragraph") -> list[etree._Element]:
        """The style ``style_id`` (or the default style of ``kind``) and the styles it is based on, nearest first."""
        key = f"{kind}:{style_id}"
        found = self._chains.get(key)
        if found is None:
            found = []
            # a style the file does not define is its type's default, as Word shows it
            sid = style_id if style_id in self.by_id else self.default.get(kind)
            while sid is not None and sid in self.by_id and len(found) < 32:  # a loop of bases ends somewhere
                style = self.by_id[sid]
                if any(style is seen for seen in found):
                    break
                found.append(style)
                sid = _attr(style.find(w("basedOn")))
            self._chains[key] = found
        return found

    def first(self, style_id: str | None, path: str, kind: str = "paragraph") -> etree._Element | None:
        """The nearest ``path`` (``pPr/numPr``…) that the style or one of its bases sets."""
        for style in self.chain(style_id, kind):
            found = style.find(path)
            if found is not None:
                return found
        return None

    def heading(self, style_id: str | None) -> int:
        """The heading level a paragraph style gives (Heading 1–9, Title → 1; an outline level), 0 if none."""
        if style_id not in self._headings:
            self._headings[style_id] = self._heading(style_id)
        return self._headings[style_id]

    def _heading(self, style_id: str | None) -> int:
        for style in self.chain(style_id):
            name = _attr(style.find(w("name"))) or ""
            sid = style.get(w("styleId"), "")
            match = _HEADING_NAME.match(name) or _HEADING_ID.match(sid)
            if match:
                return int(match.group(1))
            if name.lower() == "title" or sid == "Title":
                return 1
            level = outline_level(style.find(w("pPr")))
            if level is not None:
                return level
        return 0

    def paragraph_property(self, ppr: etree._Element | None, pstyle: str | None, tag: str) -> bool:
        """An on/off paragraph property (``pageBreakBefore``) set on the paragraph, else by its style."""
        own = on(ppr.find(w(tag))) if ppr is not None else None
        return own if own is not None else bool(on(self.first(pstyle, f"{w('pPr')}/{w(tag)}")))

    def border(self, ppr: etree._Element | None, pstyle: str | None) -> bool:
        """A border above or below the paragraph: on an empty one, Word's way of drawing a horizontal rule."""
        borders = ppr.find(w("pBdr")) if ppr is not None else None
        if borders is None:
            borders = self.first(pstyle, f"{w('pPr')}/{w('pBdr')}")
        lines = [] if borders is None else [borders.find(w("top")), borders.find(w("bottom"))]
        return any(line is not None and line.get(_VAL) not in ("nil", "none") for line in lines)

    def run_property(self, rpr: etree._Element | None, pstyle: str | None, tags: tuple[str, ...]) -> bool:
        """An on/off run property (bold: ``("b", "bCs")``) as the run has it: set on the run, else by its
        character style, else by its paragraph style, else by the document's defaults."""
        own = _first_on(rpr, tags)
        if own is not None:
            return own
        rstyle = _attr(rpr.find(_RSTYLE)) if rpr is not None else None
        key = (rstyle, pstyle, tags)
        if key not in self._inherited:  # a long document has few distinct pairs of styles: ask each once
            levels = [s.find(_RPR) for s in self.chain(rstyle, "character")] if rstyle is not None else []
            levels += [s.find(_RPR) for s in self.chain(pstyle)] + [self.document_rpr]
            found = (_first_on(props, tags) for props in levels)
            self._inherited[key] = next((value for value in found if value is not None), False)
        return self._inherited[key]


def _first_on(props: etree._Element | None, tags: tuple[str, ...]) -> bool | None:
    """The first of the on/off properties ``tags`` that ``props`` (a ``w:rPr``) sets."""
    for tag in tags if props is not None else ():
        value = on(props.find(w(tag)))
        if value is not None:
            return value
    return None


def outline_level(ppr: etree._Element | None) -> int | None:
    """The heading level ``w:outlineLvl`` gives (0 → 1 … 8 → 9; 9 is body text → 0), None when not set."""
    if ppr is None:
        return None
    level = _int(ppr.find(w("outlineLvl")))
    if level is None:
        return None
    return level + 1 if 0 <= level <= 8 else 0


def _attr(element: etree._Element | None) -> str | None:
    return element.get(_VAL) if element is not None else None


@dataclass(frozen=True)
class Level:
    """How one level of a list counts and prints."""

    start: int = 0  # ECMA-376: a level without w:start starts at 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    legal: bool = False
    style: str | None = None

    @classmethod
    def read(cls, lvl: etree._Element) -> Level:
        return cls(
            start=_int(lvl.find(w("start")), 0),
            fmt=_attr(lvl.find(w("numFmt"))) or "decimal",
            text=_attr(lvl.find(w("lvlText"))) or "",
            restart=_int(lvl.find(w("lvlRestart"))),
            legal=bool(on(lvl.find(w("isLgl")))),
            style=_attr(lvl.find(w("pStyle"))),
        )


@dataclass
class List:
    """A ``w:num`` as paragraphs see it: the counters it shares, its levels, its start overrides."""

    key: str
    levels: dict[int, Level]
    starts: dict[int, int] = field(default_factory=dict)

    def start(self, ilvl: int) -> int:
        if ilvl in self.starts:
            return self.starts[ilvl]
        level = self.levels.get(ilvl)
        return level.start if level else 0


class Numbering:
    """The lists of one document (``numbering.xml``, or none)."""

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self.styles = styles
        self.abstracts: dict[str, etree._Element] = {}
        self.nums: dict[str, etree._Element] = {}
        for element in root.iterchildren(w("abstractNum")) if root is not None else ():
            self.abstracts.setdefault(element.get(w("abstractNumId"), ""), element)
        for element in root.iterchildren(w("num")) if root is not None else ():
            self.nums.setdefault(element.get(w("numId"), ""), element)
        self._lists: dict[str, List | None] = {}

    def list(self, num_id: str) -> List | None:
        """The list ``num_id`` names, or None (``0`` and unknown ids are no list)."""
        if num_id not in self._lists:
            self._lists[num_id] = self._read(num_id)
        return self._lists[num_id]

    def _read(self, num_id: str, depth: int = 0) -> List | None:
        num = self.nums.get(num_id)
        if num is None or depth > 4:
            return None
        abstract_id = _attr(num.find(w("abstractNumId"))) or ""
        abstract = self.abstracts.get(abstract_id)
        if abstract is None:
            return None
        link = _attr(abstract.find(w("numStyleLink")))
        if link is not None:  # a numbering style: its own w:num holds the levels
            linked_num = _attr(self.styles.first(link, f"{w('pPr')}/{w('numPr')}/{w('numId')}", "numbering"))
            linked = self._read(linked_num, depth + 1) if linked_num else None
            if linked is None:
                return None
            key, levels = linked.key, dict(linked.levels)
        else:
            key = abstract_id
            levels = {_int_attr(lvl, "ilvl"): Level.read(lvl) for lvl in abstract.iterchildren(w("lvl"))}
        starts: dict[int, int] = {}
        for override in num.iterchildren(w("lvlOverride")):
            ilvl = _int_attr(override, "ilvl")
            lvl = override.find(w("lvl"))
            if lvl is not None:
                levels[ilvl] = Level.read(lvl)
            start = _int(override.find(w("startOverride")))
            if start is not None:
                starts[ilvl] = start
        return List(key, levels, starts)

    def membership(self, ppr: etree._Element | None, pstyle: str | None) -> tuple[str, int] | None:
        """``(numId, ilvl)`` of a paragraph: its own ``w:numPr``, completed by its style's."""
        own = ppr.find(w("numPr")) if ppr is not None else None
        num_id = _attr(own.find(w("numId"))) if own is not None else None
        ilvl = _int(own.find(w("ilvl"))) if own is not None else None
        if num_id is None or ilvl is None:
            styled = self.styles.first(pstyle, f"{w('pPr')}/{w('numPr')}")
            if styled is not None:
                num_id = num_id if num_id is not None else _attr(styled.find(w("numId")))
                ilvl = ilvl if ilvl is not None else _int(styled.find(w("ilvl")))
        if num_id is None or num_id == "0":
            return None
        if ilvl is None:  # a style joins the level that names it (w:lvl/w:pStyle), else the first
            found = self.list(num_id)
            sid = pstyle if pstyle is not None else self.styles.default.get("paragraph")
            ilvl = next((i for i, level in (found.levels.items() if found else ()) if level.style == sid), 0)
        return num_id, min(max(ilvl, 0), LEVELS - 1)

    def counter(self) -> Counter:
        """Fresh counters, for one story (the body, a page header)."""
        return Counter(self)


def _int_attr(element: etree._Element, name: str) -> int:
    try:
        return int(element.get(w(name), "0"))
    except ValueError:
        return 0


class Counter:
    """Counts the paragraphs of the lists of one story in reading order and says what Word prints."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.counts: dict[str, list[int | None]] = {}
        self.seen: set[tuple[str, int]] = set()

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Count a paragraph of list ``num_id`` at level ``ilvl``; the number Word prints before it, or None."""
        found = self.numbering.list(num_id)
        level = found.levels.get(ilvl) if found else None
        if found is None or level is None:
            return None
        counts = self.counts.setdefault(found.key, [None] * LEVELS)
        if (num_id, ilvl) not in self.seen:
            self.seen.add((num_id, ilvl))
            if ilvl in found.starts:  # this w:num's first use of a level it restarts
                counts[ilvl] = None
        current = counts[ilvl]
        counts[ilvl] = found.start(ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            below = found.levels.get(deeper)
            # lvlRestart n (1-based): restart when level n or a higher one is used; absent or past itself: the
            # level just above; 0: never.
            restart = below.restart if below is not None and below.restart is not None else deeper
            if restart > deeper:
                restart = deeper
            if ilvl < restart:
                counts[deeper] = None
        if level.fmt in ("bullet", "none") or not level.text:
            return None

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            shown = found.levels.get(k)
            value = counts[k] if counts[k] is not None else found.start(k)
            if shown is not None and shown.fmt == "none":
                return ""
            return format_number(value, "decimal" if level.legal or shown is None else shown.fmt)

        return _PLACEHOLDER.sub(number, level.text).strip() or None


def format_number(value: int, fmt: str) -> str:
    """``value`` as Word writes it in ``fmt`` (the writer's own formats; unknown formats as decimals)."""
    if fmt == "decimalZero":
        return f"{value:02d}"
    if value <= 0 or fmt not in FORMATS:  # Word has no letter or numeral for 0
        return str(value)
    return FORMATS[fmt](value)
