"""The balance ledger: grants once a year, leave taken through approvals and given back, adjustments."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from officium.approvals.events import ApprovalFinished
from officium.approvals.models import Instance, Template
from officium.approvals.services import builtins, instances
from officium.approvals.services import tasks as approval_tasks
from officium.attendance import spans
from officium.attendance.services import calendar, groups, shifts
from officium.core import outbox
from officium.core.models import AuditEvent
from officium.leave import handlers, services
from officium.leave.models import BalanceEntry, LeaveType
from officium.org import services as org
from officium.org.models import Department, Employee

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def lina(staff: dict[str, Employee]) -> Employee:
    """Ten years of work before 2026: ten days of annual leave."""
    return org.employee_update(actor=None, employee_id=staff["employee"].pk, first_work_date=datetime.date(2015, 9, 1))


def _annual(client: ApiClient) -> dict[str, Any]:
    return next(b for b in client.get("leave/me/balances").json() if b["leave_type"]["code"] == "annual")


def test_the_yearly_grant_happens_once(lina: Employee) -> None:
    first = services.grant_annual_leave(lina, 2026)
    assert first is not None
    assert (first.amount, first.expires_on, first.source) == (Decimal(10), datetime.date(2026, 12, 31), "annual-2026")
    assert services.grant_annual_leave(lina, 2026) is None
    assert BalanceEntry.objects.filter(employee=lina).count() == 1
    assert _annual(ApiClient(lina.user)) == {
        "leave_type": {
            "code": "annual",
            "name": "年假",
            "unit": "half_day",
            "tracked": True,
            "paid": True,
            "carry_over_max": "0.00",
            "carry_over_months": 3,
            "accrual": "yearly",
        },
        "balance": "10.00",
        "granted": "10.00",
        "used": "0.00",
    }


def test_the_daily_job_grants_everyone_once(staff: dict[str, Employee], lina: Employee) -> None:
    assert services.grant_annual_leave_to_everyone(2026) == 1  # only lina has a first work date
    assert services.grant_annual_leave_to_everyone(2026) == 0


@pytest.fixture
def scheduled(staff: dict[str, Employee], org_tree: dict[str, Department]) -> None:
    admin = staff["admin"].user
    standard = shifts.shift_create(actor=admin, name="标准班", segments=[{"on": "09:00", "off": "18:00"}])
    groups.group_create(actor=admin, name="研发考勤", department_ids=[org_tree["rd"].pk], shift_id=standard.pk)
    calendar.seed("CN", 2026)


def _span(start: str, end: str) -> spans.Span:
    found = spans.request_span({"start": start, "end": end}, timezone.get_current_timezone())
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("code", "start", "end", "amount"),
    [
        # 30 September to 9 October 2026: 国庆节 1–7 October; the Saturday worked on 10 October is outside.
        ("annual", "2026-09-30", "2026-10-09", "3"),
        # Saturday 10 October 2026 is worked (调休上班); the Sunday after is not.
        ("annual", "2026-10-10", "2026-10-11", "1"),
        ("annual", "2026-11-28", "2026-11-29", "0"),  # a weekend
        # Half-day types: a morning is half a day; more than half of the shift is a day.
        ("personal", "2026-11-23T09:00", "2026-11-23T13:00", "0.5"),
        ("personal", "2026-11-23T09:00", "2026-11-23T14:00", "1"),
        ("personal", "2026-11-23", "2026-11-24", "2"),
        # Hour types count the shift's hours covered (09:00–18:00), rounded up to the half hour.
        ("compensatory", "2026-11-23T08:00", "2026-11-23T10:10", "1.5"),
        ("compensatory", "2026-11-23", "2026-11-23", "9"),
        ("compensatory", "2026-11-23T17:00", "2026-11-24T10:00", "2"),
    ],
)
def test_leave_takes_the_working_time_it_covers(
    lina: Employee, scheduled: None, code: str, start: str, end: str, amount: str
) -> None:
    leave_type = LeaveType.objects.get(pk=code)
    assert services.request_amount(lina, leave_type, _span(start, end)) == Decimal(amount)


def test_without_a_group_leave_is_measured_against_office_hours_on_weekdays(lina: Employee) -> None:
    annual, hours = LeaveType.objects.get(pk="annual"), LeaveType.objects.get(pk="compensatory")
    assert services.request_amount(lina, annual, _span("2026-11-23", "2026-11-29")) == Decimal(5)
    assert services.request_amount(lina, hours, _span("2026-11-23T12:00", "2026-11-23T20:00")) == Decimal(6)


def test_an_approved_leave_uses_the_balance_and_a_revocation_gives_it_back(
    staff: dict[str, Employee], lina: Employee, scheduled: None, django_capture_on_commit_callbacks: Any
) -> None:
    services.grant_annual_leave(lina, 2026)
    builtins.install(actor=None, publish=True)
    template = Template.objects.get(builtin_key="leave")
    with django_capture_on_commit_callbacks(execute=True):
        instance = instances.instance_submit(
            actor=lina.user,
            template_id=template.pk,
            form_data={
                "leave_type": "annual",
                "period": {"start": "2026-11-23", "start_half": "am", "end": "2026-11-29", "end_half": "pm"},
                "reason": "休息",
            },
        )
    task = instance.tasks.get(assignee=staff["manager"], status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        approval_tasks.task_approve(actor=staff["manager"].user, task_id=task.pk)
    outbox.relay()
    client = ApiClient(lina.user)
    assert (_annual(client)["balance"], _annual(client)["used"]) == ("5.00", "5.00")
    revoked = ApprovalFinished(instance_id=instance.pk, template_key="leave", outcome="revoked", submitter_id=lina.pk)
    handlers.leave_taken_on_approval(revoked)
    handlers.leave_taken_on_approval(revoked)
    assert (_annual(client)["balance"], _annual(client)["used"]) == ("10.00", "0.00")
    history = client.get("leave/me/entries", leave_type="annual").json()["items"]
    assert [(e["kind"], e["amount"]) for e in history] == [("reverse", "5.00"), ("use", "-5.00"), ("grant", "10.00")]
    assert list(
        AuditEvent.objects.filter(action__startswith="leave.").order_by("id").values_list("action", flat=True)
    ) == ["leave.balance.grant", "leave.balance.use", "leave.balance.reverse"]


def test_hr_adjusts_a_balance_with_a_reason(staff: dict[str, Employee], lina: Employee) -> None:
    hr = ApiClient(staff["hr"].user)
    answer = hr.post(
        f"leave/employees/{lina.pk}/adjustments", {"leave_type": "annual", "amount": "1.5", "reason": "去年结转"}
    )
    assert answer.status_code == 201
    assert (answer.json()["kind"], answer.json()["amount"], answer.json()["reason"]) == ("adjust", "1.50", "去年结转")
    balances = hr.get(f"leave/employees/{lina.pk}/balances").json()
    assert next(b for b in balances if b["leave_type"]["code"] == "annual")["balance"] == "1.50"
    audit = AuditEvent.objects.get(action="leave.balance.adjust")
    assert (audit.actor_id, audit.changes["reason"]) == (staff["hr"].user.pk, "去年结转")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"leave_type": "annual", "amount": "1", "reason": " "}, "reason_required"),
        ({"leave_type": "annual", "amount": "0", "reason": "x"}, "invalid_amount"),
        ({"leave_type": "annual", "amount": "400", "reason": "x"}, "invalid_amount"),
        ({"leave_type": "sick", "amount": "1", "reason": "x"}, "invalid_leave_type"),
        ({"leave_type": "unknown", "amount": "1", "reason": "x"}, "invalid_leave_type"),
    ],
)
def test_bad_adjustments_are_refused(
    staff: dict[str, Employee], lina: Employee, body: dict[str, Any], code: str
) -> None:
    answer = ApiClient(staff["hr"].user).post(f"leave/employees/{lina.pk}/adjustments", body)
    assert (answer.status_code, answer.json()["code"]) == (422, code)
    assert not BalanceEntry.objects.exists()


def test_employees_see_only_their_own(staff: dict[str, Employee], lina: Employee) -> None:
    answer = ApiClient(staff["employee_b"].user).get(f"leave/employees/{lina.pk}/balances")
    assert (answer.status_code, answer.json()["code"]) == (403, "permission_denied")


def test_the_types_of_leave(staff: dict[str, Employee]) -> None:
    types = ApiClient(staff["employee"].user).get("leave/types").json()
    assert [(t["code"], t["name"], t["tracked"]) for t in types] == [
        ("annual", "年假", True),
        ("personal", "事假", False),
        ("sick", "病假", False),
        ("compensatory", "调休", True),
        ("marriage", "婚假", False),
        ("maternity", "产假", False),
        ("paternity", "陪产假", False),
        ("bereavement", "丧假", False),
        ("nursing", "哺乳假", False),
    ]


def _leave(code: str, start: str, end: str) -> dict[str, Any]:
    return {
        "leave_type": code,
        "period": {"start": start, "start_half": "am", "end": end, "end_half": "pm"},
        "reason": "休息",
    }


def _submit_leave(lina: Employee, form_data: dict[str, Any]) -> Any:
    builtins.install(actor=None, publish=True)
    template = Template.objects.get(builtin_key="leave")
    return ApiClient(lina.user).post("approvals/instances", {"template_id": str(template.pk), "form_data": form_data})


def test_leave_beyond_the_balance_is_refused_at_submission(lina: Employee, scheduled: None) -> None:
    services.grant_annual_leave(lina, 2026)  # 10 days
    answer = _submit_leave(lina, _leave("annual", "2026-11-16", "2026-11-27"))  # two weeks: 10 working days
    assert answer.status_code == 201, answer.content
    refused = _submit_leave(lina, _leave("annual", "2026-12-07", "2026-12-07"))
    # The 10 days waiting for approval are spoken for.
    assert refused.status_code == 422
    assert {k: refused.json()[k] for k in ("code", "requested", "available", "unit")} == {
        "code": "insufficient_balance",
        "requested": "1.00",
        "available": "0.00",
        "unit": "half_day",
    }
    assert Instance.objects.count() == 1


def test_leave_without_working_time_is_refused(lina: Employee, scheduled: None) -> None:
    refused = _submit_leave(lina, _leave("personal", "2026-11-28", "2026-11-29"))  # a weekend
    assert (refused.status_code, refused.json()["code"]) == (422, "no_working_time")
    assert not Instance.objects.exists()


def test_the_balance_is_checked_again_at_approval(
    staff: dict[str, Employee], lina: Employee, scheduled: None, django_capture_on_commit_callbacks: Any
) -> None:
    services.grant_annual_leave(lina, 2026)
    with django_capture_on_commit_callbacks(execute=True):
        answer = _submit_leave(lina, _leave("annual", "2026-11-16", "2026-11-20"))  # 5 days
    services.adjust(actor=staff["hr"].user, employee_id=lina.pk, leave_type="annual", amount=Decimal(-8), reason="已休")
    instance = Instance.objects.get(pk=answer.json()["id"])
    task = instance.tasks.get(assignee=staff["manager"], status="pending")
    refused = ApiClient(staff["manager"].user).post(f"approvals/tasks/{task.pk}/approve", {})
    assert (refused.status_code, refused.json()["code"], refused.json()["available"]) == (
        422,
        "insufficient_balance",
        "2.00",
    )
    task.refresh_from_db()
    assert task.status == "pending"
    assert not BalanceEntry.objects.filter(kind="use").exists()
