"""Each action one git commit: its files, the log line, the views; a message a person reads in ``git log``.

:class:`~tracker.trust.actions.Action` writes an action's files and log line
through the redo journal, then :func:`commit_action` commits exactly those
paths (and the log's files: :func:`~tracker.trust.logfiles.log_paths_to_commit`) with the participant as author and committer and
the entry's time as the commit's. A process killed between the two leaves
the log ahead of the last commit; the next command (:func:`commit_owed`, from
:func:`~tracker.trust.state.settle`) commits what the log holds beyond it, so
no action stays uncommitted and no commit is half made (git writes a commit
and then moves the branch: a kill before the move leaves only an unused object).

Messages are in English whatever the interface language (they are read by
every site, and tools match them), and stable: derived from the signed entry
alone (and the action's own unit label when it has one), so that two sites
committing one action write the same message.
"""

from __future__ import annotations

import json
import os

from tracker.repo import Person, Repo, git_time, is_marked, read_mark, write_mark
from tracker.storage import StorageError, file_hash, read_file
from tracker.trust.log import MAX_LOG_BYTES, LogState
from tracker.trust.logfiles import log_bytes_at, log_key, log_lengths, log_paths_to_commit, read_log_bytes
from tracker.workspace import Workspace

#: What the message says each act did: ``{who}`` is the participant's code, ``{subject}`` the entry's subject.
VERBS = {
    "found": "{subject} founded by {who}",
    "keys.request": "{who} asks for its key to be approved",
    "keys.approve": "{subject}'s key approved by {who}",
    "keys.revoke": "{subject}'s key revoked by {who}",
    "roles.set": "{subject} given a new role by {who}",
    "import": "{subject} imported by {who}",
    "propose": "{subject}: {who} proposes{where}",
    "statement": "{subject}: {who} asks for a statement{where}",
    "receive": "{subject}: received by {who}",
    "translate": "{subject}: translated by {who}",
    "cosponsor": "{subject}: co-sponsored by {who}",
    "withdraw": "{subject}: withdrawn by {who}",
    "accept": "{subject}: accepted by {who}",
    "reject": "{subject}: rejected by {who}",
    "mark": "{subject} marked by {who}",
    # The revision's own symbol, as the group writes it: "CAJP/GT/TM-38/05 rev. 2 issued".
    "issue": "{subject} issued",
}


def person(ws: Workspace, code: str) -> Person:
    """The author of a participant's commits: ``MX <MX@wgt.invalid>``, ``SEC (Technical Secretariat) <…>``.

    The code first (``git log --author=MX``), then the name ``wgt.toml`` gives, if
    any (a state's CLDR name would cost every command loading a locale); the
    address is the code at the reserved ``.invalid`` domain: it identifies, it is
    never mailed. What proves who acted is the entry's signature, not this.
    """
    listed = ws.config.participants.get(code)
    name = f"{code} ({listed.name})" if listed is not None and listed.name else code
    return Person(name, f"{code}@wgt.invalid")


def message(ws: Workspace, entry: dict, where: str = "") -> str:
    """The commit message of one signed entry: a summary line, then the entry's number, hash and files."""
    act = entry["act"]
    who = entry["by"]
    template = VERBS.get(act, "{who}: " + act + " {subject}")
    summary = template.format(who=who, subject=entry["subject"], where=f" {where}" if where else "")
    files = sorted(entry["files"])
    body = [f"wgt log entry {entry['seq']} by {entry['by']} at {entry['at']}", *(f"  {name}" for name in files)]
    return summary + "\n\n" + "\n".join(body) + "\n"


def _log_key(ws: Workspace) -> str:
    """How the log looks to ``lstat`` (sizes, times; not inodes, which a copy changes): as the mark says, nothing is owed."""
    key = log_key(ws.root)
    if not key[0]:
        return ""
    # Without sealed segments, the mark says what it said before them (an upgrade owes nothing).
    return f"{key[1]} {key[2]} {key[5]}" if key[3] else f"{key[1]} {key[2]}"


