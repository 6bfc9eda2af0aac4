"""Prometheus metrics at /metrics: requests and latency by route, punches, websockets, document rooms,
the task queue, the outbox and the database pool.

Counters live in the process that counts them. `officium serve --workers N` points every server
process at one directory (PROMETHEUS_MULTIPROC_DIR, set before they start) and a scrape of any of
them sums all; the queue, outbox and pool figures are read from the database at scrape time.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Count, Min
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

MULTIPROCESS_DIRECTORY = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter(
    "officium_http_requests",
    "HTTP requests answered, by route pattern, method and status",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "officium_http_request_duration_seconds",
    "Time to answer an HTTP request, by route pattern and method",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.5, 5.0, 10.0),
)
PUNCHES = Counter("officium_punches", "Punches answered: recorded, already recorded, refused", ["outcome"])
WEBSOCKETS = Gauge(
    "officium_websocket_connections",
    "Open websocket connections: the per-user event stream, or a document being co-edited",
    ["stream"],
    multiprocess_mode="livesum",
)
DOCUMENT_ROOMS = Gauge("officium_document_rooms", "Documents open for co-editing", multiprocess_mode="livesum")


def observe_request(request: HttpRequest, status: int, seconds: float) -> None:
    match = getattr(request, "resolver_match", None)
    route = match.route if match is not None else "unmatched"
    method = request.method or ""
    REQUESTS.labels(route, method, str(status)).inc()
    LATENCY.labels(route, method).observe(seconds)


@dataclass(frozen=True)
class QueueState:
    tasks: int
    oldest_task_age_s: float
    outbox: int
    oldest_outbox_age_s: float


def queue_state() -> QueueState:
    """Background work waiting now: tasks for a worker, and outbox messages not yet delivered."""
    from officium.core.models import OutboxMessage

    now = timezone.now()
    waiting, oldest = _waiting_tasks()
    pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).aggregate(
        count=Count("id"), oldest=Min("created_at")
    )
    return QueueState(waiting, _age(now, oldest), int(pending["count"]), _age(now, pending["oldest"]))


class _DatabaseState(Collector):
    """Figures read when scraped: the queue and outbox (how many, the oldest's age) and the
    connection pool of this process."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        state = queue_state()
        for name, help_text, value in (
            ("officium_task_queue_depth", "Tasks waiting for a worker", state.tasks),
            ("officium_task_queue_oldest_age_seconds", "Age of the oldest waiting task", state.oldest_task_age_s),
            ("officium_outbox_pending", "Outbox messages not yet delivered", state.outbox),
            ("officium_outbox_oldest_age_seconds", "Age of the oldest undelivered message", state.oldest_outbox_age_s),
        ):
            family = GaugeMetricFamily(name, help_text)
            family.add_metric([], value)
            yield family
        yield from _pool_state()


def _age(now: datetime, oldest: datetime | None) -> float:
    return max((now - oldest).total_seconds(), 0.0) if oldest is not None else 0.0


def _waiting_tasks() -> tuple[int, datetime | None]:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend == "django_tasks_db.DatabaseBackend":
        from django.tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY).aggregate(
            count=Count("id"), oldest=Min("enqueued_at")
        )
        return int(ready["count"]), ready["oldest"]
    if backend == "django_tasks_rq.RQBackend":
        import django_rq

        queue = django_rq.get_queue("default")
        first = queue.get_job_ids(0, 0)
        job = queue.fetch_job(first[0]) if first else None
        enqueued = job.enqueued_at if job is not None else None
        if enqueued is not None and timezone.is_naive(enqueued):
            enqueued = timezone.make_aware(enqueued, UTC)
        return queue.count, enqueued
    return 0, None


def _pool_state() -> Iterator[GaugeMetricFamily]:
    pool = getattr(connections["default"], "pool", None) if connections["default"].vendor == "postgresql" else None
    if pool is None:
        return
    stats: dict[str, Any] = pool.get_stats()
    for key, help_text in (
        ("pool_size", "Connections the pool holds"),
        ("pool_available", "Connections idle in the pool"),
        ("requests_waiting", "Requests waiting for a connection"),
    ):
        family = GaugeMetricFamily(f"officium_database_pool_{key}", help_text)
        family.add_metric([], float(stats.get(key, 0)))
        yield family


_STATE = _DatabaseState()


def exposition() -> bytes:
    """Every metric in the text format, summed over the server processes when there are several."""
    if os.environ.get(MULTIPROCESS_DIRECTORY):  # several server processes (the library is untyped here)
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(_state_registry())


def _state_registry() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_STATE)
    return registry


def metrics_view(request: HttpRequest) -> HttpResponse:
    """GET /metrics for Prometheus, with `Authorization: Bearer <OFFICIUM_METRICS_TOKEN>`; absent
    (404) while no token is configured."""
    token = settings.METRICS_TOKEN
    if not token:
        return HttpResponse(status=404)
    offered = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(offered.encode(), token.encode()):
        response = HttpResponse(status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
