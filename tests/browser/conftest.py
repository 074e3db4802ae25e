"""A real browser against the real app: headless Chromium (Debian's package, driven by
Playwright's Python package through ``executable_path``) on the pages served over the seeded
store, and axe-core (``tests/browser/package.json``, installed by ``make test``) for
accessibility.

Screenshots go to ``$SCREENSHOT_DIR`` (default ``build/screenshots``), where CI keeps them.
In CI (``CI`` set) a missing browser or axe-core fails the run instead of skipping it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from attribution import create_app

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
#: Chromium as this machine's closed network wants it: nothing fetched in the background.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI: {what} (make test installs it)")
    pytest.skip(what)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    where = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "build" / "screenshots"))
    where.mkdir(parents=True, exist_ok=True)
    return where


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        _missing(f"axe-core is not installed at {AXE}")
    return AXE


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        _missing(f"no Chromium at {CHROMIUM}")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site(seeded_url: str) -> Iterator[str]:
    """The app serving the seeded store over HTTP on a free local port."""
    app = create_app({"TESTING": True, "DATABASE_URL": seeded_url})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(params=["desktop", "phone"])
def page(request: pytest.FixtureRequest, browser: object) -> Iterator[object]:
    """A fresh page at desktop or phone size (``page.screen`` names which)."""
    viewport = DESKTOP if request.param == "desktop" else PHONE
    context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
    opened = context.new_page()
    opened.screen = request.param
    yield opened
    context.close()
