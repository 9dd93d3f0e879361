"""Who may write what: the one table every reader of every file checks.

A working group's members negotiate against each other, and each holds a
writable copy of the workspace. What a participant may do is therefore never
taken from the file it is written in, but from this table, checked wherever a
file is read: when the log is replayed (each entry: may its actor perform its
act, on these files?), when a record, a mark or a manifest is read (is every
signature in it by someone entitled to it?), by ``wgt verify``, and by anything
that takes files from another copy.

Roles come from the signed roster (:mod:`tracker.trust.log`), never from
``wgt.toml``. ``proposer`` below means the participant whose record it is.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from tracker.i18n import N_, _, count_words, ngettext, ui_language

ANYONE = "anyone"
PROPOSER = "proposer"

#: What each act (one entry of the log) is, who may perform it, and which kinds of file it writes.
ACTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # act:            (who may,                                 what it may write)
    "found": (("secretariat",), ("roster",)),
    "keys.request": ((ANYONE,), ()),
    "keys.approve": (("secretariat",), ("roster",)),
    "keys.revoke": (("secretariat",), ("roster",)),
    "roles.set": (("secretariat",), ("roster",)),
    "import": (("secretariat",), ("draft", "manifest")),
    "propose": (("delegation", "chair", "secretariat"), ("record",)),
    "statement": (("delegation", "observer"), ("record",)),
    "receive": (("secretariat", PROPOSER), ("record",)),
    "translate": ((PROPOSER, "secretariat"), ("record",)),
    "cosponsor": (("delegation",), ("record",)),
    "withdraw": ((PROPOSER,), ("record",)),
    "accept": (("chair", "secretariat"), ("record",)),
    "reject": (("chair", "secretariat"), ("record",)),
    "mark": (("chair", "secretariat"), ("marks",)),
    "issue": (("secretariat",), ("draft", "manifest", "record")),
    # The road to consensus: a compromise that supersedes proposals, the original revised, capitals'
    # confirmations of what was agreed ad referendum, and the silence procedure on a revision.
    "compromise": (("chair", "secretariat"), ("record",)),
    "restore": (("chair", "secretariat"), ("record",)),
    "revise": ((PROPOSER,), ("record",)),
    "confirm": (("delegation",), ("marks",)),
    "silence.start": (("chair", "secretariat"), ("marks",)),
    "silence.break": (("delegation",), ("marks",)),
    "silence.close": (("chair", "secretariat"), ("marks",)),
}

#: Roles that may set each status of a record (the proposer may withdraw, and re-open).
STATUS_ROLES: dict[str, tuple[str, ...]] = {
    "proposed": (PROPOSER, "chair", "secretariat"),
    "accepted": ("chair", "secretariat"),
    "rejected": ("chair", "secretariat"),
    "withdrawn": (PROPOSER,),
    "incorporated": ("secretariat",),
    "superseded": ("chair", "secretariat"),
}
#: Who may sign a language version of a record.
TEXT_SIGNERS = (PROPOSER, "secretariat")
#: Who may mark a unit's negotiation status, and sign an issued revision's manifest.
MARK_ROLES = ("chair", "secretariat")
MANIFEST_ROLES = ("secretariat",)
#: Each kind of entry of a document's negotiation record (``marks.json``): the act that writes it, and so
#: (by :data:`ACTS`) who may sign it. A confirmation of what was agreed ad referendum is the confirming
#: delegation's own; a break of silence is the objecting delegation's.
NEGOTIATION_ENTRIES: dict[str, str] = {
    "agreed": "mark",
    "ad-ref": "mark",
    "open": "mark",
    "confirmed": "confirm",
    "consent-withdrawn": "confirm",
    "silence-start": "silence.start",
    "silence-break": "silence.break",
    "silence-close": "silence.close",
}
#: The acts that write a document's negotiation record.
NEGOTIATION_ACTS = tuple(sorted(set(NEGOTIATION_ENTRIES.values())))


def entry_roles(status: str) -> tuple[str, ...]:
    """Who may sign an entry of ``status`` in a document's negotiation record (nobody for an unknown one)."""
    act = NEGOTIATION_ENTRIES.get(status)
    return ACTS[act][0] if act else ()


#: The proposals one ``propose`` entry may record: one, or a delegation's submission of several at once
#: (its Word file, ``wgt amend from-word``), each a new record of the proposer's own.
MAX_PROPOSALS = 1000

#: Status changes each act appends to every record it writes (``None``: any number, at least one).
_HISTORY_GROWTH: dict[str, tuple[int, ...] | None] = {
    "translate": (0,),
    "cosponsor": (0,),
    "withdraw": (1,),
    "accept": (1,),
    "reject": (1,),
    "issue": (1, 2),  # a statement on record is accepted and incorporated at once
    "compromise": (1,),  # each proposal it supersedes (the compromise itself is new)
    "restore": (1,),
    "revise": (0,),
}

