"""Structured logs and error reporting: JSON lines with the request id; errors to a Sentry-compatible
receiver (the real SDK against a local server), without personal data."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

LOG_IN_A_REQUEST = """
import django, logging
django.setup()
from officium.core import context
context.activate(context.RequestContext(request_id="req-42", ip=None, user_agent=""))
logging.getLogger("officium.tests").warning("punch refused for %s", "李娜")
"""

FAIL_IN_A_REQUEST = """
import django
django.setup()
import sentry_sdk
from django.test import Client
from officium.core import health

def broken(request):
    raise RuntimeError("the readiness probe broke")

health.healthz = broken  # before the URLconf is first loaded: /healthz now fails
answer = Client(raise_request_exception=False, HTTP_HOST="localhost").get(
    "/healthz", HTTP_COOKIE="csrftoken=secret-cookie-value"
)
assert answer.status_code == 500, answer.status_code
sentry_sdk.flush(timeout=10)
print(answer["X-Request-ID"])
"""


def _run(script: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "officium.config.settings.test", **environment}
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)


def test_json_logs_are_one_object_per_line_with_the_request_id() -> None:
    output = _run(LOG_IN_A_REQUEST, OFFICIUM_LOG_FORMAT="json").stderr.strip().splitlines()
    record = json.loads(output[-1])
    assert {key: record[key] for key in ("level", "logger", "request_id", "message")} == {
        "level": "WARNING",
        "logger": "officium.tests",
        "request_id": "req-42",
        "message": "punch refused for 李娜",
    }
    assert record["time"][:2] == "20"


@pytest.fixture
def sentry_receiver() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A local endpoint speaking Sentry's envelope protocol; yields its DSN and the events received."""
    events: list[dict[str, Any]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            lines = body.decode().splitlines()
            for header, payload in zip(lines[1::2], lines[2::2], strict=False):
                if json.loads(header).get("type") == "event":
                    events.append(json.loads(payload))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://publickey@127.0.0.1:{server.server_address[1]}/42", events
    finally:
        server.shutdown()


def test_an_unhandled_error_reaches_the_error_reporter_without_personal_data(
    sentry_receiver: tuple[str, list[dict[str, Any]]],
) -> None:
    dsn, events = sentry_receiver
    request_id = _run(FAIL_IN_A_REQUEST, OFFICIUM_SENTRY_DSN=dsn, OFFICIUM_ENVIRONMENT="test").stdout.strip()
    (event,) = [event for event in events if event.get("exception")]
    (error,) = event["exception"]["values"]
    assert (error["type"], error["value"]) == ("RuntimeError", "the readiness probe broke")
    assert event["tags"]["request_id"] == request_id
    assert event["environment"] == "test"
    assert event["release"].startswith("officium@")
    assert "secret-cookie-value" not in json.dumps(event)
    assert "cookies" not in event.get("request", {})
