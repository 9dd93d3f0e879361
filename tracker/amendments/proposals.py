"""Proposing, translating, withdrawing and deciding amendments: the library behind ``wgt amend``."""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass

from tracker.akn.build import make_wid
from tracker.akn.document import Draft
from tracker.akn.text import MAX_NOTE_CHARS, MAX_STATEMENT_CHARS, MAX_UNIT_CHARS
from tracker.amendments.authenticity import seal_cosponsorship, seal_new, seal_status, seal_text
from tracker.amendments.collisions import Collision, by_unit, find_collisions
from tracker.amendments.index import RecordIndex
from tracker.amendments.negotiation import is_iso_date
from tracker.amendments.operations import Operation, apply_operation, clean
from tracker.amendments.record import Amendment, Cosponsorship, LanguageText, StatusChange, text_hash
from tracker.amendments.store import AmendmentStore
from tracker.amendments.texts import CarriedMemo, DraftCache, proposed_text
from tracker.clock import now
from tracker.documents import draft_files, load_draft, resolve_symbol
from tracker.errors import WgtError
from tracker.i18n import N_, _, term
from tracker.participants import Participant
from tracker.patches import Edit, make_patch
from tracker.symbols import Symbol
from tracker.trust.actions import Action
from tracker.trust.rules import ACTS, allowed
from tracker.trust.state import read_log
from tracker.workspace import Workspace

#: Unit kinds a new unit may follow, and the kind the new unit gets.
NEW_UNIT_KIND = {
    "paragraph": "paragraph",
    "subparagraph": "subparagraph",
    "recital": "recital",
    "recitals": "recital",
    "section": "section",
    "subsection": "subsection",
}


@dataclass
class Context:
    """A document's latest revision and the drafts of any revision, loaded once."""

    ws: Workspace
    symbol: Symbol
    latest: int
    drafts: DraftCache

    @classmethod
    def of(cls, ws: Workspace, symbol: str) -> Context:
        sym = resolve_symbol(ws, symbol)
        latest = max(draft_files(ws, sym.slug))
        return cls(ws, sym, latest, DraftCache(lambda rev, lang: load_draft(ws, sym.base, rev, lang)))

    def current(self, lang: str) -> Draft:
        return self.drafts.get(self.latest, lang)

    @functools.cached_property
    def languages(self) -> list[str]:
        return sorted(draft_files(self.ws, self.symbol.slug)[self.latest])


def _check_lang(ctx: Context, lang: str) -> str:
    if lang not in ctx.languages:
        raise WgtError(
            _("{symbol} rev. {rev} has no {lang!r} version (languages: {languages})").format(
                symbol=ctx.symbol.base, rev=ctx.latest, lang=lang, languages=", ".join(ctx.languages)
            )
        )
    return lang


def participant(ws: Workspace, code: str) -> Participant:
    """The participant ``code`` as the signed roster knows it (its role), named as ``wgt.toml`` names it."""
    return read_log(ws).participant(ws, code)


def _entitled(ws: Workspace, code: str, act: str, message: str) -> Participant:
    """``code`` if its role lets it perform ``act`` (the rule table), else ``message`` as the error."""
    who = participant(ws, code)
    if not allowed(who.role, ACTS[act][0]):
        raise WgtError(message.format(code=who.code, role=term(who.role)))
    return who


def _participant(ws: Workspace, code: str) -> str:
    return participant(ws, code).code


def _default_lang(ws: Workspace, by: str, ctx: Context) -> str:
    lang = participant(ws, by).language
    return lang if lang in ctx.languages else ctx.languages[0]


def propose(
    ws: Workspace,
    symbol: str,
    by: str,
    *,
    unit: str | None,
    operation: Operation | None = None,
    lang: str | None = None,
    new_unit_text: str | None = None,
    after: str | None = None,
    delete_unit: bool = False,
    cosponsors: tuple[str, ...] = (),
    justification: str = "",
) -> Amendment:
    """Record a delegation's proposal against the latest revision; returns it with its new id.

    ``cosponsors`` are invited: each becomes a co-sponsor by signing (:func:`cosponsor`).
    """
    by = proposer(ws, by)
    invited = list(dict.fromkeys(_participant(ws, c) for c in cosponsors if c.upper() != by))
    ctx = Context.of(ws, symbol)
    lang = _check_lang(ctx, lang or _default_lang(ws, by, ctx))
    record = build_proposal(
        ctx,
        by,
        ctx.latest,
        lang,
        unit=unit,
        operation=operation,
        new_unit_text=new_unit_text,
        after=after,
        delete_unit=delete_unit,
        invited=invited,
        justification=justification,
    )
    labels = ctx.current(lang).labels()
    label = labels.get(record.unit)
    where = f"on {label} ({lang})" if label else f"a new unit ({lang})"
    return _store_new(ws, record, "propose", taken=labels.keys(), where=where)


