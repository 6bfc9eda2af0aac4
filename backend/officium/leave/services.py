"""Writes to the leave ledger: yearly statutory grants, leave taken through approvals, adjustments."""

from __future__ import annotations

import calendar
import datetime
from decimal import ROUND_FLOOR, Decimal
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone

from officium.approvals.checks import RequestCheck
from officium.approvals.models import Instance
from officium.attendance import selectors as attendance
from officium.attendance.spans import Span
from officium.core import audit, permissions
from officium.core.errors import NotFound, ValidationFailed
from officium.leave import annual, durations, selectors
from officium.leave.models import BalanceEntry, LeaveType
from officium.leave.permissions import BALANCE_MANAGE
from officium.org.models import Employee

ANNUAL = "annual"
LEAVE_TEMPLATE = "leave"
MAX_ADJUSTMENT = Decimal(365)


def _once(entry: BalanceEntry) -> bool:
    """Save an entry that must exist once per source; False when it already does."""
    try:
        with transaction.atomic():
            entry.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def grant_annual_leave(employee: Employee, year: int, *, today: datetime.date | None = None) -> BalanceEntry | None:
    """The statutory days of the year, once (prorated for a joiner); None when nothing is due or it exists.
    With monthly accrual, what the months begun so far (up to `today`) have earned."""
    joined = employee.hire_date if employee.hire_date and employee.hire_date.year == year else None
    days = annual.days_for_year(year=year, first_work_date=employee.first_work_date, joined_on=joined)
    if days <= 0:
        return None
    if LeaveType.objects.filter(pk=ANNUAL, accrual=LeaveType.Accrual.MONTHLY).exists():
        return _accrue_monthly(employee, year, days, joined, today or timezone.localdate())
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


HALF = Decimal("0.5")


def earned_by_month(days: int, first_month: int, month: int) -> Decimal:
    """What monthly accrual has given by the start of `month`: the year's days spread evenly over the
    months from `first_month` to December, rounded down to half days."""
    months = 13 - first_month
    begun = month - first_month + 1
    return (Decimal(days) * begun / months / HALF).to_integral_value(rounding=ROUND_FLOOR) * HALF


def _accrue_monthly(
    employee: Employee, year: int, days: int, joined: datetime.date | None, today: datetime.date
) -> BalanceEntry | None:
    yearly = BalanceEntry.objects.filter(employee=employee, leave_type_id=ANNUAL, kind="grant", source=f"annual-{year}")
    if yearly.exists() or today.year < year:
        return None  # granted for the year at once before accrual became monthly, or the year has not begun
    first_month = joined.month if joined else 1
    last_month = today.month if today.year == year else 12
    entry = None
    for month in range(first_month, last_month + 1):
        amount = earned_by_month(days, first_month, month) - (
            earned_by_month(days, first_month, month - 1) if month > first_month else Decimal(0)
        )
        if amount <= 0:
            continue
        candidate = BalanceEntry(
            employee=employee,
            leave_type_id=ANNUAL,
            kind=BalanceEntry.Kind.GRANT,
            amount=amount,
            effective_on=max(datetime.date(year, month, 1), joined or datetime.date(year, 1, 1)),
            expires_on=datetime.date(year, 12, 31),
            source=f"annual-{year}-{month:02d}",
            reason=f"法定年假（{month}月）",
        )
        with transaction.atomic():
            if not _once(candidate):
                continue
            audit.record(
                action="leave.balance.grant",
                target=employee,
                changes={"leave_type": ANNUAL, "amount": str(amount), "year": year, "month": month},
            )
        entry = candidate
    return entry


def grant_annual_leave_to_everyone(year: int, *, today: datetime.date | None = None) -> int:
    """The daily job: every active employee's statutory annual leave for `year` (idempotent)."""
    granted = 0
    for employee in Employee.objects.filter(status__in=("active", "probation")).iterator():
        granted += grant_annual_leave(employee, year, today=today) is not None
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


def request_amount(employee: Employee, leave_type: LeaveType, span: Span) -> Decimal:
    """What a leave over `span` takes, in the type's unit, measured against the employee's schedule."""
    return durations.amount(leave_type.unit, attendance.request_coverage(employee, span))


def pending_amount(employee: Employee, leave_type: LeaveType, *, besides: UUID) -> Decimal:
    """What the employee's other leave requests of this type, still waiting for approval, would take."""
    total = Decimal(0)
    for form_data in (
        Instance.objects.filter(submitter=employee, template__key=LEAVE_TEMPLATE, status=Instance.Status.RUNNING)
        .exclude(pk=besides)
        .values_list("form_data", flat=True)
    ):
        span = attendance.request_span(employee, form_data.get("period")) if isinstance(form_data, dict) else None
        if span is not None and form_data.get("leave_type") == leave_type.code:
            total += request_amount(employee, leave_type, span)
    return total


