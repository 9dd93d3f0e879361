"""Sites synced through one bare repository: every incoming commit verified, hostile ones refused whole.

Real repositories: a ``git init --bare`` remote in a temporary folder, and a clone
for each site made by ``wgt join`` (the secretariat's copy founded and pushed
first). The negotiation runs across four sites (SEC, CHAIR, MX, US), one of them
offline for a while, and ends with every copy at one commit and ``wgt verify``
clean. Each hostile commit is made with plain git (and the tests' forgery kit,
:mod:`forgery`, for what a party holding keys can sign) in an attacker's copy
and pushed to the remote: the victim's ``wgt sync`` refuses it, naming the
commit, its author, the file and the rule, and merges nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from amend_helpers import SLUG, SYMBOL, copy_bundled, ok, snapshot, wgt
from forgery import forge_entry

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="the remote is made with the git command")

PROPOSAL = ("--unit", "op3", "--lang", "es", "--replace", "no puede constituir", "--with", "nunca")


def git(root: Path, *args: str, **kwargs) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True, **kwargs).stdout


def commit_as_mexico(root: Path, *args: str) -> str:
    """``git commit ARGS`` in ``root`` naming Mexico as author (what any party with write access can claim)."""
    return git(root, "-c", "user.name=MX", "-c", "user.email=MX@wgt.invalid", "commit", *args)


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def record(ws: Path, amendment_id: str) -> Path:
    return ws / "amendments" / SLUG / f"{amendment_id}.json"


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """A bare repository holding the group the secretariat founded (the bundled drafts imported)."""
    bare = tmp_path / "group.git"
    subprocess.run(["git", "init", "-q", "--bare", "--initial-branch=main", str(bare)], check=True)
    sec = copy_bundled(tmp_path / "SEC")
    subprocess.run(["git", "-C", str(sec), "remote", "add", "origin", str(bare)], check=True)
    assert "Sent" in ok(sec, "sync")
    return bare


def join(remote: Path, tmp_path: Path, code: str) -> Path:
    folder = tmp_path / code
    if code == "SEC":
        return folder  # the founder's copy
    code_, out, err = wgt(tmp_path, "join", str(remote), str(folder), "--as", code)
    assert code_ == 0, err
    assert "every commit verified" in out
    return folder


def refused_sync(ws: Path) -> str:
    """``wgt sync`` refused with one line; nothing of the workspace (files, branch) changed."""
    before, at = snapshot(ws), head(ws)
    code, _out, err = wgt(ws, "sync")
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert head(ws) == at
    assert snapshot(ws) == before
    return lines[0]


def test_four_sites_negotiate_through_one_remote(remote: Path, tmp_path: Path) -> None:
    sec, chair, mx, us = (join(remote, tmp_path, code) for code in ("SEC", "CHAIR", "MX", "US"))
    # Mexico works offline: two proposals, two local commits, nothing sent yet.
    ok(mx, "amend", "propose", SYMBOL, "--by", "MX", *PROPOSAL)
    ok(mx, "amend", "statement", SYMBOL, "--by", "MX", "--lang", "es", "--text", "México se reserva su posición.")
    assert git(mx, "log", "-2", "--format=%an|%s").splitlines() == [
        "MX|MX-2: MX asks for a statement",
        "MX|MX-1: MX proposes on op3 (es)",
    ]
    assert "Sent two actions" in ok(mx, "sync")
    assert "Received two actions" in ok(sec, "sync")
    ok(sec, "amend", "translate", "MX-1", "--lang", "en", "--replace", "cannot constitute", "--with", "never is")
    ok(sec, "amend", "translate", "MX-2", "--lang", "en", "--text", "Mexico reserves its position.")
    assert "Sent two actions" in ok(sec, "sync")
    assert "Received four actions" in ok(chair, "sync")
    ok(chair, "amend", "accept", "MX-1", "--as", "CHAIR")
    ok(chair, "sync")
    ok(sec, "sync")
    ok(sec, "rev", "issue", SYMBOL, "--date", "2004-05-12")
    ok(sec, "sync")
    # The United States were offline all along: they take in everything at once.
    assert "Received six actions" in ok(us, "sync")
    for site in (sec, chair, mx):
        ok(site, "sync")
    heads = {head(site) for site in (sec, chair, mx, us)}
    assert heads == {git(remote, "rev-parse", "main").strip()}
    for site in (sec, chair, mx, us):
        assert "verified" in ok(site, "verify")
        assert git(site, "status", "--porcelain") == ""
    assert (us / "drafts" / SLUG / "rev1.es.xml").is_file()
    assert "Already in step" in ok(us, "sync")


def in_step(remote: Path, *sites: Path) -> None:
    """Every site synced, at the remote's commit, verified and clean."""
    for site in (*sites, *sites):  # twice: what the last one sent reaches the first
        ok(site, "sync")
    assert {head(site) for site in sites} == {git(remote, "rev-parse", "main").strip()}
    for site in sites:
        assert "verified" in ok(site, "verify")
        assert git(site, "status", "--porcelain") == ""


