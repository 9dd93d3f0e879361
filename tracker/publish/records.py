"""What the site shows of one proposal or statement: its texts redlined, who, when, and its signatures.

A record reaches the site only through the amendment store, which checks every
signature against the signed roster (and refuses the whole build on a record that
fails). Its page then says which registered key made each signature, by the key's
fingerprint, so a delegate can hold it against the fingerprint the signer gave by
another channel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from tracker.amendments.authenticity import SignedPart, signed_parts
from tracker.amendments.record import Amendment
from tracker.amendments.texts import DraftCache, base_text, proposed_text
from tracker.i18n import delegation_name, language_name, translations
from tracker.patches import word_diff
from tracker.publish.templates import draw
from tracker.publish.wording import format_moment, language_label, ui_term
from tracker.render.consensus import share_sentence
from tracker.trust.keys import fingerprint

if TYPE_CHECKING:
    from tracker.publish.document import DocumentSite


@dataclass(frozen=True)
class RecordText:
    """One language of a record on its page."""

    lang: str
    name: str
    original: bool
    html: Markup
    text: str


@dataclass
class RecordPage:
    """Everything the page of one record shows, in one interface language."""

    id: str
    headline: str
    facts: list[tuple[str, str, str | None]]
    status: str
    status_class: str
    texts_heading: str
    texts: list[RecordText]
    missing: list[tuple[str, str]]
    original_lang: str
    justification: str
    history: list[dict] = field(default_factory=list)
    signatures: list[dict] = field(default_factory=list)
    verified: str = ""


def redlined(before: str, after: str) -> Markup:
    """``after`` as a change of ``before``: words taken out in ``<del>``, words put in in ``<ins>``."""
    out = []
    for op, words in word_diff(before, after):
        if op == -1:
            out.append(Markup("<del>{}</del>").format(words))
        elif op == 1:
            out.append(Markup("<ins>{}</ins>").format(words))
        else:
            out.append(escape(words))
    return Markup("").join(out)


def drawn_texts(record: Amendment, drafts: DraftCache) -> dict[str, tuple[Markup, str]]:
    """``{lang: (drawn, text)}``: a proposal redlined against its base, a statement as it reads.

    The same for every interface language, so a build works it out once per record.
    """
    drawn = {}
    for lang, version in record.texts.items():
        if record.kind == "statement":
            drawn[lang] = (escape(version.text), version.text)
        else:
            base = base_text(record, lang, drafts)
            text = proposed_text(record, lang, drafts, base)
            drawn[lang] = (redlined(base, text), text)
    return drawn


def record_texts(
    record: Amendment, drawn: dict[str, tuple[Markup, str]], ui: str, languages: list[str]
) -> list[RecordText]:
    """The record's :func:`drawn_texts` in ``languages`` order (then any other), named in ``ui``."""
    return [
        RecordText(lang, language_label(lang, ui), lang == record.original_lang, *drawn[lang])
        for lang in [*languages, *sorted(set(drawn) - set(languages))]
        if lang in drawn
    ]


def signatures(record: Amendment, parts: list[SignedPart], ui: str) -> list[dict]:
    """Each signature of the record (its :func:`signed_parts`): what was signed, by whom, the fingerprint of its key."""
    tr = translations(ui)
    rows = []
    for part in parts:
        if part.part == "proposal":
            what = tr.gettext("The proposal")
        elif part.part == "text":
            what = tr.gettext("Its {language} text").format(language=language_name(part.detail, ui))
        elif part.part == "status":
            change = record.history[int(part.detail) - 1]
            # TRANSLATORS: a row of the signatures table; {status} is a status word (proposed, accepted…).
            what = tr.gettext("Status change {number}: {status}").format(
                number=part.detail, status=ui_term(change.status, ui)
            )
        else:
            what = tr.gettext("Co-sponsorship of {delegation}").format(delegation=delegation_name(part.detail, ui))
        shown = fingerprint(part.key) if part.key else tr.gettext("no registered key verifies it")
        rows.append({"what": what, "by": f"{delegation_name(part.by, ui)} ({part.by})", "fingerprint": shown})
    return rows


def record_summary(doc: DocumentSite, record: Amendment, ui: str) -> str:
    unit = doc.labels.get(record.unit or "", record.unit or "")
    who = delegation_name(record.by, ui)
    tr = translations(ui)
    if not unit:
        return tr.gettext("{kind} by {delegation}").format(kind=ui_term(record.kind, ui), delegation=who)
    return tr.gettext("{kind} of {unit} by {delegation}").format(
        kind=ui_term(record.kind, ui), unit=unit, delegation=who
    )


