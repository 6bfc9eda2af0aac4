"""Reads of leave: balances per type and the ledger's history."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import QuerySet, Sum

from officium.core import permissions
from officium.core.errors import NotFound
from officium.leave.models import BalanceEntry, LeaveType
from officium.leave.permissions import BALANCE_MANAGE
from officium.org.models import Employee


@dataclass(frozen=True)
class Balance:
    leave_type: LeaveType
    balance: Decimal
    granted: Decimal
    used: Decimal


def types() -> QuerySet[LeaveType]:
    return LeaveType.objects.order_by("order", "code")


def balances(employee: Employee) -> list[Balance]:
    """Every leave type: what is left, granted (grants, carry-overs, adjustments) and used (net of reversals)."""
    sums: dict[tuple[str, str], Decimal] = {
        (row["leave_type"], row["kind"]): row["total"]
        for row in BalanceEntry.objects.filter(employee=employee)
        .values("leave_type", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    }

    def total(code: str, *kinds: str) -> Decimal:
        return sum((sums.get((code, kind), Decimal(0)) for kind in kinds), Decimal(0))

    return [
        Balance(
            leave_type=kind,
            balance=total(kind.code, *BalanceEntry.Kind.values),
            granted=total(kind.code, "grant", "carry_over", "adjust"),
            used=-total(kind.code, "use", "reverse"),
        )
        for kind in types()
    ]


def balance_of(employee: Employee, leave_type: LeaveType) -> Decimal:
    """What is left of one type: the sum of its ledger."""
    total = BalanceEntry.objects.filter(employee=employee, leave_type=leave_type).aggregate(total=Sum("amount"))[
        "total"
    ]
    return total or Decimal(0)


def entries(employee: Employee, leave_type: str | None = None) -> QuerySet[BalanceEntry]:
    found = BalanceEntry.objects.filter(employee=employee).select_related("leave_type")
    if leave_type:
        found = found.filter(leave_type_id=leave_type)
    return found.order_by("-id")


def employee_for_balances(*, actor: Any, employee_id: UUID) -> Employee:
    permissions.require(actor, BALANCE_MANAGE)
    employee = Employee.objects.filter(pk=employee_id).first()
    if employee is None:
        raise NotFound("No such employee.", code="employee_not_found")
    return employee
