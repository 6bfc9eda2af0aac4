"""What is left of a grant when it expires: carried over as far as the type allows, the rest expired;
leave is taken from the grants that expire first; once however often the job runs."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from officium.core.models import AuditEvent
from officium.leave import selectors, services
from officium.leave.models import BalanceEntry, LeaveType
from officium.org.models import Employee

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db

D = datetime.date


def _entry(
    employee: Employee, kind: str, amount: str, on: D, expires: D | None = None, code: str = "annual"
) -> BalanceEntry:
    return BalanceEntry.objects.create(
        employee=employee,
        leave_type_id=code,
        kind=kind,
        amount=Decimal(amount),
        effective_on=on,
        expires_on=expires,
        source=f"test-{kind}-{on}-{amount}",
    )


def _history(employee: Employee, code: str = "annual") -> list[tuple[str, str, D | None]]:
    return [
        (e.kind, f"{e.amount:.2f}", e.expires_on)
        for e in BalanceEntry.objects.filter(
            employee=employee, leave_type_id=code, kind__in=("expire", "carry_over")
        ).order_by("kind")
    ]


def test_the_unused_part_expires_once(staff: dict[str, Employee]) -> None:
    lina = staff["employee"]
    _entry(lina, "grant", "10", D(2025, 1, 1), D(2025, 12, 31))
    _entry(lina, "use", "-4", D(2025, 6, 2))
    assert services.expire_due(D(2025, 12, 31)) == 0  # not yet
    assert services.expire_due(D(2026, 1, 2)) == 1
    assert services.expire_due(D(2026, 1, 3)) == 0
    assert _history(lina) == [("expire", "-6.00", None)]
    assert selectors.balance_of(lina, LeaveType.objects.get(pk="annual")) == 0
    assert AuditEvent.objects.get(action="leave.balance.expire").changes == {
        "unused": "6.00",
        "carried_over": "0.00",
        "expired": "6.00",
    }


def test_part_of_it_carries_over_for_the_months_the_type_allows(staff: dict[str, Employee]) -> None:
    LeaveType.objects.filter(pk="annual").update(carry_over_max=Decimal(5), carry_over_months=3)
    lina = staff["employee"]
    _entry(lina, "grant", "10", D(2025, 1, 1), D(2025, 12, 31))
    _entry(lina, "use", "-4", D(2025, 6, 2))
    assert services.expire_due(D(2026, 1, 1)) == 1
    assert _history(lina) == [("carry_over", "5.00", D(2026, 3, 31)), ("expire", "-6.00", None)]
    annual = LeaveType.objects.get(pk="annual")
    assert selectors.balance_of(lina, annual) == 5
    # Two of the carried days are taken; the other three expire with the carry-over, which carries no further.
    _entry(lina, "use", "-2", D(2026, 2, 2))
    assert services.expire_due(D(2026, 4, 1)) == 1
    assert [e for e in _history(lina) if e[0] == "expire"] == [("expire", "-6.00", None), ("expire", "-3.00", None)]
    assert selectors.balance_of(lina, annual) == 0


def test_leave_comes_from_the_grant_that_expires_first(staff: dict[str, Employee]) -> None:
    lina = staff["employee"]
    _entry(lina, "grant", "10", D(2025, 1, 1), D(2025, 12, 31))
    _entry(lina, "grant", "10", D(2025, 12, 1), D(2026, 12, 31))  # next year's, granted early
    _entry(lina, "use", "-12", D(2025, 12, 15))
    assert services.expire_due(D(2026, 1, 2)) == 0  # the first grant was used up
    assert _history(lina) == []
    assert selectors.balance_of(lina, LeaveType.objects.get(pk="annual")) == 8


def test_time_off_in_lieu_expires_in_hours(staff: dict[str, Employee]) -> None:
    lina = staff["employee"]
    _entry(lina, "grant", "7.5", D(2026, 3, 1), D(2026, 8, 28), code="compensatory")
    _entry(lina, "use", "-3", D(2026, 5, 6), code="compensatory")
    assert services.expire_due(D(2026, 9, 1)) == 1
    assert _history(lina, "compensatory") == [("expire", "-4.50", None)]


def test_hr_sets_how_a_type_carries_over(staff: dict[str, Employee]) -> None:
    hr = ApiClient(staff["hr"].user)
    answer = hr.patch("leave/types/annual", {"carry_over_max": "5", "carry_over_months": 3})
    assert answer.status_code == 200
    assert (answer.json()["carry_over_max"], answer.json()["carry_over_months"]) == ("5.00", 3)
    audit = AuditEvent.objects.get(action="leave.type.update")
    assert (audit.actor_id, audit.changes) == (staff["hr"].user.pk, {"carry_over_max": ["0.00", "5.00"]})


@pytest.mark.parametrize(
    ("code", "body", "status", "problem"),
    [
        ("sick", {"carry_over_max": "1"}, 422, "invalid_leave_type"),
        ("nothing", {"carry_over_max": "1"}, 404, "leave_type_not_found"),
        ("annual", {"carry_over_max": "-1"}, 422, "validation_error"),
        ("annual", {"carry_over_months": 13}, 422, "validation_error"),
    ],
)
def test_bad_carry_over_rules_are_refused(
    staff: dict[str, Employee], code: str, body: dict[str, object], status: int, problem: str
) -> None:
    answer = ApiClient(staff["hr"].user).patch(f"leave/types/{code}", body)
    assert (answer.status_code, answer.json()["code"]) == (status, problem)
    assert LeaveType.objects.get(pk="annual").carry_over_max == 0


def test_employees_cannot_change_leave_types(staff: dict[str, Employee]) -> None:
    answer = ApiClient(staff["employee"].user).patch("leave/types/annual", {"carry_over_max": "5"})
    assert (answer.status_code, answer.json()["code"]) == (403, "permission_denied")
