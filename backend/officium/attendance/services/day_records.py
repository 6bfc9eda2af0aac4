"""The worker's records of each day's result (考勤结果).

Results are a pure function of their inputs, so a record is only ever recomputed, never patched:
by the hourly job once a day has settled (its punch windows closed and the offline allowance
passed), and whenever an input changes after the fact. Records of a closed month stay as they are.
Overtime from punches is counted as the days settle (`overtime_days`), with the same recomputation.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from officium.attendance import results, selectors
from officium.attendance.models import AttendanceGroup, DayRecord, PeriodLock
from officium.attendance.services import overtime_days
from officium.core import audit
from officium.core.errors import ValidationFailed
from officium.org.models import Employee

CHUNK = 500
RECENT_DAYS = 2  # the hourly job's reach: yesterday and the day before, whatever settled since


def store(groups_by_employee: dict[UUID, AttendanceGroup | None], *, since: datetime.date, until: datetime.date) -> int:
    """Compute and keep the days [since, until] (up to today) of these people; returns how many
    records were written (unchanged ones are left alone)."""
    groups_by_employee = {pk: group for pk, group in groups_by_employee.items() if group is not None}
    if any(group.allowed_lates_per_month for group in groups_by_employee.values() if group is not None):
        until = _month_end(until)  # a late judged again changes which later ones the month forgives
    until = min(until, timezone.localdate())
    if until < since or not groups_by_employee:
        return 0
    tz = timezone.get_current_timezone()
    now = timezone.now()
    closed = set(
        PeriodLock.objects.filter(month__gte=since.replace(day=1), month__lte=until).values_list("month", flat=True)
    )
    computed = selectors.compute_days_for_people(groups_by_employee, since=since, until=until)
    existing = {
        (record.employee_id, record.day): record
        for record in DayRecord.objects.filter(employee_id__in=list(groups_by_employee), day__gte=since, day__lte=until)
    }
    created: list[DayRecord] = []
    changed: list[DayRecord] = []
    settled: list[tuple[UUID, datetime.date]] = []
    for employee_id, days in computed.items():
        group = groups_by_employee[employee_id]
        allowance = datetime.timedelta(hours=group.offline_max_queued_hours if group else 0)
        for day in days:
            if day.day.replace(day=1) in closed:
                continue
            settles = results.settles_at(day, allowance, tz)
            if now >= settles:
                settled.append((employee_id, day.day))
            values = {
                "status": day.status,
                "slots": results.day_to_json(day),
                "late_minutes": day.late_minutes,
                "early_minutes": day.early_minutes,
                "settles_at": settles,
            }
            record = existing.get((employee_id, day.day))
            if record is None:
                created.append(DayRecord(employee_id=employee_id, day=day.day, computed_at=now, **values))
            elif record.settled and all(getattr(record, key) == value for key, value in values.items()):
                continue
            else:
                for key, value in values.items():
                    setattr(record, key, value)
                record.computed_at = now
                changed.append(record)
    with transaction.atomic():
        DayRecord.objects.bulk_create(created, ignore_conflicts=True)  # a concurrent run wrote the same day
        DayRecord.objects.bulk_update(changed, [*FIELDS, "computed_at"])
    overtime_days.settle(groups_by_employee, computed, settled=settled)
    return len(created) + len(changed)


def _month_end(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)


FIELDS = ("status", "slots", "late_minutes", "early_minutes", "settles_at")


def recompute(employee_ids: Iterable[UUID], *, since: datetime.date, until: datetime.date) -> int:
    people = list(Employee.objects.filter(pk__in=list(employee_ids)).select_related("main_department"))
    return store(selectors.groups_for(people), since=since, until=until)


def settle_recent() -> int:
    """The hourly job: the recent days of everyone who works, in chunks."""
    today = timezone.localdate()
    since = today - datetime.timedelta(days=RECENT_DAYS)
    written = 0
    people = (
        Employee.objects.filter(status__in=("active", "probation")).select_related("main_department").order_by("pk")
    )
    chunk: list[Employee] = []
    for employee in people.iterator(chunk_size=CHUNK):
        chunk.append(employee)
        if len(chunk) == CHUNK:
            written += store(selectors.groups_for(chunk), since=since, until=today)
            chunk = []
    if chunk:
        written += store(selectors.groups_for(chunk), since=since, until=today)
    return written


MAX_RECOMPUTE_DAYS = 62


def members(group_id: UUID) -> dict[UUID, AttendanceGroup | None]:
    """The working people whose attendance group this is."""
    people = list(Employee.objects.filter(status__in=("active", "probation")).select_related("main_department"))
    return {pk: group for pk, group in selectors.groups_for(people).items() if group and group.pk == group_id}


def recompute_group(*, actor: Any, group_id: UUID, since: datetime.date, until: datetime.date) -> None:
    """After correcting a group's shift or rules: its members' days [since, until] are computed again
    (by the worker; closed months stay as they are)."""
    from officium.attendance.tasks import recompute_group_days

    group = selectors.group(actor=actor, group_id=group_id)
    if since > until or until > timezone.localdate() or (until - since).days >= MAX_RECOMPUTE_DAYS:
        raise ValidationFailed(
            f"Recompute up to {MAX_RECOMPUTE_DAYS} days, ending today at the latest.", code="invalid_range"
        )
    with transaction.atomic():
        audit.record(
            action="attendance.results.recompute",
            actor=actor,
            target=group,
            changes={"since": since.isoformat(), "until": until.isoformat()},
        )
        transaction.on_commit(
            lambda: recompute_group_days.enqueue(str(group.pk), since.isoformat(), until.isoformat()), robust=True
        )
