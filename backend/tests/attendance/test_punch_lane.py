"""The punch lane (ADR 0022): the ordinary punch recorded in batches, answered exactly as the API
answers it; everything else handed to Django untouched."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from officium.accounts.models import User
from officium.attendance.api import lane
from officium.attendance.models import AttendanceGroup, Punch
from officium.core.models import AuditEvent
from officium.org.models import Employee

from ..conftest import ApiClient
from .conftest import body, consent, north_of_office

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


def _scope(client: ApiClient, **changes: str | None) -> dict[str, Any]:
    """The ASGI scope of the app's POST of a punch, as `client` would send it; `changes` replace
    (or, with None, remove) headers."""
    cookies = client.client.cookies
    headers: dict[str, str | None] = {
        "host": "testserver",
        "origin": ORIGIN,
        "content-type": "application/json",
        "cookie": "; ".join(f"{name}={cookies[name].value}" for name in ("sessionid", "csrftoken") if name in cookies),
        "x-csrftoken": client.csrf_token,
        "user-agent": "Officium-Phone/1.0",
        "x-request-id": "lane-test-request-1",
    }
    headers.update(changes)
    return {
        "type": "http",
        "method": "POST",
        "path": lane.PATH,
        "scheme": "http",
        "client": ("10.1.2.3", 50000),
        "headers": [(name.encode(), value.encode()) for name, value in headers.items() if value is not None],
    }


def _admitted(client: ApiClient, payload: dict[str, Any]) -> lane.Admitted:
    admitted = lane.admit(_scope(client), json.dumps(payload).encode())
    assert admitted is not None
    return admitted


def _answer(answer: lane.Answer) -> tuple[int, dict[str, str], dict[str, Any]]:
    assert answer is not None
    start, content = answer
    headers = {name.decode(): value.decode() for name, value in start["headers"]}
    return start["status"], headers, json.loads(content)


@pytest.fixture
def lina(staff: dict[str, Employee], group: AttendanceGroup) -> ApiClient:
    consent(staff["employee"], "location")
    return ApiClient(staff["employee"].user)


@pytest.fixture
def manager(staff: dict[str, Employee], group: AttendanceGroup) -> ApiClient:
    consent(staff["manager"], "location")
    return ApiClient(staff["manager"].user)


def test_the_lane_answers_exactly_as_the_api_does(lina: ApiClient) -> None:
    through_django = body(north_of_office(80))
    first = lina.post("attendance/punches", through_django)
    assert first.status_code == 201
    [replayed] = lane.answer_batch([_admitted(lina, through_django)])
    status, headers, content = _answer(replayed)
    assert (status, content) == (200, {**first.json(), "duplicate": True})
    django_headers = {name.lower(): value for name, value in first.headers.items()}
    assert headers.pop("x-request-id") == "lane-test-request-1"
    assert int(headers.pop("content-length")) == len(json.dumps(content, ensure_ascii=False).encode())
    del django_headers["x-request-id"], django_headers["content-length"]
    assert headers == django_headers

    through_lane = body(north_of_office(120))
    [recorded] = lane.answer_batch([_admitted(lina, through_lane)])
    status, _, content = _answer(recorded)
    again = lina.post("attendance/punches", through_lane)
    assert (status, again.status_code) == (201, 200)
    assert content == {**again.json(), "duplicate": False}
    audit = AuditEvent.objects.get(action="attendance.punch.record", object_id=through_lane["id"])
    assert (audit.request_id, audit.ip, audit.user_agent, audit.actor_id) == (
        "lane-test-request-1",
        "10.1.2.3",
        "Officium-Phone/1.0",
        lina.user.pk if lina.user else None,
    )


def test_a_batch_costs_the_same_queries_however_many_punch(lina: ApiClient, manager: ApiClient) -> None:
    def batch_queries(size: int) -> int:
        batch = [_admitted(lina if n % 2 else manager, body(north_of_office(50))) for n in range(size)]
        with CaptureQueriesContext(connection) as queries:
            answers = lane.answer_batch(batch)
        assert [_answer(answer)[0] for answer in answers] == [201] * size
        return len(queries)

    batch_queries(2)  # the first reads the group directory and puts the sessions in the cache
    assert batch_queries(2) == batch_queries(8)
    assert Punch.objects.count() == AuditEvent.objects.filter(action="attendance.punch.record").count() == 12


def test_one_id_twice_in_a_batch_is_one_punch(lina: ApiClient) -> None:
    sent = body(north_of_office(30))
    answers = lane.answer_batch([_admitted(lina, sent), _admitted(lina, sent)])
    (first_status, _, first), (second_status, _, second) = (_answer(a) for a in answers)
    assert (first_status, second_status) == (201, 200)
    assert second == {**first, "duplicate": True}
    assert Punch.objects.filter(pk=sent["id"]).count() == 1


def test_what_the_lane_cannot_answer_is_left_to_django_with_nothing_written(
    lina: ApiClient, staff: dict[str, Employee]
) -> None:
    outsider = ApiClient(User.objects.create_user(username="visitor", password="Visitor-Pass-2026!"))
    signed_out = ApiClient()
    signed_out.client.cookies["sessionid"] = "x" * 32
    answers = lane.answer_batch(
        [
            _admitted(lina, body(north_of_office(5_000))),  # outside the fence: refused, with a reason
            _admitted(outsider, body(north_of_office(10))),  # signed in, but no employee
            _admitted(signed_out, body(north_of_office(10))),  # no such session
            _admitted(lina, body(north_of_office(10))),
        ]
    )
    assert [answer is None for answer in answers] == [True, True, True, False]
    assert Punch.objects.count() == AuditEvent.objects.filter(action="attendance.punch.record").count() == 1


@pytest.mark.parametrize(
    ("headers", "payload"),
    [
        ({"origin": "https://elsewhere.example"}, {}),
        ({"x-csrftoken": None}, {}),
        ({"x-csrftoken": "a" * 32}, {}),
        ({"content-type": "text/plain"}, {}),
        ({"idempotency-key": "retry-1"}, {}),
        ({"host": "attacker.example"}, {}),
        ({"cookie": None}, {}),
        ({}, {"unexpected": 1}),
        ({}, {"remark": "nul \x00 inside"}),
        ({}, {"latitude": "north"}),
    ],
    ids=[
        "foreign origin",
        "no csrf token",
        "wrong csrf token",
        "not json",
        "idempotency key",
        "host not allowed",
        "no cookies",
        "unknown field",
        "nul character",
        "invalid value",
    ],
)
def test_admission_steps_aside_for_anything_unusual(
    lina: ApiClient, headers: dict[str, str | None], payload: dict[str, Any]
) -> None:
    assert lane.admit(_scope(lina), json.dumps(body(north_of_office(10))).encode()) is not None
    sent = {**body(north_of_office(10)), **payload}
    assert lane.admit(_scope(lina, **headers), json.dumps(sent).encode()) is None
    assert lane.admit(_scope(lina), b"{not json") is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_through_asgi_the_lane_answers_or_replays_the_whole_body_to_django(
    staff: dict[str, Employee], group: AttendanceGroup
) -> None:
    consent(staff["employee"], "location")
    lina = ApiClient(staff["employee"].user)
    handed_on: list[bytes] = []

    async def django(scope: dict[str, Any], receive: Any, send: Any) -> None:
        received = b""
        while True:
            message = await receive()
            received += message.get("body", b"")
            if not message.get("more_body"):
                break
        handed_on.append(received)
        await send({"type": "http.response.start", "status": 403, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    def call(scope: dict[str, Any], content: bytes) -> list[dict[str, Any]]:
        halves = [content[: len(content) // 2], content[len(content) // 2 :]]
        incoming = [{"type": "http.request", "body": part, "more_body": n == 0} for n, part in enumerate(halves)]
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return incoming.pop(0)

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        asyncio.run(lane.PunchLane(django)(scope, receive, send))
        return sent

    punch = json.dumps(body(north_of_office(40))).encode()
    answered = call(_scope(lina), punch)
    assert (answered[0]["status"], json.loads(answered[1]["body"])["duplicate"], handed_on) == (201, False, [])
    refused = call(_scope(lina, **{"x-csrftoken": "b" * 32}), json.dumps(body(north_of_office(40))).encode())
    assert refused[0]["status"] == 403
    assert len(handed_on) == 1
    assert json.loads(handed_on[0])["latitude"] == str(north_of_office(40)[0])
    assert Punch.objects.filter(pk=json.loads(punch)["id"]).exists()
    assert uuid.UUID(json.loads(answered[1]["body"])["id"]) == uuid.UUID(json.loads(punch)["id"])