def commit_action(
    ws: Workspace, line: bytes, paths: list[str], where: str = "", blobs: dict[str, str] | None = None
) -> str | None:
    """Commit the action whose log entry is ``line`` and which wrote ``paths``; None in a plain folder.

    ``blobs``: the git blobs of files stored before the lock was taken (:meth:`Repo.store_blobs`).
    """
    if not is_marked(ws.root):
        return None
    _crash_for_tests()
    entry = json.loads(line)
    repo = Repo(ws.root)
    when = git_time(entry["at"])
    log_paths = log_paths_to_commit(repo, ws.root)
    oid = repo.commit([*paths, *log_paths], message(ws, entry, where), person(ws, entry["by"]), when, blobs)
    write_mark(ws.root, _log_key(ws))
    return oid


def entry_commits(ws: Workspace) -> dict[int, str]:
    """The commit that brought each log entry (entry number → commit id); empty in a plain folder.

    An entry belongs to the first commit whose log (segments and tail) reaches
    the end of its line (first-parent history). Entries not committed yet are left out.
    """
    if not is_marked(ws.root):
        return {}
    sizes = log_lengths(Repo(ws.root))
    data = read_log_bytes(ws.root).data
    found: dict[int, str] = {}
    end, seq, index = 0, 0, 0
    while index < len(sizes):
        newline = data.find(b"\n", end)
        if newline < 0:
            break
        end = newline + 1
        while index < len(sizes) and sizes[index][1] < end:
            index += 1
        if index < len(sizes):
            found[seq] = sizes[index][0]
        seq += 1
    return found


def commit_is_owed(ws: Workspace) -> bool:
    """Whether the log may hold entries beyond the last commit (cheap: the mark against one ``lstat``)."""
    return is_marked(ws.root) and read_mark(ws.root) != _log_key(ws)


def commit_owed(ws: Workspace, state: LogState, views: tuple[str, ...]) -> str | None:
    """Commit the entries the log holds beyond the last commit (a command killed before committing).

    Called with the workspace lock held, with ``state`` the log just replayed and
    checked. Their files, the log and the ``views`` that differ from the last
    commit go into one commit (the message of the entry when there is one, else
    a count) — unless a file is not what the log says it is, or the log does not
    extend the last commit's: that is a workspace to repair (``wgt verify`` names
    what is wrong), and nothing is committed until it is. Nothing to do costs one
    ``lstat``.
    """
    if not commit_is_owed(ws):
        return None
    repo = Repo(ws.root)
    committed = log_bytes_at(repo, repo.head()).data
    current = read_log_bytes(ws.root).data
    if current == committed:
        write_mark(ws.root, _log_key(ws))
        return None
    if not current.startswith(committed):
        # Not an action left uncommitted: a log rolled back or edited by hand. That is the trust
        # checks' to name (the witness, the files against the log); nothing is committed over it.
        return None
    # A seal a kill interrupted is left to the next action (a reader never rewrites the log's files):
    # what is committed may be a tail that repeats the last segment, which every reader takes.
    entries = [json.loads(line) for line in current[len(committed) :].splitlines()]
    paths = sorted({name for entry in entries for name in entry["files"]})
    if not all(_as_logged(ws, state, name) for name in paths):
        return None
    paths += [name for name in views if _differs(repo, ws, name)]
    if len(entries) == 1:
        text = message(ws, entries[0])
    else:
        text = f"{len(entries)} actions (entries {entries[0]['seq']} to {entries[-1]['seq']})\n"
    last = entries[-1]
    oid = repo.commit([*paths, *log_paths_to_commit(repo, ws.root)], text, person(ws, last["by"]), git_time(last["at"]))
    write_mark(ws.root, _log_key(ws))
    return oid


def _as_logged(ws: Workspace, state: LogState, name: str) -> bool:
    """Whether ``name`` on disk is what the log's latest entry for it says (missing: deleted)."""
    want = state.history.latest_hash.get(name)
    path = ws.root / name
    if not os.path.lexists(path):
        return want is None
    try:
        return want is not None and file_hash(read_file(path, MAX_LOG_BYTES)) == want
    except StorageError:
        return False


def _differs(repo: Repo, ws: Workspace, name: str) -> bool:
    path = ws.root / name
    if not os.path.lexists(path):
        return repo.read(name) is not None
    return read_file(path, MAX_LOG_BYTES) != repo.read(name)


def _crash_for_tests() -> None:
    """``WGT_CRASH_BEFORE_COMMIT=1`` kills the process (SIGKILL) after an action's files, before its commit.

    Crash injection for the test that proves the next command commits it; never set in normal use.
    """
    if os.environ.get("WGT_CRASH_BEFORE_COMMIT") == "1":
        import signal

        os.kill(os.getpid(), signal.SIGKILL)
