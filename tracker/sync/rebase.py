"""A site's own unpublished actions, re-based on the group's: how two copies that both moved meet again.

The group's history is one line of signed actions; the remote's ``main`` is the
group's. When this copy and the remote both have new actions since they last
met, the remote's are verified and taken as they are, and each of this copy's
own actions is done again after them, in order, signed again by whoever took it
(their keys are on this machine: they took the action here):

* a proposal or statement whose id the group already has (two copies of one
  delegation both proposed ``MX-4`` offline) is renumbered past the group's
  (``MX-5``) and every signature in it made again, since each covers the id;
  later actions of this copy on it follow the new id, and the person is told
  ("your MX-4 is now MX-5");
* a decision on a record (accept, withdraw, translate, co-sponsor …) applies
  as it was when the group's copy left that record as this copy found it: the
  decisions commute. When the group changed the record too (the chair accepted
  offline what Mexico withdrew), the two do not commute: this copy's decision
  is not applied, and the person is told both decisions and who took them, to
  decide again on the group's text. Nothing is ever dropped silently;
* marks on a document's paragraphs are chained, so each mark of this copy is
  made again after the group's, unless the group marked the same paragraph;
* a key request is filed again; an issued revision or an imported document
  applies when the group's copy has not touched its files.

Before anything moves, the copy's own commits are kept under
``refs/wgt/before-sync`` (``git log refs/wgt/before-sync``), so that what this
copy did stays readable whatever happens.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from tracker.amendments.authenticity import reseal
from tracker.amendments.negotiation import ENTRY_FIELDS
from tracker.amendments.proposals import new_unit_wid
from tracker.amendments.record import Amendment
from tracker.amendments.store import AmendmentStore
from tracker.errors import WgtError
from tracker.i18n import _
from tracker.jsonfile import parse_json
from tracker.repo import Repo
from tracker.trust import rules
from tracker.trust.actions import Action, signer_for
from tracker.trust.log import LogState
from tracker.trust.logfiles import is_log_path, log_bytes_at
from tracker.trust.signing import Signer
from tracker.trust.state import UNLOGGED, read_log
from tracker.workspace import Workspace

#: Where this copy's own commits are kept while (and after) they are re-based.
KEPT = "before-sync"


@dataclass
class Rebased:
    """What re-basing did: ids renumbered (old → new), and the actions not applied, each said."""

    renamed: dict[str, str] = field(default_factory=dict)
    not_applied: list[str] = field(default_factory=list)
    applied: int = 0


@dataclass
class _Local:
    """One action of this copy: its log entry, and each file as it was before and after it."""

    commit: str
    entry: dict
    before: dict[str, bytes | None]
    after: dict[str, bytes | None]


def own_actions(repo: Repo, base: str, ours: str) -> list[_Local]:
    """This copy's commits since ``base``, oldest first, each with its entry and its files."""
    out = []
    blobs: dict[str, bytes] = {}
    for commit in repo.line_since(base, ours) or []:
        parent = repo.parents(commit)[0]
        log_before, log_after = log_bytes_at(repo, parent, blobs).data, log_bytes_at(repo, commit, blobs).data
        lines = log_after[len(log_before) :].splitlines()
        paths = [c.path for c in repo.changes(commit) if not is_log_path(c.path) and c.path not in UNLOGGED]
        for line in lines:  # one entry a commit; a commit a killed command owed may hold several
            entry = parse_json(line)
            named = [p for p in paths if p in entry["files"]]
            out.append(
                _Local(
                    commit,
                    entry,
                    {p: repo.read(p, parent) for p in named},
                    {p: repo.read(p, commit) for p in named},
                )
            )
    return out


def check_signers(ws: Workspace, state: LogState, actions: list[_Local]) -> dict[str, Signer]:
    """The keys of everyone who took one of ``actions``: refused, before anything moves, if one is missing."""
    signers: dict[str, Signer] = {}
    for action in actions:
        code = action.entry["by"]
        if code in signers or action.entry["act"] == "keys.request":
            continue
        try:
            signers[code] = signer_for(state, code)
        except WgtError as exc:
            raise WgtError(
                _("cannot re-sign this copy's action {act} {subject} by {code} after the group's: {reason}").format(
                    act=action.entry["act"], subject=action.entry["subject"], code=code, reason=exc
                )
            ) from None
    return signers


def replay(ws: Workspace, actions: list[_Local], signers: dict[str, Signer]) -> Rebased:
    """Take each of ``actions`` again on the workspace as it now is (the group's), in order."""
    done = Rebased()
    for action in actions:
        _Replay(ws, action, signers, done).run()
    return done


