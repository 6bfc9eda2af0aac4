"""The department report of a month (each department's direct members in the viewer's scope, and the
totals) and the daily on-time series for the charts. See `october` in conftest."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from officium.attendance import department_report
from officium.org.models import Department, Employee

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db

MONTH = datetime.date(2026, 10, 1)
NO_OVERTIME = {"workday": "0.00", "rest_day": "0.00", "holiday": "0.00"}
# people, the groups (five), closed months, stored day results, punches, make-ups, time away, the
# calendar, overtime, the departments, their names
REPORT_QUERIES = 15
# the same without overtime and the departments
SERIES_QUERIES = 12


def _report(user: Any, **query: Any) -> Any:
    return ApiClient(user).get("attendance/reports/departments", month="2026-10", **query)


def test_hr_sees_every_department_with_people_and_the_totals(
    staff: dict[str, Employee], org_tree: dict[str, Department], october: None
) -> None:
    report = _report(staff["hr"].user).json()
    assert report["rows"] == [
        {
            "department_id": str(org_tree["root"].pk),
            "department": "总部",
            "department_path": "总部",
            "headcount": 4,  # 陈静 and the administrators, in no attendance group
            "workdays": 0,
            "normal_days": 0,
            "on_time_rate": 0.0,
            "late_count": 0,
            "late_minutes": 0,
            "early_count": 0,
            "early_minutes": 0,
            "missing_slots": 0,
            "absent_days": 0,
            "overtime": NO_OVERTIME,
        },
        {
            "department_id": str(org_tree["rd"].pk),
            "department": "研发部",
            "department_path": "总部 / 研发部",
            "headcount": 1,  # 张伟 only: 前端组 has its own row
            "workdays": 22,
            "normal_days": 0,
            "on_time_rate": 0.0,
            "late_count": 0,
            "late_minutes": 0,
            "early_count": 0,
            "early_minutes": 0,
            "missing_slots": 44,
            "absent_days": 22,
            "overtime": NO_OVERTIME,
        },
        {
            "department_id": str(org_tree["fe"].pk),
            "department": "前端组",
            "department_path": "总部 / 研发部 / 前端组",
            "headcount": 2,
            "workdays": 44,
            "normal_days": 2,
            "on_time_rate": 0.0455,
            "late_count": 1,
            "late_minutes": 20,
            "early_count": 1,
            "early_minutes": 30,
            "missing_slots": 79,
            "absent_days": 39,
            "overtime": {"workday": "2.50", "rest_day": "7.00", "holiday": "2.00"},
        },
    ]
    assert report["total"] == {
        "department_id": None,
        "department": "合计",
        "department_path": "",
        "headcount": 7,
        "workdays": 66,
        "normal_days": 2,
        "on_time_rate": 0.0303,
        "late_count": 1,
        "late_minutes": 20,
        "early_count": 1,
        "early_minutes": 30,
        "missing_slots": 123,
        "absent_days": 61,
        "overtime": {"workday": "2.50", "rest_day": "7.00", "holiday": "2.00"},
    }


def test_a_manager_sees_their_tree_and_a_filter_narrows_it(
    staff: dict[str, Employee], org_tree: dict[str, Department], october: None
) -> None:
    mine = _report(staff["manager"].user).json()
    assert [(row["department"], row["headcount"]) for row in mine["rows"]] == [("研发部", 1), ("前端组", 2)]
    assert (mine["total"]["headcount"], mine["total"]["absent_days"]) == (3, 61)
    narrowed = _report(staff["hr"].user, department_id=str(org_tree["fe"].pk)).json()
    assert [row["department"] for row in narrowed["rows"]] == ["前端组"]
    assert narrowed["total"]["headcount"] == 2
    # A department outside the manager's scope shows nobody (it exists: no 404 to hide).
    outside = _report(staff["manager"].user, department_id=str(org_tree["sales"].pk)).json()
    assert (outside["rows"], outside["total"]["headcount"]) == ([], 0)


@pytest.mark.parametrize(
    "path",
    ["attendance/reports/departments", "attendance/reports/departments/export", "attendance/reports/daily-series"],
)
def test_permission_and_bad_input(staff: dict[str, Employee], path: str) -> None:
    denied = ApiClient(staff["employee"].user).get(path, month="2026-10")
    assert (denied.status_code, denied.json()["code"]) == (403, "permission_denied")
    hr = ApiClient(staff["hr"].user)
    for query, status, code in (
        ({"month": "2026-13"}, 422, "validation_error"),
        ({"month": "10/2026"}, 422, "validation_error"),
        ({}, 422, "validation_error"),
        ({"month": "2026-10", "department_id": "0190a000-0000-7000-8000-000000000000"}, 404, "department_not_found"),
    ):
        answer = hr.get(path, **query)
        assert (answer.status_code, answer["Content-Type"], answer.json()["code"]) == (
            status,
            "application/problem+json",
            code,
        )


def test_the_report_costs_the_same_number_of_queries_for_more_people(
    staff: dict[str, Employee],
    org_tree: dict[str, Department],
    october: None,
    make_employee: Any,
    django_assert_num_queries: Any,
) -> None:
    hr = staff["hr"].user
    department_report.by_department(actor=hr, month=MONTH)  # permissions and scope are memoised per request
    with django_assert_num_queries(REPORT_QUERIES):
        assert department_report.by_department(actor=hr, month=MONTH).total.headcount == 7
    with django_assert_num_queries(SERIES_QUERIES):
        assert len(department_report.daily_series(actor=hr, month=MONTH)) == 31
    for n in range(3):
        make_employee(f"销售{n}", org_tree["sales"])
        make_employee(f"新人{n}", org_tree["fe"])
    with django_assert_num_queries(REPORT_QUERIES):
        assert department_report.by_department(actor=hr, month=MONTH).total.headcount == 13
    with django_assert_num_queries(SERIES_QUERIES):
        assert len(department_report.daily_series(actor=hr, month=MONTH)) == 31


def test_the_daily_series(staff: dict[str, Employee], october: None) -> None:
    series = ApiClient(staff["manager"].user).get("attendance/reports/daily-series", month="2026-10").json()
    by_day = {day["day"]: day for day in series}
    assert len(series) == 31
    assert by_day["2026-10-12"] == {
        "day": "2026-10-12",
        "judged": 3,
        "normal": 1,
        "on_time_rate": 0.3333,
        "late": 1,
        "early": 0,
        "missing": 0,
        "absent": 1,
    }
    assert by_day["2026-10-13"] == {
        "day": "2026-10-13",
        "judged": 3,
        "normal": 0,
        "on_time_rate": 0.0,
        "late": 0,
        "early": 1,
        "missing": 1,  # 王芳's off punch; 张伟, absent, counts as absent only
        "absent": 1,
    }
    assert by_day["2026-10-14"] | {"day": ""} == {
        "day": "",
        "judged": 3,
        "normal": 1,
        "on_time_rate": 0.3333,
        "late": 0,
        "early": 0,
        "missing": 0,
        "absent": 2,
    }
    assert by_day["2026-10-17"] == {  # a Saturday
        "day": "2026-10-17",
        "judged": 0,
        "normal": 0,
        "on_time_rate": 0.0,
        "late": 0,
        "early": 0,
        "missing": 0,
        "absent": 0,
    }
    assert sum(day["judged"] for day in series) == 66
    assert sum(day["absent"] for day in series) == 61


def test_the_spreadsheet_has_a_bold_totals_row(staff: dict[str, Employee], october: None) -> None:
    answer = ApiClient(staff["hr"].user).get("attendance/reports/departments/export", month="2026-10")
    assert answer["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    # 部门考勤汇总-2026-10.xlsx
    assert "%E9%83%A8%E9%97%A8%E8%80%83%E5%8B%A4%E6%B1%87%E6%80%BB-2026-10.xlsx" in answer["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert (sheet.title, sheet.freeze_panes) == ("2026-10", "B2")
    assert [cell.value for cell in sheet[1]] == [
        "部门",
        "人数",
        "应出勤人天",
        "正常天数",
        "出勤正常率",
        "迟到次数",
        "迟到时长（分钟）",
        "早退次数",
        "早退时长（分钟）",
        "缺卡次数",
        "旷工天数",
        "工作日加班（小时）",
        "休息日加班（小时）",
        "节假日加班（小时）",
    ]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values == [
        ["总部", 4, 0, 0, 0.0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ["总部 / 研发部", 1, 22, 0, 0.0, 0, 0, 0, 0, 44, 22, 0, 0, 0],
        ["总部 / 研发部 / 前端组", 2, 44, 2, 0.0455, 1, 20, 1, 30, 79, 39, 2.5, 7, 2],
        ["合计", 7, 66, 2, 0.0303, 1, 20, 1, 30, 123, 61, 2.5, 7, 2],
    ]
    (total,) = sheet.iter_rows(min_row=5)
    assert (total[0].font.bold, total[4].number_format, total[11].number_format) == (True, "0.0%", "0.00")
    assert [row[0].fill.fgColor.rgb for row in sheet.iter_rows(min_row=2, max_row=4)] == [
        "00000000",
        "00FFF2CC",
        "00FFF2CC",
    ]


def test_the_csv(staff: dict[str, Employee], org_tree: dict[str, Department], october: None) -> None:
    answer = ApiClient(staff["hr"].user).get(
        "attendance/reports/departments/export", month="2026-10", department_id=str(org_tree["rd"].pk), format="csv"
    )
    assert answer.content.decode("utf-8").splitlines()[1:] == [
        "总部 / 研发部,1,22,0,0.0,0,0,0,0,44,22,0.00,0.00,0.00",
        "总部 / 研发部 / 前端组,2,44,2,0.0455,1,20,1,30,79,39,2.50,7.00,2.00",
        "合计,3,66,2,0.0303,1,20,1,30,123,61,2.50,7.00,2.00",
    ]
