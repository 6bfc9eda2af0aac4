"""HTTP through the ASGI application: one pooled thread per request runs Django's whole request cycle."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.testing import ApplicationCommunicator
from django.conf import settings
from django.core import signals

from officium.config.asgi import application, django_asgi_app
from officium.config.http_handler import PooledThreadASGIHandler

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _scope(method: str, path: str, headers: list[tuple[bytes, bytes]] | None = None) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"localhost"), *(headers or [])],
        "client": ("127.0.0.1", 50000),
        "server": ("localhost", 80),
    }


async def _call(method: str, path: str, body: bytes = b"") -> tuple[int, dict[bytes, bytes], bytes, int]:
    """Status, headers, body and the number of body messages."""
    communicator = ApplicationCommunicator(application, _scope(method, path))
    await communicator.send_input({"type": "http.request", "body": body, "more_body": False})
    start = await communicator.receive_output(timeout=10)
    parts = []
    while True:
        message = await communicator.receive_output(timeout=10)
        parts.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    await communicator.wait(timeout=10)
    return start["status"], dict(start["headers"]), b"".join(parts), len(parts)


@pytest.fixture
def signal_threads() -> Iterator[dict[str, list[str]]]:
    """The thread each request_started / request_finished signal ran in."""
    seen: dict[str, list[str]] = {"started": [], "finished": []}

    def started(**_: Any) -> None:
        seen["started"].append(threading.current_thread().name)

    def finished(**_: Any) -> None:
        seen["finished"].append(threading.current_thread().name)

    signals.request_started.connect(started)
    signals.request_finished.connect(finished)
    yield seen
    signals.request_started.disconnect(started)
    signals.request_finished.disconnect(finished)


def test_http_is_served_by_the_pooled_thread_handler() -> None:
    assert isinstance(django_asgi_app, PooledThreadASGIHandler)
    assert django_asgi_app.executor._max_workers == settings.OFFICIUM_HTTP_THREADS == 8


def test_a_request_starts_and_finishes_in_one_pooled_thread(signal_threads: dict[str, list[str]]) -> None:
    status, headers, body, _ = asyncio.run(_call("GET", "/healthz"))
    assert (status, body) == (200, b'{"status": "ok"}')
    assert headers[b"Content-Type"] == b"application/json"
    [started] = signal_threads["started"]
    assert started.startswith("officium-http")
    assert signal_threads["finished"] == [started]  # the database connections went back in that thread


def test_an_api_error_keeps_its_problem_document(signal_threads: dict[str, list[str]]) -> None:
    status, headers, body, _ = asyncio.run(_call("GET", "/api/v1/me"))
    assert status == 401
    assert headers[b"Content-Type"] == b"application/problem+json"
    assert b'"code":"not_authenticated"' in body.replace(b" ", b"")
    assert len(signal_threads["finished"]) == 1


def test_a_streamed_file_is_sent_whole_and_closed_after_sending(signal_threads: dict[str, list[str]]) -> None:
    expected = (settings.FRONTEND_DIR / "favicon.svg").read_bytes()
    status, headers, body, messages = asyncio.run(_call("GET", "/favicon.svg"))
    assert (status, body, headers[b"Content-Type"]) == (200, expected, b"image/svg+xml")
    assert messages == 2  # the file, then the closing empty message of a streamed body
    assert len(signal_threads["started"]) == len(signal_threads["finished"]) == 1


def test_a_large_file_goes_out_in_chunks_read_in_the_pool(signal_threads: dict[str, list[str]]) -> None:
    largest = max((settings.FRONTEND_DIR / "assets").glob("*.js"), key=lambda path: path.stat().st_size)
    expected = largest.read_bytes()
    assert len(expected) > 2 * PooledThreadASGIHandler.chunk_size  # the built front end's vendor bundle
    status, _, body, messages = asyncio.run(_call("GET", f"/assets/{largest.name}"))
    assert (status, body) == (200, expected)
    assert messages == -(-len(expected) // PooledThreadASGIHandler.chunk_size) + 1
    assert len(signal_threads["finished"]) == 1
