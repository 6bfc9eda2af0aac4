"""A real `officium serve` for the benchmarks, on SQLite or on a scratch PostgreSQL database."""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import urllib.request
from collections.abc import Iterator

import psycopg

from officium.devtools.live_server import LiveServer, live_server

DEMO_PASSWORD = "Bench-Demo-Password-2026"
POSTGRES_ADMIN_URL = os.environ.get("OFFICIUM_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


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


@contextlib.contextmanager
def running_server(database_url: str | None = None) -> Iterator[LiveServer]:
    """`officium serve` as a company would run it: debug off, no access log."""
    with live_server(
        demo_password=DEMO_PASSWORD,
        database_url=database_url,
        serve_args=("--log-level", "warning"),
        debug="false",
    ) as server:
        yield server


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
