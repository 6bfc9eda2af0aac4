"""Importing and exporting the organisation: dry run, per-row errors, idempotent apply, round trips."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from officium.core.models import AuditEvent
from officium.org.models import Department, Employee

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db

EMPLOYEES_CSV = (
    "工号,姓名,部门,手机,邮箱,性别,入职日期,状态,职务,直属上级工号\n"
    "N001,赵敏,RD-FE,13900000101,zhaomin@example.test,女,2024-03-01,试用,前端工程师,N002\n"
    "N002,钱程,总部/研发部,13900000102,,男,2020/05/06,在职,架构师,\n"
)


def _xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_dry_run_reports_what_would_happen_and_changes_nothing(staff: dict[str, Any]) -> None:
    client = ApiClient(staff["hr"].user)
    checked = client.upload("org/imports/employees", "员工.csv", ("\ufeff" + EMPLOYEES_CSV).encode("utf-8"))
    assert checked.status_code == 201
    body = checked.json()
    assert (body["status"], body["summary"]) == ("checked", {"create": 2, "update": 0, "unchanged": 0, "error": 0})
    assert [(r["row"], r["key"], r["action"]) for r in body["rows"]] == [(2, "N001", "create"), (3, "N002", "create")]
    assert not Employee.objects.filter(employee_number__in=["N001", "N002"]).exists()


def test_apply_creates_the_people_and_a_second_import_changes_nothing(staff: dict[str, Any]) -> None:
    client = ApiClient(staff["hr"].user)
    first = client.upload("org/imports/employees", "员工.csv", EMPLOYEES_CSV.encode())
    applied = client.post(f"org/imports/employees/{first.json()['id']}/apply", {"only_valid": False})
    assert applied.status_code == 200
    assert applied.json()["status"] == "applied"
    zhao = Employee.objects.get(employee_number="N001")
    assert (zhao.name, zhao.gender, zhao.status, zhao.main_department.name, zhao.supervisor.name) == (
        "赵敏",
        "female",
        "probation",
        "前端组",
        "钱程",
    )
    assert zhao.hire_date.isoformat() == "2024-03-01"
    assert Employee.objects.get(employee_number="N002").hire_date.isoformat() == "2020-05-06"
    writes = AuditEvent.objects.exclude(action__startswith="org.import.").count()
    again = client.upload("org/imports/employees", "员工.csv", EMPLOYEES_CSV.encode())
    assert again.json()["summary"] == {"create": 0, "update": 0, "unchanged": 2, "error": 0}
    client.post(f"org/imports/employees/{again.json()['id']}/apply", {"only_valid": False})
    assert AuditEvent.objects.exclude(action__startswith="org.import.").count() == writes


def test_bad_rows_are_reported_per_cell_and_block_the_apply(staff: dict[str, Any]) -> None:
    content = (
        "工号,姓名,部门,手机,性别,入职日期,直属上级工号\n"
        "G1,好人,RD-FE,13900000201,女,2024-01-01,\n"
        "G2,,NOPE,12345,火星,2024-13-40,ZZZ\n"
        "G3,撞号,RD-FE,13900000201,,,\n"
        "G1,重复,RD-FE,,,,\n"
    ).encode()
    client = ApiClient(staff["hr"].user)
    body = client.upload("org/imports/employees", "bad.csv", content).json()
    assert body["summary"] == {"create": 1, "update": 0, "unchanged": 0, "error": 3}
    assert [(e["row"], e["column"], e["code"]) for e in body["errors"]] == [
        ("3", "姓名", "required"),
        ("3", "部门", "unknown_department"),
        ("3", "手机", "invalid_phone"),
        ("3", "性别", "invalid_gender"),
        ("3", "入职日期", "invalid_date"),
        ("3", "直属上级工号", "unknown_employee"),
        ("4", "手机", "duplicate_mobile"),
        ("5", "工号", "duplicate_employee_number"),
    ]
    blocked = client.post(f"org/imports/employees/{body['id']}/apply", {"only_valid": False})
    assert (blocked.status_code, blocked.json()["code"]) == (409, "import_has_errors")
    assert not Employee.objects.filter(employee_number="G1").exists()
    report = client.get(f"org/imports/employees/{body['id']}/errors.csv")
    assert report["Content-Type"] == "text/csv; charset=utf-8"
    lines = report.content.decode("utf-8").splitlines()
    assert lines[0] == "\ufeff行号,列,错误代码,说明"
    assert len(lines) == 9
    partial = client.post(f"org/imports/employees/{body['id']}/apply", {"only_valid": True})
    assert partial.status_code == 200
    assert list(Employee.objects.filter(employee_number="G1").values_list("name", flat=True)) == ["好人"]


def test_an_export_imports_back_unchanged_in_both_formats(staff: dict[str, Any]) -> None:
    client = ApiClient(staff["hr"].user)
    for file_format, name in (("xlsx", "employees.xlsx"), ("csv", "employees.csv")):
        exported = client.get("org/exports/employees", format=file_format)
        assert exported.status_code == 200
        assert exported["Content-Disposition"] == f"attachment; filename*=UTF-8''{name}"
        body = client.upload("org/imports/employees", name, exported.content).json()
        assert body["summary"] == {"create": 0, "update": 0, "unchanged": 7, "error": 0}
    departments = client.get("org/exports/departments", format="csv")
    assert departments.content.startswith("\ufeff部门编码,部门名称,上级部门编码,排序,负责人工号".encode())
    body = client.upload("org/imports/departments", "departments.csv", departments.content).json()
    assert body["summary"] == {"create": 0, "update": 0, "unchanged": 4, "error": 0}


def test_chinese_text_round_trips_through_xlsx(staff: dict[str, Any]) -> None:
    exported = ApiClient(staff["hr"].user).get("org/exports/employees", format="xlsx")
    sheet = load_workbook(io.BytesIO(exported.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("工号", "姓名", "部门")
    assert {row[1] for row in rows[1:]} >= {"李娜", "张伟", "王芳"}


def test_departments_import_creates_a_tree_with_heads_in_parent_order(staff: dict[str, Any]) -> None:
    content = _xlsx(
        [
            ["部门编码", "部门名称", "上级部门编码", "排序", "负责人工号"],
            ["OPS-1", "运营一组", "OPS", "1", staff["employee"].employee_number],
            ["OPS", "运营部", "HQ", "5", ""],
        ]
    )
    client = ApiClient(staff["hr"].user)
    body = client.upload("org/imports/departments", "部门.xlsx", content).json()
    assert body["summary"] == {"create": 2, "update": 0, "unchanged": 0, "error": 0}
    client.post(f"org/imports/departments/{body['id']}/apply", {"only_valid": False})
    team = Department.objects.get(code="OPS-1")
    assert (team.parent.code, team.depth, team.order) == ("OPS", 2, 1)
    assert list(team.head_links.values_list("employee__name", flat=True)) == ["李娜"]


def test_a_loop_of_parents_in_the_file_is_refused(staff: dict[str, Any]) -> None:
    content = "部门编码,部门名称,上级部门编码\nX1,甲,X2\nX2,乙,X1\n".encode()
    body = ApiClient(staff["hr"].user).upload("org/imports/departments", "loop.csv", content).json()
    assert [e["code"] for e in body["errors"]] == ["department_cycle", "department_cycle"]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("notes.txt", b"hello", "unsupported_file_type"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "unreadable_file"),
        ("empty.csv", b"", "empty_file"),
        ("headers.csv", "姓名,部门\n张三,HQ\n".encode(), "missing_columns"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(staff: dict[str, Any], name: str, content: bytes, code: str) -> None:
    response = ApiClient(staff["hr"].user).upload("org/imports/employees", name, content)
    assert response.status_code in (400, 422)
    assert response.json()["code"] == code


def test_imports_are_private_to_their_uploader(staff: dict[str, Any]) -> None:
    body = ApiClient(staff["hr"].user).upload("org/imports/employees", "e.csv", EMPLOYEES_CSV.encode()).json()
    response = ApiClient(staff["admin"].user).get(f"org/imports/employees/{body['id']}")
    assert (response.status_code, response.json()["code"]) == (404, "import_not_found")


def test_rows_outside_the_importers_scope_are_errors(staff: dict[str, Any], org_tree: dict[str, Any]) -> None:
    from officium.org import services as org

    lina = staff["employee"].user
    org.role_grant(actor=None, user=lina, role_key="hr", scope="custom", department_ids=[org_tree["sales"].pk])
    content = "工号,姓名,部门\nS9,销售新人,SALES\nS10,研发新人,RD\n".encode()
    body = ApiClient(lina).upload("org/imports/employees", "scope.csv", content).json()
    assert [(e["row"], e["code"]) for e in body["errors"]] == [("3", "outside_data_scope")]
