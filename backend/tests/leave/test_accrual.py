"""Statutory annual leave granted a twelfth at a time (按月发放): what each month has earned, rounded
down to half days, once per month however often the job runs."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from officium.core.models import AuditEvent
from officium.leave import selectors, services
from officium.leave.models import BalanceEntry, LeaveType
from officium.org import services as org
from officium.org.models import Employee

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("days", "first_month", "month", "earned"),
    [
        (10, 1, 1, "0.5"),  # 0.83
        (10, 1, 2, "1.5"),  # 1.67
        (10, 1, 3, "2.5"),
        (10, 1, 12, "10"),
        (5, 1, 6, "2.5"),
        (15, 1, 1, "1"),  # 1.25
        (5, 7, 7, "0.5"),  # joined in July: 5 days over six months
        (5, 7, 12, "5"),
    ],
)
def test_what_the_months_have_earned(days: int, first_month: int, month: int, earned: str) -> None:
    assert services.earned_by_month(days, first_month, month) == Decimal(earned)


@pytest.fixture
def monthly(staff: dict[str, Employee]) -> Employee:
    LeaveType.objects.filter(pk="annual").update(accrual="monthly")
    return org.employee_update(actor=None, employee_id=staff["employee"].pk, first_work_date=datetime.date(2015, 9, 1))


def test_each_month_begun_is_granted_once(monthly: Employee) -> None:
    annual = LeaveType.objects.get(pk="annual")
    assert services.grant_annual_leave_to_everyone(2026, today=datetime.date(2026, 3, 5)) == 1
    assert services.grant_annual_leave_to_everyone(2026, today=datetime.date(2026, 3, 20)) == 0
    grants = BalanceEntry.objects.filter(employee=monthly, kind="grant").order_by("source")
    assert [(g.source, f"{g.amount:.2f}", g.effective_on, g.expires_on) for g in grants] == [
        ("annual-2026-01", "0.50", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
        ("annual-2026-02", "1.00", datetime.date(2026, 2, 1), datetime.date(2026, 12, 31)),
        ("annual-2026-03", "1.00", datetime.date(2026, 3, 1), datetime.date(2026, 12, 31)),
    ]
    services.grant_annual_leave_to_everyone(2026, today=datetime.date(2026, 12, 1))
    assert selectors.balance_of(monthly, annual) == Decimal(10)
    assert AuditEvent.objects.filter(action="leave.balance.grant").count() == 12


def test_a_year_granted_at_once_is_not_granted_again_by_the_month(staff: dict[str, Employee]) -> None:
    lina = org.employee_update(actor=None, employee_id=staff["employee"].pk, first_work_date=datetime.date(2015, 9, 1))
    services.grant_annual_leave(lina, 2026)
    LeaveType.objects.filter(pk="annual").update(accrual="monthly")
    assert services.grant_annual_leave(lina, 2026, today=datetime.date(2026, 6, 1)) is None
    assert selectors.balance_of(lina, LeaveType.objects.get(pk="annual")) == Decimal(10)


def test_hr_chooses_monthly_accrual_for_annual_leave_only(staff: dict[str, Employee]) -> None:
    hr = ApiClient(staff["hr"].user)
    answer = hr.patch("leave/types/annual", {"accrual": "monthly"})
    assert (answer.status_code, answer.json()["accrual"]) == (200, "monthly")
    assert AuditEvent.objects.get(action="leave.type.update").changes == {"accrual": ["yearly", "monthly"]}
    refused = hr.patch("leave/types/compensatory", {"accrual": "monthly"})
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_accrual")
    bad = hr.patch("leave/types/annual", {"accrual": "weekly"})
    assert (bad.status_code, bad.json()["code"]) == (422, "validation_error")
