"""Write an :class:`~tracker.akn.outline.Outline` as an Akoma Ntoso 3.0 tree.

Shapes chosen (and validated against the strict schema):

* resolution: ``<statement name="resolutionDraft">`` with ``preface`` (symbol,
  ``docTitle``), ``preamble`` (``formula`` and ``recitals``; a group opened by
  ``TAKING INTO ACCOUNT:`` is a ``recitals`` whose ``intro`` is the opener),
  ``mainBody`` (``paragraph``/``subparagraph``) and ``attachments``;
* report, program, note: ``<doc>`` with ``section``/``subsection``/``paragraph``
  and ``conclusions`` (signature, place and date, addressee).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from lxml import etree

from tracker.akn.eids import assign_eids
from tracker.akn.meta import DocMeta, build_meta
from tracker.akn.namespace import akn, q
from tracker.akn.outline import DOC_TYPES, Attachment, Block, Outline
from tracker.akn.slots import number_notes, write_slot

#: wId prefixes say what a unit is, so an id a person reads is not pure noise.
WID_PREFIX = {
    "docTitle": "title",
    "formula": "fo",
    "recitals": "pg",
    "recital": "pp",
    "paragraph": "op",
    "subparagraph": "sp",
    "section": "se",
    "subsection": "ss",
    "p": "ln",
    "reportParagraph": "rp",
    "annexItem": "ai",
}


def make_wid(kind: str, seed: str, used: set[str]) -> str:
    """A short opaque stable id, ``op-3f9a2c``, unique within ``used``."""
    digest = hashlib.sha1(seed.encode()).hexdigest()
    prefix = WID_PREFIX.get(kind, "u")
    for width in range(6, 41):
        wid = f"{prefix}-{digest[:width]}"
        if wid not in used:
            used.add(wid)
            return wid
    raise AssertionError("sha1 prefixes exhausted")  # pragma: no cover


def build_document(outline: Outline, meta: DocMeta) -> etree._Element:
    """The ``<akomaNtoso>`` root for ``outline`` with every id assigned.

    The tree is grown downwards, each element made inside its parent
    (``SubElement``), which costs a third of what making detached elements with
    ``ElementMaker`` and nesting them does; a 10,000-paragraph import makes some
    30,000 elements. A unit's wId is drawn after its children's, as it always
    was, so that the rare colliding hash prefixes resolve the same way.
    """
    used: set[str] = set()

    def wid(kind: str, path: str) -> str:
        if kind == "paragraph" and path.startswith("att/"):
            kind = "annexItem"
        elif kind == "paragraph" and outline.doc_type != "resolution":
            kind = "reportParagraph"
        return make_wid(kind, f"{meta.slug}|{path}", used)

    element, akn_name = DOC_TYPES[outline.doc_type]
    root = akn.akomaNtoso()
    doc = _sub(root, element, name=akn_name)
    doc.append(build_meta(meta, element, akn_name, header=outline.header))
    preface = _sub(doc, "preface")
    _sub(_sub(preface, "p", **{"class": "symbol"}), "docNumber").text = _symbol_with_rev(meta)
    if outline.title is not None:
        title = _sub(_sub(preface, "p", **{"class": "title"}), "docTitle", wId=wid("docTitle", "title"))
        write_slot(title, outline.title.text, outline.title.notes)
    if outline.preamble:
        _preamble(_sub(doc, "preamble"), outline.preamble, wid)
    _main_body(doc, outline.body, wid, "body")
    if outline.conclusions:
        conclusions = _sub(doc, "conclusions")
        for i, block in enumerate(outline.conclusions):
            _block(conclusions, block, wid, f"end/{i}")
    if outline.attachments:
        attachments = _sub(doc, "attachments")
        for i, attachment in enumerate(outline.attachments):
            _attachment(attachments, attachment, meta, wid, i)
    assign_eids(root)
    number_notes(root)
    return root


def _sub(parent: etree._Element, kind: str, **attrs: str) -> etree._Element:
    """A new AKN element at the end of ``parent`` (it shares the parent's namespace declaration)."""
    return etree.SubElement(parent, q(kind), attrs)


def _symbol_with_rev(meta: DocMeta) -> str:
    return meta.symbol if meta.rev == 0 else f"{meta.symbol} rev. {meta.rev}"


def _main_body(parent: etree._Element, blocks: list[Block], wid: Callable[[str, str], str], path: str) -> None:
    """``mainBody`` with a block per entry (a lone empty ``p`` when there are none: the schema wants content)."""
    body = _sub(parent, "mainBody")
    for i, block in enumerate(blocks):
        _block(body, block, wid, f"{path}/{i}")
    if not blocks:
        _sub(body, "p")


def _preamble(parent: etree._Element, blocks: list[Block], wid: Callable[[str, str], str]) -> None:
    """Formulas as they are; runs of loose recitals wrapped in one ``recitals``."""
    loose: etree._Element | None = None
    for i, block in enumerate(blocks):
        path = f"preamble/{i}"
        if block.kind == "recital":
            if loose is None:
                loose = _sub(parent, "recitals")
            _block(loose, block, wid, path)
            continue
        loose = None
        _block(parent, block, wid, path)


#: The block kinds the builder writes, those that carry a ``num``, and those that hold child blocks.
_KINDS = {"formula", "recitals", "recital", "section", "subsection", "paragraph", "subparagraph", "blockContainer", "p"}
_NUMBERED = {"section", "subsection", "paragraph", "subparagraph"}
_WITH_CHILDREN = {"recitals", "section", "subsection", "paragraph", "subparagraph", "blockContainer"}


def _block(parent: etree._Element, block: Block, wid: Callable[[str, str], str], path: str) -> None:
    kind = block.kind
    attrs = {"class": block.name} if block.name and kind in ("p", "blockContainer") else {}
    if kind not in _KINDS:
        raise ValueError(f"no AKN shape for block kind {kind!r}")
    if kind == "formula":
        attrs = {"name": block.name or "enactingFormula"}
    element = _sub(parent, kind, **attrs)
    if block.num and kind in _NUMBERED:
        _sub(element, "num").text = block.num
    slot = _slot(element, block)
    for j, child in enumerate(block.children if kind in _WITH_CHILDREN else ()):
        _block(element, child, wid, f"{path}/{j}")
    if block.amendable and kind != "blockContainer":
        element.set("wId", wid(kind, path))
    if slot is not None:
        if block.attrs.get("place") and block.attrs.get("date"):
            _place_and_date(slot, block)
        else:
            write_slot(slot, block.text, block.notes)


def _slot(element: etree._Element, block: Block) -> etree._Element | None:
    """Make the element holding ``block``'s own text where :func:`~tracker.akn.slots.slot_of` looks for it.

    Made here rather than found afterwards: the builder knows where it put it.
    """
    kind = block.kind
    if kind in ("formula", "recital"):
        return _sub(element, "p")
    if kind == "recitals":
        return _sub(_sub(element, "intro"), "p")
    if kind in ("section", "subsection"):
        return _sub(element, "heading")
    if kind in ("paragraph", "subparagraph"):
        if not block.children:
            return _sub(_sub(element, "content"), "p")
        return _sub(_sub(element, "intro"), "p") if block.text or block.notes else None
    return element if kind == "p" else None


def _place_and_date(slot: etree._Element, block: Block) -> None:
    """``Washington, D.C., July 9, 2004`` with the place and date marked up."""
    place, date_text = block.attrs["place"], block.attrs["date_text"]
    head, _, rest = block.text.partition(place)
    between, _, tail = rest.partition(date_text)
    slot.text = head
    location = akn.location(place, refersTo="#place")
    location.tail = between
    date = akn.date(date_text, date=block.attrs["date"])
    date.tail = tail
    slot.extend([location, date])


def _attachment(
    parent: etree._Element, attachment: Attachment, meta: DocMeta, wid: Callable[[str, str], str], index: int
) -> None:
    path = f"att/{index}"
    doc = _sub(_sub(parent, "attachment"), "doc", name=attachment.name)
    doc.append(build_meta(meta, "doc", attachment.name, component=f"{attachment.name}_{index + 1}"))
    if attachment.preface:
        preface = _sub(doc, "preface")
        for i, block in enumerate(attachment.preface):
            _block(preface, block, wid, f"{path}/pre/{i}")
    _main_body(doc, attachment.body, wid, f"{path}/body")
