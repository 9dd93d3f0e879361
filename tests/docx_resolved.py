"""A Word file as its reader sees it once every tracked change is accepted, or rejected: its lines.

The test of an exact redline (``wgt compare --format docx``) is that accepting
all its changes gives the later revision as ``wgt render`` issues it, and
rejecting all gives the earlier one. This module does what Word's "Accept All
Changes" and "Reject All Changes" do to the WordprocessingML, independently of
the writer:

* accepting drops every ``w:del`` and ``w:moveFrom`` with what it holds and keeps
  what ``w:ins`` and ``w:moveTo`` hold; rejecting does the opposite (deleted text
  is ``w:delText``);
* a paragraph whose mark goes (``w:pPr/w:rPr/w:del`` accepted, ``…/w:ins``
  rejected) joins the paragraph after it, which keeps its own properties; a
  paragraph left with no text vanishes with its mark, anything else would show;
* a list paragraph's number is computed as Word counts it, from
  ``numbering.xml`` (each ``w:num``'s counters, a level restarting the levels
  below it), so renumbering is checked, not assumed;
* each footnote call shows the number Word gives it (its order among the calls
  left), and the notes follow the text as ``N.`` and their own resolved text.

The lines are the header table's cells, the body's paragraphs (``number`` TAB
text), then the notes; comments and bookmarks are no part of the text.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from tracker.wordml import FORMATS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DROPPED = {True: (f"{W}del", f"{W}moveFrom"), False: (f"{W}ins", f"{W}moveTo")}
_MARK_GOES = {True: f"{W}del", False: f"{W}ins"}


def resolved(data: bytes, accept: bool | None = None) -> list[str]:
    """The lines of the DOCX ``data`` with every change accepted (``True``), rejected (``False``), or neither."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        document = etree.fromstring(z.read("word/document.xml"))
        numbering = etree.fromstring(z.read("word/numbering.xml")) if "word/numbering.xml" in names else None
        notes = etree.fromstring(z.read("word/footnotes.xml")) if "word/footnotes.xml" in names else None
    reader = _Reader(accept, _Numbering(numbering), notes)
    body = document.find(f"{W}body")
    lines = reader.lines(_paragraphs(body))
    for number, note in enumerate(reader.called, start=1):
        lines.append(f"{number}.\t" + " ".join(reader.note_text(note).split()))
    return lines


def _paragraphs(container: etree._Element) -> list[etree._Element]:
    """Every ``w:p`` of the body in reading order, those in table cells included."""
    return [p for p in container.iter(f"{W}p") if not any(a.tag == f"{W}p" for a in p.iterancestors())]


class _Reader:
    def __init__(self, accept: bool | None, numbering: _Numbering, notes: etree._Element | None) -> None:
        self.accept = accept
        self.numbering = numbering
        self.notes = {n.get(f"{W}id"): n for n in notes.iter(f"{W}footnote")} if notes is not None else {}
        #: The notes called from the text left, in the order of their calls.
        self.called: list[etree._Element] = []

    def lines(self, paragraphs: list[etree._Element]) -> list[str]:
        out = []
        carried = ""
        for p in paragraphs:
            text = carried + self.text(p)
            if self.mark_goes(p):
                carried = text  # joins the next paragraph
                continue
            carried = ""
            label = self.numbering.label(p)
            out.append(f"{label}\t{text}" if label else text)
        if carried:
            out.append(carried)
        return out

    def mark_goes(self, p: etree._Element) -> bool:
        if self.accept is None:
            return False
        return p.find(f"{W}pPr/{W}rPr/{_MARK_GOES[self.accept]}") is not None

    def kept(self, node: etree._Element, top: etree._Element) -> bool:
        if self.accept is None:
            return True
        dropped = _DROPPED[self.accept]
        for ancestor in node.iterancestors():
            if ancestor is top:
                return True
            if ancestor.tag in dropped:
                return False
        return True

    def text(self, p: etree._Element) -> str:
        out = []
        for node in p.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br", f"{W}footnoteReference", f"{W}footnoteRef"):
            if any(a.tag in (f"{W}pPr", f"{W}rPr") for a in node.iterancestors()) or not self.kept(node, p):
                continue
            if node.tag in (f"{W}t", f"{W}delText"):
                run = node.getparent()
                if run.find(f"{W}footnoteReference") is not None:
                    continue  # a custom mark's text is the call, shown below
                out.append(node.text or "")
            elif node.tag == f"{W}tab":
                out.append("\t")
            elif node.tag == f"{W}br":
                out.append("\n")
            elif node.tag == f"{W}footnoteRef":
                out.append("")  # the note's own number: written by resolved() before its text
            else:
                note = self.notes.get(node.get(f"{W}id"))
                assert note is not None, f"a call to footnote {node.get(f'{W}id')} the file does not have"
                self.called.append(note)
                custom = node.getparent().find(f"{W}t")
                out.append(f"[{custom.text}]" if custom is not None else f"[{len(self.called)}]")
        return "".join(out)

    def note_text(self, note: etree._Element) -> str:
        text = "".join(self.text(p) for p in note.iter(f"{W}p"))
        return text.removeprefix(".").strip()


class _Numbering:
    """Word's list numbering: each ``w:num``'s counters, per level."""

    def __init__(self, numbering: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if numbering is None:
            return
        abstract = {}
        for a in numbering.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in a.iter(f"{W}lvl"):
                start = lvl.find(f"{W}start")
                levels[int(lvl.get(f"{W}ilvl"))] = (
                    int(start.get(f"{W}val")) if start is not None else 0,
                    lvl.find(f"{W}numFmt").get(f"{W}val"),
                    lvl.find(f"{W}lvlText").get(f"{W}val"),
                )
            abstract[a.get(f"{W}abstractNumId")] = levels
        for num in numbering.iter(f"{W}num"):
            levels = dict(abstract[num.find(f"{W}abstractNumId").get(f"{W}val")])
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    level = int(override.get(f"{W}ilvl"))
                    _, fmt, text = levels[level]
                    levels[level] = (int(start.get(f"{W}val")), fmt, text)
            self.levels[num.get(f"{W}numId")] = levels

    def label(self, p: etree._Element) -> str:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            return ""
        num_id = num_pr.find(f"{W}numId").get(f"{W}val")
        ilvl = num_pr.find(f"{W}ilvl")
        level = int(ilvl.get(f"{W}val")) if ilvl is not None else 0
        if num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, levels[level][0] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        _, fmt, text = levels[level]
        for k in range(level + 1):
            start, kfmt, _ = levels[k]
            text = text.replace(f"%{k + 1}", _format(kfmt, counters.get(k, start)))
        return text


def _format(fmt: str, value: int) -> str:
    if fmt == "none":
        return ""
    return FORMATS[fmt](value)
