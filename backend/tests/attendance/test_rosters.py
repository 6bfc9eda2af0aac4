"""Rosters (排班) through the API: members only, all or nothing, closed months, copying a week, the
spreadsheet round trip, and the results that follow the plan (and are recomputed when it changes)."""

from __future__ import annotations

import datetime
import io
import uuid
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from officium.attendance import selectors
from officium.attendance.models import AttendanceGroup, DayRecord, RosterEntry, Shift
from officium.attendance.services import calendar, day_records, groups, overtime, periods, shifts
from officium.core import outbox
from officium.core.models import AuditEvent
from officium.org.models import Department, Employee

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 16)
NEXT_MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture
def day_shift(staff: dict[str, Employee]) -> Shift:
    return shifts.shift_create(actor=staff["admin"].user, name="白班", segments=[{"on": "09:00", "off": "18:00"}])


@pytest.fixture
def night_shift(staff: dict[str, Employee]) -> Shift:
    return shifts.shift_create(actor=staff["admin"].user, name="夜班", segments=[{"on": "22:00", "off": "06:00"}])


@pytest.fixture
def roster_group(staff: dict[str, Employee], org_tree: dict[str, Department]) -> AttendanceGroup:
    """研发部 (李娜, 李娜's colleague and their manager) on a roster; 销售部 elsewhere."""
    return groups.group_create(
        actor=staff["admin"].user, name="研发排班", kind="roster", department_ids=[org_tree["rd"].pk]
    )


def admin(staff: dict[str, Employee]) -> ApiClient:
    return ApiClient(staff["admin"].user)


def cell(employee: Employee, day: datetime.date, shift: Shift | None) -> dict[str, Any]:
    return {"employee_id": str(employee.pk), "day": day.isoformat(), "shift_id": str(shift.pk) if shift else None}


def plan(group: AttendanceGroup) -> set[tuple[str, str, str | None]]:
    return {
        (entry.employee.name, entry.day.isoformat(), entry.shift.name if entry.shift else None)
        for entry in RosterEntry.objects.filter(group=group).select_related("employee", "shift")
    }


def test_an_administrator_sets_cells_and_reads_the_week(
    staff: dict[str, Employee], roster_group: AttendanceGroup, day_shift: Shift, night_shift: Shift
) -> None:
    lina, manager = staff["employee"], staff["manager"]
    cells = [cell(lina, MONDAY, day_shift), cell(lina, MONDAY + datetime.timedelta(days=2), night_shift)]
    answer = admin(staff).put(
        f"attendance/groups/{roster_group.pk}/roster", {"cells": [*cells, cell(manager, MONDAY, None)]}
    )
    assert (answer.status_code, answer.json()) == (200, {"changed": 2})  # a rest day without an entry is no change
    again = admin(staff).put(f"attendance/groups/{roster_group.pk}/roster", {"cells": cells})
    assert again.json() == {"changed": 0}

    week = (
        admin(staff)
        .get(f"attendance/groups/{roster_group.pk}/roster", since=MONDAY.isoformat(), until="2026-11-22")
        .json()
    )
    assert (week["group_name"], week["kind"], week["since"], week["until"]) == (
        "研发排班",
        "roster",
        "2026-11-16",
        "2026-11-22",
    )
    assert [(m["name"], m["department"], m["entries"]) for m in week["members"]] == [
        (
            "李娜",
            "前端组",
            [
                {"day": "2026-11-16", "shift_id": str(day_shift.pk)},
                {"day": "2026-11-18", "shift_id": str(night_shift.pk)},
            ],
        ),
        ("王芳", "前端组", []),
        ("张伟", "研发部", []),
    ]
    assert [(s["name"], s["short_name"], len(s["color"]), s["is_active"]) for s in week["shifts"]] == [
        ("夜班", "夜", 6, True),
        ("白班", "白", 6, True),
    ]
    [first, *_] = AuditEvent.objects.filter(action="attendance.roster.set").order_by("id")
    assert (first.actor_id, first.object_id, first.changes) == (
        staff["admin"].user.pk,
        str(roster_group.pk),
        {
            "cells": 3,
            "changed": [[str(lina.pk), "2026-11-16", None, "白班"], [str(lina.pk), "2026-11-18", None, "夜班"]],
        },
    )


