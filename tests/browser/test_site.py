"""The published site as a reader meets it in Chromium: from disk and from ``wgt publish --serve``.

Every page loads with no error and asks for nothing outside the site; the language switch keeps
the paragraph; a search without accents finds the Spanish paragraph and its link scrolls to it; a
paragraph under negotiation shows its brackets and its status; an amendment page shows the
signatures it verified, with the signer's key fingerprint. And for people who do not read with a
mouse and good eyes: axe-core's WCAG 2.1 AA rules on the main pages at desktop and phone widths,
headings in order on every page, the keyboard's way in (the skip link) and focus that shows.
"""

from __future__ import annotations

import itertools
import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .browser_support import DESKTOP, PAPERS_DATE, PHONE, REPO_ROOT, SLUG, TIMEOUT_MS, Trouble, assert_in_view, site_url

pytestmark = pytest.mark.browser

DOCUMENT = f"en/{SLUG}/index.html"
#: A Spanish word of the story's text, typed as people do without its accent (the text has "protección").
UNACCENTED, ACCENTED = "proteccion", "protección"
#: How long ``wgt publish --serve`` may take to build and print its address.
SERVE_START_S = 180


def _unit_id(page, label: str) -> str:
    """The id of the paragraph whose ``.unit-link`` reads ``label`` (op5, pp3…) on the open page."""
    found = page.evaluate(
        """label => [...document.querySelectorAll('section.unit')]
            .find(s => s.querySelector('.unit-link')?.textContent.trim() === label)?.id""",
        label,
    )
    assert found, f"no section.unit whose .unit-link reads {label!r} on {page.url}"
    return found


def _fragment(url: str) -> str:
    return unquote(urlsplit(url).fragment)


def test_every_page_loads_from_disk_with_no_error_and_no_request_outside_the_site(visited) -> None:
    assert len(visited) > 20, f"only {len(visited)} pages in the site"
    problems = {name: visit.trouble for name, visit in visited.items() if visit.trouble}
    assert not problems, _grouped(problems)


def _grouped(problems: dict[str, list[str]]) -> str:
    """The problems of many pages, each list of problems said once with the pages that have it."""
    pages: dict[tuple[str, ...], list[str]] = {}
    for name, seen in problems.items():
        pages.setdefault(tuple(dict.fromkeys(seen)), []).append(name)
    said = []
    for seen, names in pages.items():
        where = ", ".join(names[:8]) + (f" and {len(names) - 8} more pages" if len(names) > 8 else "")
        said.append(f"{where}:\n  " + "\n  ".join(seen))
    return "\n".join(said)


@pytest.fixture
def served(story: Path, site: Path) -> Iterator[str]:
    """``wgt publish SITE --serve --port 0`` in a process of its own, on the session's site: the address it prints.

    It builds into the site already built (nothing has changed: little is drawn again), then serves.
    The process is stopped (SIGTERM, then killed if it lingers) and waited for whatever the test did.
    """
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])))
    command = [sys.executable, "-c", "import sys; sys.argv[0] = 'wgt'; from tracker.cli.main import main; main()"]
    command += ["--workspace", str(story), "publish", str(site), "--date", PAPERS_DATE, "--serve", "--port", "0"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True, env=env
    )
    lines: queue.Queue[str | None] = queue.Queue()
    output: list[str] = []

    def read() -> None:
        for line in process.stdout:
            output.append(line)
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        address = None
        while address is None:
            try:
                line = lines.get(timeout=SERVE_START_S)
            except queue.Empty:
                pytest.fail(f"wgt publish --serve printed no address in {SERVE_START_S} s:\n{''.join(output)}")
            if line is None:
                process.wait(timeout=10)
                pytest.fail(f"wgt publish --serve exited ({process.returncode}) before serving:\n{''.join(output)}")
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            address = found and found.group(0)
        yield address
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
    assert "Traceback" not in "".join(output), "wgt publish --serve printed a traceback:\n" + "".join(output)


