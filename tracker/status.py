"""``wgt status``: who this machine can act as, what the workspace holds, and what waits for whom.

Read-only and built from what every command already checks: the signed log
(roster, roles, approved and pending keys), the drafts, and the verified
amendment records. What waits is decided by role, as the group works:

* the **secretariat** approves pending key requests, translates proposals and
  statements that lack a working language, and issues a revision once proposals
  are accepted;
* the **chair** decides proposals that are in every working language;
* a **delegation** signs the co-sponsorships it was invited to, and sees its own
  proposals that await a decision or a translation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tracker.amendments.negotiation import NegotiationState
from tracker.amendments.record import Amendment
from tracker.amendments.store import AmendmentStore
from tracker.documents import DocumentSummary, list_documents
from tracker.errors import WgtError
from tracker.trust import rules
from tracker.trust.keys import fingerprint, has_key, keys_dir, load_private_key, public_text
from tracker.trust.state import read_log
from tracker.workspace import Workspace

#: What a key on this machine is in this workspace.
KEY_APPROVED, KEY_PENDING, KEY_UNREGISTERED, KEY_OTHER = "approved", "pending", "unregistered", "not-approved"
KEY_UNREADABLE = "unreadable"


@dataclass
class Identity:
    """A participant this machine holds a private key for, and what that key is in the workspace."""

    code: str
    role: str
    key: str  # one of KEY_APPROVED, KEY_PENDING, KEY_UNREGISTERED, KEY_OTHER, KEY_UNREADABLE
    fingerprint: str


@dataclass
class Task:
    """One thing waiting for a participant: what to do (a code word), on what, and the command that does it."""

    #: approve-key, translate, decide, issue, cosponsor, awaiting-decision, awaiting-translation,
    #: confirm (a unit agreed ad referendum pending this delegation), silence-running, close-silence
    what: str
    subject: str  # an amendment id, a participant code or a document symbol
    command: str


@dataclass
class WorkspaceStatus:
    root: Path
    body: str
    languages: list[str]
    identities: list[Identity]
    documents: list[DocumentSummary]
    proposals: dict[str, Counter] = field(default_factory=dict)  # symbol -> statuses counted
    waiting: dict[str, list[Task]] = field(default_factory=dict)  # participant code -> tasks

    def to_json(self) -> dict[str, object]:
        return {
            "workspace": str(self.root),
            "body": self.body,
            "languages": self.languages,
            "acting_as": [vars(i) for i in self.identities],
            "documents": [
                {**d.to_json(), "proposals": dict(sorted(self.proposals.get(d.symbol, Counter()).items()))}
                for d in self.documents
            ],
            "waiting": {code: [vars(t) for t in tasks] for code, tasks in self.waiting.items()},
        }


def held_codes() -> list[str]:
    """The participants this machine holds a private key for (``MX.pem`` … in the keys folder)."""
    folder = keys_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.pem") if p.is_file() and p.stem.isalnum() and p.stem.isupper())


def workspace_status(ws: Workspace, only: str | None = None) -> WorkspaceStatus:
    """The status of ``ws`` as this machine sees it (``only``: the tasks of that participant alone)."""
    state = read_log(ws)
    identities = []
    for code in held_codes():
        if not has_key(code):
            continue
        try:
            public = public_text(load_private_key(code))
        except WgtError:  # a damaged or foreign file in the keys folder: say so, show the rest
            identities.append(Identity(code, state.role(code), KEY_UNREADABLE, ""))
            continue
        if public in state.active_keys(code):
            key = KEY_APPROVED
        elif code in state.pending and state.pending[code].key == public:
            key = KEY_PENDING
        elif state.keys_of(code):
            key = KEY_OTHER
        else:
            key = KEY_UNREGISTERED
        identities.append(Identity(code, state.role(code), key, fingerprint(public)))
    documents = list_documents(ws)
    store = AmendmentStore(ws)
    records = store.all()
    proposals: dict[str, Counter] = {}
    for record in records:
        proposals.setdefault(record.document, Counter())[record.status] += 1
    status = WorkspaceStatus(ws.root, ws.config.body, list(ws.config.languages), identities, documents, proposals)
    codes = [only.upper()] if only else [i.code for i in identities if i.key == KEY_APPROVED]
    negotiations = {d.symbol: store.negotiation(d.slug) for d in documents} if codes else {}
    for code in codes:
        status.waiting[code] = _tasks(code, state.role(code), records, state, ws.config.languages)
        status.waiting[code] += _consensus_tasks(code, state.role(code), store, negotiations, records)
    return status


def _consensus_tasks(
    code: str, role: str, store: AmendmentStore, negotiations: dict[str, NegotiationState], records: list[Amendment]
) -> list[Task]:
    """Confirmations a capital owes, silence running or due to close, translations a revision made outdated."""
    from tracker.clock import now

    tasks: list[Task] = []
    moment = now()
    for symbol, state in negotiations.items():
        for wid, ad_ref in state.ad_referendum.items():
            if _may("confirm", role) and state.statuses.get(wid) == "ad-ref" and code in ad_ref.waiting:
                tasks.append(Task("confirm", f"{symbol} {wid}", f'wgt confirm "{symbol}" {wid} --as {code}'))
        running = state.open_silence
        if running is not None:
            if running.until < moment and _may("silence.close", role):
                tasks.append(
                    Task(
                        "close-silence",
                        f"{symbol} rev. {running.rev}",
                        f'wgt silence close "{symbol}"',
                    )
                )
            elif running.until >= moment and _may("silence.break", role):
                tasks.append(
                    Task(
                        "silence-running",
                        f"{symbol} rev. {running.rev} ({running.until})",
                        f'wgt silence break "{symbol}" --text "…" --as {code}',
                    )
                )
    if _may("translate", role):
        for record in records:
            if record.status == "proposed":
                tasks += [
                    Task("translate", record.id, f"wgt amend translate {record.id} --lang {lang} …")
                    for lang in store.outdated_translations(record)
                ]
    return tasks


def _may(act: str, role: str) -> bool:
    """Whether ``role`` may perform ``act``, by the one rule table every reader checks."""
    return role in rules.ACTS[act][0]


def _tasks(code: str, role: str, records: list[Amendment], state, languages: list[str]) -> list[Task]:
    tasks: list[Task] = []
    live = [r for r in records if r.status in ("proposed", "accepted")]
    if _may("keys.approve", role):
        tasks += [Task("approve-key", c, f"wgt keys approve {c}") for c in sorted(state.pending)]
    for record in live:
        missing = [lang for lang in languages if lang not in record.texts]
        if record.by == code and record.status == "proposed":
            what = "awaiting-translation" if missing else "awaiting-decision"
            if record.kind != "statement" or missing:
                tasks.append(Task(what, record.id, f"wgt amend show {record.id}"))
        elif _may("translate", role):
            tasks += [
                Task("translate", record.id, f"wgt amend translate {record.id} --lang {lang} …") for lang in missing
            ]
        if record.status == "proposed" and record.kind != "statement" and not missing and _may("accept", role):
            tasks.append(Task("decide", record.id, f"wgt amend accept {record.id}  |  wgt amend reject {record.id}"))
        if code in record.invited and code not in record.cosponsors and _may("cosponsor", role):
            tasks.append(Task("cosponsor", record.id, f"wgt amend cosponsor {record.id} --by {code}"))
    if _may("issue", role):
        accepted = sorted({r.document for r in records if r.status == "accepted"})
        tasks += [Task("issue", symbol, f'wgt rev issue "{symbol}"') for symbol in accepted]
    return tasks