def test_a_roster_edit_is_all_or_nothing(
    staff: dict[str, Employee], roster_group: AttendanceGroup, day_shift: Shift
) -> None:
    outsider = staff["hr"]  # 总部: not in the group
    removed = shifts.shift_create(actor=staff["admin"].user, name="旧班", segments=[{"on": "08:00", "off": "17:00"}])
    shifts.shift_delete(actor=staff["admin"].user, shift_id=removed.pk)
    lina = staff["employee"]
    cells = [
        cell(lina, MONDAY, day_shift),
        cell(outsider, MONDAY, day_shift),
        cell(lina, NEXT_MONDAY, removed),
        cell(lina, MONDAY, None),
        {"employee_id": str(lina.pk), "day": "2026-11-17", "shift_id": "0192f1a4-0000-7000-8000-000000000000"},
    ]
    answer = admin(staff).put(f"attendance/groups/{roster_group.pk}/roster", {"cells": cells})
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_roster")
    assert [(e["pointer"], e["code"]) for e in answer.json()["errors"]] == [
        ("/cells/1/employee_id", "not_a_member"),
        ("/cells/2/shift_id", "unknown_shift"),
        ("/cells/3/day", "duplicate_cell"),
        ("/cells/4/shift_id", "unknown_shift"),
    ]
    assert not RosterEntry.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="attendance.roster").exists()


def test_a_batch_past_the_limit_is_refused(staff: dict[str, Employee], roster_group: AttendanceGroup) -> None:
    lina = staff["employee"]
    cells = [cell(lina, datetime.date(2020, 1, 1) + datetime.timedelta(days=n), None) for n in range(5001)]
    answer = admin(staff).put(f"attendance/groups/{roster_group.pk}/roster", {"cells": cells})
    assert (answer.status_code, answer.json()["code"]) == (422, "too_many_cells")


def test_a_closed_month_refuses_roster_edits(
    staff: dict[str, Employee], roster_group: AttendanceGroup, day_shift: Shift
) -> None:
    periods.lock(actor=staff["hr"].user, month=datetime.date(2026, 10, 1))
    lina = staff["employee"]
    answer = admin(staff).put(
        f"attendance/groups/{roster_group.pk}/roster",
        {"cells": [cell(lina, MONDAY, day_shift), cell(lina, datetime.date(2026, 10, 31), day_shift)]},
    )
    assert (answer.status_code, answer.json()["code"], answer.json()["month"]) == (409, "period_locked", "2026-10")
    copy = admin(staff).post(
        f"attendance/groups/{roster_group.pk}/roster/copy-week",
        {"from_week": "2026-11-02", "to_week": "2026-10-26"},
    )
    assert (copy.status_code, copy.json()["code"]) == (409, "period_locked")
    assert not RosterEntry.objects.exists()


def test_only_roster_groups_take_a_roster(staff: dict[str, Employee], group: AttendanceGroup, day_shift: Shift) -> None:
    answer = admin(staff).put(
        f"attendance/groups/{group.pk}/roster", {"cells": [cell(staff["employee"], MONDAY, day_shift)]}
    )
    assert (answer.status_code, answer.json()["code"]) == (409, "not_a_roster_group")
    assert not RosterEntry.objects.exists()


def test_only_administrators_see_and_edit_rosters(
    staff: dict[str, Employee], roster_group: AttendanceGroup, day_shift: Shift
) -> None:
    lina = ApiClient(staff["employee"].user)
    put = lina.put(
        f"attendance/groups/{roster_group.pk}/roster", {"cells": [cell(staff["employee"], MONDAY, day_shift)]}
    )
    get = lina.get(f"attendance/groups/{roster_group.pk}/roster", since="2026-11-16", until="2026-11-22")
    assert [(put.status_code, put.json()["code"]), (get.status_code, get.json()["code"])] == [
        (403, "permission_denied"),
        (403, "permission_denied"),
    ]
    assert not RosterEntry.objects.exists()
    missing = admin(staff).get(
        "attendance/groups/0192f1a4-0000-7000-8000-000000000000/roster", since="2026-11-16", until="2026-11-22"
    )
    assert (missing.status_code, missing.json()["code"]) == (404, "group_not_found")
    too_long = admin(staff).get(f"attendance/groups/{roster_group.pk}/roster", since="2026-11-01", until="2027-01-02")
    assert (too_long.status_code, too_long.json()["code"]) == (422, "invalid_range")


