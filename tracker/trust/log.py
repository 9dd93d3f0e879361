"""The workspace's signed, hash-chained log: every action, who took it, and the files it wrote.

``log.jsonl`` holds one canonical JSON entry a line. Entry 0 *founds* the group:
its body, languages, roles and the secretariat's first key, signed with that
key; the hash of that line is the group's identity, and every later entry (and
every signature in every record) names it. Each later entry records one action:

``{"seq", "prev", "group", "at", "by", "act", "subject", "files", "detail", "signature"}``

``prev`` is the hash of the line before, ``files`` maps each path the action
wrote to what it wrote (its SHA-256; for a signed chain, its length and tip),
and the entry is signed by its actor with a key approved by an earlier entry.
Key requests, approvals, revocations and role changes are entries too, so the
roster and the roles are nothing but what the log says: editing ``wgt.toml``
or ``roster.json`` grants nothing.

Every command replays the log (:func:`read_log`) and checks each entry against
the rule table (:mod:`tracker.trust.rules`); every file it then reads must be
the one the log's latest entry for it says. So a file that was deleted,
truncated, replaced by an older version, planted, or written by someone not
entitled is refused, and a log that was itself rolled back is caught against a
witness (:mod:`tracker.trust.witness`, ``wgt verify --expect``).
"""

from __future__ import annotations

import hashlib
import json
import marshal
from dataclasses import dataclass, field
from typing import Any

from tracker.clock import is_time
from tracker.errors import WgtError
from tracker.i18n import _
from tracker.jsonfile import DictOf, JsonShapeError, check_shape, parse_json
from tracker.participants import OAS_MEMBER_STATES, ROLES, Participant
from tracker.storage import file_hash
from tracker.trust import rules
from tracker.trust.keys import fingerprint, is_public_text
from tracker.trust.rules import Version
from tracker.trust.signing import canonical, verify_bytes
from tracker.trust.verified import VerifiedRecords
from tracker.workspace import PARTICIPANT_CODE, Workspace

LOG_NAME = "log.jsonl"
#: Chunks of packed entries a remembered state may hold before they are joined (:meth:`LogState.pack`).
MAX_ENTRY_CHUNKS = 64
#: One entry (an issued revision of 40,000 records names each of them).
MAX_LINE_BYTES = 64 * 1024 * 1024
MAX_LOG_BYTES = 4 * 1024 * 1024 * 1024

ENTRY_SHAPE = {
    "seq": int,
    "prev": str,
    "group?": str,
    "at": str,
    "by": str,
    "act": str,
    "subject": str,
    "files": DictOf((None, str, dict)),
    "detail": dict,
    "signature": str,
}
DETAIL_SHAPES: dict[str, Any] = {
    "found": {"body": str, "name": str, "languages": [str], "roles": DictOf(str), "key": str, "nonce": str},
    "keys.request": {"code": str, "key": str},
    "keys.approve": {"code": str, "key": str, "replace": bool},
    "keys.revoke": {"code": str, "key": str},
    "roles.set": {"code": str, "role": str},
}


class LogError(WgtError):
    """The log is damaged, forged, rolled back, or contradicts a file."""


def line_hash(line: bytes) -> str:
    return "sha256:" + hashlib.sha256(line).hexdigest()


@dataclass
class KeyState:
    """One approved key of a participant: when it was approved, and revoked if it was."""

    key: str
    approved: int  # the log entry that approved it
    revoked: int | None = None  # the log entry that revoked it

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key)


@dataclass
class Member:
    """A participant the roster knows: its role and its keys."""

    code: str
    role: str
    keys: list[KeyState] = field(default_factory=list)


@dataclass(frozen=True)
class Request:
    """A key a participant asked to have approved (self-signed: it proves the asker holds it)."""

    code: str
    key: str
    seq: int

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key)


@dataclass(frozen=True)
class Entry:
    """What a person reads of one log entry (``wgt log``)."""

    seq: int
    hash: str
    at: str
    by: str
    act: str
    subject: str
    files: tuple[str, ...]


