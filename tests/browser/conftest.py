"""The published site in a real browser: the system's Chromium driven by Playwright, axe-core for accessibility.

* ``story`` — the bundled workspace after the demo's whole negotiation story (made once per session);
* ``site`` — ``wgt publish`` of that workspace into a folder (built once per session);
* ``browser`` — one headless Chromium for the tests, the distribution's own (never a downloaded build);
* ``visited`` — every page of the site opened once from disk (what went wrong, its headings, its verdicts);
* ``page`` — a fresh page at desktop size for each test, its console errors and requests watched;
* ``axe_script`` — axe-core's ``axe.min.js``, installed from the npm registry by ``.ci/run``.

Missing Chromium, Playwright or axe-core skips these tests on a developer's machine (with what to
install) and fails them under CI (``CI`` set), where ``.ci/run`` installs all three: a CI that
skipped them would pass without having looked at one page.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .browser_support import AXE_DIR, CHROMIUM_ARGS, DESKTOP, FACTS, PAPERS_DATE, TIMEOUT_MS, Trouble, Visit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


def unavailable(what: str, how: str) -> None:
    """Skip (a developer's machine) or fail (CI): ``what`` is missing, ``how`` says how to get it."""
    message = f"{what} is not available: {how}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI installs it in .ci/run; under CI the browser tests must run)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    """The distribution's Chromium (``WGT_CHROMIUM`` may name another); Playwright never downloads one."""
    found = os.environ.get("WGT_CHROMIUM") or shutil.which("chromium")
    if not found or not os.access(found, os.X_OK):
        unavailable(f"Chromium ({found or 'chromium on PATH'})", "apt-get install chromium")
    return Path(found)


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """``axe.min.js`` of axe-core (``WGT_AXE_JS``, else where ``.ci/run`` installs it)."""
    path = Path(os.environ.get("WGT_AXE_JS") or AXE_DIR / "node_modules" / "axe-core" / "axe.min.js")
    if not path.is_file():
        unavailable(f"axe-core ({path})", f"npm install --no-save --prefix {AXE_DIR} axe-core@4.14.1")
    return path


@pytest.fixture(scope="session")
def story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled workspace after the demo's negotiation story (``wgt demo``'s part 2)."""
    from tracker.cli.demo import Narrator, S, _story
    from tracker.sources import bundled_root, copy_workspace
    from tracker.trust import witness

    root = tmp_path_factory.mktemp("story") / "story"
    copy_workspace(bundled_root(), root)
    witness.forget(root)
    with pytest.MonkeyPatch.context() as env, contextlib.redirect_stdout(io.StringIO()):
        env.delenv("WGT_WORKSPACE", raising=False)
        env.setenv("WGT_UI_LANG", "en")
        tell = Narrator(verbose=False)
        _story(tell, root)
        tell.run(["mark", S, "op3", "open"], root)  # as the demo does before it publishes
    return root


@pytest.fixture(scope="session")
def site(story: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site ``wgt publish`` writes for the story, built once for all the browser tests."""
    from tracker.publish import build_site
    from tracker.workspace import Workspace

    out = tmp_path_factory.mktemp("published") / "site"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("WGT_UI_LANG", "en")
        report = build_site(Workspace.open(story), out, today=PAPERS_DATE)
    assert report.written, "the first build wrote no page"
    return out.resolve()


@pytest.fixture(scope="module")
def browser(chromium_executable: Path) -> Iterator[Browser]:
    """One headless Chromium for the browser tests (a page per test), closed when they are done.

    Module-scoped, not session-scoped: the rest of the suite runs after these tests, without it.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright", "pip install -e '.[test]'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium_executable), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, site: Path) -> Iterator[Page]:
    """A new page (its own context) at desktop size; ``page.trouble`` collects what went wrong on it."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    new = context.new_page()
    new.trouble = Trouble(site.as_uri() + "/")  # type: ignore[attr-defined]
    new.trouble.watch(new)  # type: ignore[attr-defined]
    yield new
    context.close()


@pytest.fixture(scope="module")
def visited(browser: Browser, site: Path) -> dict[str, Visit]:
    """Every page of the site (``**/*.html``) opened once from disk, by its path under the site.

    Several tests read every page; one walk serves them all, so the suite stays quick.
    """
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        trouble = Trouble(site.as_uri() + "/")
        trouble.watch(page)
        seen = {}
        for path in sorted(site.rglob("*.html")):
            page.goto(path.as_uri(), wait_until="load")
            facts = page.evaluate(FACTS)
            name = path.relative_to(site).as_posix()
            seen[name] = Visit(trouble.take(), [tuple(h) for h in facts["headings"]], facts["verdicts"])
    finally:
        context.close()
    return seen