def test_two_copies_of_one_delegation_propose_offline_and_both_proposals_arrive(remote: Path, tmp_path: Path) -> None:
    laptop, capital = join(remote, tmp_path, "MX"), tmp_path / "MX-capital"
    code, _, err = wgt(tmp_path, "join", str(remote), str(capital), "--as", "MX")
    assert code == 0, err
    ok(laptop, "amend", "propose", SYMBOL, "--by", "MX", *PROPOSAL)
    ok(capital, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op4", "--lang", "es", "--replace",
       "adecuada", "--with", "efectiva")  # fmt: skip
    ok(capital, "amend", "translate", "MX-1", "--lang", "en", "--replace", "adequate", "--with", "effective")
    assert "Sent" in ok(laptop, "sync")
    said = ok(capital, "sync")
    assert "Your MX-1 is now MX-2" in said and "Received one action" in said and "Sent two actions" in said
    in_step(remote, laptop, capital)
    mine = json.loads(record(capital, "MX-2").read_text(encoding="utf-8"))
    assert mine["id"] == "MX-2" and set(mine["texts"]) == {"en", "es"} and mine["unit"].startswith("op")
    assert (
        json.loads(record(capital, "MX-1").read_text(encoding="utf-8"))["texts"]["es"]["text"]
        != mine["texts"]["es"]["text"]
    )
    assert git(capital, "log", "-1", "--format=%s").startswith("MX-2")


def test_decisions_on_different_records_commute(remote: Path, tmp_path: Path) -> None:
    sec, chair, mx = (join(remote, tmp_path, code) for code in ("SEC", "CHAIR", "MX"))
    ok(mx, "amend", "propose", SYMBOL, "--by", "MX", *PROPOSAL)
    ok(mx, "amend", "statement", SYMBOL, "--by", "MX", "--lang", "es", "--text", "México se reserva su posición.")
    ok(mx, "sync")
    ok(chair, "sync")
    ok(chair, "amend", "accept", "MX-1", "--as", "CHAIR")  # the chair, offline
    ok(chair, "mark", SYMBOL, "op1", "agreed", "--as", "CHAIR")
    ok(mx, "amend", "withdraw", "MX-2", "--by", "MX")  # Mexico, offline, on another record
    ok(sec, "sync")
    ok(sec, "mark", SYMBOL, "op2", "open", "--as", "SEC")  # the secretariat marks another paragraph meanwhile
    ok(sec, "sync")
    ok(mx, "sync")
    said = ok(chair, "sync")
    assert "Not applied" not in said
    in_step(remote, sec, chair, mx)
    store = json.loads(record(sec, "MX-1").read_text(encoding="utf-8"))
    assert [h["status"] for h in store["history"]] == ["proposed", "accepted"]
    assert json.loads(record(sec, "MX-2").read_text(encoding="utf-8"))["history"][-1]["status"] == "withdrawn"
    marks = json.loads((sec / "amendments" / SLUG / "marks.json").read_text(encoding="utf-8"))
    assert sorted((m["status"], m["by"]) for m in marks) == [("agreed", "CHAIR"), ("open", "SEC")]
    assert len({m["unit"] for m in marks}) == 2  # op1 and op2, by their stable ids