class History:
    """Every logged version of every file, decoded only for the paths a command reads.

    A replayed state is kept packed (:meth:`LogState.pack`): each path's versions
    as one JSON text, turned into :class:`~tracker.trust.rules.Version` objects
    the first time that path is asked for.
    """

    def __init__(self) -> None:
        self._versions: dict[str, list[Version]] = {}
        self._packed: dict[str, str] = {}
        self.latest_hash: dict[str, str | None] = {}  # every path the log wrote: its latest hash

    def get(self, path: str, default: list[Version] | tuple = ()) -> list[Version]:
        versions = self._versions.get(path)
        if versions is None:
            packed = self._packed.get(path)  # kept: packing again needs it unless the path changes
            if packed is None:
                return list(default)
            versions = self._versions[path] = [Version(*item) for item in json.loads(packed)]
        return versions

    def append(self, path: str, version: Version) -> None:
        self._versions[path] = [*self.get(path), version]
        self._packed.pop(path, None)
        self.latest_hash[path] = rules.state_hash(version.state)

    def pack(self) -> dict[str, str]:
        packed = dict(self._packed)
        for path, versions in self._versions.items():
            if path not in packed:
                packed[path] = _packed_versions(versions)
        return packed

    def fingerprint(self, path: str) -> bytes:
        """A digest of every logged version of ``path``: what a check of the file against them depended on."""
        packed = self._packed.get(path)
        if packed is None:
            packed = _packed_versions(self._versions.get(path, []))
        return hashlib.sha256(packed.encode("utf-8")).digest()

    @classmethod
    def unpack(cls, packed: dict[str, str], latest: dict[str, str | None]) -> History:
        history = cls()
        history._packed, history.latest_hash = packed, latest
        return history


def _packed_versions(versions: list[Version]) -> str:
    return json.dumps([[v.seq, v.by, v.act, v.state] for v in versions], separators=(",", ":"))