_SLUG = r"(?P<doc>[a-z0-9][a-z0-9-]*)"
#: The files wgt keeps, by path: every other path is not a workspace file.
FILE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("roster", re.compile(r"^roster\.json\Z")),
    ("draft", re.compile(rf"^drafts/{_SLUG}/rev(?P<rev>0|[1-9]\d{{0,5}})\.(?P<lang>[a-z]{{2}})\.xml\Z")),
    ("manifest", re.compile(rf"^drafts/{_SLUG}/rev(?P<rev>0|[1-9]\d{{0,5}})\.manifest\.json\Z")),
    ("record", re.compile(rf"^amendments/{_SLUG}/(?P<code>[A-Z][A-Z0-9]{{1,9}})-(?P<n>[1-9]\d{{0,8}})\.json\Z")),
    ("marks", re.compile(rf"^amendments/{_SLUG}/marks\.json\Z")),
)
#: Kinds of file whose content is a signed chain that only ever grows.
CHAINED = ("record", "marks")


def kind_of(path: str) -> tuple[str, dict[str, str]] | None:
    """``(kind, parts)`` of a workspace path (``amendments/x/MX-3.json`` → record), None for any other path."""
    for kind, pattern in FILE_KINDS:
        if match := pattern.match(path):
            return kind, match.groupdict()
    return None


def allowed(role: str, who: tuple[str, ...], is_proposer: bool = False) -> bool:
    """Whether a participant of ``role`` (the proposer, when ``is_proposer``) is among ``who``."""
    return ANYONE in who or role in who or (is_proposer and PROPOSER in who)


def digest(signature: str) -> str:
    """A short name for a signature in the log (128 bits of its SHA-256)."""
    return hashlib.sha256(signature.encode("utf-8")).hexdigest()[:32]


# -- what the log records of a file ----------------------------------------------------------


def describe(kind: str, value: Any, sha256: str) -> str | dict[str, Any]:
    """What a log entry records of a file it writes: its hash, and for a signed chain its length and tip.

    ``value`` is the file's parsed JSON for a chained kind (unused otherwise).
    A record's language versions and co-sponsorships are named too, so that a
    later entry cannot put back an older, validly signed version of them.
    """
    if kind == "record":
        history = value["history"]
        return {
            "sha256": sha256,
            "p": digest(value["signature"]),
            "n": len(history),
            "tip": digest(history[-1]["signature"]),
            "texts": {lang: digest(text["signature"]) for lang, text in sorted(value["texts"].items())},
            "co": len(value.get("cosponsorships", [])),
        }
    if kind == "marks":
        return {"sha256": sha256, "n": len(value), "tip": digest(value[-1]["signature"]) if value else ""}
    return sha256


def state_hash(state: str | dict[str, Any] | None) -> str | None:
    """The file hash a log state records (None for a deleted file)."""
    if state is None or isinstance(state, str):
        return state
    return state.get("sha256")


@dataclass(frozen=True)
class Version:
    """One logged version of a file: which entry wrote it, who, by which act, and what it recorded."""

    seq: int
    by: str
    act: str
    state: str | dict[str, Any] | None


# -- checking an entry of the log (no file contents needed) ------------------------------------


def entry_problem(
    act: str,
    by: str,
    role: str,
    files: dict[str, Any],
    history: dict[str, list[Version]],
    documents: set[str],
) -> str | None:
    """Why the log entry (``act`` by ``by`` of ``role``, writing ``files``) may not stand, or None.

    ``history`` gives each path's earlier versions; ``documents`` the slugs that
    have a draft. Checked on every replay of the log: a hostile copy can hold any
    entry it likes, but only entries this table allows are ever believed.
    """
    if act not in ACTS:
        return _("unknown act {act!r}").format(act=act)
    who, writes = ACTS[act]
    record_codes = {
        parts.get("code") for path in files for kind, parts in [kind_of(path) or ("", {})] if kind == "record"
    }
    proposer = bool(record_codes) and record_codes == {by}
    if not allowed(role, who, proposer):
        return _("{code} ({role}) may not {act}").format(code=by, role=_(role or N_("unknown")), act=act)
    if act in ("statement", "receive", "translate", "withdraw", "cosponsor", "revise") and len(files) != 1:
        return _("{act} writes one record, not {count} files").format(
            act=act, count=count_words(len(files), ui_language())
        )
    if act == "propose" and not 1 <= len(files) <= MAX_PROPOSALS:
        return _("{act} writes from one to {limit} records, not {count} files").format(
            act=act, limit=MAX_PROPOSALS, count=count_words(len(files), ui_language())
        )
    for path, state in files.items():
        found = kind_of(path)
        if found is None:
            return _("{path!r} is not a file wgt keeps").format(path=path)
        kind, parts = found
        if kind not in writes:
            return _("{act} may not write {path}").format(act=act, path=path)
        before = history.get(path, [])
        latest = before[-1].state if before else None
        if state is None:
            return _("{act} may not delete {path}").format(act=act, path=path)
        if kind in CHAINED and not (isinstance(state, dict) and _chain_state_ok(kind, state)):
            return _("what it records of {path} is not a chain's length and tip").format(path=path)
        if kind not in CHAINED and not isinstance(state, str):
            return _("what it records of {path} is not a hash").format(path=path)
        if kind == "draft" and before:
            return _("{path} was already issued; an issued revision never changes").format(path=path)
        if kind == "manifest" and before and act != "import":
            return _("{path} was already signed; an issued revision never changes").format(path=path)
        if kind != "roster" and act != "import" and parts["doc"] not in documents:
            return _("{path} belongs to no document of this workspace").format(path=path)
        if kind == "record":
            problem = _record_entry_problem(act, by, role, path, parts, state, before)
            if problem:
                return problem
        if kind == "marks" and state["n"] != (latest["n"] if latest else 0) + 1:
            return _("a mark adds one entry to {path}").format(path=path)
    if act == "compromise" and sum(1 for path in files if not history.get(path)) != 1:
        return _("a compromise writes one new record, its own, and the proposals it supersedes")
    return None


