"""Reads of attendance: an employee's group, the groups an administrator manages, one's own punches."""

from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from officium.attendance import results
from officium.attendance.models import (
    AttendanceGroup,
    CalendarDay,
    ClockInPlace,
    Consent,
    MakeUpPunch,
    Punch,
    Shift,
)
from officium.attendance.permissions import GROUP_MANAGE
from officium.core import permissions
from officium.core.errors import NotFound
from officium.org.models import Employee


def _with_places(groups: QuerySet[AttendanceGroup]) -> QuerySet[AttendanceGroup]:
    return groups.prefetch_related(Prefetch("places", queryset=ClockInPlace.objects.order_by("name")))


def group_for(employee: Employee) -> AttendanceGroup | None:
    """The employee's group: named directly, or through the nearest department (sub-departments
    belong to their parent's group) — unless the group excludes them."""
    active = _with_places(AttendanceGroup.objects.filter(is_active=True).select_related("shift")).exclude(
        excluded=employee
    )
    direct = active.filter(employees=employee).first()
    if direct is not None:
        return direct
    department = employee.main_department
    nearest_first = [department.pk, *(UUID(hex=pk) for pk in reversed(department.ancestor_ids or []))]
    by_department = {
        department_id: group
        for group in active.filter(departments__in=nearest_first).distinct()
        for department_id in group.departments.values_list("pk", flat=True)
    }
    return next((by_department[pk] for pk in nearest_first if pk in by_department), None)


def groups(*, actor: Any) -> QuerySet[AttendanceGroup]:
    permissions.require(actor, GROUP_MANAGE)
    return (
        _with_places(AttendanceGroup.objects.filter(is_active=True))
        .prefetch_related("departments", "employees", "excluded")
        .order_by("name")
    )


def group(*, actor: Any, group_id: UUID) -> AttendanceGroup:
    try:
        return groups(actor=actor).get(pk=group_id)
    except AttendanceGroup.DoesNotExist:
        raise NotFound("No such attendance group.", code="group_not_found") from None


def shifts(*, actor: Any) -> QuerySet[Shift]:
    permissions.require(actor, GROUP_MANAGE)
    return Shift.objects.filter(is_active=True).order_by("name")


def consents(employee: Employee) -> set[str]:
    """The purposes the employee has consented to and not withdrawn."""
    return set(Consent.objects.filter(employee=employee, withdrawn_at__isnull=True).values_list("purpose", flat=True))


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The day in the organisation's time zone, as an aware [start, end) interval."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, start + datetime.timedelta(days=1)


def punches_of(employee: Employee, *, since: datetime.date, until: datetime.date) -> QuerySet[Punch]:
    """The employee's punches from `since` to `until` (both days included), oldest first."""
    start, _ = day_bounds(since)
    _, end = day_bounds(until)
    return (
        Punch.objects.filter(employee=employee, punched_at__gte=start, punched_at__lt=end)
        .select_related("place")
        .order_by("punched_at")
    )


def calendar(country: str, *, since: datetime.date, until: datetime.date) -> dict[datetime.date, str]:
    """{date: holiday | workday | normal} for the days that are not what their weekday says."""
    return dict(
        CalendarDay.objects.filter(country=country, date__gte=since, date__lte=until).values_list("date", "kind")
    )


def is_workday(group: AttendanceGroup, day: datetime.date, calendar_kind: str | None) -> bool:
    if calendar_kind == CalendarDay.Kind.HOLIDAY:
        return False
    if calendar_kind == CalendarDay.Kind.WORKDAY:
        return True
    return day.isoweekday() in group.workdays


def shift_rule(
    group: AttendanceGroup | None, day: datetime.date, calendar_kind: str | None = None
) -> results.ShiftRule | None:
    """The shift and rules the group applies on `day`; None for a rest day (or a holiday)."""
    if group is None or group.shift is None or not is_workday(group, day, calendar_kind):
        return None
    shift = group.shift
    return results.ShiftRule(
        segments=tuple(
            results.Segment(results.parse_time(s["on"]), results.parse_time(s["off"])) for s in shift.segments
        ),
        on_window_minutes=shift.on_window_minutes,
        off_window_minutes=shift.off_window_minutes,
        late_grace_minutes=group.late_grace_minutes,
        serious_late_minutes=group.serious_late_minutes,
        absent_late_minutes=group.absent_late_minutes,
        early_grace_minutes=group.early_grace_minutes,
    )


def days_of(employee: Employee, *, since: datetime.date, until: datetime.date) -> list[results.DayResult]:
    """Each day's result from the accepted punches, the group's current shift and rules, and now.
    Punches that need review do not count until they are reviewed."""
    group = group_for(employee)
    tz = timezone.get_current_timezone()
    # A night shift's off slot reaches into the next day: read one day further.
    accepted = [
        results.PunchFact(str(p.pk), p.punched_at)
        for p in punches_of(employee, since=since, until=until + datetime.timedelta(days=1)).filter(
            status=Punch.Status.ACCEPTED
        )
    ]
    start, _ = day_bounds(since)
    _, end = day_bounds(until + datetime.timedelta(days=1))
    accepted += [
        results.PunchFact(str(m.pk), m.punched_at, made_up=True)
        for m in MakeUpPunch.objects.filter(
            employee=employee, revoked_at=None, punched_at__gte=start, punched_at__lt=end
        )
    ]
    now = timezone.now()
    kinds = calendar(group.calendar_country, since=since, until=until) if group else {}
    days = []
    day = since
    while day <= until:
        days.append(results.compute_day(shift_rule(group, day, kinds.get(day)), day, accepted, now, tz))
        day += datetime.timedelta(days=1)
    return days
