"""Closing a month of attendance (月结): once HR has handed the figures to payroll, the punches,
make-ups, reviews and requests of that month stay as they are until someone reopens it."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from officium.attendance import cached
from officium.attendance.models import PeriodLock
from officium.attendance.permissions import PERIOD_LOCK
from officium.core import audit, permissions
from officium.core.errors import Conflict, NotFound


class PeriodLocked(Conflict):
    code = "period_locked"
    title = _("The month is closed")


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def months_between(start: datetime.datetime, end: datetime.datetime) -> list[datetime.date]:
    """The months [start, end] has a local moment in."""
    tz = timezone.get_current_timezone()
    month = first_of_month(start.astimezone(tz).date())
    last = first_of_month(end.astimezone(tz).date())
    found = []
    while month <= last:
        found.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return found


def closed_months() -> set[datetime.date]:
    """The first days of the closed months (cached, see `attendance.cached`)."""
    return cached.closed_months(lambda: set(PeriodLock.objects.values_list("month", flat=True)))


def require_open(
    start: datetime.datetime, end: datetime.datetime | None = None, *, closed: set[datetime.date] | None = None
) -> None:
    """Refuse anything touching a closed month (`closed`: the closed months, when read already)."""
    closed_ones = sorted(set(months_between(start, end or start)) & (closed_months() if closed is None else closed))
    if closed_ones:
        month = f"{closed_ones[0]:%Y-%m}"
        raise PeriodLocked(f"Attendance of {month} is closed; ask HR to reopen it.", month=month)


def locked_months() -> list[PeriodLock]:
    return list(PeriodLock.objects.select_related("locked_by").order_by("-month"))


def lock(*, actor: Any, month: datetime.date) -> PeriodLock:
    permissions.require(actor, PERIOD_LOCK)
    month = first_of_month(month)
    if month > first_of_month(timezone.localdate()):
        raise Conflict("A month can be closed once it has begun.", code="month_not_begun")
    try:
        with transaction.atomic():
            closed = PeriodLock.objects.create(month=month, locked_by=actor)
            cached.changed(cached.CLOSED_MONTHS)
            audit.record(
                action="attendance.period.lock", actor=actor, target=closed, changes={"month": f"{month:%Y-%m}"}
            )
    except IntegrityError:
        raise Conflict(f"{month:%Y-%m} is closed already.", code="period_already_locked") from None
    return closed


def unlock(*, actor: Any, month: datetime.date) -> None:
    permissions.require(actor, PERIOD_LOCK)
    month = first_of_month(month)
    with transaction.atomic():
        closed = PeriodLock.objects.select_for_update().filter(month=month).first()
        if closed is None:
            raise NotFound(f"{month:%Y-%m} is not closed.", code="period_not_locked")
        audit.record(action="attendance.period.unlock", actor=actor, target=closed, changes={"month": f"{month:%Y-%m}"})
        closed.delete()
        cached.changed(cached.CLOSED_MONTHS)
