"""The issued document as a format-neutral list of blocks, in the OAS layout.

Every output format (HTML, DOCX, Markdown, plain text) draws the same
:class:`Layout`, so what the document *says* — header block, title, formula,
numbered paragraphs, negotiation marks, footnotes numbered in reading order —
is decided once, here, in the document's language; the format modules only
decide how it *looks*.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from tracker.akn.document import Draft
from tracker.akn.meta import read_header
from tracker.akn.namespace import local
from tracker.akn.outline import HeaderLine
from tracker.akn.slots import plain_text, read_slot
from tracker.akn.units import Unit
from tracker.i18n import N_, header_date, language_name, running_date, translations
from tracker.render.model import Block, Footnote, Header, Layout, Run
from tracker.render.status import AD_REFERENDUM, AGREED, OPEN, effective_status, read_statuses
from tracker.symbols import parse_symbol

#: The series line of the header block of documents of the Permanent Council
#: and its committees and working groups (a symbol: the same in every language).
SERIES = "OEA/Ser.G"

#: A caption above the title, by document type.
CAPTIONS = {"resolution": N_("DRAFT RESOLUTION")}

#: What each :attr:`Block.role` is, for the format modules.
ROLES = {
    "caption": "the document type above the title",
    "title": "the title of the document",
    "formula": "THE GENERAL ASSEMBLY, / RESOLVES:",
    "opener": "a preambular phrase opening a group of paragraphs (TAKING INTO ACCOUNT:)",
    "preamble": "a preambular paragraph",
    "operative": "a numbered operative paragraph (level 0)",
    "sub": "a lettered sub-paragraph (level 1)",
    "heading": "a section (level 0) or subsection (level 1) heading of a report or program",
    "paragraph": "a paragraph of running text",
    "attachment-heading": "a centred heading line of an appendix or annex",
    "item": "a numbered paragraph of an appendix or annex",
    "closing": "signature, place and date, addressee",
    "header": "a line of the header block (the organisation and bodies, or the series, symbol, date …)",
    "legend": "what the document's marks mean (square brackets, a redline's changes)",
}


def build_layout(draft: Draft, locales: Path | str | None = None, statuses: dict[str, str] | None = None) -> Layout:
    """The OAS layout of ``draft`` in its own language (catalogs from ``locales`` or the default folder).

    ``statuses`` (``{wId: status}``) replaces the negotiation status the draft records, for a reader
    shown the chair's marks made since the revision was issued.
    """
    meta = draft.meta
    tr = translations(meta.lang, locales)
    symbol = parse_symbol(meta.symbol).with_rev(meta.rev)
    stored = read_header(draft.root)
    header = make_header(tr, symbol, meta.date, meta.lang, meta.original_lang, stored)
    units = draft.units()
    title = next((u.text for u in units if u.kind == "docTitle"), "")
    layout = Layout(meta.lang, symbol, title, header, date=meta.date)
    if statuses is None:
        statuses = read_statuses(draft.root, draft.name)
    # TRANSLATORS: marks after a paragraph whose negotiation status the chair declared.
    marks = {AGREED: tr.gettext("(agreed)"), AD_REFERENDUM: tr.gettext("(agreed ad referendum)")}
    caption, under_title = _caption_and_under_title(tr, meta.doc_type, stored)
    if caption:
        layout.blocks.append(Block("caption", [Run(caption)]))
    _Walker(layout, units, statuses, marks).walk(draft.root)
    if under_title:
        at = next((i + 1 for i, b in enumerate(layout.blocks) if getattr(b, "role", "") == "title"), 0)
        layout.blocks[at:at] = [Block("subtitle", [Run(text)]) for text in under_title]
    if any(block.status == OPEN for block in layout.blocks):
        layout.legend = tr.gettext("Text in square brackets is still under negotiation.")
    return layout


def make_header(
    tr,
    symbol: str,
    date: str,
    lang: str,
    original_lang: str | None = None,
    stored: Sequence[HeaderLine] = (),
) -> Header:
    """The header block in ``lang``: series, ``symbol`` (with its ``rev. N``), date, and the original language if given.

    ``stored`` is the header block the document was imported with (:func:`~tracker.akn.meta.read_header`):
    its organisation and body lines, series, distribution, session and agenda lines are printed back as the
    text had them, and so are its date and original language while they are still the document's (a later
    revision has its own date). A document without one gets the OAS Permanent Council's block.
    """
    fields: dict[str, list[HeaderLine]] = {}
    for line in stored:
        fields.setdefault(line.kind, []).append(line)
    original = None
    if original_lang:
        stated = [line.text for line in fields.get("original", []) if line.value == original_lang]
        # TRANSLATORS: header block; {language} is the original language's name from CLDR (English, español).
        original = (
            stated[0]
            if stated
            else tr.gettext("Original: {language}").format(language=language_name(original_lang, lang))
        )
    stated_date = [line.text for line in fields.get("date", []) if line.value == date]
    bodies = [line.text for line in fields.get("organization", [])]
    organization = bodies.pop(0) if bodies else tr.gettext("ORGANIZATION OF AMERICAN STATES")
    series = fields["series"][0].text if "series" in fields else ("" if stored else SERIES)
    extra = tuple(line.text for line in stored if line.kind in ("distribution", "session", "agenda"))
    return Header(
        organization,
        series,
        symbol,
        stated_date[0] if stated_date else header_date(date, lang),
        original,
        bodies=tuple(bodies),
        extra=extra,
    )


def _caption_and_under_title(tr, doc_type: str, stored: Sequence[HeaderLine]) -> tuple[str | None, list[str]]:
    """The caption above the title (the text's own, else the type's) and the lines under it (presented by, adopted)."""
    caption = next((line.text for line in stored if line.kind == "caption"), None)
    if caption is None and doc_type in CAPTIONS:
        caption = tr.gettext(CAPTIONS[doc_type])
    under = [line.text for line in stored if line.kind in ("presented", "adoption", "reference")]
    return caption, under


_ATTACHMENT_LABEL = re.compile(r"^(app|annex)\d+\.")
_OPERATIVE_LABEL = re.compile(r"^op[^.]+$")
_ROLE_OF_KIND = {
    "docTitle": ("title", 0),
    "formula": ("formula", 0),
    "recitals": ("opener", 0),
    "recital": ("preamble", 0),
    "section": ("heading", 0),
    "subsection": ("heading", 1),
}


def unit_role(kind: str, label: str, num: str | None) -> tuple[str, int]:
    """The :data:`ROLES` entry and level of a unit, from its element name, label and number."""
    if kind in _ROLE_OF_KIND:
        return _ROLE_OF_KIND[kind]
    if _ATTACHMENT_LABEL.match(label):
        if kind == "p":
            return "attachment-heading", 0
        return ("item", 0) if num else ("paragraph", 0)
    if kind == "subparagraph":
        return "sub", 1
    if kind == "paragraph" and num and _OPERATIVE_LABEL.match(label):
        return "operative", 0
    return "paragraph", 0


class _Walker:
    """Turns the draft's elements, in reading order, into blocks and footnotes."""

    def __init__(self, layout: Layout, units: list[Unit], statuses: dict[str, str], marks: dict[str, str]) -> None:
        self.layout = layout
        self.units = {u.element: u for u in units}
        self.parents = {u.wid: u.parent for u in units}
        self.by_wid = {u.wid: u for u in units}
        self.statuses = statuses
        self.marks = marks
        self.seen_attachments: set[str] = set()

    def walk(self, root: etree._Element) -> None:
        if _in_meta_or_note(root):
            return  # all of it is metadata or a footnote
        # What lies inside metadata or a footnote, found once, not by searching each element's ancestors.
        hidden: set[etree._Element] = set()
        for container in root.iter("{*}meta", "{*}authorialNote"):
            if container not in hidden:
                hidden.update(container.iterdescendants())
        # The units' text slots lie inside their units, so none is a loose paragraph (each comes after its unit).
        slots: set[etree._Element] = set()
        for element in root.iter(etree.Element):  # elements only, comments and PIs skipped in C
            if element in hidden:
                continue
            unit = self.units.get(element)
            if unit is not None:
                slot = unit.slot
                slots.add(slot)
                self.unit_block(unit, slot)
            elif element not in slots and _is_loose_paragraph(element):
                self.closing_block(element)

    def unit_block(self, unit: Unit, slot: etree._Element | None) -> None:
        role, level, list_key = self.classify(unit)
        block = Block(role, self.runs(slot), num=unit.num, level=level, list_key=list_key, unit=unit.wid)
        if unit.part == "annex":
            attachment = unit.label.partition(".")[0]
            if attachment not in self.seen_attachments:
                self.seen_attachments.add(attachment)
                block.new_page = True
        self.apply_status(unit, block)
        self.layout.blocks.append(block)

    def classify(self, unit: Unit) -> tuple[str, int, str | None]:
        """Role, level and numbering sequence of a unit, from its element and place."""
        role, level = unit_role(unit.kind, unit.label, unit.num)
        if role == "item":
            return role, level, unit.label.partition(".")[0]
        if role == "sub":
            return role, level, self.list_of(self.by_wid.get(unit.parent) if unit.parent else None)
        return role, level, "operative" if role == "operative" else None

    def list_of(self, parent: Unit | None) -> str | None:
        if parent is None:
            return None
        return "operative" if parent.kind == "paragraph" and parent.parent is None else f"list-{parent.wid}"

    def runs(self, slot: etree._Element | None) -> list[Run]:
        """A unit's own text (its ``slot``) split around its footnote references (numbered here, in reading order)."""
        text, notes = read_slot(slot)
        runs: list[Run] = []
        cursor = 0
        for note in sorted(notes, key=lambda n: n.offset):
            if note.offset > cursor:
                runs.append(Run(text[cursor : note.offset]))
            number = len(self.layout.notes) + 1
            self.layout.notes.append(Footnote(number, " ".join(note.text.split())))
            runs.append(Run(note=number))
            cursor = note.offset
        if cursor < len(text):
            runs.append(Run(text[cursor:]))
        return runs

    def apply_status(self, unit: Unit, block: Block) -> None:
        """Square brackets around open text; ``(agreed)`` marks where the chair declared a status."""
        if not self.statuses:
            return
        block.status = effective_status(unit.wid, self.parents, self.statuses)
        if block.status == OPEN and block.runs:
            block.runs = [Run("["), *block.runs, Run("]")]
        if unit.wid in self.statuses:
            block.mark = self.marks.get(self.statuses[unit.wid])

    def closing_block(self, element: etree._Element) -> None:
        style = element.get("class") or element.getparent().get("class")
        text = _closing_text(element, self.layout.lang)
        if text.strip():
            self.layout.blocks.append(Block("closing", [Run(text)], style=style))


def _closing_text(element: etree._Element, lang: str) -> str:
    """A closing line's text, with each dated ``<date>`` written as running text in ``lang``."""
    parts = [element.text or ""]
    for child in element:
        if local(child.tag) == "date" and child.get("date"):
            parts.append(running_date(child.get("date"), lang))
        elif local(child.tag) != "authorialNote":
            parts.append(plain_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _in_meta_or_note(element: etree._Element) -> bool:
    return any(local(a.tag) in ("meta", "authorialNote") for a in element.iterancestors())


def _is_loose_paragraph(element: etree._Element) -> bool:
    """A ``p`` outside every unit that holds no unit itself (signature, place and date, addressee)."""
    if local(element.tag) != "p" or element.get("class") in ("symbol", "title"):
        return False
    if any(a.get("wId") is not None for a in element.iterancestors()):
        return False
    return all(d.get("wId") is None for d in element.iterdescendants())
