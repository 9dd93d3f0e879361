"""``wgt publish``: the site of the demo's story, read as files (the browser tests are in tests/browser/)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from lxml import html as lxml_html
from story_helpers import SYMBOL, copy_of, story

from tracker.amendments.store import AmendmentStore
from tracker.cli.demo import Narrator, _publish
from tracker.documents import load_draft
from tracker.errors import WgtError
from tracker.publish import build_site
from tracker.publish.templates import script_json
from tracker.publish.writer import MANIFEST
from tracker.trust.keys import fingerprint
from tracker.workspace import Workspace

SLUG = "cajp-gt-tm-38-05"
TODAY = "2005-03-18"


@pytest.fixture(scope="module")
def ws_root(tmp_path_factory) -> Path:
    """The demo's story as ``wgt demo`` ends it: op3 back in brackets, the site published."""
    root = copy_of(story(tmp_path_factory), tmp_path_factory.mktemp("published") / "ws")
    with contextlib.redirect_stdout(io.StringIO()):
        _publish(Narrator(verbose=False), root, root / "site")
    return root


@pytest.fixture(scope="module")
def site(ws_root: Path) -> Path:
    """The site the demo's story publishes."""
    return ws_root / "site"


def page(site: Path, path: str):
    return lxml_html.fromstring((site / path).read_bytes())


def test_the_site_has_every_page_in_both_languages(site: Path) -> None:
    for ui in ("en", "es"):
        for name in (
            "index.html",
            "search.html",
            f"{SLUG}/index.html",
            f"{SLUG}/history.html",
            f"{SLUG}/rev-0/index.html",
            f"{SLUG}/rev-1/index.html",
            f"{SLUG}/rev-2/index.html",
            f"{SLUG}/rev-1/changes.html",
            f"{SLUG}/rev-2/changes.html",
            f"{SLUG}/amendments/index.html",
            f"{SLUG}/amendments/MX-3.html",
            f"{SLUG}/compilation.html",
            f"{SLUG}/annex.html",
            f"{SLUG}/report.html",
        ):
            assert (site / ui / name).is_file(), f"{ui}/{name}"
    for rev in (0, 1, 2):
        for lang in ("en", "es"):
            for fmt in ("pdf", "docx", "xml"):
                assert (site / "downloads" / SLUG / f"rev{rev}.{lang}.{fmt}").stat().st_size > 1000
    assert (site / "downloads" / SLUG / "rev2.en.pdf").read_bytes().startswith(b"%PDF")
    assert (site / "index.html").is_file() and (site / "assets" / "search-data.js").is_file()


def test_a_paragraph_has_the_same_address_in_every_revision_and_language(site: Path, ws_root: Path) -> None:
    ws = Workspace.open(ws_root)
    for rev in (0, 1, 2):
        wids = {u.wid for u in load_draft(ws, SYMBOL, rev, "en").units()}
        for ui in ("en", "es"):
            shown = {s.get("id") for s in page(site, f"{ui}/{SLUG}/rev-{rev}/index.html").cssselect("section.unit[id]")}
            assert shown == wids, (rev, ui)
    latest = {s.get("id") for s in page(site, f"en/{SLUG}/index.html").cssselect("section.unit[id]")}
    op3 = load_draft(ws, SYMBOL, 2, "es").find("op3").wid
    assert op3 in latest and f'href="#{op3}"' in (site / "es" / SLUG / "index.html").read_text()


def test_every_block_says_its_language_and_the_interface_language_leads(site: Path) -> None:
    for ui, other in (("en", "es"), ("es", "en")):
        doc = page(site, f"{ui}/{SLUG}/index.html")
        assert doc.get("lang") == ui
        for section in doc.cssselect("section.unit"):
            columns = section.cssselect("div.col")
            assert [c.get("lang") for c in columns] == [ui, other]
            assert "col-primary" in columns[0].get("class")
        switch = doc.cssselect("a.lang-switch")[0]
        assert switch.get("href") == f"../../{other}/{SLUG}/index.html" and switch.get("hreflang") == other


def test_statuses_are_shown_bracketed_agreed_and_ad_referendum(site: Path, ws_root: Path) -> None:
    ws = Workspace.open(ws_root)
    draft = load_draft(ws, SYMBOL, 2, "en")
    doc = page(site, f"en/{SLUG}/index.html")
    op3 = doc.get_element_by_id(draft.find("op3").wid)
    assert "status-open" in op3.get("class")
    text = op3.cssselect("div.col[lang=en] .text")[0].text_content().strip()
    assert text.startswith("3.") and text.split(None, 1)[1].startswith("[") and text.endswith("]")
    assert op3.cssselect(".status")[0].text_content() == "In brackets"
    assert doc.get_element_by_id(draft.find("op1").wid).cssselect(".status")[0].text_content() == "Agreed"
    es = page(site, f"es/{SLUG}/index.html")
    assert (
        es.get_element_by_id(draft.find("op2").wid).cssselect(".status")[0].text_content() == "Acordado ad referéndum"
    )
    # rev. 2 as issued: op3 was not yet back in brackets
    issued = page(site, f"en/{SLUG}/rev-2/index.html").get_element_by_id(draft.find("op3").wid)
    assert "status-open" not in issued.get("class")