def proposer(ws: Workspace, code: str) -> str:
    """``code`` as the roster knows it, if its role may propose (the rule table), else a clear error."""
    message = _("only delegations, the chair and the secretariat propose; {code} is a {role}")
    return _entitled(ws, code, "propose", message).code


def build_proposal(
    ctx: Context,
    by: str,
    rev: int,
    lang: str,
    *,
    unit: str | None,
    operation: Operation | None = None,
    new_unit_text: str | None = None,
    after: str | None = None,
    delete_unit: bool = False,
    invited: list[str] | None = None,
    justification: str = "",
) -> Amendment:
    """A new proposal by ``by`` against rev. ``rev`` in ``lang``, not yet numbered, signed or stored.

    Every text is checked as anything typed is (the model's text rule, the unit's limit).
    """
    draft = ctx.drafts.get(rev, lang)
    record = _new_record(ctx, by, "modify", lang, rev=rev, invited=list(invited or ()))
    record.justification = clean(justification, N_("justification"), limit=MAX_NOTE_CHARS)
    if new_unit_text is not None:
        anchor = draft.unit(after or "")
        if anchor.kind not in NEW_UNIT_KIND:
            raise WgtError(
                _("a new unit cannot follow {label} ({kind}); name a paragraph").format(
                    label=anchor.label, kind=anchor.kind
                )
            )
        record.kind = "new-unit"
        record.unit = anchor.wid
        record.new_unit = {"after": anchor.wid, "kind": NEW_UNIT_KIND[anchor.kind]}
        text = clean(new_unit_text, N_("new paragraph"), limit=MAX_UNIT_CHARS).strip()
        if not text:
            raise WgtError(_("the new paragraph's text is empty"))
        record.texts[lang] = LanguageText(text_hash(""), make_patch("", text), text, {"op": "new-unit"})
    elif delete_unit:
        target = draft.unit(unit or "")
        record.kind = "delete-unit"
        record.unit = target.wid
        for other in sorted(draft_files(ctx.ws, ctx.symbol.slug)[rev]):  # a deletion needs no translation
            base = ctx.drafts.get(rev, other).unit(target.wid).text
            record.texts[other] = LanguageText(text_hash(base), make_patch(base, ""), "", {"op": "delete-unit"})
    else:
        if operation is None:
            raise WgtError(_("say what to change: --replace/--with, --insert/--after, --delete, --text or --edit"))
        target = draft.unit(unit or "")
        record.unit = target.wid
        record.texts[lang] = _language_text(target.text, operation, f"{target.label} ({lang})")
    return record


def _new_record(ctx: Context, by: str, kind: str, lang: str, rev: int | None = None, **fields) -> Amendment:
    """A fresh record against rev. ``rev`` (the latest by default), proposed by ``by`` now (its id comes later)."""
    created = now()
    return Amendment(
        id="",
        document=ctx.symbol.base,
        by=by,
        kind=kind,
        unit=fields.pop("unit", None),
        base_rev=ctx.latest if rev is None else rev,
        original_lang=lang,
        created=created,
        history=[StatusChange("proposed", by, created)],
        **fields,
    )


def _language_text(base: str, operation: Operation, where: str) -> LanguageText:
    operation = Operation(
        operation.kind, clean(operation.old), clean(operation.new), clean(operation.anchor), operation.before
    )
    proposal = apply_operation(base, operation, where)
    return LanguageText(text_hash(base), make_patch(base, proposal), proposal, operation.describe())


def new_unit_wid(record: Amendment, taken: set[str]) -> str:
    """A wId for the unit ``record`` adds, none of ``taken`` (which gains it).

    Drawn from the record's document and id, so that incorporating it again
    (in another language, or after another unit took its first choice) gives
    the same answer.
    """
    return make_wid(record.new_unit["kind"], f"{record.document}|{record.id}", taken)