class LogState:
    """The log replayed: the group, its roster, and the latest version of every file."""

    def __init__(self) -> None:
        self.group = ""
        self.head = ""
        self.body = ""
        self.name = ""
        self.languages: list[str] = []
        self.members: dict[str, Member] = {}
        self.pending: dict[str, Request] = {}
        self.roles_since: dict[str, list[tuple[int, str]]] = {}  # code -> [(entry, role from then on)]
        self.history = History()
        self.hashes: list[str] = []  # the hash of every entry, in order
        self._entries: list[Entry] = []
        #: Entries not decoded yet, as JSON texts (chunks) in order, before ``_entries``: each command that
        #: appended adds one chunk when the state is remembered, instead of re-encoding the whole log.
        self._entries_packed: list[str] = []
        self._documents: set[str] = set()
        self._record_ids: dict[str, str] = {}  # MX-3 -> its path

    @property
    def entries(self) -> list[Entry]:
        """Every entry, as a person reads it (``wgt log``)."""
        if self._entries_packed:
            decoded = [Entry(*item[:6], tuple(item[6])) for chunk in self._entries_packed for item in json.loads(chunk)]
            self._entries = decoded + self._entries
            self._entries_packed = []
        return self._entries

    def pack(self) -> bytes:
        """The state as compact builtin values (``marshal``): what :mod:`tracker.trust.replayed` keeps."""
        entries = list(self._entries_packed)
        if self._entries:
            entries.append(
                json.dumps(
                    [[e.seq, e.hash, e.at, e.by, e.act, e.subject, list(e.files)] for e in self._entries],
                    separators=(",", ":"),
                )
            )
        if len(entries) > MAX_ENTRY_CHUNKS:  # now and then one chunk again: the cost spread over many commands
            entries = [json.dumps([item for chunk in entries for item in json.loads(chunk)], separators=(",", ":"))]
        return marshal.dumps(
            {
                "group": self.group,
                "head": self.head,
                "body": self.body,
                "name": self.name,
                "languages": self.languages,
                "members": {
                    c: (m.role, [(k.key, k.approved, k.revoked) for k in m.keys]) for c, m in self.members.items()
                },
                "pending": {c: (r.key, r.seq) for c, r in self.pending.items()},
                "roles": self.roles_since,
                "history": self.history.pack(),
                "latest": self.history.latest_hash,
                "hashes": self.hashes,
                "entries": entries,
                "documents": sorted(self._documents),
                "records": self._record_ids,
            }
        )

    @classmethod
    def unpack(cls, data: bytes) -> LogState:
        values = marshal.loads(data)
        state = cls()
        state.group, state.head, state.body, state.name = (
            values["group"],
            values["head"],
            values["body"],
            values["name"],
        )
        state.languages = values["languages"]
        state.members = {
            code: Member(code, role, [KeyState(*key) for key in keys])
            for code, (role, keys) in values["members"].items()
        }
        state.pending = {code: Request(code, key, seq) for code, (key, seq) in values["pending"].items()}
        state.roles_since = {code: [tuple(item) for item in items] for code, items in values["roles"].items()}
        state.history = History.unpack(values["history"], values["latest"])
        state.hashes, state._entries_packed = values["hashes"], values["entries"]
        state._documents, state._record_ids = set(values["documents"]), values["records"]
        return state

    # -- the roster -------------------------------------------------------------
    def role(self, code: str) -> str:
        """The role of ``code`` ("" for a code the roster does not know)."""
        member = self.members.get(code)
        if member is not None:
            return member.role
        return "delegation" if code in OAS_MEMBER_STATES else ""

    def role_at(self, code: str, seq: int) -> str:
        """The role ``code`` had when entry ``seq`` was entered (what its acts then are judged by)."""
        role = "delegation" if code in OAS_MEMBER_STATES else ""
        for since, given in self.roles_since.get(code, ()):
            if since > seq:
                break
            role = given
        return role

    def keys_of(self, code: str) -> list[str]:
        """Every key ever approved for ``code``: what was signed with a revoked key stays signed."""
        member = self.members.get(code)
        return [k.key for k in member.keys] if member else []

    def active_keys(self, code: str) -> list[str]:
        """The keys ``code`` may sign new acts with."""
        member = self.members.get(code)
        return [k.key for k in member.keys if k.revoked is None] if member else []

    def roster_digest(self) -> bytes:
        """What record verification depends on: the group, every key and every role."""
        cached = self.__dict__.get("_digest")
        if cached is not None and cached[0] is self.members:
            return cached[1]
        roster = {
            code: [member.role, [[k.key, k.revoked is None] for k in member.keys]]
            for code, member in sorted(self.members.items())
        }
        digest = hashlib.sha256(canonical({"group": self.group, "roster": roster})).digest()
        self._digest = (self.members, digest)  # governance entries replace the members dict: a new digest
        return digest

    def signers_digest(self, codes: list[str]) -> bytes:
        """What verifying a file signed by ``codes`` depends on: the group, and each one's role and keys.

        The verified-record cache keys an entry with it, so a roster change that concerns none of a
        record's signers leaves the record's entry good (a new delegation's key approved, say).
        """
        memo = self.__dict__.get("_signer_digests")
        if memo is None or memo[0] is not self.members:
            memo = self._signer_digests = (self.members, {}, {})  # governance entries replace the members dict
        pieces, combined = memo[1], memo[2]
        signers = tuple(sorted(set(codes)))
        found = combined.get(signers)  # thousands of records share a few sets of signers
        if found is not None:
            return found
        out = hashlib.sha256(self.group.encode())
        for code in signers:
            piece = pieces.get(code)
            if piece is None:
                member = self.members.get(code)
                facts = [member.role, [[k.key, k.revoked is None] for k in member.keys]] if member else None
                piece = pieces[code] = hashlib.sha256(canonical([code, facts])).digest()
            out.update(piece)
        found = combined[signers] = out.digest()
        return found

    # -- files --------------------------------------------------------------------
    def versions(self, path: str) -> list[Version]:
        return self.history.get(path)

    def latest(self, path: str) -> Version | None:
        versions = self.history.get(path)
        return versions[-1] if versions else None

    def current_paths(self) -> list[str]:
        """Every path whose latest version is a file (not deleted)."""
        return sorted(path for path, latest in self.history.latest_hash.items() if latest is not None)

    def draft_files(self, slug: str) -> dict[int, dict[str, str]]:
        """``{rev: {lang: path}}`` of one document, as the log knows them."""
        found: dict[int, dict[str, str]] = {}
        prefix = f"drafts/{slug}/"
        for path in self.history.latest_hash:
            if path.startswith(prefix) and (kind := rules.kind_of(path)) and kind[0] == "draft":
                found.setdefault(int(kind[1]["rev"]), {})[kind[1]["lang"]] = path
        return {rev: dict(sorted(langs.items())) for rev, langs in sorted(found.items())}

    def slugs(self) -> list[str]:
        return sorted(self._documents)

    def record_paths(self, slug: str | None = None) -> list[str]:
        """The records of one document (or of all), as the log knows them."""
        return [path for path in self._record_ids.values() if slug is None or path.split("/")[1] == slug]

    def record_path(self, amendment_id: str) -> str | None:
        return self._record_ids.get(amendment_id)

    def highest_number(self, code: str) -> int:
        """The highest record number ``code`` ever used, in any document: ids are never reused."""
        prefix = f"{code}-"
        return max((int(i[len(prefix) :]) for i in self._record_ids if i.startswith(prefix)), default=0)

    # -- replaying ----------------------------------------------------------------
    def apply(self, line: bytes, vouched: bool = False) -> dict[str, Any]:
        """Check the entry ``line`` as the next one and take it in; raises :class:`LogProblem` if it may not stand.

        Every check comes before any change, so a refused entry leaves the state as
        it was. ``vouched``: its signature was verified before (the cache of verified lines).
        """
        try:
            entry = parse_json(line)
            check_shape(entry, ENTRY_SHAPE)
        except JsonShapeError as exc:
            raise LogProblem(str(exc)) from None
        seq, act, by = entry["seq"], entry["act"], entry["by"]
        if seq != len(self.hashes):
            raise LogProblem(_("its number is {seq}, not {expected}").format(seq=seq, expected=len(self.hashes)))
        if entry["prev"] != self.head:
            raise LogProblem(_("it does not follow the entry before it (an entry was removed, added or changed)"))
        if seq == 0:
            if act != "found" or "group" in entry:
                raise LogProblem(_("the log does not start with the founding of the group"))
        elif act == "found":
            raise LogProblem(_("a group is founded once, by the first entry of its log"))
        elif entry.get("group") != self.group:
            raise LogProblem(_("it belongs to another group"))
        if not PARTICIPANT_CODE.match(by):
            raise LogProblem(_("{code!r} is not a participant code").format(code=by))
        try:  # the detail of every act has a fixed shape (nothing in it nests beyond it)
            check_shape(entry["detail"], DETAIL_SHAPES.get(act, {}), "detail")
        except JsonShapeError as exc:
            raise LogProblem(str(exc)) from None
        if not is_time(entry["at"]):
            raise LogProblem(_("{at!r} is not a time").format(at=entry["at"]))
        body = {k: v for k, v in entry.items() if k != "signature"}
        if canonical(entry) != line:
            raise LogProblem(_("it is not written the way wgt writes entries (edited by hand)"))
        if act in ("found", "keys.request"):
            keys = [entry["detail"]["key"]] if is_public_text(entry["detail"]["key"]) else []
        else:
            keys = self.active_keys(by)
        if not keys:
            raise LogProblem(_("{code} has no approved key at this point of the log").format(code=by))
        if not vouched and not verify_bytes(keys, canonical(body), entry["signature"]):
            raise LogProblem(_("it is not signed by {code}").format(code=by))
        role = "secretariat" if act == "found" else self.role(by)
        problem = rules.entry_problem(act, by, role, entry["files"], self.history, self._documents)
        if problem is None:
            problem = self._governance(entry)
        if problem is not None:
            raise LogProblem(problem)
        if act == "found":
            self.group = line_hash(line)
        for path, state in entry["files"].items():
            self.history.append(path, Version(seq, by, act, state))
            kind, parts = rules.kind_of(path)  # entry_problem let only kept kinds through
            if kind == "draft":
                self._documents.add(parts["doc"])
            elif kind == "record":
                self._record_ids[f"{parts['code']}-{parts['n']}"] = path
        self.head = line_hash(line)
        self.hashes.append(self.head)
        self._entries.append(
            Entry(seq, self.head, entry["at"], by, act, entry["subject"], tuple(sorted(entry["files"])))
        )
        return entry

    def _governance(self, entry: dict[str, Any]) -> str | None:
        """Check and take in a founding, key or role entry (None when it stands)."""
        act = entry["act"]
        if act not in GOVERNANCE_ACTS:
            return None
        try:
            members, pending = roster_after(self, act, entry["by"], entry["detail"], entry["seq"])
        except LogProblem as problem:
            return str(problem)
        if act != "keys.request":
            written = entry["files"].get(ROSTER_NAME)
            if written != file_hash(roster_view(members)):
                return _("the roster.json it writes is not the roster it leads to")
        if act == "found":
            detail = entry["detail"]
            self.body, self.name, self.languages = detail["body"], detail["name"], list(detail["languages"])
        for code, member in members.items():
            if self.role(code) != member.role or (act == "found"):
                self.roles_since.setdefault(code, []).append((entry["seq"], member.role))
        self.members, self.pending = members, pending
        return None

    def participant(self, ws: Workspace, code: str) -> Participant:
        """The participant ``code``: its role from the roster, its name and language from ``wgt.toml``."""
        key = code.strip().upper() if isinstance(code, str) else ""
        role = self.role(key) if PARTICIPANT_CODE.match(key) else ""
        if not role:
            named = ", ".join(sorted(self.members)) or _("none")
            raise WgtError(
                _(
                    "unknown delegation {code!r}: use the ISO 3166 code of an OAS member state (MX, US, GT …) "
                    "or a participant of the signed roster ({named})"
                ).format(code=code, named=named)
            )
        listed = ws.config.participants.get(key)
        return Participant(key, role, listed.name if listed else None, listed.language if listed else None)


