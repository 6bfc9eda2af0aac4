"""Overtime from the approval centre (加班): an approved request becomes an overtime record with its
day type and pay rate; time off in lieu (调休) is granted by the leave ledger when it hears of it.
Where the group counts overtime from punches (alone or with a request), `overtime_days` does the rest."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from officium.attendance import punched_overtime, results, selectors, spans
from officium.attendance.events import OvertimeRecorded, OvertimeRevoked
from officium.attendance.models import AttendanceGroup, CalendarDay, OvertimeRecord
from officium.core import audit
from officium.core.events import publish
from officium.org.models import Employee

TEMPLATE_KEY = "overtime"
PAY_RATES: dict[str, Decimal] = {
    OvertimeRecord.DayType.WORKDAY: Decimal("1.5"),
    OvertimeRecord.DayType.REST_DAY: Decimal("2.0"),
    OvertimeRecord.DayType.HOLIDAY: Decimal("3.0"),
}
DEFAULTS = AttendanceGroup()  # the rules of someone in no group: the model's defaults


def _moment(value: Any) -> datetime.datetime | None:
    moment = parse_datetime(str(value)) if value else None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _type_of(group: AttendanceGroup, day: datetime.date, kind: str | None, planned: bool | None) -> str:
    """A statutory holiday whatever the schedule; else a workday when the person's schedule has a
    shift that day (a roster group: `planned`, their roster), a rest day otherwise."""
    if kind == CalendarDay.Kind.HOLIDAY:
        return OvertimeRecord.DayType.HOLIDAY
    if planned is not None:
        return OvertimeRecord.DayType.WORKDAY if planned else OvertimeRecord.DayType.REST_DAY
    if selectors.is_workday(group, day, kind):
        return OvertimeRecord.DayType.WORKDAY
    return OvertimeRecord.DayType.REST_DAY


def day_types(
    groups_by_employee: dict[UUID, AttendanceGroup | None], *, since: datetime.date, until: datetime.date
) -> dict[UUID, dict[datetime.date, str]]:
    """Each person's type of day from `since` to `until` (a query per country and one for rosters)."""
    rules = {pk: group or DEFAULTS for pk, group in groups_by_employee.items()}
    kinds = {
        country: selectors.calendar(country, since=since, until=until)
        for country in {group.calendar_country for group in rules.values()}
    }
    rostered = [pk for pk, group in rules.items() if group.kind == AttendanceGroup.Kind.ROSTER and group.pk]
    entries = selectors.roster_entries(rostered, since=since, until=until) if rostered else {}
    days = [since + datetime.timedelta(days=n) for n in range((until - since).days + 1)]
    found: dict[UUID, dict[datetime.date, str]] = {}
    for pk, group in rules.items():
        roster = entries.get(pk, {}).get(group.pk, {}) if pk in rostered else None
        found[pk] = {
            day: _type_of(
                group,
                day,
                kinds[group.calendar_country].get(day),
                None if roster is None else roster.get(day) is not None,
            )
            for day in days
        }
    return found


def day_type(group: AttendanceGroup | None, day: datetime.date, employee_id: UUID | None = None) -> str:
    """The type of `day` for the person (`day_types` of one day)."""
    if employee_id is None:
        rules = group or DEFAULTS
        kind = selectors.calendar(rules.calendar_country, since=day, until=day).get(day)
        return _type_of(rules, day, kind, None)
    return day_types({employee_id: group}, since=day, until=day)[employee_id][day]


def source_for(group: AttendanceGroup | None, kind: str) -> str:
    """Where the group's overtime on this type of day comes from (approval, punches or both)."""
    value: str = getattr(group or DEFAULTS, f"overtime_{kind}_source")
    return value


def compensation_for(group: AttendanceGroup | None, kind: str) -> str:
    """How the group compensates overtime from punches on this type of day (time off or pay)."""
    value: str = getattr(group or DEFAULTS, f"overtime_{kind}_compensation")
    return value


def fixed_shift(group: AttendanceGroup | None) -> results.ShiftRule | None:
    """The fixed shift, whose breaks (between segments, 午休) a rest day's overtime leaves out."""
    if group is None or group.kind != AttendanceGroup.Kind.FIXED or group.shift is None:
        return None
    return selectors.judged_shift(group, group.shift)


