"""An amendment's texts: its base, its proposal, and its edits carried to the current revision."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.akn.document import Draft
from tracker.akn.text import MAX_UNIT_CHARS, describe_forbidden
from tracker.amendments.record import Amendment, text_hash
from tracker.documents import load_draft
from tracker.errors import WgtError
from tracker.i18n import _
from tracker.patches import Edit, PatchError, StaleError, apply_to_base, carry_edits, edits_between
from tracker.trust.remembered import RememberedValues, digest_key
from tracker.workspace import Workspace


class DraftCache:
    """Drafts loaded once per command: ``(rev, lang) -> Draft`` of one document."""

    def __init__(self, loader) -> None:
        self._loader = loader
        self._cache: dict[tuple[int, str], Draft] = {}

    def get(self, rev: int, lang: str) -> Draft:
        key = (rev, lang)
        if key not in self._cache:
            self._cache[key] = self._loader(rev, lang)
        return self._cache[key]


def draft_cache(ws: Workspace, symbol: str) -> DraftCache:
    """The revisions of the document ``symbol`` names, each read (and checked) on first use."""
    return DraftCache(lambda rev, lang: load_draft(ws, symbol, rev, lang))


def base_text(amendment: Amendment, lang: str, drafts: DraftCache) -> str:
    """The unit's text in the amendment's base revision, checked against the recorded hash."""
    if amendment.kind in ("new-unit", "statement"):
        return ""
    draft = drafts.get(amendment.base_rev, lang)
    text = draft.unit(amendment.unit).text
    recorded = amendment.texts[lang].base_hash
    if recorded != text_hash(text):
        raise WgtError(
            _(
                "{id} ({language}): its base text does not match {symbol} rev. {rev} "
                "unit {unit} (written for another document or edited by hand); re-propose it"
            ).format(
                id=amendment.id, language=lang, symbol=amendment.document, rev=amendment.base_rev, unit=amendment.unit
            )
        )
    return text


def proposed_text(amendment: Amendment, lang: str, drafts: DraftCache, base: str | None = None) -> str:
    """The text the amendment proposes for its unit in ``lang`` ("" for a deletion).

    ``base`` is the unit's checked base text when the caller already has it.
    """
    if base is None:
        base = base_text(amendment, lang, drafts)
    try:
        proposal = apply_to_base(base, amendment.texts[lang].patch)
    except PatchError as exc:
        raise WgtError(
            _("{id} ({language}): the patch is damaged: {reason}; re-propose the amendment").format(
                id=amendment.id, language=lang, reason=exc
            )
        ) from None
    # What the patch writes obeys the same text rule as anything typed (it was signed, not checked).
    problem = (
        describe_forbidden(proposal, _("proposed text"))
        if len(proposal) <= MAX_UNIT_CHARS
        else _("the proposed text has {count:,} characters, more than the {limit:,} one text may hold").format(
            count=len(proposal), limit=MAX_UNIT_CHARS
        )
    )
    if problem:
        raise WgtError(
            _("{id} ({language}): refused: {reason}; re-propose the amendment").format(
                id=amendment.id, language=lang, reason=problem
            )
        )
    return proposal


@dataclass(frozen=True)
class Carried:
    """An amendment's edits on the current text of its unit, or why it is stale."""

    edits: list[Edit]
    stale: str | None = None


def carried_edits(amendment: Amendment, lang: str, current: str, drafts: DraftCache) -> Carried:
    """Three-way: base → proposal edits, moved onto ``current`` if their words were left alone."""
    base = base_text(amendment, lang, drafts)
    proposal = proposed_text(amendment, lang, drafts, base)
    edits = edits_between(base, proposal)
    try:
        return Carried(carry_edits(base, current, edits))
    except StaleError as exc:
        return Carried(
            [],
            _("{id} is stale in {language}: {reason}; re-propose it against the current revision").format(
                id=amendment.id, language=lang, reason=exc
            ),
        )


class CarriedMemo:
    """:func:`carried_edits` remembered across commands on this machine (:mod:`tracker.trust.remembered`).

    The edits depend only on the unit's base text (named by the signed base hash,
    checked against the draft on every use), the signed patch and the unit's
    current text: the key is a digest of the three, so a changed input is another
    key. Only edits are remembered; a stale proposal is worked out again (its
    reason is a message in the reader's language, and stale ones are few).
    """

    def __init__(self) -> None:
        self._values = RememberedValues("carried-edits-1")

    def carried(self, amendment: Amendment, lang: str, current: str, drafts: DraftCache) -> Carried:
        """:func:`carried_edits`, from memory when these texts were carried before."""
        version = amendment.texts[lang]
        key = digest_key(version.base_hash, version.patch, current)
        remembered = self._values.get(key)
        if isinstance(remembered, list):
            base_text(amendment, lang, drafts)  # the base is still the one the record names
            return Carried([Edit(start, end, insert) for start, end, insert in remembered])
        carried = carried_edits(amendment, lang, current, drafts)
        if carried.stale is None:
            self._values.put(key, [[e.start, e.end, e.insert] for e in carried.edits])
        return carried

    def save(self) -> None:
        """Keep what was added for the next command."""
        self._values.save()