def test_copying_a_week_copies_each_members_week_with_its_rest_days(
    staff: dict[str, Employee], roster_group: AttendanceGroup, day_shift: Shift, night_shift: Shift
) -> None:
    lina, wang = staff["employee"], staff["employee_b"]
    client = admin(staff)
    client.put(
        f"attendance/groups/{roster_group.pk}/roster",
        {
            "cells": [
                cell(lina, MONDAY, day_shift),
                cell(lina, MONDAY + datetime.timedelta(days=1), night_shift),
                cell(wang, MONDAY + datetime.timedelta(days=6), day_shift),
                # Next week already has a plan that the copy replaces: the Tuesday becomes a rest day.
                cell(wang, NEXT_MONDAY + datetime.timedelta(days=1), night_shift),
            ]
        },
    )
    answer = client.post(
        f"attendance/groups/{roster_group.pk}/roster/copy-week", {"from_week": "2026-11-16", "to_week": "2026-11-23"}
    )
    assert (answer.status_code, answer.json()) == (200, {"changed": 4})
    assert {row for row in plan(roster_group) if row[1] >= "2026-11-23"} == {
        ("李娜", "2026-11-23", "白班"),
        ("李娜", "2026-11-24", "夜班"),
        ("王芳", "2026-11-24", None),
        ("王芳", "2026-11-29", "白班"),
    }
    audit = AuditEvent.objects.get(action="attendance.roster.copy_week")
    assert (audit.changes["from_week"], audit.changes["to_week"], audit.changes["cells"]) == (
        "2026-11-16",
        "2026-11-23",
        21,  # three members, seven days
    )
    not_monday = client.post(
        f"attendance/groups/{roster_group.pk}/roster/copy-week", {"from_week": "2026-11-17", "to_week": "2026-11-23"}
    )
    assert (not_monday.status_code, not_monday.json()["code"]) == (422, "not_a_monday")


def _sheet(content: bytes) -> Any:
    return load_workbook(io.BytesIO(content)).worksheets[0]


def _saved(sheet: Any) -> bytes:
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    return buffer.getvalue()