def punched(
    employee: Employee, group: AttendanceGroup | None, day: datetime.date, kind: str
) -> punched_overtime.Worked | None:
    """The overtime the employee's punches show on `day` so far."""
    if group is None:
        return None
    result = selectors.compute_days_for_people({employee.pk: group}, since=day, until=day)[employee.pk][0]
    facts = selectors.punch_facts([employee.pk], since=day, until=day)[employee.pk]
    return punched_overtime.worked(
        kind,
        result,
        facts,
        timezone.get_current_timezone(),
        offset_minutes=group.overtime_offset_minutes,
        shift=fixed_shift(group),
    )


def hours_of(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def record_approved(*, approval_id: UUID, employee: Employee, form_data: dict[str, Any]) -> OvertimeRecord | None:
    """The overtime of an approved request, once however often the event arrives; None when the
    request names no period, is shorter than the group's minimum, or falls on a day whose overtime
    comes from punches alone. Where the group wants both, it counts the shorter of the request and
    the punched overtime (as far as the punches are known: the worker recomputes it as the day settles)."""
    period = form_data.get("period") or {}
    starts_at, ends_at = _moment(period.get("start")), _moment(period.get("end"))
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        return None
    group = selectors.group_for(employee)
    rules = group or DEFAULTS
    # The rest windows (午休) of the shifts it crosses are not worked.
    rested = spans.overlap_minutes((starts_at, ends_at), selectors.rests(employee, (starts_at, ends_at)))
    minutes = int((ends_at - starts_at).total_seconds() // 60 - rested)
    if minutes < rules.overtime_minimum_minutes:
        return None
    day = timezone.localtime(starts_at).date()
    kind = day_type(group, day, employee.pk)
    source = source_for(group, kind)
    if source == OvertimeRecord.Source.PUNCHES:
        return None
    requested = hours_of(
        punched_overtime.counted_minutes(minutes, minimum_minutes=0, cap_hours=rules.overtime_cap_hours)
    )
    hours = requested
    if source == OvertimeRecord.Source.BOTH:
        worked = punched(employee, group, day, kind)
        shown = punched_overtime.counted_minutes(
            worked.minutes if worked else 0,
            minimum_minutes=rules.overtime_minimum_minutes,
            cap_hours=rules.overtime_cap_hours,
        )
        hours = min(requested, hours_of(shown))
    compensation = str(form_data.get("compensation"))
    if compensation not in OvertimeRecord.Compensation.values:
        compensation = compensation_for(group, kind)
    in_lieu_until = (
        day + datetime.timedelta(days=rules.in_lieu_valid_days)
        if compensation == OvertimeRecord.Compensation.TIME_OFF
        else None
    )
    with transaction.atomic():
        record, created = OvertimeRecord.objects.get_or_create(
            approval_id=approval_id,
            defaults={
                "employee": employee,
                "source": source,
                "day": day,
                "requested_hours": requested if source == OvertimeRecord.Source.BOTH else None,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "hours": hours,
                "day_type": kind,
                "pay_rate": PAY_RATES[kind],
                "compensation": compensation,
                "in_lieu_until": in_lieu_until,
            },
        )
        if created:
            audit.record(
                action="attendance.overtime.record",
                target=record,
                changes={
                    "approval": str(approval_id),
                    "source": source,
                    "hours": str(hours),
                    "day_type": kind,
                    "compensation": compensation,
                },
            )
            publish(
                OvertimeRecorded(
                    record_id=record.pk,
                    employee_id=employee.pk,
                    hours=hours,
                    compensation=compensation,
                    in_lieu_until=in_lieu_until,
                ),
                durable=True,
            )
    return record


def revoke(*, approval_id: UUID) -> bool:
    with transaction.atomic():
        record = OvertimeRecord.objects.select_for_update().filter(approval_id=approval_id, revoked_at=None).first()
        if record is None:
            return False
        record.revoked_at = timezone.now()
        record.revision += 1
        record.save(update_fields=["revoked_at", "revision"])
        audit.record(action="attendance.overtime.revoke", target=record, changes={"approval": str(approval_id)})
        publish(OvertimeRevoked(record_id=record.pk), durable=True)
    return True