def _store_new(ws: Workspace, record: Amendment, act: str, taken: Collection[str] = (), where: str = "") -> Amendment:
    """Give a new record its id (and a new unit its wId, none of ``taken``), sign it and save it.

    ``where``: what it is on, as people name it (``on op3 (es)``), for the commit message.
    """
    store = AmendmentStore(ws)
    with Action(ws, record.by, act) as action:
        action.where = where
        record.id = action.subject = store.next_id(record.by)
        if record.kind == "new-unit":
            record.new_unit["wid"] = new_unit_wid(record, set(taken))
        seal_new(record, action.signer, action.state.group)
        store.save(action, record)
    return record


def add_statement(ws: Workspace, symbol: str, by: str, *, unit: str | None, lang: str | None, text: str) -> Amendment:
    """Record a statement a delegation asks to enter into the record (on a unit or the whole document)."""
    by = _entitled(ws, by, "statement", _("only delegations and observers make statements; {code} is a {role}")).code
    ctx = Context.of(ws, symbol)
    lang = _check_lang(ctx, lang or _default_lang(ws, by, ctx))
    target = ctx.current(lang).unit(unit).wid if unit else None
    body = clean(text, N_("statement"), limit=MAX_STATEMENT_CHARS).strip()
    if not body:
        raise WgtError(_("the statement is empty"))
    record = _new_record(ctx, by, "statement", lang, unit=target)
    record.texts[lang] = LanguageText(text=body, operation={"op": "statement"})
    return _store_new(ws, record, "statement")


def translate(
    ws: Workspace,
    amendment_id: str,
    lang: str,
    *,
    operation: Operation | None = None,
    text: str | None = None,
    by: str = "SEC",
) -> Amendment:
    """Add the other language version of a proposal or statement (the secretariat's job)."""
    store = AmendmentStore(ws)
    record = store.get(amendment_id)
    _frozen_check(record)
    signer = participant(ws, by)
    if signer.code != record.by and signer.role != "secretariat":
        raise WgtError(
            _("only {proposer} or the secretariat can add a language version of {id}; {code} cannot").format(
                proposer=record.by, id=record.id, code=signer.code
            )
        )
    ctx = Context.of(ws, record.document)
    _check_lang(ctx, lang)
    _refuse_retranslation(record, lang)
    if record.kind == "delete-unit":
        raise WgtError(_("{id} deletes a whole unit; it already applies in every language").format(id=record.id))
    if record.kind in ("statement", "new-unit"):
        limit = MAX_STATEMENT_CHARS if record.kind == "statement" else MAX_UNIT_CHARS
        if not text or not clean(text, limit=limit).strip():
            raise WgtError(
                _("{id} is a {kind}: give its {language} text with --text").format(
                    id=record.id, kind=term(record.kind), language=lang
                )
            )
        body = clean(text, limit=limit).strip()
        if record.kind == "statement":
            version = LanguageText(text=body, operation={"op": "statement"})
        else:
            version = LanguageText(text_hash(""), make_patch("", body), body, {"op": "new-unit"})
    else:
        if operation is None:
            raise WgtError(
                _("say what the translation changes: --replace/--with, --insert, --delete, --text or --edit")
            )
        base_draft = ctx.drafts.get(record.base_rev, lang)
        target = base_draft.unit(record.unit)
        version = _language_text(target.text, operation, f"{target.label} ({lang})")
    with Action(ws, signer.code, "translate", record.id) as action:  # re-read: a decision may have landed meanwhile
        record = store.get(amendment_id)
        _frozen_check(record)
        _refuse_retranslation(record, lang)
        record.texts[lang] = version
        seal_text(record, lang, action.signer, action.state.group)
        if record.status == "accepted":
            # An accepted proposal in one language must not collide, in the other, with one accepted in that one.
            _refuse_colliding_acceptance(ws, store, [record])
        store.save(action, record)
    return record


def _refuse_retranslation(record: Amendment, lang: str) -> None:
    """A text, once there, changes only as a translation of a proposal still open to change.

    The original language's text is the proposal itself; what the chair accepted
    is what was translated when it accepted it.
    """
    if lang == record.original_lang:
        raise WgtError(
            _(
                "the {language} text of {id} is the proposal itself and never changes; withdraw {id} and propose anew"
            ).format(language=lang, id=record.id)
        )
    if lang in record.texts and record.status != "proposed":
        raise WgtError(
            _(
                "{id} is {status} with its {language} text; that text can no longer change "
                "(the chair may reject {id}, and it may be proposed anew)"
            ).format(id=record.id, status=term(record.status), language=lang)
        )


def _frozen_check(record: Amendment) -> None:
    if record.status in ("incorporated", "withdrawn"):
        raise WgtError(_("{id} is {status}; it can no longer change").format(id=record.id, status=term(record.status)))


