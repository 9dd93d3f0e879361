"""The published site's front-end files (tracker/publish/assets/): offline, safe with hostile text, readable.

The site must work from ``file://`` and ask nothing of any server, so the stylesheet loads nothing
(no ``url()``, no ``@import``) and the scripts make no request; the texts the search page shows come
from the delegations, so no script writes HTML from data. Every text colour of the stylesheet is
checked against its background with the WCAG 2.1 formula (AA: 4.5:1 for text, 3:1 for focus rings,
borders and other marks that carry meaning), and the table below must name every colour the
stylesheet uses, so that a new colour cannot go unchecked. The vendored MiniSearch is the file the
vendor README records (its sha256), as ``scripts/vendor-assets`` copies it from the npm registry.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "tracker" / "publish" / "assets"
VENDOR = ASSETS / "vendor"
CSS = ASSETS / "site.css"
SCRIPTS = [ASSETS / "site.js", ASSETS / "search.js"]

TEXT = 4.5  # WCAG 2.1 AA, 1.4.3: normal text
MARK = 3.0  # WCAG 2.1 AA, 1.4.11: focus rings, borders of inputs, status edges

#: (foreground, background, minimum ratio, where site.css uses it)
PAIRS = [
    ("#1b1b1b", "#ffffff", TEXT, "text on the page"),
    ("#1b1b1b", "#f3f3f0", TEXT, "text in the footer, legend and table heads"),
    ("#1b1b1b", "#fff4c2", TEXT, "text of the paragraph a link points at"),
    ("#1b1b1b", "#ffe27a", TEXT, "a search hit (<mark>)"),
    ("#4f4f4f", "#ffffff", TEXT, "secondary text: unit bar, facts, record status, notes of a document"),
    ("#4f4f4f", "#f3f3f0", TEXT, "secondary text on a tint"),
    ("#4f4f4f", "#fff4c2", TEXT, "the unit bar of the paragraph a link points at"),
    ("#0b4a8b", "#ffffff", TEXT, "links"),
    ("#0b4a8b", "#f3f3f0", TEXT, "links in the footer"),
    ("#0b4a8b", "#fff4c2", TEXT, "links in the paragraph a link points at"),
    ("#5a2a86", "#ffffff", TEXT, "visited links"),
    ("#5a2a86", "#f3f3f0", TEXT, "visited links in the footer"),
    ("#5a2a86", "#fff4c2", TEXT, "visited links in the paragraph a link points at"),
    ("#ffffff", "#16324f", TEXT, "the header, the skip link, buttons, the floating language switch"),
    ("#d3dde8", "#16324f", TEXT, "breadcrumbs"),
    ("#5e5e5e", "#ffffff", TEXT, "placeholder text of the search boxes"),
    ("#14532d", "#ffffff", TEXT, "the badge Agreed; an accepted record"),
    ("#14532d", "#dcefe1", TEXT, "signatures verified"),
    ("#14532d", "#fff4c2", TEXT, "an accepted record in the paragraph a link points at"),
    ("#5c3c00", "#fcefc7", TEXT, "the badge Agreed ad referendum"),
    ("#8a1c13", "#fbe3df", TEXT, "the badge In brackets; signatures that failed"),
    ("#8a1c13", "#ffffff", TEXT, "a rejected record"),
    ("#8a1c13", "#fff4c2", TEXT, "a rejected record in the paragraph a link points at"),
    ("#05631f", "#e6f4ea", TEXT, "inserted text (<ins>)"),
    ("#a50e0e", "#fce8e6", TEXT, "deleted text (<del>)"),
    ("#a50e0e", "#ffffff", TEXT, "a document's flag"),
    ("#000000", "#ffffff", TEXT, "paper"),
    ("#1658c4", "#ffffff", MARK, "focus ring"),
    ("#1658c4", "#fff4c2", MARK, "focus ring in the paragraph a link points at"),
    ("#ffd24d", "#16324f", MARK, "focus ring in the header"),
    ("#8a8a8a", "#ffffff", MARK, "borders of inputs and tables"),
    ("#8c6a00", "#fff4c2", MARK, "the edge of the paragraph a link points at"),
    ("#8c6a00", "#ffffff", MARK, "the edge of the paragraph a link points at, against the page"),
    ("#5c3c00", "#ffffff", MARK, "the edge of a paragraph agreed ad referendum"),
]
#: Colours that carry no meaning (a reader loses nothing who cannot see them).
DECORATIVE = {"#d4d4d0": "hairline separators"}


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio, from 1 (the same colour) to 21 (black on white)."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def long_hex(colour: str) -> str:
    """``#abc`` -> ``#aabbcc``, lower case."""
    colour = colour.lower()
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def css_colours() -> set[str]:
    return {long_hex(c) for c in re.findall(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", CSS.read_text(encoding="utf-8"))}


def test_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-failing grey


@pytest.mark.parametrize(("foreground", "background", "minimum", "use"), PAIRS, ids=[p[3] for p in PAIRS])
def test_contrast(foreground: str, background: str, minimum: float, use: str):
    ratio = contrast(foreground, background)
    assert ratio >= minimum, f"{use}: {foreground} on {background} is {ratio:.2f}:1, below {minimum}:1"


def test_table_matches_stylesheet():
    used = css_colours()
    listed = {c for pair in PAIRS for c in pair[:2]}
    assert listed <= used, f"the contrast table names colours site.css no longer uses: {sorted(listed - used)}"
    unchecked = used - listed - set(DECORATIVE)
    assert not unchecked, f"site.css uses colours the contrast table does not check: {sorted(unchecked)}"


def test_stylesheet_loads_nothing():
    text = CSS.read_text(encoding="utf-8").lower()
    for needle in ("url(", "@import", "http:", "https:", "@font-face"):
        assert needle not in text, f"site.css contains {needle!r}: the site must load nothing"


def test_stylesheet_has_what_the_contract_needs():
    text = CSS.read_text(encoding="utf-8")
    for needle in (
        ":focus-visible",
        ".skip-link:focus",
        "section.unit:target",
        "scroll-margin-top",
        "@media print",
        "prefers-reduced-motion",
        "hyphens: auto",
        ".col-secondary { display: none; }",
        ".table-wrap",
        "code.fingerprint",
    ):
        assert needle in text, f"site.css lacks {needle!r}"


#: What neither script may contain: HTML written from strings, requests of any kind, addresses.
FORBIDDEN = (
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
    "eval(",
    "fetch(",
    "XMLHttpRequest",
    "sendBeacon",
    "WebSocket",
    "import(",
    "http://",
    "https://",
)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_scripts_request_nothing_and_write_no_html(script: Path):
    text = script.read_text(encoding="utf-8")
    for needle in FORBIDDEN:
        assert needle not in text, f"{script.name} contains {needle!r}"
    # events are listened to, never written as attributes (onclick=…)
    assert not re.search(r"""setAttribute\(\s*['"]on|\.on[a-z]+\s*=""", text), (
        f"{script.name} sets an inline event handler"
    )


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_scripts_parse(script: Path):
    done = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_vendored_minisearch_is_the_recorded_file():
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"sha256 of `minisearch\.min\.js`: `([0-9a-f]{64})`", readme)
    assert recorded, "vendor/README.md records no sha256 for minisearch.min.js"
    actual = hashlib.sha256((VENDOR / "minisearch.min.js").read_bytes()).hexdigest()
    assert actual == recorded.group(1), (
        "minisearch.min.js is not the file vendor/README.md records: run scripts/vendor-assets"
    )
    assert re.search(r"^- Version: \d+\.\d+\.\d+$", readme, re.M), "vendor/README.md names no version for the script"


def test_vendored_minisearch_defines_the_global_and_keeps_its_licence():
    code = (VENDOR / "minisearch.min.js").read_text(encoding="utf-8")
    assert "global.MiniSearch = factory()" in code, "not the UMD build: a plain <script> would define no MiniSearch"
    licence = (VENDOR / "minisearch.LICENSE.txt").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in licence and "Luca Ongaro" in licence


def test_vendor_script_is_executable():
    script = ROOT / "scripts" / "vendor-assets"
    assert os.access(script, os.X_OK)
    assert script.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash")
