"""Every hole an insider can open, tried (issue 10).

A working group's members negotiate against each other and each holds a
writable copy of the workspace; the demo keys are public, so these tests can play
any party holding its own key (``tests/forgery.py``): plant a journal, edit
``wgt.toml`` or ``roster.json``, re-sign a record, append a signed log entry
behind wgt's back, swap files for links, roll the folder back.

One table, like ``test_hostile_inputs.py``: each row plants its attack in a fresh
copy of a small workspace (or beside it, in a scratch folder), runs one ``wgt``
command and expects the exact outcome. A refusal is exit 1 with one ``Error:``
line holding the distinctive words of the message (``validate`` and ``verify``
print one line per problem before it), or exit 2 for click's usage errors; no
traceback, no raw control character on the terminal, and neither the workspace
nor the scratch folder changed by a single byte. An attack that must be harmless
is a row whose command succeeds (exit 0), saying what it prints and, where it is
an action, what it wrote.

A row marked ``xfail`` would be a hole still open (or a message that misleads):
its reason says what goes wrong, and strict xfail makes its fix visible.

The workspace: ``CAJP/GT/TM-50/06`` in English and Spanish, ``CAJP/GT/TM-51/06``
in English only, MX-1 (Spanish, op3) and US-1 (English, op1) proposed, and the
chair's mark of op1 as open. Entries of its log: 0 founds the group, 1–10
request and approve the keys of CHAIR, MX, US, GT and AR, 11–13 import, 14 is
MX-1, 15 US-1, 16 the mark.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import SIGNERS
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from forgery import forge_entry, forge_record, group_of, reseal, signer
from test_hostile_inputs import EN, ES, make_template

from tracker.akn.text import forbidden_character
from tracker.amendments.consolidate import issue_revision
from tracker.amendments.exchange import export_amendment
from tracker.amendments.operations import Operation
from tracker.amendments.proposals import cosponsor, decide, mark, propose, translate, withdraw
from tracker.amendments.record import Amendment, Cosponsorship, LanguageText, StatusChange
from tracker.clock import now
from tracker.documents import import_document
from tracker.lock import workspace_lock
from tracker.patches import apply_to_base, make_patch, word_diff
from tracker.revisions import make_manifest
from tracker.storage import file_hash
from tracker.trust.actions import entry_line
from tracker.trust.governance import enroll, found, request_key, set_role
from tracker.trust.keys import create_key, fingerprint, public_text
from tracker.trust.log import LogProblem, LogState, roster_after, roster_view
from tracker.trust.signing import canonical
from tracker.trust.state import read_log
from tracker.verify import head, verify_workspace
from tracker.workspace import Config, Workspace, default_participants

SYM = "CAJP/GT/TM-50/06"
SLUG = "cajp-gt-tm-50-06"
SYM_EN = "CAJP/GT/TM-51/06"  # English only
SLUG_EN = "cajp-gt-tm-51-06"
ENTRY_MX1, ENTRY_US1, ENTRY_MARK = 14, 15, 16
NEXT = 17  # the number of the entry a row appends first

# The texts of the hostile-input table's workspace: the same small resolution in English and Spanish.
DEEP = b"[" * 100_000
TEN_AND_A_HALF_MB = 10_500_000


# -- keys that are not the registered ones -----------------------------------------------------


def _key(seed: int) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)


def _pem(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


#: Fresh keys a participant made on another machine (``wgt keys init``), never approved here.
FRESH = {code: _key(seed) for seed, code in enumerate(("SEC", "CHAIR", "MX", "US", "GT", "BR"), start=1)}
FP = {code: fingerprint(public_text(key)) for code, key in FRESH.items()}


# -- the workspaces every row starts from -----------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("insider")
    ws = make_template(base)
    mark(ws, SYM, "op1", "open", "CHAIR")
    assert len(read_log(ws).hashes) == NEXT
    return ws.root


@pytest.fixture(scope="module")
def other_group(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another working group on the same document, with the same demo keys: a group of its own all the same.

    (Its name differs: two groups founded alike by the same key in the same second would be one group, see
    test_two_groups_founded_alike_in_one_second_are_distinct.)
    """
    base = tmp_path_factory.mktemp("other-group")
    ws, _made = found(base / "ws", Config("CAJP/GT/TM", ["en", "es"], "Another group", default_participants()))
    for code in SIGNERS:
        enroll(ws, code)
    (base / "en.txt").write_text(EN, encoding="utf-8")
    (base / "es.txt").write_text(ES, encoding="utf-8")
    import_document(ws, base / "en.txt", SYM, "en", date="2006-04-01", doc_type="resolution")
    import_document(ws, base / "es.txt", SYM, "es")
    propose(ws, SYM, "MX", unit="op3", lang="es", operation=Operation("replace", "buena fe", "mala fe"))
    return ws.root


@dataclass(frozen=True)
class Places:
    ws: Path  # a fresh copy of the workspace
    scratch: Path  # an empty folder outside it (where links point, where keys and exports go)
    tmp: Path  # the row's own temporary folder, holding both
    other: Path  # the other group's template (copy it before changing it)


@pytest.fixture
def places(tmp_path: Path, template: Path, other_group: Path) -> Places:
    ws = tmp_path / "ws"
    shutil.copytree(template, ws, symlinks=True)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return Places(ws, scratch, tmp_path, other_group)


@dataclass
class Call:
    """What a row runs: ``wgt --workspace WS ARGS`` with ``env`` (``workspace=None``: no ``--workspace``)."""

    args: list[str]
    env: dict[str, str] = field(default_factory=dict)
    workspace: Path | bool | None = True  # True: the row's workspace
    input: str | None = None  # what is typed at a prompt


# -- helpers the rows use to plant their input -----------------------------------------------


def lib(ws: Path) -> Workspace:
    return Workspace.open(ws)


def rec(ws: Path, amendment_id: str, slug: str = SLUG) -> Path:
    return ws / "amendments" / slug / f"{amendment_id}.json"


def draft(ws: Path, lang: str = "en", slug: str = SLUG, rev: int = 0) -> Path:
    return ws / "drafts" / slug / f"rev{rev}.{lang}.xml"


def manifest(ws: Path, slug: str = SLUG, rev: int = 0) -> Path:
    return ws / "drafts" / slug / f"rev{rev}.manifest.json"


def marks_file(ws: Path) -> Path:
    return ws / "amendments" / SLUG / "marks.json"


def load(ws: Path, amendment_id: str) -> Amendment:
    path = rec(ws, amendment_id)
    return Amendment.from_json(path.read_bytes(), str(path))


