"""A language-neutral outline of a document: what importers produce and the builder writes.

The outline is deliberately small: blocks with a kind (the AKN element name), an
optional number, their own text, footnotes anchored at character offsets, and
children. Everything else (eIds, wIds, metadata layout) is the builder's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Document types the tool knows, and the AKN element and ``name`` each becomes.
DOC_TYPES = {
    "resolution": ("statement", "resolutionDraft"),
    "report": ("doc", "report"),
    "note": ("doc", "noteVerbale"),
    "program": ("doc", "program"),
}


@dataclass
class Note:
    """A footnote: its text and where its marker sits in the owning block's text."""

    offset: int
    text: str
    marker: str | None = None


@dataclass
class Block:
    """One structural block: a unit if ``amendable``, otherwise plain content."""

    kind: str
    text: str = ""
    num: str | None = None
    name: str | None = None
    notes: list[Note] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    line: int | None = None
    amendable: bool = True
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Attachment:
    """An appendix or annex: its heading lines and its numbered items."""

    name: str
    preface: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class HeaderLine:
    """One field of a document's header block, as printed (``Original: Spanish``) and what it means (``es``)."""

    kind: str  # organization | series | symbol | date | original | distribution | session | agenda | caption | adoption
    text: str
    value: str = ""


@dataclass
class Outline:
    """A whole document as imported, before it is given ids and metadata."""

    doc_type: str
    header: list[HeaderLine] = field(default_factory=list)
    title: Block | None = None
    preamble: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    conclusions: list[Block] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
