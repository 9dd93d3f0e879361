"""``wgt amend from-word``: a delegation's edited Word file of a revision, made into its proposals.

Delegations do not write patches: they open the revision ``wgt render`` wrote,
switch on Track Changes, edit, comment, and send the file back. The file says
what it is (its custom properties: symbol, revision, language, the hash of the
revision's signed manifest) and which paragraph is which unit (a bookmark on
each: :mod:`tracker.render.wordmarks`). This module

1. reads the file's paragraphs with every change rejected and accepted
   (:mod:`tracker.importer.readers.docx_revisions`), and the revision it came from
   rendered again in the same way, so that both are read by the same reader;
2. places each edited paragraph (:mod:`tracker.fromword.match`): a unit by its
   marker, or by position and text where the marker was lost (reported), a
   paragraph wgt prints that is no unit, or a new paragraph;
3. makes one proposal per changed unit, against the revision the file came from
   and in its language: the unit's words before and after (``modify``), a new
   paragraph after the unit before it (``new-unit``), a unit no paragraph holds
   any more (``delete-unit``); a comment on a change is its justification. A unit
   whose words differ although no tracked change touched them was edited without
   Track Changes, and is flagged *untracked*: a file edited without Track Changes
   at all gives the same proposals, every one untracked;
4. records every proposal or none (:mod:`tracker.amendments.batch`), and says
   which are stale when the file came from an older revision.

Formatting-only revisions, changes to footnotes and to the paragraphs that are
no unit are listed and ignored; each revision's author is shown, and one that
is not the proposing delegation is a warning (an error with ``strict_author``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tracker.akn.document import Draft
from tracker.amendments.batch import (
    DELETE_UNIT,
    MODIFY,
    NEW_UNIT,
    Planned,
    build_several,
    number_several,
    record_several,
    stale_among,
)
from tracker.amendments.proposals import Context, proposer
from tracker.amendments.record import Amendment
from tracker.documents import draft_files
from tracker.errors import WgtError
from tracker.fromword.match import MARKER, NEW, OUTSIDE, Alignment, Original, align
from tracker.fromword.summary import Found, Intake
from tracker.i18n import _, delegation_name
from tracker.importer.readers.docx_revisions import collapse_spaces, read_revisions
from tracker.importer.revised import Joined, Paragraph, RevisedDocument, view
from tracker.render.issued import issued_layout, manifest_hash
from tracker.render.word import render_docx
from tracker.render.wordmarks import LANG, MANIFEST, PROPERTIES, REV, SYMBOL, bookmark_name
from tracker.storage import read_input
from tracker.symbols import parse_symbol
from tracker.trust.rules import MAX_PROPOSALS
from tracker.trust.state import read_log
from tracker.workspace import Workspace


def from_word(
    ws: Workspace,
    source: Path,
    by: str,
    *,
    lang: str | None = None,
    dry_run: bool = False,
    strict_author: bool = False,
) -> Intake:
    """The proposals ``by``'s edited Word file ``source`` makes; recorded unless ``dry_run`` (all or none)."""
    by = proposer(ws, by)
    name = str(source)
    doc = read_revisions(read_input(source, WgtError), name)
    ctx, rev, file_lang = _revision_of(ws, doc, lang)
    draft = ctx.drafts.get(rev, file_lang)
    intake = Intake(name, ctx.symbol.base, rev, file_lang, ctx.latest, by, dry_run, tracked=doc.tracked)
    intake.authors = doc.authors
    _check_authors(intake, ws, strict_author)
    original = read_revisions(render_docx(issued_layout(ws, draft)), name)
    originals = _originals(original, draft)
    unit_of = {bookmark_name(u.wid): u.wid for u in draft.units()}.get
    edited = _main_text(view(doc.paragraphs, accepted=True))
    befores = _befores(_main_text(view(doc.paragraphs, accepted=False)), unit_of)
    alignment = align(originals, edited, unit_of)
    intake.found = _proposals(intake, draft, originals, alignment, befores)
    _leftovers(intake, doc, draft, alignment)
    if not intake.found:
        raise WgtError(
            _("{name}: holds no change to the text of {symbol} rev. {rev} ({language}); nothing to propose").format(
                name=name, symbol=ctx.symbol.base, rev=rev, language=file_lang
            )
        )
    if len(intake.found) > MAX_PROPOSALS:
        raise WgtError(
            _(
                "{name}: would make {count} proposals, more than the {limit} one file may make; send smaller files"
            ).format(name=name, count=len(intake.found), limit=MAX_PROPOSALS)
        )
    records = _records(ctx, by, rev, file_lang, intake.found, name)
    if dry_run:
        number_several(read_log(ws).highest_number(by), records)
    else:
        record_several(ws, ctx, records, Path(name).name)
    intake.records = records
    intake.stale = stale_among(ws, ctx.symbol.base, records) if rev < ctx.latest else {}
    return intake


