"""A real `officium serve` on a scratch data directory (SQLite) or a scratch PostgreSQL database."""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg

REPO_DIR = Path(__file__).resolve().parent.parent
OFFICIUM = Path(sys.executable).with_name("officium")
DEMO_PASSWORD = "Bench-Demo-Password-2026"
POSTGRES_ADMIN_URL = os.environ.get("OFFICIUM_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


@dataclass(frozen=True)
class Server:
    base_url: str
    pid: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def scratch_postgres(name: str) -> Iterator[str]:
    """A new empty database, dropped afterwards; yields its URL."""
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _environment(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OFFICIUM_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(OFFICIUM_ENVIRONMENT="development", OFFICIUM_DATA_DIR=str(data_dir), OFFICIUM_DEBUG="false")
    if database_url:
        env["OFFICIUM_DATABASE_URL"] = database_url
    return env


@contextlib.contextmanager
def running_server(database_url: str | None = None) -> Iterator[Server]:
    """Migrate, load the demo company, serve; stop and clean up afterwards."""
    data_dir = Path(tempfile.mkdtemp(prefix="officium-bench-"))
    env = _environment(data_dir, database_url)
    for command in (["migrate", "--verbosity", "0"], ["demo", "--password", DEMO_PASSWORD]):
        subprocess.run([str(OFFICIUM), *command], env=env, cwd=REPO_DIR, check=True, capture_output=True)
    port = free_port()
    log = (data_dir / "serve.log").open("wb")
    process = subprocess.Popen(
        [str(OFFICIUM), "serve", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env,
        cwd=REPO_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base_url}/readyz", process)
        yield Server(base_url=base_url, pid=process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def _wait_for(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"officium serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url} was not ready within {timeout} s")


def session_cookie(base_url: str, username: str) -> str:
    """Sign in through the real login API as a browser would; returns the Cookie header value."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base_url}/login").read()
    csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    request = urllib.request.Request(
        f"{base_url}/_allauth/browser/v1/auth/login",
        data=json.dumps({"username": username, "password": DEMO_PASSWORD}).encode(),
        headers={"Content-Type": "application/json", "X-CSRFToken": csrf},
        method="POST",
    )
    with opener.open(request) as answer:
        if answer.status != 200:
            raise RuntimeError(f"login failed with {answer.status}")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
