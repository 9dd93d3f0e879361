"""The amendments of a workspace: files under ``amendments/<document>/``, ids, marks.

What exists is what the signed log says (:mod:`tracker.trust.log`): a record is
read only if the log wrote it, must be exactly the bytes its latest entry
recorded, and must agree with every earlier entry (no status change removed,
no older version put back). A record the log names but the folder lacks was
deleted; a file the log never wrote is not a record (``wgt verify`` lists it).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from tracker.amendments.authenticity import check
from tracker.amendments.negotiation import ENTRY_FIELDS, NegotiationState, read_entries, sequence_problem
from tracker.amendments.record import MAX_RECORD_BYTES, Amendment, parse_record, signer_codes
from tracker.clock import now
from tracker.errors import WgtError
from tracker.i18n import _
from tracker.jsonfile import JsonShapeError, check_shape, parse_json
from tracker.storage import file_hash, read_file
from tracker.trust import rules
from tracker.trust.actions import Action
from tracker.trust.log import LogState
from tracker.trust.signing import SignatureMemo
from tracker.trust.state import read_log
from tracker.trust.verified import VerifiedRecords
from tracker.workspace import Workspace

_ID = re.compile(r"^([A-Z][A-Z0-9]{1,9})-([1-9]\d{0,8})\Z")
MARKS_FILE = "marks.json"
MARK_STATUSES = ("agreed", "ad-ref", "open")
MAX_MARKS_BYTES = 64 * 1024 * 1024
_MARK_SHAPE = [
    {
        "unit": str,
        "status": str,
        "by": str,
        "at": str,
        "signature": str,
        "pending?": [str],
        "until?": str,
        "rev?": int,
        "text?": str,
        "outcome?": str,
    }
]


class AmendmentStore:
    """Reads amendment records and marks (checked against the log), and stages them in an :class:`Action`."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._verified: VerifiedRecords | None = None
        self._signatures = SignatureMemo()
        self._vouched: set[str] = set()  # ids of records the cache vouched for when they were read

    @property
    def state(self) -> LogState:
        """The log as it stands (replayed once per workspace object while the file is unchanged)."""
        return read_log(self.ws)

    def _cache(self, state: LogState | None = None) -> VerifiedRecords:
        # Unchanged records verified by an earlier command are not verified again (see tracker.trust.verified),
        # as long as their signers' keys and roles are the same (each entry says whose: _signers).
        group = (state or self.state).group
        if self._verified is None or self._verified_in != group:
            self._verified_in = group
            self._verified = VerifiedRecords(group.encode(), "records")
        return self._verified

    def _signers(self, codes: list[str]) -> bytes:
        return self.state.signers_digest(codes)

    def keys_of(self, code: str) -> list[str]:
        """The public keys ever approved for ``code``."""
        return self.state.keys_of(code)

    def load(self, path: Path) -> Amendment:
        """Read a record and check it: signatures, rule table, and the log's account of it."""
        path = self.ws.inside(path)
        return self._load(str(path), self.ws.relative(path), self.state)

    def _load(self, path: str, name: str, state: LogState) -> Amendment:
        """:meth:`load` of ``path`` (named ``name`` in the log), its folder already checked.

        Paths are plain strings here: a command reads thousands of records, and
        pathlib's objects cost more than the JSON of a record.

        The cache of verified records holds two kinds of entry for a record's bytes
        (each with its signers' keys and roles): its signatures verified, and, once
        it was also found to agree with every version the log recorded of it, the
        same with a digest of those versions. With the second, nothing is left to
        check; with the first, only the log's account; with neither, everything.
        """
        latest = state.history.latest_hash.get(name)
        if latest is None:
            raise WgtError(
                _("{path}: not in the signed log: wgt never wrote it (planted or copied by hand); remove it").format(
                    path=path
                )
            )
        try:
            data = self._read(path, lambda: state.versions(name)[-1])
        except WgtError:
            if os.path.islink(path):
                self.ws.inside(Path(path))  # a record that is a link is refused as the workspace refuses any
            raise
        digest = hashlib.sha256(data).digest()
        as_logged = "sha256:" + digest.hex() == latest
        cache = self._cache(state)
        # Bytes the cache vouches for passed the strict reading before (no repeated key, UTF-8, shape):
        # the plain C parser gives the same value. Anything else is read strictly, from scratch.
        raw = _plain_json(data)
        signers = state.signers_digest(signer_codes(raw)) if raw is not None else b""
        against_log = signers + b"log" + state.history.fingerprint(name)
        settled = as_logged and raw is not None and cache.known_digest(digest, against_log)
        known = settled or (raw is not None and cache.known_digest(digest, signers))
        if not known:
            raw = parse_record(data, path)
            signers = state.signers_digest(signer_codes(raw))
            against_log = signers + b"log" + state.history.fingerprint(name)
        record = Amendment.from_raw(raw, path, checked=known)
        folder, _sep, file_name = name.rpartition("/")
        stem = file_name.removesuffix(".json")
        if record.id != stem:
            raise WgtError(
                _("{path}: holds amendment {id!r}, not {name}; restore it from git").format(
                    path=path, id=record.id, name=stem
                )
            )
        if _slug_of(record.document) != folder.rpartition("/")[2]:
            raise WgtError(
                _("{path}: amendment {id} belongs to {symbol}, not to this folder; move it back").format(
                    path=path, id=record.id, symbol=record.document
                )
            )
        if known:
            self._vouched.add(record.id)
        else:
            versions = state.versions(name)
            check(record, state, path, self._signatures.verify, self._times(record, versions, state))
            cache.remember_digest(digest, signers)
        if not settled:
            self._against_log(record, raw, as_logged, state.versions(name), path)
            cache.remember_digest(digest, against_log)
        return record

    def _times(self, record: Amendment, versions: list[rules.Version], state: LogState | None = None):
        """When the log entered each part of ``record`` (parts not yet logged: now)."""
        texts = {lang: rules.digest(version.signature) for lang, version in record.texts.items()}
        now = len((state or self.state).hashes)
        return rules.record_times(versions, len(record.history), len(record.cosponsorships), texts, now)

    def outdated_translations(self, record: Amendment) -> list[str]:
        """The languages whose text was made before the proposal's original text last changed (``revise``).

        Taken from the signed log (which entry entered each text), not from the record: a
        translation is up to date once it is made again after the revision.
        """
        if record.original_lang not in record.texts or len(record.texts) < 2:
            return []
        versions = self.state.versions(self.ws.relative(self.path_of(record)))
        entered = self._times(record, versions)[2]
        original = entered.get(record.original_lang, 0)
        return sorted(lang for lang, seq in entered.items() if lang != record.original_lang and seq < original)

    def _read(self, path: str | Path, logged: Callable[[], rules.Version]) -> bytes:
        """The file's bytes; a deleted one is named with the ``logged`` version that wrote it."""
        try:
            return read_file(path, MAX_RECORD_BYTES, WgtError)
        except WgtError as exc:
            if not os.path.lexists(path):
                version = logged()
                raise WgtError(
                    _("{path}: deleted: the signed log says {by} wrote it (entry {seq}); restore it from git").format(
                        path=path, by=version.by, seq=version.seq
                    )
                ) from None
            raise exc from None

    def _against_log(
        self, record: Amendment, raw: dict, as_logged: bool, versions: list[rules.Version], path: str
    ) -> None:
        if not as_logged:
            problem = _("its bytes are not the ones the signed log recorded last (changed, replaced or rolled back)")
        else:
            problem = rules.record_problem(raw, record.by, versions)
        if problem:
            raise WgtError(
                _("{path}: amendment {id} refused: {reason}; restore the file from git").format(
                    path=path, id=record.id, reason=problem
                )
            )

    def folder(self, slug: str) -> Path:
        return self.ws.inside(self.ws.root / "amendments" / slug)

    def path_of(self, amendment: Amendment) -> Path:
        return self.ws.inside(self.folder(_slug_of(amendment.document)) / f"{amendment.id}.json")

    def all(self, slug: str | None = None) -> list[Amendment]:
        """Every amendment the log knows (of one document when ``slug`` is given), in id order per delegation."""
        return sorted(self.load_names(self.state.record_paths(slug)), key=_order)

    def load_names(self, names: list[str], problems: list[str] | None = None) -> list[Amendment]:
        """The records the log names ``names`` (``amendments/<slug>/<id>.json``), each fully checked, in that order.

        The log's names are well formed (its rules admit no other), so each folder is
        checked once and each file read without following a link. ``problems``: a
        record refused is noted there and left out (``wgt verify`` reports them all)
        instead of stopping at the first.
        """
        state = self.state
        folders: dict[str, str] = {}
        found = []
        for name in names:
            folder_name, _sep, file_name = name.rpartition("/")
            try:
                folder = folders.get(folder_name)
                if folder is None:  # the first record of a folder checks the way to it (and names itself if refused)
                    folder = str(self.ws.inside(self.ws.root / name).parent)
                    folders[folder_name] = folder
                found.append(self._load(os.path.join(folder, file_name), name, state))
            except WgtError as exc:
                if problems is None:
                    raise
                problems.append(str(exc))
        self._cache().save()
        return found

    def get(self, amendment_id: str) -> Amendment:
        wanted = amendment_id.strip().upper()
        if not _ID.match(wanted):
            raise WgtError(
                _("{id!r} is not an amendment id; ids look like MX-3 ('wgt amend list SYMBOL')").format(id=amendment_id)
            )
        name = self.state.record_path(wanted)
        if name is None:
            raise WgtError(
                _("no amendment {id} in this workspace ('wgt amend list SYMBOL' lists them)").format(id=wanted)
            )
        record = self.load(self.ws.root / name)
        self._cache().save()
        return record

    def some(self, ids: Iterable[str], slug: str | None = None) -> list[Amendment]:
        """The records among ``ids`` the log knows (of one document when ``slug`` is given), as :meth:`all` gives them.

        Each is read and checked as :meth:`load` checks it; ids the log never wrote are left
        out, as :meth:`all` leaves them out. A command that needs a few records (the ones a
        revision incorporated) reads those, not every record of the workspace.
        """
        wanted = sorted(set(ids))
        if not wanted:
            return []
        names = [self.state.record_path(i) for i in wanted]
        chosen = [name for name in names if name is not None and (slug is None or name.split("/")[1] == slug)]
        return sorted(self.load_names(chosen), key=_order)

    def next_id(self, by: str) -> str:
        """``MX-4`` when Mexico's highest so far, in any document and ever, is ``MX-3``."""
        return f"{by}-{self.state.highest_number(by) + 1}"

    def save(self, action: Action, *amendments: Amendment) -> None:
        """Stage records in ``action``, each checked as a reader will check it."""
        for record in amendments:  # never write what would be refused when read back
            path = self.path_of(record)
            self._vouch_for_stored(record.id, path)
            versions = action.state.versions(self.ws.relative(path))
            check(record, action.state, str(path), self._signatures.verify, self._times(record, versions))
            data = record.to_json()
            action.write(path, data)
            self._cache().remember(data, self._signers(record.signers()))
        self._cache().save()

    def _vouch_for_stored(self, amendment_id: str, path: Path) -> None:
        """Note the signatures of the stored record as proved, if the cache vouches for its bytes.

        Then checking the changed record before writing it verifies only what is new
        (a status change); anything else on disk is left to the full check.
        """
        if amendment_id not in self._vouched or not path.is_file():
            return
        self._vouched.discard(amendment_id)
        data = read_file(path, MAX_RECORD_BYTES, WgtError)
        raw = parse_record(data, str(path))
        if self._cache().known(data, self._signers(signer_codes(raw))):
            stored = Amendment.from_raw(raw, str(path), checked=True)
            versions = self.state.versions(self.ws.relative(path))
            check(stored, self.state, str(path), self._signatures.vouch, self._times(stored, versions))

    # -- negotiation status of units ------------------------------------------
    def marks(self, slug: str) -> list[dict[str, str]]:
        """The chair's and the secretariat's marks on a document's units, each signed and chained."""
        path = self.folder(slug) / MARKS_FILE
        name = self.ws.relative(path)
        state = self.state
        versions = state.versions(name)
        if not versions:
            return []
        data = self._read(path, lambda: versions[-1])
        try:
            entries = parse_json(data)
            check_shape(entries, _MARK_SHAPE)
        except JsonShapeError as exc:
            raise WgtError(_("{path}: damaged ({reason}); restore it from git").format(path=path, reason=exc)) from None
        previous = ""
        entered = _marks_entered(versions, len(entries), len(state.hashes))
        for n, entry in enumerate(entries, start=1):
            act = _mark_act(slug, entry, previous)
            status, seq = entry["status"], entered[n - 1][0]
            if status not in rules.NEGOTIATION_ENTRIES:
                raise WgtError(
                    _("{path}: mark {n} gives {unit} the unknown status {status!r}; restore it from git").format(
                        path=path, n=n, unit=entry["unit"][:40], status=status[:20]
                    )
                )
            if not self._signatures.verify(state.keys_of(entry["by"]), act, entry["signature"], state.group):
                raise WgtError(
                    _("{path}: mark {n} ({unit} {status}) is not signed by {code}; restore it from git").format(
                        path=path, n=n, unit=entry["unit"][:40], status=status, code=entry["by"][:12]
                    )
                )
            if not rules.allowed(state.role_at(entry["by"], seq), rules.entry_roles(status)):
                if rules.NEGOTIATION_ENTRIES[status] == "mark":
                    message = _("{path}: mark {n} was made by {code}, who is neither chair nor secretariat")
                else:
                    message = _("{path}: mark {n} ({status}) was made by {code}, who may not make it")
                raise WgtError(message.format(path=path, n=n, status=status, code=entry["by"]))
            if entered[n - 1][1] and entered[n - 1][1] != rules.NEGOTIATION_ENTRIES[status]:
                raise WgtError(
                    _("{path}: mark {n} ({status}) was entered by the act {act}, which does not make it").format(
                        path=path, n=n, status=status, act=entered[n - 1][1]
                    )
                )
            previous = entry["signature"]
        self._refuse_out_of_order(path, entries, [seq for seq, _act in entered])
        problem = None
        if rules.state_hash(versions[-1].state) != file_hash(data):
            problem = _("its bytes are not the ones the signed log recorded last (changed, replaced or rolled back)")
        problem = problem or rules.marks_problem(entries, versions)
        if problem:
            raise WgtError(_("{path}: {reason}; restore it from git").format(path=path, reason=problem))
        return entries

    def _refuse_out_of_order(self, path: Path, entries: list[dict], entered: list[int]) -> None:
        """Refuse a negotiation record whose entries break the rules of order and time (:mod:`.negotiation`)."""
        log = self.state.entries if any(e["status"].startswith("silence") for e in entries) else []
        times = [log[seq].at if seq < len(log) else "" for seq in entered] if log else None
        found = sequence_problem(entries, times)
        if found:
            raise WgtError(
                _("{path}: mark {n} refused: {reason}; restore it from git").format(
                    path=path, n=found[0], reason=found[1]
                )
            )

    def mark(self, action: Action, slug: str, unit: str, status: str, **fields: object) -> None:
        """Stage a new entry of the document's negotiation record by the action's actor, chained to those before it.

        ``fields`` are the entry's optional parts (:data:`~tracker.amendments.negotiation.ENTRY_FIELDS`).
        The entry is checked as every reader will check it (order, clocks) before it is written.
        """
        if status not in rules.NEGOTIATION_ENTRIES:
            raise WgtError(
                _("unknown status {status!r}; use one of {statuses}").format(
                    status=status, statuses=", ".join(MARK_STATUSES)
                )
            )
        entries = self.marks(slug)
        entry = {"unit": unit, "status": status, "by": action.by, "at": now()}
        entry.update({key: value for key, value in fields.items() if key in ENTRY_FIELDS and value not in ("", None)})
        previous = entries[-1]["signature"] if entries else ""
        entry["signature"] = action.signer.sign(_mark_act(slug, entry, previous), action.state.group)
        entries.append(entry)
        found = sequence_problem(entries)
        if found:
            raise WgtError(found[1])
        action.write(
            self.folder(slug) / MARKS_FILE, (json.dumps(entries, ensure_ascii=False, indent=2) + "\n").encode()
        )

    def negotiation(self, slug: str) -> NegotiationState:
        """What the document's negotiation record says: units' statuses, ad referendum, silence procedures."""
        entries = self.marks(slug)
        log = self.state.entries if any(e["status"].startswith("silence") for e in entries) else []
        entered = [
            seq
            for seq, _act in _marks_entered(
                self.state.versions(self.ws.relative(self.folder(slug) / MARKS_FILE)),
                len(entries),
                len(self.state.hashes),
            )
        ]
        times = [log[seq].at if seq < len(log) else "" for seq in entered] if log else None
        return read_entries(entries, times)

    def unit_statuses(self, slug: str) -> dict[str, str]:
        """Each marked unit's status: its latest mark, agreed once every confirmation of an ad-ref mark is in."""
        return self.negotiation(slug).statuses


