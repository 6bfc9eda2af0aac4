"""Browser tests: a real `officium serve` on a fresh data directory, driven by Debian's Chromium."""

from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

REPO_DIR = Path(__file__).resolve().parents[3]
OFFICIUM = Path(sys.executable).with_name("officium")
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
# Our own range, away from a developer's `make run` on 8000.
PORT_RANGE = range(18100, 18999)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


def _free_port() -> int:
    # Random order: two runs on one machine (a developer's and CI's) rarely pick the same port.
    for port in random.sample(PORT_RANGE, len(PORT_RANGE)):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORT_RANGE}")


def _server_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # A fresh, private installation: CI may point OFFICIUM_DATABASE_URL / OFFICIUM_REDIS_URL at
    # shared services for the rest of the suite; the demo company must not land there.
    for name in ("OFFICIUM_DATABASE_URL", "OFFICIUM_REDIS_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update(OFFICIUM_DATA_DIR=str(data_dir), OFFICIUM_ENVIRONMENT="development", PYTHONUNBUFFERED="1")
    return env


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"officium serve exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        # Until uvicorn says it listens, a 200 could come from someone else's server on that port.
        if "Uvicorn running on" not in log.read_text(errors="replace"):
            time.sleep(0.25)
            continue
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url} did not answer 200 within {timeout} s:\n{log.read_text()[-4000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def officium_server() -> Iterator[str]:
    """Base URL of a running server with the demo company loaded."""
    if not (REPO_DIR / "frontend" / "dist" / "index.html").is_file():
        pytest.fail("the front end is not built: run `make build` (or `cd frontend && npm run build`)")
    data_dir = Path(tempfile.mkdtemp(prefix="officium-e2e-"))
    env = _server_env(data_dir)
    for command in (["migrate"], ["demo", "--password", DEMO_PASSWORD]):
        subprocess.run([str(OFFICIUM), *command], env=env, cwd=REPO_DIR, check=True, capture_output=True)
    log = data_dir / "serve.log"
    # Another process may take the port between our probe and the server's bind: then try another.
    for _attempt in range(3):
        port = _free_port()
        with log.open("wb") as output:
            process = subprocess.Popen(
                [str(OFFICIUM), "serve", "--host", "127.0.0.1", "--port", str(port)],
                env=env,
                cwd=REPO_DIR,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_until_healthy(f"http://127.0.0.1:{port}/healthz", process, log)
            break
        except RuntimeError:
            _stop(process)
            if "address already in use" not in log.read_text():
                raise
    else:
        pytest.fail(f"could not start the server on a free port:\n{log.read_text()[-4000:]}")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)
        shutil.rmtree(data_dir, ignore_errors=True)


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
