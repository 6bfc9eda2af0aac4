"""Background entry points of the core: event handlers, the outbox relay, housekeeping."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.tasks import task
from django.utils import timezone

from officium.core import events, outbox
from officium.core.models import IdempotencyRecord, WorkerHeartbeat
from officium.core.schedule import periodic

IDEMPOTENCY_RETENTION = timedelta(days=14)
HEARTBEAT_RETENTION = timedelta(days=1)


@task
def run_event_handler(*, handler: str, payload: dict[str, Any]) -> None:
    events.run_handler(handler, payload)


@periodic(every=timedelta(seconds=30))
@task
def relay_outbox() -> int:
    return outbox.relay()


@periodic(every=timedelta(hours=1))
@task
def prune_housekeeping() -> dict[str, int]:
    """Forget idempotency keys older than the offline window and heartbeats of gone workers."""
    now = timezone.now()
    keys, _ = IdempotencyRecord.objects.filter(created_at__lt=now - IDEMPOTENCY_RETENTION).delete()
    beats, _ = WorkerHeartbeat.objects.filter(seen_at__lt=now - HEARTBEAT_RETENTION).delete()
    return {"idempotency_records": keys, "worker_heartbeats": beats}