class _Replay:
    def __init__(self, ws: Workspace, local: _Local, signers: dict[str, Signer], done: Rebased) -> None:
        self.ws, self.local, self.signers, self.done = ws, local, signers, done
        self.entry = local.entry
        self.state = read_log(ws)

    def run(self) -> None:
        act = self.entry["act"]
        if act == "keys.request":
            return self.key_request()
        signer = self.signers.get(self.entry["by"])
        if signer is not None and signer.public not in self.state.active_keys(self.entry["by"]):
            return self.revoked()
        if act in ("found", "keys.approve", "keys.revoke", "roles.set"):
            return self.refuse_governance()
        if act in rules.NEGOTIATION_ACTS:  # marks, confirmations, silence: entries of the negotiation record
            return self.marks()
        writes: dict[str, bytes | None] = {}
        for path in self.local.after:
            data = self.file(path)
            if data is False:
                return
            target = self.target(path)
            writes[target] = data
        subject = self.renamed_subject()
        with Action(self.ws, self.entry["by"], act, subject, self.entry["detail"]) as action:
            for path, data in writes.items():
                action.write(self.ws.root / path, data)
        self.done.applied += 1

    # -- records and other files ------------------------------------------------------
    def target(self, path: str) -> str:
        found = rules.kind_of(path)
        if found is None or found[0] != "record":
            return path
        old = path.rsplit("/", 1)[1].removesuffix(".json")
        new = self.done.renamed.get(old)
        return path if new is None else path.replace(f"/{old}.json", f"/{new}.json")

    def file(self, path: str) -> bytes | bool | None:
        """What to write at the path this action's ``path`` now is; False when the action does not apply."""
        before, after = self.local.before[path], self.local.after[path]
        kind = (rules.kind_of(path) or ("", {}))[0]
        target = self.target(path)
        current = self.read(target)
        if kind == "record":
            if before is None and (current is not None or self.taken(path)):
                self.rename(path)
                target = self.target(path)
                current = self.read(target)
            if self.renamed(before, path) == current:
                return self.renamed(after, path)
        elif before == current:
            return after
        self.not_applied(target)
        return False

    def taken(self, path: str) -> bool:
        """Whether the group already numbered past this new record's id (its number is not free)."""
        fields = (rules.kind_of(path) or ("", {}))[1]
        return int(fields["n"]) <= self.state.highest_number(fields["code"])

    def rename(self, path: str) -> None:
        fields = (rules.kind_of(path) or ("", {}))[1]
        old = f"{fields['code']}-{fields['n']}"
        new = AmendmentStore(self.ws).next_id(fields["code"])
        self.done.renamed[old] = new

    def renamed(self, data: bytes | None, path: str) -> bytes | None:
        """The record ``data`` under its new id, every signature made again; as it is when not renamed."""
        if data is None:
            return None
        old = path.rsplit("/", 1)[1].removesuffix(".json")
        new = self.done.renamed.get(old)
        if new is None:
            return data
        record = Amendment.from_json(data, path, checked=True)
        record.id = new
        if record.kind == "new-unit":  # its paragraph's wId is drawn from the id: the other MX-4's is the same
            record.new_unit["wid"] = new_unit_wid(record, set())
        try:
            reseal(record, self.signers, self.state.group)
        except KeyError as missing:
            raise WgtError(
                _(
                    "{id} is to be renumbered {new}, but {code}'s key, which signed part of it, is not on this machine"
                ).format(id=old, new=new, code=missing.args[0])
            ) from None
        return record.to_json()

    def marks(self) -> None:
        """This copy's new marks, chained again after the group's (unless the group marked the same paragraph)."""
        (path,) = self.local.after  # a mark writes its document's marks file and nothing else
        before, after, current = self.local.before[path], self.local.after[path], self.read(path)
        known = len(json.loads(before or b"[]"))
        ours = json.loads(after or b"[]")[known:]
        theirs = json.loads(current or b"[]")[known:]
        if {m["unit"] for m in ours} & {m["unit"] for m in theirs}:
            return self.not_applied(path)
        store = AmendmentStore(self.ws)
        try:
            with Action(
                self.ws, self.entry["by"], self.entry["act"], self.entry["subject"], self.entry["detail"]
            ) as action:
                if before == current:  # the group marked nothing meanwhile: the marks as this copy made them
                    action.write(self.ws.root / path, after)
                else:  # each entry again, after the group's: checked as it is on the group's record (a late break…)
                    for mark in ours:
                        fields = {key: mark[key] for key in ENTRY_FIELDS if key in mark}
                        store.mark(action, path.split("/")[1], mark["unit"], mark["status"], **fields)
        except WgtError as exc:
            self.done.not_applied.append(
                _("{act} {subject} by {code} was not applied on the group's record: {reason}").format(
                    act=self.entry["act"], subject=self.entry["subject"], code=self.entry["by"], reason=exc
                )
            )
            return
        self.done.applied += 1

    # -- the entry --------------------------------------------------------------------
    def renamed_subject(self) -> str:
        subject = self.entry["subject"]
        for old, new in self.done.renamed.items():
            subject = ", ".join(new if part == old else part for part in subject.split(", "))
        return subject

    def key_request(self) -> None:
        from tracker.trust.governance import request_key

        code = self.entry["detail"]["code"]
        if self.entry["detail"]["key"] in self.state.active_keys(code):
            return  # approved meanwhile: nothing left to ask
        request_key(self.ws, code)
        self.done.applied += 1

    def revoked(self) -> None:
        """The group revoked the key this action was signed with before it reached the group: it is not taken
        (what counts is the order the group's copy received things in, not the action's own date)."""
        self.done.not_applied.append(
            _(
                "{act} {subject} by {code}: signed with a key the group revoked before it arrived; not applied "
                "(ask the secretariat to approve your new key, then take the action again)"
            ).format(act=self.entry["act"], subject=self.renamed_subject(), code=self.entry["by"])
        )

    def refuse_governance(self) -> None:
        self.done.not_applied.append(
            _("{act} {subject} by {code}: a roster change made in a copy that had not synced; make it again").format(
                act=self.entry["act"], subject=self.entry["subject"], code=self.entry["by"]
            )
        )

    def not_applied(self, path: str) -> None:
        theirs = self.state.latest(path)
        who = f"{theirs.act} by {theirs.by}" if theirs is not None else _("a deletion")
        self.done.not_applied.append(
            _(
                "{act} {subject} by {code} was not applied: the group's copy changed {path} meanwhile ({theirs}); "
                "decide again on the group's text"
            ).format(
                act=self.entry["act"], subject=self.renamed_subject(), code=self.entry["by"], path=path, theirs=who
            )
        )

    def read(self, path: str) -> bytes | None:
        try:
            return (self.ws.root / path).read_bytes()
        except FileNotFoundError:
            return None
