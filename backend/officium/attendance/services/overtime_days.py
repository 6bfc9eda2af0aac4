"""Overtime of the days that settled: the worker counts overtime from punches where the group wants it
(按打卡), and shortens requests to the punched time where it wants both. One record per person and
day for overtime from punches, so that recomputing a day (a late punch, a make-up) adjusts it —
or revokes it when it no longer reaches the minimum — instead of adding another."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone

from officium.attendance import punched_overtime, results, selectors
from officium.attendance.events import OvertimeChanged, OvertimeRecorded, OvertimeRevoked
from officium.attendance.models import AttendanceGroup, OvertimeRecord
from officium.attendance.services.overtime import (
    PAY_RATES,
    compensation_for,
    day_types,
    fixed_shift,
    hours_of,
    source_for,
)
from officium.core import audit
from officium.core.events import publish

Key = tuple[UUID, datetime.date]
COUNTED = (OvertimeRecord.Source.PUNCHES, OvertimeRecord.Source.BOTH)
ZERO = Decimal("0.00")


def _uses_punches(group: AttendanceGroup | None) -> bool:
    return group is not None and any(
        source_for(group, kind) != OvertimeRecord.Source.APPROVAL for kind in OvertimeRecord.DayType.values
    )


def settle(
    groups_by_employee: dict[UUID, AttendanceGroup | None],
    days: dict[UUID, list[results.DayResult]],
    *,
    settled: Collection[Key],
) -> int:
    """Count the overtime of the `settled` days among `days`; returns how many records changed. For
    groups whose overtime comes from approval alone it costs one query (for records counted from
    punches before the rules changed, which are revoked)."""
    if not settled:
        return 0
    since, until = min(day for _, day in settled), max(day for _, day in settled)
    people = {pk: group for pk, group in groups_by_employee.items() if _uses_punches(group)}
    others = [pk for pk, group in groups_by_employee.items() if group is not None and pk not in people]
    if others:  # overtime counted from punches before the group went back to approval alone
        counted = OvertimeRecord.objects.filter(
            employee_id__in=others,
            day__gte=since,
            day__lte=until,
            source=OvertimeRecord.Source.PUNCHES,
            revoked_at=None,
        )
        people |= {pk: groups_by_employee[pk] for pk in counted.values_list("employee_id", flat=True)}
    keys = [key for key in settled if key[0] in people]
    if not keys:
        return 0
    kinds = day_types(dict(people), since=since, until=until)
    facts = selectors.punch_facts(list(people), since=since, until=until)
    existing: dict[Key, list[OvertimeRecord]] = {}
    for record in OvertimeRecord.objects.filter(
        employee_id__in=list(people), day__gte=since, day__lte=until, source__in=COUNTED
    ):
        assert record.day is not None
        existing.setdefault((record.employee_id, record.day), []).append(record)
    results_by_key = {(pk, day.day): day for pk, row in days.items() for day in row}
    tz = timezone.get_current_timezone()
    changed = 0
    for employee_id, day in sorted(keys):
        group = people[employee_id]
        assert group is not None
        kind = kinds[employee_id][day]
        worked = punched_overtime.worked(
            kind,
            results_by_key[(employee_id, day)],
            facts[employee_id],
            tz,
            offset_minutes=group.overtime_offset_minutes,
            shift=fixed_shift(group),
        )
        minutes = punched_overtime.counted_minutes(
            worked.minutes if worked else 0,
            minimum_minutes=group.overtime_minimum_minutes,
            cap_hours=group.overtime_cap_hours,
        )
        records = existing.get((employee_id, day), [])
        punched = next((r for r in records if r.source == OvertimeRecord.Source.PUNCHES), None)
        if source_for(group, kind) == OvertimeRecord.Source.PUNCHES:
            changed += _keep_punched(group, employee_id, day, kind, worked, minutes, punched)
        elif punched is not None:  # the rules changed: punches no longer count on this day
            changed += _keep_punched(group, employee_id, day, kind, worked, 0, punched)
        for record in records:
            if record.source == OvertimeRecord.Source.BOTH and record.revoked_at is None:
                changed += _shorten(record, minutes)
    return changed


def _keep_punched(
    group: AttendanceGroup,
    employee_id: UUID,
    day: datetime.date,
    kind: str,
    worked: punched_overtime.Worked | None,
    minutes: int,
    record: OvertimeRecord | None,
) -> int:
    if record is None:
        if minutes == 0 or worked is None:
            return 0
        return _create(group, employee_id, day, kind, worked, minutes)
    if minutes == 0 or worked is None:
        return _revoke(record)
    compensation = compensation_for(group, kind)
    values: dict[str, Any] = {
        "starts_at": worked.starts_at,
        "ends_at": worked.ends_at,
        "hours": hours_of(minutes),
        "day_type": kind,
        "pay_rate": PAY_RATES[kind],
        "compensation": compensation,
        "in_lieu_until": _until(group, day, compensation),
        "revoked_at": None,
    }
    return _update(record, values)


def _until(group: AttendanceGroup, day: datetime.date, compensation: str) -> datetime.date | None:
    if compensation != OvertimeRecord.Compensation.TIME_OFF:
        return None
    return day + datetime.timedelta(days=group.in_lieu_valid_days)


def _create(
    group: AttendanceGroup,
    employee_id: UUID,
    day: datetime.date,
    kind: str,
    worked: punched_overtime.Worked,
    minutes: int,
) -> int:
    compensation = compensation_for(group, kind)
    record = OvertimeRecord(
        employee_id=employee_id,
        source=OvertimeRecord.Source.PUNCHES,
        day=day,
        starts_at=worked.starts_at,
        ends_at=worked.ends_at,
        hours=hours_of(minutes),
        day_type=kind,
        pay_rate=PAY_RATES[kind],
        compensation=compensation,
        in_lieu_until=_until(group, day, compensation),
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                record.save(force_insert=True)
        except IntegrityError:
            return 0  # a concurrent run counted the day first
        audit.record(
            action="attendance.overtime.record",
            target=record,
            changes={
                "source": record.source,
                "day": day.isoformat(),
                "hours": str(record.hours),
                "day_type": kind,
                "compensation": compensation,
            },
        )
        publish(
            OvertimeRecorded(
                record_id=record.pk,
                employee_id=employee_id,
                hours=record.hours,
                compensation=compensation,
                in_lieu_until=record.in_lieu_until,
            ),
            durable=True,
        )
    return 1


def _audited(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else None if value is None else str(value)


def _update(record: OvertimeRecord, values: dict[str, Any]) -> int:
    """Write what changed of the record (under its row lock), audited, and tell the ledger."""
    with transaction.atomic():
        locked = OvertimeRecord.objects.select_for_update().get(pk=record.pk)
        changed = [key for key, value in values.items() if getattr(locked, key) != value]
        if not changed:
            return 0
        changes = {key: [_audited(getattr(locked, key)), _audited(values[key])] for key in changed}
        for key, value in values.items():
            setattr(locked, key, value)
        locked.revision += 1
        locked.save(update_fields=[*changed, "revision"])
        revoked = locked.revoked_at is not None
        audit.record(
            action="attendance.overtime.revoke" if revoked else "attendance.overtime.adjust",
            target=locked,
            changes=changes,
        )
        event = (
            OvertimeRevoked(record_id=locked.pk)
            if revoked
            else OvertimeChanged(record_id=locked.pk, employee_id=locked.employee_id, hours=locked.hours)
        )
        publish(event, durable=True)
    return 1


def _revoke(record: OvertimeRecord) -> int:
    if record.revoked_at is not None:
        return 0
    return _update(record, {"revoked_at": timezone.now()})


def _shorten(record: OvertimeRecord, punched_minutes: int) -> int:
    """A request where the group wants both: the shorter of what it asked and what the punches show."""
    requested = record.requested_hours if record.requested_hours is not None else record.hours
    return _update(record, {"hours": min(Decimal(requested), hours_of(punched_minutes))})
