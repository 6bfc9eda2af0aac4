"""People joining, changing and leaving; each write audited, each move announced."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.test import Client

from officium.accounts.models import User
from officium.core.errors import DomainError
from officium.core.models import AuditEvent
from officium.org import services as org
from officium.org.models import DepartmentHead, Employee

from ..conftest import PASSWORD, ApiClient

pytestmark = pytest.mark.django_db


def test_a_new_employee_gets_an_account_pinyin_and_search_text(org_tree: dict[str, Any]) -> None:
    employee = org.employee_create(
        actor=None,
        employee_number="E0042",
        name="曾小贤",
        department_id=org_tree["fe"].pk,
        mobile="13900001234",
        email="Zeng@Example.test",
        hire_date=datetime.date(2024, 3, 1),
        first_work_date=datetime.date(2019, 7, 1),
    )
    assert (employee.name_pinyin, employee.pinyin_initials) == ("zengxiaoxian", "zxx")
    assert employee.search_text == "曾小贤 zengxiaoxian zxx e0042 +8613900001234 13900001234"
    user = employee.user
    assert (user.username, user.display_name, user.email, user.phone) == (
        "zengxiaoxian",
        "曾小贤",
        "zeng@example.test",
        "+8613900001234",
    )
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(action="org.employee.created", object_id=str(employee.pk)).count() == 1


def test_usernames_stay_unique_for_namesakes(org_tree: dict[str, Any]) -> None:
    first = org.employee_create(actor=None, employee_number="A1", name="张伟", department_id=org_tree["fe"].pk)
    second = org.employee_create(actor=None, employee_number="A2", name="张伟", department_id=org_tree["rd"].pk)
    assert (first.user.username, second.user.username) == ("zhangwei", "zhangwei2")


@pytest.mark.parametrize(
    ("field", "code"),
    [("employee_number", "employee_number_taken"), ("mobile", "account_exists")],
)
def test_duplicate_numbers_and_mobiles_are_refused(org_tree: dict[str, Any], field: str, code: str) -> None:
    org.employee_create(
        actor=None, employee_number="B1", name="甲", department_id=org_tree["fe"].pk, mobile="13900000001"
    )
    values = {
        "employee_number": "B2",
        "mobile": "13900000002",
        field: {"employee_number": "B1", "mobile": "13900000001"}[field],
    }
    with pytest.raises(DomainError) as refused:
        org.employee_create(actor=None, name="乙", department_id=org_tree["fe"].pk, **values)
    assert getattr(refused.value, "code", "") == code
    assert Employee.objects.filter(name="乙").count() == 0
    assert User.objects.filter(display_name="乙").count() == 0


def test_an_update_audits_exactly_what_changed(staff: dict[str, Any], org_tree: dict[str, Any]) -> None:
    employee = staff["employee"]
    org.employee_update(
        actor=None,
        employee_id=employee.pk,
        job_title="高级前端工程师",
        department_id=org_tree["sales"].pk,
        mobile="13911112222",
    )
    row = AuditEvent.objects.filter(action="org.employee.updated", object_id=str(employee.pk)).get()
    assert row.changes == {
        "job_title": ["", "高级前端工程师"],
        "main_department": [str(org_tree["fe"].pk), str(org_tree["sales"].pk)],
        "mobile": [employee.user.phone, "+8613911112222"],
    }
    employee.refresh_from_db()
    assert "13911112222" in employee.search_text


def test_resignation_hands_everything_over_and_ends_sessions(
    staff: dict[str, Any], org_tree: dict[str, Any], make_employee: Any
) -> None:
    manager, employee = staff["manager"], staff["employee"]
    successor = make_employee("接班人", org_tree["rd"])
    org.employee_update(actor=None, employee_id=employee.pk, supervisor_id=manager.pk)
    browser = Client()
    assert browser.login(username="manager", password=PASSWORD)
    UserSession.objects.create(user=manager.user, ip="10.0.0.1", session_key=browser.session.session_key)

    org.employee_resign(
        actor=staff["hr"].user,
        employee_id=manager.pk,
        resigned_on=datetime.date(2026, 12, 31),
        successor_id=successor.pk,
    )

    manager.refresh_from_db()
    employee.refresh_from_db()
    assert (manager.status, manager.resigned_on) == (Employee.Status.RESIGNED, datetime.date(2026, 12, 31))
    assert employee.supervisor_id == successor.pk
    assert list(DepartmentHead.objects.filter(department=org_tree["rd"]).values_list("employee", flat=True)) == [
        successor.pk
    ]
    assert User.objects.get(pk=manager.user_id).is_active is False
    assert not Session.objects.filter(session_key=browser.session.session_key).exists()
    assert browser.get("/api/v1/me").status_code == 401
    row = AuditEvent.objects.get(action="org.employee.resigned")
    assert row.actor_id == staff["hr"].user_id
    assert row.changes == {
        "status": ["active", "resigned"],
        "resigned_on": "2026-12-31",
        "successor": str(successor.pk),
        "reports_handed_over": 1,
        "headships_handed_over": 1,
    }


def test_the_default_successor_is_the_supervisor(staff: dict[str, Any]) -> None:
    org.employee_update(actor=None, employee_id=staff["employee_b"].pk, supervisor_id=staff["employee"].pk)
    org.employee_resign(actor=None, employee_id=staff["employee"].pk, resigned_on=datetime.date(2026, 12, 1))
    staff["employee_b"].refresh_from_db()
    assert staff["employee_b"].supervisor_id == staff["manager"].pk


def test_a_resigned_employee_cannot_leave_twice_or_be_edited(staff: dict[str, Any]) -> None:
    org.employee_resign(actor=None, employee_id=staff["employee"].pk, resigned_on=datetime.date(2026, 12, 1))
    for call in (
        lambda: org.employee_resign(
            actor=None, employee_id=staff["employee"].pk, resigned_on=datetime.date(2026, 12, 2)
        ),
        lambda: org.employee_update(actor=None, employee_id=staff["employee"].pk, job_title="x"),
    ):
        with pytest.raises(DomainError) as refused:
            call()
        assert getattr(refused.value, "code", "") == "employee_resigned"


def test_bulk_updates_are_all_or_nothing(staff: dict[str, Any], org_tree: dict[str, Any]) -> None:
    client = ApiClient(staff["hr"].user)
    ids = [str(staff["employee"].pk), str(staff["employee_b"].pk)]
    moved = client.post("org/employees/bulk", {"employee_ids": ids, "department_id": str(org_tree["sales"].pk)})
    assert moved.status_code == 200
    assert {item["department"]["name"] for item in moved.json()} == {"销售部"}
    refused = client.post("org/employees/bulk", {"employee_ids": ids, "supervisor_id": ids[0]})
    assert refused.status_code == 422
    assert refused.json()["code"] == "invalid_supervisor"
    assert Employee.objects.filter(supervisor__isnull=False).count() == 0


def test_nulls_only_clear_what_can_be_cleared(staff: dict[str, Any]) -> None:
    client = ApiClient(staff["hr"].user)
    employee = staff["employee"]
    refused = client.patch(f"org/employees/{employee.pk}", {"name": None})
    assert (refused.status_code, refused.json()["code"]) == (422, "null_not_allowed")
    cleared = client.patch(f"org/employees/{employee.pk}", {"mobile": None, "hire_date": None})
    assert cleared.status_code == 200
    assert (cleared.json()["mobile"], cleared.json()["hire_date"]) == (None, None)
