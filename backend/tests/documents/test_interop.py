"""Interop: the real y-websocket client (Node) against a running `officium serve`."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from officium.devtools.live_server import REPO_DIR, live_server

PASSWORD = "Officium-Interop-Pass-2024!"
SCRIPT = REPO_DIR / "frontend" / "scripts" / "yjs-interop.mjs"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    if shutil.which("node") is None or not (REPO_DIR / "frontend" / "node_modules" / "y-websocket").is_dir():
        pytest.fail("the interop tests need Node and the front end's packages: run `make build`")
    # Rooms close soon after their last editor leaves, so that a test can read what was stored.
    with live_server(demo_password=PASSWORD) as running:
        yield running.base_url


class Person:
    """A signed-in demo person: an API client and the Cookie header for the websocket."""

    def __init__(self, base_url: str, username: str) -> None:
        self.client = httpx.Client(base_url=base_url, timeout=20)
        self.client.get("/login")
        login = self.client.post(
            "/_allauth/browser/v1/auth/login",
            json={"username": username, "password": PASSWORD},
            headers={"X-CSRFToken": self.client.cookies["csrftoken"]},
        )
        assert login.status_code == 200
        self.cookie = "; ".join(f"{name}={value}" for name, value in self.client.cookies.items())

    def call(self, method: str, path: str, body: Any = None) -> Any:
        response = self.client.request(
            method, f"/api/v1/{path}", json=body, headers={"X-CSRFToken": self.client.cookies["csrftoken"]}
        )
        assert response.status_code < 300, response.text
        return response.json() if response.content else None


@pytest.fixture(scope="module")
def people(server: str) -> dict[str, Person]:
    return {name: Person(server, name) for name in ("lina", "wangfang", "zhangwei")}


def new_document(people: dict[str, Person], *, shared: dict[str, str]) -> str:
    lina = people["lina"]
    space_id = lina.call("GET", "documents/spaces")[0]["id"]
    document_id: str = lina.call("POST", "documents", {"space_id": space_id, "title": "互通"})["id"]
    for name, level in shared.items():
        user_id = people[name].call("GET", "me")["id"]
        grant = {"target": "document", "target_id": document_id, "principal": "user", "principal_id": user_id}
        lina.call("POST", "documents/grants", {**grant, "level": level})
    return document_id


def run(server: str, scenario: str, document_id: str, cookies: list[str], **options: Any) -> Any:
    config = {
        "scenario": scenario,
        "url": server.replace("http://", "ws://") + "/ws/documents",
        "origin": server,
        "document": document_id,
        "cookies": cookies,
        **options,
    }
    finished = subprocess.run(
        ["node", str(SCRIPT), json.dumps(config)],
        cwd=REPO_DIR / "frontend",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = [json.loads(line) for line in finished.stdout.splitlines() if line.startswith("{")]
    assert finished.returncode == 0, (finished.stdout, finished.stderr)
    return lines[-1]["result"]


def stored_text(server: str, people: dict[str, Person], document_id: str, *, length: int | None = None) -> str:
    """What a new client reads. With `length`, read again (for up to 10 s) until the text is that long:
    the server may still be working through frames that arrived just before a client left."""
    deadline = time.monotonic() + 10
    while True:
        text: str = run(server, "read", document_id, [people["lina"].cookie])["text"]
        if length is None or len(text) >= length or time.monotonic() > deadline:
            return text
        time.sleep(0.5)


def test_two_clients_converge(server: str, people: dict[str, Person]) -> None:
    document_id = new_document(people, shared={"wangfang": "edit"})
    result = run(server, "converge", document_id, [people["lina"].cookie, people["wangfang"].cookie])
    assert result["a"] == result["b"]
    assert sorted(result["a"]) == sorted("甲乙")
    assert stored_text(server, people, document_id) == result["a"]


def test_clients_connecting_at_once_to_a_new_room_all_sync(server: str, people: dict[str, Person]) -> None:
    document_id = new_document(people, shared={"wangfang": "edit", "zhangwei": "view"})
    cookies = [people[name].cookie for name in ("lina", "wangfang", "zhangwei", "lina", "wangfang")]
    assert run(server, "simultaneous", document_id, cookies) == {"synced": 5, "texts": [""] * 5}


def test_a_burst_of_edits_then_everyone_leaving_is_fully_stored(server: str, people: dict[str, Person]) -> None:
    document_id = new_document(people, shared={"wangfang": "edit", "zhangwei": "edit"})
    cookies = [people[name].cookie for name in ("lina", "wangfang", "zhangwei")]
    result = run(server, "burst", document_id, cookies, edits=200, linger_ms=300)
    text = stored_text(server, people, document_id, length=600)
    assert len(text) == 600
    assert max(result["lengths"]) <= 600


def test_a_viewers_edits_never_persist(server: str, people: dict[str, Person]) -> None:
    document_id = new_document(people, shared={"wangfang": "view"})
    result = run(
        server,
        "typeAndWatch",
        document_id,
        [people["lina"].cookie, people["wangfang"].cookie],
        text="偷改",
        wait_ms=1000,
    )
    assert result["seen"] == ""
    assert stored_text(server, people, document_id) == ""


def test_revoked_access_closes_the_socket_with_4403(server: str, people: dict[str, Person]) -> None:
    document_id = new_document(people, shared={"wangfang": "edit"})
    config = {
        "scenario": "waitForClose",
        "url": server.replace("http://", "ws://") + "/ws/documents",
        "origin": server,
        "document": document_id,
        "cookies": [people["wangfang"].cookie],
    }
    process = subprocess.Popen(
        ["node", str(SCRIPT), json.dumps(config)], cwd=REPO_DIR / "frontend", stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        assert json.loads(process.stdout.readline()) == {"event": "synced"}
        grants = people["lina"].call("GET", f"documents/grants?target=document&target_id={document_id}")
        [wang_grant] = [grant for grant in grants if grant["principal_name"] == "王芳"]
        started = time.monotonic()
        people["lina"].call("DELETE", f"documents/grants/{wang_grant['id']}")
        result = json.loads(process.stdout.readline())
        assert result == {"result": {"code": 4403}}
        assert time.monotonic() - started < 5
    finally:
        process.kill()
        process.wait()