def draw_records(doc: DocumentSite, ui: str, path: str) -> str:
    tr = translations(ui)
    title = tr.gettext("{symbol}: proposals and statements").format(symbol=doc.symbol.base)
    records = [
        {
            "id": r.id,
            "href": f"{r.id}.html",
            "by": f"{delegation_name(r.by, ui)} ({r.by})",
            "unit": doc.labels.get(r.unit, r.unit) if r.unit else tr.gettext("the document"),
            "unit_href": f"../index.html#{r.unit}" if r.unit in doc.labels else None,
            "kind": ui_term(r.kind, ui),
            "status": ui_term(r.status, ui),
            "status_class": r.status,
            "languages": ", ".join(language_name(lang, ui) for lang in r.languages),
        }
        for r in doc.records
    ]
    caption = tr.ngettext("{n} record on file", "{n} records on file", len(records)).format(n=len(records))
    return draw(
        ui,
        "amendments.html",
        **doc.site.common(ui, path, "amendments", title, doc.crumbs(ui, path, (title, ""))),
        records=records,
        caption=caption,
    )


def draw_record(doc: DocumentSite, ui: str, path: str, record: Amendment) -> str:
    tr = translations(ui)
    if record.id not in doc.drawn_records:  # worked out once for every interface language
        doc.drawn_records[record.id] = (drawn_texts(record, doc.neg.drafts), signed_parts(record, doc.roster))
    drawn, parts = doc.drawn_records[record.id]
    texts = record_texts(record, drawn, ui, doc.ordered(ui))
    unit = doc.labels.get(record.unit or "", record.unit or "")
    facts: list[tuple[str, str, str | None]] = [
        (tr.gettext("Document"), doc.symbol.with_rev(record.base_rev), f"../rev-{record.base_rev}/index.html"),
        (tr.gettext("Delegation"), f"{delegation_name(record.by, ui)} ({record.by})", None),
    ]
    if record.cosponsors:
        names = ", ".join(f"{delegation_name(c, ui)} ({c})" for c in record.cosponsors)
        facts.append((tr.gettext("Co-sponsors"), names, None))
    facts += [
        (tr.gettext("Kind"), ui_term(record.kind, ui), None),
        (
            tr.gettext("Paragraph"),
            unit or tr.gettext("the document"),
            f"../index.html#{record.unit}" if record.unit in doc.labels else None,
        ),
        (tr.gettext("Original language"), language_name(record.original_lang, ui), None),
    ]
    if record.supersedes:  # a compromise: what it merged, and where its words come from
        facts.append((tr.gettext("Supersedes"), ", ".join(record.supersedes), None))
        facts.append((tr.gettext("Its words"), share_sentence(doc.neg, record, ui), None))
    if record.status == "superseded" and record.history[-1].note:
        superseding = record.history[-1].note
        facts.append((tr.gettext("Superseded by"), superseding, f"{superseding}.html"))
    history = [
        {
            "status": ui_term(change.status, ui),
            "by": f"{delegation_name(change.by, ui)} ({change.by})",
            "at": change.at,
            "at_shown": format_moment(change.at, ui),
            "note": change.note,
        }
        for change in record.history
    ]
    rows = signatures(record, parts, ui)
    verified = tr.ngettext(
        "Its signature was verified against the group's registered keys when this page was built ({when}).",
        "All {n} signatures were verified against the group's registered keys when this page was built ({when}).",
        len(rows),
    ).format(n=len(rows), when=format_moment(doc.site.built_at.strftime("%Y-%m-%dT%H:%M:%SZ"), ui))
    page = RecordPage(
        id=record.id,
        headline=record_summary(doc, record, ui),
        facts=facts,
        status=ui_term(record.status, ui),
        status_class=record.status,
        texts_heading=tr.gettext("The text") if record.kind == "statement" else tr.gettext("The change proposed"),
        texts=texts,
        missing=[(lang, language_name(lang, ui)) for lang in doc.languages if lang not in record.texts],
        original_lang=record.original_lang,
        justification=record.justification,
        history=history,
        signatures=rows,
        verified=verified,
    )
    crumbs = doc.crumbs(ui, path, (tr.gettext("Proposals and statements"), "index.html"), (record.id, ""))
    return draw(
        ui,
        "amendment.html",
        **doc.site.common(ui, path, "amendment", f"{record.id} — {doc.symbol.base}", crumbs),
        record=page,
    )
