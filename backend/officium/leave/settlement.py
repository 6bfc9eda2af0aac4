"""离职折算: a leaver's statutory annual leave for the year they leave in, settled once in the ledger.

The year's entitlement is prorated by the calendar days worked in it (÷ 365, fractions below a day
dropped); what is owed is that less the days taken in the year, never below zero — days taken
beyond it are not clawed back. One entry brings the year's part of the balance to what is owed
(an expiry when it takes days away, an adjustment when it adds them) and carries the owed days as
`settlement_days`: the unused leave to be paid at 300 % with the final salary.
"""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from django.db import transaction
from django.db.models import QuerySet, Sum

from officium.core import audit
from officium.leave import annual
from officium.leave.models import BalanceEntry
from officium.org.models import Employee

ANNUAL = "annual"
CENT = Decimal("0.01")


def _total(entries: QuerySet[BalanceEntry]) -> Decimal:
    return Decimal(entries.aggregate(total=Sum("amount"))["total"] or 0)


def settle_leaver(*, employee_id: UUID) -> BalanceEntry | None:
    """The leaver's settlement, once however often `EmployeeLeft` arrives; None for someone who has
    not left (or was settled already)."""
    with transaction.atomic():
        employee = Employee.objects.select_for_update().filter(pk=employee_id).first()
        if employee is None or employee.status != Employee.Status.RESIGNED or employee.resigned_on is None:
            return None
        left_on = employee.resigned_on
        year = left_on.year
        source = f"leaver-{year}"
        ledger = BalanceEntry.objects.filter(employee=employee, leave_type_id=ANNUAL)
        if ledger.filter(source=source).exists():
            return None
        joined = employee.hire_date if employee.hire_date and employee.hire_date.year == year else None
        in_year = ledger.filter(effective_on__year=year)
        granted = _total(ledger.filter(kind=BalanceEntry.Kind.GRANT, source__startswith=f"annual-{year}"))
        taken = -_total(in_year.filter(kind__in=(BalanceEntry.Kind.USE, BalanceEntry.Kind.REVERSE)))
        entitled = annual.days_for_year(
            year=year, first_work_date=employee.first_work_date, joined_on=joined, left_on=left_on
        )
        owed = annual.days_for_year(
            year=year, first_work_date=employee.first_work_date, joined_on=joined, left_on=left_on, taken=taken
        )
        amount = (Decimal(owed) - max(granted - taken, Decimal(0))).quantize(CENT)
        elapsed = annual.elapsed_days(year, joined_on=joined, left_on=left_on)
        entry = BalanceEntry.objects.create(
            employee=employee,
            leave_type_id=ANNUAL,
            kind=BalanceEntry.Kind.ADJUST if amount > 0 else BalanceEntry.Kind.EXPIRE,
            amount=amount,
            effective_on=left_on,
            source=source,
            reason=f"离职折算：已过 {elapsed} 天，应休 {entitled} 天，已休 {taken.normalize():f} 天",
            settlement_days=Decimal(owed).quantize(CENT),
        )
        audit.record(
            action="leave.balance.settle",
            target=entry,
            changes={
                "employee": str(employee.pk),
                "left_on": left_on.isoformat(),
                "elapsed_days": elapsed,
                "entitlement": entitled,
                "granted": f"{granted:.2f}",
                "taken": f"{taken:.2f}",
                "amount": f"{amount:.2f}",
                "settlement_days": owed,
            },
        )
    return entry