GOVERNANCE_ACTS = ("found", "keys.request", "keys.approve", "keys.revoke", "roles.set")
ROSTER_NAME = "roster.json"
ROSTER_FORMAT = "wgt-roster/2"


def roster_after(
    state: LogState, act: str, by: str, detail: dict[str, Any], seq: int
) -> tuple[dict[str, Member], dict[str, Request]]:
    """The roster and the pending key requests after a governance entry, or :class:`LogProblem` why it may not stand.

    Works on copies: ``state`` is left as it is (the log applies the result; the
    secretariat's commands preview it to write ``roster.json``).
    """
    members = {
        code: Member(m.code, m.role, [KeyState(k.key, k.approved, k.revoked) for k in m.keys])
        for code, m in state.members.items()
    }
    pending = dict(state.pending)
    if act == "found":
        roles = detail["roles"]
        bad = [c for c, r in roles.items() if not PARTICIPANT_CODE.match(c) or r not in ROLES]
        if bad or roles.get(by) != "secretariat" or not detail["languages"] or not is_public_text(detail["key"]):
            raise LogProblem(_("its roles are not those of a group founded by its secretariat"))
        members = {code: Member(code, role) for code, role in sorted(roles.items())}
        members[by].keys.append(KeyState(detail["key"], seq))
        return members, pending
    code = detail["code"]
    if not PARTICIPANT_CODE.match(code):
        raise LogProblem(_("{code!r} is not a participant code").format(code=code))
    if act != "roles.set" and not is_public_text(detail["key"]):
        raise LogProblem(_("{key!r} is not a public key").format(key=detail["key"][:60]))
    if act == "keys.request":
        if code != by:
            raise LogProblem(_("{code} may not ask for a key in {other}'s name").format(code=by, other=code))
        pending[code] = Request(code, detail["key"], seq)
        return members, pending
    if act == "roles.set":
        if detail["role"] not in ROLES:
            raise LogProblem(_("{role!r} is not a role").format(role=detail["role"]))
        member = members.setdefault(code, Member(code, detail["role"]))
        if member.role == "secretariat" and detail["role"] != "secretariat" and not _other_secretariat(members, code):
            raise LogProblem(_("the group would be left without a secretariat"))
        member.role = detail["role"]
        return members, pending
    role = state.role(code)
    if not role:
        raise LogProblem(_("{code} has no role; give it one first ('wgt roles set')").format(code=code))
    member = members.setdefault(code, Member(code, role))
    if act == "keys.approve":
        request = pending.get(code)
        if request is None or request.key != detail["key"]:
            raise LogProblem(_("no pending request of {code} for that key").format(code=code))
        if detail["replace"]:
            for key in member.keys:
                key.revoked = key.revoked if key.revoked is not None else seq
        member.keys.append(KeyState(detail["key"], seq))
        del pending[code]
        return members, pending
    active = [k for k in member.keys if k.key == detail["key"] and k.revoked is None]
    if not active:
        raise LogProblem(_("{code} has no active key {key}").format(code=code, key=fingerprint(detail["key"])))
    active[0].revoked = seq
    if member.role == "secretariat" and not _other_secretariat(members, ""):
        raise LogProblem(_("the group would be left without a secretariat key"))
    return members, pending