def test_decisions_that_do_not_commute_are_said_and_the_groups_stands(remote: Path, tmp_path: Path) -> None:
    chair, mx = join(remote, tmp_path, "CHAIR"), join(remote, tmp_path, "MX")
    ok(mx, "amend", "propose", SYMBOL, "--by", "MX", *PROPOSAL)
    ok(mx, "sync")
    ok(chair, "sync")
    ok(chair, "amend", "accept", "MX-1", "--as", "CHAIR")  # offline
    ok(mx, "amend", "withdraw", "MX-1", "--by", "MX")  # offline too, on the same proposal
    ok(chair, "sync")
    code, out, err = wgt(mx, "sync")
    assert code == 0, err
    assert "Not applied: withdraw MX-1 by MX" in err and "accept by CHAIR" in err and "decide again" in err
    in_step(remote, chair, mx)
    history = json.loads(record(mx, "MX-1").read_text(encoding="utf-8"))["history"]
    assert [h["status"] for h in history] == ["proposed", "accepted"]
    assert git(mx, "rev-parse", "refs/wgt/before-sync").strip()  # what Mexico did stays readable


def test_join_makes_a_key_request_that_reaches_the_secretariat(remote: Path, tmp_path: Path, monkeypatch) -> None:
    keys = tmp_path / "keys"
    shutil.copytree(Path(__file__).parent.parent / "sources" / "demo-keys", keys)
    (keys / "PE.key").unlink(missing_ok=True)
    monkeypatch.setenv("WGT_KEYS_DIR", str(keys))
    code, out, err = wgt(tmp_path, "join", str(remote), str(tmp_path / "PE"), "--as", "PE")
    assert code == 0, err
    assert "Key request filed for PE" in out and "wgt sync" in out
    assert git(tmp_path / "PE", "log", "-1", "--format=%an|%s") == "PE|PE asks for its key to be approved\n"
    ok(tmp_path / "PE", "sync")
    ok(tmp_path / "SEC", "sync")
    assert "PE asks to have" in ok(tmp_path / "SEC", "keys", "list")
    ok(tmp_path / "SEC", "keys", "approve", "PE", "--yes")
    ok(tmp_path / "SEC", "sync")
    ok(tmp_path / "PE", "sync")
    ok(tmp_path / "PE", "amend", "propose", SYMBOL, "--by", "PE", *PROPOSAL)


# -- hostile commits -------------------------------------------------------------------------


def _attack(remote: Path, tmp_path: Path, make) -> tuple[Path, str]:
    """The victim (the secretariat's copy) syncs after an attacker's copy pushed what ``make`` committed."""
    victim = tmp_path / "SEC"
    attacker = tmp_path / "attacker"
    subprocess.run(["git", "clone", "-q", str(remote), str(attacker)], check=True)
    (attacker / ".git" / "wgt-state").write_text("")  # let the forgery kit read it as a workspace
    make(attacker)
    git(attacker, "add", "-A")
    commit_as_mexico(attacker, "-q", "--allow-empty", "-m", "nothing to see")
    git(attacker, "push", "-q", "--force", "origin", "HEAD:main")
    commit = head(attacker)
    return victim, commit


def _refused(victim: Path, commit: str, path: str, rule: str) -> None:
    message = refused_sync(victim)
    assert f"commit {commit[:12]} by MX <MX@wgt.invalid> refused: " in message, message
    assert path in message and rule in message, message
    assert "nothing of it was merged" in message
    assert git(victim, "rev-parse", "origin/main").strip() != commit  # not even the tracking branch moved


def test_a_delegation_changing_another_delegations_record_is_refused(remote: Path, tmp_path: Path) -> None:
    us = join(remote, tmp_path, "US")
    ok(us, "amend", "propose", SYMBOL, "--by", "US", *PROPOSAL)
    ok(us, "sync")
    ok(tmp_path / "SEC", "sync")

    def rewrite_us1(attacker: Path) -> None:
        path = record(attacker, "US-1")
        data = json.loads(path.read_text(encoding="utf-8"))
        data["justification"] = "Mexico's words now"
        forge_entry(attacker, "MX", "translate", {path: json.dumps(data).encode()}, "US-1")

    victim, commit = _attack(remote, tmp_path, rewrite_us1)
    _refused(victim, commit, f"amendments/{SLUG}/US-1.json", "MX (delegation) may not translate")


def proposed_by_mexico(remote: Path, tmp_path: Path) -> Path:
    """Mexico's copy, whose MX-1 the remote and the secretariat's copy hold."""
    mx = join(remote, tmp_path, "MX")
    ok(mx, "amend", "propose", SYMBOL, "--by", "MX", *PROPOSAL)
    ok(mx, "sync")
    ok(tmp_path / "SEC", "sync")
    return mx


