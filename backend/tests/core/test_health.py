"""/healthz, /readyz and the system status: each part named, failures answered with 503."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from officium.core import health
from officium.core.models import WorkerHeartbeat

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def _beat(age: timedelta) -> None:
    seen = timezone.now() - age
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1, started_at=seen, seen_at=seen)


def test_healthz_answers_without_touching_anything(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        response = Client().get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_readyz_names_the_missing_worker() -> None:
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["code"], body["detail"]) == ("not_ready", "Failing: worker")
    assert [(part["name"], part["ok"]) for part in body["parts"]] == [
        ("database", True),
        ("cache", True),
        ("channel_layer", True),
        ("worker", False),
    ]


def test_readyz_is_ready_with_a_recent_heartbeat() -> None:
    _beat(timedelta(seconds=5))
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"


def test_a_silent_worker_is_reported_with_its_silence() -> None:
    _beat(timedelta(minutes=5))
    part = health.check_worker()
    assert (part.ok, part.detail) == (False, "no task worker has reported for 300 s")


def test_a_failing_part_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_cache() -> health.PartHealth:
        raise ConnectionError("redis down")

    monkeypatch.setattr(health, "CHECKS", (health.check_database, broken_cache))
    assert health.run_checks() == [
        health.PartHealth("database", True, health.check_database().detail),
        health.PartHealth("broken_cache", False, "ConnectionError: redis down"),
    ]


def test_the_system_status_shows_each_part_to_administrators(people: dict[str, Any]) -> None:
    _beat(timedelta(seconds=1))
    body = ApiClient(people["admin"]).get("system/status").json()
    assert body["environment"] == "test"
    assert {part["name"]: part["ok"] for part in body["parts"]} == {
        "database": True,
        "cache": True,
        "channel_layer": True,
        "worker": True,
    }