def _chain_state_ok(kind: str, state: dict[str, Any]) -> bool:
    keys = {"sha256", "p", "n", "tip", "texts", "co"} if kind == "record" else {"sha256", "n", "tip"}
    return (
        set(state) == keys
        and isinstance(state["sha256"], str)
        and isinstance(state["n"], int)
        and not isinstance(state["n"], bool)
        and isinstance(state["tip"], str)
        and (
            kind != "record"
            or (isinstance(state["texts"], dict) and isinstance(state["co"], int) and isinstance(state["p"], str))
        )
    )


def _record_entry_problem(
    act: str, by: str, role: str, path: str, parts: dict[str, str], state: dict, before: list[Version]
) -> str | None:
    code = parts["code"]
    new = act in ("propose", "statement", "receive") or (act == "compromise" and not before)
    if new:
        if before:
            return _("{path}: a record id is never used twice (it was written by entry {seq})").format(
                path=path, seq=before[0].seq
            )
        if act != "receive" and code != by:
            return _("{by} may not propose in {code}'s name ({path})").format(by=by, code=code, path=path)
        if state["n"] < 1:
            return _("{path}: a record starts with its proposal").format(path=path)
        return None
    if not before:
        return _("{path}: {act} of a record that does not exist").format(path=path, act=act)
    latest = before[-1].state
    if state["p"] != latest["p"]:
        return _("{act} may not change the proposal of {path}: a proposal never changes once made").format(
            act=act, path=path
        )
    growth = _HISTORY_GROWTH[act]
    grew = state["n"] - latest["n"]
    if growth is not None and grew not in growth:
        return ngettext(
            "{act} of {path} changes its history by {count} entry",
            "{act} of {path} changes its history by {count} entries",
            grew,
        ).format(act=act, path=path, count=count_words(grew, ui_language()))
    if state["co"] < latest["co"] or (act != "cosponsor" and state["co"] != latest["co"]):
        return _("{act} may not change the co-sponsors of {path}").format(act=act, path=path)
    if act == "cosponsor" and (state["co"] != latest["co"] + 1 or code == by):
        return _("a co-sponsorship adds one co-sponsor other than the proposer to {path}").format(path=path)
    if act not in ("translate", "revise") and state["texts"] != latest["texts"]:
        return _("{act} may not change the texts of {path}").format(act=act, path=path)
    if act == "translate" and code != by and role != "secretariat":
        return _("only {code} or the secretariat may translate {path}").format(code=code, path=path)
    return None


# -- checking a file against what the log recorded of it ------------------------------------------


