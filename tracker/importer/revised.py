"""The intermediate form of a revised document: each paragraph as it read before and after the changes.

A delegation sends back a revision it edited, with its word processor's change
tracking on or off. Whatever the format, a reader gives the same account of it
(:mod:`tracker.importer.readers.docx_revisions` for Word): for each paragraph in
reading order, the markers it carries (the bookmarks naming the units wgt wrote),
its text with every tracked change rejected and with every change accepted, what
happened to its paragraph mark, the comments anchored in it, the notes whose
text changed, and who made each revision. What the changes *mean* — which
proposals they are — is decided elsewhere (:mod:`tracker.fromword`), from this
form only.

Paragraph marks decide where paragraphs begin and end: a deleted mark joins its
paragraph to the next once the changes are accepted, an inserted mark splits
what was one paragraph before them. :func:`view` joins them so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

#: What happened to a paragraph's mark (its end): nothing, a tracked insertion, a tracked deletion.
KEPT, INSERTED, DELETED = "kept", "inserted", "deleted"


@dataclass(frozen=True)
class Comment:
    """A comment anchored in a paragraph: its words and author, and whether its range holds a tracked change."""

    text: str
    author: str
    on_change: bool


@dataclass(frozen=True)
class NoteChange:
    """A footnote or endnote of a paragraph whose text, or whose reference, a revision changed."""

    kind: str  # "footnote" | "endnote"
    before: str
    after: str


@dataclass
class Paragraph:
    """One paragraph of the revised document, in reading order."""

    #: 1-based among the paragraphs of the main text, as a person counts them in messages.
    number: int
    #: The names of the bookmarks that start in it.
    markers: list[str] = field(default_factory=list)
    #: Its words with every tracked change rejected, and accepted (whitespace collapsed, NFC).
    before: str = ""
    after: str = ""
    #: What happened to its mark: :data:`KEPT`, :data:`INSERTED` or :data:`DELETED`.
    mark: str = KEPT
    #: Tracked insertions and deletions of its words (moves counted as both), and formatting-only revisions.
    changes: int = 0
    formatting: int = 0
    moved: bool = False
    #: In a table (the header block of an issued document is one): never a unit of its text.
    in_table: bool = False
    comments: list[Comment] = field(default_factory=list)
    notes: list[NoteChange] = field(default_factory=list)

    @property
    def tracked(self) -> bool:
        """Whether any tracked change (of its words or of its mark) touches it."""
        return bool(self.changes) or self.mark != KEPT


@dataclass
class RevisedDocument:
    """A revised file: its properties, its paragraphs and who revised it."""

    name: str
    #: The file's own properties (Word's custom properties), by name.
    properties: dict[str, str]
    paragraphs: list[Paragraph]
    #: Revisions (tracked changes of text, marks and formatting) by author, as the file names them.
    authors: Counter[str] = field(default_factory=Counter)
    #: Formatting-only revisions, and comments anchored outside the main text's paragraphs.
    formatting: int = 0

    @property
    def tracked(self) -> bool:
        """Whether the file holds any tracked change of its words or paragraphs."""
        return any(p.tracked for p in self.paragraphs)


@dataclass
class Joined:
    """One paragraph of a view: the paragraphs (one or more) that a view reads as one, and its text."""

    parts: list[Paragraph]
    text: str

    @property
    def markers(self) -> list[str]:
        return [marker for part in self.parts for marker in part.markers]


def view(paragraphs: list[Paragraph], accepted: bool) -> list[Joined]:
    """The paragraphs as they read with every change accepted (or, ``accepted`` False, rejected).

    Accepted, a paragraph whose mark was deleted runs on into the next and an
    inserted paragraph's words are there; rejected, an inserted mark joins its
    paragraph to the next. A paragraph left without words joins as nothing.
    """
    joins = DELETED if accepted else INSERTED
    out: list[Joined] = []
    pending: list[Paragraph] = []
    for paragraph in paragraphs:
        pending.append(paragraph)
        if paragraph.mark == joins and paragraph is not paragraphs[-1]:
            continue
        texts = [p.after if accepted else p.before for p in pending]
        out.append(Joined(pending, " ".join(text for text in texts if text)))
        pending = []
    return out


__all__ = ["DELETED", "INSERTED", "KEPT", "Comment", "Joined", "NoteChange", "Paragraph", "RevisedDocument", "view"]
