"""The amendments of a workspace: files under ``amendments/<document>/``, ids, marks."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from tracker.amendments.authenticity import check
from tracker.amendments.record import Amendment, now
from tracker.errors import WgtError
from tracker.i18n import _
from tracker.storage import write_all
from tracker.trust.roster import ROSTER_NAME, read_roster
from tracker.trust.signing import SignatureMemo, sign, verify
from tracker.trust.verified import VerifiedRecords
from tracker.workspace import CONFIG_NAME, Workspace

_ID = re.compile(r"^([A-Z]{2,8})-(\d+)$")
MARKS_FILE = "marks.json"
MARK_STATUSES = ("agreed", "ad-ref", "open")


class AmendmentStore:
    """Reads and writes amendment records; callers hold the workspace lock to write."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._roster: dict[str, list[dict[str, str]]] | None = None
        # Unchanged records verified by an earlier command are not verified again (see tracker.trust.verified).
        self._verified = VerifiedRecords(ws.root / ROSTER_NAME, ws.root / CONFIG_NAME)
        self._signatures = SignatureMemo()
        self._folders: dict[str, Path] = {}
        self._vouched: set[str] = set()  # ids of records the cache vouched for when they were read

    def keys_of(self, code: str) -> list[str]:
        """The public keys registered for ``code`` (read once per store)."""
        if self._roster is None:
            self._roster = read_roster(self.ws.root)
        return [entry["key"] for entry in self._roster.get(code, [])]

    def load(self, path: Path) -> Amendment:
        """Read a record and check every signature in it; refuses a forged or altered one."""
        path = self.ws.inside(path)
        data = path.read_bytes()
        record = Amendment.from_json(data, str(path))
        if record.id != path.stem:
            raise WgtError(
                _("{path}: holds amendment {id!r}, not {name}; restore it from git").format(
                    path=path, id=record.id, name=path.stem
                )
            )
        if self.path_of(record) != path:
            raise WgtError(
                _("{path}: amendment {id} belongs to {symbol}, not to this folder; move it back").format(
                    path=path, id=record.id, symbol=record.document
                )
            )
        if self._verified.known(data):
            self._vouched.add(record.id)
        else:
            check(record, self.keys_of, self.ws.config, str(path), self._signatures.verify)
            self._verified.remember(data)
        return record

    def folder(self, slug: str) -> Path:
        if slug not in self._folders:
            self._folders[slug] = self.ws.inside(self.ws.root / "amendments" / slug)
        return self._folders[slug]

    def path_of(self, amendment: Amendment) -> Path:
        return self.ws.inside(self.folder(_slug_of(amendment.document)) / f"{amendment.id}.json")

    def all(self, slug: str | None = None) -> list[Amendment]:
        """Every amendment (of one document when ``slug`` is given), in id order per delegation."""
        root = self.ws.root / "amendments"
        folders = (
            [self.folder(slug)] if slug else sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
        )
        found = []
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in folder.glob("*.json"):
                if _ID.match(path.stem):
                    found.append(self.load(path))
        self._verified.save()
        return sorted(found, key=_order)

    def get(self, amendment_id: str) -> Amendment:
        wanted = amendment_id.strip().upper()
        if not _ID.match(wanted):
            raise WgtError(
                _("{id!r} is not an amendment id; ids look like MX-3 ('wgt amend list SYMBOL')").format(id=amendment_id)
            )
        root = self.ws.root / "amendments"
        for folder in sorted(root.iterdir()) if root.is_dir() else []:
            path = folder / f"{wanted}.json"
            if path.is_file():
                record = self.load(self.ws.inside(path))
                self._verified.save()
                return record
        raise WgtError(_("no amendment {id} in this workspace ('wgt amend list SYMBOL' lists them)").format(id=wanted))

    def next_id(self, by: str) -> str:
        """``MX-4`` when Mexico's highest so far, in any document, is ``MX-3``."""
        root = self.ws.root / "amendments"
        highest = 0
        for path in root.glob(f"*/{by}-*.json") if root.is_dir() else []:
            if (match := _ID.match(path.stem)) and match.group(1) == by:
                highest = max(highest, int(match.group(2)))
        return f"{by}-{highest + 1}"

    def save(self, *amendments: Amendment, extra: dict[Path, bytes] | None = None) -> None:
        """Write records (and any other files) all at once, atomically."""
        for record in amendments:  # never write what would be refused when read back
            path = self.path_of(record)
            self._vouch_for_stored(record.id, path)
            check(record, self.keys_of, self.ws.config, str(path), self._signatures.verify)
        files = {self.path_of(a): a.to_json() for a in amendments}
        files.update(extra or {})
        write_all(files, journal=self.ws.journal)
        for record in amendments:  # checked above: reading them back need not verify again
            self._verified.remember(files[self.path_of(record)])
        self._verified.save()

    def _vouch_for_stored(self, amendment_id: str, path: Path) -> None:
        """Note the signatures of the stored record as proved, if the cache vouches for its bytes.

        Then checking the changed record before writing it verifies only what is new
        (a status change); anything else on disk is left to the full check.
        """
        if amendment_id not in self._vouched or not path.is_file():
            return
        self._vouched.discard(amendment_id)
        data = path.read_bytes()
        if self._verified.known(data):
            stored = Amendment.from_json(data, str(path))
            check(stored, self.keys_of, self.ws.config, str(path), self._signatures.vouch)

    # -- negotiation status of units ------------------------------------------
    def marks(self, slug: str) -> list[dict[str, str]]:
        path = self.folder(slug) / MARKS_FILE
        if not path.is_file():
            return []
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise WgtError(_("{path}: damaged ({reason}); restore it from git").format(path=path, reason=exc)) from None
        previous = ""
        for n, entry in enumerate(entries, start=1):
            act = _mark_act(slug, entry, previous)
            if not verify(self.keys_of(entry.get("by", "")), act, entry.get("signature", "")):
                raise WgtError(
                    _("{path}: mark {n} ({unit} {status}) is not signed by {code}; restore it from git").format(
                        path=path, n=n, unit=entry.get("unit"), status=entry.get("status"), code=entry.get("by")
                    )
                )
            if self.ws.config.participant(entry["by"]).role not in ("chair", "secretariat"):
                raise WgtError(
                    _("{path}: mark {n} was made by {code}, who is neither chair nor secretariat").format(
                        path=path, n=n, code=entry["by"]
                    )
                )
            previous = entry["signature"]
        return entries

    def mark(self, slug: str, unit: str, status: str, by: str) -> None:
        if status not in MARK_STATUSES:
            raise WgtError(
                _("unknown status {status!r}; use one of {statuses}").format(
                    status=status, statuses=", ".join(MARK_STATUSES)
                )
            )
        entries = self.marks(slug)
        entry = {"unit": unit, "status": status, "by": by, "at": now()}
        entry["signature"] = sign(by, _mark_act(slug, entry, entries[-1]["signature"] if entries else ""))
        entries.append(entry)
        path = self.folder(slug) / MARKS_FILE
        write_all({path: (json.dumps(entries, ensure_ascii=False, indent=2) + "\n").encode()})

    def unit_statuses(self, slug: str) -> dict[str, str]:
        """The latest mark of each unit."""
        return {entry["unit"]: entry["status"] for entry in self.marks(slug)}


def _mark_act(slug: str, entry: dict[str, str], previous: str) -> dict[str, str]:
    fields = {k: entry.get(k, "") for k in ("unit", "status", "by", "at")}
    return {"act": "mark", "document": slug, **fields, "previous": previous}


@functools.lru_cache(maxsize=64)
def _slug_of(document: str) -> str:
    # Thousands of records name the same few documents: parse each symbol once.
    from tracker.symbols import parse_symbol

    return parse_symbol(document).slug


def _order(amendment: Amendment) -> tuple[str, str, int]:
    match = _ID.match(amendment.id)
    return amendment.document, match.group(1), int(match.group(2))