def withdraw(ws: Workspace, amendment_id: str, by: str) -> Amendment:
    """Withdraw a proposal; only the delegation that proposed it may."""
    store = AmendmentStore(ws)
    code = _participant(ws, by)
    record = store.get(amendment_id)
    if code != record.by:
        raise WgtError(
            _("{id} was proposed by {proposer}; only {proposer} can withdraw it").format(
                id=record.id, proposer=record.by
            )
        )
    with Action(ws, code, "withdraw", record.id) as action:  # read, change and write as one step
        record = store.get(amendment_id)
        record.change_status("withdrawn", code)
        seal_status(record, action.signer, action.state.group)
        store.save(action, record)
    return record


def cosponsor(ws: Workspace, amendment_id: str, by: str) -> Amendment:
    """``by`` joins a proposal as co-sponsor, with its own signature (the proposer cannot sign for it)."""
    store = AmendmentStore(ws)
    code = _entitled(ws, by, "cosponsor", _("only delegations co-sponsor proposals; {code} is a {role}")).code
    record = store.get(amendment_id)
    if code == record.by:
        raise WgtError(
            _("{id} is {code}'s own proposal; a proposer does not co-sponsor it").format(id=record.id, code=code)
        )
    with Action(ws, code, "cosponsor", record.id) as action:
        record = store.get(amendment_id)
        if code in record.cosponsors:
            raise WgtError(_("{code} already co-sponsors {id}").format(code=code, id=record.id))
        if record.status not in ("proposed", "accepted"):
            raise WgtError(
                _("{id} is {status}; only an open proposal gains co-sponsors").format(
                    id=record.id, status=term(record.status)
                )
            )
        joined = Cosponsorship(code, now())
        seal_cosponsorship(record, joined, action.signer, action.state.group)
        record.cosponsorships.append(joined)
        store.save(action, record)
    return record


def open_changes(ctx: Context, records: list[Amendment]) -> tuple[dict, dict[tuple[str, str], str], dict[str, str]]:
    """Edits on the current revision per (unit, lang) for ``records``; plus current texts and stale reasons."""
    changes = by_unit()
    current: dict[tuple[str, str], str] = {}
    stale: dict[str, str] = {}
    memo = CarriedMemo()
    for record in records:
        if record.kind == "statement":
            continue
        for lang in record.languages:
            if lang not in ctx.languages:
                continue
            unit = ctx.current(lang).find(record.unit)
            if unit is None or unit.wid != record.unit:
                # Deleted in a later revision: stale, not an error that blocks the whole document.
                if record.kind == "new-unit":
                    message = _(
                        "{id} is stale: the unit it follows ({unit}) is no longer in rev. {rev}; "
                        "re-propose it against the current revision"
                    )
                else:
                    message = _(
                        "{id} is stale: its unit ({unit}) is no longer in rev. {rev}; "
                        "re-propose it against the current revision"
                    )
                stale[record.id] = message.format(id=record.id, unit=record.unit, rev=ctx.latest)
                break
            if record.kind == "new-unit":
                continue
            unit_text = unit.text
            current[(record.unit, lang)] = unit_text
            if record.kind == "delete-unit":
                changes[(record.unit, lang)].append((record, [Edit(0, len(unit_text), "")]))
                continue
            carried = memo.carried(record, lang, unit_text, ctx.drafts)
            if carried.stale:
                stale[record.id] = carried.stale
            else:
                changes[(record.unit, lang)].append((record, carried.edits))
    memo.save()
    return changes, current, stale


def conflicts(ws: Workspace, symbol: str) -> tuple[list[Collision], dict[str, str]]:
    """Colliding pairs among the open proposals of a document, and the stale ones."""
    ctx = Context.of(ws, symbol)
    records = [r for r in AmendmentStore(ws).all(ctx.symbol.slug) if r.is_open]
    changes, current, stale = open_changes(ctx, records)
    labels = ctx.current(ctx.languages[0]).labels()
    return [c.named(labels) for c in find_collisions(changes, current)], stale