def test_an_amendment_page_shows_its_redline_history_and_signing_keys(site: Path, ws_root: Path) -> None:
    ws = Workspace.open(ws_root)
    state = AmendmentStore(ws).state
    doc = page(site, f"en/{SLUG}/amendments/MX-3.html")
    assert [d.text_content() for d in doc.cssselect(".record-text[lang=es] p.redline del")] == ["no"]
    assert [d.text_content() for d in doc.cssselect(".record-text[lang=en] p.redline del")] == ["cannot"]
    assert doc.cssselect(".record-text[lang=es] p.redline ins")[0].text_content() == "en ningún caso"
    assert "verified" in doc.cssselect(".verification")[0].get("class")
    rows = [[td.text_content() for td in tr.cssselect("td")] for tr in doc.cssselect(".signatures tbody tr")]
    by_code = {code: {fingerprint(k) for k in state.keys_of(code)} for code in ("MX", "SEC", "CHAIR", "GT")}
    assert rows[0][0] == "The proposal" and rows[0][2] in by_code["MX"]
    assert any(r[0] == "Its English text" and r[2] in by_code["SEC"] for r in rows)  # the secretariat translated
    assert any(r[0].startswith("Co-sponsorship") and r[2] in by_code["GT"] for r in rows)
    history = [[td.text_content() for td in tr.cssselect("td")][:2] for tr in doc.cssselect(".record-history tbody tr")]
    assert history[0] == ["proposed", "Mexico (MX)"] and history[-1][0] == "incorporated"


def test_no_page_asks_for_anything_outside_the_site(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 60
    for path in pages:
        doc = lxml_html.fromstring(path.read_bytes())
        for element, attribute, link, _pos in doc.iterlinks():
            if link == "data:,":
                continue  # the empty icon: spares the browser asking a server for /favicon.ico
            assert not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", link), f"{path}: {element.tag} {attribute}={link}"
            target = link.split("#")[0].split("?")[0]
            if target:
                assert (path.parent / target).resolve().is_file(), f"{path.relative_to(site)}: broken link {link}"


def test_the_search_data_holds_paragraphs_and_records_in_both_languages(site: Path) -> None:
    text = (site / "assets" / "search-data.js").read_text(encoding="utf-8")
    assert text.startswith("window.WGT_SEARCH = ") and text.rstrip().endswith(";")
    docs = json.loads(text[len("window.WGT_SEARCH = ") :].rstrip().rstrip(";"))["docs"]
    kinds = {(d["kind"], d["lang"]) for d in docs}
    assert {("paragraph", "en"), ("paragraph", "es"), ("proposal", "es"), ("statement", "en")} <= kinds
    hit = next(d for d in docs if d["kind"] == "paragraph" and d["lang"] == "es" and "protección" in d["text"])
    assert re.match(rf"^{SLUG}/index\.html#[a-z]+-[0-9a-f]+$", hit["url"])
    said = next(d for d in docs if d["kind"] == "statement" and d["lang"] == "es" and "vinculantes" in d["text"])
    assert re.match(rf"^{SLUG}/amendments/US-\d+\.html$", said["url"])


def test_text_from_a_delegation_cannot_become_markup() -> None:
    assert script_json({"a": "</script><script>alert(1)</script>"}) == (
        '{"a":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}'
    )


def _propose(run_cli, root: Path, text: str) -> str:
    code, out, err = run_cli(
        "--workspace", root, "amend", "propose", SYMBOL, "--by", "MX", "--unit", "op5", "--lang", "es",
        "--replace", "Instar", "--with", text,
    )  # fmt: skip
    assert code == 0, err
    return out.strip()


def test_a_rebuild_after_one_proposal_rewrites_only_the_pages_that_show_it(
    tmp_path: Path, ws_root: Path, run_cli
) -> None:
    root = copy_of(ws_root, tmp_path / "ws")
    out = tmp_path / "site"
    first = build_site(Workspace.open(root), out, today=TODAY)
    assert not first.kept and len(first.written) > 100
    again = build_site(Workspace.open(root), out, today=TODAY)
    assert again.written == [] and len(again.kept) == len(first.written)
    new_id = _propose(run_cli, root, 'Instar <b>firmemente</b> & "siempre"')
    report = build_site(Workspace.open(root), out, today=TODAY)
    expected = {
        "assets/search-data.js",
        *(f"{ui}/{SLUG}/{name}" for ui in ("en", "es") for name in ("index.html", "amendments/index.html")),
        *(f"{ui}/{SLUG}/amendments/{new_id}.html" for ui in ("en", "es")),
        *(f"{ui}/{SLUG}/{paper}.html" for ui in ("en", "es") for paper in ("compilation", "report")),
    }
    assert set(report.written) == expected
    assert not any("/rev-" in p or p.startswith("downloads/") for p in report.written)
    drawn = (out / "es" / SLUG / "amendments" / f"{new_id}.html").read_text(encoding="utf-8")
    assert "Instar <ins>&lt;b&gt;firmemente&lt;/b&gt; &amp; &#34;siempre&#34; </ins>a los Estados" in drawn


def test_a_file_removed_from_the_site_is_written_again(tmp_path: Path, ws_root: Path) -> None:
    out = tmp_path / "site"
    shutil.copytree(ws_root / "site", out)
    (out / "en" / SLUG / "history.html").unlink()
    (out / "es" / SLUG / "report.html").write_text("cut short")
    report = build_site(Workspace.open(ws_root), out, today=TODAY)
    assert report.written == [f"en/{SLUG}/history.html", f"es/{SLUG}/report.html"]


def test_the_site_folder_must_be_one_publish_made(tmp_path: Path, ws_root: Path, run_cli) -> None:
    ws = Workspace.open(ws_root)
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("my notes")
    with pytest.raises(WgtError, match="no 'wgt publish' made it"):
        build_site(ws, foreign)
    assert (foreign / "notes.txt").read_text() == "my notes" and len(list(foreign.iterdir())) == 1
    a_file = tmp_path / "file"
    a_file.write_text("x")
    code, _out, err = run_cli("--workspace", ws_root, "publish", a_file)
    assert code == 2 and "is a file" in err and "Traceback" not in err
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / MANIFEST).write_text("{not json")
    code, _out, err = run_cli("--workspace", ws_root, "publish", damaged)
    assert code == 1 and "damaged" in err
    code, _out, err = run_cli("--workspace", ws_root, "publish", tmp_path / "new", "--date", "18/03/2005")
    assert code == 2 and "YYYY-MM-DD" in err


