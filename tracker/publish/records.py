"""What the site shows of one proposal or statement: its texts redlined, who, when, and its signatures.

A record reaches the site only through the amendment store, which checks every
signature against the signed roster (and refuses the whole build on a record that
fails). Its page then says which registered key made each signature, by the key's
fingerprint, so a delegate can hold it against the fingerprint the signer gave by
another channel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from tracker.amendments.authenticity import SignedPart
from tracker.amendments.record import Amendment
from tracker.amendments.texts import DraftCache, base_text, proposed_text
from tracker.i18n import delegation_name, language_name, translations
from tracker.patches import word_diff
from tracker.publish.wording import language_label, ui_term
from tracker.trust.keys import fingerprint


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
