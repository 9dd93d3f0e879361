"""The roster and the roles, governed: founded once, then changed only by the secretariat's signed entries.

* ``found`` — ``wgt init``: the group's founding entry (body, languages, roles,
  the secretariat's first key), signed with that key; its hash is the group's id.
* ``request_key`` — ``wgt keys register --as MX``: Mexico asks to have its key
  approved; the request is signed with that very key, proving Mexico holds it.
* ``approve_key`` — ``wgt keys approve MX``: the secretariat, having compared the
  fingerprint with the one Mexico sent by another channel, approves it.
* ``revoke_key`` and ``set_role`` — the secretariat again, as signed entries.

``roster.json`` is written by each of them as a view for people (and for
``git diff``): keys and roles are what the log says, never what that file says.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from tracker.errors import WgtError
from tracker.i18n import _
from tracker.participants import OAS_MEMBER_STATES, ROLES
from tracker.repo import Repo
from tracker.storage import JOURNAL_NAME, write_action
from tracker.trust import witness
from tracker.trust.actions import Action, commit, entry_line, signer_for
from tracker.trust.keys import create_key, fingerprint, has_key, load_private_key
from tracker.trust.log import LOG_NAME, ROSTER_NAME, LogProblem, LogState, Request, roster_after, roster_view
from tracker.trust.signing import Signer
from tracker.trust.state import read_log
from tracker.workspace import CONFIG_NAME, Config, Workspace, participant_code

#: What ``wgt init`` writes into a new workspace's ``.gitignore``: the files that never travel.
GITIGNORE = (
    "# wgt: the lock and an interrupted action's journal never travel between copies\n.wgt.lock\n.wgt-journal.json\n"
)


def found(root: Path, config: Config, by: str = "SEC", *, git: bool = True) -> tuple[Workspace, Path | None]:
    """Make ``root`` a workspace of a new group founded by ``by`` (the secretariat); returns it and a new key's path.

    ``by``'s private key is made first if this machine has none. ``git``: the
    folder is also a git repository whose first commit is the founding, and
    every later action is a commit (``wgt init --no-git``: a plain folder).
    """
    by = participant_code(by)
    roles = {code: p.role or "delegation" for code, p in config.participants.items()}
    if roles.get(by, "secretariat") != "secretariat":
        raise WgtError(_("{code} founds the group, so it must be its secretariat").format(code=by))
    roles[by] = "secretariat"
    if os.path.lexists(root / CONFIG_NAME):
        raise WgtError(_("{path} already exists; this folder is already a workspace").format(path=root / CONFIG_NAME))
    for name in (LOG_NAME, ROSTER_NAME, JOURNAL_NAME):
        if os.path.lexists(root / name):
            raise WgtError(
                _(
                    "{path} already exists: a group's files are here without its wgt.toml; found the group elsewhere, or restore wgt.toml from git"
                ).format(path=root / name)
            )
    made = None if has_key(by) else create_key(by, root)
    signer = Signer(by, load_private_key(by))
    ws = Workspace.create(root, config)
    if git:
        Repo.create(ws.root)  # before the founding: a kill after it leaves a commit owed, made by the next command
    state = LogState()
    detail = {
        "body": config.body,
        "name": config.name,
        "languages": list(config.languages),
        "roles": roles,
        "key": signer.public,
        # Two groups founded alike (same key, body and second) must still be two groups.
        "nonce": secrets.token_hex(16),
    }
    members, _pending = roster_after(state, "found", by, detail, 0)
    files: dict[Path, bytes | None] = {ws.root / ROSTER_NAME: roster_view(members)}
    line = entry_line(state, signer, by, "found", config.body, detail, ws, files)
    # wgt.toml, the roster and the first entry are written together: a failure leaves no half-founded group.
    files[ws.root / CONFIG_NAME] = config.to_toml().encode()
    gitignore = ws.root / ".gitignore"
    if not os.path.lexists(gitignore):
        files[gitignore] = GITIGNORE.encode()
    write_action(files, journal=ws.journal, log=(ws.root / LOG_NAME, line))
    commit(ws, line, [ws.relative(path) for path in files])
    # A new group here: what this machine remembers of an earlier group in this folder is of no use.
    witness.forget(ws.root)
    return ws, made


def pending_requests(ws: Workspace) -> list[Request]:
    """Key requests the secretariat has not answered yet."""
    return sorted(read_log(ws).pending.values(), key=lambda r: r.seq)


def request_key(ws: Workspace, code: str) -> tuple[Request, Path | None]:
    """File ``code``'s request to have its key approved (signed with that key); returns it and a new key's path.

    ``code``'s private key is made first if this machine has none: registering is the one step a
    participant takes, not two.
    """
    state = read_log(ws)
    participant = state.participant(ws, code)
    made = None if has_key(participant.code) else create_key(participant.code, ws.root)
    signer = Signer(participant.code, load_private_key(participant.code))
    if signer.public in state.active_keys(participant.code):
        raise WgtError(
            _("{code}'s key {fingerprint} is already approved in this workspace; nothing to do").format(
                code=participant.code, fingerprint=fingerprint(signer.public)
            )
        )
    action = _SelfSigned(ws, participant.code, signer)
    with action:
        pass
    return read_log(ws).pending[participant.code], made


class _SelfSigned(Action):
    """A key request: signed by the key it asks to have approved, not by an approved one."""

    def __init__(self, ws: Workspace, code: str, signer: Signer) -> None:
        super().__init__(ws, code, "keys.request", subject=code, detail={"code": code, "key": signer.public})
        self._own = signer

    def __enter__(self) -> Action:
        self._lock.__enter__()
        try:
            self.state = read_log(self.ws)
            self.signer = self._own
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        return self


def approve_key(
    ws: Workspace, code: str, by: str = "SEC", *, expected: str | None = None, replace: bool = False
) -> Request:
    """Approve ``code``'s pending key request (checked against ``expected``, the fingerprint the participant sent)."""
    code = participant_code(code)
    state = read_log(ws)
    request = state.pending.get(code)
    if request is None:
        raise WgtError(
            _("{code} has no pending key request; ask {code} to run 'wgt keys register --as {code}' first").format(
                code=code
            )
        )
    if expected is not None and expected.strip() != request.fingerprint:
        raise WgtError(
            _(
                "{code}'s pending request is for key {fingerprint}, not {expected}; do not approve it: "
                "ask {code} which key it sent"
            ).format(code=code, fingerprint=request.fingerprint, expected=expected.strip())
        )
    _governed(ws, by, "keys.approve", code, {"code": code, "key": request.key, "replace": replace})
    return request


