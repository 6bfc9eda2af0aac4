"""Background jobs of attendance."""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from officium.attendance.services import calendar
from officium.core.schedule import periodic


@periodic(every=timedelta(hours=24))
@task
def seed_calendars() -> dict[str, int]:
    """This year's and next year's holidays and adjusted workdays, as the packages know them."""
    return calendar.seed_countries_in_use(timezone.localdate())
