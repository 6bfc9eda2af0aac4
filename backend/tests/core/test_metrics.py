"""/metrics: Prometheus text for a scraper holding the token; requests, the queue, the outbox, punches."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import uvicorn
from django.tasks import TaskResultStatus
from django.test import Client
from django.utils import timezone
from prometheus_client import CONTENT_TYPE_LATEST
from prometheus_client.parser import text_string_to_metric_families
from pytest_django.fixtures import Settings

from officium import cli
from officium.accounts.models import User
from officium.core import metrics
from officium.core.models import OutboxMessage

from ..conftest import ApiClient

TOKEN = "scrape-token-for-the-tests-0123456789"


def _scrape(client: Client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    answer = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert answer.status_code == 200
    assert answer["Content-Type"] == CONTENT_TYPE_LATEST
    return _samples(answer.content.decode())


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _requests(samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], route: str, status: str) -> float:
    key = ("officium_http_requests_total", (("method", "GET"), ("route", route), ("status", status)))
    return samples.get(key, 0.0)


@pytest.mark.django_db
def test_metrics_need_the_configured_token(settings: Settings, client: Client) -> None:
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 404
    settings.METRICS_TOKEN = TOKEN
    refused = client.get("/metrics", HTTP_AUTHORIZATION="Bearer not-the-token")
    assert (refused.status_code, refused["WWW-Authenticate"]) == (401, 'Bearer realm="metrics"')
    assert client.get("/metrics").status_code == 401


@pytest.mark.django_db
def test_requests_are_counted_by_route_pattern_and_status(
    settings: Settings, client: Client, people: dict[str, User], api_for: Callable[[User | None], ApiClient]
) -> None:
    settings.METRICS_TOKEN = TOKEN
    before = _scrape(client)
    for _ in range(3):
        assert client.get("/api/v1/meta").status_code == 200
    employee = api_for(people["employee"])
    assert employee.get("org/departments/00000000-0000-0000-0000-000000000000").status_code == 404
    after = _scrape(client)
    assert _requests(after, "api/v1/meta", "200") - _requests(before, "api/v1/meta", "200") == 3
    route = "api/v1/org/departments/<department_id>"
    assert _requests(after, route, "404") - _requests(before, route, "404") == 1
    buckets = ("officium_http_request_duration_seconds_count", (("method", "GET"), ("route", "api/v1/meta")))
    assert after[buckets] - before.get(buckets, 0.0) == 3


@pytest.mark.django_db
def test_waiting_tasks_and_undelivered_messages_are_reported_with_their_age(settings: Settings, client: Client) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.METRICS_TOKEN = TOKEN
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    empty = _scrape(client)
    assert (empty[("officium_task_queue_depth", ())], empty[("officium_task_queue_oldest_age_seconds", ())]) == (0, 0)
    now = timezone.now()
    for minutes in (10, 3):
        task = DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            priority=0,
            task_path="officium.ops.tasks.scheduled_backup",
            queue_name="default",
            backend_name="default",
            status=TaskResultStatus.READY,
        )
        DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=now - datetime.timedelta(minutes=minutes))
    OutboxMessage.objects.create(topic="events", payload={}, available_at=now)
    samples = _scrape(client)
    assert samples[("officium_task_queue_depth", ())] == 2
    assert 600 <= samples[("officium_task_queue_oldest_age_seconds", ())] < 660
    assert samples[("officium_outbox_pending", ())] == 1


COUNT_REQUESTS = """
import django
django.setup()
from django.test import RequestFactory
from django.urls import resolve
from officium.core import metrics
request = RequestFactory().get("/api/v1/meta")
request.resolver_match = resolve("/api/v1/meta")
for _ in range({count}):
    metrics.observe_request(request, 200, 0.01)
"""


@pytest.mark.django_db
def test_a_scrape_sums_the_requests_of_every_server_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, settings: Settings, client: Client
) -> None:
    """With several server processes, each writes its counters into the shared directory."""
    settings.METRICS_TOKEN = TOKEN
    shared = tmp_path / "metrics"
    shared.mkdir()
    environment = {**os.environ, metrics.MULTIPROCESS_DIRECTORY: str(shared)}
    for count in (7, 5):
        subprocess.run([sys.executable, "-c", COUNT_REQUESTS.format(count=count)], env=environment, check=True)
    monkeypatch.setenv(metrics.MULTIPROCESS_DIRECTORY, str(shared))
    assert _requests(_scrape(client), "api/v1/meta", "200") == 12


def test_serve_with_several_processes_gives_them_one_fresh_metrics_directory(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, tmp_path: Path
) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:6379/13"
    settings.DATA_DIR = tmp_path
    stale = tmp_path / "metrics" / str(os.getpid())
    stale.mkdir(parents=True)
    (stale / "counter_1.db").write_bytes(b"from the last run")
    seen: dict[str, str | None] = {}
    monkeypatch.delenv(metrics.MULTIPROCESS_DIRECTORY, raising=False)
    monkeypatch.setattr(cli, "refuse_a_newer_database", lambda: None)
    monkeypatch.setattr(
        uvicorn, "run", lambda *args, **kwargs: seen.update(directory=os.environ.get(metrics.MULTIPROCESS_DIRECTORY))
    )
    assert cli.main(["serve", "--workers", "2", "--no-worker"]) == 0
    assert seen == {"directory": str(stale)}
    assert list(stale.iterdir()) == []
