"""Attendance groups and clock-in places: who belongs where, administrators only, audited."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from officium.attendance import geo, selectors
from officium.attendance.models import AttendanceGroup, ClockInPlace
from officium.attendance.services import groups
from officium.core.models import AuditEvent
from officium.org.models import Department, Employee

from ..conftest import ApiClient
from .conftest import OFFICE

pytestmark = pytest.mark.django_db


def test_members_come_from_departments_and_their_sub_departments(
    staff: dict[str, Employee], group: AttendanceGroup
) -> None:
    assert selectors.group_for(staff["employee"]) == group  # 前端组, under 研发部
    assert selectors.group_for(staff["manager"]) == group  # 研发部 itself
    assert selectors.group_for(staff["hr"]) is None  # 总部: above the group's department


def test_a_person_named_directly_and_the_nearest_department_win(
    staff: dict[str, Employee], org_tree: dict[str, Department], group: AttendanceGroup
) -> None:
    admin = staff["admin"].user
    front_end = groups.group_create(actor=admin, name="前端考勤", department_ids=[org_tree["fe"].pk])
    sales = groups.group_create(actor=admin, name="销售考勤", employee_ids=[staff["employee_b"].pk])
    assert selectors.group_for(staff["employee"]) == front_end  # 前端组 is nearer than 研发部
    assert selectors.group_for(staff["employee_b"]) == sales  # named directly
    assert selectors.group_for(staff["manager"]) == group


def test_an_excluded_person_is_in_no_group(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    groups.group_update(actor=staff["admin"].user, group_id=group.pk, excluded_ids=[staff["employee"].pk])
    assert selectors.group_for(staff["employee"]) is None
    assert selectors.group_for(staff["employee_b"]) == group


def test_a_department_or_person_belongs_to_one_group(
    staff: dict[str, Employee], org_tree: dict[str, Department], group: AttendanceGroup
) -> None:
    groups.group_create(actor=staff["admin"].user, name="王芳", employee_ids=[staff["employee_b"].pk])
    answer = ApiClient(staff["admin"].user).post(
        "attendance/groups",
        {"name": "第二组", "department_ids": [str(org_tree["rd"].pk)], "employee_ids": [str(staff["employee_b"].pk)]},
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_members")
    assert [(e["pointer"], e["code"]) for e in answer.json()["errors"]] == [
        ("/department_ids/0", "in_another_group"),
        ("/employee_ids/0", "in_another_group"),
    ]
    assert not AttendanceGroup.objects.filter(name="第二组").exists()


def test_an_administrator_sets_up_a_group_through_the_api(
    staff: dict[str, Employee], org_tree: dict[str, Department]
) -> None:
    admin = ApiClient(staff["admin"].user)
    created = admin.post(
        "attendance/groups",
        {"name": "销售考勤", "department_ids": [str(org_tree["sales"].pk)], "field_work": "needs_approval"},
    )
    assert created.status_code == 201
    group = created.json()
    assert (group["name"], group["field_work"], group["version"], group["places"]) == (
        "销售考勤",
        "needs_approval",
        1,
        [],
    )
    assert [d["name"] for d in group["departments"]] == ["销售部"]
    place = admin.post(
        f"attendance/groups/{group['id']}/places",
        {"name": "上海总部", "latitude": "31.230416", "longitude": "121.473701", "radius_m": 200},
    )
    assert place.status_code == 201
    changed = admin.patch(f"attendance/groups/{group['id']}", {"offline_max_skew_seconds": 60})
    assert (changed.json()["offline_max_skew_seconds"], changed.json()["version"]) == (60, 3)
    assert [p["name"] for p in changed.json()["places"]] == ["上海总部"]
    assert admin.delete(f"attendance/places/{place.json()['id']}").status_code == 204
    assert admin.delete(f"attendance/groups/{group['id']}").status_code == 204
    assert admin.get(f"attendance/groups/{group['id']}").status_code == 404
    assert list(
        AuditEvent.objects.filter(action__startswith="attendance.").order_by("id").values_list("action", flat=True)
    ) == [
        "attendance.group.create",
        "attendance.place.create",
        "attendance.group.update",
        "attendance.place.delete",
        "attendance.group.delete",
    ]


def test_a_place_picked_on_a_chinese_map_is_stored_in_wgs84(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    lat, lng = geo.wgs84_to_gcj02(31.230416, 121.473701)
    place = groups.place_create(
        actor=staff["admin"].user,
        group_id=group.pk,
        name="上海总部",
        latitude=Decimal(f"{lat:.6f}"),
        longitude=Decimal(f"{lng:.6f}"),
        datum="gcj02",
        radius_m=300,
    )
    assert (place.latitude, place.longitude) == (Decimal("31.230416"), Decimal("121.473701"))


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"radius_m": 20}, "invalid_radius"),
        ({"radius_m": 5000}, "invalid_radius"),
        ({"name": " "}, "name_required"),
        ({"name": "中关村办公室"}, "place_name_taken"),
    ],
)
def test_place_refusals(staff: dict[str, Employee], group: AttendanceGroup, fields: dict[str, Any], code: str) -> None:
    body = {"name": "新地点", "latitude": str(OFFICE[0]), "longitude": str(OFFICE[1]), "radius_m": 300, **fields}
    answer = ApiClient(staff["admin"].user).post(f"attendance/groups/{group.pk}/places", body)
    assert answer.json()["code"] == code
    assert ClockInPlace.objects.filter(group=group).count() == 1


@pytest.mark.parametrize(("method", "path"), [("GET", "attendance/groups"), ("POST", "attendance/groups")])
def test_employees_cannot_manage_groups(staff: dict[str, Employee], method: str, path: str) -> None:
    answer = ApiClient(staff["employee"].user).request(method, path, {"name": "x"} if method == "POST" else None)
    assert (answer.status_code, answer.json()["code"]) == (403, "permission_denied")


def test_hr_manages_groups(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    assert [g["name"] for g in ApiClient(staff["hr"].user).get("attendance/groups").json()] == ["研发考勤"]


def test_a_duplicate_group_name_is_a_conflict(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    answer = ApiClient(staff["admin"].user).post("attendance/groups", {"name": "研发考勤"})
    assert (answer.status_code, answer.json()["code"]) == (409, "group_name_taken")
