"""Background jobs of leave."""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from officium.core.schedule import periodic
from officium.leave import services


@periodic(every=timedelta(hours=24))
@task
def grant_statutory_annual_leave() -> int:
    """This year's statutory annual leave for everyone who has none yet (joiners prorated); idempotent."""
    today = timezone.localdate()
    return services.grant_annual_leave_to_everyone(today.year, today=today)


@periodic(every=timedelta(hours=24))
@task
def expire_leave() -> int:
    """Expire what is left of expired grants, carrying over what the type allows; idempotent."""
    return services.expire_due(timezone.localdate())