def revoke_key(ws: Workspace, code: str, key_fingerprint: str | None = None, by: str = "SEC") -> str:
    """Revoke one of ``code``'s keys (its only active one when no fingerprint is given); returns its fingerprint."""
    code = participant_code(code)
    state = read_log(ws)
    active = state.active_keys(code)
    if key_fingerprint:
        chosen = [k for k in active if fingerprint(k) == key_fingerprint.strip()]
    else:
        chosen = active if len(active) == 1 else []
    if not chosen:
        shown = ", ".join(fingerprint(k) for k in active) or _("none")
        raise WgtError(
            _("name the key of {code} to revoke with --key FINGERPRINT (active keys: {keys})").format(
                code=code, keys=shown
            )
        )
    _governed(ws, by, "keys.revoke", code, {"code": code, "key": chosen[0]})
    return fingerprint(chosen[0])


def set_role(ws: Workspace, code: str, role: str, by: str = "SEC") -> None:
    """Give ``code`` the role ``role`` (delegation, secretariat, chair, observer)."""
    code = participant_code(code)
    if role not in ROLES:
        raise WgtError(_("unknown role {role!r}; use one of {roles}").format(role=role, roles=", ".join(ROLES)))
    if code not in OAS_MEMBER_STATES and role == "delegation":
        raise WgtError(_("{code} is not an OAS member state; a delegation is a member state's").format(code=code))
    _governed(ws, by, "roles.set", code, {"code": code, "role": role})


def enroll(ws: Workspace, code: str, by: str = "SEC") -> None:
    """Request and approve ``code``'s key at once: for a secretariat that holds both keys (demos, tests, set-up)."""
    state = read_log(ws)
    code = state.participant(ws, code).code
    if Signer(code, load_private_key(code)).public in state.active_keys(code):
        return
    request, _made = request_key(ws, code)
    approve_key(ws, code, by, expected=request.fingerprint)


def _governed(ws: Workspace, by: str, act: str, subject: str, detail: dict) -> None:
    """A roster change by the secretariat: its entry, and ``roster.json`` as the roster after it."""
    by = read_log(ws).participant(ws, by).code
    with Action(ws, by, act, subject, detail) as action:
        if action.state.role(by) != "secretariat":
            raise WgtError(
                _("only the secretariat changes the roster; {code} is a {role}").format(
                    code=by, role=action.state.role(by)
                )
            )
        try:
            members, _pending = roster_after(action.state, act, by, detail, len(action.state.hashes))
        except LogProblem as problem:
            raise WgtError(str(problem)) from None
        action.write(ws.root / ROSTER_NAME, roster_view(members))
        listed = ws.config.participants.get(detail.get("code", ""))
        if act == "roles.set" and listed is not None and listed.role and listed.role != detail["role"]:
            # A role wgt.toml states is checked against the roster: it changes with it, in the same action.
            from dataclasses import replace

            ws.config.participants[listed.code] = replace(listed, role=detail["role"])
            action.write_view(CONFIG_NAME, ws.config.to_toml().encode())


__all__ = ["approve_key", "enroll", "found", "pending_requests", "request_key", "revoke_key", "set_role", "signer_for"]