def _plain_json(data: bytes) -> dict | None:
    """``data`` read by the plain JSON parser, None when it is no JSON object (the strict reading then says why)."""
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _marks_entered(versions: list[rules.Version], count: int, now: int) -> list[tuple[int, str]]:
    """The log entry (its number and act) that entered each mark (``now`` and no act for one not logged yet)."""
    entered, previous = [(now, "")] * count, 0
    for version in versions:
        for index in range(previous, min(version.state["n"], count)):
            entered[index] = (version.seq, version.act)
        previous = max(previous, version.state["n"])
    return entered


def _mark_act(slug: str, entry: dict, previous: str) -> dict:
    fields = {k: entry.get(k, "") for k in ("unit", "status", "by", "at")}
    # The optional parts are signed when present; a plain mark is signed as it always was.
    fields.update({k: entry[k] for k in ENTRY_FIELDS if k in entry})
    return {"act": "mark", "document": slug, **fields, "previous": previous}


@functools.lru_cache(maxsize=64)
def _slug_of(document: str) -> str:
    # Thousands of records name the same few documents: parse each symbol once.
    from tracker.symbols import parse_symbol

    return parse_symbol(document).slug


def _order(amendment: Amendment) -> tuple[str, str, int]:
    match = _ID.match(amendment.id)
    return amendment.document, match.group(1), int(match.group(2))