def test_a_link_planted_in_the_site_is_never_written_through(tmp_path: Path, ws_root: Path) -> None:
    out = tmp_path / "site"
    shutil.copytree(ws_root / "site", out)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(out / "es" / SLUG / "rev-1")
    (out / "es" / SLUG / "rev-1").symlink_to(outside, target_is_directory=True)
    with pytest.raises(WgtError, match="is a link"):
        build_site(Workspace.open(ws_root), out, today=TODAY)
    assert list(outside.iterdir()) == []
    target = tmp_path / "victim.html"
    target.write_text("keep me")
    (out / "es" / SLUG / "rev-1").unlink()
    (out / "en" / SLUG / "history.html").unlink()
    (out / "en" / SLUG / "history.html").symlink_to(target)
    build_site(Workspace.open(ws_root), out, today=TODAY)
    assert target.read_text() == "keep me" and not (out / "en" / SLUG / "history.html").is_symlink()


def test_publish_serve_serves_the_site_on_the_loopback_until_stopped(tmp_path: Path, ws_root: Path) -> None:
    env = {**os.environ, "WGT_UI_LANG": "en"}
    out = tmp_path / "site"
    command = [sys.executable, "-c", "from tracker.cli import main; main()", "--workspace", str(ws_root)]
    server = subprocess.Popen(
        [*command, "publish", str(out), "--serve", "--port", "0", "--date", TODAY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        address = None
        for line in server.stdout:
            found = re.search(r"http://127\.0\.0\.1:\d+/", line)
            if found:
                address = found.group(0)
                break
        assert address, server.stderr.read()
        with urllib.request.urlopen(address + f"en/{SLUG}/index.html", timeout=10) as response:
            assert b'class="parallel"' in response.read()
            assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        with urllib.request.urlopen(address, timeout=10) as response:  # a folder: its index.html
            assert b"en/index.html" in response.read()
        with pytest.raises(urllib.error.HTTPError) as listing:
            urllib.request.urlopen(address + "downloads/", timeout=10)
        assert listing.value.code == 404
    finally:
        server.send_signal(signal.SIGTERM)
        rest, errors = server.communicate(timeout=20)
    assert server.returncode == 0 and "Stopped serving." in rest and "Traceback" not in errors