def _other_secretariat(members: dict[str, Member], code: str) -> bool:
    return any(
        m.role == "secretariat" and m.code != code and any(k.revoked is None for k in m.keys) for m in members.values()
    )


def roster_view(members: dict[str, Member]) -> bytes:
    """``roster.json``: every participant's role and keys, as the log says (for people, and for ``git diff``)."""
    participants = {
        code: {
            "role": member.role,
            "keys": [
                {
                    "key": k.key,
                    "fingerprint": k.fingerprint,
                    "approved_in_entry": k.approved,
                    "revoked_in_entry": k.revoked,
                }
                for k in member.keys
            ],
        }
        for code, member in sorted(members.items())
    }
    view = {"format": ROSTER_FORMAT, "participants": participants}
    return (json.dumps(view, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


class LogProblem(Exception):
    """Why one line of the log may not stand (turned into a :class:`LogError` naming the line)."""


# -- reading ------------------------------------------------------------------------------


def replay(data: bytes, name: str, remembered: tuple[LogState, int] | None = None) -> LogState:
    """Replay the bytes of a log, checking every line; :class:`LogError` names the first that may not stand.

    ``remembered``: the state a replay of the first ``length`` bytes ended in
    (:mod:`tracker.trust.replayed`); only the lines after them are replayed.
    """
    if data and not data.endswith(b"\n"):
        raise LogError(
            _("{path}: its last line is incomplete (cut off or edited by hand); restore it from git").format(path=name)
        )
    state, start = remembered if remembered is not None else (LogState(), 0)
    cache = VerifiedRecords(b"log lines", purpose="log")
    lines = data[start:].split(b"\n")[:-1] if data else []
    for number, line in enumerate(lines, start=len(state.hashes) + 1):
        if len(line) > MAX_LINE_BYTES:
            raise LogError(_("{path}: line {line}: longer than any entry wgt writes").format(path=name, line=number))
        try:
            state.apply(line, vouched=cache.known(line))
        except LogProblem as problem:
            raise LogError(
                _(
                    "{path}: line {line} (entry {seq}) refused: {problem}; the log was altered — restore it from git"
                ).format(path=name, line=number, seq=number - 1, problem=problem)
            ) from None
        cache.remember(line)
    if not state.hashes:
        raise LogError(_("{path}: empty; restore it from git").format(path=name))
    cache.save()
    return state


def check_next(state: LogState, line: bytes, files: dict[str, str | None], *, own: bool = False) -> None:
    """Refuse ``line`` unless it may follow ``state`` and writes exactly ``files`` (path → hash).

    ``state`` takes the entry in when it stands (and is left as it was when it does not).
    ``own``: this process just signed it with a key checked to be approved (no need to verify it again).
    """
    try:
        entry = state.apply(line, vouched=own)
    except LogProblem as problem:
        raise LogError(_("its log entry is refused: {problem}").format(problem=problem)) from None
    written = {path: rules.state_hash(s) for path, s in entry["files"].items()}
    if written != files:
        raise LogError(_("its log entry does not name the files it writes"))