def test_the_exported_month_imports_back_and_edits_in_it_are_saved(
    staff: dict[str, Employee], roster_group: AttendanceGroup, day_shift: Shift, night_shift: Shift
) -> None:
    client = admin(staff)
    lina = staff["employee"]
    client.put(f"attendance/groups/{roster_group.pk}/roster", {"cells": [cell(lina, MONDAY, day_shift)]})
    exported = client.get(f"attendance/groups/{roster_group.pk}/roster/export", month="2026-11")
    assert exported.status_code == 200
    assert exported["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert exported["Content-Disposition"] == "attachment; filename*=UTF-8''%E6%8E%92%E7%8F%AD-2026-11.xlsx"
    sheet = _sheet(exported.content)
    assert [cell.value for cell in sheet[1]][:4] == ["工号", "姓名", "2026-11-01", "2026-11-02"]
    assert sheet.max_column == 32  # two columns and thirty days
    assert [cell.value for cell in sheet[2]][:4] == [None, "星期", "日", "一"]
    assert [[row[0].value, row[1].value, row[17].value, row[18].value] for row in sheet.iter_rows(min_row=3)] == [
        [lina.employee_number, "李娜", "白班", "休"],  # columns R and S: 11-16 and 11-17
        [staff["employee_b"].employee_number, "王芳", "休", "休"],
        [staff["manager"].employee_number, "张伟", "休", "休"],
    ]
    assert sheet["R3"].fill.fgColor.rgb.endswith(
        next(
            s
            for s in client.get(
                f"attendance/groups/{roster_group.pk}/roster", since="2026-11-16", until="2026-11-16"
            ).json()["shifts"]
            if s["name"] == "白班"
        )["color"]
    )
    assert sheet.freeze_panes == "C3"

    unchanged = client.upload(f"attendance/groups/{roster_group.pk}/roster/import", "排班.xlsx", exported.content)
    assert (unchanged.status_code, unchanged.json()) == (200, {"changed": 0})

    sheet["S3"] = "夜班"  # 李娜, 11-17
    sheet["R3"] = ""  # 李娜, 11-16: blank is a rest day
    sheet["T4"] = "白班"  # 王芳, 11-18
    edited = client.upload(f"attendance/groups/{roster_group.pk}/roster/import", "排班.xlsx", _saved(sheet))
    assert (edited.status_code, edited.json()) == (200, {"changed": 3})
    assert plan(roster_group) == {
        ("李娜", "2026-11-16", None),
        ("李娜", "2026-11-17", "夜班"),
        ("王芳", "2026-11-18", "白班"),
    }
    imports = AuditEvent.objects.filter(action="attendance.roster.import").order_by("id")
    assert [(a.actor_id, a.changes["file"], a.changes["cells"], len(a.changes["changed"])) for a in imports] == [
        (staff["admin"].user.pk, "排班.xlsx", 90, 0),
        (staff["admin"].user.pk, "排班.xlsx", 90, 3),
    ]


def test_an_import_with_bad_cells_saves_nothing_and_names_each_cell(
    staff: dict[str, Employee], roster_group: AttendanceGroup, day_shift: Shift
) -> None:
    client = admin(staff)
    exported = client.get(f"attendance/groups/{roster_group.pk}/roster/export", month="2026-11").content
    sheet = _sheet(exported)
    sheet["R3"] = "白班"  # fine on its own
    sheet["S3"] = "中班"  # no such shift
    sheet["C6"] = "白班"
    sheet["A6"] = staff["hr"].employee_number  # not in the group
    sheet["A7"] = "NOPE"
    sheet["B7"] = "无名氏"
    answer = client.upload(f"attendance/groups/{roster_group.pk}/roster/import", "排班.xlsx", _saved(sheet))
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_roster_file")
    assert answer.json()["problems"] == [
        {"row": 3, "column": "S", "code": "unknown_shift", "message": "No such shift.", "value": "中班"},
        {
            "row": 6,
            "column": "A",
            "code": "not_a_member",
            "message": "Not a member of this group.",
            "value": staff["hr"].employee_number,
        },
        {
            "row": 7,
            "column": "A",
            "code": "unknown_employee",
            "message": "No employee has this number.",
            "value": "NOPE",
        },
    ]
    assert not RosterEntry.objects.exists()
    assert not AuditEvent.objects.filter(action="attendance.roster.import").exists()
    unreadable = client.upload(f"attendance/groups/{roster_group.pk}/roster/import", "排班.xlsx", b"not a workbook")
    assert (unreadable.status_code, unreadable.json()["code"]) == (422, "unreadable_file")


def test_results_follow_the_roster_and_settled_days_are_recomputed_after_an_edit(
    staff: dict[str, Employee],
    roster_group: AttendanceGroup,
    day_shift: Shift,
    django_capture_on_commit_callbacks: Any,
) -> None:
    lina = staff["employee"]
    assert day_records.recompute([lina.pk], since=MONDAY, until=MONDAY + datetime.timedelta(days=1)) == 2
    assert [(r.day.isoformat(), r.status) for r in DayRecord.objects.filter(employee=lina).order_by("day")] == [
        ("2026-11-16", "rest"),
        ("2026-11-17", "rest"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        admin(staff).put(f"attendance/groups/{roster_group.pk}/roster", {"cells": [cell(lina, MONDAY, day_shift)]})
    outbox.relay()
    record = DayRecord.objects.get(employee=lina, day=MONDAY)
    assert (record.status, [slot["result"] for slot in record.slots]) == ("absent", ["missing", "missing"])
    days = selectors.days_of(lina, since=MONDAY, until=MONDAY + datetime.timedelta(days=1))
    assert [(day.status, len(day.slots)) for day in days] == [("absent", 2), ("rest", 0)]


def test_a_leave_request_is_measured_against_the_roster(
    staff: dict[str, Employee], roster_group: AttendanceGroup, night_shift: Shift
) -> None:
    lina = staff["employee"]
    admin(staff).put(f"attendance/groups/{roster_group.pk}/roster", {"cells": [cell(lina, MONDAY, night_shift)]})
    span = (
        datetime.datetime.fromisoformat("2026-11-16T00:00:00+08:00"),
        datetime.datetime.fromisoformat("2026-11-18T00:00:00+08:00"),
    )
    coverage = selectors.request_coverage(lina, span)
    # Monday's night (22:00 to 06:00) lies within the two days; Tuesday has no entry: a rest day.
    assert [(c.day.isoformat(), c.covered_minutes, c.scheduled_minutes) for c in coverage] == [("2026-11-16", 480, 480)]


def test_a_free_hours_group_counts_a_workday_with_a_punch(
    staff: dict[str, Employee], org_tree: dict[str, Department]
) -> None:
    free = groups.group_create(
        actor=staff["admin"].user, name="自由工时", kind="free", department_ids=[org_tree["rd"].pk]
    )
    lina = staff["employee"]
    days = selectors.days_of(lina, since=MONDAY, until=datetime.date(2026, 11, 22))
    assert [day.status for day in days] == ["absent"] * 5 + ["rest", "rest"]
    span = (
        datetime.datetime.fromisoformat("2026-11-21T00:00:00+08:00"),
        datetime.datetime.fromisoformat("2026-11-24T00:00:00+08:00"),
    )
    # A leave request over the weekend and Monday costs Monday's office hours.
    assert [(c.day.isoformat(), c.covered_minutes) for c in selectors.request_coverage(lina, span)] == [
        ("2026-11-23", 540)
    ]
    audit = AuditEvent.objects.get(action="attendance.group.create", object_id=str(free.pk))
    assert audit.changes["kind"] == "free"


def test_changing_a_groups_kind_is_audited(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    answer = admin(staff).patch(f"attendance/groups/{group.pk}", {"kind": "roster"})
    assert (answer.status_code, answer.json()["kind"]) == (200, "roster")
    audit = AuditEvent.objects.filter(action="attendance.group.update").latest("id")
    assert audit.changes == {"kind": ["fixed", "roster"]}
    wrong = admin(staff).patch(f"attendance/groups/{group.pk}", {"kind": "shifts"})
    assert wrong.status_code == 422
    group.refresh_from_db()
    assert group.kind == "roster"


def test_a_shift_planned_in_a_roster_cannot_be_removed(
    staff: dict[str, Employee], roster_group: AttendanceGroup, day_shift: Shift
) -> None:
    upcoming = datetime.date(2026, 12, 1)
    admin(staff).put(
        f"attendance/groups/{roster_group.pk}/roster", {"cells": [cell(staff["employee"], upcoming, day_shift)]}
    )
    answer = admin(staff).delete(f"attendance/shifts/{day_shift.pk}")
    assert (answer.status_code, answer.json()["code"], answer.json()["groups"]) == (409, "shift_in_use", ["研发排班"])
    day_shift.refresh_from_db()
    assert day_shift.is_active


def test_computing_a_roster_groups_days_costs_the_same_queries_for_any_number_of_people(
    staff: dict[str, Employee],
    roster_group: AttendanceGroup,
    day_shift: Shift,
    make_employee: Any,
    org_tree: dict[str, Department],
    django_assert_num_queries: Any,
) -> None:
    admin(staff).put(
        f"attendance/groups/{roster_group.pk}/roster",
        {"cells": [cell(staff["employee"], MONDAY + datetime.timedelta(days=n), day_shift) for n in range(5)]},
    )
    few = selectors.groups_for([staff["employee"]])
    for n in range(6):
        make_employee(f"新人{n}", org_tree["fe"])
    people = list(Employee.objects.filter(main_department__in=[org_tree["fe"], org_tree["rd"]]))
    many = selectors.groups_for(people)
    assert len(many) == 9
    assert {group.pk if group else None for group in many.values()} == {roster_group.pk}
    # Punches, make-ups, time away, the calendar and the roster: five queries however many people.
    with django_assert_num_queries(5):
        one = selectors.compute_days_for_people(few, since=MONDAY, until=NEXT_MONDAY)
    with django_assert_num_queries(5):
        all_of_them = selectors.compute_days_for_people(many, since=MONDAY, until=NEXT_MONDAY)
    assert [day.status for day in one[staff["employee"].pk]][:7] == ["absent"] * 5 + ["rest", "rest"]
    assert all_of_them[staff["employee"].pk] == one[staff["employee"].pk]


@pytest.mark.parametrize(
    ("start", "end", "day_type", "rate"),
    [
        ("2026-11-28T09:00:00+08:00", "2026-11-28T12:00:00+08:00", "workday", "1.5"),  # a Saturday on the roster
        ("2026-11-25T18:30:00+08:00", "2026-11-25T21:00:00+08:00", "rest_day", "2.0"),  # a Wednesday off the roster
        ("2026-10-01T09:00:00+08:00", "2026-10-01T11:00:00+08:00", "holiday", "3.0"),  # 国庆节, even when planned
    ],
)
def test_overtime_of_a_roster_member_is_typed_by_the_roster(
    staff: dict[str, Employee],
    roster_group: AttendanceGroup,
    day_shift: Shift,
    start: str,
    end: str,
    day_type: str,
    rate: str,
) -> None:
    calendar.seed("CN", 2026)
    lina = staff["employee"]
    planned = [datetime.date(2026, 11, 28), datetime.date(2026, 10, 1)]
    admin(staff).put(
        f"attendance/groups/{roster_group.pk}/roster", {"cells": [cell(lina, d, day_shift) for d in planned]}
    )
    form = {"period": {"start": start, "end": end}, "compensation": "pay", "reason": "上线"}
    record = overtime.record_approved(approval_id=uuid.uuid4(), employee=lina, form_data=form)
    assert record is not None
    assert (record.day_type, record.pay_rate) == (day_type, Decimal(rate))
