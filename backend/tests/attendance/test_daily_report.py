"""The daily report: one row per person per day (at most 31 days), each slot's expected and punched time
and result, within the viewer's scope; as JSON, .xlsx and CSV with a BOM. See `october` in conftest."""

from __future__ import annotations

import datetime
import io
import uuid
from typing import Any

import pytest
from openpyxl import load_workbook

from officium.attendance import daily_report, reports
from officium.attendance.services import absences
from officium.org.models import Department, Employee

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db

# people, the groups (five), closed months, stored day results, punches, make-ups, time away, the calendar
QUERIES = 12


def _daily(user: Any, **query: Any) -> Any:
    return ApiClient(user).get("attendance/reports/daily", **query)


def test_one_person_two_days_with_every_slot(staff: dict[str, Employee], october: None) -> None:
    lina = staff["employee"]
    rows = _daily(staff["hr"].user, since="2026-10-12", until="2026-10-13", employee_id=str(lina.pk)).json()
    assert rows == [
        {
            "day": "2026-10-12",
            "employee_id": str(lina.pk),
            "employee_number": lina.employee_number,
            "name": "李娜",
            "department_id": str(lina.main_department_id),
            "department": "前端组",
            "group": "研发考勤",
            "status": "abnormal",
            "slots": [
                {
                    "kind": "on",
                    "expected_at": "2026-10-12T09:00:00+08:00",
                    "punched_at": "2026-10-12T09:20:00+08:00",
                    "result": "late",
                    "minutes": 20,
                    "made_up": False,
                    "forgiven": False,
                },
                {
                    "kind": "off",
                    "expected_at": "2026-10-12T18:00:00+08:00",
                    "punched_at": "2026-10-12T18:00:00+08:00",
                    "result": "on_time",
                    "minutes": 0,
                    "made_up": False,
                    "forgiven": False,
                },
            ],
            "late_minutes": 20,
            "early_minutes": 0,
        },
        {
            "day": "2026-10-13",
            "employee_id": str(lina.pk),
            "employee_number": lina.employee_number,
            "name": "李娜",
            "department_id": str(lina.main_department_id),
            "department": "前端组",
            "group": "研发考勤",
            "status": "abnormal",
            "slots": [
                {
                    "kind": "on",
                    "expected_at": "2026-10-13T09:00:00+08:00",
                    "punched_at": "2026-10-13T08:55:00+08:00",
                    "result": "on_time",
                    "minutes": 0,
                    "made_up": False,
                    "forgiven": False,
                },
                {
                    "kind": "off",
                    "expected_at": "2026-10-13T18:00:00+08:00",
                    "punched_at": "2026-10-13T17:30:00+08:00",
                    "result": "early",
                    "minutes": 30,
                    "made_up": False,
                    "forgiven": False,
                },
            ],
            "late_minutes": 0,
            "early_minutes": 30,
        },
    ]


def test_by_day_then_employee_number_within_the_department(
    staff: dict[str, Employee], org_tree: dict[str, Department], october: None
) -> None:
    rows = _daily(staff["hr"].user, since="2026-10-13", until="2026-10-14", department_id=str(org_tree["fe"].pk))
    assert [(r["day"], r["name"], r["status"], [s["result"] for s in r["slots"]]) for r in rows.json()] == [
        ("2026-10-13", "李娜", "abnormal", ["on_time", "early"]),
        ("2026-10-13", "王芳", "abnormal", ["on_time", "missing"]),
        ("2026-10-14", "李娜", "normal", ["on_time", "on_time"]),
        ("2026-10-14", "王芳", "absent", ["missing", "missing"]),
    ]


def test_exceptions_only_and_rest_days(staff: dict[str, Employee], october: None) -> None:
    hr = staff["hr"].user
    exceptions = _daily(hr, since="2026-10-14", until="2026-10-14", exceptions_only="true").json()
    assert [(r["name"], r["status"]) for r in exceptions] == [("王芳", "absent"), ("张伟", "absent")]
    saturday = _daily(hr, since="2026-10-17", until="2026-10-17").json()
    assert {(r["status"], len(r["slots"])) for r in saturday} == {("rest", 0)}
    assert len(saturday) == 7  # everyone active in scope, with or without a group


