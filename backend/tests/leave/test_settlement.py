"""离职折算: when someone leaves, the year's annual leave is prorated by the days worked (fractions below a
day dropped), less what was taken, never clawed back; one ledger entry per leaver, and HR sees the days
owed (`settlement_days`)."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

import pytest

from officium.core import outbox
from officium.core.models import AuditEvent
from officium.leave import handlers, selectors, services, settlement
from officium.leave.models import BalanceEntry, LeaveType
from officium.org import services as org
from officium.org.events import EmployeeLeft
from officium.org.models import Employee

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db
TZ = datetime.timezone(datetime.timedelta(hours=8))


def _person(staff: dict[str, Employee], first_work: str, hired: str | None = None) -> Employee:
    return org.employee_update(
        actor=None,
        employee_id=staff["employee"].pk,
        first_work_date=datetime.date.fromisoformat(first_work),
        **({"hire_date": datetime.date.fromisoformat(hired)} if hired else {}),
    )


LAST_DAY_TAKEN = {1: "2026-03-02", 2: "2026-03-03", 6: "2026-03-09"}  # from Monday 2 March, weekdays only


def _take(employee: Employee, days: int) -> None:
    """Annual leave on `days` weekdays from Monday 2 March (no group: office hours on weekdays)."""
    start = datetime.datetime(2026, 3, 2, tzinfo=TZ)
    last = datetime.date.fromisoformat(LAST_DAY_TAKEN[days])
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), tzinfo=TZ)
    services.take_for_approval(approval_id=uuid.uuid4(), employee=employee, leave_type="annual", span=(start, end))


def _balance(employee: Employee) -> Decimal:
    return selectors.balance_of(employee, LeaveType.objects.get(pk="annual"))


@pytest.mark.parametrize(
    ("first_work", "hired", "left", "taken", "granted", "kind", "amount", "owed", "balance"),
    [
        # 10 days; leaves 30 June: 181 / 365 × 10 = 4.96 → 4, nothing taken: 4 owed
        ("2015-09-01", None, "2026-06-30", 0, "10", "expire", "-6.00", "4.00", "4.00"),
        # … having taken 2: 2.96 → 2
        ("2015-09-01", None, "2026-06-30", 2, "10", "expire", "-6.00", "2.00", "2.00"),
        # … having taken 6, more than the 4: nothing owed, nothing clawed back
        ("2015-09-01", None, "2026-06-30", 6, "10", "expire", "-4.00", "0.00", "0.00"),
        # joined 1 March with 25 years (306 / 365 × 15 → 12 granted), leaves 31 August: 184 / 365 × 15 = 7.56 → 7
        ("2001-01-01", "2026-03-01", "2026-08-31", 0, "12", "expire", "-5.00", "7.00", "7.00"),
        # nothing granted yet this year: the owed days are added
        ("2015-09-01", None, "2026-06-30", 0, None, "adjust", "4.00", "4.00", "4.00"),
    ],
)
def test_a_leavers_annual_leave_is_settled(
    staff: dict[str, Employee],
    first_work: str,
    hired: str | None,
    left: str,
    taken: int,
    granted: str | None,
    kind: str,
    amount: str,
    owed: str,
    balance: str,
) -> None:
    person = _person(staff, first_work, hired)
    if granted is not None:
        grant = services.grant_annual_leave(person, 2026)
        assert grant is not None
        assert grant.amount == Decimal(granted)
    if taken:
        _take(person, taken)
        assert _balance(person) == Decimal(granted or 0) - taken
    org.employee_resign(actor=None, employee_id=person.pk, resigned_on=datetime.date.fromisoformat(left))
    entry = settlement.settle_leaver(employee_id=person.pk)
    assert entry is not None
    assert (entry.kind, str(entry.amount), str(entry.settlement_days), str(entry.effective_on), entry.source) == (
        kind,
        amount,
        owed,
        left,
        "leaver-2026",
    )
    assert _balance(person) == Decimal(balance)
    assert settlement.settle_leaver(employee_id=person.pk) is None  # once
    assert BalanceEntry.objects.filter(source="leaver-2026").count() == 1


def test_the_settlement_follows_the_leaving_event_once_and_is_audited(
    staff: dict[str, Employee], django_capture_on_commit_callbacks: Any
) -> None:
    person = _person(staff, "2015-09-01")
    services.grant_annual_leave(person, 2026)
    _take(person, 1)
    with django_capture_on_commit_callbacks(execute=True):
        org.employee_resign(actor=None, employee_id=person.pk, resigned_on=datetime.date(2026, 6, 30))
    outbox.relay()
    handlers.annual_leave_settled_on_leaving(
        EmployeeLeft(employee_id=person.pk, user_id=person.user_id, successor_id=None)
    )
    entry = BalanceEntry.objects.get(source="leaver-2026")
    assert (entry.kind, entry.amount, entry.settlement_days) == ("expire", Decimal("-6.00"), Decimal("3.00"))
    assert entry.reason == "离职折算：已过 181 天，应休 4 天，已休 1 天"
    [event] = AuditEvent.objects.filter(action="leave.balance.settle")
    assert event.changes == {
        "employee": str(person.pk),
        "left_on": "2026-06-30",
        "elapsed_days": 181,
        "entitlement": 4,
        "granted": "10.00",
        "taken": "1.00",
        "amount": "-6.00",
        "settlement_days": 3,
    }


def test_someone_still_working_is_not_settled(staff: dict[str, Employee]) -> None:
    person = _person(staff, "2015-09-01")
    services.grant_annual_leave(person, 2026)
    assert settlement.settle_leaver(employee_id=person.pk) is None
    assert not BalanceEntry.objects.filter(source__startswith="leaver-").exists()


def test_hr_sees_the_settlement_in_the_leavers_history(staff: dict[str, Employee]) -> None:
    person = _person(staff, "2015-09-01")
    services.grant_annual_leave(person, 2026)
    org.employee_resign(actor=None, employee_id=person.pk, resigned_on=datetime.date(2026, 6, 30))
    settlement.settle_leaver(employee_id=person.pk)
    answer = ApiClient(staff["hr"].user).get(f"leave/employees/{person.pk}/entries", leave_type="annual")
    assert answer.status_code == 200
    assert [(e["kind"], e["amount"], e["settlement_days"]) for e in answer.json()["items"]] == [
        ("expire", "-6.00", "4.00"),
        ("grant", "10.00", None),
    ]
    refused = ApiClient(staff["employee_b"].user).get(f"leave/employees/{person.pk}/entries")
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
