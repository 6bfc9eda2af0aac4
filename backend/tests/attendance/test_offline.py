"""The offline queue, flushed: per item created / duplicate / rejected; the policy window decides trust."""

from __future__ import annotations

import datetime
import threading
import uuid
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from officium.attendance.models import AttendanceGroup, Punch
from officium.attendance.services import punches
from officium.org.models import Employee

from ..conftest import ApiClient
from .conftest import body, consent, north_of_office

pytestmark = pytest.mark.django_db


@pytest.fixture
def lina(staff: dict[str, Employee], group: AttendanceGroup) -> ApiClient:
    consent(staff["employee"], "location")
    return ApiClient(staff["employee"].user)


def _ago(**delta: Any) -> str:
    return (timezone.now() - datetime.timedelta(**delta)).isoformat()


def _flush(client: ApiClient, *items: dict[str, Any]) -> list[dict[str, Any]]:
    answer = client.post("attendance/punches/batch", {"punches": list(items)})
    assert answer.status_code == 200, answer.content
    return list(answer.json())


def test_a_flush_answers_each_punch(lina: ApiClient) -> None:
    recorded = body(north_of_office(30), device_time=_ago(minutes=40), clock_skew_ms=0)
    assert lina.post("attendance/punches", recorded).status_code == 201  # it went through before the drop
    fresh = body(north_of_office(30), device_time=_ago(minutes=20), clock_skew_ms=1500)
    away = body(north_of_office(900), device_time=_ago(minutes=10), clock_skew_ms=0)
    answers = _flush(lina, recorded, fresh, away)
    assert [(a["id"], a["result"], a["code"]) for a in answers] == [
        (recorded["id"], "duplicate", ""),
        (fresh["id"], "created", ""),
        (away["id"], "rejected", "outside_places"),
    ]
    assert answers[2]["details"] == {"distance_m": 900}
    assert answers[1]["punch"]["source"] == "offline"
    assert Punch.objects.count() == 2


def test_an_offline_punch_counts_at_device_time_corrected_by_the_skew(lina: ApiClient) -> None:
    device_time = timezone.now() - datetime.timedelta(minutes=30)
    sent = body(north_of_office(10), device_time=device_time.isoformat(), clock_skew_ms=90_000)
    [answer] = _flush(lina, sent)
    punch = Punch.objects.get(pk=answer["id"])
    assert punch.punched_at == device_time - datetime.timedelta(seconds=90)
    assert (punch.status, punch.review_reasons, punch.source) == ("accepted", [], "offline")


@pytest.mark.parametrize(
    ("fields", "reasons"),
    [
        ({"device_time": "minutes=5", "clock_skew_ms": 121_000}, ["clock_skew_too_large"]),
        ({"device_time": "minutes=5"}, ["clock_skew_unknown"]),
        ({"device_time": "hours=25", "clock_skew_ms": 0}, ["queued_too_long"]),
        ({"device_time": "minutes=5", "clock_skew_ms": 0, "accuracy_m": 800}, ["location_inaccurate"]),
    ],
)
def test_outside_the_trust_window_a_punch_needs_review(
    lina: ApiClient, fields: dict[str, Any], reasons: list[str]
) -> None:
    unit, amount = fields.pop("device_time").split("=")
    sent = {**body(north_of_office(10)), **fields, "device_time": _ago(**{unit: int(amount)})}
    [answer] = _flush(lina, sent)
    assert (answer["result"], answer["punch"]["status"], answer["punch"]["review_reasons"]) == (
        "created",
        "needs_review",
        reasons,
    )


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        (
            {"device_time": (timezone.now() + datetime.timedelta(minutes=10)).isoformat(), "clock_skew_ms": 0},
            "impossible_time",
        ),
        ({"device_time": (timezone.now() - datetime.timedelta(days=32)).isoformat(), "clock_skew_ms": 0}, "too_old"),
        ({"clock_skew_ms": 0}, "device_time_required"),
    ],
)
def test_impossible_offline_punches_are_rejected(lina: ApiClient, fields: dict[str, Any], code: str) -> None:
    [answer] = _flush(lina, {**body(north_of_office(10)), **fields})
    assert (answer["result"], answer["code"], answer["punch"]) == ("rejected", code, None)
    assert Punch.objects.count() == 0


def test_a_batch_has_a_size_limit(lina: ApiClient) -> None:
    items = [body(north_of_office(10), device_time=_ago(minutes=1), clock_skew_ms=0) for _ in range(201)]
    answer = lina.post("attendance/punches/batch", {"punches": items})
    assert (answer.status_code, answer.json()["code"]) == (422, "batch_too_large")
    assert Punch.objects.count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_punch_sent_five_times_at_once_is_one_row(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    consent(staff["employee"], "location")
    latitude, longitude = north_of_office(10)
    item = punches.PunchIn(id=uuid.uuid4(), latitude=latitude, longitude=longitude, accuracy_m=20)
    barrier = threading.Barrier(5)
    outcomes: list[bool] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            barrier.wait()
            outcomes.append(punches.punch(actor=staff["employee"].user, item=item).created)
        except BaseException as error:  # noqa: BLE001  (asserted below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(outcomes) == [False, False, False, False, True]
    assert Punch.objects.filter(pk=item.id).count() == 1
