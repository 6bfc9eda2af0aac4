"""Writes to the leave ledger: yearly statutory grants, leave taken through approvals, adjustments."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction

from officium.attendance import selectors as attendance
from officium.core import audit, permissions
from officium.core.errors import NotFound, ValidationFailed
from officium.leave import annual
from officium.leave.models import BalanceEntry, LeaveType
from officium.leave.permissions import BALANCE_MANAGE
from officium.org.models import Employee

ANNUAL = "annual"
MAX_ADJUSTMENT = Decimal(365)


def _once(entry: BalanceEntry) -> bool:
    """Save an entry that must exist once per source; False when it already does."""
    try:
        with transaction.atomic():
            entry.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def grant_annual_leave(employee: Employee, year: int) -> BalanceEntry | None:
    """The statutory days of the year, once (prorated for a joiner); None when nothing is due or it exists."""
    joined = employee.hire_date if employee.hire_date and employee.hire_date.year == year else None
    days = annual.days_for_year(year=year, first_work_date=employee.first_work_date, joined_on=joined)
    if days <= 0:
        return None
    entry = BalanceEntry(
        employee=employee,
        leave_type_id=ANNUAL,
        kind=BalanceEntry.Kind.GRANT,
        amount=Decimal(days),
        effective_on=max(datetime.date(year, 1, 1), joined or datetime.date(year, 1, 1)),
        expires_on=datetime.date(year, 12, 31),
        source=f"annual-{year}",
        reason="法定年假",
    )
    with transaction.atomic():
        if not _once(entry):
            return None
        audit.record(
            action="leave.balance.grant",
            target=employee,
            changes={"leave_type": ANNUAL, "amount": str(entry.amount), "year": year},
        )
    return entry


def grant_annual_leave_to_everyone(year: int) -> int:
    """The yearly job: every active employee's statutory annual leave for `year` (idempotent)."""
    granted = 0
    for employee in Employee.objects.filter(status__in=("active", "probation")).iterator():
        granted += grant_annual_leave(employee, year) is not None
    return granted


def adjust(*, actor: Any, employee_id: UUID, leave_type: str, amount: Decimal, reason: str) -> BalanceEntry:
    """An administrator's correction, with the reason (audited)."""
    permissions.require(actor, BALANCE_MANAGE)
    if not reason.strip():
        raise ValidationFailed("Give the reason for the adjustment.", code="reason_required")
    if amount == 0 or abs(amount) > MAX_ADJUSTMENT:
        raise ValidationFailed("Adjust by a non-zero amount of at most 365.", code="invalid_amount")
    kind = LeaveType.objects.filter(pk=leave_type).first()
    if kind is None or not kind.tracked:
        raise ValidationFailed("Only leave types with a balance can be adjusted.", code="invalid_leave_type")
    employee = Employee.objects.filter(pk=employee_id).first()
    if employee is None:
        raise NotFound("No such employee.", code="employee_not_found")
    with transaction.atomic():
        entry = BalanceEntry.objects.create(
            employee=employee,
            leave_type=kind,
            kind=BalanceEntry.Kind.ADJUST,
            amount=amount,
            effective_on=datetime.date.today(),
            reason=reason.strip()[:200],
            created_by=actor,
        )
        audit.record(
            action="leave.balance.adjust",
            actor=actor,
            target=entry,
            changes={"employee": str(employee.pk), "leave_type": leave_type, "amount": str(amount), "reason": reason},
        )
    return entry


def working_days(employee: Employee, start: datetime.date, end: datetime.date) -> int:
    """Days of [start, end] the employee would work: their group's workdays and calendar (else Mon–Fri)."""
    group = attendance.group_for(employee)
    kinds = attendance.calendar(group.calendar_country, since=start, until=end) if group else {}
    count, day = 0, start
    while day <= end:
        if group is not None:
            count += attendance.is_workday(group, day, kinds.get(day))
        else:
            count += day.isoweekday() <= 5
        day += datetime.timedelta(days=1)
    return count


def take_for_approval(
    *, approval_id: UUID, employee: Employee, leave_type: str, start: datetime.date, end: datetime.date
) -> BalanceEntry | None:
    """An approved leave request uses its working days, once however often the event arrives."""
    if not LeaveType.objects.filter(pk=leave_type).exists():
        return None
    days = working_days(employee, start, end)
    entry = BalanceEntry(
        employee=employee,
        leave_type_id=leave_type,
        kind=BalanceEntry.Kind.USE,
        amount=Decimal(-days),
        effective_on=start,
        source=str(approval_id),
        reason=f"{start.isoformat()} – {end.isoformat()}",
    )
    with transaction.atomic():
        if not _once(entry):
            return None
        audit.record(
            action="leave.balance.use",
            target=entry,
            changes={"approval": str(approval_id), "leave_type": leave_type, "days": days},
        )
    return entry


def give_back_for_approval(*, approval_id: UUID) -> BalanceEntry | None:
    """A revoked leave request gives its days back (a reversing entry; the use stays in the history)."""
    used = BalanceEntry.objects.filter(source=str(approval_id), kind=BalanceEntry.Kind.USE).first()
    if used is None:
        return None
    entry = BalanceEntry(
        employee_id=used.employee_id,
        leave_type_id=used.leave_type_id,
        kind=BalanceEntry.Kind.REVERSE,
        amount=-used.amount,
        effective_on=used.effective_on,
        source=str(approval_id),
        reason="撤销请假",
    )
    with transaction.atomic():
        if not _once(entry):
            return None
        audit.record(action="leave.balance.reverse", target=entry, changes={"approval": str(approval_id)})
    return entry


IN_LIEU = "compensatory"


def grant_in_lieu(
    *, record_id: UUID, employee_id: UUID, hours: Decimal, until: datetime.date | None
) -> BalanceEntry | None:
    """Time off in lieu (调休) for overtime, in hours, to be taken by `until`; once per overtime record."""
    entry = BalanceEntry(
        employee_id=employee_id,
        leave_type_id=IN_LIEU,
        kind=BalanceEntry.Kind.GRANT,
        amount=hours,
        effective_on=datetime.date.today(),
        expires_on=until,
        source=f"overtime-{record_id}",
        reason="加班调休",
    )
    with transaction.atomic():
        if not _once(entry):
            return None
        audit.record(
            action="leave.balance.grant", target=entry, changes={"overtime": str(record_id), "hours": str(hours)}
        )
    return entry


def take_back_in_lieu(*, record_id: UUID) -> BalanceEntry | None:
    """Revoked overtime: its time off in lieu goes (a reversing entry; the grant stays in the history)."""
    granted = BalanceEntry.objects.filter(source=f"overtime-{record_id}", kind=BalanceEntry.Kind.GRANT).first()
    if granted is None:
        return None
    entry = BalanceEntry(
        employee_id=granted.employee_id,
        leave_type_id=IN_LIEU,
        kind=BalanceEntry.Kind.REVERSE,
        amount=-granted.amount,
        effective_on=datetime.date.today(),
        source=f"overtime-{record_id}",
        reason="撤销加班",
    )
    with transaction.atomic():
        if not _once(entry):
            return None
        audit.record(action="leave.balance.reverse", target=entry, changes={"overtime": str(record_id)})
    return entry
