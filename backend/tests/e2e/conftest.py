"""Browser tests: a real `officium serve` on a fresh data directory, driven by Debian's Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

from officium.devtools.live_server import REPO_DIR, LiveServer, live_server

CHROMIUM = os.environ.get("OFFICIUM_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "Officium-E2E-Pass-2024!"

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


@pytest.fixture(scope="session")
def officium_live() -> Iterator[LiveServer]:
    """A running server with the demo company loaded (its data directory, for commands run beside it)."""
    if not (REPO_DIR / "frontend" / "dist" / "index.html").is_file():
        pytest.fail("the front end is not built: run `make build` (or `cd frontend && npm run build`)")
    with live_server(demo_password=DEMO_PASSWORD) as server:
        yield server


@pytest.fixture(scope="session")
def officium_server(officium_live: LiveServer) -> str:
    """Base URL of a running server with the demo company loaded."""
    return officium_live.base_url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"the browser tests need Chromium at {CHROMIUM}: `make chromium` installs Debian's")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _context(browser: Browser, base_url: str, *, desktop: bool) -> BrowserContext:
    # Chinese is the organisation's language; tests that want English switch to it in the app.
    options = {"viewport": DESKTOP} if desktop else {"viewport": PHONE, "is_mobile": True, "has_touch": True}
    return browser.new_context(base_url=base_url, locale="zh-CN", timezone_id="Asia/Shanghai", **options)


@pytest.fixture
def phone(browser: Browser, officium_server: str) -> Iterator[BrowserContext]:
    """A fresh phone-sized browser profile (no cookies, storage or service worker)."""
    context = _context(browser, officium_server, desktop=False)
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def desktop(browser: Browser, officium_server: str) -> Iterator[BrowserContext]:
    """A fresh desktop-sized browser profile."""
    context = _context(browser, officium_server, desktop=True)
    context.set_default_timeout(15_000)
    yield context
    context.close()