def test_a_manager_sees_their_department_tree_only(staff: dict[str, Employee], october: None) -> None:
    manager = staff["manager"].user
    rows = _daily(manager, since="2026-10-12", until="2026-10-12").json()
    assert [r["name"] for r in rows] == ["李娜", "王芳", "张伟"]
    outside = _daily(manager, since="2026-10-12", until="2026-10-12", employee_id=str(staff["hr"].pk))
    assert (outside.status_code, outside.json()["code"]) == (404, "employee_not_found")


def test_employees_have_no_daily_report(staff: dict[str, Employee]) -> None:
    answer = _daily(staff["employee"].user, since="2026-10-12", until="2026-10-12")
    assert (answer.status_code, answer.json()["code"]) == (403, "permission_denied")
    export = ApiClient(staff["employee"].user).get(
        "attendance/reports/daily/export", since="2026-10-12", until="2026-10-12"
    )
    assert (export.status_code, export.json()["code"]) == (403, "permission_denied")


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ({"since": "2026-10-01", "until": "2026-11-01"}, 422, "range_too_long"),  # 32 days
        ({"since": "2026-10-02", "until": "2026-10-01"}, 422, "invalid_range"),
        ({"since": "2026-10-32", "until": "2026-11-01"}, 422, "validation_error"),
        ({"since": "0001-01-01", "until": "0001-01-02"}, 422, "validation_error"),
        ({"since": "2026-10-01"}, 422, "validation_error"),
        ({"since": "2026-10-01", "until": "2026-10-01", "department_id": "not-a-uuid"}, 422, "validation_error"),
        (
            {"since": "2026-10-01", "until": "2026-10-01", "department_id": "0190a000-0000-7000-8000-000000000000"},
            404,
            "department_not_found",
        ),
        (
            {"since": "2026-10-01", "until": "2026-10-01", "employee_id": "0190a000-0000-7000-8000-000000000000"},
            404,
            "employee_not_found",
        ),
    ],
)
def test_bad_input_is_a_problem_with_a_stable_code(
    staff: dict[str, Employee], query: dict[str, str], status: int, code: str
) -> None:
    for path in ("attendance/reports/daily", "attendance/reports/daily/export"):
        answer = ApiClient(staff["hr"].user).get(path, **query)
        assert (answer.status_code, answer["Content-Type"], answer.json()["code"]) == (
            status,
            "application/problem+json",
            code,
        )


def test_thirty_one_days_are_allowed(staff: dict[str, Employee], october: None) -> None:
    rows = _daily(staff["hr"].user, since="2026-10-01", until="2026-10-31", employee_id=str(staff["manager"].pk))
    assert (rows.status_code, len(rows.json())) == (200, 31)


def test_the_query_count_does_not_grow_with_people(
    staff: dict[str, Employee],
    org_tree: dict[str, Department],
    october: None,
    make_employee: Any,
    django_assert_num_queries: Any,
) -> None:
    hr, since, until = staff["hr"].user, datetime.date(2026, 10, 1), datetime.date(2026, 10, 31)
    daily_report.daily(actor=hr, since=since, until=until)  # permissions and scope are memoised per request
    with django_assert_num_queries(QUERIES):
        assert len(daily_report.daily(actor=hr, since=since, until=until)) == 7 * 31
    for n in range(4):
        make_employee(f"新人{n}", org_tree["fe"])
    with django_assert_num_queries(QUERIES):
        assert len(daily_report.daily(actor=hr, since=since, until=until)) == 11 * 31