def _revision_of(ws: Workspace, doc: RevisedDocument, lang: str | None) -> tuple[Context, int, str]:
    """The document, revision and language the file says it is, refused unless this workspace issued it so."""
    props = doc.properties
    missing = [key for key in PROPERTIES if not props.get(key)]
    if missing:
        raise WgtError(
            _(
                "{name}: is not a revision wgt rendered (its custom properties lack {keys}); edit the file "
                "'wgt render SYMBOL --format docx' writes and send that one back"
            ).format(name=doc.name, keys=", ".join(missing))
        )
    symbol, file_lang = props[SYMBOL], props[LANG]
    try:
        sym = parse_symbol(symbol) if len(symbol) <= 200 else None
    except WgtError:  # not even a symbol: no document of this workspace either
        sym = None
    files = draft_files(ws, sym.slug) if sym is not None else {}
    if not files:
        raise WgtError(
            _("{name}: is a revision of {symbol}, a document this workspace does not hold ('wgt list')").format(
                name=doc.name, symbol=_shown(symbol)
            )
        )
    rev = int(props[REV]) if re.fullmatch("[0-9]{1,6}", props[REV]) else -1
    if rev not in files:
        raise WgtError(
            _("{name}: says it is rev. {rev} of {symbol}, which does not exist (revisions: {revisions})").format(
                name=doc.name, rev=_shown(props[REV]), symbol=sym.base, revisions=", ".join(map(str, files))
            )
        )
    if lang is not None and lang != file_lang:
        raise WgtError(
            _("{name}: is the {found!r} version of {symbol} rev. {rev}, not the {wanted!r} one --lang names").format(
                name=doc.name, found=file_lang[:12], symbol=sym.base, rev=rev, wanted=lang
            )
        )
    if file_lang not in files[rev]:
        raise WgtError(
            _("{name}: says it is in {found!r}, a language {symbol} rev. {rev} does not have ({languages})").format(
                name=doc.name, found=file_lang[:12], symbol=sym.base, rev=rev, languages=", ".join(files[rev])
            )
        )
    if props[MANIFEST] != manifest_hash(ws, sym.base, rev):
        raise WgtError(
            _(
                "{name}: is not {symbol} rev. {rev} as this workspace issued it (its manifest differs: "
                "a revision of another working group, or of a copy that diverged); render the revision here again"
            ).format(name=doc.name, symbol=sym.base, rev=rev)
        )
    return Context.of(ws, sym.base), rev, file_lang


def _shown(value: str, limit: int = 60) -> str:
    """A value the file gives, as a message may show it: printable characters only, and not a page of them."""
    return "".join(c for c in value if c.isprintable())[:limit]


def _check_authors(intake: Intake, ws: Workspace, strict: bool) -> None:
    """Warn of (or, ``strict``, refuse) revisions whose author is not the proposing delegation."""
    names = {intake.by.casefold()}
    listed = ws.config.participants.get(intake.by)
    if listed is not None and listed.name:
        names.add(listed.name.casefold())
    names.update(delegation_name(intake.by, lang).casefold() for lang in ws.config.languages)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(names, key=len, reverse=True)))
    strangers = sorted(author for author in intake.authors if not pattern.search(author.casefold()))
    if strangers and strict:
        raise WgtError(
            _(
                "{name}: holds changes by {authors}, not by {code}; with --strict-author only {code}'s own "
                "changes are taken (set Word's user name to the delegation, or leave out --strict-author)"
            ).format(
                name=intake.source, authors=", ".join(a or _("an unknown author") for a in strangers), code=intake.by
            )
        )
    intake.strangers = strangers


def _originals(original: RevisedDocument, draft: Draft) -> list[Original]:
    """The paragraphs of the revision as wgt renders it, each unit's with what is printed around its words."""
    texts = {u.wid: collapse_spaces(u.text) for u in draft.units()}
    unit_of = {bookmark_name(wid): wid for wid in texts}.get
    out = []
    for joined in _main_text(view(original.paragraphs, accepted=True)):
        wid = next((unit_of(m) for m in joined.markers if unit_of(m)), None)
        text = joined.text
        if wid is None:
            out.append(Original(None, text))
            continue
        words = texts[wid]
        at = text.find(words) if words else 0
        prefix, suffix = (text[:at], text[at + len(words) :]) if at >= 0 else ("", "")
        out.append(Original(wid, text, prefix.strip(" "), suffix.strip(" ")))
    return out


