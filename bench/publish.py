"""``wgt publish`` as a user runs it (issue 16): a new site, a rebuild, a rebuild after one proposal.

Three groups, each interleaved with what a secretariat would run instead:

* a new site (every page, the redlines, the records' pages, the search data and the
  downloads of every revision in PDF, DOCX and XML) against ``wgt render`` run once per
  revision and language for the HTML alone, and once per revision, language and format
  for the same downloads: the documents, one by one, without the site;
* the same site built again with nothing changed (what a scheduled publish does most
  days) against one ``wgt render`` of the latest revision;
* a rebuild after one new proposal (proposed untimed before each run, on a copy of the
  workspace) against the same single render; each run's report of how many files it
  wrote is kept, so the table says how much of the site one proposal rewrites.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from bench.commands import Commands, Member, Workspace

#: What ``wgt publish`` prints first: ``Published SITE: N files written, M unchanged, K removed.``
_WROTE = re.compile(r"(\d+) files? written, (\d+) unchanged")


def renders_one_by_one(commands: Commands, ws: Workspace, formats: tuple[str, ...]) -> list[str]:
    """One shell running ``wgt render`` once per revision, language and format, in order."""
    wgt = " ".join(commands.suite.wgt)
    steps = [
        f"{wgt} render {ws.symbol} --rev {rev} --lang {lang} -o {ws.out}/render-{rev}-{lang}.{fmt}"
        for rev in range(ws.info["latest_rev"] + 1)
        for lang in ("en", "es")
        for fmt in formats
    ]
    return ["bash", "-ec", " && ".join(steps)]


def publish_rows(commands: Commands, ws: Workspace, timeout: float) -> None:
    """The three groups of ``wgt publish`` on workspace ``ws`` (left as it was: proposals go to a copy)."""
    keys = ["cmd/publish", "cmd/publish-again", "cmd/publish-one"]
    if not commands.selected(keys):
        return
    wgt = commands.suite.wgt
    new_site = ws.out / "site-new"

    def fresh_site(_rep: int) -> None:
        shutil.rmtree(new_site, ignore_errors=True)

    commands.group(
        ws,
        [
            Member(
                "cmd/publish",
                "`wgt publish SITE` (a new site: every page, redline, record and download)",
                lambda _rep: [*wgt, "publish", str(new_site), "--date", "2005-03-18"],
                setup=fresh_site,
            ),
            Member(
                "cmd/publish/renders-html",
                "`wgt render --rev R --lang L -o F.html`, every revision and language one by one",
                lambda _rep: renders_one_by_one(commands, ws, ("html",)),
            ),
            Member(
                "cmd/publish/renders-all",
                "`wgt render … -o F.{html,pdf,docx}`, every revision, language and format one by one",
                lambda _rep: renders_one_by_one(commands, ws, ("html", "pdf", "docx")),
            ),
        ],
        timeout,
    )
    if not (new_site / ".wgt-site.json").is_file():  # a build stopped at its time limit leaves no manifest
        commands.suite.say("  publish: no site was built in time; the rebuild rows are left out")
        return
    single = Member(
        "cmd/publish/render-latest",
        "`wgt render SYMBOL -o F.html` (the latest revision, once)",
        lambda _rep: [*wgt, "render", ws.symbol, "-o", str(ws.out / "latest.html")],
    )
    commands.group(
        ws,
        [
            Member(
                "cmd/publish-again",
                "`wgt publish SITE` again, nothing changed",
                lambda _rep: [*wgt, "publish", str(new_site), "--date", "2005-03-18"],
            ),
            single,
        ],
        timeout,
    )
    copy = ws.out / "publish-ws"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(ws.root, copy, symlinks=True)
    site = ws.out / "site-one"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(new_site, site, symlinks=True)
    propose = commands.suite.propose_arguments(ws.root, ws.info)
    env = commands.suite.child_env(ws.info["keys"], None)

    def one_more_proposal(_rep: int) -> Path:
        subprocess.run([*wgt, *propose], cwd=copy, env=env, check=True, capture_output=True, timeout=timeout)
        return copy

    def count_written(_rep: int, run) -> None:
        found = _WROTE.search(run.info.get("stdout", ""))
        if found:
            run.info["written"], run.info["unchanged"] = int(found.group(1)), int(found.group(2))

    commands.group(
        ws,
        [
            Member(
                "cmd/publish-one",
                "`wgt publish SITE` after one new proposal",
                lambda _rep: [*wgt, "publish", str(site), "--date", "2005-03-18"],
                setup=one_more_proposal,
                teardown=count_written,
            ),
            single,
        ],
        timeout,
    )
    for path in (copy, site, new_site):
        shutil.rmtree(path, ignore_errors=True)
