"""The monthly report: one row per person in the viewer's scope, as JSON, .xlsx and CSV with a BOM."""

from __future__ import annotations

import datetime
import io
import uuid
from typing import Any

import pytest
from openpyxl import load_workbook

from officium.attendance import reports
from officium.attendance.services import absences
from officium.org.models import Employee

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db

MONTH = datetime.date(2026, 10, 1)
# people, the groups (with places, departments, members and exclusions: five), closed months, stored
# day results, then for the days not stored: punches, make-ups, time away and the calendar of the one
# country in use; overtime
QUERIES = 13


def _row(rows: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(row for row in rows if row["name"] == name)


def test_hr_sees_everyones_month(staff: dict[str, Employee], org_tree: dict[str, Any], october: None) -> None:
    rows = ApiClient(staff["hr"].user).get("attendance/reports/monthly", month="2026-10").json()
    assert {row["name"] for row in rows} == {e.name for e in staff.values()}
    lina = _row(rows, "李娜")
    assert (lina["employee_id"], lina["department_id"]) == (str(staff["employee"].pk), str(org_tree["fe"].pk))
    assert {k: lina[k] for k in lina if k not in ("employee_id", "employee_number", "department_id")} == {
        "name": "李娜",
        "department": "前端组",
        "group": "研发考勤",
        "workdays": 22,
        "normal_days": 1,
        "on_time_rate": round(1 / 22, 4),
        "late_count": 1,
        "late_minutes": 20,
        "forgiven_lates": 0,
        "early_count": 1,
        "early_minutes": 30,
        "missing_slots": 38,
        "absent_days": 19,
        "made_up_slots": 0,
        "overtime": {"workday": "2.50", "rest_day": "4.00", "holiday": "2.00"},
        "leave": {},
    }
    wangfang = _row(rows, "王芳")
    assert [wangfang[k] for k in ("workdays", "normal_days", "late_count", "missing_slots", "absent_days")] == [
        22,
        1,
        0,
        41,
        20,
    ]
    assert wangfang["overtime"] == {"workday": "0.00", "rest_day": "3.00", "holiday": "0.00"}
    zhangwei = _row(rows, "张伟")
    assert [zhangwei[k] for k in ("workdays", "normal_days", "missing_slots", "absent_days")] == [22, 0, 44, 22]
    hr = _row(rows, "陈静")  # in no attendance group: no workdays to judge
    assert (hr["group"], hr["workdays"], hr["on_time_rate"]) == ("", 0, 0.0)


def test_a_department_manager_sees_their_department_only(staff: dict[str, Employee], october: None) -> None:
    rows = ApiClient(staff["manager"].user).get("attendance/reports/monthly", month="2026-10").json()
    assert sorted(row["name"] for row in rows) == ["张伟", "李娜", "王芳"]


def test_a_department_filter(staff: dict[str, Employee], org_tree: dict[str, Any], october: None) -> None:
    rows = (
        ApiClient(staff["hr"].user)
        .get("attendance/reports/monthly", month="2026-10", department_id=str(org_tree["fe"].pk))
        .json()
    )
    assert sorted(row["name"] for row in rows) == ["李娜", "王芳"]


def test_employees_have_no_report(staff: dict[str, Employee]) -> None:
    answer = ApiClient(staff["employee"].user).get("attendance/reports/monthly", month="2026-10")
    assert (answer.status_code, answer.json()["code"]) == (403, "permission_denied")


def test_a_bad_month_is_refused(staff: dict[str, Employee]) -> None:
    answer = ApiClient(staff["hr"].user).get("attendance/reports/monthly", month="2026-13")
    assert (answer.status_code, answer.json()["code"]) == (422, "validation_error")


def test_the_spreadsheet(staff: dict[str, Employee], october: None) -> None:
    answer = ApiClient(staff["hr"].user).get("attendance/reports/monthly/export", month="2026-10")
    assert answer["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "%E8%80%83%E5%8B%A4%E6%9C%88%E6%8A%A5-2026-10.xlsx" in answer["Content-Disposition"]  # 考勤月报
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet.title == "2026-10"
    assert (sheet["A1"].value, sheet["A1"].font.bold, sheet.freeze_panes) == ("工号", True, "C2")
    lina = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == "李娜")
    assert [cell.value for cell in lina[4:9]] == [22, 1, round(1 / 22, 4), 1, 20]
    assert (lina[6].number_format, lina[0].fill.fgColor.rgb) == ("0.0%", "00FFF2CC")
    assert sheet[1][9].value == "豁免迟到（次）"
    assert [cell.value for cell in sheet[1][15:18]] == [
        "工作日加班（小时）",
        "休息日加班（小时）",
        "节假日加班（小时）",
    ]
    assert [(cell.value, cell.number_format) for cell in lina[15:18]] == [(2.5, "0.00"), (4, "0.00"), (2, "0.00")]


def _leave(employee: Employee, leave_type: str, period: dict[str, str]) -> None:
    absences.record_approved(
        approval_id=uuid.uuid4(),
        template_key="leave",
        employee=Employee.objects.select_related("main_department").get(pk=employee.pk),
        form_data={"leave_type": leave_type, "period": period},
    )


def test_leave_by_type(staff: dict[str, Employee], october: None) -> None:
    zhangwei = staff["manager"]
    _leave(zhangwei, "annual", {"start": "2026-10-15", "start_half": "am", "end": "2026-10-15", "end_half": "pm"})
    _leave(zhangwei, "personal", {"start": "2026-10-16", "start_half": "am", "end": "2026-10-16", "end_half": "am"})
    _leave(zhangwei, "sick", {"start": "2026-10-19", "start_half": "pm", "end": "2026-10-20", "end_half": "pm"})
    hr = ApiClient(staff["hr"].user)
    row = _row(hr.get("attendance/reports/monthly", month="2026-10").json(), "张伟")
    assert row["leave"] == {"annual": "1.00", "personal": "0.50", "sick": "1.50"}
    # The 15th and the 20th were away in full; the 16th and 19th are half judged (and absent for that half).
    assert (row["workdays"], row["absent_days"], row["missing_slots"]) == (20, 20, 38)
    sheet = load_workbook(io.BytesIO(hr.get("attendance/reports/monthly/export", month="2026-10").content)).active
    assert [cell.value for cell in sheet[1][18:]] == ["年假（天）", "事假（天）", "病假（天）"]
    zhang = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "张伟")
    assert [cell.value for cell in zhang[18:]] == [1, 0.5, 1.5]
    lina = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "李娜")
    assert [cell.value for cell in lina[18:]] == [0, 0, 0]


def test_the_csv_has_a_bom_and_never_runs_a_formula(staff: dict[str, Employee], october: None) -> None:
    Employee.objects.filter(pk=staff["employee"].pk).update(name="=HYPERLINK(1)")
    answer = ApiClient(staff["hr"].user).get("attendance/reports/monthly/export", month="2026-10", format="csv")
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    text = answer.content.decode("utf-8")
    assert text.startswith("\ufeff工号,姓名,部门")
    assert "'=HYPERLINK(1)" in text


def test_the_month_costs_the_same_number_of_queries_for_more_people(
    staff: dict[str, Employee],
    org_tree: dict[str, Any],
    october: None,
    make_employee: Any,
    django_assert_num_queries: Any,
) -> None:
    hr = staff["hr"].user
    reports.monthly(actor=hr, month=MONTH)  # the viewer's permissions and scope are memoised per request
    with django_assert_num_queries(QUERIES):
        assert len(reports.monthly(actor=hr, month=MONTH)) == 7
    for n in range(5):
        make_employee(f"新人{n}", org_tree["fe"])
    with django_assert_num_queries(QUERIES):
        assert len(reports.monthly(actor=hr, month=MONTH)) == 12
