"""What the browser tests share: the site's fixed names, the window sizes, and helpers that read a page."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO_ROOT = Path(__file__).resolve().parents[2]
SYMBOL = "CAJP/GT/TM-38/05"
SLUG = "cajp-gt-tm-38-05"
#: The date of the compilation and the report, as ``wgt demo`` publishes them.
PAPERS_DATE = "2005-03-18"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: Where ``.ci/run`` installs axe-core (``npm install --prefix``), unless ``WGT_AXE_JS`` names the file.
AXE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "wgt-axe"
#: Chromium's own traffic off (updates, sync, field trials): this machine reaches no network, and a test browser
#: has nothing to fetch but the site's files.
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"]
#: Any step of a page slower than this is a hang, not a slow machine (the pages are local files).
TIMEOUT_MS = 15_000


@dataclass
class Trouble:
    """What went wrong while a page loaded: console errors, uncaught exceptions, requests it should not make."""

    allowed: str
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("request", self._request)
        page.on("requestfailed", lambda request: self.failed.append(f"{request.url} ({request.failure})"))
        page.on(
            "response",
            lambda response: response.status >= 400 and self.failed.append(f"{response.url} (HTTP {response.status})"),
        )

    def _console(self, message: Any) -> None:
        if message.type == "error":
            source = (message.location or {}).get("url")
            self.errors.append(f"console: {message.text}" + (f" ({source})" if source else ""))

    def _request(self, request: Any) -> None:
        url = request.url
        # data: and blob: URLs are the page's own bytes; anything else must be a file of the site.
        if not (url.startswith(self.allowed) or url.startswith(("data:", "blob:", "about:blank"))):
            self.outside.append(url)

    def take(self) -> list[str]:
        """Everything seen since the last call (and forget it)."""
        seen = [*self.errors, *(f"request outside the site: {u}" for u in self.outside)]
        seen += [f"failed request: {u}" for u in self.failed]
        self.errors.clear()
        self.outside.clear()
        self.failed.clear()
        return seen


def site_url(site: Path, address: str) -> str:
    """The ``file://`` URL of ``address`` (a path under the site, with any ``?query`` or ``#hash``)."""
    cut = min((i for i in (address.find("?"), address.find("#")) if i >= 0), default=len(address))
    return (site / address[:cut]).as_uri() + address[cut:]


#: What the tests read of every page: its headings (level, text) in order, and its signatures' verdicts.
FACTS = """() => ({
    headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => [+h.tagName[1], h.textContent.trim()]),
    verdicts: [...document.querySelectorAll('.verification')].map(p => p.classList.contains('verified') ? 'verified'
                                                                  : p.classList.contains('failed') ? 'failed' : '?'),
})"""


@dataclass
class Visit:
    """One page opened from disk: what went wrong while it loaded, its headings and its signatures' verdicts."""

    trouble: list[str]
    headings: list[tuple[int, str]]
    verdicts: list[str]


#: Where an element is against the viewport, and the bottom of a header that stays on screen (sticky or fixed).
_WHERE = """id => {
    const box = document.getElementById(id).getBoundingClientRect();
    const header = document.querySelector('.site-header');
    const stays = header && ['sticky', 'fixed'].includes(getComputedStyle(header).position);
    return {top: box.top, height: innerHeight, cover: stays ? header.getBoundingClientRect().bottom : 0};
}"""


def assert_in_view(page: Page, unit_id: str) -> None:
    """The start of ``unit_id`` is on screen, below any header that stays put.

    Waits a little first: a page may scroll smoothly to its target.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):  # the assertion below says where it is
        page.wait_for_function(
            f"id => {{ const w = ({_WHERE})(id); return w.cover - 1 <= w.top && w.top < w.height; }}",
            arg=unit_id,
            timeout=3000,
        )
    where = page.evaluate(_WHERE, unit_id)
    assert where["cover"] - 1 <= where["top"] < where["height"], (
        f"#{unit_id} is not in view on {page.url}: its top is at {where['top']:.0f}px, "
        f"the window shows {where['cover']:.0f}–{where['height']:.0f}px"
    )
