"""Reviewing punches that need it: the reviewer's scope, accept counts, reject does not, once only."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from officium.attendance.models import AttendanceGroup, Punch
from officium.attendance.services import groups, shifts
from officium.core.models import AuditEvent
from officium.org.models import Employee

from ..conftest import ApiClient
from .conftest import body, consent, north_of_office

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(staff: dict[str, Employee], group: AttendanceGroup) -> dict[str, Any]:
    """李娜's offline punch of 09:00 yesterday from a phone with an unknown clock skew: needs review."""
    admin = staff["admin"].user
    every_day = shifts.shift_create(actor=admin, name="标准班", segments=[{"on": "09:00", "off": "18:00"}])
    groups.group_update(
        actor=admin,
        group_id=group.pk,
        shift_id=every_day.pk,
        workdays=[1, 2, 3, 4, 5, 6, 7],
        offline_max_queued_hours=48,
    )
    consent(staff["employee"], "location")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    at = datetime.datetime.combine(yesterday, datetime.time(9), tzinfo=timezone.get_current_timezone())
    client = ApiClient(staff["employee"].user)
    [answer] = client.post(
        "attendance/punches/batch", {"punches": [body(north_of_office(10), device_time=at.isoformat())]}
    ).json()
    assert answer["punch"]["review_reasons"] == ["clock_skew_unknown"]
    return {"id": answer["id"], "day": yesterday.isoformat(), "client": client}


def _on_slot(held: dict[str, Any]) -> str:
    days = held["client"].get("attendance/me/days", since=held["day"], until=held["day"]).json()
    return str(days[0]["slots"][0]["result"])


def test_an_accepted_punch_counts(staff: dict[str, Employee], held: dict[str, Any]) -> None:
    assert _on_slot(held) == "missing"
    hr = ApiClient(staff["hr"].user)
    waiting = hr.get("attendance/reviews").json()["items"]
    assert [(p["id"], p["employee"]["name"], p["review_reasons"]) for p in waiting] == [
        (held["id"], "李娜", ["clock_skew_unknown"])
    ]
    answer = hr.post(f"attendance/punches/{held['id']}/review", {"decision": "accepted"})
    assert (answer.status_code, answer.json()["decision"]) == (201, "accepted")
    assert _on_slot(held) == "on_time"
    assert hr.get("attendance/reviews").json()["items"] == []
    again = hr.post(f"attendance/punches/{held['id']}/review", {"decision": "rejected", "reason": "x"})
    assert (again.status_code, again.json()["code"]) == (409, "punch_already_reviewed")
    assert AuditEvent.objects.filter(action="attendance.punch.review.accepted", object_id=held["id"]).count() == 1
    assert Punch.objects.get(pk=held["id"]).status == "needs_review"  # the punch itself never changes


def test_a_rejected_punch_does_not_count_and_needs_a_reason(staff: dict[str, Employee], held: dict[str, Any]) -> None:
    manager = ApiClient(staff["manager"].user)  # heads 研发部: 李娜 is in scope
    refused = manager.post(f"attendance/punches/{held['id']}/review", {"decision": "rejected"})
    assert (refused.status_code, refused.json()["code"]) == (422, "reason_required")
    answer = manager.post(f"attendance/punches/{held['id']}/review", {"decision": "rejected", "reason": "不在现场"})
    assert answer.status_code == 201
    assert _on_slot(held) == "missing"


def test_reviewers_outside_the_scope_and_employees_get_nothing(
    staff: dict[str, Employee], held: dict[str, Any], make_employee: Any, org_tree: dict[str, Any]
) -> None:
    sales_manager = make_employee("赵敏", org_tree["sales"], username="zhaomin", role_keys=("department_manager",))
    outsider = ApiClient(sales_manager.user)
    assert outsider.get("attendance/reviews").json()["items"] == []
    answer = outsider.post(f"attendance/punches/{held['id']}/review", {"decision": "accepted"})
    assert (answer.status_code, answer.json()["code"]) == (404, "punch_not_found")
    employee = ApiClient(staff["employee_b"].user).post(
        f"attendance/punches/{held['id']}/review", {"decision": "accepted"}
    )
    assert (employee.status_code, employee.json()["code"]) == (403, "permission_denied")


def test_an_accepted_punch_needs_no_review(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    consent(staff["employee"], "location")
    punched = ApiClient(staff["employee"].user).post("attendance/punches", body(north_of_office(10))).json()
    answer = ApiClient(staff["hr"].user).post(f"attendance/punches/{punched['id']}/review", {"decision": "accepted"})
    assert (answer.status_code, answer.json()["code"]) == (409, "punch_needs_no_review")
