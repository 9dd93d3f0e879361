"""The site for people who do not read it with a mouse and good eyes: axe-core's WCAG 2.1 AA rules on the main
pages at desktop and phone widths, headings in order on every page, and the keyboard's way in (the skip link,
focus that shows).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from browser_support import DESKTOP, PHONE, SLUG, TIMEOUT_MS, site_url

pytestmark = pytest.mark.browser

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


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", list(MAIN_PAGES))
def test_axe_finds_no_wcag_21_aa_violation(browser, site: Path, axe_script: Path, name: str, size: dict) -> None:
    context = browser.new_context(viewport=size)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(site_url(site, MAIN_PAGES[name]))
        if name == "search":
            page.wait_for_selector("#search-results li.search-result")
        page.add_script_tag(path=str(axe_script))
        violations = page.evaluate(_AXE_RUN, WCAG_TAGS)
    finally:
        context.close()
    assert not violations, f"axe-core on {MAIN_PAGES[name]} at {size['width']}px:\n" + _readable(violations)


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