def test_a_status_forged_into_a_record_is_refused(remote: Path, tmp_path: Path) -> None:
    proposed_by_mexico(remote, tmp_path)

    def accept_own(attacker: Path) -> None:
        from amend_helpers import edit_record

        def accepted(data: dict) -> None:
            data["history"].append({"status": "accepted", "by": "MX", "at": "2004-05-11T00:00:00Z", "note": ""})
            data["history"][-1]["signature"] = ""

        # under an act Mexico may take on its own record: the status chain itself is what refuses it
        edit_record(record(attacker, "MX-1"), accepted, resign=True, by="MX", act="translate")

    victim, commit = _attack(remote, tmp_path, accept_own)
    _refused(victim, commit, f"amendments/{SLUG}/MX-1.json", "changes its history")


def test_a_record_whose_signature_does_not_verify_is_refused(remote: Path, tmp_path: Path) -> None:
    proposed_by_mexico(remote, tmp_path)

    def reword(attacker: Path) -> None:
        path = record(attacker, "MX-1")
        data = json.loads(path.read_text(encoding="utf-8"))
        data["justification"] = "words Mexico never signed"  # under Mexico's old signature
        forge_entry(attacker, "MX", "translate", {path: (json.dumps(data, indent=2) + "\n").encode()}, "MX-1")

    victim, commit = _attack(remote, tmp_path, reword)
    _refused(victim, commit, f"amendments/{SLUG}/MX-1.json", "signature")


def test_an_edited_issued_revision_is_refused(remote: Path, tmp_path: Path) -> None:
    def edit_rev0(attacker: Path) -> None:
        path = attacker / "drafts" / SLUG / "rev0.en.xml"
        # signed by the secretariat itself, which imports and issues: an issued text still never changes
        forge_entry(attacker, "SEC", "import", {path: path.read_bytes().replace(b"migrant", b"alien")})

    victim, commit = _attack(remote, tmp_path, edit_rev0)
    _refused(victim, commit, f"drafts/{SLUG}/rev0.en.xml", "an issued revision never changes")


def test_a_roster_entry_added_by_a_delegation_is_refused(remote: Path, tmp_path: Path) -> None:
    def add_key(attacker: Path) -> None:
        roster = json.loads((attacker / "roster.json").read_text(encoding="utf-8"))
        roster["participants"]["MX"]["role"] = "secretariat"
        (attacker / "roster.json").write_text(json.dumps(roster, indent=2) + "\n", encoding="utf-8")

    victim, commit = _attack(remote, tmp_path, add_key)
    _refused(victim, commit, "roster.json", "no entry to the signed log")


def test_a_roster_change_signed_by_a_delegation_is_refused(remote: Path, tmp_path: Path) -> None:
    def make_secretariat(attacker: Path) -> None:
        from tracker.trust.log import roster_after, roster_view
        from tracker.trust.state import read_log
        from tracker.workspace import Workspace

        state = read_log(Workspace.open(attacker))
        detail = {"code": "MX", "role": "secretariat"}
        members, _pending = roster_after(state, "roles.set", "MX", detail, len(state.hashes))
        forge_entry(attacker, "MX", "roles.set", {attacker / "roster.json": roster_view(members)}, "MX", detail)

    victim, commit = _attack(remote, tmp_path, make_secretariat)
    _refused(victim, commit, "roster.json", "MX (delegation) may not roles.set")


def test_a_symbolic_link_in_a_commit_is_refused(remote: Path, tmp_path: Path) -> None:
    def link(attacker: Path) -> None:
        (attacker / "amendments" / SLUG).mkdir(parents=True, exist_ok=True)
        (attacker / "amendments" / SLUG / "MX-9.json").symlink_to("/etc/passwd")

    victim, commit = _attack(remote, tmp_path, link)
    _refused(victim, commit, f"amendments/{SLUG}/MX-9.json", "symbolic link")
    assert not (victim / "amendments" / SLUG / "MX-9.json").is_symlink()


