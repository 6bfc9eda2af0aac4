"""pwa-size: the JavaScript a phone downloads to open the punch screen, and to open the app at all.

Debian's Chromium at a phone viewport, with no service worker and an empty cache, opens the sign-in
page (the shell: what everyone downloads first) and, signed in, the punch screen `/attendance`. Every
JavaScript file the page loads is counted at its gzip size (level 9, as nginx's gzip_static would
serve it), read from the built front end. The baseline in the same run is the shell.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.server import running_server, session_cookie

REPO_DIR = Path(__file__).resolve().parent.parent
DIST = REPO_DIR / "frontend" / "dist"
CHROMIUM = os.environ.get("OFFICIUM_E2E_CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}


def run(*, quick: bool) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with running_server() as server, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            shell = _scripts(browser, server.base_url, "/login", cookie=None)
            punch = _scripts(browser, server.base_url, "/attendance", cookie=session_cookie(server.base_url, "lina"))
        finally:
            browser.close()
    figures = {
        "punch_initial_js_gzip_kb": _kb(punch),
        "shell_initial_js_gzip_kb": _kb(shell),
        "punch_files": sorted(punch),
        "shell_files": sorted(shell),
    }
    print(
        f"punch screen {figures['punch_initial_js_gzip_kb']} KB gzip of JavaScript "
        f"(shell {figures['shell_initial_js_gzip_kb']} KB)",
        flush=True,
    )
    return {
        "targets": {"punch_initial_js_gzip_kb": 150},
        "baseline": "the sign-in page (the shell every visit starts with), same build, same run",
        **figures,
    }


def _scripts(browser: Any, base_url: str, path: str, *, cookie: str | None) -> set[str]:
    """Paths of the JavaScript files the page loads until the network is idle."""
    context = browser.new_context(
        base_url=base_url, viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block", locale="zh-CN"
    )
    if cookie:
        host = urlsplit(base_url).hostname
        context.add_cookies(
            [
                {"name": k, "value": v, "domain": host, "path": "/"}
                for k, v in (p.split("=", 1) for p in cookie.split("; "))
            ]
        )
    page = context.new_page()
    loaded: set[str] = set()
    page.on(
        "response",
        lambda response: (
            loaded.add(urlsplit(response.url).path) if response.request.resource_type == "script" else None
        ),
    )
    page.goto(path, wait_until="networkidle")
    if path != "/login" and urlsplit(page.url).path != path:
        raise RuntimeError(f"{path} was not shown (landed on {page.url})")
    context.close()
    return loaded


def _kb(paths: set[str]) -> float:
    total = sum(len(gzip.compress((DIST / path.lstrip("/")).read_bytes(), compresslevel=9)) for path in paths)
    return round(total / 1024, 1)