def edit_json(path: Path, change: Callable[[Any], object]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def replace_bytes(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data, (path, old)
    path.write_bytes(data.replace(old, new, 1))


def link_outside(ws: Path, scratch: Path, relative: str) -> Path:
    """Move ``ws/relative`` into the scratch folder and leave a symlink to it behind."""
    inside = ws / relative
    outside = scratch / inside.name
    shutil.move(inside, outside)
    os.symlink(outside, inside)
    return outside


def link_inside(ws: Path, relative: str, target: str) -> None:
    """Replace ``ws/relative`` by a symlink to ``ws/target`` (a copy of it when it is ``relative`` itself)."""
    inside = ws / relative
    if target == relative:
        target = f"{relative}.copy"
        shutil.move(inside, ws / target)
    elif inside.is_dir():
        shutil.rmtree(inside)
    elif os.path.lexists(inside):
        inside.unlink()
    os.symlink(ws / target, inside)


def replace_by_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_text("x")


def replace_by_fifo(path: Path) -> None:
    if path.exists():
        path.unlink()
    os.mkfifo(path)


@contextlib.contextmanager
def keys_in(folder: Path) -> Iterator[None]:
    """Act as a machine whose private keys are in ``folder``."""
    saved = os.environ["WGT_KEYS_DIR"]
    os.environ["WGT_KEYS_DIR"] = str(folder)
    try:
        yield
    finally:
        os.environ["WGT_KEYS_DIR"] = saved


def fresh_keys(scratch: Path, *codes: str) -> dict[str, str]:
    """A keys folder in the scratch folder holding ``codes``' fresh, unapproved keys; the env that uses it."""
    folder = scratch / "keys"
    folder.mkdir(exist_ok=True)
    for code in codes:
        (folder / f"{code}.pem").write_bytes(_pem(FRESH[code]))
        os.chmod(folder / f"{code}.pem", 0o600)
    return {"WGT_KEYS_DIR": str(folder)}


def with_keys(env: dict[str, str], *args: str) -> Call:
    return Call(list(args), env)


def forge(ws: Path, by: str, act: str, files: dict[Path, bytes | None], subject: str = "", **kwargs) -> bytes:
    return forge_entry(ws, by, act, files, subject, **kwargs)


def forge_governance(ws: Path, by: str, act: str, detail: dict, *, with_key: str | None = None) -> None:
    """An entry of the log changing the roster, signed by ``by`` (or ``with_key``), writing the roster it leads to."""
    state = read_log(lib(ws))
    try:
        members, _pending = roster_after(state, act, by, detail, len(state.hashes))
    except (LogProblem, KeyError):  # an act the log refuses anyway: the roster as it was
        members = state.members
    files = {} if act == "keys.request" else {ws / "roster.json": roster_view(members)}
    forge(ws, by, act, files, detail.get("code", ""), detail=detail, with_key=with_key)


def public(code: str) -> str:
    return signer(code).public


def new_record_from(ws: Path, source: str, new_id: str, **fields) -> Amendment:
    """A copy of record ``source`` as a new record ``new_id`` with ``fields`` changed (not signed yet)."""
    record = load(ws, source)
    record.id = new_id
    record.cosponsorships = []
    for name, value in fields.items():
        setattr(record, name, value)
    return record


def forged_proposal(ws: Path, by: str = "MX", new_id: str = "MX-2", **fields) -> None:
    """``by`` signs a copy of MX-1 (with ``fields`` changed) as its new proposal and logs it, as its key lets it."""
    record = new_record_from(ws, "MX-1", new_id, **fields)
    record.by = by
    record.history[0].by = by
    for text in record.texts.values():
        text.signed_by = by
    forge_record(ws, record, by, "propose")


def forged_status(ws: Path, amendment_id: str, status: str, changed_by: str, entered_by: str, act: str) -> None:
    """A status change signed by ``changed_by``, written into the record by ``entered_by``'s log entry ``act``."""
    record = load(ws, amendment_id)
    record.history.append(StatusChange(status, changed_by, now()))
    forge_record(ws, record, entered_by, act)


def forge_claimed(ws: Path, by: str, act: str, path: Path, data: bytes) -> None:
    """``by`` logs ``act`` writing ``data`` at ``path``, recording of it what a new record's entry records.

    For bytes that are no record at all (the log records a hash and a chain tip; it never parses a file):
    the entry is made and signed by hand, as only a key holder could.
    """
    ws_ = lib(ws)
    state = read_log(ws_)
    claimed = {"sha256": file_hash(data), "p": "0" * 32, "n": 1, "tip": "0" * 32, "texts": {}, "co": 0}
    entry = {
        "seq": len(state.hashes),
        "prev": state.head,
        "group": state.group,
        "at": now(),
        "by": by,
        "act": act,
        "subject": path.stem,
        "files": {ws_.relative(path): claimed},
        "detail": {},
    }
    entry["signature"] = signer(by).sign_bytes(canonical(entry))
    path.write_bytes(data)
    append_line(ws, canonical(entry))


def raw_record(ws: Path, amendment_id: str, data: bytes, by: str = "MX", act: str = "propose") -> None:
    """Write ``data`` as record ``amendment_id`` with a log entry ``act`` by ``by`` (whatever the bytes say)."""
    forge(ws, by, act, {rec(ws, amendment_id): data}, amendment_id)


def append_line(ws: Path, line: bytes) -> None:
    with open(ws / "log.jsonl", "ab") as handle:
        handle.write(line + b"\n")


def log_lines(ws: Path) -> list[bytes]:
    return (ws / "log.jsonl").read_bytes().splitlines()


def write_lines(ws: Path, lines: list[bytes]) -> None:
    (ws / "log.jsonl").write_bytes(b"".join(line + b"\n" for line in lines))


def remember_head(ws: Path) -> None:
    """Read the workspace once, so that this machine remembers the head of its log (the witness)."""
    read_log(lib(ws))


def older_copy(places: Places) -> Path:
    """A copy of the workspace as it is now, kept aside (outside the scratch folder)."""
    old = places.tmp / "old"
    shutil.copytree(places.ws, old, symlinks=True)
    return old


def restore(places: Places, old: Path) -> None:
    """Put the older copy back in place of the workspace's contents (same folder: the witness applies)."""
    shutil.rmtree(places.ws)
    shutil.copytree(old, places.ws, symlinks=True)


def text_file(scratch: Path, data: bytes | str, name: str = "in.txt") -> Path:
    path = scratch / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def exported(ws: Path, scratch: Path, amendment_id: str = "MX-1", name: str = "sent.json") -> Path:
    target = scratch / name
    export_amendment(lib(ws), amendment_id, target)
    return target


def propose_args(*operation: str, by: str = "MX", unit: str = "op3", lang: str = "es") -> list[str]:
    return ["amend", "propose", SYM, "--by", by, "--unit", unit, "--lang", lang, *operation]


def replace_args(new: str, *extra: str, by: str = "GT") -> list[str]:
    return propose_args("--replace", "buena fe", "--with", new, *extra, by=by)


def literal(*args: str) -> Callable[[Places], list[str]]:
    return lambda p: list(args)


# -- 1. a planted journal -------------------------------------------------------------------------

JOURNAL = ".wgt-journal.json"


def journal(ws: Path, **fields) -> None:
    entry = {"format": "wgt-journal/1", "renames": [], "deletes": [], "hashes": {}, "log": None, **fields}
    (ws / JOURNAL).write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")


def staged(ws: Path, target: str, data: bytes) -> tuple[str, str]:
    """A temporary file of ``target`` (as a killed writer leaves one) holding ``data``; (its name, data's hash)."""
    folder, name = target.rsplit("/", 1) if "/" in target else ("", target)
    tmp = f"{folder}/.{name}.planted.tmp" if folder else f".{name}.planted.tmp"
    (ws / tmp).write_bytes(data)
    return tmp, file_hash(data)


def withdrawn_us1(ws: Path) -> bytes:
    """US-1 withdrawn by US, properly signed: the record an interrupted 'amend withdraw US-1' would write."""
    record = load(ws, "US-1")
    record.change_status("withdrawn", "US")
    return reseal(record, group_of(ws)).to_json()


def journaled_withdrawal(
    ws: Path, by: str = "US", act: str = "withdraw", *, with_key: str | None = None, **line_fields
):
    """A journal finishing 'US-1 withdrawn' whose log line is by ``by`` (signed with ``with_key``'s key)."""
    data = withdrawn_us1(ws)
    target = f"amendments/{SLUG}/US-1.json"
    state = read_log(lib(ws))  # (a reader removes leftover temporaries: stage the file after reading)
    line = entry_line(state, signer(with_key or by), by, act, "US-1", {}, lib(ws), {ws / target: data})
    if line_fields:
        entry = json.loads(line)
        entry.update(line_fields)
        line = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    tmp, digest = staged(ws, target, data)
    journal(ws, renames=[[tmp, target]], hashes={target: digest}, log={"path": "log.jsonl", "line": line.decode()})


def journal_dotdot(p: Places) -> list[str]:
    (p.scratch / "victim.txt").write_text("keep me")
    journal(p.ws, deletes=["../scratch/victim.txt"])
    return ["list"]


def journal_dotdot_rename(p: Places) -> list[str]:
    tmp, digest = staged(p.ws, "roster.json", b"{}")
    journal(p.ws, renames=[[tmp, "../scratch/roster.json"]], hashes={"../scratch/roster.json": digest})
    return ["show", SYM]


def journal_absolute(p: Places) -> list[str]:
    (p.scratch / "victim.txt").write_text("keep me")
    journal(p.ws, deletes=[str(p.scratch / "victim.txt")])
    return ["amend", "list", SYM]


def journal_dot_segment(p: Places) -> list[str]:
    journal(p.ws, deletes=[f"amendments/./{SLUG}/MX-1.json"])
    return ["amend", "show", "MX-1"]


def journal_symlinked_folder(p: Places) -> list[str]:
    (p.scratch / "victim.txt").write_text("keep me")
    os.symlink(p.scratch, p.ws / "amendments" / "zz")
    journal(p.ws, deletes=["amendments/zz/victim.txt"])
    return ["verify"]


def journal_symlinked_rename(p: Places) -> list[str]:
    os.symlink(p.scratch, p.ws / "drafts" / "zz")
    (p.scratch / ".rev0.en.xml.planted.tmp").write_bytes(b"<planted/>")
    digest = file_hash(b"<planted/>")
    journal(
        p.ws,
        renames=[["drafts/zz/.rev0.en.xml.planted.tmp", "drafts/zz/rev0.en.xml"]],
        hashes={"drafts/zz/rev0.en.xml": digest},
    )
    return ["list"]


def journal_renames_records(p: Places) -> list[str]:
    a, b = f"amendments/{SLUG}/US-1.json", f"amendments/{SLUG}/MX-1.json"
    journal(p.ws, renames=[[a, b]], hashes={b: file_hash((p.ws / a).read_bytes())})
    return ["amend", "list", SYM]


def journal_rename_across_folders(p: Places) -> list[str]:
    tmp, digest = staged(p.ws, f"drafts/{SLUG}/MX-1.json", b"{}")
    target = f"amendments/{SLUG}/MX-1.json"
    journal(p.ws, renames=[[tmp, target]], hashes={target: digest})
    return ["amend", "show", "MX-1"]


def journal_wrong_hash(p: Places) -> list[str]:
    target = f"amendments/{SLUG}/US-1.json"
    tmp, _digest = staged(p.ws, target, withdrawn_us1(p.ws))
    journal(p.ws, renames=[[tmp, target]], hashes={target: "sha256:" + "0" * 64})
    return ["amend", "list", SYM]


def journal_hashes_unnamed(p: Places) -> list[str]:
    target = f"amendments/{SLUG}/US-1.json"
    tmp, _digest = staged(p.ws, target, withdrawn_us1(p.ws))
    journal(p.ws, renames=[[tmp, target]], hashes={})
    return ["show", SYM]


def journal_target_is_link(p: Places) -> list[str]:
    target = f"amendments/{SLUG}/US-1.json"
    link_outside(p.ws, p.scratch, target)
    tmp, digest = staged(p.ws, target, withdrawn_us1(p.ws))
    journal(p.ws, renames=[[tmp, target]], hashes={target: digest})
    return ["list"]


def journal_line_not_json(p: Places) -> list[str]:
    journaled_withdrawal(p.ws)
    edit_json(p.ws / JOURNAL, lambda j: j["log"].update(line="{not json"))
    return ["amend", "list", SYM]


def journal_line_unsigned(p: Places) -> list[str]:
    journaled_withdrawal(p.ws, signature="")
    return ["amend", "list", SYM]


def journal_line_wrong_key(p: Places) -> list[str]:
    journaled_withdrawal(p.ws, with_key="MX")
    return ["show", SYM]


def journal_line_not_entitled(p: Places) -> list[str]:
    journaled_withdrawal(p.ws, by="MX")  # MX signs, with its own key, the withdrawal of US's proposal
    return ["verify"]


def journal_line_by_chair(p: Places) -> list[str]:
    journaled_withdrawal(p.ws, by="CHAIR", act="issue")
    return ["list"]


def journal_line_stale(p: Places) -> list[str]:
    journaled_withdrawal(p.ws, seq=NEXT - 1)
    return ["list"]


def journal_line_other_files(p: Places) -> list[str]:
    journaled_withdrawal(p.ws)
    edit_json(p.ws / JOURNAL, lambda j: j["deletes"].append(f"amendments/{SLUG}/MX-1.json"))
    return ["amend", "show", "US-1"]


def journal_line_break(p: Places) -> list[str]:
    journaled_withdrawal(p.ws)
    edit_json(p.ws / JOURNAL, lambda j: j["log"].update(line=j["log"]["line"] + "\n{}"))
    return ["list"]


def journal_log_elsewhere(p: Places) -> list[str]:
    journaled_withdrawal(p.ws)
    edit_json(p.ws / JOURNAL, lambda j: j["log"].update(path="../scratch/log.jsonl"))
    return ["list"]


def journal_log_into_a_draft(p: Places) -> list[str]:
    # A valid line by US (its own withdrawal), appended by the journal to a draft instead of the log.
    journaled_withdrawal(p.ws)
    edit_json(p.ws / JOURNAL, lambda j: j["log"].update(path=f"drafts/{SLUG}/rev0.en.xml"))
    return ["list"]


def journal_no_log_line_deletes(p: Places) -> list[str]:
    journal(p.ws, deletes=[f"amendments/{SLUG}/MX-1.json", "log.jsonl"])
    return ["list"]


def journal_no_log_line_renames(p: Places) -> list[str]:
    planted = (p.ws / "wgt.toml").read_bytes().replace(b'role = "chair"', b'role = "secretariat"')
    tmp, digest = staged(p.ws, "wgt.toml", planted)
    journal(p.ws, renames=[[tmp, "wgt.toml"]], hashes={"wgt.toml": digest})
    return ["keys", "list"]


def journal_raw(data: bytes, command: tuple[str, ...] = ("list",)) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        (p.ws / JOURNAL).write_bytes(data)
        return list(command)

    return setup


def journal_folder(p: Places) -> list[str]:
    (p.ws / JOURNAL).mkdir()
    return ["amend", "list", SYM]


def journal_fifo(p: Places) -> list[str]:
    os.mkfifo(p.ws / JOURNAL)
    return ["verify"]


def journal_symlink(p: Places) -> list[str]:
    (p.scratch / "journal.json").write_text(json.dumps({"format": "wgt-journal/1"}))
    os.symlink(p.scratch / "journal.json", p.ws / JOURNAL)
    return ["show", SYM]


def journal_dangling_symlink(p: Places) -> list[str]:
    os.symlink(p.scratch / "nowhere.json", p.ws / JOURNAL)
    return ["list"]


# -- 2. keys, roles and the roster ---------------------------------------------------------------


def register_fresh_sec(p: Places) -> Call:
    return with_keys(fresh_keys(p.scratch, "SEC"), "keys", "register", "--as", "SEC")


def sec_key_only_requested(p: Places, out: str) -> None:
    state = read_log(lib(p.ws))
    assert state.active_keys("SEC") == [public("SEC")]
    assert state.pending["SEC"].key == public_text(FRESH["SEC"])
    assert json.loads((p.ws / "roster.json").read_text())["participants"]["SEC"]["keys"][0]["key"] == public("SEC")


def approve_own_fresh_sec(p: Places) -> Call:
    env = fresh_keys(p.scratch, "SEC")
    with keys_in(p.scratch / "keys"):
        request_key(lib(p.ws), "SEC")
    return with_keys(env, "keys", "approve", "SEC", "--yes")


def register_for_another(p: Places) -> Call:
    # A secretariat member's machine holding a key it made for Mexico: only a request, in Mexico's name, signed by it.
    return with_keys(fresh_keys(p.scratch, "MX"), "keys", "register", "--as", "MX")


def mx_key_only_requested(p: Places, out: str) -> None:
    state = read_log(lib(p.ws))
    assert state.active_keys("MX") == [public("MX")]
    assert state.pending["MX"].key == public_text(FRESH["MX"])


def br_requested(p: Places) -> None:
    request_key(lib(p.ws), "BR")  # Brazil's demo key asks to be approved


def approve_wrong_fingerprint(p: Places) -> list[str]:
    br_requested(p)
    return ["keys", "approve", "BR", "--fingerprint", FP["BR"]]


def approve_by_delegation(p: Places) -> list[str]:
    br_requested(p)
    return ["keys", "approve", "BR", "--yes", "--as", "MX"]


def approve_by_chair(p: Places) -> list[str]:
    br_requested(p)
    return ["keys", "approve", "BR", "--yes", "--as", "CHAIR"]


def approve_by_fresh_sec(p: Places) -> Call:
    br_requested(p)
    return with_keys(fresh_keys(p.scratch, "SEC"), "keys", "approve", "BR", "--yes")


def approve_declined(p: Places) -> Call:
    br_requested(p)
    return Call(["keys", "approve", "BR"], input="n\n")  # no --yes, no --fingerprint: asked, and declined


def config_role(line: str) -> Callable[[Places], None]:
    def plant(p: Places) -> None:
        text = (p.ws / "wgt.toml").read_text(encoding="utf-8")
        (p.ws / "wgt.toml").write_text(text + line + "\n", encoding="utf-8")

    return plant


def config_then(line: str, *args: str) -> Callable[[Places], list[str]]:
    plant = config_role(line)

    def setup(p: Places) -> list[str]:
        plant(p)
        return list(args)

    return setup


def config_replace(old: str, new: str, *args: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        replace_bytes(p.ws / "wgt.toml", old.encode(), new.encode())
        return list(args)

    return setup


def roster_edit(change: Callable[[dict], None], *args: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        edit_json(p.ws / "roster.json", change)
        return list(args)

    return setup


def us_secretariat(roster: dict) -> None:
    roster["participants"]["US"]["role"] = "secretariat"


def br_key_added(roster: dict) -> None:
    roster["participants"]["BR"] = {
        "role": "delegation",
        "keys": [{"key": public("BR"), "fingerprint": "x", "approved_in_entry": 3, "revoked_in_entry": None}],
    }


def forged_governance(
    by: str, act: str, detail: Callable[[], dict], *args: str, **kwargs
) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        forge_governance(p.ws, by, act, detail(), **kwargs)
        return list(args) or ["keys", "list"]

    return setup


def approve_after_request(by: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        br_requested(p)
        forge_governance(p.ws, by, "keys.approve", {"code": "BR", "key": public("BR"), "replace": False})
        return ["keys", "list"]

    return setup


def approve_stale_roster(p: Places) -> list[str]:
    br_requested(p)
    forge(
        p.ws,
        "SEC",
        "keys.approve",
        {p.ws / "roster.json": (p.ws / "roster.json").read_bytes()},
        "BR",
        detail={"code": "BR", "key": public("BR"), "replace": False},
    )
    return ["amend", "list", SYM]


def refounded_by_delegation(p: Places) -> list[str]:
    # Mexico appends a second founding entry, self-signed, naming itself secretariat (SEC and CHAIR keep
    # their roles, so wgt.toml still agrees), and then imports a document as the secretariat.
    state = read_log(lib(p.ws))
    detail = {
        "body": state.body,
        "name": state.name,
        "languages": state.languages,
        "roles": {"MX": "secretariat", "SEC": "secretariat", "CHAIR": "chair"},
        "key": public("MX"),
        "nonce": "00" * 16,
    }
    members, _pending = roster_after(state, "found", "MX", detail, len(state.hashes))
    forge(p.ws, "MX", "found", {p.ws / "roster.json": roster_view(members)}, state.body, detail=detail)
    new = text_file(p.scratch, EN.replace("Migrants", "Birds"), "birds.txt")
    return ["import", str(new), "--symbol", "CAJP/GT/TM-77/06", "--lang", "en", "--as", "MX"]


# -- 3. a delegation or the chair issuing a revision ------------------------------------------

SLUG_NEW = "cajp-gt-tm-70-06"


def forged_revision(by: str, manifest_by: str, act: str, *, rev: int = 0, slug: str = SLUG_NEW) -> Callable:
    """``by`` logs ``act`` writing a revision (the drafts of TM-50 as rev. ``rev`` of ``slug``) whose manifest
    ``manifest_by`` signed."""

    def setup(p: Places) -> list[str]:
        files = {lang: draft(p.ws, lang).read_bytes() for lang in ("en", "es")}
        folder = p.ws / "drafts" / slug
        symbol = "CAJP/GT/TM-70/06" if slug == SLUG_NEW else SYM
        signed = make_manifest(symbol, rev, "2006-04-01", signer(manifest_by), group_of(p.ws), files, [])
        written = {folder / f"rev{rev}.{lang}.xml": data for lang, data in files.items()}
        forge(p.ws, by, act, {**written, folder / f"rev{rev}.manifest.json": signed}, symbol)
        return ["show", symbol, "--rev", str(rev)]

    return setup


def forged_mark(by: str, signed_by: str) -> Callable[[Places], list[str]]:
    """``by`` logs a mark signed as ``signed_by``'s (op2 agreed), appended to marks.json."""

    def setup(p: Places) -> list[str]:
        entries = json.loads(marks_file(p.ws).read_text())
        entry = {"unit": entries[0]["unit"], "status": "agreed", "by": signed_by, "at": now()}
        act = {"act": "mark", "document": SLUG, **entry, "previous": entries[-1]["signature"]}
        entry["signature"] = signer(signed_by).sign(act, group_of(p.ws))
        data = (json.dumps([*entries, entry], ensure_ascii=False, indent=2) + "\n").encode()
        forge(p.ws, by, "mark", {marks_file(p.ws): data}, SYM)
        return ["verify"]

    return setup


def mark_signed_by_delegation_in_file(p: Places) -> list[str]:
    # The chair's own entry, but the mark in the file is Mexico's (signed with Mexico's key).
    return forged_mark("CHAIR", "MX")(p)


# -- 4. sizes -----------------------------------------------------------------------------------

EDITOR_SCRIPT = "import sys\nwith open(sys.argv[1], 'w') as f:\n    f.write('x' * {size})\n"


def editor(p: Places, size: int) -> dict[str, str]:
    script = p.scratch / "editor.py"
    script.write_text(EDITOR_SCRIPT.format(size=size))
    return {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}


def edit_huge(p: Places) -> Call:
    return Call(propose_args("--edit"), editor(p, TEN_AND_A_HALF_MB))


def edit_one_too_many(p: Places) -> Call:
    return Call(propose_args("--edit"), editor(p, 20_001))


def translate_edit_huge(p: Places) -> Call:
    return Call(["amend", "translate", "MX-1", "--lang", "en", "--edit"], editor(p, TEN_AND_A_HALF_MB))


def long_paragraph_import(p: Places) -> list[str]:
    text = EN.replace("To urge member states", "To urge " + "very " * 4_001 + "member states")
    return ["import", str(text_file(p.scratch, text)), "--symbol", "CAJP/GT/TM-60/06", "--lang", "en"]


def long_title_import(p: Places) -> list[str]:
    untitled = EN.split("\n", 2)[2]
    path = text_file(p.scratch, untitled)
    return ["import", str(path), "--symbol", "CAJP/GT/TM-60/06", "--lang", "en", "--title", "T" * 20_001]


def long_statement_on_record(p: Places) -> list[str]:
    record = new_record_from(p.ws, "MX-1", "GT-1", by="GT", kind="statement", unit=None, original_lang="es")
    record.history = [StatusChange("proposed", "GT", record.created)]
    record.texts = {"es": LanguageText(text="y" * 20_001, operation={"op": "statement"}, signed_by="GT")}
    forge_record(p.ws, record, "GT", "statement")
    return ["amend", "list", SYM]


def long_justification_on_record(p: Places) -> list[str]:
    forged_proposal(p.ws, justification="j" * 10_001)
    return ["amend", "show", "MX-2"]


def long_patch_on_record(p: Places) -> list[str]:
    # The record's text field is short, but its (signed) patch writes 25,000 characters.
    record = new_record_from(p.ws, "MX-1", "MX-2")
    base = "Exhortar a México y a todos los Estados Miembros a cooperar de buena fe."
    record.texts["es"].patch = make_patch(base, base + " z" * 12_500)
    forge_record(p.ws, record, "MX", "propose")
    return ["amend", "show", "MX-2"]


# -- 5. links ----------------------------------------------------------------------------------


def record_link_planted(command: tuple[str, ...]) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        os.symlink("MX-1.json", rec(p.ws, "MX-9"))  # ln -s MX-1.json MX-9.json
        return list(command)

    return setup


def link_in(relative: str, target: str, *args: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        link_inside(p.ws, relative, target)
        return list(args)

    return setup


def link_out(relative: str, *args: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        link_outside(p.ws, p.scratch, relative)
        return list(args)

    return setup


def lock_link(target: str, *args: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        (p.ws / ".wgt.lock").unlink(missing_ok=True)
        if target == "existing":
            (p.scratch / "victim").write_text("keep me")
        os.symlink(p.scratch / ("victim" if target == "existing" else "made-by-wgt"), p.ws / ".wgt.lock")
        return list(args)

    return setup


def lock_replaced(kind: str, *args: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        lock = p.ws / ".wgt.lock"
        lock.unlink(missing_ok=True)
        lock.mkdir() if kind == "folder" else os.mkfifo(lock)
        return list(args)

    return setup


def roster_link_then_approve(p: Places) -> list[str]:
    br_requested(p)
    link_outside(p.ws, p.scratch, "roster.json")
    return ["keys", "approve", "BR", "--yes"]


# -- 6. truncation, replay, deletion, rollback ----------------------------------------------------


def accepted_mx1(p: Places) -> None:
    decide(lib(p.ws), ["MX-1"], "accepted", "CHAIR")


def last_change_dropped(p: Places) -> list[str]:
    accepted_mx1(p)
    edit_json(rec(p.ws, "MX-1"), lambda r: r["history"].pop())
    return ["amend", "show", "MX-1"]


def acceptance_replaced_and_logged(p: Places) -> list[str]:
    # The chair's acceptance swapped for a rejection and a re-opening, each properly signed, logged by the chair.
    accepted_mx1(p)
    record = load(p.ws, "MX-1")
    record.history[1:] = [StatusChange("rejected", "CHAIR", now()), StatusChange("proposed", "MX", now())]
    forge_record(p.ws, record, "CHAIR", "reject")
    return ["amend", "list", SYM]


def older_record_put_back(p: Places) -> list[str]:
    before = rec(p.ws, "MX-1").read_bytes()
    withdraw(lib(p.ws), "MX-1", "MX")
    rec(p.ws, "MX-1").write_bytes(before)
    return ["amend", "accept", "MX-1"]


def older_record_put_back_after_rejection(p: Places) -> list[str]:
    before = rec(p.ws, "MX-1").read_bytes()
    decide(lib(p.ws), ["MX-1"], "rejected", "CHAIR")
    rec(p.ws, "MX-1").write_bytes(before)  # "it was never rejected"
    return ["rev", "issue", SYM]


def resigned_line(change: Callable[[dict, Places], None]) -> Callable[[Places], list[str]]:
    """MX's next entry (a proposal MX-2), changed by ``change`` and signed again with MX's key."""

    def setup(p: Places) -> list[str]:
        ws = lib(p.ws)
        record = reseal(new_record_from(p.ws, "MX-1", "MX-2"), group_of(p.ws))
        files = {rec(p.ws, "MX-2"): record.to_json()}
        entry = json.loads(entry_line(read_log(ws), signer("MX"), "MX", "propose", "MX-2", {}, ws, files))
        change(entry, p)
        entry["signature"] = signer("MX").sign_bytes(canonical({k: v for k, v in entry.items() if k != "signature"}))
        rec(p.ws, "MX-2").write_bytes(record.to_json())
        append_line(p.ws, canonical(entry))
        return ["amend", "list", SYM]

    return setup


def rewritten_log(p: Places) -> None:
    """The log replaced by one Mexico founded: the same body, MX its secretariat (SEC and CHAIR keep their roles).

    (Made without reading the workspace: this machine has not seen its log when the row's command runs.)
    """
    detail = {
        "body": "CAJP/GT/TM",
        "name": "",
        "languages": ["en", "es"],
        "roles": {"MX": "secretariat", "SEC": "secretariat", "CHAIR": "chair"},
        "key": public("MX"),
        "nonce": "00" * 16,
    }
    members, _pending = roster_after(LogState(), "found", "MX", detail, 0)
    entry = {"seq": 0, "prev": "", "at": now(), "by": "MX", "act": "found", "subject": detail["body"]}
    entry |= {"files": {"roster.json": file_hash(roster_view(members))}, "detail": detail}
    entry["signature"] = signer("MX").sign_bytes(canonical(entry))
    (p.ws / "log.jsonl").write_bytes(canonical(entry) + b"\n")
    (p.ws / "roster.json").write_bytes(roster_view(members))


def rewritten_log_witnessed(p: Places) -> list[str]:
    remember_head(p.ws)
    rewritten_log(p)
    return ["list"]


def rewritten_log_verify(p: Places) -> list[str]:
    rewritten_log(p)
    return ["verify"]


def pending_request_replaced(p: Places) -> list[str]:
    # Mexico files its new key; someone else then files another key in Mexico's name (self-signed: anyone can).
    with keys_in(Path(fresh_keys(p.scratch, "MX")["WGT_KEYS_DIR"])):
        request_key(lib(p.ws), "MX")
    other = p.tmp / "other-keys"
    other.mkdir()
    (other / "MX.pem").write_bytes(_pem(FRESH["GT"]))
    with keys_in(other):
        request_key(lib(p.ws), "MX")
    return ["keys", "approve", "MX", "--fingerprint", FP["MX"]]


def init_over_planted_log(p: Places) -> Call:
    folder = p.scratch / "new-group"
    folder.mkdir()
    shutil.copy(p.ws / "log.jsonl", folder / "log.jsonl")  # a log put there before the group is founded
    return Call(["init", "--body", "CAJP/GT/TM", str(folder)], workspace=None)


def older_record_put_back_logged(p: Places) -> list[str]:
    before = rec(p.ws, "MX-1").read_bytes()
    withdraw(lib(p.ws), "MX-1", "MX")
    raw_record(p.ws, "MX-1", before, "MX", "translate")
    return ["amend", "show", "MX-1"]


def deleted(relative: str, *args: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        path = p.ws / relative
        shutil.rmtree(path) if path.is_dir() else path.unlink()
        return list(args)

    return setup


def roster_gone(p: Places, out: str) -> None:
    assert "SEC      secretariat" in out and "MX       delegation" in out


def last_line_dropped(p: Places) -> list[str]:
    write_lines(p.ws, log_lines(p.ws)[:-1])
    return ["verify"]


def last_line_dropped_after_reading(p: Places) -> list[str]:
    remember_head(p.ws)
    write_lines(p.ws, log_lines(p.ws)[:-1])
    return ["amend", "list", SYM]


def cut_mid_line(p: Places) -> list[str]:
    data = (p.ws / "log.jsonl").read_bytes()
    (p.ws / "log.jsonl").write_bytes(data[:-100])
    return ["list"]


def lines_swapped(p: Places) -> list[str]:
    lines = log_lines(p.ws)
    lines[-1], lines[-2] = lines[-2], lines[-1]
    write_lines(p.ws, lines)
    return ["list"]


def line_removed_in_the_middle(p: Places) -> list[str]:
    lines = log_lines(p.ws)
    write_lines(p.ws, lines[:12] + lines[13:])
    return ["show", SYM]


def line_repeated(p: Places) -> list[str]:
    lines = log_lines(p.ws)
    write_lines(p.ws, [*lines, lines[-1]])
    return ["list"]


def line_reformatted(p: Places) -> list[str]:
    lines = log_lines(p.ws)
    lines[-1] = json.dumps(json.loads(lines[-1]), sort_keys=True).encode()  # same entry, with spaces
    write_lines(p.ws, lines)
    return ["amend", "list", SYM]


def line_edited(p: Places) -> list[str]:
    lines = log_lines(p.ws)
    lines[ENTRY_US1] = lines[ENTRY_US1].replace(b'"by":"US"', b'"by":"GT"')
    write_lines(p.ws, lines)
    return ["list"]


def whole_workspace_rolled_back(p: Places) -> list[str]:
    old = older_copy(p)
    propose(lib(p.ws), SYM, "GT", unit="op2", lang="en", operation=Operation("replace", "request", "ask"))
    restore(p, old)
    return ["list"]


def rolled_back_then_verify(p: Places) -> list[str]:
    whole_workspace_rolled_back(p)
    return ["verify"]


def expect_vanished_head(p: Places) -> list[str]:
    old = older_copy(p)
    propose(lib(p.ws), SYM, "GT", unit="op2", lang="en", operation=Operation("replace", "request", "ask"))
    _entries, kept = head(lib(p.ws))
    restore(p, old)
    return ["verify", "--forget-witness", "--expect", kept]


def expect_other_group_head(p: Places) -> list[str]:
    return ["verify", "--expect", head(lib(p.other))[1]]


def reimport_after_withdrawal(p: Places) -> list[str]:
    sent = exported(p.ws, p.scratch)
    withdraw(lib(p.ws), "MX-1", "MX")
    return ["amend", "import", str(sent)]


def reimport_same(p: Places) -> list[str]:
    return ["amend", "import", str(exported(p.ws, p.scratch))]


def import_accepted_export(p: Places) -> list[str]:
    accepted_mx1(p)
    return ["amend", "import", str(exported(p.ws, p.scratch))]


def proposal_resigned(p: Places) -> list[str]:
    record = load(p.ws, "MX-1")
    record.justification = "A reason Mexico never gave."
    forge_record(p.ws, record, "MX", "translate")
    return ["amend", "show", "MX-1"]


def proposal_resigned_unlogged(p: Places) -> list[str]:
    record = load(p.ws, "MX-1")
    record.justification = "A reason Mexico never gave."
    rec(p.ws, "MX-1").write_bytes(reseal(record, group_of(p.ws)).to_json())
    return ["amend", "show", "MX-1"]


def status_entered_by_other(amendment_id: str, status: str, changed_by: str, entered_by: str, act: str) -> Callable:
    def setup(p: Places) -> list[str]:
        forged_status(p.ws, amendment_id, status, changed_by, entered_by, act)
        return ["amend", "show", amendment_id]

    return setup


def text_entered_by_other(p: Places) -> list[str]:
    # The secretariat's translate entry, but the English text in the file is signed by Mexico.
    record = load(p.ws, "MX-1")
    base = "To call on México and all member states to cooperate in good faith."
    proposal = base.replace("México", "Mexico")
    record.texts["en"] = LanguageText(
        file_hash(base.encode()), make_patch(base, proposal), proposal, {"op": "replace"}, "MX"
    )
    forge_record(p.ws, record, "SEC", "translate")
    return ["amend", "show", "MX-1", "--lang", "en"]


def cosponsorship_entered_by_other(p: Places) -> list[str]:
    record = load(p.ws, "MX-1")
    record.cosponsorships.append(Cosponsorship("US", now()))
    forge_record(p.ws, record, "GT", "cosponsor")
    return ["amend", "list", SYM]


def proposal_in_anothers_name(p: Places) -> list[str]:
    record = new_record_from(p.ws, "MX-1", "MX-2")
    forge_record(p.ws, record, "US", "propose")
    return ["amend", "list", SYM]


def id_used_twice(p: Places) -> list[str]:
    record = new_record_from(p.ws, "MX-1", "MX-1", justification="Again.")
    forge_record(p.ws, record, "MX", "propose")
    return ["amend", "show", "MX-1"]


def record_deleted_by_entry(p: Places) -> list[str]:
    forge(p.ws, "MX", "withdraw", {rec(p.ws, "MX-1"): None}, "MX-1")
    return ["list"]


def entry_writes_config(p: Places) -> list[str]:
    forge(p.ws, "SEC", "import", {p.ws / "wgt.toml": (p.ws / "wgt.toml").read_bytes() + b"\n"}, "x")
    return ["list"]


def entry_rewrites_draft(p: Places) -> list[str]:
    data = draft(p.ws).read_bytes().replace(b"good faith", b"bad faith")
    forge(p.ws, "SEC", "import", {draft(p.ws): data}, SYM)
    return ["show", SYM]


def withdraw_of_nothing(p: Places) -> list[str]:
    record = new_record_from(p.ws, "MX-1", "MX-5")
    forge_record(p.ws, record, "MX", "withdraw")
    return ["list"]


def planted_record(*args: str) -> Callable[[Places], list[str]]:
    """A copy of MX-1 put in the folder as GT-5.json by hand: no entry of the log wrote it."""

    def setup(p: Places) -> list[str]:
        shutil.copy(rec(p.ws, "MX-1"), rec(p.ws, "GT-5"))
        return list(args)

    return setup


def planted_draft(*args: str) -> Callable[[Places], list[str]]:
    """A rev. 1 of TM-50 put in its folder by hand, with a manifest copied from rev. 0."""

    def setup(p: Places) -> list[str]:
        shutil.copy(draft(p.ws), draft(p.ws, rev=1))
        shutil.copy(manifest(p.ws), manifest(p.ws, rev=1))
        return list(args)

    return setup


def record_in_wrong_folder(p: Places) -> list[str]:
    record = new_record_from(p.ws, "MX-1", "MX-2")
    reseal(record, group_of(p.ws))
    forge(p.ws, "MX", "propose", {rec(p.ws, "MX-2", SLUG_EN): record.to_json()}, "MX-2")
    return ["amend", "show", "MX-2"]


def record_under_another_id(p: Places) -> list[str]:
    record = new_record_from(p.ws, "MX-1", "MX-3")
    reseal(record, group_of(p.ws))
    raw_record(p.ws, "MX-2", record.to_json())
    return ["amend", "list", SYM]


def valid_journal(p: Places) -> list[str]:
    journaled_withdrawal(p.ws)  # US's own withdrawal, interrupted: it is US's act, and is finished
    return ["amend", "show", "US-1"]


def journal_finished(p: Places, out: str) -> None:
    assert not (p.ws / JOURNAL).exists()
    assert load(p.ws, "US-1").status == "withdrawn"
    assert read_log(lib(p.ws)).entries[-1].act == "withdraw"
    assert verify_workspace(lib(p.ws))[1] == []


def roles_changed_after_decisions(p: Places) -> list[str]:
    accepted_mx1(p)
    set_role(lib(p.ws), "CHAIR", "observer")  # the secretariat's signed decision, months later
    return ["amend", "list", SYM, "--status", "accepted"]


def mark_with_unknown_status(p: Places) -> list[str]:
    entries = json.loads(marks_file(p.ws).read_text())
    entry = {"unit": entries[0]["unit"], "status": "closed", "by": "CHAIR", "at": now()}
    act = {"act": "mark", "document": SLUG, **entry, "previous": entries[-1]["signature"]}
    entry["signature"] = signer("CHAIR").sign(act, group_of(p.ws))  # signed: only the status is wrong
    data = (json.dumps([*entries, entry], ensure_ascii=False, indent=2) + "\n").encode()
    forge(p.ws, "CHAIR", "mark", {marks_file(p.ws): data}, SYM)
    return ["report", SYM]


# -- 7. what a text may hold ------------------------------------------------------------------------

#: The characters no text may hold, each with how the refusal names it.
CHARACTERS = {
    "rlo": ("\u202e", "an invisible control character U+202E"),
    "esc": ("\x1b[31m", "U+001B, a control character or non-character"),
    "osc": ("\x9d0;pwned\x9c", "U+009D, a control character or non-character"),
    "nul": ("\x00", "U+0000, a control character or non-character"),
    "shy": ("\u00ad", "an invisible control character U+00AD"),
    "alm": ("\u061c", "an invisible control character U+061C"),
    "cgj": ("\u034f", "an invisible control character U+034F"),
    "lrm": ("\u200e", "an invisible control character U+200E"),
    "surrogate": ("\ud800", "U+D800, a control character or non-character"),
}
READERS = (("amend", "show", "MX-2"), ("amend", "list", SYM), ("rev", "issue", SYM), ("verify",))


def signed_with_character(name: str, where: str, command: tuple[str, ...]) -> Callable[[Places], list[str]]:
    """Mexico signs (through the library) a new proposal MX-2 whose ``where`` holds the character ``name``."""
    char = CHARACTERS[name][0]

    def setup(p: Places) -> list[str]:
        value = "SUBSTITUTE" if name == "surrogate" else f"Por{char}que"
        record = new_record_from(p.ws, "MX-1", "MX-2")
        if where == "justification":
            record.justification = value
        elif where == "note":
            record.history[0].note = value
        elif where == "operation":
            record.texts["es"].operation["new"] = value
        elif where == "unit":
            record.unit = value
        reseal(record, group_of(p.ws))
        data = record.to_json()
        if name == "surrogate":  # no signature can cover it (it is not UTF-8): written as JSON's escape
            data = data.replace(b"SUBSTITUTE", b"Por\\ud800que")
        raw_record(p.ws, "MX-2", data)
        return list(command)

    return setup


def typed(name: str, *args: str) -> Callable[[Places], list[str]]:
    """A command line holding the character ``name`` where ``{c}`` stands."""
    char = CHARACTERS[name][0]
    return lambda p: [arg.replace("{c}", char) for arg in args]


def title_typed(name: str) -> Callable[[Places], list[str]]:
    char = CHARACTERS[name][0]

    def setup(p: Places) -> list[str]:
        path = text_file(p.scratch, EN.split("\n", 2)[2])
        return ["import", str(path), "--symbol", "CAJP/GT/TM-60/06", "--lang", "en", "--title", f"Migr{char}ants"]

    return setup


# -- 8. colliding acceptances --------------------------------------------------------------------


def colliding_in_two_languages(p: Places) -> None:
    """MX-1 (Spanish) and US-2 (English) both change 'México' in op3, each accepted in its own language."""
    ws = lib(p.ws)
    propose(ws, SYM, "US", unit="op3", lang="en", operation=Operation("replace", "México", "Mexico"))
    decide(ws, ["MX-1", "US-2"], "accepted", "CHAIR")


def translate_into_collision(p: Places) -> list[str]:
    colliding_in_two_languages(p)
    return ["amend", "translate", "MX-1", "--lang", "en", "--replace", "México", "--with", "the United Mexican States"]


def translate_other_into_collision(p: Places) -> list[str]:
    colliding_in_two_languages(p)
    return ["amend", "translate", "US-2", "--lang", "es", "--replace", "México", "--with", "Méjico", "--as", "US"]


def forged_into_collision(p: Places) -> None:
    ws = lib(p.ws)
    translate(ws, "MX-1", "en", operation=Operation("replace", "México", "the United Mexican States"))
    propose(ws, SYM, "US", unit="op3", lang="en", operation=Operation("replace", "México", "Mexico"))
    translate(ws, "US-2", "es", operation=Operation("replace", "buena fe", "plena confianza"))
    decide(ws, ["MX-1"], "accepted", "CHAIR")
    forged_status(p.ws, "US-2", "accepted", "CHAIR", "CHAIR", "accept")  # the chair's key, past wgt's check


def collision_verify(p: Places) -> list[str]:
    forged_into_collision(p)
    return ["verify"]


def collision_issue(p: Places) -> list[str]:
    forged_into_collision(p)
    return ["rev", "issue", SYM]


def accept_into_collision(p: Places) -> list[str]:
    ws = lib(p.ws)
    translate(ws, "MX-1", "en", operation=Operation("replace", "México", "the United Mexican States"))
    propose(ws, SYM, "US", unit="op3", lang="en", operation=Operation("replace", "México", "Mexico"))
    decide(ws, ["MX-1"], "accepted", "CHAIR")
    return ["amend", "accept", "US-2"]


def retranslate_original_after_acceptance(by: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        accepted_mx1(p)
        return ["amend", "translate", "MX-1", "--lang", "es", "--as", by, "--replace", "buena fe", "--with", "mala fe"]

    return setup


def observer_proposes_by_statement(p: Places) -> list[str]:
    ws = lib(p.ws)
    set_role(ws, "BR", "observer")
    enroll(ws, "BR")
    record = new_record_from(p.ws, "MX-1", "BR-1", by="BR")  # a modification of op3, logged as a statement
    record.history[0].by = "BR"
    record.texts["es"].signed_by = "BR"
    forge_record(p.ws, record, "BR", "statement")
    return ["amend", "accept", "BR-1"]


def chair_states_by_proposal(p: Places) -> list[str]:
    record = new_record_from(p.ws, "MX-1", "CHAIR-1", by="CHAIR", kind="statement", unit=None)
    record.history[0].by = "CHAIR"
    record.texts = {
        "es": LanguageText(text="La presidencia declara.", operation={"op": "statement"}, signed_by="CHAIR")
    }
    forge_record(p.ws, record, "CHAIR", "propose")
    return ["amend", "list", SYM]


# -- 10. a local key that is not the registered one ---------------------------------------------


def fresh(code: str, *args: str) -> Callable[[Places], Call]:
    return lambda p: with_keys(fresh_keys(p.scratch, code), *args)


def not_approved(code: str) -> tuple[str, ...]:
    return (
        f"the private key for {code} on this machine (<scratch>/keys/{code}.pem, {FP[code]}) is not {code}'s "
        "approved key in this workspace",
    )


def keys_init_then_mark(p: Places) -> Call:
    with keys_in(p.scratch / "keys"):
        made = create_key("CHAIR", None)  # what 'wgt keys init --as CHAIR' does
    env = {"WGT_KEYS_DIR": str(p.scratch / "keys")}
    assert made.is_file()
    return Call(["mark", SYM, "op2", "agreed"], env)


def keys_folder(content: Callable[[Path], None], *args: str) -> Callable[[Places], Call]:
    def setup(p: Places) -> Call:
        folder = p.scratch / "keys"
        folder.mkdir()
        content(folder)
        return Call(list(args), {"WGT_KEYS_DIR": str(folder)})

    return setup


def garbage_key(folder: Path) -> None:
    (folder / "MX.pem").write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")


def ec_key(folder: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    (folder / "MX.pem").write_bytes(_pem(key))


def folder_key(folder: Path) -> None:
    (folder / "MX.pem").mkdir()


def fifo_key(folder: Path) -> None:
    os.mkfifo(folder / "MX.pem")


def no_key(folder: Path) -> None:
    pass


# -- 11. damaged files: one line, never a traceback ----------------------------------------------


def record_json(change: Callable[[dict], None], *args: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        edit_json(rec(p.ws, "MX-1"), change)
        return list(args) or ["amend", "show", "MX-1"]

    return setup


def raw(relative: Callable[[Path], Path], data: bytes, *args: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        relative(p.ws).write_bytes(data)
        return list(args)

    return setup


def logged_record_bytes(data: bytes, *args: str) -> Callable[[Places], list[str]]:
    """Mexico logs (with its own key) a new record MX-2 whose bytes are ``data``."""

    def setup(p: Places) -> list[str]:
        forge_claimed(p.ws, "MX", "propose", rec(p.ws, "MX-2"), data)
        return list(args) or ["amend", "show", "MX-2"]

    return setup


def duplicate_key_record(p: Places) -> bytes:
    data = rec(p.ws, "MX-1").read_bytes()
    return data.replace(b'  "by": "MX",', b'  "by": "MX",\n  "by": "US",', 1)


def duplicate_keys(p: Places) -> list[str]:
    data = duplicate_key_record(p)
    forge_claimed(p.ws, "MX", "propose", rec(p.ws, "MX-2"), data.replace(b'"MX-1"', b'"MX-2"'))
    return ["amend", "show", "MX-2"]


def log_line_appended(line: bytes, *args: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        append_line(p.ws, line)
        return list(args) or ["list"]

    return setup


def log_line_duplicate_key(p: Places) -> list[str]:
    append_line(p.ws, log_lines(p.ws)[-1].replace(b'{"act"', b'{"act":"mark","act"', 1))
    return ["list"]


def config_text(text: bytes, *args: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        (p.ws / "wgt.toml").write_bytes(text)
        return list(args) or ["list"]

    return setup


def config_replaced(old: str, new: str) -> Callable[[Places], list[str]]:
    return config_replace(old, new, "list")


def file_replaced(path: Callable[[Path], Path], how: Callable[[Path], None], *args: str) -> Callable:
    def setup(p: Places) -> list[str]:
        how(path(p.ws))
        return list(args)

    return setup


def env_call(env: Callable[[Places], dict[str, str]], *args: str) -> Callable[[Places], Call]:
    return lambda p: Call(list(args), env(p))


def a_file(p: Places) -> str:
    path = p.scratch / "a-file"
    path.write_text("not a folder")
    return str(path)


def crash_value_ignored(p: Places, out: str) -> None:
    assert out == "GT-1\n"
    assert load(p.ws, "GT-1").texts["es"].text.endswith("de mala fe.")
    assert verify_workspace(lib(p.ws))[1] == []


def workspace_at_a_file(p: Places) -> Call:
    return Call(["list"], {"WGT_WORKSPACE": a_file(p)}, workspace=None)


def workspace_nowhere(p: Places) -> Call:
    return Call(["amend", "list", SYM], {"WGT_WORKSPACE": str(p.scratch / "nowhere")}, workspace=None)


# -- 12. writes outside the workspace ----------------------------------------------------------


def temporaries_behind_link(folder: str) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        outside = p.scratch / "zz"
        outside.mkdir()
        (outside / ".x.tmp").write_text("someone else's temporary file")
        (outside / ".rev0.en.xml.abc123.tmp").write_text("and another")
        os.symlink(outside, p.ws / folder / "zz")
        return ["list"]

    return setup


def keys_init_as(code: str) -> Callable[[Places], Call]:
    return lambda p: Call(["keys", "init", "--as", code], {"WGT_KEYS_DIR": str(p.scratch / "keys")})


def keys_init_inside(p: Places) -> Call:
    return Call(["keys", "init", "--as", "CO"], {"WGT_KEYS_DIR": str(p.ws / "amendments" / "keys")})


def keys_init_through_link(p: Places) -> Call:
    os.symlink(p.ws / "drafts", p.scratch / "keys")
    return Call(["keys", "init", "--as", "CO"], {"WGT_KEYS_DIR": str(p.scratch / "keys")})


# -- 13. -o onto the workspace's own files --------------------------------------------------------


def issued_then(setup: Callable[[Places], list[str]]) -> Callable[[Places], list[str]]:
    """``setup`` once rev. 1 is issued (with no amendment: both proposals rejected)."""

    def issued(p: Places) -> list[str]:
        decide(lib(p.ws), ["MX-1", "US-1"], "rejected", "CHAIR")
        issue_revision(lib(p.ws), SYM, date="2006-05-01")
        return setup(p)

    return issued


def output(command: tuple[str, ...], target: Callable[[Places], Path]) -> Callable[[Places], list[str]]:
    return lambda p: [*command, "-o", str(target(p))]


def own(relative: str) -> Callable[[Places], Path]:
    return lambda p: p.ws / relative


def via_link(p: Places, target: Path, name: str = "out.md") -> Path:
    link = p.scratch / name
    os.symlink(target, link)
    return link


def link_to_scratch_file(p: Places) -> Path:
    (p.scratch / "target.md").write_text("the user's own file")
    return via_link(p, p.scratch / "target.md")


def link_to_roster(p: Places) -> Path:
    return via_link(p, p.ws / "roster.json")


def link_to_drafts_folder(p: Places) -> Path:
    os.symlink(p.ws / "drafts", p.scratch / "into")
    return p.scratch / "into" / SLUG / "rev0.en.md"


# -- 14. co-sponsors, caches, another group -------------------------------------------------------


def invited_us(p: Places) -> list[str]:
    propose(
        lib(p.ws),
        SYM,
        "GT",
        unit="op2",
        lang="en",
        operation=Operation("replace", "request", "ask"),
        cosponsors=("US",),
    )
    return ["amend", "list", SYM, "--by", "GT", "--format", "json"]


def only_invited(p: Places, out: str) -> None:
    (summary,) = json.loads(out)
    assert (summary["id"], summary["cosponsors"], summary["invited"]) == ("GT-1", [], ["US"])


def self_invited(p: Places) -> list[str]:
    propose(
        lib(p.ws),
        SYM,
        "GT",
        unit="op2",
        lang="en",
        operation=Operation("replace", "request", "ask"),
        cosponsors=("GT", "gt", "US"),
    )
    return ["amend", "list", SYM, "--by", "GT", "--format", "json"]


def self_not_invited(p: Places, out: str) -> None:
    (summary,) = json.loads(out)
    assert (summary["cosponsors"], summary["invited"]) == ([], ["US"])


def cosponsorship_signed_by_proposer(p: Places) -> list[str]:
    # Mexico writes US's co-sponsorship into its own new proposal, signed with Mexico's key.
    record = new_record_from(p.ws, "MX-1", "MX-2", invited=["US"])
    reseal(record, group_of(p.ws))
    joined = Cosponsorship("US", now())
    joined.signature = signer("MX").sign(joined.act(record), group_of(p.ws))
    record.cosponsorships = [joined]
    raw_record(p.ws, "MX-2", record.to_json())
    return ["amend", "list", SYM]


def cosponsorship_in_proposal_entry(p: Places) -> list[str]:
    # US did sign it (its key is public here), but it is entered by Mexico's proposal, not by US.
    record = new_record_from(p.ws, "MX-1", "MX-2", invited=["US"])
    record.cosponsorships = [Cosponsorship("US", now())]
    forge_record(p.ws, record, "MX", "propose")
    return ["amend", "show", "MX-2"]


def self_cosponsorship_logged(p: Places) -> list[str]:
    record = load(p.ws, "MX-1")
    record.cosponsorships.append(Cosponsorship("MX", now()))
    forge_record(p.ws, record, "MX", "cosponsor")
    return ["amend", "show", "MX-1"]


def cosponsored_twice(p: Places) -> list[str]:
    cosponsor(lib(p.ws), "MX-1", "US")
    return ["amend", "cosponsor", "MX-1", "--by", "US"]


def cosponsorship_duplicated(p: Places) -> list[str]:
    cosponsor(lib(p.ws), "MX-1", "US")
    record = load(p.ws, "MX-1")
    record.cosponsorships.append(Cosponsorship("US", now()))
    forge_record(p.ws, record, "US", "cosponsor")
    return ["amend", "list", SYM]


def cache_world_writable(p: Places) -> Call:
    folder = p.scratch / "cache"
    folder.mkdir()
    os.chmod(folder, 0o777)
    return Call(["verify"], {"WGT_CACHE_DIR": str(folder)})


def cache_public_secret(p: Places) -> Call:
    folder = p.tmp / "cache"
    folder.mkdir(mode=0o700)
    (folder / "secret").write_bytes(b"s" * 32)
    os.chmod(folder / "secret", 0o666)
    return Call(["verify"], {"WGT_CACHE_DIR": str(folder)})


def public_secret_untouched(p: Places, out: str) -> None:
    secret = p.tmp / "cache" / "secret"
    assert secret.read_bytes() == b"s" * 32 and stat.S_IMODE(secret.stat().st_mode) == 0o666
    assert not (p.tmp / "cache" / "verified").exists()


def verified_files(p: Places, out: str) -> None:
    assert out.startswith("All nine files verified: hashes and signatures intact\n")


def into_other_group(p: Places) -> Call:
    sent = exported(p.ws, p.scratch)
    other = p.scratch / "other"
    shutil.copytree(p.other, other, symlinks=True)
    return Call(["amend", "import", str(sent)], workspace=other)


def envelope_regrouped(p: Places) -> list[str]:
    other = p.tmp / "other"
    shutil.copytree(p.other, other, symlinks=True)
    sent = exported(other, p.scratch)
    edit_json(sent, lambda e: e.update(group=group_of(p.ws)))
    return ["amend", "import", str(sent)]


def export_edited(change: Callable[[dict], None]) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        sent = exported(p.ws, p.scratch)
        edit_json(sent, change)
        return ["amend", "import", str(sent)]

    return setup


def export_bytes(data: Callable[[Places], bytes]) -> Callable[[Places], list[str]]:
    def setup(p: Places) -> list[str]:
        return ["amend", "import", str(text_file(p.scratch, data(p), "sent.json"))]

    return setup


def renumbered_export(envelope: dict) -> None:
    envelope["record"]["id"] = "MX-7"


# -- the table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    id: str
    setup: Callable[[Places], list[str] | Call]
    expect: str | tuple[str, ...]  # in stderr (a refusal) or stdout (code 0); <ws>, <scratch> stand for the folders
    code: int = 1
    xfail: str | None = None
    check: Callable[[Places, str], None] | None = None  # more about a success: what it printed, what it wrote
    writes: bool = False  # a success that is an action: the workspace changes (the scratch folder never does)
    absent: tuple[str, ...] = ()  # what must not be printed (on stdout for a success, stderr for a refusal)


R = Row
JOURNAL_REFUSED = ".wgt-journal.json: refused ("
NOT_TOUCHED = "it was not left by an interrupted wgt command here, so nothing it names was touched"
ROSTER_ONLY = "only the secretariat changes the roster"
LOG_REFUSED = "log.jsonl: line {line} (entry {seq}) refused: "


def log_refused(problem: str, seq: int = NEXT) -> tuple[str, str]:
    return LOG_REFUSED.format(line=seq + 1, seq=seq), problem


MX1 = f"amendments/{SLUG}/MX-1.json"
MX2 = f"amendments/{SLUG}/MX-2.json"
US1 = f"amendments/{SLUG}/US-1.json"

ROWS = [
    # -- 1. a planted .wgt-journal.json is refused, on any command, and nothing it names is touched --------
    R(
        "journal-dotdot-delete",
        journal_dotdot,
        (JOURNAL_REFUSED + "the path '../scratch/victim.txt' leads outside", NOT_TOUCHED),
    ),
    R("journal-dotdot-rename", journal_dotdot_rename, "the path '../scratch/roster.json' leads outside the workspace"),
    R("journal-absolute-path", journal_absolute, "the path '<scratch>/victim.txt' leads outside the workspace"),
    R("journal-dot-segment", journal_dot_segment, f"the path 'amendments/./{SLUG}/MX-1.json' leads outside"),
    R("journal-symlinked-folder", journal_symlinked_folder, "the path 'amendments/zz/victim.txt' goes through a link"),
    R(
        "journal-rename-through-link",
        journal_symlinked_rename,
        "'drafts/zz/.rev0.en.xml.planted.tmp' goes through a link",
    ),
    R(
        "journal-renames-a-record",
        journal_renames_records,
        f"'{US1}' is not a temporary file of '{MX1}'",
    ),
    R(
        "journal-rename-across-folders",
        journal_rename_across_folders,
        f"'drafts/{SLUG}/.MX-1.json.planted.tmp' is not a temporary file of '{MX1}'",
    ),
    R("journal-wrong-hash", journal_wrong_hash, (JOURNAL_REFUSED + f"{US1} is not the file it names)", NOT_TOUCHED)),
    R(
        "journal-hashes-unnamed",
        journal_hashes_unnamed,
        JOURNAL_REFUSED + "its hashes do not name the files it renames)",
    ),
    R("journal-target-is-a-link", journal_target_is_link, f"'{US1}' is not a regular file"),
    R(
        "journal-format-unknown",
        journal_raw(b'{"format": "wgt-journal/9", "renames": [], "deletes": [], "hashes": {}, "log": null}'),
        JOURNAL_REFUSED + "unknown format 'wgt-journal/9')",
    ),
    R(
        "journal-line-not-json",
        journal_line_not_json,
        (JOURNAL_REFUSED, "not JSON: Expecting property name enclosed in double quotes"),
    ),
    R(
        "journal-line-unsigned",
        journal_line_unsigned,
        (JOURNAL_REFUSED, "it is not signed by US"),
    ),
    R(
        "journal-line-signed-with-another-key",
        journal_line_wrong_key,
        (JOURNAL_REFUSED, "it is not signed by US"),
    ),
    R(
        "journal-line-not-entitled",
        journal_line_not_entitled,
        (JOURNAL_REFUSED, "MX (delegation) may not withdraw"),
    ),
    R(
        "journal-line-chair-issues",
        journal_line_by_chair,
        (JOURNAL_REFUSED, "CHAIR (chair) may not issue"),
    ),
    R(
        "journal-line-stale",
        journal_line_stale,
        (JOURNAL_REFUSED, f"its number is {NEXT - 1}, not {NEXT}"),
    ),
    R(
        "journal-line-other-files",
        journal_line_other_files,
        (JOURNAL_REFUSED, "its log entry does not name the files it writes"),
    ),
    R("journal-line-break", journal_line_break, (JOURNAL_REFUSED + "its log line holds a line break)", NOT_TOUCHED)),
    R(
        "journal-log-outside",
        journal_log_elsewhere,
        JOURNAL_REFUSED + "it does not end with a line of log.jsonl)",
    ),
    R(
        "journal-log-into-a-draft",
        journal_log_into_a_draft,
        (JOURNAL_REFUSED, NOT_TOUCHED),
    ),
    R(
        "journal-without-log-line-deletes",
        journal_no_log_line_deletes,
        (JOURNAL_REFUSED, NOT_TOUCHED),
    ),
    R(
        "journal-without-log-line-renames",
        journal_no_log_line_renames,
        (JOURNAL_REFUSED, NOT_TOUCHED),
    ),
    R(
        "journal-a-list",
        journal_raw(b"[]", ("amend", "list", SYM)),
        JOURNAL_REFUSED + "the file should be an object, not a list)",
    ),
    R(
        "journal-not-json",
        journal_raw(b"{journal", ("show", SYM)),
        JOURNAL_REFUSED + "not JSON: Expecting property name",
    ),
    R("journal-empty", journal_raw(b"", ("verify",)), JOURNAL_REFUSED + "not JSON: Expecting value (line 1))"),
    R(
        "journal-deeply-nested",
        journal_raw(DEEP, ("list",)),
        JOURNAL_REFUSED + "nested deeper than any file wgt writes)",
    ),
    R("journal-not-utf8", journal_raw(b'{"format": "\xff"}', ("list",)), JOURNAL_REFUSED + "not UTF-8 (byte 12))"),
    R(
        "journal-wrong-shape",
        journal_raw(b'{"format": "wgt-journal/1", "renames": "all", "deletes": [], "hashes": {}, "log": null}'),
        JOURNAL_REFUSED + "renames should be a list, not a string)",
    ),
    R("journal-a-folder", journal_folder, JOURNAL_REFUSED + "it is not a regular file)"),
    R("journal-a-fifo", journal_fifo, JOURNAL_REFUSED + "it is not a regular file)"),
    R("journal-a-symlink", journal_symlink, JOURNAL_REFUSED + "it is not a regular file)"),
    R("journal-a-dangling-symlink", journal_dangling_symlink, JOURNAL_REFUSED + "it is not a regular file)"),
    R(
        "journal-a-list-log",
        journal_raw(b"[]", ("log",)),
        JOURNAL_REFUSED + "the file should be an object, not a list)",
    ),
    R("journal-an-empty-object", journal_raw(b"{}", ("keys", "list")), JOURNAL_REFUSED + "the file lacks the field"),
    R("journal-a-number", journal_raw(b"7", ("validate",)), JOURNAL_REFUSED + "the file should be an object"),
    R(
        "journal-valid-is-finished",
        valid_journal,
        "US-1 by US: modify of op1",
        code=0,
        writes=True,
        check=journal_finished,
    ),
    # -- 2. keys: a request is only a request; roles and the roster come from the signed log alone ------------
    R(
        "register-another-sec-key-only-requests",
        register_fresh_sec,
        f"Key request filed for SEC: {FP['SEC']}.",
        code=0,
        writes=True,
        check=sec_key_only_requested,
    ),
    R(
        "register-a-key-for-another-only-requests",
        register_for_another,
        f"Key request filed for MX: {FP['MX']}.",
        code=0,
        writes=True,
        check=mx_key_only_requested,
    ),
    R(
        "approve-own-request-with-unapproved-key",
        approve_own_fresh_sec,
        # The fresh key's own request is on file, but only an approved secretariat key may approve it.
        f"SEC's key {FP['SEC']} waits for the secretariat's approval",
    ),
    R("approve-with-unapproved-sec-key", approve_by_fresh_sec, not_approved("SEC")),
    R(
        "approve-replaced-request",
        pending_request_replaced,
        f"MX's pending request is for key {FP['GT']}, not {FP['MX']}; do not approve it: ask MX which key it sent",
    ),
    R(
        "init-over-a-planted-log",
        init_over_planted_log,
        ("log.jsonl", "already"),
    ),
    R(
        "approve-wrong-fingerprint",
        approve_wrong_fingerprint,
        f"BR's pending request is for key {fingerprint(public('BR'))}, not {FP['BR']}; do not approve it: ask BR which key it sent",
    ),
    R("approve-by-a-delegation", approve_by_delegation, f"{ROSTER_ONLY}; MX is a delegation"),
    R("approve-by-the-chair", approve_by_chair, f"{ROSTER_ONLY}; CHAIR is a chair"),
    R("approve-declined-at-prompt", approve_declined, "not approved; nothing was changed"),
    R("approve-without-request", literal("keys", "approve", "CO", "--yes"), "CO has no pending key request"),
    R("approve-not-a-code", literal("keys", "approve", "../x", "--yes"), "'../x' is not a participant code"),
    R("revoke-by-a-delegation", literal("keys", "revoke", "US", "--as", "MX"), f"{ROSTER_ONLY}; MX is a delegation"),
    R("revoke-last-sec-key", literal("keys", "revoke", "SEC"), "the group would be left without a secretariat key"),
    R("revoke-unknown-key", literal("keys", "revoke", "US", "--key", "SHA256:nope"), "name the key of US to revoke"),
    R(
        "role-by-a-delegation",
        literal("roles", "set", "MX", "secretariat", "--as", "MX"),
        f"{ROSTER_ONLY}; MX is a delegation",
    ),
    R(
        "role-by-the-chair",
        literal("roles", "set", "CHAIR", "secretariat", "--as", "CHAIR"),
        f"{ROSTER_ONLY}; CHAIR is a chair",
    ),
    R(
        "role-leaves-no-secretariat",
        literal("roles", "set", "SEC", "chair"),
        "the group would be left without a secretariat",
    ),
    R("role-delegation-for-non-state", literal("roles", "set", "SEC", "delegation"), "SEC is not an OAS member state"),
    R(
        "config-gives-us-secretariat",
        config_then('US = { role = "secretariat" }', "amend", "accept", "MX-1", "--as", "US"),
        "wgt.toml: gives US the role 'secretariat', but the signed roster says 'delegation'",
    ),
    R(
        "config-gives-mx-chair",
        config_then('MX = { role = "chair" }', "mark", SYM, "op2", "agreed", "--as", "MX"),
        "wgt.toml: gives MX the role 'chair', but the signed roster says 'delegation'",
    ),
    R(
        "config-demotes-chair",
        config_replace('role = "chair"', 'role = "observer"', "list"),
        "gives CHAIR the role 'observer', but the signed roster says 'chair'",
    ),
    R(
        "config-lowercase-duplicate",
        config_then('MX = { name = "México" }\nmx = { role = "secretariat" }', "amend", "list", SYM),
        "wgt.toml: participant MX is listed twice (as 'MX' and 'mx'); codes ignore case",
    ),
    R(
        "config-lowercase-duplicate-sec",
        config_then('sec = { role = "delegation" }', "list"),
        "participant SEC is listed twice (as 'SEC' and 'sec')",
    ),
    R(
        "config-body-renamed",
        config_replace('symbol = "CAJP/GT/TM"', 'symbol = "CAJP/GT/XX"', "list"),
        "wgt.toml: says body 'CAJP/GT/XX' in en, es, but the group was founded as 'CAJP/GT/TM' in en, es",
    ),
    R(
        "config-languages-changed",
        config_replace('languages = ["en", "es"]', 'languages = ["en", "fr"]', "list"),
        "says body 'CAJP/GT/TM' in en, fr, but the group was founded as 'CAJP/GT/TM' in en, es",
    ),
    R(
        "roster-makes-us-secretariat",
        roster_edit(us_secretariat, "amend", "accept", "MX-1", "--as", "US"),
        "only the chair or the secretariat can accept proposals; US is a delegation",
    ),
    R(
        "roster-adds-a-key",
        roster_edit(br_key_added, *propose_args("--replace", "buena fe", "--with", "mala fe", by="BR")),
        "BR has no key approved in this workspace",
    ),
    R(
        "roster-edited-grants-nothing",
        roster_edit(us_secretariat, "keys", "list"),
        "US       delegation",
        code=0,
        absent=("US       secretariat",),
    ),
    R(
        "roster-edited-verify",
        roster_edit(us_secretariat, "verify"),
        "roster.json: not the file the signed log recorded last",
    ),
    R(
        "forged-approve-by-delegation",
        approve_after_request("MX"),
        log_refused("MX (delegation) may not keys.approve", NEXT + 1),
    ),
    R(
        "forged-approve-by-chair",
        approve_after_request("CHAIR"),
        log_refused("CHAIR (chair) may not keys.approve", NEXT + 1),
    ),
    R(
        "forged-role-by-delegation",
        forged_governance("MX", "roles.set", lambda: {"code": "MX", "role": "secretariat"}),
        log_refused("MX (delegation) may not roles.set"),
    ),
    R(
        "forged-role-by-chair",
        forged_governance("CHAIR", "roles.set", lambda: {"code": "US", "role": "chair"}, "amend", "list", SYM),
        log_refused("CHAIR (chair) may not roles.set"),
    ),
    R(
        "forged-request-in-anothers-name",
        forged_governance("MX", "keys.request", lambda: {"code": "US", "key": public("MX")}),
        log_refused("MX may not ask for a key in US's name"),
    ),
    R(
        "forged-revoke-last-sec-key",
        forged_governance("SEC", "keys.revoke", lambda: {"code": "SEC", "key": public("SEC")}),
        log_refused("the group would be left without a secretariat key"),
    ),
    R(
        "forged-revoke-by-delegation",
        forged_governance("US", "keys.revoke", lambda: {"code": "MX", "key": public("MX")}, "show", SYM),
        log_refused("US (delegation) may not keys.revoke"),
    ),
    R(
        "forged-approve-without-request",
        forged_governance("SEC", "keys.approve", lambda: {"code": "CO", "key": public("CO"), "replace": False}),
        log_refused("no pending request of CO for that key"),
    ),
    R(
        "forged-approve-signed-by-delegation-key",
        forged_governance(
            "SEC", "keys.approve", lambda: {"code": "MX", "key": public("MX"), "replace": False}, with_key="MX"
        ),
        log_refused("it is not signed by SEC"),
    ),
    R(
        "forged-approve-stale-roster",
        approve_stale_roster,
        log_refused("the roster.json it writes is not the roster it leads to", NEXT + 1),
    ),
    R(
        "forged-role-unknown",
        forged_governance("SEC", "roles.set", lambda: {"code": "MX", "role": "king"}),
        log_refused("'king' is not a role"),
    ),
    R(
        "forged-unknown-act",
        forged_governance("MX", "keys.steal", lambda: {}),
        log_refused("unknown act 'keys.steal'"),
    ),
    R(
        "forged-refounding-by-delegation",
        refounded_by_delegation,
        LOG_REFUSED.format(line=NEXT + 1, seq=NEXT),
    ),
    # -- 3. only the secretariat issues a revision -------------------------------------------------------
    R(
        "issue-by-a-delegation",
        literal("rev", "issue", SYM, "--as", "MX"),
        "only the secretariat issues revisions; MX is a delegation",
    ),
    R(
        "issue-by-the-chair",
        literal("rev", "issue", SYM, "--as", "CHAIR"),
        "only the secretariat issues revisions; CHAIR is a chair",
    ),
    R(
        "import-by-a-delegation",
        lambda p: [
            "import",
            str(text_file(p.scratch, EN)),
            "--symbol",
            "CAJP/GT/TM-60/06",
            "--lang",
            "en",
            "--as",
            "MX",
        ],
        "only the secretariat imports documents; MX is not the secretariat",
    ),
    R(
        "import-by-the-chair",
        lambda p: ["import", str(text_file(p.scratch, ES)), "--symbol", SYM_EN, "--lang", "es", "--as", "CHAIR"],
        "only the secretariat imports documents; CHAIR is not the secretariat",
    ),
    R(
        "mark-by-a-delegation",
        literal("mark", SYM, "op2", "agreed", "--as", "MX"),
        "only the chair or the secretariat can mark paragraphs; MX is a delegation",
    ),
    R(
        "manifest-signed-by-delegation",
        forged_revision("SEC", "MX", "import"),
        "rev0.manifest.json: signed by MX, a delegation; only the secretariat issues revisions",
    ),
    R(
        "manifest-signed-by-chair",
        forged_revision("SEC", "CHAIR", "import"),
        "rev0.manifest.json: signed by CHAIR, a chair; only the secretariat issues revisions",
    ),
    R(
        "entry-import-by-delegation",
        forged_revision("MX", "MX", "import"),
        log_refused("MX (delegation) may not import"),
    ),
    R(
        "entry-issue-by-delegation",
        forged_revision("MX", "SEC", "issue", rev=1, slug=SLUG),
        log_refused("MX (delegation) may not issue"),
    ),
    R(
        "entry-issue-by-chair",
        forged_revision("CHAIR", "CHAIR", "issue", rev=1, slug=SLUG),
        log_refused("CHAIR (chair) may not issue"),
    ),
    R("entry-mark-by-delegation", forged_mark("MX", "MX"), log_refused("MX (delegation) may not mark")),
    R(
        "mark-in-file-by-delegation",
        mark_signed_by_delegation_in_file,
        "marks.json: mark 2 was made by MX, who is neither chair nor secretariat",
    ),
    R(
        "mark-in-file-by-another-chair",
        forged_mark("SEC", "CHAIR"),
        "marks.json: a mark entered by SEC is signed as another's",
    ),
    # -- 4. sizes: refused with both lengths, never a hang ----------------------------------------------
    R(
        "text-10.5mb",
        literal(*propose_args("--text", "x" * TEN_AND_A_HALF_MB)),
        "the text has 10,500,000 characters, more than the 20,000 one text may hold",
    ),
    R("edit-10.5mb", edit_huge, "the text has 10,500,000 characters, more than the 20,000 one text may hold"),
    R("edit-20001", edit_one_too_many, "the text has 20,001 characters, more than the 20,000 one text may hold"),
    R("translate-edit-10.5mb", translate_edit_huge, "the text has 10,500,000 characters"),
    R(
        "text-20001",
        literal(*propose_args("--text", "x" * 20_001)),
        "the text has 20,001 characters, more than the 20,000",
    ),
    R(
        "insert-past-20000",
        literal(*propose_args("--insert", "y" * 19_990, "--after", "buena fe")),
        "the proposed text has 20,063 characters, more than the 20,000 one text may hold",
    ),
    R(
        "new-unit-20001",
        literal("amend", "propose", SYM, "--by", "MX", "--new-unit", "--after", "op3", "--text", "n" * 20_001),
        "the new paragraph has 20,001 characters",
    ),
    R(
        "statement-20001",
        literal("amend", "statement", SYM, "--by", "MX", "--text", "s" * 20_001),
        "the statement has 20,001 characters, more than the 20,000",
    ),
    R(
        "justification-10001",
        literal(*replace_args("mala fe", "--justification", "j" * 10_001)),
        "the justification has 10,001 characters, more than the 10,000",
    ),
    R(
        "translate-text-20001",
        literal("amend", "translate", "MX-1", "--lang", "en", "--text", "t" * 20_001),
        "the text has 20,001 characters",
    ),
    R(
        "import-long-paragraph",
        long_paragraph_import,
        ("the imported document would not be valid: unit", "more than the 20,000 a unit may hold"),
    ),
    R(
        "import-long-title",
        long_title_import,
        ("the imported document would not be valid: unit", "more than the 20,000 a unit may hold"),
    ),
    R(
        "record-long-statement",
        long_statement_on_record,
        "GT-1.json: amendment GT-1 refused: its es text has 20,001 characters, more than the 20,000",
    ),
    R(
        "record-long-justification",
        long_justification_on_record,
        "MX-2.json: amendment MX-2 refused: its justification has 10,001 characters",
    ),
    R(
        "record-long-patch",
        long_patch_on_record,
        "MX-2 (es): refused: the proposed text has 25,072 characters, more than the 20,000 one text may hold",
    ),
    # -- 5. links: never followed, inside the workspace or out ---------------------------------------
    R("record-link-list", record_link_planted(("amend", "list", SYM)), "MX-1     MX", code=0, absent=("MX-9",)),
    R("record-link-show", record_link_planted(("amend", "show", "MX-9")), "no amendment MX-9 in this workspace"),
    R(
        "record-link-verify",
        record_link_planted(("verify",)),
        "MX-9.json: a symbolic link; wgt never follows links in a workspace",
    ),
    R("record-replaced-by-link", link_in(MX1, US1, "amend", "show", "MX-1"), "MX-1.json: leads outside the workspace"),
    R("record-linked-outside", link_out(US1, "amend", "list", SYM), "US-1.json: leads outside the workspace"),
    R(
        "document-folder-linked-inside",
        link_in(f"drafts/{SLUG_EN}", f"drafts/{SLUG}", "show", SYM_EN),
        f"drafts/{SLUG_EN}/rev0.en.xml: leads outside the workspace",
    ),
    R(
        "amendments-folder-linked-inside",
        link_in(f"amendments/{SLUG}", f"amendments/{SLUG}", "amend", "list", SYM),
        f"{MX1}: leads outside the workspace <ws> (a '../' or a symbolic link)",
    ),
    R(
        "drafts-linked-inside",
        link_in("drafts", "drafts", "list"),
        f"drafts/{SLUG}/rev0.en.xml: leads outside the workspace",
    ),
    R(
        "amendments-linked-inside",
        link_in("amendments", "amendments", "amend", "show", "US-1"),
        "US-1.json: leads outside the workspace",
    ),
    R(
        "marks-linked-inside-verify",
        link_in(f"amendments/{SLUG}/marks.json", f"amendments/{SLUG}/marks.json", "verify"),
        "marks.json: is a symbolic link; wgt never follows links",
    ),
    R(
        "marks-linked-mark",
        link_in(f"amendments/{SLUG}/marks.json", f"amendments/{SLUG}/marks.json", "mark", SYM, "op2", "agreed"),
        "marks.json: is a symbolic link",
    ),
    R(
        "manifest-linked-inside",
        link_in(f"drafts/{SLUG}/rev0.manifest.json", f"drafts/{SLUG}/rev0.manifest.json", "show", SYM),
        "rev0.manifest.json: is a symbolic link",
    ),
    R(
        "roster-linked-inside",
        link_in("roster.json", "roster.json", "verify"),
        "roster.json: is a symbolic link; wgt never follows links",
    ),
    R(
        "config-linked-inside",
        link_in("wgt.toml", "wgt.toml", "list"),
        "wgt.toml: is a symbolic link; wgt never follows links",
    ),
    R(
        "log-linked-inside",
        link_in("log.jsonl", "log.jsonl", "list"),
        "log.jsonl: is a symbolic link; wgt never follows links",
    ),
    R(
        "lock-linked-inside",
        link_in(".wgt.lock", "roster.json", "list"),
        ".wgt.lock: is a symbolic link; remove it (wgt makes its own lock file)",
    ),
    # -- 6. truncation, replay, deletion, rollback ------------------------------------------------------
    R(
        "last-status-change-dropped",
        last_change_dropped,
        "MX-1.json: amendment MX-1 refused: its bytes are not the ones the signed log recorded last",
    ),
    R(
        "acceptance-replaced-and-logged",
        acceptance_replaced_and_logged,
        f"MX-1 refused: its history is not the one entry {NEXT} of the log recorded (status changes removed or replaced)",
    ),
    R(
        "older-record-put-back",
        older_record_put_back,
        "MX-1.json: amendment MX-1 refused: its bytes are not the ones the signed log recorded last (changed, replaced or rolled back)",
    ),
    R(
        "older-record-put-back-after-rejection",
        older_record_put_back_after_rejection,
        "MX-1.json: amendment MX-1 refused: its bytes are not the ones the signed log recorded last",
    ),
    R(
        "older-record-put-back-logged",
        older_record_put_back_logged,
        log_refused(f"translate of {MX1} changes its history by -1 entries", NEXT + 1),
    ),
    R(
        "record-deleted",
        deleted(MX1, "amend", "list", SYM),
        f"MX-1.json: deleted: the signed log says MX wrote it (entry {ENTRY_MX1}); restore it from git",
    ),
    R(
        "marks-deleted",
        deleted(f"amendments/{SLUG}/marks.json", "verify"),
        f"marks.json: deleted: the signed log says CHAIR wrote it (entry {ENTRY_MARK})",
    ),
    R(
        "marks-deleted-report",
        deleted(f"amendments/{SLUG}/marks.json", "report", SYM),
        "marks.json: deleted: the signed log says CHAIR wrote it",
    ),
    R(
        "draft-folder-deleted",
        deleted(f"drafts/{SLUG}", "show", SYM),
        "rev0.en.xml: deleted: the signed log says rev. 0 (en) was issued",
    ),
    R(
        "amendments-deleted",
        deleted("amendments", "amend", "list", SYM),
        f"MX-1.json: deleted: the signed log says MX wrote it (entry {ENTRY_MX1})",
    ),
    R(
        "rev-file-deleted",
        deleted(f"drafts/{SLUG}/rev0.es.xml", "show", SYM, "--lang", "es"),
        "rev0.es.xml: deleted: the signed log says rev. 0 (es) was issued",
    ),
    R(
        "manifest-deleted",
        deleted(f"drafts/{SLUG}/rev0.manifest.json", "show", SYM),
        "rev0.manifest.json: missing; the revision is not signed (restore it from git)",
    ),
    R(
        "roster-deleted-verify",
        deleted("roster.json", "verify"),
        "roster.json: deleted: the signed log says SEC wrote it",
    ),
    R("roster-deleted-harmless", deleted("roster.json", "keys", "list"), "CHAIR    chair", code=0, check=roster_gone),
    R(
        "log-deleted",
        deleted("log.jsonl", "list"),
        "log.jsonl: missing; every workspace has a signed log from the day it was founded",
    ),
    R("log-last-line-dropped", last_line_dropped, "marks.json: not in the signed log: wgt never wrote it"),
    R(
        "log-last-line-dropped-witnessed",
        last_line_dropped_after_reading,
        f"log.jsonl: rolled back or rewritten: this machine read entry {ENTRY_MARK} (",
    ),
    R(
        "log-cut-mid-line",
        cut_mid_line,
        "log.jsonl: its last line is incomplete (cut off or edited by hand); restore it from git",
    ),
    R("log-lines-swapped", lines_swapped, log_refused(f"its number is {ENTRY_MARK}, not {ENTRY_US1}", ENTRY_US1)),
    R("log-line-removed", line_removed_in_the_middle, log_refused("its number is 13, not 12", 12)),
    R("log-line-repeated", line_repeated, log_refused(f"its number is {ENTRY_MARK}, not {NEXT}")),
    R(
        "log-line-reformatted",
        line_reformatted,
        log_refused("it is not written the way wgt writes entries (edited by hand)", ENTRY_MARK),
    ),
    R("log-line-edited", line_edited, log_refused("it is not signed by GT", ENTRY_US1)),
    R(
        "log-entry-of-another-group",
        resigned_line(lambda e, p: e.update(group=read_log(lib(p.other)).group)),
        log_refused("it belongs to another group"),
    ),
    R(
        "log-entry-without-group",
        resigned_line(lambda e, p: e.pop("group")),
        log_refused("it belongs to another group"),
    ),
    R(
        "log-entry-at-not-a-time",
        resigned_line(lambda e, p: e.update(at="yesterday")),
        log_refused("'yesterday' is not a time"),
    ),
    R(
        "log-entry-by-not-a-code",
        resigned_line(lambda e, p: e.update(by="../MX")),
        log_refused("'../MX' is not a participant code"),
    ),
    R(
        "log-entry-files-not-a-chain",
        resigned_line(lambda e, p: e["files"].update({MX2: file_hash(b"x")})),
        log_refused(f"what it records of {MX2} is not a chain's length and tip"),
    ),
    R(
        "log-entry-unknown-field",
        resigned_line(lambda e, p: e.update(extra=1)),
        log_refused("the file has an unknown field 'extra'"),
    ),
    R(
        "log-rewritten-from-scratch-witnessed",
        rewritten_log_witnessed,
        f"log.jsonl: rolled back or rewritten: this machine read entry {ENTRY_MARK} (",
    ),
    R(
        "log-rewritten-from-scratch-verify",
        rewritten_log_verify,
        f"drafts/{SLUG}/rev0.en.xml: not in the signed log: wgt never wrote it",
    ),
    R(
        "workspace-rolled-back",
        whole_workspace_rolled_back,
        f"log.jsonl: rolled back or rewritten: this machine read entry {NEXT} (",
    ),
    R(
        "workspace-rolled-back-verify",
        rolled_back_then_verify,
        "restore the newer copy (if you restored an older one on purpose, run 'wgt verify --forget-witness')",
    ),
    R(
        "expect-vanished-head",
        expect_vanished_head,
        (
            "log.jsonl: does not hold the entry sha256:",
            f"you expected: the log was rolled back or rewritten (it now ends at entry {ENTRY_MARK}",
        ),
    ),
    R("expect-other-groups-head", expect_other_group_head, "you expected: the log was rolled back or rewritten"),
    R(
        "expect-not-a-hash",
        literal("verify", "--expect", "abc"),
        "--expect 'abc': give the log head printed by 'wgt verify' (at least 12 hex digits)",
    ),
    R(
        "reimport-after-withdrawal",
        reimport_after_withdrawal,
        "MX-1 was already entered in this workspace (it may have been withdrawn since); an id is never used twice",
    ),
    R("reimport-same", reimport_same, "MX-1 is already in this workspace; nothing to do"),
    R("import-an-accepted-export", import_accepted_export, "MX-1 is accepted; only new proposals are sent by file"),
    R(
        "proposal-replaced-and-logged",
        proposal_resigned,
        log_refused(f"translate may not change the proposal of {MX1}: a proposal never changes once made"),
    ),
    R(
        "proposal-replaced-unlogged",
        proposal_resigned_unlogged,
        "MX-1 refused: its bytes are not the ones the signed log recorded last",
    ),
    R(
        "status-by-chair-entered-by-us",
        status_entered_by_other("US-1", "accepted", "CHAIR", "US", "withdraw"),
        f"US-1 refused: status change by CHAIR entered by US (entry {NEXT} of the log)",
    ),
    R(
        "status-by-mx-entered-by-chair",
        status_entered_by_other("MX-1", "withdrawn", "MX", "CHAIR", "accept"),
        f"MX-1 refused: status change by MX entered by CHAIR (entry {NEXT} of the log)",
    ),
    R(
        "status-by-chair-entered-by-sec",
        status_entered_by_other("MX-1", "accepted", "CHAIR", "SEC", "accept"),
        f"status change by CHAIR entered by SEC (entry {NEXT} of the log)",
    ),
    R(
        "status-by-us-logged-by-us",
        status_entered_by_other("MX-1", "accepted", "US", "US", "accept"),
        log_refused("US (delegation) may not accept"),
    ),
    R(
        "text-entered-by-other",
        text_entered_by_other,
        "MX-1 refused: its en text is signed by MX but was entered by SEC",
    ),
    R(
        "cosponsorship-entered-by-other",
        cosponsorship_entered_by_other,
        "MX-1 refused: co-sponsorship by US entered by GT",
    ),
    R("proposal-in-anothers-name", proposal_in_anothers_name, log_refused(f"US may not propose in MX's name ({MX2})")),
    R(
        "record-id-used-twice",
        id_used_twice,
        log_refused(f"{MX1}: a record id is never used twice (it was written by entry {ENTRY_MX1})"),
    ),
    R("record-deleted-by-entry", record_deleted_by_entry, log_refused(f"withdraw may not delete {MX1}")),
    R("entry-writes-config", entry_writes_config, log_refused("'wgt.toml' is not a file wgt keeps")),
    R(
        "entry-rewrites-a-draft",
        entry_rewrites_draft,
        log_refused(f"drafts/{SLUG}/rev0.en.xml was already issued; an issued revision never changes"),
    ),
    R(
        "withdraw-of-no-record",
        withdraw_of_nothing,
        log_refused(f"amendments/{SLUG}/MX-5.json: withdraw of a record that does not exist"),
    ),
    R("planted-record-ignored", planted_record("amend", "list", SYM), "US-1     US", code=0, absent=("GT-5",)),
    R("planted-record-not-found", planted_record("amend", "show", "GT-5"), "no amendment GT-5 in this workspace"),
    R(
        "planted-record-verify",
        planted_record("verify"),
        "GT-5.json: not in the signed log: wgt never wrote it (planted, copied by hand, or a revision left by",
    ),
    R("planted-draft-ignored", planted_draft("show", SYM), "To urge member states", code=0, absent=("rev. 1",)),
    R("planted-draft-not-a-revision", planted_draft("show", SYM, "--rev", "1"), f"{SYM} has no rev. 1 (revisions: 0)"),
    R("planted-draft-verify", planted_draft("verify"), "rev1.en.xml: not in the signed log: wgt never wrote it"),
    R(
        "record-in-another-folder",
        record_in_wrong_folder,
        "MX-2.json: amendment MX-2 belongs to CAJP/GT/TM-50/06, not to this folder; move it back",
    ),
    R(
        "record-under-another-id",
        record_under_another_id,
        "MX-2.json: holds amendment 'MX-3', not MX-2; restore it from git",
    ),
    R(
        "verify-names-a-deleted-file-once",
        deleted(MX1, "verify"),
        (f"MX-1.json: deleted: the signed log says MX wrote it (entry {ENTRY_MX1})", "Error: Found one problem in"),
    ),
    # -- 7. what a text may hold: the same rule on the command line and on disk ------------------------
    *[
        R(
            f"record-{name}-{where}-{command[1] if len(command) > 1 and command[0] != 'verify' else command[0]}",
            signed_with_character(name, where, command),
            f"MX-2 refused: the {label} contains {CHARACTERS[name][1]}"
            if name != "surrogate"  # refused as it is read: a lone surrogate is no text at all
            else "MX-2.json: damaged amendment record (a string holds a lone surrogate",
        )
        for name, where, label, command in (
            ("rlo", "justification", "justification", READERS[0]),
            ("rlo", "justification", "justification", READERS[1]),
            ("rlo", "justification", "justification", READERS[2]),
            ("rlo", "justification", "justification", READERS[3]),
            ("esc", "justification", "justification", READERS[0]),
            ("esc", "note", "note", READERS[1]),
            ("osc", "justification", "justification", READERS[2]),
            ("osc", "operation", "es text", READERS[3]),
            ("nul", "justification", "justification", READERS[0]),
            ("nul", "unit", "unit", READERS[1]),
            ("shy", "justification", "justification", READERS[0]),
            ("shy", "operation", "es text", READERS[3]),
            ("alm", "justification", "justification", READERS[1]),
            ("alm", "note", "note", READERS[2]),
            ("cgj", "justification", "justification", READERS[0]),
            ("cgj", "operation", "es text", READERS[1]),
            ("lrm", "justification", "justification", READERS[3]),
            ("lrm", "note", "note", READERS[0]),
            ("surrogate", "justification", "justification", READERS[0]),
            ("surrogate", "justification", "justification", READERS[3]),
        )
    ],
    *[
        R(
            f"typed-{name}-proposal",
            typed(name, *replace_args("mala{c} fe")),
            f"the text contains {CHARACTERS[name][1]}",
        )
        for name in CHARACTERS
    ],
    R(
        "typed-rlo-replaced-words",
        typed("rlo", *propose_args("--replace", "buena{c} fe", "--with", "mala fe", by="GT")),
        "the text contains an invisible control character U+202E",
    ),
    R(
        "typed-esc-statement",
        typed("esc", "amend", "statement", SYM, "--by", "GT", "--text", "We {c}object."),
        "the statement contains U+001B",
    ),
    R(
        "typed-shy-statement",
        typed("shy", "amend", "statement", SYM, "--by", "GT", "--text", "We ob{c}ject."),
        "the statement contains an invisible control character U+00AD",
    ),
    R(
        "typed-lrm-translation",
        typed("lrm", "amend", "translate", "MX-1", "--lang", "en", "--replace", "México", "--with", "Mexico{c}"),
        "the text contains an invisible control character U+200E",
    ),
    R(
        "typed-osc-translation",
        typed("osc", "amend", "translate", "MX-1", "--lang", "en", "--text", "To call on{c} all"),
        "the text contains U+009D",
    ),
    R(
        "typed-alm-justification",
        typed("alm", *replace_args("mala fe", "--justification", "Be{c}cause")),
        "the justification contains an invisible control character U+061C",
    ),
    R(
        "typed-cgj-justification",
        typed("cgj", *replace_args("mala fe", "--justification", "Be{c}cause")),
        "the justification contains an invisible control character U+034F",
    ),
    R(
        "typed-nul-new-unit",
        typed("nul", "amend", "propose", SYM, "--by", "GT", "--new-unit", "--after", "op3", "--text", "New{c}."),
        "the new paragraph contains U+0000",
    ),
    R(
        "typed-rlo-title",
        title_typed("rlo"),
        "--title: line 1: contains the control or invisible character U+202E, which no document text may hold",
    ),
    R("typed-esc-title", title_typed("esc"), "--title: line 1: contains the control or invisible character U+001B"),
    R("typed-shy-title", title_typed("shy"), "--title: line 1: contains the control or invisible character U+00AD"),
    R("typed-esc-delegation", typed("esc", *replace_args("mala fe", by="GT{c}")), "unknown delegation 'GT\\x1b[31m'"),
    # -- 8. colliding acceptances, in two languages ------------------------------------------------
    R(
        "translate-into-collision",
        translate_into_collision,
        "cannot accept: MX-1 and US-2 both change 'México' in op3 (en). Reject one, or ask for a compromise text",
    ),
    R(
        "translate-other-into-collision",
        translate_other_into_collision,
        "cannot accept: MX-1 and US-2 both change 'México' in op3 (es)",
    ),
    R("accept-into-collision", accept_into_collision, "cannot accept: MX-1 and US-2 both change 'México' in op3 (en)"),
    R(
        "collision-forged-verify",
        collision_verify,
        "CAJP/GT/TM-50/06: accepted proposals collide: MX-1 and US-2 both change 'México' in op3 (en)",
    ),
    R("collision-forged-issue", collision_issue, "cannot issue: MX-1 and US-2 both change 'México' in op3 (en)"),
    # -- the rule table's own gaps: what an act may write, what a text may become, when a role counts -----
    R(
        "mark-with-unknown-status",
        mark_with_unknown_status,
        ("marks.json: mark 2", "closed"),
        absent=("is not signed by CHAIR",),
    ),
    R(
        "role-change-keeps-earlier-decisions",
        roles_changed_after_decisions,
        "MX-1     MX         modify       op3          accepted",
        code=0,
    ),
    R(
        "retranslate-original-by-proposer",
        retranslate_original_after_acceptance("MX"),
        ("MX-1", "es"),
    ),
    R(
        "retranslate-original-by-secretariat",
        retranslate_original_after_acceptance("SEC"),
        ("MX-1", "es"),
    ),
    R(
        "observer-proposes-through-statement",
        observer_proposes_by_statement,
        ("BR-1", "refused"),
    ),
    R(
        "chair-states-through-proposal",
        chair_states_by_proposal,
        ("CHAIR-1", "refused"),
    ),
    # -- 10. a local key that is not the registered one: refused before anything is written -------------
    R("mark-with-fresh-chair-key", fresh("CHAIR", "mark", SYM, "op2", "agreed"), not_approved("CHAIR")),
    R(
        "keys-init-then-mark",
        keys_init_then_mark,
        "the private key for CHAIR on this machine (<scratch>/keys/CHAIR.pem, SHA256:",
    ),
    R("propose-with-fresh-mx-key", fresh("MX", *replace_args("mala fe", by="MX")), not_approved("MX")),
    R("accept-with-fresh-chair-key", fresh("CHAIR", "amend", "accept", "MX-1"), not_approved("CHAIR")),
    R(
        "translate-with-fresh-sec-key",
        fresh("SEC", "amend", "translate", "MX-1", "--lang", "en", "--replace", "México", "--with", "Mexico"),
        not_approved("SEC"),
    ),
    R("issue-with-fresh-sec-key", fresh("SEC", "rev", "issue", SYM), not_approved("SEC")),
    R("withdraw-with-fresh-mx-key", fresh("MX", "amend", "withdraw", "MX-1", "--by", "MX"), not_approved("MX")),
    R("cosponsor-with-fresh-us-key", fresh("US", "amend", "cosponsor", "MX-1", "--by", "US"), not_approved("US")),
    R(
        "statement-with-fresh-gt-key",
        fresh("GT", "amend", "statement", SYM, "--by", "GT", "--text", "We object."),
        not_approved("GT"),
    ),
    R(
        "import-with-fresh-sec-key",
        lambda p: with_keys(
            fresh_keys(p.scratch, "SEC"), "import", str(text_file(p.scratch, ES)), "--symbol", SYM_EN, "--lang", "es"
        ),
        not_approved("SEC"),
    ),
    R(
        "propose-unregistered-state",
        fresh("BR", *replace_args("mala fe", by="BR")),
        "BR has no key approved in this workspace; run 'wgt keys register --as BR'",
    ),
    R(
        "propose-no-key-here",
        keys_folder(no_key, *replace_args("mala fe", by="MX")),
        "no private key for MX in <scratch>/keys; run 'wgt keys register --as MX': it makes the key",
    ),
    R(
        "propose-garbage-key",
        keys_folder(garbage_key, *replace_args("mala fe", by="MX")),
        "<scratch>/keys/MX.pem: not a usable private key",
    ),
    R(
        "propose-ec-key",
        keys_folder(ec_key, *replace_args("mala fe", by="MX")),
        "<scratch>/keys/MX.pem: not an Ed25519 key",
    ),
    R(
        "propose-key-is-a-folder",
        keys_folder(folder_key, *replace_args("mala fe", by="MX")),
        "<scratch>/keys/MX.pem: is a folder, not a file",
    ),
    R(
        "propose-key-is-a-fifo",
        keys_folder(fifo_key, *replace_args("mala fe", by="MX")),
        "<scratch>/keys/MX.pem: is not a regular file",
    ),
    # -- 11. damaged files: one line naming the file, never a traceback -------------------------------
    R(
        "record-by-a-list",
        record_json(lambda r: r.update(by=["MX", "US"])),
        "MX-1.json: damaged amendment record (by should be a string, not a list)",
    ),
    R(
        "record-document-a-number",
        record_json(lambda r: r.update(document=50)),
        "damaged amendment record (document should be a string, not a whole number)",
    ),
    R(
        "record-history-an-object",
        record_json(lambda r: r.update(history={"0": r["history"][0]})),
        "damaged amendment record (history should be a list, not an object)",
    ),
    R(
        "record-history-empty",
        record_json(lambda r: r.update(history=[])),
        "MX-1.json: damaged amendment record (unknown kind or status)",
    ),
    R(
        "record-base-rev-true",
        record_json(lambda r: r.update(base_rev=True), "amend", "list", SYM),
        "base_rev should be a whole number, not true or false",
    ),
    R(
        "record-deeply-nested",
        raw(lambda ws: rec(ws, "MX-1"), DEEP, "amend", "show", "MX-1"),
        "MX-1.json: damaged amendment record (nested deeper than any file wgt writes)",
    ),
    R(
        "record-deeply-nested-logged",
        logged_record_bytes(DEEP),
        "MX-2.json: damaged amendment record (nested deeper than any file wgt writes)",
    ),
    R(
        "record-duplicate-keys",
        duplicate_keys,
        "MX-2.json: damaged amendment record (the key 'by' appears twice in one object)",
    ),
    R(
        "record-nan",
        logged_record_bytes(b'{"id": "MX-2", "base_rev": NaN}'),
        "damaged amendment record (NaN is not a JSON number)",
    ),
    R(
        "record-infinity",
        raw(lambda ws: rec(ws, "MX-1"), b'{"base_rev": -Infinity}', "amend", "show", "MX-1"),
        "damaged amendment record (-Infinity is not a JSON number)",
    ),
    R(
        "record-not-utf8",
        raw(lambda ws: rec(ws, "MX-1"), b'{"id": "\xc3("}', "amend", "list", SYM),
        "damaged amendment record (not UTF-8 (byte 8))",
    ),
    R(
        "record-a-folder",
        file_replaced(lambda ws: rec(ws, "MX-1"), replace_by_folder, "amend", "show", "MX-1"),
        "MX-1.json: is a folder, not a file",
    ),
    R(
        "record-a-fifo",
        file_replaced(lambda ws: rec(ws, "MX-1"), replace_by_fifo, "amend", "list", SYM),
        "MX-1.json: is not a regular file (a pipe, socket or device)",
    ),
    R(
        "manifest-deeply-nested",
        raw(manifest, DEEP, "show", SYM),
        "rev0.manifest.json: damaged (nested deeper than any file wgt writes)",
    ),
    R(
        "manifest-a-list",
        raw(manifest, b"[]", "show", SYM),
        "rev0.manifest.json: damaged (the file should be an object, not a list)",
    ),
    R(
        "manifest-duplicate-keys",
        raw(manifest, b'{"act": "revision", "act": "revision"}', "list"),
        "rev0.manifest.json: damaged (the key 'act' appears twice in one object)",
    ),
    R("manifest-nan", raw(manifest, b'{"rev": NaN}', "list"), "rev0.manifest.json: damaged (NaN is not a JSON number)"),
    R(
        "manifest-a-fifo",
        file_replaced(manifest, replace_by_fifo, "show", SYM),
        "rev0.manifest.json: is not a regular file",
    ),
    R("draft-a-fifo", file_replaced(draft, replace_by_fifo, "show", SYM), "rev0.en.xml: is not a regular file"),
    R(
        "roster-deeply-nested",
        raw(lambda ws: ws / "roster.json", DEEP, "verify"),
        "roster.json: not the file the signed log recorded last",
    ),
    R(
        "roster-deeply-nested-harmless",
        raw(lambda ws: ws / "roster.json", DEEP, "amend", "list", SYM),
        "US-1     US",
        code=0,
    ),
    R("log-deeply-nested-line", log_line_appended(DEEP), log_refused("nested deeper than any file wgt writes")),
    R("log-line-a-list", log_line_appended(b"[]"), log_refused("the file should be an object, not a list")),
    R("log-line-nan", log_line_appended(b'{"seq": NaN}'), log_refused("NaN is not a JSON number")),
    R("log-line-duplicate-key", log_line_duplicate_key, log_refused("the key 'act' appears twice in one object")),
    R("log-line-not-utf8", log_line_appended(b'{"seq": "\xff"}'), log_refused("not UTF-8 (byte 9)")),
    R(
        "log-line-over-long",
        log_line_appended(b" " * (64 * 1024 * 1024 + 1)),
        "log.jsonl: line 18: longer than any entry wgt writes",
    ),
    R("log-empty", raw(lambda ws: ws / "log.jsonl", b"", "list"), "log.jsonl: empty; restore it from git"),
    R(
        "log-a-folder",
        file_replaced(lambda ws: ws / "log.jsonl", replace_by_folder, "list"),
        "log.jsonl: is a folder, not a file",
    ),
    R(
        "log-a-fifo",
        file_replaced(lambda ws: ws / "log.jsonl", replace_by_fifo, "amend", "list", SYM),
        "log.jsonl: is not a regular file",
    ),
    R(
        "marks-deeply-nested",
        raw(marks_file, DEEP, "verify"),
        "marks.json: damaged (nested deeper than any file wgt writes); restore it from git",
    ),
    R(
        "marks-an-object",
        raw(marks_file, b"{}", "report", SYM),
        "marks.json: damaged (the file should be a list, not an object)",
    ),
    R("marks-a-fifo", file_replaced(marks_file, replace_by_fifo, "verify"), "marks.json: is not a regular file"),
    R(
        "export-deeply-nested",
        export_bytes(lambda p: DEEP),
        "sent.json: not an exported amendment (nested deeper than any file wgt writes)",
    ),
    R(
        "export-duplicate-keys",
        export_bytes(lambda p: b'{"format": "wgt-amendment/2", "format": "x"}'),
        "sent.json: not an exported amendment (the key 'format' appears twice in one object)",
    ),
    R(
        "export-a-list",
        export_bytes(lambda p: b"[]"),
        "not an exported amendment (the file should be an object, not a list)",
    ),
    R(
        "export-record-by-a-list",
        export_edited(lambda e: e["record"].update(by=["MX"])),
        "sent.json: damaged amendment record (by should be a string, not a list)",
    ),
    R(
        "config-body-a-number",
        config_text(b"body = 3\n"),
        "wgt.toml: [body] must be a table (name = value lines), not int",
    ),
    R(
        "config-participants-array",
        config_text(b'[body]\nsymbol = "CAJP/GT/TM"\nlanguages = ["en", "es"]\n[[participants]]\ncode = "MX"\n'),
        "wgt.toml: [participants] must be a table (name = value lines), not list",
    ),
    R(
        "config-languages-a-string",
        config_replaced('languages = ["en", "es"]', 'languages = "en"'),
        "wgt.toml: [body] languages must be a list such as",
    ),
    R(
        "config-deeply-nested",
        config_text(b'[body]\nsymbol = "CAJP/GT/TM"\nx = ' + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
        "wgt.toml: not valid TOML: nested too deeply",
    ),
    R(
        "config-not-utf8",
        config_text(b'[body]\nsymbol = "CAJP/GT/TM\xff"\n'),
        "wgt.toml: not UTF-8 (byte 27); save it as UTF-8",
    ),
    R(
        "config-participant-not-a-code",
        config_replaced("[participants]", '[participants]\n"../x" = {}'),
        "'../x' is not a participant code",
    ),
    R(
        "config-a-folder",
        file_replaced(lambda ws: ws / "wgt.toml", replace_by_folder, "list"),
        "wgt.toml: is a folder, not a file",
    ),
    R(
        "config-a-fifo",
        file_replaced(lambda ws: ws / "wgt.toml", replace_by_fifo, "list"),
        "wgt.toml: is not a regular file",
    ),
    R(
        "lock-timeout-abc",
        env_call(lambda p: {"WGT_LOCK_TIMEOUT": "abc"}, "list"),
        "WGT_LOCK_TIMEOUT='abc' is not a number of seconds; set it to e.g. 30, or unset it",
    ),
    R(
        "lock-timeout-negative",
        env_call(lambda p: {"WGT_LOCK_TIMEOUT": "-1"}, *replace_args("mala fe")),
        "WGT_LOCK_TIMEOUT='-1' is not a number of seconds",
    ),
    R(
        "lock-timeout-nan",
        env_call(lambda p: {"WGT_LOCK_TIMEOUT": "nan"}, "verify"),
        "WGT_LOCK_TIMEOUT='nan' is not a number of seconds",
    ),
    R(
        "keys-dir-a-file",
        lambda p: Call(replace_args("mala fe"), {"WGT_KEYS_DIR": a_file(p)}),
        "WGT_KEYS_DIR=<scratch>/a-file is not a folder; point it at the folder that holds your keys",
    ),
    R(
        "crash-after-renames-not-a-number",
        env_call(lambda p: {"WGT_CRASH_AFTER_RENAMES": "x"}, *replace_args("mala fe")),
        "GT-1",
        code=0,
        writes=True,
        check=crash_value_ignored,
    ),
    R("cache-dir-a-file", lambda p: Call(["amend", "list", SYM], {"WGT_CACHE_DIR": a_file(p)}), "MX-1     MX", code=0),
    R(
        "cache-dir-a-file-verify",
        lambda p: Call(["verify"], {"WGT_CACHE_DIR": a_file(p)}),
        "files verified: hashes and signatures intact",
        code=0,
    ),
    R(
        "workspace-env-a-file",
        workspace_at_a_file,
        "<scratch>/a-file: not a wgt workspace (no wgt.toml); run 'wgt init' there first",
    ),
    R("workspace-env-nowhere", workspace_nowhere, "<scratch>/nowhere: not a wgt workspace (no wgt.toml)"),
    # -- 12. nothing is written outside the workspace, nor through a link --------------------------------
    R("temporaries-behind-drafts-link", temporaries_behind_link("drafts"), "CAJP/GT/TM-50/06", code=0),
    R("temporaries-behind-amendments-link", temporaries_behind_link("amendments"), "CAJP/GT/TM-51/06", code=0),
    R(
        "lock-dangling-link",
        lock_link("new", "list"),
        ".wgt.lock: is a symbolic link; remove it (wgt makes its own lock file)",
    ),
    R(
        "lock-link-to-outside-file",
        lock_link("existing", *replace_args("mala fe")),
        ".wgt.lock: is a symbolic link; remove it",
    ),
    R("lock-link-verify", lock_link("existing", "verify"), ".wgt.lock: is a symbolic link; remove it"),
    R(
        "lock-a-folder",
        lock_replaced("folder", "list"),
        ".wgt.lock: is not a regular file; remove it (wgt makes its own lock file)",
    ),
    R("lock-a-fifo", lock_replaced("fifo", "amend", "list", SYM), ".wgt.lock: is not a regular file; remove it"),
    R(
        "keys-init-dotdot",
        keys_init_as("../x"),
        "'../x' is not a participant code; codes are 2 to 10 letters or digits",
    ),
    R("keys-init-path", keys_init_as("MX/../../x"), "'MX/../../x' is not a participant code"),
    R("keys-init-absolute", keys_init_as("/etc/passwd"), "'/etc/passwd' is not a participant code"),
    R("keys-init-dot-pem", keys_init_as("MX.pem"), "'MX.pem' is not a participant code"),
    R("keys-init-one-letter", keys_init_as("M"), "'M' is not a participant code"),
    R("keys-init-too-long", keys_init_as("ABCDEFGHIJK"), "'ABCDEFGHIJK' is not a participant code"),
    R("keys-init-empty", keys_init_as(""), "'' is not a participant code"),
    R("keys-init-inside-workspace", keys_init_inside, "private keys must never be stored in a workspace"),
    R(
        "keys-init-through-link-into-workspace",
        keys_init_through_link,
        "private keys must never be stored in a workspace",
    ),
    R("keys-register-dotdot", literal("keys", "register", "--as", "../x"), "unknown delegation '../x'"),
    R(
        "config-linked-outside",
        link_out("wgt.toml", "list"),
        "wgt.toml: is a symbolic link; wgt never follows links in a workspace",
    ),
    R(
        "roster-linked-outside-verify",
        link_out("roster.json", "verify"),
        "roster.json: is a symbolic link; wgt never follows links",
    ),
    R(
        "roster-linked-outside-approve",
        roster_link_then_approve,
        "roster.json: leads outside the workspace <ws> (a '../' or a symbolic link)",
    ),
    R("log-linked-outside", link_out("log.jsonl", "list"), "log.jsonl: is a symbolic link"),
    # -- 13. -o never writes over the workspace's own files, nor through a link ------------------------
    R(
        "compare-onto-draft",
        issued_then(output(("compare", SYM, "--format", "md"), own(f"drafts/{SLUG}/rev0.en.xml"))),
        f"is a file wgt keeps in this workspace (drafts/{SLUG}/rev0.en.xml); write the document elsewhere",
    ),
    R(
        "compilation-onto-draft",
        output(("compilation", SYM), own(f"drafts/{SLUG}/rev0.en.xml")),
        f"is a file wgt keeps in this workspace (drafts/{SLUG}/rev0.en.xml); write the document elsewhere",
    ),
    R(
        "annex-onto-draft",
        output(("annex", SYM), own(f"drafts/{SLUG}/rev0.en.xml")),
        f"is a file wgt keeps in this workspace (drafts/{SLUG}/rev0.en.xml); write the document elsewhere",
    ),
    R(
        "report-onto-draft",
        output(("report", SYM), own(f"drafts/{SLUG}/rev0.en.xml")),
        f"is a file wgt keeps in this workspace (drafts/{SLUG}/rev0.en.xml); write the document elsewhere",
    ),
    R(
        "render-onto-draft",
        output(("render", SYM), own(f"drafts/{SLUG}/rev0.en.xml")),
        f"is a file wgt keeps in this workspace (drafts/{SLUG}/rev0.en.xml); write the document elsewhere",
    ),
    R(
        "compare-onto-roster",
        issued_then(output(("compare", SYM, "--format", "md"), own("roster.json"))),
        "is a file wgt keeps in this workspace (roster.json)",
    ),
    R(
        "compilation-onto-log",
        output(("compilation", SYM), own("log.jsonl")),
        "is a file wgt keeps in this workspace (log.jsonl)",
    ),
    R("annex-onto-config", output(("annex", SYM), own("wgt.toml")), "is a file wgt keeps in this workspace (wgt.toml)"),
    R("report-onto-record", output(("report", SYM), own(MX1)), f"is a file wgt keeps in this workspace ({MX1})"),
    R(
        "render-onto-manifest",
        output(("render", SYM, "--format", "html"), own(f"drafts/{SLUG}/rev0.manifest.json")),
        f"(drafts/{SLUG}/rev0.manifest.json)",
    ),
    R(
        "render-into-drafts",
        output(("render", SYM), own("drafts/notes.md")),
        "is a file wgt keeps in this workspace (drafts/notes.md)",
    ),
    R(
        "render-onto-gitignore",
        output(("render", SYM), own(".gitignore")),
        "is a file wgt keeps in this workspace (.gitignore)",
    ),
    R(
        "render-onto-journal",
        output(("render", SYM), own(JOURNAL)),
        "is a file wgt keeps in this workspace (.wgt-journal.json)",
    ),
    R(
        "report-docx-onto-marks",
        output(("report", SYM, "--format", "docx"), own(f"amendments/{SLUG}/marks.json")),
        f"(amendments/{SLUG}/marks.json)",
    ),
    R(
        "export-onto-own-record",
        output(("amend", "export", "MX-1"), own(MX1)),
        f"is a file wgt keeps in this workspace ({MX1})",
    ),
    R(
        "export-onto-log",
        output(("amend", "export", "US-1"), own("log.jsonl")),
        "is a file wgt keeps in this workspace (log.jsonl); write the document elsewhere",
    ),
    R(
        "render-onto-symlink",
        output(("render", SYM), link_to_scratch_file),
        "out.md: is a symbolic link; wgt does not write through links",
    ),
    R(
        "render-through-link-to-roster",
        output(("render", SYM), link_to_roster),
        "out.md: is a file wgt keeps in this workspace (roster.json)",
    ),
    R(
        "render-through-linked-folder",
        output(("render", SYM), link_to_drafts_folder),
        f"is a file wgt keeps in this workspace (drafts/{SLUG}/rev0.en.md)",
    ),
    R(
        "export-onto-symlink",
        output(("amend", "export", "MX-1"), link_to_scratch_file),
        "out.md: is a symbolic link; wgt does not write through links",
    ),
    R(
        "render-onto-a-folder",
        output(("render", SYM), lambda p: p.ws / "drafts"),
        "Invalid value for '-o' / '--output': File '<ws>/drafts' is a directory.",
        code=2,
    ),
    # -- 14. co-sponsors sign for themselves; caches that are not private are not used; one group each ----
    R("cosponsor-option-only-invites", invited_us, '"invited": [', code=0, check=only_invited),
    R("cosponsor-option-self-ignored", self_invited, '"cosponsors": []', code=0, check=self_not_invited),
    R(
        "cosponsorship-signed-by-proposer",
        cosponsorship_signed_by_proposer,
        "MX-2 refused: the co-sponsorship of US is not signed by US",
    ),
    R(
        "cosponsorship-entered-by-proposer",
        cosponsorship_in_proposal_entry,
        "MX-2 refused: co-sponsorship by US entered by MX",
    ),
    R(
        "cosponsorship-duplicated",
        cosponsorship_duplicated,
        "MX-1 refused: US cannot co-sponsor it (the proposer, twice, or not a delegation)",
    ),
    R(
        "cosponsorship-of-own-proposal-logged",
        self_cosponsorship_logged,
        log_refused(f"a co-sponsorship adds one co-sponsor other than the proposer to {MX1}"),
    ),
    R(
        "cosponsor-own-proposal",
        literal("amend", "cosponsor", "MX-1", "--by", "MX"),
        "MX-1 is MX's own proposal; a proposer does not co-sponsor it",
    ),
    R(
        "cosponsor-by-the-chair",
        literal("amend", "cosponsor", "MX-1", "--by", "CHAIR"),
        "only delegations co-sponsor proposals; CHAIR is a chair",
    ),
    R("cosponsor-twice", cosponsored_twice, "US already co-sponsors MX-1"),
    R("cosponsor-unknown", literal("amend", "cosponsor", "MX-1", "--by", "ZZ"), "unknown delegation 'ZZ'"),
    R(
        "cache-world-writable",
        cache_world_writable,
        "files verified: hashes and signatures intact",
        code=0,
        check=verified_files,
    ),
    R(
        "cache-secret-readable-by-all",
        cache_public_secret,
        "files verified: hashes and signatures intact",
        code=0,
        check=public_secret_untouched,
    ),
    R(
        "import-into-another-group",
        into_other_group,
        ("sent.json: exported from another working group (sha256:", "not this one"),
    ),
    R(
        "import-regrouped-envelope",
        envelope_regrouped,
        "sent.json: amendment MX-1 refused: the proposal's signature is not MX's in this group (forged, altered, made for another group",
    ),
    R("import-renumbered", export_edited(renumbered_export), "the proposal's signature is not MX's in this group"),
    R(
        "import-wrong-format",
        export_edited(lambda e: e.update(format="wgt-amendment/1")),
        "not an exported amendment (expected format 'wgt-amendment/2')",
    ),
]


def _params():
    for row in ROWS:
        marks = [pytest.mark.xfail(strict=True, reason=row.xfail)] if row.xfail else []
        yield pytest.param(row, id=row.id, marks=marks)


def _as_call(result: list[str] | Call) -> Call:
    return result if isinstance(result, Call) else Call(list(result))


def _expected(row: Row, places: Places) -> list[str]:
    wanted = (row.expect,) if isinstance(row.expect, str) else row.expect
    return [w.replace("<ws>", str(places.ws)).replace("<scratch>", str(places.scratch)) for w in wanted]


@pytest.mark.parametrize("row", _params())
def test_insider_attack(row: Row, places: Places, run_cli, snapshot) -> None:
    call = _as_call(row.setup(places))
    args = list(call.args)
    if call.workspace is not None:
        args = ["--workspace", str(places.ws if call.workspace is True else call.workspace), *args]
    before = snapshot(places.ws), snapshot(places.scratch)
    typed = {"input": call.input} if call.input is not None else {}
    code, out, err = run_cli(*args, env=call.env, **typed)
    assert "Traceback" not in out + err
    assert forbidden_character(err, allow="\n") is None, f"raw control character on the terminal: {err!r}"
    assert code == row.code, f"exit {code}, expected {row.code}: {out}{err}"
    if row.code == 0:
        for wanted in _expected(row, places):
            assert wanted in out, f"expected {wanted!r} in {out!r}"
        for unwanted in row.absent:
            assert unwanted not in out, f"{unwanted!r} in {out!r}"
    else:
        lines = err.strip().splitlines()
        assert lines and lines[-1].startswith("Error: "), err
        if row.code == 1 and call.args[0] not in ("validate", "verify"):
            assert len(lines) == 1, f"expected one error line, got {err!r}"
        for wanted in _expected(row, places):
            assert wanted in err, f"expected {wanted!r} in {err!r}"
        for unwanted in row.absent:
            assert unwanted not in err, f"{unwanted!r} in {err!r}"
    if row.check is not None:
        row.check(places, out)
    assert snapshot(places.scratch) == before[1], "the scratch folder outside the workspace changed"
    if not row.writes:
        assert snapshot(places.ws) == before[0], "the command changed the workspace"


def test_the_table_is_big_enough() -> None:
    assert len(ROWS) >= 170
    assert len({row.id for row in ROWS}) == len(ROWS)


# -- 4. the longest diff a unit allows finishes, and is exact -----------------------------------------


def _unrelated_text(seed: int, size: int = 20_000) -> str:
    rng = random.Random(seed)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyzáéñ") for _ in range(rng.randint(1, 9))) for _ in range(3000)
    ]
    text = " ".join(words)
    while len(text) < size:
        text += " " + " ".join(words)
    return text[:size].rstrip() + "x" * (size - len(text[:size].rstrip()))


def test_the_longest_allowed_diff_is_exact() -> None:
    """Two unrelated texts of 20,000 characters (the most a unit holds): the patch and the redline are exact."""
    before, after = _unrelated_text(1), _unrelated_text(2)
    assert len(before) == len(after) == 20_000 and before != after
    patch = make_patch(before, after)
    assert apply_to_base(before, patch) == after
    assert make_patch(before, after) == patch  # deterministic: a step budget, never a clock
    diffs = word_diff(before, after)
    assert "".join(text for op, text in diffs if op <= 0) == before
    assert "".join(text for op, text in diffs if op >= 0) == after


# -- 9. readers take the lock, shared ---------------------------------------------------------------

WGT = [sys.executable, "-c", "from tracker.cli import cli; cli()"]


def test_verify_waits_for_a_writer_holding_the_lock(places: Places) -> None:
    """While a writer holds the lock (as 'rev issue' does), 'wgt verify' in another process does not read."""
    env = {**os.environ, "WGT_LOCK_TIMEOUT": "0.3", "WGT_UI_LANG": "en"}
    with workspace_lock(places.ws):
        done = subprocess.run([*WGT, "--workspace", str(places.ws), "verify"], capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {places.ws}/.wgt.lock: another wgt process has held the workspace lock for over 0.3 s; "
        "wait for it to finish, or stop it, then try again\n"
    )
    done = subprocess.run([*WGT, "--workspace", str(places.ws), "verify"], capture_output=True, text=True, env=env)
    assert done.returncode == 0 and "files verified" in done.stdout, done.stderr


# -- 14. a group is one group ---------------------------------------------------------------------------


def test_two_groups_founded_alike_in_one_second_are_distinct(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.trust.actions

    monkeypatch.setattr(tracker.trust.actions, "now", lambda: "2006-04-01T10:00:00Z")
    config = Config("CAJP/GT/TM", ["en", "es"], "", default_participants())
    first, _ = found(tmp_path / "first", config)
    second, _ = found(tmp_path / "second", config)
    assert read_log(first).group != read_log(second).group