def test_served_pages_load_with_no_error_and_no_request_but_to_the_server(browser, served: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    trouble = Trouble(served)
    trouble.watch(page)
    problems = {}
    try:
        for address in (
            "",
            "en/index.html",
            DOCUMENT,
            f"es/{SLUG}/index.html",
            f"en/{SLUG}/rev-1/changes.html",
            f"es/{SLUG}/amendments/MX-3.html",
            f"es/search.html?q={UNACCENTED}",
        ):
            response = page.goto(served + address, wait_until="load")
            seen = trouble.take()
            if response is None or response.status != 200:
                seen.append(f"HTTP status {response and response.status}")
            if address.startswith("es/search.html"):
                page.wait_for_selector("#search-results li.search-result")
            if not page.locator('link[rel~="icon"]').count() and page.request.get(served + "favicon.ico").status != 200:
                # Then every browser asks the server for /favicon.ico anyway, and logs the 404 as a console error.
                seen.append("no <link rel=icon> on the page and no /favicon.ico on the server")
            if seen:
                problems[address or "/"] = seen
        page.wait_for_timeout(300)
        if late := trouble.take():  # what the last page (or the browser, for its icon) asked for afterwards
            problems["after the last page"] = late
    finally:
        context.close()
    assert not problems, _grouped(problems)


def test_language_switch_keeps_the_paragraph_in_view(page, site: Path) -> None:
    page.goto(site_url(site, DOCUMENT))
    unit = _unit_id(page, "op5")
    page.evaluate("id => document.getElementById(id).scrollIntoView({block: 'start'})", unit)
    page.wait_for_timeout(200)  # a scroll event handler, if the page has one, has run
    page.click("a.lang-switch")
    page.wait_for_url(f"**/es/{SLUG}/index.html*")
    assert _fragment(page.url) == unit, f"the Spanish page opened at {page.url!r}, not on #{unit} (op5)"
    assert_in_view(page, unit)


def test_language_switch_by_keyboard_keeps_the_paragraph_the_page_was_opened_on(page, site: Path) -> None:
    page.goto(site_url(site, DOCUMENT))
    unit = _unit_id(page, "op3")
    page.goto(site_url(site, f"{DOCUMENT}#{unit}"))
    page.focus("a.lang-switch")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/es/{SLUG}/index.html*")
    assert _fragment(page.url) == unit, f"the Spanish page opened at {page.url!r}, not on #{unit} (op3)"
    assert_in_view(page, unit)


def test_the_paragraph_a_link_points_to_is_highlighted_below_the_header(page, site: Path) -> None:
    page.goto(site_url(site, DOCUMENT))
    target, other = _unit_id(page, "op3"), _unit_id(page, "op4")
    page.goto(site_url(site, f"{DOCUMENT}#{target}"))
    looks = page.evaluate(
        """ids => ids.map(id => { const s = getComputedStyle(document.getElementById(id));
            return [s.backgroundColor, s.outlineStyle, s.outlineColor, s.boxShadow, s.borderLeftColor]; })""",
        [target, other],
    )
    assert looks[0] != looks[1], f"#{target} (:target) looks like any other paragraph: {looks[0]}"
    assert_in_view(page, target)


@pytest.mark.parametrize(("ui", "typed"), [("en", UNACCENTED), ("es", UNACCENTED.upper())])
def test_search_without_accents_finds_the_spanish_paragraph_and_its_link_scrolls_to_it(
    page, site: Path, ui: str, typed: str
) -> None:
    page.goto(site_url(site, f"{ui}/search.html?q={typed}"))
    page.wait_for_selector("#search-results li.search-result")
    assert page.input_value("#search-q") == typed, "the search box does not show the words searched for"
    assert page.text_content("#search-status").strip(), "#search-status says nothing about the results"
    hits = page.locator(f'#search-results li.search-result.kind-paragraph[lang="es"]:has-text("{ACCENTED}")')
    assert hits.count(), (
        f"no Spanish paragraph with {ACCENTED!r} among the results for {typed!r}:\n"
        + page.inner_text("#search-results")[:2000]
    )
    hits.first.locator("a").first.click()
    page.wait_for_url(lambda url: "#" in url and "/search.html" not in url)
    unit = _fragment(page.url)
    target = page.locator(f'[id="{unit}"]')
    assert target.count() == 1 and "unit" in (target.get_attribute("class") or "").split(), (
        f"the result's link leads to #{unit}, which is not a section.unit of {page.url}"
    )
    assert ACCENTED in target.locator('[lang="es"]').first.inner_text().lower(), (
        f"#{unit}'s Spanish text has no {ACCENTED!r}"
    )
    assert_in_view(page, unit)


#: What each paragraph's text and badge show on the English page, read from the DOM.
_UNITS = """() => [...document.querySelectorAll('section.unit')].map(s => {
    const text = lang => {
        const p = s.querySelector(`.col[lang="${lang}"] .text`);
        if (!p) return null;
        const copy = p.cloneNode(true);
        copy.querySelectorAll('.num').forEach(n => n.remove());
        return copy.textContent.trim();
    };
    const badge = s.querySelector('.unit-bar .status');
    return {id: s.id, label: s.querySelector('.unit-link')?.textContent.trim(), classes: [...s.classList],
            en: text('en'), es: text('es'), badge: badge && badge.textContent.trim(),
            badgeClasses: badge ? [...badge.classList] : [], badgeShown: !!badge && badge.offsetParent !== null};
})"""


def test_a_paragraph_in_brackets_is_shown_bracketed_and_an_agreed_one_shows_its_status(page, site: Path) -> None:
    page.goto(site_url(site, DOCUMENT))
    units = {unit["label"]: unit for unit in page.evaluate(_UNITS)}
    opened = [u for u in units.values() if "status-open" in u["classes"]]
    assert "op3" in [u["label"] for u in opened], "op3 (the demo's chair put it back in brackets) is not status-open"
    unbracketed = [
        f"{u['label']} ({lang}): {u[lang][:60]!r}…{u[lang][-20:]!r}"
        for u in opened
        for lang in ("en", "es")
        if u[lang] and not (u[lang].startswith("[") and u[lang].endswith("]"))
    ]
    assert not unbracketed, "open paragraphs whose text is not in square brackets:\n  " + "\n  ".join(unbracketed)
    wrong_badge = [
        f"{u['label']}: {u['badge']!r} {u['badgeClasses']}"
        for u in opened
        if u["badge"] != "In brackets" or "status-open" not in u["badgeClasses"] or not u["badgeShown"]
    ]
    assert not wrong_badge, "open paragraphs without a visible 'In brackets' badge:\n  " + "\n  ".join(wrong_badge)
    assert page.locator("p.legend").is_visible(), "no visible legend saying what the brackets mean"
    for label, status, badge in (("op1", "agreed", "Agreed"), ("op2", "ad_referendum", "Agreed ad referendum")):
        unit = units.get(label)
        assert unit, f"no {label} on the document page"
        assert f"status-{status}" in unit["classes"], f"{label} is not marked status-{status}: {unit['classes']}"
        assert unit["badge"] == badge and unit["badgeShown"], f"{label}'s badge reads {unit['badge']!r}, not {badge!r}"
        assert not unit["en"].startswith("["), f"{label} is agreed but shown in brackets"


def test_the_phone_shows_one_language_the_desktop_both(browser, site: Path) -> None:
    for size, shown in ((DESKTOP, {"es": True, "en": True}), (PHONE, {"es": True, "en": False})):
        context = browser.new_context(viewport=size)
        try:
            page = context.new_page()
            page.goto(site_url(site, f"es/{SLUG}/index.html"), timeout=TIMEOUT_MS)
            for lang, visible in shown.items():
                column = page.locator(f'section.unit .col[lang="{lang}"]').first
                assert column.is_visible() == visible, (
                    f"at {size['width']}px the {lang} column is {'hidden' if visible else 'shown'} on the Spanish page"
                )
        finally:
            context.close()


def test_pages_are_readable_without_javascript(browser, site: Path) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        for address, selector in ((DOCUMENT, "section.unit .text"), (f"en/{SLUG}/amendments/MX-3.html", "main h1")):
            page.goto(site_url(site, address), timeout=TIMEOUT_MS)
            assert page.locator(selector).first.is_visible(), f"{address} shows no {selector} without JavaScript"
    finally:
        context.close()


def _codes(cell: str) -> list[str]:
    """The participant codes a table cell names ("Mexico (MX)" or "MX")."""
    return re.findall(r"\(([A-Z]{2,5})\)", cell) + ([cell] if re.fullmatch(r"[A-Z]{2,5}", cell) else [])


def _fingerprint(code: str) -> str:
    """The fingerprint of ``code``'s demo key (the keys the story was signed with)."""
    from tracker.trust.keys import fingerprint, load_private_key, public_text

    return fingerprint(public_text(load_private_key(code)))


@pytest.mark.parametrize("ui", ["en", "es"])
def test_an_amendment_page_shows_its_verified_signatures_with_the_signers_fingerprints(
    page, site: Path, visited, ui: str
) -> None:
    page.goto(site_url(site, f"{ui}/{SLUG}/amendments/MX-3.html"))
    assert page.locator(".signatures .verification.verified").is_visible(), "MX-3 does not show its signatures verified"
    assert not page.locator(".verification.failed").count(), "MX-3 shows a failed verification"
    rows = page.evaluate(
        """() => [...document.querySelectorAll('.signatures tr')].filter(r => r.querySelector('code.fingerprint'))
            .map(r => ({cells: [...r.cells].map(c => c.textContent.trim()),
                        print: r.querySelector('code.fingerprint').textContent.trim()}))"""
    )
    # The signer's cell names the participant with its code: "Mexico (MX)", "México (MX)", or "MX" alone.
    named = [(sorted({code for cell in row["cells"] for code in _codes(cell)}), row) for row in rows]
    unnamed = [row["cells"] for codes, row in named if len(codes) != 1]
    assert not unnamed, f"signature rows that do not name one signer by its code: {unnamed}"
    assert any(codes == ["MX"] for codes, _row in named), f"no signature row of MX (the proposer): {rows}"
    wrong = [(codes[0], row["print"]) for codes, row in named if row["print"] != _fingerprint(codes[0])]
    assert not wrong, f"fingerprints that are not the signer's key: {wrong}"
    pages = {name: visit.verdicts for name, visit in visited.items() if f"{ui}/{SLUG}/amendments/" in name}
    unverified = {name: v for name, v in pages.items() if not name.endswith("/index.html") and v != ["verified"]}
    assert len(pages) > 5 and not unverified, f"amendment pages not saying their signatures verified: {unverified}"


#: The main pages (under the site), each a reader reaches in a click or two.
MAIN_PAGES = {
    "home": "index.html",
    "index": "en/index.html",
    "document": f"en/{SLUG}/index.html",
    "document-es": f"es/{SLUG}/index.html",
    "revision": f"en/{SLUG}/rev-1/index.html",
    "changes": f"en/{SLUG}/rev-2/changes.html",
    "history": f"en/{SLUG}/history.html",
    "amendments": f"en/{SLUG}/amendments/index.html",
    "amendment": f"es/{SLUG}/amendments/MX-3.html",
    "compilation": f"en/{SLUG}/compilation.html",
    "annex": f"en/{SLUG}/annex.html",
    "report": f"en/{SLUG}/report.html",
    "search": "es/search.html?q=proteccion",
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: axe-core's violations, cut down to what a person fixing them needs.
_AXE_RUN = """async tags => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160), why: n.failureSummary}))}));
}"""


def _readable(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {violation['url']}")
        for node in violation["nodes"][:6]:
            lines.append(f"    {node['target']}: {node['html']}")
            lines += [f"        {why}" for why in (node["why"] or "").splitlines()]
        if len(violation["nodes"]) > 6:
            lines.append(f"    … and {len(violation['nodes']) - 6} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(MAIN_PAGES))
def test_axe_finds_no_wcag_21_aa_violation_at_desktop_and_phone_widths(
    axe_script: Path, page, site: Path, name: str
) -> None:
    page.goto(site_url(site, MAIN_PAGES[name]))
    if name == "search":
        page.wait_for_selector("#search-results li.search-result")
    page.add_script_tag(path=str(axe_script))
    found = []
    # One page at both widths: resizing applies the phone's media queries as a phone's load would, and axe is
    # injected once (parsing it is a good part of a run).
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        violations = page.evaluate(_AXE_RUN, WCAG_TAGS)
        if violations:
            found.append(f"axe-core on {MAIN_PAGES[name]} at {size['width']}px:\n" + _readable(violations))
    assert not found, "\n".join(found)


def _heading_faults(headings: list[tuple[int, str]]) -> list[str]:
    """One h1, first; no heading more than one level below the one before it (no h3 straight after an h1)."""
    levels = [level for level, _text in headings]
    faults = [] if levels.count(1) == 1 else [f"{levels.count(1)} h1 elements (one wanted)"]
    if levels and levels[0] != 1:
        faults.append(f"the first heading is an h{levels[0]}, not the h1")
    for (before, _b), (level, text) in itertools.pairwise(headings):
        if level > before + 1:
            faults.append(f"h{level} {text[:50]!r} follows an h{before}")
    return faults


def test_every_page_has_one_h1_and_its_headings_in_order(visited) -> None:
    problems = {name: faults for name, visit in visited.items() if (faults := _heading_faults(visit.headings))}
    assert not problems, "\n".join(f"{name}: " + "; ".join(faults) for name, faults in problems.items())


#: Whether the focused element shows it has the focus (an outline or a shadow), and where it is.
_FOCUSED = """() => {
    const e = document.activeElement, style = getComputedStyle(e), box = e.getBoundingClientRect();
    return {tag: e.tagName.toLowerCase(), id: e.id, classes: [...e.classList], text: e.textContent.trim().slice(0, 40),
            ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
            onScreen: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
                      && box.bottom <= innerHeight && box.right <= innerWidth};
}"""


@pytest.mark.parametrize("name", ["home", "document", "amendment", "search"])
def test_the_first_tab_reaches_the_skip_link_which_moves_the_focus_to_the_text(page, site: Path, name: str) -> None:
    page.goto(site_url(site, MAIN_PAGES[name]))
    page.keyboard.press("Tab")
    focused = page.evaluate(_FOCUSED)
    assert "skip-link" in focused["classes"], f"the first Tab on {MAIN_PAGES[name]} reaches {focused}, not a.skip-link"
    assert focused["onScreen"] and focused["ring"], f"the focused skip link is not visible with its focus: {focused}"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'", timeout=3000)


def test_the_focus_shows_on_every_control_of_the_header_and_the_text(page, site: Path) -> None:
    page.goto(site_url(site, MAIN_PAGES["document"]))
    unseen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused["tag"] == "body":
            break
        if not (focused["ring"] and focused["onScreen"]):
            unseen.append(focused)
    assert not unseen, "focused elements that do not show it (no outline or shadow, or off screen):\n" + "\n".join(
        map(str, unseen)
    )
