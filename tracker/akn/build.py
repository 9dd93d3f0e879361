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
from tracker.akn.namespace import akn
from tracker.akn.outline import DOC_TYPES, Attachment, Block, Outline
from tracker.akn.slots import number_notes, slot_of, write_slot

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
    """The ``<akomaNtoso>`` root for ``outline`` with every id assigned."""
    used: set[str] = set()

    def wid(kind: str, path: str) -> str:
        if kind == "paragraph" and path.startswith("att/"):
            kind = "annexItem"
        elif kind == "paragraph" and outline.doc_type != "resolution":
            kind = "reportParagraph"
        return make_wid(kind, f"{meta.slug}|{path}", used)

    element, akn_name = DOC_TYPES[outline.doc_type]
    parts: list[etree._Element] = [build_meta(meta, element, akn_name)]
    preface = akn.preface(akn.p(akn.docNumber(_symbol_with_rev(meta)), **{"class": "symbol"}))
    if outline.title is not None:
        title = akn.docTitle(wId=wid("docTitle", "title"))
        write_slot(title, outline.title.text, outline.title.notes)
        preface.append(akn.p(title, **{"class": "title"}))
    parts.append(preface)
    if outline.preamble:
        parts.append(akn.preamble(*_preamble(outline.preamble, wid)))
    body = [_block(b, wid, f"body/{i}") for i, b in enumerate(outline.body)]
    parts.append(akn.mainBody(*(body or [akn.p()])))
    if outline.conclusions:
        parts.append(akn.conclusions(*[_block(b, wid, f"end/{i}") for i, b in enumerate(outline.conclusions)]))
    if outline.attachments:
        parts.append(akn.attachments(*[_attachment(a, meta, wid, i) for i, a in enumerate(outline.attachments)]))
    root = akn.akomaNtoso(akn(element, *parts, name=akn_name))
    assign_eids(root)
    number_notes(root)
    return root


def _symbol_with_rev(meta: DocMeta) -> str:
    return meta.symbol if meta.rev == 0 else f"{meta.symbol} rev. {meta.rev}"


def _preamble(blocks: list[Block], wid: Callable[[str, str], str]) -> list[etree._Element]:
    """Formulas as they are; runs of loose recitals wrapped in one ``recitals``."""
    out: list[etree._Element] = []
    loose: etree._Element | None = None
    for i, block in enumerate(blocks):
        path = f"preamble/{i}"
        if block.kind == "recital":
            if loose is None:
                loose = akn.recitals()
                out.append(loose)
            loose.append(_block(block, wid, path))
            continue
        loose = None
        out.append(_block(block, wid, path))
    return out


def _block(block: Block, wid: Callable[[str, str], str], path: str) -> etree._Element:
    kind = block.kind
    attrs = {"class": block.name} if block.name and kind in ("p", "blockContainer") else {}
    if kind == "formula":
        element = akn.formula(akn.p(), name=block.name or "enactingFormula")
    elif kind == "recitals":
        element = akn.recitals(akn.intro(akn.p()))
        element.extend(_block(c, wid, f"{path}/{j}") for j, c in enumerate(block.children))
    elif kind == "recital":
        element = akn.recital(akn.p())
    elif kind in ("section", "subsection"):
        element = akn(kind, *([akn.num(block.num)] if block.num else []), akn.heading())
        element.extend(_block(c, wid, f"{path}/{j}") for j, c in enumerate(block.children))
    elif kind in ("paragraph", "subparagraph"):
        element = akn(kind, *([akn.num(block.num)] if block.num else []))
        if block.children:
            if block.text or block.notes:
                element.append(akn.intro(akn.p()))
            element.extend(_block(c, wid, f"{path}/{j}") for j, c in enumerate(block.children))
        else:
            element.append(akn.content(akn.p()))
    elif kind == "blockContainer":
        element = akn.blockContainer(*[_block(c, wid, f"{path}/{j}") for j, c in enumerate(block.children)], **attrs)
    elif kind == "p":
        element = akn.p(**attrs)
    else:
        raise ValueError(f"no AKN shape for block kind {kind!r}")
    if block.amendable and kind != "blockContainer":
        element.set("wId", wid(kind, path))
    slot = slot_of(element)
    if slot is not None:
        if block.attrs.get("place") and block.attrs.get("date"):
            _place_and_date(slot, block)
        else:
            write_slot(slot, block.text, block.notes)
    return element


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


def _attachment(attachment: Attachment, meta: DocMeta, wid: Callable[[str, str], str], index: int) -> etree._Element:
    path = f"att/{index}"
    preface = [_block(b, wid, f"{path}/pre/{i}") for i, b in enumerate(attachment.preface)]
    body = [_block(b, wid, f"{path}/body/{i}") for i, b in enumerate(attachment.body)]
    doc = akn.doc(
        build_meta(meta, "doc", attachment.name, component=f"{attachment.name}_{index + 1}"),
        *([akn.preface(*preface)] if preface else []),
        akn.mainBody(*(body or [akn.p()])),
        name=attachment.name,
    )
    return akn.attachment(doc)
