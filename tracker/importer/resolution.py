"""Draft resolutions: title, formula, preamble groups, operative paragraphs, appendices.

The shape is the one OAS drafts share (see ``seeds/002_…``)::

    [title lines]
    THE GENERAL ASSEMBLY,                      enacting formula (capitals, comma)
    HAVING SEEN the report …;                  preambular paragraph (capital verb)
    TAKING INTO ACCOUNT:                       a group opener (capitals, colon)
    Its resolutions …;                         paragraphs of the group
    RESOLVES:                                  resolving formula (followed by "1.")
    1.  To condemn …                           operative paragraph (text on the line or the next)
    a. To renew …                              lettered sub-paragraph
    APPENDIX                                   attachment: heading lines, then items I., II., …
"""

from __future__ import annotations

from tracker.akn.outline import Attachment, Block, Outline
from tracker.errors import ImportTextError
from tracker.i18n import _
from tracker.importer.patterns import (
    ATTACHMENT,
    ATTACHMENT_NAMES,
    LETTER_NUM,
    OPERATIVE_NUM,
    ROMAN_NUM,
    is_capitals,
    opens_with_capital_word,
)
from tracker.importer.source import Line


def is_enacting_formula(text: str) -> bool:
    return text.endswith(",") and is_capitals(text)


def parse(lines: list[Line]) -> Outline:
    """Parse a draft resolution; raises :class:`ImportTextError` naming the line."""
    outline = Outline("resolution")
    formula_at = next((i for i, line in enumerate(lines) if is_enacting_formula(line.text)), None)
    if formula_at is None:
        raise ImportTextError(
            _(
                "line {line}: no enacting formula (a line in capitals ending with a comma, "
                "such as 'THE GENERAL ASSEMBLY,'); is this a resolution? pass --type"
            ).format(line=lines[0].number)
        )
    if formula_at:
        head = lines[:formula_at]
        outline.title = Block("docTitle", " ".join(line.text for line in head), line=head[0].number)
    formula = lines[formula_at]
    outline.preamble.append(Block("formula", formula.text, name="enactingFormula", line=formula.number))
    rest = lines[formula_at + 1 :]
    body_at = _preamble(rest, outline)
    _body(rest[body_at:], outline)
    return outline


def _preamble(lines: list[Line], outline: Outline) -> int:
    """Fill the preamble; return the index of the first operative line."""
    group: Block | None = None
    for i, line in enumerate(lines):
        text = line.text
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        opener = text.endswith(":") and is_capitals(text)  # the cheap test first: most lines end with ";"
        if opener and OPERATIVE_NUM.match(following):
            outline.preamble.append(Block("formula", text, name="resolvingFormula", line=line.number))
            return i + 1
        if OPERATIVE_NUM.match(text):
            return i
        if opener:
            group = Block("recitals", text, line=line.number)
            outline.preamble.append(group)
        elif opens_with_capital_word(text) or group is None:
            group = None
            outline.preamble.append(Block("recital", text, line=line.number))
        else:
            group.children.append(Block("recital", text, line=line.number))
    raise ImportTextError(_("no operative paragraphs: expected 'RESOLVES:' followed by a line '1.'"))


def _body(lines: list[Line], outline: Outline) -> None:
    paragraph: Block | None = None
    pending: Block | None = None  # a number whose text is on the next line
    attachment: Attachment | None = None
    for line in lines:
        text = line.text
        if pending is not None and not _is_marker(text, attachment is not None):
            pending.text = text
            pending = None
            continue
        if pending is not None:
            raise ImportTextError(
                _("line {line}: '{number}' has no text before this line").format(line=line.number, number=pending.num)
            )
        if match := ATTACHMENT.match(text):
            name = ATTACHMENT_NAMES.get(match.group(1), "annex")
            attachment = Attachment(name, preface=[Block("p", text, name="heading", line=line.number)])
            outline.attachments.append(attachment)
            paragraph = None
            continue
        if attachment is not None:
            if match := ROMAN_NUM.match(text):
                item = Block("paragraph", match.group(2) or "", num=f"{match.group(1)}.", line=line.number)
                attachment.body.append(item)
                pending = None if match.group(2) else item
            elif not attachment.body:
                attachment.preface.append(Block("p", text, name="heading", line=line.number))
            else:
                raise ImportTextError(
                    _(
                        "line {line}: cannot place this line after agenda item "
                        "{number} (each item is one line; join wrapped lines)"
                    ).format(line=line.number, number=attachment.body[-1].num)
                )
            continue
        if match := OPERATIVE_NUM.match(text):
            paragraph = Block("paragraph", match.group(2) or "", num=f"{match.group(1)}.", line=line.number)
            outline.body.append(paragraph)
            pending = None if match.group(2) else paragraph
        elif (match := LETTER_NUM.match(text)) and paragraph is not None:
            sub = Block("subparagraph", match.group(2) or "", num=f"{match.group(1)}.", line=line.number)
            paragraph.children.append(sub)
            pending = None if match.group(2) else sub
        else:
            where = (
                _("operative paragraph {number}").format(number=paragraph.num)
                if paragraph
                else _("the resolving formula")
            )
            raise ImportTextError(
                _(
                    "line {line}: cannot place this line after {where}: "
                    "{text!r} (a paragraph is one line; join wrapped lines)"
                ).format(line=line.number, where=where, text=text[:60])
            )
    if pending is not None:
        raise ImportTextError(_("line {line}: '{number}' has no text").format(line=pending.line, number=pending.num))


def _is_marker(text: str, in_attachment: bool) -> bool:
    if in_attachment:
        return bool(ROMAN_NUM.match(text) or ATTACHMENT.match(text))
    return bool(OPERATIVE_NUM.match(text) or LETTER_NUM.match(text) or ATTACHMENT.match(text))
