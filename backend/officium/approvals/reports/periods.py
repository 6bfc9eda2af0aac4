"""A reporting period: whole days in the organisation's time zone, at most a year long."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings

from officium.core.errors import ValidationFailed

MAX_DAYS = 366


@dataclass(frozen=True)
class Period:
    since: datetime.date
    until: datetime.date

    @property
    def start(self) -> datetime.datetime:
        """The first moment of `since` in the organisation's zone."""
        return datetime.datetime.combine(self.since, datetime.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def end(self) -> datetime.datetime:
        """The first moment after `until` (exclusive bound)."""
        return datetime.datetime.combine(
            self.until + datetime.timedelta(days=1), datetime.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE)
        )


def period(since: datetime.date, until: datetime.date) -> Period:
    """Both days included; 422 invalid_period when reversed, period_too_long beyond 366 days."""
    if until < since:
        raise ValidationFailed("The period ends before it starts.", code="invalid_period")
    if (until - since).days + 1 > MAX_DAYS:
        raise ValidationFailed(f"A period is at most {MAX_DAYS} days.", code="period_too_long")
    return Period(since, until)