def check_request(request: RequestCheck) -> None:
    """A leave request must take some working time and, for a type with a balance, fit in it: at
    submission beside the other requests still waiting, at approval in what is left now."""
    leave_type = LeaveType.objects.filter(pk=str(request.form_data.get("leave_type", ""))).first()
    span = attendance.request_span(request.submitter, request.form_data.get("period"))
    if leave_type is None or span is None:
        return  # the form's own validation names the type and the period
    requested = request_amount(request.submitter, leave_type, span)
    if requested == 0:
        raise ValidationFailed("The period has no working time: nothing to take leave from.", code="no_working_time")
    if not leave_type.tracked:
        return
    available = selectors.balance_of(request.submitter, leave_type)
    if request.stage == "submit":
        available -= pending_amount(request.submitter, leave_type, besides=request.instance_id)
    if requested > available:
        left = f"{max(available, Decimal(0)):.2f}"
        raise ValidationFailed(
            f"{leave_type.name}: {requested:.2f} requested, {left} available.",
            code="insufficient_balance",
            requested=f"{requested:.2f}",
            available=left,
            unit=leave_type.unit,
        )


def take_for_approval(*, approval_id: UUID, employee: Employee, leave_type: str, span: Span) -> BalanceEntry | None:
    """An approved leave request uses what it covers, once however often the event arrives."""
    kind = LeaveType.objects.filter(pk=leave_type).first()
    if kind is None:
        return None
    used = request_amount(employee, kind, span)
    tz = timezone.get_current_timezone()
    start, end = span[0].astimezone(tz), span[1].astimezone(tz)
    entry = BalanceEntry(
        employee=employee,
        leave_type=kind,
        kind=BalanceEntry.Kind.USE,
        amount=-used,
        effective_on=start.date(),
        source=str(approval_id),
        reason=f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}",
    )
    with transaction.atomic():
        if not _once(entry):
            return None
        audit.record(
            action="leave.balance.use",
            target=entry,
            changes={"approval": str(approval_id), "leave_type": leave_type, "amount": str(used)},
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


def sync_in_lieu(*, record_id: UUID) -> BalanceEntry | None:
    """Time off in lieu (调休) follows what an overtime record owes now (`in_lieu_owed`): the first
    hours are granted, to be taken by the record's date; a revoked record's are reversed; a
    recomputation adds a grant or takes an adjustment for the difference. Entries are keyed by the
    record's revision, so an event handled twice (or late) writes nothing more."""
    owed = attendance.in_lieu_owed(record_id)
    if owed is None:
        return None
    source = f"overtime-{record_id}"
    with transaction.atomic():
        Employee.objects.select_for_update().filter(pk=owed.employee_id).first()  # one sync at a time per person
        entries = BalanceEntry.objects.filter(employee_id=owed.employee_id, leave_type_id=IN_LIEU).filter(
            Q(source=source) | Q(source__startswith=f"{source}-r")
        )
        net = entries.aggregate(total=Sum("amount"))["total"] or Decimal(0)
        difference = owed.hours - net
        if difference == 0:
            return None
        first, reversed_once = not entries.exists(), entries.filter(kind=BalanceEntry.Kind.REVERSE).exists()
        if owed.revoked and owed.hours == 0 and not reversed_once:
            kind, key, reason = BalanceEntry.Kind.REVERSE, source, "撤销加班"
        elif difference > 0:
            kind, key = BalanceEntry.Kind.GRANT, source if first else f"{source}-r{owed.revision}"
            reason = "加班调休" if first else "加班重算"
        else:
            kind, key, reason = BalanceEntry.Kind.ADJUST, f"{source}-r{owed.revision}", "加班重算"
        entry = BalanceEntry(
            employee_id=owed.employee_id,
            leave_type_id=IN_LIEU,
            kind=kind,
            amount=difference,
            effective_on=timezone.localdate(),
            expires_on=owed.until if kind == BalanceEntry.Kind.GRANT else None,
            source=key,
            reason=reason,
        )
        if not _once(entry):
            return None
        audit.record(
            action=f"leave.balance.{'reverse' if kind == BalanceEntry.Kind.REVERSE else kind}",
            target=entry,
            changes={"overtime": str(record_id), "revision": owed.revision, "hours": str(difference)},
        )
    return entry


# --- expiry and carry-over --------------------------------------------------------------------------------------
EXPIRY_LOOKBACK = datetime.timedelta(days=31)  # how late the daily job may run and still expire a grant
CARRIED = (BalanceEntry.Kind.GRANT, BalanceEntry.Kind.CARRY_OVER, BalanceEntry.Kind.ADJUST)


def leave_type_update(*, actor: Any, code: str, **changes: Any) -> LeaveType:
    permissions.require(actor, BALANCE_MANAGE)
    with transaction.atomic():
        kind = LeaveType.objects.select_for_update().filter(pk=code).first()
        if kind is None:
            raise NotFound("No such type of leave.", code="leave_type_not_found")
        if not kind.tracked:
            raise ValidationFailed("Only leave types with a balance carry over.", code="invalid_leave_type")
        if changes.get("accrual") is not None and kind.code != ANNUAL:
            raise ValidationFailed(
                "Only statutory annual leave is granted by the year or the month.", code="invalid_accrual"
            )
        before = {
            "carry_over_max": f"{kind.carry_over_max:.2f}",
            "carry_over_months": kind.carry_over_months,
            "accrual": kind.accrual,
        }
        for key in ("carry_over_max", "carry_over_months", "accrual"):
            if changes.get(key) is not None:
                setattr(kind, key, changes[key])
        kind.save()
        after = {
            "carry_over_max": f"{Decimal(kind.carry_over_max):.2f}",
            "carry_over_months": kind.carry_over_months,
            "accrual": kind.accrual,
        }
        audit.record(action="leave.type.update", actor=actor, target=kind, changes=audit.diff(before, after))
    return kind


def unused_part(grant: BalanceEntry) -> Decimal:
    """What is left of an expiring grant. Leave is taken from the grants that expire first, so the
    grants (and carry-overs, and additions) that outlive this one are whole as far as the balance goes."""
    entries = BalanceEntry.objects.filter(employee_id=grant.employee_id, leave_type_id=grant.leave_type_id)
    balance = entries.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    outliving = entries.filter(kind__in=CARRIED, amount__gt=0).exclude(pk=grant.pk).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gt=grant.expires_on)
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return min(Decimal(grant.amount), max(Decimal(0), balance - outliving))


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expire(grant: BalanceEntry) -> tuple[BalanceEntry | None, BalanceEntry | None]:
    """An expired grant: its unused part carries over as far as the type allows (a grant only, never a
    carry-over) and the rest expires; once, however often the job runs."""
    assert grant.expires_on is not None
    kind = grant.leave_type
    unused = unused_part(grant)
    carry = min(unused, kind.carry_over_max) if grant.kind == BalanceEntry.Kind.GRANT else Decimal(0)
    carried = expired = None
    with transaction.atomic():
        if carry > 0:
            carried = BalanceEntry(
                employee_id=grant.employee_id,
                leave_type=kind,
                kind=BalanceEntry.Kind.CARRY_OVER,
                amount=carry,
                effective_on=grant.expires_on + datetime.timedelta(days=1),
                expires_on=_add_months(grant.expires_on, kind.carry_over_months),
                source=f"carry-{grant.pk}",
                reason="结转",
            )
            if not _once(carried):
                return None, None
        if unused > 0:
            expired = BalanceEntry(
                employee_id=grant.employee_id,
                leave_type=kind,
                kind=BalanceEntry.Kind.EXPIRE,
                amount=-unused,
                effective_on=grant.expires_on + datetime.timedelta(days=1),
                source=f"expire-{grant.pk}",
                reason="过期",
            )
            if not _once(expired):
                return None, None
        if carried or expired:
            audit.record(
                action="leave.balance.expire",
                target=grant,
                changes={"unused": f"{unused:.2f}", "carried_over": f"{carry:.2f}", "expired": f"{unused:.2f}"},
            )
    return carried, expired


def expire_due(today: datetime.date) -> int:
    """The daily job: the grants that expired lately and have not been expired yet."""
    since = today - EXPIRY_LOOKBACK
    done = set(
        BalanceEntry.objects.filter(kind=BalanceEntry.Kind.EXPIRE, effective_on__gt=since).values_list(
            "source", flat=True
        )
    ) | set(
        BalanceEntry.objects.filter(kind=BalanceEntry.Kind.CARRY_OVER, effective_on__gt=since).values_list(
            "source", flat=True
        )
    )
    handled = 0
    due = BalanceEntry.objects.filter(
        kind__in=(BalanceEntry.Kind.GRANT, BalanceEntry.Kind.CARRY_OVER), expires_on__gte=since, expires_on__lt=today
    ).select_related("leave_type")
    for grant in due.order_by("expires_on", "pk").iterator():
        if f"expire-{grant.pk}" in done or f"carry-{grant.pk}" in done:
            continue
        carried, expired = expire(grant)
        handled += bool(carried or expired)
    return handled