def _main_text(joined: list[Joined]) -> list[Joined]:
    """The paragraphs of the main text outside tables (the header block is one)."""
    return [j for j in joined if not all(part.in_table for part in j.parts)]


def _befores(before: list[Joined], unit_of: Callable[[str], str | None]) -> dict[str, str]:
    """Each unit's paragraph with every change rejected, by the unit's id (its marker)."""
    out: dict[str, str] = {}
    for joined in before:
        for marker in joined.markers:
            wid = unit_of(marker)
            if wid is not None:
                out.setdefault(wid, joined.text)
    return out


def _proposals(
    intake: Intake, draft: Draft, originals: list[Original], alignment: Alignment, befores: dict[str, str]
) -> list[Found]:
    """One proposal per changed unit, in the revision's order (a new paragraph after the unit it follows)."""
    labels = draft.labels()
    by_key = {o.key: o for o in originals if o.key is not None}
    order = {key: n for n, key in enumerate(by_key)}
    found: list[tuple[tuple[int, int, int], Found]] = []
    for sequence, placed in enumerate(alignment.placed):
        joined = placed.joined
        first = joined.parts[0].number
        if placed.how == OUTSIDE:
            if joined.text != placed.outside.text:
                intake.outside.append((first, placed.outside.text))
            continue
        if placed.how == NEW:
            if placed.anchor is None:
                raise WgtError(
                    _(
                        "{name}: paragraph {number} is new and stands before the first paragraph of the text; "
                        "a new paragraph follows one of the text's paragraphs"
                    ).format(name=intake.source, number=first)
                )
            plan = Planned(NEW_UNIT, placed.anchor, joined.text, _justification(joined.parts, untracked=False))
            untracked = not any(part.tracked for part in joined.parts)
            item = Found(plan, labels[placed.anchor], first, untracked, "", joined.text)
            found.append(((order[placed.anchor], 1, sequence), item))
            continue
        original = by_key[placed.unit]
        if placed.how != MARKER:
            intake.matched.append((first, labels[placed.unit], placed.likeness))
        _note_changes(intake, joined.parts, labels[placed.unit])
        words = _words(intake, original, joined.text, first, labels[placed.unit])
        base = collapse_spaces(draft.unit(placed.unit).text)
        if words == base:
            continue
        before = befores.get(placed.unit)
        if before is None:
            before = " ".join(part.before for part in joined.parts if part.before)
        untracked = original.words_of(before) != base
        plan = Planned(
            MODIFY if words else DELETE_UNIT, placed.unit, words, _justification(joined.parts, untracked=untracked)
        )
        found.append(
            ((order[placed.unit], 0, sequence), Found(plan, labels[placed.unit], first, untracked, base, words))
        )
    for wid, part in alignment.deleted.items():
        base = collapse_spaces(draft.unit(wid).text)
        untracked = part is None or not part.tracked
        justification = _justification([part], untracked=untracked) if part is not None else ""
        number = part.number if part is not None else 0
        item = Found(Planned(DELETE_UNIT, wid, "", justification), labels[wid], number, untracked, base, "")
        found.append(((order[wid], 0, -1), item))
    return _whole_units(intake, draft, [item for _key, item in sorted(found, key=lambda pair: pair[0])])


