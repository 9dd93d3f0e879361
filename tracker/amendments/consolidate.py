"""``rev issue``: the secretariat's consolidated revision, rev. N+1, in every language at once.

Applies the accepted amendments and the recorded statements (each a footnote that
names its delegation: :func:`~tracker.delegations.statement_note`) to the latest
revision, renumbers, records which amendment changed which unit, validates every
language version, and only then writes all of them together with the updated
amendment records. A failure anywhere writes nothing.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tracker.akn.document import Draft
from tracker.akn.edit import (
    add_footnote,
    delete_unit,
    insert_after,
    new_unit,
    renumber,
    set_doc_number,
    set_procedures,
    set_revision_record,
)
from tracker.akn.meta import set_meta_rev
from tracker.akn.outline import Note
from tracker.akn.rules import rule_errors
from tracker.akn.schema import schema_errors
from tracker.akn.slots import read_slot, write_slot
from tracker.amendments.authenticity import seal_status
from tracker.amendments.collisions import find_collisions
from tracker.amendments.proposals import Context, new_unit_wid, open_changes, participant
from tracker.amendments.record import Amendment
from tracker.amendments.store import AmendmentStore
from tracker.consistency.drafts import refuse_differences
from tracker.delegations import statement_note
from tracker.errors import WgtError
from tracker.i18n import _, term
from tracker.patches import Edit, apply_edits
from tracker.revisions import make_manifest, manifest_path
from tracker.trust.prepared import PreparedAction, prepare_and_commit
from tracker.trust.rules import ACTS, allowed
from tracker.workspace import Workspace


@dataclass
class IssuedRevision:
    """What ``rev issue`` did."""

    symbol: str
    rev: int
    date: str
    files: list[Path]
    incorporated: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)


def issue_revision(
    ws: Workspace,
    symbol: str,
    *,
    date: str | None = None,
    by: str = "SEC",
    accept_differences: Collection[str] = (),
) -> IssuedRevision:
    """Write rev. N+1 of ``symbol`` in every language; refuses rather than issue half of it.

    It also refuses when the languages of rev. N+1 differ in a unit's numbers, dates,
    symbols or footnotes (:mod:`tracker.consistency`), unless ``accept_differences``
    names the unit (by its label in rev. N+1).
    """
    issuer = participant(ws, by)
    if not allowed(issuer.role, ACTS["issue"][0]):
        raise WgtError(
            _("only the secretariat issues revisions; {code} is a {role}").format(
                code=issuer.code, role=term(issuer.role)
            )
        )
    issued_on = date or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(issued_on)
    except ValueError:
        raise WgtError(_("{date!r} is not a date; write it as YYYY-MM-DD").format(date=issued_on)) from None
    # Prepared without the lock (minutes of reading and checking on a large draft), written under it
    # only if no other action came in meanwhile; else prepared again (tracker.trust.prepared).
    accepted = tuple(accept_differences)
    return prepare_and_commit(ws, issuer.code, "issue", lambda action: _prepare(action, symbol, issued_on, accepted))


def _prepare(
    action: PreparedAction, symbol: str, issued_on: str, accept_differences: Collection[str] = ()
) -> IssuedRevision:
    """Stage rev. N+1 in every language and the incorporated records in ``action``; refuses rather than half of it."""
    ws, issuer = action.ws, action.by
    store = AmendmentStore(ws)
    ctx = Context.of(ws, symbol)
    records = store.all(ctx.symbol.slug)
    accepted = [r for r in records if r.status == "accepted" and r.kind != "statement"]
    statements = [r for r in records if r.kind == "statement" and r.status in ("proposed", "accepted")]
    _refuse_missing_languages(ctx, accepted + statements)
    outdated = [f"{r.id} ({', '.join(langs)})" for r in accepted if (langs := store.outdated_translations(r))]
    if outdated:
        raise WgtError(
            _(
                "cannot issue: translation outdated for {ids}; translate them again ('wgt amend translate ID --lang LANG …')"
            ).format(ids="; ".join(outdated))
        )
    changes, current, stale = open_changes(ctx, accepted)
    if stale:
        raise WgtError(_("cannot issue: {reasons}").format(reasons="; ".join(stale.values())))
    if collisions := find_collisions(changes, current):
        labels = ctx.current(ctx.languages[0]).labels()
        reasons = "; ".join(c.named(labels).explain() for c in collisions)
        raise WgtError(_("cannot issue: {reasons}").format(reasons=reasons))
    new_rev = ctx.latest + 1
    action.subject = ctx.symbol.with_rev(new_rev)  # never issued before: the log knows rev. N as the latest
    negotiation = store.negotiation(ctx.symbol.slug)
    statuses = negotiation.statuses
    procedures = [
        (s.rev, s.until, s.outcome, ",".join(dict.fromkeys(b.by for b in s.breaks)))
        for s in negotiation.silences
        if s.outcome
    ]
    files: dict[Path, bytes] = {}
    by_lang: dict[str, bytes] = {}
    drafts: dict[str, Draft] = {}
    for lang in ctx.languages:
        root = _consolidate(ctx, lang, accepted, statements, changes, statuses, new_rev, issued_on)
        set_procedures(root, procedures)
        problems = schema_errors(root) + rule_errors(root)
        if problems:
            raise WgtError(
                _("rev. {rev} ({language}) would not be valid: {problem}; nothing was written").format(
                    rev=new_rev, language=lang, problem=problems[0]
                )
            )
        drafts[lang] = Draft(root, f"rev. {new_rev} ({lang})")
        by_lang[lang] = drafts[lang].to_bytes()
        files[ws.draft_path(ctx.symbol.slug, new_rev, lang)] = by_lang[lang]
    refuse_differences(drafts, new_rev, accept_differences)
    folder = ws.document_dir(ctx.symbol.slug)
    incorporated = [r.id for r in accepted + statements]
    files[manifest_path(folder, new_rev)] = make_manifest(
        ctx.symbol.base, new_rev, issued_on, action.signer, action.state.group, by_lang, incorporated
    )
    for record in accepted + statements:  # frozen from here on
        if record.status == "proposed":  # a statement on record needs no vote
            record.change_status("accepted", issuer, "entered into the record")
            seal_status(record, action.signer, action.state.group)
        record.change_status("incorporated", issuer, f"rev. {new_rev}")
        seal_status(record, action.signer, action.state.group)
    store.save(action, *accepted, *statements)
    for path, data in files.items():
        action.write(path, data)
    return IssuedRevision(
        ctx.symbol.with_rev(new_rev),
        new_rev,
        issued_on,
        sorted(files),
        [r.id for r in accepted],
        [r.id for r in statements],
    )


def _refuse_missing_languages(ctx: Context, records: list[Amendment]) -> None:
    missing = [
        _("{id} has no {language} text").format(id=r.id, language=lang)
        for r in records
        for lang in ctx.languages
        if lang not in r.texts
    ]
    if missing:
        raise WgtError(
            _(
                "cannot issue a revision in one language without the other: {missing} "
                "(add it with 'wgt amend translate ID --lang LANG …')"
            ).format(missing="; ".join(missing))
        )


def _consolidate(
    ctx: Context,
    lang: str,
    accepted: list[Amendment],
    statements: list[Amendment],
    changes: dict,
    statuses: dict[str, str],
    new_rev: int,
    issued_on: str,
) -> object:
    root = copy.deepcopy(ctx.current(lang).root)
    draft = Draft(root, f"rev. {new_rev} ({lang})")
    units = {u.wid: u for u in draft.units()}
    modifications: list[tuple[str, str, str, str]] = []
    for (wid, edit_lang), entries in changes.items():
        if edit_lang != lang or any(a.kind == "delete-unit" for a, _ in entries):
            continue
        slot = units[wid].slot
        text, notes = read_slot(slot)
        edits = [e for _, amendment_edits in entries for e in amendment_edits]
        write_slot(slot, apply_edits(text, edits), [_moved(n, edits) for n in notes])
        modifications += [(a.id, a.by, wid, "substitution") for a, _ in entries]
    taken = set(units)
    # New units after the same unit stand in the order they were proposed (a delegation's Word file adds
    # several in a row): each goes after the last one placed there, not straight after the unit.
    placed: dict[str, etree._Element] = {}
    for record in (r for r in accepted if r.kind == "new-unit"):
        element = new_unit(record.new_unit["kind"], _free_wid(record, taken), record.texts[lang].text)
        after = record.new_unit["after"]
        insert_after(placed.get(after, units[after].element), element)
        placed[after] = element
        modifications.append((record.id, record.by, element.get("wId"), "insertion"))
    for record in (r for r in accepted if r.kind == "delete-unit"):
        delete_unit(units[record.unit].element)
        modifications.append((record.id, record.by, record.unit, "repeal"))
    footnotes = []
    for record in statements:
        target = (
            units.get(record.unit) if record.unit else next((u for u in units.values() if u.kind == "docTitle"), None)
        )
        if target is None:
            target = next(iter(units.values()))
        # The note opens with the delegation that made the statement, in this language (tracker.delegations).
        add_footnote(target.element, statement_note(record.by, record.texts[lang].text, lang))
        footnotes.append((record.id, record.by, target.wid))
    set_meta_rev(root, new_rev, issued_on)
    set_doc_number(root, ctx.symbol.with_rev(new_rev))
    position = {wid: i for i, wid in enumerate(units)}
    modifications.sort(key=lambda m: (position.get(m[2], len(position)), m[0]))
    renumber(root)  # first, so the modifications can point at the new eIds
    set_revision_record(root, modifications, statuses, footnotes)
    return root


def _free_wid(record: Amendment, taken: set[str]) -> str:
    """The new unit's wId: the one drawn when it was proposed, unless a unit took it since.

    That wId was drawn against the revision of its day (a 24-bit hash prefix):
    another proposal's new unit, or a large draft's own units, may hold it now.
    The replacement is a longer prefix of the same hash, so it is the same in
    every language (their units share wIds) and on every run.
    """
    wid = record.new_unit["wid"]
    if wid in taken:
        return new_unit_wid(record, taken)
    taken.add(wid)
    return wid


def _moved(note: Note, edits: list[Edit]) -> Note:
    """A footnote's offset after ``edits`` (a note inside a replaced passage goes to its end)."""
    offset = note.offset
    shift = 0
    for edit in edits:
        if edit.end <= note.offset and not (edit.start == edit.end == note.offset):
            shift += edit.delta
        elif edit.start < note.offset < edit.end:
            offset = edit.end
            shift += edit.delta
    return Note(offset + shift, note.text, note.marker)
