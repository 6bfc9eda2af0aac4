"""The transactional outbox: a message is stored with the change it reports and relayed after commit.

Delivery is at least once. A relay claims due messages for a lease, runs the topic's consumer outside
any transaction, and marks them done; a crash leaves the lease to expire and another relay retries.
Consumers receive the message id and must ignore a message they have already handled.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from officium.core.models import OutboxMessage

logger = logging.getLogger(__name__)

Consumer = Callable[[UUID, dict[str, Any]], None]

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 20
BASE_DELAY_SECONDS = 5.0
MAX_DELAY_SECONDS = 6 * 60 * 60.0

_consumers: dict[str, Consumer] = {}


def consumer(topic: str) -> Callable[[Consumer], Consumer]:
    """Register the function that delivers messages of `topic`."""

    def register(func: Consumer) -> Consumer:
        if topic in _consumers and _consumers[topic] is not func:
            raise ValueError(f"topic {topic!r} already has a consumer")
        _consumers[topic] = func
        return func

    return register


def put(topic: str, payload: dict[str, Any]) -> OutboxMessage:
    """Store a message in the current transaction; a relay is scheduled for when it commits."""
    if topic not in _consumers:
        raise LookupError(f"no consumer for outbox topic {topic!r}")
    message = OutboxMessage.objects.create(topic=topic, payload=payload, available_at=timezone.now())
    transaction.on_commit(_schedule_relay, robust=True)
    return message


def _schedule_relay() -> None:
    from officium.core.tasks import relay_outbox

    relay_outbox.enqueue()


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff with full jitter, capped."""
    ceiling = min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** max(0, attempts - 1))
    return timedelta(seconds=random.uniform(ceiling / 2, ceiling))  # noqa: S311  (jitter, not crypto)


def _claim(batch_size: int) -> list[OutboxMessage]:
    now = timezone.now()
    with transaction.atomic():
        due = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=OutboxMessage.Status.PENDING, available_at__lte=now)
            .order_by("available_at", "id")[:batch_size]
        )
        for message in due:
            message.attempts += 1
            message.available_at = now + LEASE
            message.save(update_fields=["attempts", "available_at"])
    return due


def _deliver(message: OutboxMessage) -> None:
    try:
        _consumers[message.topic](message.id, message.payload)
    except Exception as error:  # noqa: BLE001  (any failure of a consumer means: retry later)
        logger.warning("outbox message %s (%s) failed: %s", message.id, message.topic, error)
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = OutboxMessage.Status.DEAD
        else:
            message.available_at = timezone.now() + retry_delay(message.attempts)
        message.save(update_fields=["last_error", "status", "available_at"])
        return
    message.status = OutboxMessage.Status.DONE
    message.done_at = timezone.now()
    message.save(update_fields=["status", "done_at"])


def relay(batch_size: int = 100) -> int:
    """Deliver every due message; returns how many were attempted."""
    attempted = 0
    while batch := _claim(batch_size):
        for message in batch:
            _deliver(message)
        attempted += len(batch)
        if len(batch) < batch_size:
            break
    return attempted


@consumer("events")
def _run_durable_event_handler(message_id: UUID, payload: dict[str, Any]) -> None:
    from officium.core import events

    events.run_handler(payload["handler"], payload["event"])