def _whole_units(intake: Intake, draft: Draft, found: list[Found]) -> list[Found]:
    """``found`` as proposals the draft's structure can take: a unit is deleted with its sub-paragraphs.

    Deleting a unit deletes its sub-paragraphs too, so the file must have deleted them all (their
    deletions are then the unit's); a new paragraph follows a unit and all of its sub-paragraphs, so
    one that stands between a unit and its first sub-paragraph cannot be placed.
    """
    children: dict[str, list[str]] = {}
    parents: dict[str, str] = {}
    groups = {unit.wid for unit in draft.units() if unit.kind == "recitals"}
    for unit in draft.units():
        if unit.parent is not None:
            children.setdefault(unit.parent, []).append(unit.wid)
            parents[unit.wid] = unit.parent
    labels = draft.labels()
    deleted = {item.plan.unit for item in found if item.plan.kind == DELETE_UNIT}

    def below(wid: str) -> list[str]:
        return [w for child in children.get(wid, []) for w in (child, *below(child))]

    out = []
    for item in found:
        wid = item.plan.unit
        kept = [labels[w] for w in below(wid) if w not in deleted]
        if item.plan.kind == DELETE_UNIT and kept:
            raise WgtError(
                _(
                    "{name}: paragraph {number} ({label}): {label} is deleted but not its sub-paragraphs ({kept}); "
                    "a paragraph is deleted with its sub-paragraphs: delete them too, or keep {label}"
                ).format(name=intake.source, number=item.paragraph, label=item.label, kept=", ".join(kept))
            )
        if item.plan.kind == NEW_UNIT and kept:
            raise WgtError(
                _(
                    "{name}: paragraph {number} is new and stands between {label} and its sub-paragraph {first}; "
                    "a new paragraph follows a paragraph with all its sub-paragraphs: place it after {last}"
                ).format(name=intake.source, number=item.paragraph, label=item.label, first=kept[0], last=kept[-1])
            )
        parent = parents.get(wid)
        if item.plan.kind == DELETE_UNIT and parent in groups - deleted and set(children[parent]) <= deleted:
            raise WgtError(
                _(
                    "{name}: paragraph {number} ({label}): every paragraph under {group} is deleted but not {group} "
                    "itself, which cannot stand alone; delete {group} too, or keep one of its paragraphs"
                ).format(name=intake.source, number=item.paragraph, label=item.label, group=labels[parent])
            )
        ancestor = parents.get(wid)
        while ancestor is not None and ancestor not in deleted:
            ancestor = parents.get(ancestor)
        if item.plan.kind == DELETE_UNIT and ancestor is not None:
            continue  # deleted with the unit it belongs to
        out.append(item)
    return out


def _words(intake: Intake, original: Original, text: str, number: int, label: str) -> str:
    """The unit's own words in its edited paragraph, refused when what wgt prints around them was changed."""
    words = original.unprinted(text) if text else ""
    if words is None:
        printed = " … ".join(piece for piece in (original.prefix, original.suffix) if piece)
        raise WgtError(
            _(
                "{name}: paragraph {number} ({label}): what wgt prints around the paragraph's words ({printed}) "
                "was changed; it is not part of the text: undo that change and try again"
            ).format(name=intake.source, number=number, label=label, printed=printed)
        )
    return words


def _justification(parts: list[Paragraph], untracked: bool) -> str:
    """The comments on the changes of ``parts`` (any comment in them, when the changes are untracked).

    They are taken out of ``parts``: the comments left there are listed as ignored.
    """
    texts = [c.text for part in parts for c in part.comments if c.on_change or untracked]
    for part in parts:
        part.comments = [c for c in part.comments if not (c.on_change or untracked)]
    return "\n".join(dict.fromkeys(texts))


def _note_changes(intake: Intake, parts: list[Paragraph], label: str) -> None:
    for part in parts:
        for note in part.notes:
            intake.notes.append((part.number, label, note))


def _leftovers(intake: Intake, doc: RevisedDocument, draft: Draft, alignment: Alignment) -> None:
    """What the file holds that makes no proposal: formatting revisions, comments not on a change."""
    labels = draft.labels()
    where: dict[int, str] = {}
    for placed in alignment.placed:
        for part in placed.joined.parts:
            where[part.number] = labels.get(placed.unit or "", "")
    intake.formatting = Counter(
        {where.get(p.number) or str(p.number): p.formatting for p in doc.paragraphs if p.formatting}
    )
    intake.unused_comments = [(p.number, c.text) for p in doc.paragraphs for c in p.comments]
    # The header block is a table: a tracked change there is no proposal either.
    intake.outside += [(p.number, p.after or p.before) for p in doc.paragraphs if p.in_table and p.tracked]


def _records(ctx: Context, by: str, rev: int, lang: str, found: list[Found], name: str) -> list[Amendment]:
    """The records ``found`` makes, each checked; a refusal names the paragraph it comes from."""
    records = []
    for item in found:
        try:
            records.extend(build_several(ctx, by, rev, lang, [item.plan]))
        except WgtError as exc:
            raise WgtError(
                _("{name}: paragraph {number} ({label}): {reason}").format(
                    name=name, number=item.paragraph, label=item.label, reason=exc
                )
            ) from None
    return records


__all__ = ["Intake", "from_word"]
