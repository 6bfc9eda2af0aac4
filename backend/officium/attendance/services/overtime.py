"""Overtime from the approval centre (加班): an approved request becomes an overtime record with its
day type and pay rate; time off in lieu (调休) is granted by the leave ledger when it hears of it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from officium.attendance import selectors, spans
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


def day_type(group: AttendanceGroup | None, day: datetime.date, employee_id: UUID | None = None) -> str:
    """A statutory holiday whatever the schedule; else a workday when the person's schedule has a
    shift that day (a roster group: their roster), a rest day otherwise."""
    rules = group or DEFAULTS
    kind = selectors.calendar(rules.calendar_country, since=day, until=day).get(day)
    if kind == CalendarDay.Kind.HOLIDAY:
        return OvertimeRecord.DayType.HOLIDAY
    if group is not None and group.kind == AttendanceGroup.Kind.ROSTER and employee_id is not None:
        entries = selectors.roster_entries([employee_id], since=day, until=day)
        planned = entries.get(employee_id, {}).get(group.pk, {}).get(day)
        return OvertimeRecord.DayType.WORKDAY if planned is not None else OvertimeRecord.DayType.REST_DAY
    if selectors.is_workday(rules, day, kind):
        return OvertimeRecord.DayType.WORKDAY
    return OvertimeRecord.DayType.REST_DAY


def record_approved(*, approval_id: UUID, employee: Employee, form_data: dict[str, Any]) -> OvertimeRecord | None:
    """The overtime of an approved request, once however often the event arrives; None when the
    request names no period or is shorter than the group's minimum."""
    period = form_data.get("period") or {}
    starts_at, ends_at = _moment(period.get("start")), _moment(period.get("end"))
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        return None
    group = selectors.group_for(employee)
    rules = group or DEFAULTS
    # The rest windows (午休) of the shifts it crosses are not worked.
    rested = spans.overlap_minutes((starts_at, ends_at), selectors.rests(employee, (starts_at, ends_at)))
    minutes = (ends_at - starts_at).total_seconds() / 60 - rested
    if minutes < rules.overtime_minimum_minutes:
        return None
    hours = min(Decimal(minutes / 60).quantize(Decimal("0.01")), Decimal(rules.overtime_cap_hours))
    day = timezone.localtime(starts_at).date()
    kind = day_type(group, day, employee.pk)
    compensation = str(form_data.get("compensation"))
    if compensation not in OvertimeRecord.Compensation.values:
        compensation = OvertimeRecord.Compensation.PAY
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
        record.save(update_fields=["revoked_at"])
        audit.record(action="attendance.overtime.revoke", target=record, changes={"approval": str(approval_id)})
        publish(OvertimeRevoked(record_id=record.pk), durable=True)
    return True