def test_the_spreadsheet(staff: dict[str, Employee], org_tree: dict[str, Department], october: None) -> None:
    answer = ApiClient(staff["hr"].user).get(
        "attendance/reports/daily/export", since="2026-10-12", until="2026-10-13", department_id=str(org_tree["fe"].pk)
    )
    assert answer["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    # 考勤日报-2026-10-12~2026-10-13.xlsx
    assert "%E8%80%83%E5%8B%A4%E6%97%A5%E6%8A%A5-2026-10-12~2026-10-13.xlsx" in answer["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert (sheet.title, sheet.freeze_panes, sheet["A1"].font.bold) == ("10-12~10-13", "D2", True)
    assert [cell.value for cell in sheet[1]] == [
        "日期",
        "工号",
        "姓名",
        "部门",
        "考勤组",
        "当日结果",
        "上班 应打卡",
        "上班 实际打卡",
        "上班 结果",
        "下班 应打卡",
        "下班 实际打卡",
        "下班 结果",
        "迟到时长（分钟）",
        "早退时长（分钟）",
    ]
    lina, wangfang = staff["employee"].employee_number, staff["employee_b"].employee_number
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)] == [
        [
            "2026-10-12",
            lina,
            "李娜",
            "前端组",
            "研发考勤",
            "异常",
            "09:00",
            "09:20",
            "迟到",
            "18:00",
            "18:00",
            "正常",
            20,
            0,
        ],
        [
            "2026-10-12",
            wangfang,
            "王芳",
            "前端组",
            "研发考勤",
            "正常",
            "09:00",
            "08:58",
            "正常",
            "18:00",
            "18:05",
            "正常",
            0,
            0,
        ],
        [
            "2026-10-13",
            lina,
            "李娜",
            "前端组",
            "研发考勤",
            "异常",
            "09:00",
            "08:55",
            "正常",
            "18:00",
            "17:30",
            "早退",
            0,
            30,
        ],
        [
            "2026-10-13",
            wangfang,
            "王芳",
            "前端组",
            "研发考勤",
            "异常",
            "09:00",
            "09:00",
            "正常",
            "18:00",
            None,
            "缺卡",
            0,
            0,
        ],
    ]
    shaded = [row[0].fill.fgColor.rgb for row in sheet.iter_rows(min_row=2)]
    assert shaded == ["00FFF2CC", "00000000", "00FFF2CC", "00FFF2CC"]


def test_the_csv_has_a_bom(staff: dict[str, Employee], october: None) -> None:
    answer = ApiClient(staff["hr"].user).get(
        "attendance/reports/daily/export",
        since="2026-10-14",
        until="2026-10-14",
        employee_id=str(staff["employee_b"].pk),
        format="csv",
    )
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer.content.decode("utf-8").splitlines() == [
        "\ufeff日期,工号,姓名,部门,考勤组,当日结果,上班 应打卡,上班 实际打卡,上班 结果,"
        "下班 应打卡,下班 实际打卡,下班 结果,迟到时长（分钟）,早退时长（分钟）",
        f"2026-10-14,{staff['employee_b'].employee_number},王芳,前端组,研发考勤,旷工,09:00,,缺卡,18:00,,缺卡,0,0",
    ]


def test_a_day_away_shows_what_it_was_and_is_not_a_workday_judged(staff: dict[str, Employee], october: None) -> None:
    """王芳 was absent on Thursday the 15th; an approved day of leave then makes it a day away."""
    wangfang = staff["employee_b"]
    period = {"start": "2026-10-15T09:00:00+08:00", "end": "2026-10-15T18:00:00+08:00"}
    absences.record_approved(
        approval_id=uuid.uuid4(),
        template_key="leave",
        employee=wangfang,
        form_data={"leave_type": "personal", "period": period, "reason": "家事"},
    )
    (row,) = _daily(staff["hr"].user, since="2026-10-15", until="2026-10-15", employee_id=str(wangfang.pk)).json()
    assert (row["status"], [slot["result"] for slot in row["slots"]]) == ("leave", ["leave", "leave"])
    exceptions = _daily(staff["hr"].user, since="2026-10-15", until="2026-10-15", exceptions_only="true").json()
    assert [r["name"] for r in exceptions] == ["李娜", "张伟"]
    csv = ApiClient(staff["hr"].user).get(
        "attendance/reports/daily/export",
        since="2026-10-15",
        until="2026-10-15",
        employee_id=str(wangfang.pk),
        format="csv",
    )
    assert csv.content.decode("utf-8").splitlines()[1].split(",")[5:12] == [
        "请假",
        "09:00",
        "",
        "请假",
        "18:00",
        "",
        "请假",
    ]
    (month,) = [
        r for r in reports.monthly(actor=staff["hr"].user, month=datetime.date(2026, 10, 1)) if r.name == "王芳"
    ]
    assert (month.workdays, month.normal_days, month.absent_days, month.missing_slots) == (21, 1, 19, 39)
