"""Shifts, a group's schedule and rules, and an employee's days through the API."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from officium.attendance.models import AttendanceGroup, Punch, Shift
from officium.attendance.services import groups, shifts
from officium.attendance.services.shifts import clean_segments
from officium.core.errors import ValidationFailed
from officium.core.models import AuditEvent
from officium.org.models import Employee

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "segments",
    [
        [{"on": "09:00", "off": "18:00"}],
        [{"on": "08:30", "off": "12:00"}, {"on": "13:30", "off": "17:30"}],
        [{"on": "22:00", "off": "06:00"}],
        [{"on": "20:00", "off": "23:00"}, {"on": "23:30", "off": "02:00"}, {"on": "03:00", "off": "06:00"}],
        [{"on": "00:00", "off": "00:00"}],  # a 24-hour duty
    ],
)
def test_segments_that_make_a_shift(segments: list[dict[str, str]]) -> None:
    assert clean_segments(segments) == segments


@pytest.mark.parametrize(
    "segments",
    [
        [],
        [{"on": "9:00", "off": "18:00"}],
        [{"on": "09:00"}],
        [{"on": "25:00", "off": "18:00"}],
        [{"on": "08:00", "off": "12:00"}, {"on": "11:00", "off": "17:00"}],  # overlap
        [{"on": "08:00", "off": "20:00"}, {"on": "21:00", "off": "09:00"}],  # beyond 24 hours
        [{"on": "08:00", "off": "09:00"}] * 4,
    ],
)
def test_segments_that_do_not(segments: list[dict[str, str]]) -> None:
    with pytest.raises(ValidationFailed) as refused:
        clean_segments(segments)
    assert refused.value.code == "invalid_segments"


def test_a_flexible_shift_is_audited_and_bounded(staff: dict[str, Employee]) -> None:
    admin = ApiClient(staff["admin"].user)
    body = {"name": "弹性班", "segments": [{"on": "09:00", "off": "18:00"}], "flex_minutes": 30}
    shift = admin.post("attendance/shifts", body).json()
    assert shift["flex_minutes"] == 30
    patched = admin.patch(f"attendance/shifts/{shift['id']}", {"flex_minutes": 60})
    assert patched.json()["flex_minutes"] == 60
    audit = AuditEvent.objects.get(action="attendance.shift.update", object_id=shift["id"])
    assert audit.changes == {"flex": [30, 60]}
    too_long = admin.patch(f"attendance/shifts/{shift['id']}", {"flex_minutes": 241})
    assert (too_long.status_code, too_long.json()["code"]) == (422, "invalid_flex")
    assert Shift.objects.get(pk=shift["id"]).flex_minutes == 60


def test_a_group_is_created_with_its_shift(staff: dict[str, Employee], org_tree: dict[str, Any]) -> None:
    admin = ApiClient(staff["admin"].user)
    shift = admin.post("attendance/shifts", {"name": "早班", "segments": [{"on": "07:00", "off": "15:00"}]}).json()
    created = admin.post(
        "attendance/groups",
        {"name": "销售考勤", "department_ids": [str(org_tree["sales"].pk)], "shift_id": shift["id"]},
    )
    assert (created.status_code, created.json()["shift"]["name"]) == (201, "早班")


def test_an_administrator_schedules_a_group(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    admin = ApiClient(staff["admin"].user)
    created = admin.post("attendance/shifts", {"name": "标准班", "segments": [{"on": "09:00", "off": "18:00"}]})
    assert created.status_code == 201
    shift = created.json()
    assert (shift["name"], shift["on_window_minutes"], shift["off_window_minutes"], shift["flex_minutes"]) == (
        "标准班",
        120,
        240,
        0,
    )
    patched = admin.patch(
        f"attendance/groups/{group.pk}",
        {"shift_id": shift["id"], "workdays": [1, 2, 3, 4, 5, 6], "late_grace_minutes": 10},
    )
    assert patched.status_code == 200
    assert (patched.json()["shift"]["name"], patched.json()["workdays"], patched.json()["late_grace_minutes"]) == (
        "标准班",
        [1, 2, 3, 4, 5, 6],
        10,
    )
    version = patched.json()["version"]
    changed = admin.patch(f"attendance/shifts/{shift['id']}", {"segments": [{"on": "09:30", "off": "18:30"}]})
    assert changed.json()["segments"] == [{"on": "09:30", "off": "18:30"}]
    assert admin.get(f"attendance/groups/{group.pk}").json()["version"] == version + 1  # phones refetch the rules
    in_use = admin.delete(f"attendance/shifts/{shift['id']}")
    assert (in_use.status_code, in_use.json()["code"], in_use.json()["groups"]) == (409, "shift_in_use", ["研发考勤"])
    assert admin.patch(f"attendance/groups/{group.pk}", {"shift_id": None}).json()["shift"] is None
    assert admin.delete(f"attendance/shifts/{shift['id']}").status_code == 204
    assert admin.get("attendance/shifts").json() == []
    assert list(
        AuditEvent.objects.filter(action__startswith="attendance.shift").order_by("id").values_list("action", flat=True)
    ) == ["attendance.shift.create", "attendance.shift.update", "attendance.shift.delete"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"workdays": [0, 1]}, "invalid_workdays"),
        ({"workdays": [1, 1]}, "invalid_workdays"),
        ({"late_grace_minutes": 721}, "invalid_rules"),
        ({"shift_id": "01900000-0000-7000-8000-000000000000"}, "invalid_shift"),
    ],
)
def test_bad_schedules_are_refused(
    staff: dict[str, Employee], group: AttendanceGroup, body: dict[str, Any], code: str
) -> None:
    answer = ApiClient(staff["admin"].user).patch(f"attendance/groups/{group.pk}", body)
    assert (answer.status_code, answer.json()["code"]) == (422, code)
    group.refresh_from_db()
    assert (group.workdays, group.late_grace_minutes, group.shift_id) == ([1, 2, 3, 4, 5], 0, None)


def _punch_at(employee: Employee, when: datetime.datetime, **fields: Any) -> Punch:
    import uuid

    return Punch.objects.create(
        id=uuid.uuid4(),
        employee=employee,
        punched_at=when,
        received_at=when,
        source="online",
        status=fields.pop("status", "accepted"),
        fingerprint="x",
        **fields,
    )


def test_my_days_show_each_days_slots(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    admin = staff["admin"].user
    standard = shifts.shift_create(actor=admin, name="标准班", segments=[{"on": "09:00", "off": "18:00"}])
    groups.group_update(actor=admin, group_id=group.pk, shift_id=standard.pk)
    lina = staff["employee"]
    monday, tuesday, saturday = datetime.date(2026, 11, 16), datetime.date(2026, 11, 17), datetime.date(2026, 11, 21)
    tz = timezone.get_current_timezone()
    _punch_at(lina, datetime.datetime.combine(monday, datetime.time(9, 12), tzinfo=tz))
    _punch_at(lina, datetime.datetime.combine(monday, datetime.time(18, 3), tzinfo=tz))
    _punch_at(lina, datetime.datetime.combine(tuesday, datetime.time(8, 50), tzinfo=tz), status="needs_review")
    days = ApiClient(lina.user).get("attendance/me/days", since=monday.isoformat(), until=saturday.isoformat()).json()
    assert [(d["day"], d["status"], [s["result"] for s in d["slots"]]) for d in days] == [
        ("2026-11-16", "abnormal", ["late", "on_time"]),
        ("2026-11-17", "absent", ["missing", "missing"]),  # a punch under review does not count yet
        ("2026-11-18", "absent", ["missing", "missing"]),
        ("2026-11-19", "absent", ["missing", "missing"]),
        ("2026-11-20", "absent", ["missing", "missing"]),
        ("2026-11-21", "rest", []),
    ]
    assert days[0]["late_minutes"] == 12


def test_today_carries_the_slots(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    admin = staff["admin"].user
    every_day = shifts.shift_create(actor=admin, name="全天", segments=[{"on": "00:00", "off": "00:00"}])
    groups.group_update(actor=admin, group_id=group.pk, shift_id=every_day.pk, workdays=[1, 2, 3, 4, 5, 6, 7])
    today = ApiClient(staff["employee"].user).get("attendance/me/today").json()["today"]
    assert today["day"] == timezone.localdate().isoformat()
    assert [s["kind"] for s in today["slots"]] == ["on", "off"]


def test_shifts_are_for_administrators(staff: dict[str, Employee]) -> None:
    answer = ApiClient(staff["employee"].user).post("attendance/shifts", {"name": "x", "segments": []})
    assert (answer.status_code, answer.json()["code"]) == (403, "permission_denied")
    assert not Shift.objects.exists()
