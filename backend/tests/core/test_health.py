"""/healthz, /readyz and the system status: each part named, failures answered with 503."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from officium.core import health
from officium.core.models import OutboxMessage, WorkerHeartbeat

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


def test_the_system_status_shows_waiting_work_and_storage_use(
    people: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.BACKUP_DIR = str(tmp_path / "backups")
    (tmp_path / "media" / "approvals").mkdir(parents=True)
    (tmp_path / "media" / "approvals" / "receipt.pdf").write_bytes(b"x" * 1500)
    (tmp_path / "media" / "avatar.png").write_bytes(b"y" * 500)
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "officium-backup.tar").write_bytes(b"z" * 4096)
    OutboxMessage.objects.create(topic="events", payload={}, available_at=timezone.now())
    pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
    oldest = min(pending.values_list("created_at", flat=True))

    admin = ApiClient(people["admin"])
    with time_machine.travel(oldest + timedelta(seconds=90), tick=False):
        body = admin.get("system/status").json()

    assert body["queue"] == {
        "tasks": 0,
        "oldest_task_age_s": 0.0,
        "outbox": pending.count(),
        "oldest_outbox_age_s": 90.0,
    }
    storage = body["storage"]
    assert (storage["media_bytes"], storage["backups_bytes"]) == (2000, 4096)
    assert storage["database_bytes"] > 0
    assert 0 < storage["disk_free_bytes"] <= storage["disk_total_bytes"]