def decide(ws: Workspace, ids: list[str], status: str, by: str) -> list[Amendment]:
    """Accept or reject proposals (chair or secretariat); colliding acceptances are refused."""
    act = "reject" if status == "rejected" else "accept"
    if status == "rejected":
        message = _("only the chair or the secretariat can reject proposals; {code} is a {role}")
    else:
        message = _("only the chair or the secretariat can accept proposals; {code} is a {role}")
    decider = _entitled(ws, by, act, message)
    store = AmendmentStore(ws)
    with Action(ws, decider.code, act) as action:
        records = list({r.id: r for r in (store.get(i) for i in ids)}.values())
        action.subject = ", ".join(r.id for r in records)
        for record in records:
            if status == "accepted" and (outdated := store.outdated_translations(record)):
                raise WgtError(
                    _(
                        "{id} was revised after its {languages} translation was made (translation outdated); "
                        "translate it again first ('wgt amend translate {id} --lang {language} …')"
                    ).format(id=record.id, languages=", ".join(outdated), language=outdated[0])
                )
            record.change_status(status, decider.code)
            seal_status(record, action.signer, action.state.group)
        restored = []
        if status == "rejected":  # a rejected compromise gives back the proposals it superseded
            from tracker.amendments.compromise import restored_by_rejection

            restored = restored_by_rejection(store, records)
            for record in restored:
                record.change_status("proposed", decider.code, "restored")
                seal_status(record, action.signer, action.state.group)
        if status == "accepted":
            _refuse_colliding_acceptance(ws, store, records)
        store.save(action, *records, *restored)
    return records


def _refuse_colliding_acceptance(ws: Workspace, store: AmendmentStore, records: list[Amendment]) -> None:
    for document in {r.document for r in records}:
        ctx = Context.of(ws, document)
        ids = {r.id for r in records}
        deciding = [r for r in records if r.document == document]
        # Only accepted proposals on the same units can collide: the index finds them without reading the rest.
        units = {r.unit for r in deciding}
        index = RecordIndex(store)
        others = [
            e for e in index.entries(ctx.symbol.slug) if e.status == "accepted" and e.unit in units and e.id not in ids
        ]
        accepted = [*index.records(others), *deciding]
        changes, current, stale = open_changes(ctx, accepted)
        for record in records:
            if record.id in stale:
                raise WgtError(stale[record.id])
        labels = ctx.current(ctx.languages[0]).labels()
        collisions = [c.named(labels) for c in find_collisions(changes, current) if c.first in ids or c.second in ids]
        if collisions:
            raise WgtError(
                _("cannot accept: {collisions}. Reject one, or ask for a compromise text").format(
                    collisions="; ".join(c.explain() for c in collisions)
                )
            )


def mark(
    ws: Workspace,
    symbol: str,
    unit: str,
    status: str,
    by: str,
    *,
    pending: Collection[str] = (),
    until: str = "",
) -> str:
    """Record a unit's negotiation status (agreed, ad-ref, open); returns the unit's label.

    An ``ad-ref`` mark may name the delegations whose capitals must confirm (``pending``) and
    the date their confirmation is expected (``until``, YYYY-MM-DD); the unit is agreed when the
    last of them confirms (:func:`tracker.amendments.consensus.confirm`).
    """
    marker = _entitled(ws, by, "mark", _("only the chair or the secretariat can mark paragraphs; {code} is a {role}"))
    if (pending or until) and status != "ad-ref":
        raise WgtError(_("--pending and --until belong to an ad-ref mark, not to {status}").format(status=status))
    codes = []
    for code in pending:
        who = participant(ws, code)
        if who.role != "delegation":
            raise WgtError(
                _("{code} is a {role}; only delegations confirm ad referendum").format(
                    code=who.code, role=term(who.role)
                )
            )
        codes.append(who.code)
    if until and not is_iso_date(until):
        raise WgtError(_("{date!r} is not a date; write it as YYYY-MM-DD").format(date=until))
    ctx = Context.of(ws, symbol)
    target = ctx.current(ctx.languages[0]).unit(unit)
    with Action(ws, marker.code, "mark", f"{ctx.symbol.base} {target.label}") as action:
        fields = {"pending": list(dict.fromkeys(codes)), "until": until}
        AmendmentStore(ws).mark(action, ctx.symbol.slug, target.wid, status, **fields)
    return target.label


def proposal_texts(ws: Workspace, record: Amendment, lang: str) -> tuple[str, str]:
    """(base text, proposed text) of a proposal in ``lang``, for showing it redlined."""
    if lang not in record.texts:
        raise WgtError(
            _("{id} has no {language} text yet; add it with 'wgt amend translate {id} --lang {language} …'").format(
                id=record.id, language=lang
            )
        )
    ctx = Context.of(ws, record.document)
    if record.kind == "statement":
        return "", record.texts[lang].text
    from tracker.amendments.texts import base_text

    return base_text(record, lang, ctx.drafts), proposed_text(record, lang, ctx.drafts)
