"""One amendment (or statement) as a record: metadata, status history and per-language patches.

Stored as indented JSON, one file per amendment (``amendments/<document>/MX-3.json``),
so a reviewer can read it and git can diff it. The patch text per language is
diff-match-patch's ``patch_toText`` from the base unit text to the proposed text.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from tracker.akn.text import (
    MAX_NOTE_CHARS,
    MAX_STATEMENT_CHARS,
    MAX_UNIT_CHARS,
    describe_forbidden,
    forbidden_character,
)
from tracker.clock import is_time, now
from tracker.errors import WgtError
from tracker.i18n import N_, _, term
from tracker.jsonfile import DictOf, JsonShapeError, check_shape, parse_json

KINDS = ("modify", "new-unit", "delete-unit", "statement")
STATUSES = ("proposed", "accepted", "rejected", "withdrawn", "incorporated", "superseded")
OPEN = ("proposed", "accepted")
#: Status changes allowed from each status; incorporated is frozen. A proposal a compromise
#: superseded comes back (proposed) while the compromise is not accepted.
TRANSITIONS = {
    "proposed": ("accepted", "rejected", "withdrawn", "superseded"),
    "accepted": ("proposed", "rejected", "withdrawn", "incorporated", "superseded"),
    "rejected": ("proposed",),
    "withdrawn": (),
    "incorporated": (),
    "superseded": ("proposed",),
}


#: An amendment id as records and commands name it (``MX-3``).
AMENDMENT_ID = re.compile(r"^([A-Z][A-Z0-9]{1,9})-([1-9]\d{0,8})\Z")
#: How many proposals one compromise may supersede.
MAX_SUPERSEDED = 50

#: A record file: its texts (two languages, each its patch and its text, at most 20,000
#: characters a unit) and a few dozen status changes fit many times over.
MAX_RECORD_BYTES = 1024 * 1024


def text_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class LanguageText:
    """One language version: the base text's hash and the patch (or a statement's text)."""

    base_hash: str = ""
    patch: str = ""
    text: str = ""  # statements and new units: the text itself, for people reading the file
    operation: dict[str, str] = field(default_factory=dict)
    signed_by: str = ""
    signature: str = ""

    def act(self, amendment: Amendment, lang: str) -> dict[str, object]:
        """What the signer of this language version vouches for."""
        return {
            "act": "text",
            "id": amendment.id,
            "document": amendment.document,
            "lang": lang,
            "base_hash": self.base_hash,
            "patch": self.patch,
            "text": self.text,
            "operation": self.operation,
            "signed_by": self.signed_by,
        }


@dataclass
class StatusChange:
    status: str
    by: str
    at: str
    note: str = ""
    signature: str = ""

    def act(self, amendment: Amendment, seq: int, previous: str) -> dict[str, object]:
        """What the one who changed the status vouches for; chained to the previous signature."""
        return {
            "act": "status",
            "id": amendment.id,
            "document": amendment.document,
            "seq": seq,
            "status": self.status,
            "by": self.by,
            "at": self.at,
            "note": self.note,
            "previous": previous,
        }


@dataclass
class Cosponsorship:
    """A delegation joining a proposal as co-sponsor, signed by that delegation."""

    by: str
    at: str
    signature: str = ""

    def act(self, amendment: Amendment) -> dict[str, object]:
        """What the co-sponsor vouches for: this proposal, as its proposer signed it."""
        return {
            "act": "cosponsor",
            "id": amendment.id,
            "document": amendment.document,
            "by": self.by,
            "at": self.at,
            "proposal": amendment.signature,
        }


@dataclass
class Amendment:
    """A proposal or statement by a delegation on one unit of one document."""

    id: str
    document: str
    by: str
    kind: str
    unit: str | None
    base_rev: int
    original_lang: str
    created: str
    #: Delegations the proposer named as co-sponsors; each becomes one only by signing (``cosponsorships``).
    invited: list[str] = field(default_factory=list)
    justification: str = ""
    new_unit: dict[str, str] = field(default_factory=dict)
    history: list[StatusChange] = field(default_factory=list)
    texts: dict[str, LanguageText] = field(default_factory=dict)
    cosponsorships: list[Cosponsorship] = field(default_factory=list)
    signature: str = ""
    #: A compromise text names the proposals it supersedes (ids on the same unit), in the order given.
    supersedes: list[str] = field(default_factory=list)

    def act(self) -> dict[str, object]:
        """What the proposing delegation vouches for (its texts are signed one by one)."""
        signed = {
            "act": "propose",
            "id": self.id,
            "document": self.document,
            "by": self.by,
            "kind": self.kind,
            "unit": self.unit,
            "base_rev": self.base_rev,
            "original_lang": self.original_lang,
            "created": self.created,
            "invited": self.invited,
            "justification": self.justification,
            "new_unit": self.new_unit,
        }
        if self.supersedes:  # absent from every record that is no compromise: their signatures stand as made
            signed["supersedes"] = self.supersedes
        return signed

    @property
    def status(self) -> str:
        return self.history[-1].status

    @property
    def cosponsors(self) -> list[str]:
        """The delegations that signed as co-sponsors, in the order they joined."""
        return [c.by for c in self.cosponsorships]

    @property
    def languages(self) -> list[str]:
        return sorted(self.texts)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def change_status(self, status: str, by: str, note: str = "") -> None:
        """Append a status change (never overwrite), refusing impossible ones."""
        if status not in TRANSITIONS[self.status]:
            if self.status == "incorporated":
                message = _("{id} is {status} (it is frozen: applied in an issued revision); it cannot become {new}")
            else:
                message = _("{id} is {status}; it cannot become {new}")
            raise WgtError(message.format(id=self.id, status=term(self.status), new=term(status)))
        self.history.append(StatusChange(status, by, now(), note))

    def to_json(self) -> bytes:
        # vars() rather than dataclasses.asdict, whose deep copies cost more than the JSON itself.
        fields = {
            **vars(self),
            "history": [vars(change) for change in self.history],
            "texts": {lang: vars(version) for lang, version in self.texts.items()},
            "cosponsorships": [vars(c) for c in self.cosponsorships],
        }
        if not self.supersedes:
            del fields["supersedes"]
        return (json.dumps(fields, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def summary(self) -> dict[str, object]:
        """What ``amend list --format json`` prints (keys are a contract)."""
        return {
            "id": self.id,
            "document": self.document,
            "by": self.by,
            "cosponsors": self.cosponsors,
            "invited": [code for code in self.invited if code not in self.cosponsors],
            "unit": self.unit,
            "kind": self.kind,
            "status": self.status,
            "languages": self.languages,
            "base_rev": self.base_rev,
            "original_lang": self.original_lang,
            "justification": self.justification,
            "new_unit": self.new_unit or None,
            "supersedes": self.supersedes,
        }

    @classmethod
    def from_json(cls, data: bytes, name: str, checked: bool = False) -> Amendment:
        """Read a record, refusing one that is damaged, mistyped, or holds a text no record may hold.

        ``checked``: these exact bytes passed every check before (the cache of verified records).
        """
        return cls.from_raw(parse_record(data, name), name, checked)

    @classmethod
    def from_raw(cls, raw: Any, name: str, checked: bool = False) -> Amendment:
        """:meth:`from_json` of a record already parsed (:func:`parse_record`)."""
        try:
            if not checked:
                check_shape(raw, RECORD_SHAPE)
        except JsonShapeError as exc:
            raise WgtError(
                _("{name}: damaged amendment record ({reason}); restore it from git or re-propose").format(
                    name=name, reason=exc
                )
            ) from None
        record = cls(
            **{k: v for k, v in raw.items() if k not in ("history", "texts", "cosponsorships")},
            history=[StatusChange(**h) for h in raw["history"]],
            texts={lang: LanguageText(**t) for lang, t in raw["texts"].items()},
            cosponsorships=[Cosponsorship(**c) for c in raw["cosponsorships"]],
        )
        if checked:
            return record
        if record.kind not in KINDS or not record.history or any(h.status not in STATUSES for h in record.history):
            raise WgtError(
                _("{name}: damaged amendment record (unknown kind or status); restore it from git").format(name=name)
            )
        problem = _content_problem(record)
        if problem:
            raise WgtError(
                _("{name}: amendment {id} refused: {reason}; restore the file from git or re-propose").format(
                    name=name, id=record.id, reason=problem
                )
            )
        return record

    def signers(self) -> list[str]:
        """Everyone who signed something in the record (:func:`signer_codes` of its JSON)."""
        return sorted(
            {
                self.by,
                *(h.by for h in self.history),
                *(t.signed_by for t in self.texts.values() if t.signed_by),
                *(c.by for c in self.cosponsorships),
            }
        )

    def raw(self) -> dict[str, object]:
        """The record as the JSON it is stored as (what the log describes)."""
        return parse_json(self.to_json())


_CHANGE_SHAPE = {"status": str, "by": str, "at": str, "note": str, "signature": str}
_TEXT_SHAPE = {
    "base_hash": str,
    "patch": str,
    "text": str,
    "operation": DictOf(str),
    "signed_by": str,
    "signature": str,
}
RECORD_SHAPE = {
    "id": str,
    "document": str,
    "by": str,
    "kind": str,
    "unit": (str, None),
    "base_rev": int,
    "original_lang": str,
    "created": str,
    "invited": [str],
    "justification": str,
    "new_unit": DictOf(str),
    "history": [_CHANGE_SHAPE],
    "texts": DictOf(_TEXT_SHAPE),
    "cosponsorships": [{"by": str, "at": str, "signature": str}],
    "signature": str,
    "supersedes?": [str],
}


def _content_problem(record: Amendment) -> str | None:
    """What in a well-typed record no record may hold, or None."""
    from tracker.workspace import KNOWN_LANGUAGES, PARTICIPANT_CODE

    codes = [record.by, *record.invited, *(h.by for h in record.history), *(c.by for c in record.cosponsorships)]
    codes += [t.signed_by for t in record.texts.values()]
    if not all(PARTICIPANT_CODE.match(code) for code in codes):
        return _("a participant code is not one")
    if (
        record.base_rev < 0
        or record.original_lang not in KNOWN_LANGUAGES
        or any(lang not in KNOWN_LANGUAGES for lang in record.texts)
    ):
        return _("a revision or language is not one")
    if record.supersedes and (
        len(record.supersedes) > MAX_SUPERSEDED
        or record.id in record.supersedes
        or len(set(record.supersedes)) != len(record.supersedes)
        or not all(isinstance(i, str) and AMENDMENT_ID.match(i) for i in record.supersedes)
        or record.kind != "modify"
    ):
        return _("the proposals it supersedes are not a list of other proposals' ids")
    times = [record.created, *(h.at for h in record.history), *(c.at for c in record.cosponsorships)]
    if not all(map(is_time, times)):
        return _("a time is not one")
    # (msgid, its arguments, the text, its limit): translated only for the message, when one is needed.
    fields: list[tuple[str, dict[str, str], str, int]] = [
        (N_("justification"), {}, record.justification, MAX_NOTE_CHARS)
    ]
    fields += [(N_("note"), {}, change.note, MAX_NOTE_CHARS) for change in record.history]
    fields += [(N_("unit"), {}, record.unit or "", 200), (N_("document"), {}, record.document, 200)]
    fields += [(N_("new unit"), {}, value, 200) for value in record.new_unit.values()]
    limit = MAX_STATEMENT_CHARS if record.kind == "statement" else MAX_UNIT_CHARS
    for lang, version in record.texts.items():
        for value in (version.text, *version.operation.values()):
            fields.append((N_("{language} text"), {"language": lang}, value, limit))
    for what, args, value, most in fields:
        if len(value) > most:
            return _("its {what} has {count:,} characters, more than the {limit:,} one text may hold").format(
                what=_(what).format(**args), count=len(value), limit=most
            )
        if forbidden_character(value) is not None:
            return describe_forbidden(value, _(what).format(**args))
    return None


def parse_record(data: bytes, name: str) -> Any:
    """The JSON of a record file (any shape: :meth:`Amendment.from_raw` checks it), or one clear error."""
    try:
        return parse_json(data)
    except JsonShapeError as exc:
        raise WgtError(
            _("{name}: damaged amendment record ({reason}); restore it from git or re-propose").format(
                name=name, reason=exc
            )
        ) from None


def signer_codes(raw: Any) -> list[str]:
    """Who signed something in a record's JSON (:meth:`Amendment.signers`), read defensively: it is not checked yet."""
    if not isinstance(raw, dict):
        return []
    codes = [raw.get("by")]

    def each(value: Any) -> list:
        return list(value.values() if isinstance(value, dict) else value if isinstance(value, list) else [])

    codes += [h.get("by") for h in each(raw.get("history")) if isinstance(h, dict)]
    codes += [t.get("signed_by") for t in each(raw.get("texts")) if isinstance(t, dict)]
    codes += [c.get("by") for c in each(raw.get("cosponsorships")) if isinstance(c, dict)]
    return sorted({c for c in codes if isinstance(c, str) and c})
