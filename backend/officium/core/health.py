"""Liveness and readiness: which parts of the installation work right now."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from officium.core.errors import problem_response
from officium.core.ids import uuid7
from officium.core.models import WorkerHeartbeat

HEARTBEAT_INTERVAL = timedelta(seconds=10)
WORKER_SILENCE_LIMIT = timedelta(seconds=60)
CHANNEL_TIMEOUT_SECONDS = 2.0


@dataclass(frozen=True)
class PartHealth:
    name: str
    ok: bool
    detail: str = ""


def check_database() -> PartHealth:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return PartHealth("database", True, connection.vendor)


def check_cache() -> PartHealth:
    key, value = f"officium:health:{uuid7()}", "ok"
    cache.set(key, value, timeout=10)
    found = cache.get(key)
    cache.delete(key)
    return PartHealth("cache", found == value, "" if found == value else "a value written was not read back")


async def _channel_round_trip() -> bool:
    layer = get_channel_layer()
    if layer is None:
        return False
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "health.ping"})
    message = await asyncio.wait_for(layer.receive(channel), CHANNEL_TIMEOUT_SECONDS)
    return bool(message.get("type") == "health.ping")


def check_channel_layer() -> PartHealth:
    ok = async_to_sync(_channel_round_trip)()
    return PartHealth("channel_layer", ok, "" if ok else "a message sent was not received")


def check_worker() -> PartHealth:
    newest = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    if newest is None:
        return PartHealth("worker", False, "no task worker has ever reported")
    silence = timezone.now() - newest
    if silence > WORKER_SILENCE_LIMIT:
        return PartHealth("worker", False, f"no task worker has reported for {int(silence.total_seconds())} s")
    return PartHealth("worker", True)


CHECKS = (check_database, check_cache, check_channel_layer, check_worker)


def run_checks() -> list[PartHealth]:
    results = []
    for check in CHECKS:
        name = check.__name__.removeprefix("check_")
        try:
            results.append(check())
        except Exception as error:  # noqa: BLE001  (a failing part is reported, not raised)
            results.append(PartHealth(name, False, f"{type(error).__name__}: {error}"[:300]))
    return results


def healthz(request: HttpRequest) -> HttpResponse:
    """The process is alive and answering; touches nothing else."""
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> HttpResponse:
    parts = run_checks()
    body: list[dict[str, Any]] = [part.__dict__ for part in parts]
    failing = [part.name for part in parts if not part.ok]
    if failing:
        return problem_response(
            status=503,
            code="not_ready",
            title="Not ready",
            detail="Failing: " + ", ".join(failing),
            parts=body,
        )
    return JsonResponse({"status": "ready", "parts": body})
