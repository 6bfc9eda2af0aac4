"""Background jobs of attendance."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from django.tasks import task
from django.utils import timezone

from officium.attendance.services import calendar, day_records
from officium.core.schedule import periodic


@periodic(every=timedelta(hours=24))
@task
def seed_calendars() -> dict[str, int]:
    """This year's and next year's holidays and adjusted workdays, as the packages know them."""
    return calendar.seed_countries_in_use(timezone.localdate())


@periodic(every=timedelta(hours=1))
@task
def settle_day_records() -> int:
    """Store the results of the recent days that have settled (and refresh the ones that have not)."""
    return day_records.settle_recent()


@task
def recompute_group_days(group_id: str, since: str, until: str) -> int:
    """An administrator's recomputation of a group's days (see `day_records.recompute_group`)."""
    people = day_records.members(UUID(group_id))
    return day_records.store(people, since=date.fromisoformat(since), until=date.fromisoformat(until))