def _tree_commit(attacker: Path, name: str) -> None:
    """A commit whose tree holds an entry ``name`` (``..``, ``.git``) that git itself would never check out."""
    blob = git(attacker, "hash-object", "-w", "--stdin", input="owned\n").strip()
    inner = git(attacker, "mktree", input=f"100644 blob {blob}\tconfig\n").strip()
    listing = git(attacker, "ls-tree", "HEAD")
    tree = git(attacker, "mktree", input=listing + f"040000 tree {inner}\t{name}\n").strip()
    commit = git(
        attacker,
        "-c",
        "user.name=MX",
        "-c",
        "user.email=MX@wgt.invalid",
        "commit-tree",
        tree,
        "-p",
        "HEAD",
        "-m",
        "escape",
    ).strip()
    git(attacker, "update-ref", "refs/heads/main", commit)
    git(attacker, "reset", "-q", "--soft", commit)


@pytest.mark.parametrize(("name", "rule"), [("..", "outside the workspace"), (".git", "git's own folder")])
def test_a_commit_whose_files_escape_the_workspace_is_refused(remote: Path, tmp_path: Path, name, rule) -> None:
    victim = tmp_path / "SEC"
    attacker = tmp_path / "attacker"
    subprocess.run(["git", "clone", "-q", str(remote), str(attacker)], check=True)
    _tree_commit(attacker, name)
    git(attacker, "push", "-q", "origin", "HEAD:main")
    _refused(victim, head(attacker), f"{name}/config", rule)
    assert not (tmp_path / "config").exists()


def test_a_rewritten_remote_history_is_refused(remote: Path, tmp_path: Path) -> None:
    mx = join(remote, tmp_path, "MX")
    ok(mx, "amend", "propose", SYMBOL, "--by", "MX", *PROPOSAL)
    ok(mx, "sync")
    victim = tmp_path / "SEC"
    ok(victim, "sync")
    git(remote, "update-ref", "refs/heads/main", "main~1")  # the proposal removed from the group's history
    message = refused_sync(victim)
    assert "rewritten" in message
    assert "rewritten" in refused_sync(victim)  # and again: the tracking branch was put back


def test_sync_without_a_repository_or_remote_says_what_to_do(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    assert wgt(plain, "init", "--body", "CAJP/GT/TM", "--no-git", str(plain))[0] == 0
    code, _out, err = wgt(plain, "sync")
    assert code == 1 and "wgt init --no-git" in err
    alone = tmp_path / "alone"
    assert wgt(alone, "init", "--body", "CAJP/GT/TM", str(alone))[0] == 0
    code, _out, err = wgt(alone, "sync")
    assert code == 1 and "git remote add origin" in err
    git(alone, "remote", "add", "origin", str(tmp_path / "nowhere"))
    code, _out, err = wgt(alone, "sync")
    assert code == 1 and "cannot reach" in err and len(err.strip().splitlines()) == 1


def test_init_with_a_remote_pushes_the_founding(tmp_path: Path) -> None:
    bare = tmp_path / "new.git"
    subprocess.run(["git", "init", "-q", "--bare", "--initial-branch=main", str(bare)], check=True)
    ws = tmp_path / "sec"
    code, out, err = wgt(ws, "init", "--body", "CAJP/GT/TM", "--remote", str(bare), str(ws))
    assert code == 0, err
    assert git(bare, "log", "--format=%s", "main") == "CAJP/GT/TM founded by SEC\n"


def test_a_configuration_that_contradicts_the_signed_founding_is_refused(remote: Path, tmp_path: Path) -> None:
    """Even beside a genuine role change by the secretariat (which may rewrite wgt.toml), a wrong body is refused."""
    attacker = tmp_path / "attacker"
    assert wgt(tmp_path, "join", str(remote), str(attacker), "--as", "SEC")[0] == 0
    ok(attacker, "roles", "set", "GT", "observer")
    config = attacker / "wgt.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("CAJP/GT/TM", "CP/CAJP", 1), encoding="utf-8")
    commit_as_mexico(attacker, "-q", "-a", "--amend", "--reset-author", "--no-edit")
    git(attacker, "push", "-q", "origin", "HEAD:main")
    _refused(tmp_path / "SEC", head(attacker), "wgt.toml", "founded as")


def test_join_refuses_a_group_whose_history_holds_a_forged_commit(remote: Path, tmp_path: Path) -> None:
    def link(attacker: Path) -> None:
        (attacker / "drafts" / "evil.json").symlink_to("/etc/passwd")

    _attack(remote, tmp_path, link)
    code, _out, err = wgt(tmp_path, "join", str(remote), str(tmp_path / "late"), "--as", "AR")
    assert code == 1 and "symbolic link" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "late").exists()  # nothing of a refused group stays on this machine


