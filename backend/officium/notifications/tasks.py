"""Background entry points of notifications: one delivery, the due ones, the daily digests."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from django.tasks import task

from officium.core.schedule import periodic
from officium.notifications import services


@task
def deliver(*, delivery_id: str) -> bool:
    return services.delivery_send(delivery_id=UUID(delivery_id))


@periodic(every=timedelta(minutes=1))
@task
def send_due_deliveries() -> int:
    """Deliveries held by quiet hours whose hours ended, and retries."""
    return services.send_due()


@periodic(every=timedelta(hours=1))
@task
def send_email_digests() -> int:
    return services.send_digests()
