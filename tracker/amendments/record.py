"""One amendment (or statement) as a record: metadata, status history and per-language patches.

Stored as indented JSON, one file per amendment (``amendments/<document>/MX-3.json``),
so a reviewer can read it and git can diff it. The patch text per language is
diff-match-patch's ``patch_toText`` from the base unit text to the proposed text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from tracker.errors import WgtError
from tracker.i18n import _, term

KINDS = ("modify", "new-unit", "delete-unit", "statement")
STATUSES = ("proposed", "accepted", "rejected", "withdrawn", "incorporated")
OPEN = ("proposed", "accepted")
#: Status changes allowed from each status; incorporated is frozen.
TRANSITIONS = {
    "proposed": ("accepted", "rejected", "withdrawn"),
    "accepted": ("proposed", "rejected", "withdrawn", "incorporated"),
    "rejected": ("proposed",),
    "withdrawn": (),
    "incorporated": (),
}


def now() -> str:
    """UTC time, ISO 8601 to the second (what the history records)."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


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
    cosponsors: list[str] = field(default_factory=list)
    justification: str = ""
    new_unit: dict[str, str] = field(default_factory=dict)
    history: list[StatusChange] = field(default_factory=list)
    texts: dict[str, LanguageText] = field(default_factory=dict)
    signature: str = ""

    def act(self) -> dict[str, object]:
        """What the proposing delegation vouches for (its texts are signed one by one)."""
        return {
            "act": "propose",
            "id": self.id,
            "document": self.document,
            "by": self.by,
            "kind": self.kind,
            "unit": self.unit,
            "base_rev": self.base_rev,
            "original_lang": self.original_lang,
            "created": self.created,
            "cosponsors": self.cosponsors,
            "justification": self.justification,
            "new_unit": self.new_unit,
        }

    @property
    def status(self) -> str:
        return self.history[-1].status

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
        }
        return (json.dumps(fields, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def summary(self) -> dict[str, object]:
        """What ``amend list --format json`` prints (keys are a contract)."""
        return {
            "id": self.id,
            "document": self.document,
            "by": self.by,
            "cosponsors": self.cosponsors,
            "unit": self.unit,
            "kind": self.kind,
            "status": self.status,
            "languages": self.languages,
            "base_rev": self.base_rev,
            "original_lang": self.original_lang,
            "justification": self.justification,
            "new_unit": self.new_unit or None,
        }

    @classmethod
    def from_json(cls, data: bytes, name: str) -> Amendment:
        """Read a record, refusing one that is damaged or edited into nonsense."""
        try:
            raw = json.loads(data.decode("utf-8"))
            record = cls(
                **{k: v for k, v in raw.items() if k not in ("history", "texts")},
                history=[StatusChange(**h) for h in raw["history"]],
                texts={lang: LanguageText(**t) for lang, t in raw["texts"].items()},
            )
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise WgtError(
                _("{name}: damaged amendment record ({reason}); restore it from git or re-propose").format(
                    name=name, reason=exc
                )
            ) from None
        if record.kind not in KINDS or not record.history or any(h.status not in STATUSES for h in record.history):
            raise WgtError(
                _("{name}: damaged amendment record (unknown kind or status); restore it from git").format(name=name)
            )
        return record