# -- over HTTP: git's smart-HTTP server on 127.0.0.1 ----------------------------------------------


@pytest.fixture
def http_remote(remote: Path):
    """The group's bare repository served by ``git http-backend`` (smart HTTP, push allowed) on 127.0.0.1."""
    import http.server
    import threading

    backend = Path(subprocess.run(["git", "--exec-path"], capture_output=True, text=True, check=True).stdout.strip())
    if not (backend / "git-http-backend").is_file():
        pytest.skip("git-http-backend is not installed")
    git(remote, "config", "http.receivepack", "true")

    class Handler(http.server.BaseHTTPRequestHandler):
        """Each request handed to git-http-backend as CGI; its ``Status`` and headers become the response's."""

        def do_GET(self):
            self.backend()

        def do_POST(self):
            self.backend()

        def backend(self):
            path, _, query = self.path.partition("?")
            env = {
                "GIT_PROJECT_ROOT": str(remote.parent),
                "GIT_HTTP_EXPORT_ALL": "1",
                "REQUEST_METHOD": self.command,
                "PATH_INFO": path,
                "QUERY_STRING": query,
                "CONTENT_TYPE": self.headers.get("Content-Type", ""),
                "REMOTE_USER": "test",
                "REMOTE_ADDR": "127.0.0.1",
                "PATH": os.environ.get("PATH", ""),
            }
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if self.headers.get("Transfer-Encoding") == "chunked":
                body = self.chunked()
            env["CONTENT_LENGTH"] = str(len(body))
            done = subprocess.run([str(backend / "git-http-backend")], input=body, env=env, capture_output=True)
            head, _, payload = done.stdout.partition(b"\r\n\r\n")
            status, headers = 200, []
            for line in head.decode("latin-1").split("\r\n"):
                name, _, value = line.partition(":")
                if name.lower() == "status":
                    status = int(value.split()[0])
                elif name:
                    headers.append((name, value.strip()))
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def chunked(self) -> bytes:
            out = b""
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()

        def log_message(self, *args):  # quiet
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{remote.name}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_sites_sync_over_http(remote: Path, http_remote: str, tmp_path: Path) -> None:
    sec = tmp_path / "SEC"
    git(sec, "remote", "set-url", "origin", http_remote)
    mx = tmp_path / "MX"
    code, out, err = wgt(tmp_path, "join", http_remote, str(mx), "--as", "MX")
    assert code == 0 and "every commit verified" in out, err
    ok(mx, "amend", "propose", SYMBOL, "--by", "MX", *PROPOSAL)
    assert "Sent one action" in ok(mx, "sync")
    assert "Received one action" in ok(sec, "sync")
    ok(sec, "amend", "translate", "MX-1", "--lang", "en", "--replace", "cannot constitute", "--with", "never is")
    ok(sec, "sync")
    assert "Received one action" in ok(mx, "sync")
    assert head(mx) == head(sec) == git(remote, "rev-parse", "main").strip()


# -- bundles: the same through a file ----------------------------------------------------------------


def test_a_bundle_carries_actions_both_ways(remote: Path, tmp_path: Path) -> None:
    sec, mx = tmp_path / "SEC", join(remote, tmp_path, "MX")
    ok(mx, "amend", "propose", SYMBOL, "--by", "MX", *PROPOSAL)  # Mexico, with no connection from here on
    out = ok(mx, "bundle", "create", tmp_path / "mx.bundle")
    assert "Wrote a bundle" in out and "wgt bundle apply" in out
    assert "Received one action" in ok(sec, "bundle", "apply", tmp_path / "mx.bundle")
    ok(sec, "amend", "translate", "MX-1", "--lang", "en", "--replace", "cannot constitute", "--with", "never is")
    ok(mx, "amend", "statement", SYMBOL, "--by", "MX", "--lang", "es", "--text", "México se reserva su posición.")
    ok(sec, "bundle", "create", tmp_path / "sec.bundle")
    said = ok(mx, "bundle", "apply", tmp_path / "sec.bundle")  # Mexico's statement re-based after the translation
    assert "Received one action" in said
    ok(mx, "bundle", "create", tmp_path / "mx2.bundle")
    ok(sec, "bundle", "apply", tmp_path / "mx2.bundle")
    assert head(sec) == head(mx)
    for site in (sec, mx):
        assert "verified" in ok(site, "verify")
    assert "Sent" in ok(sec, "sync")  # and the remote, when there is one again, gets it all