def record_problem(value: dict[str, Any], author: str, versions: list[Version]) -> str | None:
    """Why a record's content contradicts its logged versions, or None.

    Every logged version must still be a prefix of the record's history (same
    length-th signature: the chain is signed link by link, so nothing before it
    changed either); the status changes each entry added must be its actor's;
    each language version must be signed by whoever last changed it; the
    co-sponsorships each entry added must be its actor's.
    """
    history = value["history"]
    cosponsorships = value.get("cosponsorships", [])
    previous_n, previous_co = 0, 0
    text_writers: dict[str, tuple[str, str, str]] = {}  # lang -> (digest, actor, act) of its last change
    for version in versions:
        state = version.state
        if not isinstance(state, dict):
            return _("the log records it as a plain file")
        if digest(value["signature"]) != state["p"]:
            return _("its proposal is not the one entry {seq} of the log recorded (replaced)").format(seq=version.seq)
        n = state["n"]
        if n > len(history) or n < 1 or digest(history[n - 1]["signature"]) != state["tip"]:
            return _(
                "its history is not the one entry {seq} of the log recorded (status changes removed or replaced)"
            ).format(seq=version.seq)
        for change in history[previous_n:n]:
            if version.act not in ("propose", "statement", "receive") and change["by"] != version.by:
                return _("status change by {code} entered by {actor} (entry {seq} of the log)").format(
                    code=change["by"], actor=version.by, seq=version.seq
                )
        if (
            version.act in ("propose", "statement", "compromise")
            and version is versions[0]
            and any(c["by"] != author for c in history[:n])
        ):
            return _("its first status change is not the proposer's")
        if version is versions[0] and (version.act == "statement") != (value["kind"] == "statement"):
            return _("it was entered as a {act} but is a {kind}").format(act=version.act, kind=value["kind"])
        for change in cosponsorships[previous_co : state["co"]]:
            if change.get("by") != version.by:
                return _("co-sponsorship by {code} entered by {actor}").format(code=change.get("by"), actor=version.by)
        for lang, sig in state["texts"].items():
            earlier = text_writers.get(lang)
            if earlier is not None and earlier[0] != sig:
                # A text, once there, changes only as a translation of a proposal still open to change.
                if (lang == value["original_lang"]) != (version.act == "revise"):
                    if version.act == "revise":
                        return _("a revision of its proposal replaced its {language} translation (entry {seq})").format(
                            language=lang, seq=version.seq
                        )
                    return _("its {language} text, the proposal itself, was replaced (entry {seq})").format(
                        language=lang, seq=version.seq
                    )
                if history[previous_n - 1]["status"] != "proposed":
                    return _("its {language} text was replaced after it was {status} (entry {seq})").format(
                        language=lang, status=history[previous_n - 1]["status"], seq=version.seq
                    )
            if earlier is None or earlier[0] != sig:
                text_writers[lang] = (sig, version.by, version.act)
        previous_n, previous_co = n, state["co"]
    latest = versions[-1].state
    if len(history) != latest["n"] or len(cosponsorships) != latest["co"]:
        return _("it is not the version the log recorded last")
    for lang, text in value["texts"].items():
        sig, actor, act = text_writers.get(lang, ("", "", ""))
        if digest(text["signature"]) != sig or set(value["texts"]) != set(latest["texts"]):
            return _("its {language} text is not the one the log recorded").format(language=lang)
        if act != "receive" and text["signed_by"] != actor:
            return _("its {language} text is signed by {code} but was entered by {actor}").format(
                language=lang, code=text["signed_by"], actor=actor
            )
    return None


def record_times(
    versions: list[Version], n_history: int, n_cosponsors: int, texts: dict[str, str], now: int
) -> tuple[list[int], list[int], dict[str, int]]:
    """The log entry that entered each part of a record: its status changes, co-sponsorships and texts.

    ``texts`` maps each language to its signature's :func:`digest`; a part the
    log has not recorded yet (being written now) is dated ``now``. Who may sign a
    part is judged by the roles of that moment, not of today: a chair who later
    becomes an observer did accept what it accepted.
    """
    history, cosponsors = [now] * n_history, [now] * n_cosponsors
    changed: dict[str, tuple[str, int]] = {}
    previous_n = previous_co = 0
    for version in versions:
        state = version.state
        for index in range(previous_n, min(state["n"], n_history)):
            history[index] = version.seq
        for index in range(previous_co, min(state["co"], n_cosponsors)):
            cosponsors[index] = version.seq
        for lang, sig in state["texts"].items():
            if changed.get(lang, ("",))[0] != sig:
                changed[lang] = (sig, version.seq)
        previous_n, previous_co = max(previous_n, state["n"]), max(previous_co, state["co"])
    when = {lang: changed[lang][1] if changed.get(lang, ("",))[0] == sig else now for lang, sig in texts.items()}
    return history, cosponsors, when


def marks_problem(entries: list[dict[str, Any]], versions: list[Version]) -> str | None:
    """Why a marks file contradicts its logged versions (marks removed, replaced, or entered by another), or None."""
    previous = 0
    for version in versions:
        state = version.state
        n = state["n"]
        if n > len(entries) or (n and digest(entries[n - 1]["signature"]) != state["tip"]):
            return _("its marks are not the ones entry {seq} of the log recorded (marks removed or replaced)").format(
                seq=version.seq
            )
        if any(entry.get("by") != version.by for entry in entries[previous:n]):
            return _("a mark entered by {actor} is signed as another's").format(actor=version.by)
        previous = n
    if len(entries) != versions[-1].state["n"]:
        return _("it is not the version the log recorded last")
    return None