def test_a_bundle_made_from_an_older_copy_is_refused(remote: Path, tmp_path: Path) -> None:
    sec, mx = tmp_path / "SEC", join(remote, tmp_path, "MX")
    ok(sec, "amend", "propose", SYMBOL, "--by", "US", *PROPOSAL)
    ok(sec, "bundle", "create", tmp_path / "sec.bundle")  # handed out: published
    ok(mx, "amend", "propose", SYMBOL, "--by", "MX", *PROPOSAL)  # Mexico never took sec.bundle
    ok(mx, "bundle", "create", tmp_path / "mx.bundle")
    message = refused_bundle(sec, tmp_path / "mx.bundle")
    assert "older copy" in message


def refused_bundle(ws: Path, bundle: Path) -> str:
    before, at = snapshot(ws), head(ws)
    code, _out, err = wgt(ws, "bundle", "apply", bundle)
    assert code == 1 and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert head(ws) == at and snapshot(ws) == before
    return err.strip()


@pytest.mark.parametrize("kind", ["link", "escape", "not a tar", "stray", "empty"])
def test_a_hostile_bundle_is_refused_naming_the_file(remote: Path, tmp_path: Path, kind: str) -> None:
    import io
    import tarfile

    sec = tmp_path / "SEC"
    bundle = tmp_path / f"{kind.replace(' ', '-')}.bundle"
    if kind == "not a tar":
        bundle.write_bytes(b"PK\x03\x04 this is a zip, or anything else")
    else:
        with tarfile.open(bundle, "w") as tar:
            if kind in ("link", "escape"):
                member = tarfile.TarInfo("group.git/HEAD" if kind == "link" else "group.git/../../evil")
                if kind == "link":
                    member.type, member.linkname = tarfile.SYMTYPE, "/etc/passwd"
                    tar.addfile(member)
                else:
                    member.size = 4
                    tar.addfile(member, io.BytesIO(b"evil"))
            elif kind == "stray":
                member = tarfile.TarInfo("notes.txt")
                member.size = 2
                tar.addfile(member, io.BytesIO(b"hi"))
    message = refused_bundle(sec, bundle)
    assert str(bundle) in message and "not a bundle" in message
    assert not (tmp_path / "evil").exists()


def test_a_bundle_holding_a_forged_commit_is_refused(remote: Path, tmp_path: Path) -> None:
    sec, mx = tmp_path / "SEC", join(remote, tmp_path, "MX")
    ok(sec, "amend", "propose", SYMBOL, "--by", "US", *PROPOSAL)
    ok(sec, "sync")
    ok(mx, "sync")
    path = record(mx, "US-1")  # Mexico edits the United States' proposal by hand and commits it with git
    data = json.loads(path.read_text(encoding="utf-8"))
    data["justification"] = "Forged by Mexico."
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    git(mx, "commit", "-qam", "US-1: a better justification")
    ok(mx, "bundle", "create", tmp_path / "mx.bundle")
    message = refused_bundle(sec, tmp_path / "mx.bundle")
    assert "refused" in message and "US-1" in message


def test_an_action_signed_with_a_key_revoked_before_it_arrived_is_not_taken(remote: Path, tmp_path: Path) -> None:
    sec, mx = tmp_path / "SEC", join(remote, tmp_path, "MX")
    ok(mx, "amend", "propose", SYMBOL, "--by", "MX", *PROPOSAL)  # offline, signed with Mexico's key of today
    ok(sec, "keys", "revoke", "MX")  # the secretariat revokes that key (lost laptop) and tells the group
    ok(sec, "sync")
    code, _out, err = wgt(mx, "sync")
    assert code == 0, err
    assert "Not applied: propose MX-1 by MX" in err and "revoked" in err
    assert not record(mx, "MX-1").exists()
    assert head(mx) == head(sec) == git(remote, "rev-parse", "main").strip()
    assert "verified" in ok(mx, "verify")
