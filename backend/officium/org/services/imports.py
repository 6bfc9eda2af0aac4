"""Importing departments and employees from a spreadsheet: a dry run with a per-row report, then an
apply that goes through the ordinary services (so it is audited and scoped like any other write).

Only the columns present in the file are applied, and a row equal to what is stored changes nothing,
so importing the same file twice (or a file just exported) writes nothing the second time.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from officium.accounts.validation import normalise_email, normalise_phone
from officium.core import audit, permissions
from officium.core.errors import Conflict, DomainError, NotFound
from officium.org import selectors, spreadsheets
from officium.org.models import Department, DepartmentHead, Employee, OrgImport, Position
from officium.org.permissions import DEPARTMENT_MANAGE, EMPLOYEE_MANAGE
from officium.org.services import departments as department_services
from officium.org.services import employees as employee_services

GENDERS = {"": "", "男": "male", "male": "male", "m": "male", "女": "female", "female": "female", "f": "female"}
STATUSES = {
    "": "",
    "在职": "active",
    "正式": "active",
    "active": "active",
    "试用": "probation",
    "试用期": "probation",
    "probation": "probation",
}
PERMISSION_FOR = {OrgImport.Kind.DEPARTMENTS: DEPARTMENT_MANAGE, OrgImport.Kind.EMPLOYEES: EMPLOYEE_MANAGE}


@dataclass
class RowPlan:
    row: int
    key: str
    action: str = "unchanged"  # create | update | unchanged | error
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)

    def fail(self, column: str, code: str, message: str) -> None:
        self.action = "error"
        self.errors.append({"row": str(self.row), "column": column, "code": code, "message": message})


# --- departments ---------------------------------------------------------------------------------
def _plan_departments(actor: Any, rows: list[tuple[int, dict[str, str]]], columns: set[str]) -> list[RowPlan]:
    existing = {d.code: d for d in Department.objects.filter(status=Department.Status.ACTIVE) if d.code}
    numbers = dict(Employee.objects.filter(status__in=selectors.ACTIVE_STATUSES).values_list("employee_number", "id"))
    heads_now: dict[UUID, list[UUID]] = {}
    for link in DepartmentHead.objects.order_by("order"):
        heads_now.setdefault(link.department_id, []).append(link.employee_id)
    scope = selectors.data_scope(actor, DEPARTMENT_MANAGE) if actor is not None else None
    in_file = {values.get("code", ""): values for _, values in rows}
    plans: list[RowPlan] = []
    seen: set[str] = set()
    for number, values in rows:
        plan = RowPlan(row=number, key=values.get("code", ""))
        code, name = values.get("code", ""), values.get("name", "")
        if not code:
            plan.fail("部门编码", "required", "A department code is required.")
        elif code in seen:
            plan.fail("部门编码", "duplicate_code", f"{code} appears twice in the file.")
        seen.add(code)
        if not name or len(name) > 100:
            plan.fail("部门名称", "required", "A department name has 1 to 100 characters.")
        parent = values.get("parent", "")
        if parent and parent not in existing and parent not in in_file:
            plan.fail("上级部门编码", "unknown_department", f"No department {parent}.")
        if parent and _parent_loop(code, in_file, existing):
            plan.fail("上级部门编码", "department_cycle", "The parents in this file form a loop.")
        order = values.get("order", "")
        if order and not order.isdigit():
            plan.fail("排序", "invalid_order", "Order is a whole number.")
        heads = spreadsheets.split_list(values.get("heads", ""))
        unknown = [n for n in heads if n not in numbers]
        if unknown:
            plan.fail("负责人工号", "unknown_employee", f"No active employee {', '.join(unknown)}.")
        current = existing.get(code)
        if scope is not None and not _department_in_scope(scope, current, parent, existing):
            plan.fail("部门编码", "outside_data_scope", "This department is outside your data scope.")
        plan.values = {"code": code, "name": name, "parent": parent, "order": order, "heads": heads}
        if plan.action == "error":
            pass
        elif current is None:
            plan.action = "create"
        elif _department_differs(current, plan.values, columns, heads_now, numbers):
            plan.action = "update"
        plans.append(plan)
    return plans


def _parent_loop(code: str, in_file: dict[str, dict[str, str]], existing: dict[str, Department]) -> bool:
    seen = {code}
    parent = in_file.get(code, {}).get("parent", "")
    while parent:
        if parent in seen:
            return True
        seen.add(parent)
        if parent in in_file:
            parent = in_file[parent].get("parent", "")
        elif parent in existing:
            grandparent = existing[parent].parent
            parent = grandparent.code or "" if grandparent is not None else ""
        else:
            return False
    return False


def _department_in_scope(
    scope: selectors.DataScope, current: Department | None, parent: str, existing: dict[str, Department]
) -> bool:
    if current is not None and not scope.covers_department(current):
        return False
    if parent in existing:
        return scope.covers_department(existing[parent])
    return scope.everything or bool(parent)


def _department_differs(
    current: Department,
    values: dict[str, Any],
    columns: set[str],
    heads_now: dict[UUID, list[UUID]],
    numbers: dict[str, UUID],
) -> bool:
    return (
        ("name" in columns and values["name"] != current.name)
        or ("parent" in columns and values["parent"] != (current.parent.code if current.parent else ""))
        or ("order" in columns and values["order"] != "" and int(values["order"]) != current.order)
        or ("heads" in columns and [numbers[n] for n in values["heads"]] != heads_now.get(current.pk, []))
    )


def _apply_departments(actor: Any, plans: list[RowPlan], columns: set[str]) -> None:
    by_code = {d.code: d for d in Department.objects.filter(status=Department.Status.ACTIVE) if d.code}
    pending = [plan for plan in plans if plan.action in ("create", "update")]
    # Parents first: keep passing over the rows until each one's parent exists.
    while pending:
        progressed = False
        for plan in list(pending):
            parent_code = plan.values["parent"]
            if parent_code and parent_code not in by_code:
                continue
            parent_id = by_code[parent_code].pk if parent_code else None
            order = int(plan.values["order"]) if plan.values["order"] else None
            if plan.action == "create":
                by_code[plan.key] = department_services.department_create(
                    actor=actor, name=plan.values["name"], code=plan.key, parent_id=parent_id, order=order
                )
            else:
                department = by_code[plan.key]
                changes: dict[str, Any] = {}
                if "name" in columns:
                    changes["name"] = plan.values["name"]
                if "order" in columns and order is not None:
                    changes["order"] = order
                department_services.department_update(actor=actor, department_id=department.pk, **changes)
                if "parent" in columns and department.parent_id != parent_id:
                    department_services.department_move(actor=actor, department_id=department.pk, parent_id=parent_id)
            pending.remove(plan)
            progressed = True
        if not progressed:
            raise Conflict("The parents in this file form a loop.", code="department_cycle")
    if "heads" in columns:
        numbers = dict(Employee.objects.values_list("employee_number", "id"))
        for plan in plans:
            if plan.action in ("create", "update"):
                department_services.department_set_heads(
                    actor=actor,
                    department_id=by_code[plan.key].pk,
                    employee_ids=[numbers[n] for n in plan.values["heads"]],
                )


# --- employees -----------------------------------------------------------------------------------
def _date(value: str) -> datetime.date | None:
    if not value:
        return None
    return datetime.date.fromisoformat(value.replace("/", "-").split(" ")[0])


def _department_resolver() -> Any:
    departments = list(Department.objects.filter(status=Department.Status.ACTIVE))
    by_code = {d.code.lower(): d for d in departments if d.code}
    by_id = {d.pk: d for d in departments}
    by_path: dict[str, Department] = {}
    for department in departments:
        names = [by_id[UUID(hex=i)].name for i in department.ancestor_ids if UUID(hex=i) in by_id]
        by_path["/".join([*names, department.name])] = department

    def resolve(text: str) -> Department | None:
        return by_code.get(text.lower()) or by_path.get("/".join(p.strip() for p in text.split("/")))

    return resolve


def _plan_employees(actor: Any, rows: list[tuple[int, dict[str, str]]], columns: set[str]) -> list[RowPlan]:
    resolve = _department_resolver()
    existing = {
        e.employee_number: e
        for e in Employee.objects.select_related("user", "main_department", "supervisor").prefetch_related(
            "positions", "secondary_departments"
        )
    }
    positions = {p.code.lower(): p for p in Position.objects.all()} | {
        p.name.lower(): p for p in Position.objects.all()
    }
    phones_taken = dict(
        Employee.objects.filter(user__phone__isnull=False).values_list("user__phone", "employee_number")
    )
    numbers_in_file = [values.get("employee_number", "") for _, values in rows]
    scope = selectors.data_scope(actor, EMPLOYEE_MANAGE) if actor is not None else None
    plans: list[RowPlan] = []
    seen_numbers: set[str] = set()
    seen_phones: dict[str, str] = {}
    for number, raw in rows:
        plan = RowPlan(row=number, key=raw.get("employee_number", ""))
        values: dict[str, Any] = {}
        _check_identity(plan, raw, seen_numbers)
        department = resolve(raw.get("department", "")) if raw.get("department") else None
        if department is None:
            plan.fail("部门", "unknown_department", f"No department {raw.get('department', '')!r}.")
        values["department"] = department
        _convert(plan, raw, values, positions, resolve, columns)
        phone = values.get("mobile")
        if phone:
            owner = phones_taken.get(phone)
            if (owner and owner != plan.key) or seen_phones.get(phone, plan.key) != plan.key:
                plan.fail("手机", "duplicate_mobile", f"{phone} belongs to someone else.")
            seen_phones[phone] = plan.key
        supervisor = raw.get("supervisor", "")
        if supervisor and supervisor not in existing and supervisor not in numbers_in_file:
            plan.fail("直属上级工号", "unknown_employee", f"No employee {supervisor}.")
        if supervisor and supervisor == plan.key:
            plan.fail("直属上级工号", "invalid_supervisor", "Nobody reports to themselves.")
        values["supervisor"] = supervisor
        current = existing.get(plan.key)
        if current is not None and current.status == Employee.Status.RESIGNED:
            plan.fail("工号", "employee_resigned", "This employee has left.")
        if scope is not None and not all(
            scope.covers_department(d) for d in (department, current.main_department if current else None) if d
        ):
            plan.fail("部门", "outside_data_scope", "This department is outside your data scope.")
        plan.values = values
        if plan.action == "error":
            pass
        elif current is None:
            plan.action = "create"
        elif _employee_changes(current, values, columns):
            plan.action = "update"
        plans.append(plan)
    return plans


def _check_identity(plan: RowPlan, raw: dict[str, str], seen_numbers: set[str]) -> None:
    number, name = raw.get("employee_number", ""), raw.get("name", "")
    if not employee_services.EMPLOYEE_NUMBER.match(number):
        plan.fail("工号", "invalid_employee_number", "Letters, digits, dots, dashes or underscores (1 to 50).")
    elif number in seen_numbers:
        plan.fail("工号", "duplicate_employee_number", f"{number} appears twice in the file.")
    seen_numbers.add(number)
    if not name or len(name) > 100:
        plan.fail("姓名", "required", "A name has 1 to 100 characters.")


def _convert(
    plan: RowPlan,
    raw: dict[str, str],
    values: dict[str, Any],
    positions: dict[str, Position],
    resolve: Any,
    columns: set[str],
) -> None:
    values["name"] = " ".join(raw.get("name", "").split())
    values["job_title"] = raw.get("job_title", "")[:100]
    try:
        values["mobile"] = normalise_phone(raw.get("mobile", "")) if raw.get("mobile") else None
    except DomainError:
        plan.fail("手机", "invalid_phone", f"{raw.get('mobile')!r} is not a mobile number.")
    try:
        values["email"] = normalise_email(raw.get("email", ""))
    except DomainError:
        plan.fail("邮箱", "invalid_email", f"{raw.get('email')!r} is not an email address.")
    gender = raw.get("gender", "").lower()
    if gender not in GENDERS:
        plan.fail("性别", "invalid_gender", "男 or 女 (male or female).")
    values["gender"] = GENDERS.get(gender, "")
    status = raw.get("status", "").lower()
    if status not in STATUSES:
        plan.fail("状态", "invalid_status", "在职 or 试用 (active or probation).")
    values["status"] = STATUSES.get(status, "") or "active"
    for key, column in (("hire_date", "入职日期"), ("first_work_date", "参加工作日期")):
        try:
            values[key] = _date(raw.get(key, ""))
        except ValueError:
            plan.fail(column, "invalid_date", f"{raw.get(key)!r}: write dates as 2024-03-01.")
    found_positions = []
    for wanted in spreadsheets.split_list(raw.get("positions", "")):
        if wanted.lower() in positions:
            found_positions.append(positions[wanted.lower()])
        else:
            plan.fail("岗位", "unknown_position", f"No position {wanted!r}.")
    values["positions"] = found_positions
    secondary = []
    for wanted in spreadsheets.split_list(raw.get("secondary_departments", "")):
        department = resolve(wanted)
        if department is None:
            plan.fail("兼职部门", "unknown_department", f"No department {wanted!r}.")
        else:
            secondary.append(department)
    values["secondary_departments"] = secondary


def _employee_changes(current: Employee, values: dict[str, Any], columns: set[str]) -> dict[str, Any]:
    """The service arguments for what differs, restricted to the columns in the file."""
    stored = {
        "name": current.name,
        "job_title": current.job_title,
        "mobile": current.user.phone,
        "email": current.user.email,
        "gender": current.gender,
        "status": current.status,
        "hire_date": current.hire_date,
        "first_work_date": current.first_work_date,
        "department": current.main_department,
        "positions": sorted(p.pk for p in current.positions.all()),
        "secondary_departments": sorted(d.pk for d in current.secondary_departments.all()),
        "supervisor": current.supervisor.employee_number if current.supervisor else "",
    }
    wanted = {
        **values,
        "positions": sorted(p.pk for p in values["positions"]),
        "secondary_departments": sorted(d.pk for d in values["secondary_departments"]),
    }
    argument = {
        "department": "department_id",
        "positions": "position_ids",
        "secondary_departments": "secondary_department_ids",
        "supervisor": "supervisor_id",
    }
    changes: dict[str, Any] = {}
    for key in stored:
        if key in columns and wanted[key] != stored[key]:
            changes[argument.get(key, key)] = wanted[key]
    return changes


def _apply_employees(actor: Any, plans: list[RowPlan], columns: set[str]) -> None:
    existing = {e.employee_number: e for e in Employee.objects.select_related("user", "main_department", "supervisor")}
    for plan in plans:
        if plan.action != "create":
            continue
        values = plan.values
        existing[plan.key] = employee_services.employee_create(
            actor=actor,
            employee_number=plan.key,
            name=values["name"],
            department_id=values["department"].pk,
            mobile=values.get("mobile"),
            email=values.get("email", ""),
            gender=values["gender"],
            hire_date=values.get("hire_date"),
            first_work_date=values.get("first_work_date"),
            status=values["status"],
            job_title=values["job_title"],
            position_ids=[p.pk for p in values["positions"]],
            secondary_department_ids=[d.pk for d in values["secondary_departments"]],
        )
    for plan in plans:
        if plan.action not in ("create", "update"):
            continue
        current = (
            Employee.objects.select_related("user", "main_department", "supervisor")
            .prefetch_related("positions", "secondary_departments")
            .get(employee_number=plan.key)
        )
        changes = _employee_changes(current, plan.values, columns)
        if "department_id" in changes:
            changes["department_id"] = changes["department_id"].pk
        for key in ("position_ids", "secondary_department_ids"):
            if key in changes:
                changes[key] = list(changes[key])
        if "supervisor_id" in changes:
            number = changes["supervisor_id"]
            changes["supervisor_id"] = existing[number].pk if number else None
        if changes:
            employee_services.employee_update(actor=actor, employee_id=current.pk, **changes)


# --- the two steps ---------------------------------------------------------------------------------
PLANNERS = {OrgImport.Kind.DEPARTMENTS: _plan_departments, OrgImport.Kind.EMPLOYEES: _plan_employees}
APPLIERS = {OrgImport.Kind.DEPARTMENTS: _apply_departments, OrgImport.Kind.EMPLOYEES: _apply_employees}
COLUMNS = {
    OrgImport.Kind.DEPARTMENTS: spreadsheets.DEPARTMENT_COLUMNS,
    OrgImport.Kind.EMPLOYEES: spreadsheets.EMPLOYEE_COLUMNS,
}


def _report(plans: list[RowPlan]) -> dict[str, Any]:
    counts = dict.fromkeys(("create", "update", "unchanged", "error"), 0)
    for plan in plans:
        counts[plan.action] += 1
    return {
        "summary": counts,
        "rows": [{"row": plan.row, "key": plan.key, "action": plan.action} for plan in plans],
        "errors": [error for plan in plans for error in plan.errors],
    }


def import_check(*, actor: Any, kind: str, file_name: str, content: bytes) -> OrgImport:
    """Read the file and report, row by row, what applying it would do. Nothing else changes."""
    permissions.require(actor, PERMISSION_FOR[OrgImport.Kind(kind)])
    sheet = spreadsheets.read(content, file_name, COLUMNS[OrgImport.Kind(kind)])
    columns = {key for _, values in sheet.rows for key in values}
    plans = PLANNERS[OrgImport.Kind(kind)](actor, sheet.rows, columns)
    with transaction.atomic():
        record = OrgImport.objects.create(
            kind=kind,
            file_name=file_name[:255],
            file_sha256=hashlib.sha256(content).hexdigest(),
            rows=[{"row": number, "values": values} for number, values in sheet.rows],
            report=_report(plans),
            created_by=actor,
        )
        audit.record(
            action="org.import.checked",
            actor=actor,
            target=record,
            changes={"kind": kind, "file": record.file_name, "sha256": record.file_sha256, **record.report["summary"]},
        )
    return record


def import_for(*, actor: Any, import_id: UUID, kind: str) -> OrgImport:
    """An import is visible to the person who uploaded it, while they may still import that kind."""
    permissions.require(actor, PERMISSION_FOR[OrgImport.Kind(kind)])
    try:
        return OrgImport.objects.get(pk=import_id, kind=kind, created_by=actor)
    except OrgImport.DoesNotExist:
        raise NotFound("No such import.", code="import_not_found") from None


def import_apply(*, actor: Any, import_id: UUID, kind: str, only_valid: bool = False) -> OrgImport:
    """Apply a checked import, re-checked against the current state, in one transaction."""
    with transaction.atomic():
        record = import_for(actor=actor, import_id=import_id, kind=kind)
        record = OrgImport.objects.select_for_update().get(pk=record.pk)
        if record.status == OrgImport.Status.APPLIED:
            raise Conflict("This import has been applied already.", code="import_applied")
        rows = [(item["row"], item["values"]) for item in record.rows]
        columns = {key for _, values in rows for key in values}
        plans = PLANNERS[OrgImport.Kind(record.kind)](actor, rows, columns)
        report = _report(plans)
        if report["summary"]["error"] and not only_valid:
            raise Conflict(
                "Some rows have errors: fix the file, or apply only the valid rows.",
                code="import_has_errors",
                errors=report["errors"],
            )
        APPLIERS[OrgImport.Kind(record.kind)](actor, [p for p in plans if p.action != "error"], columns)
        record.report = {**report, "applied": True, "only_valid": only_valid}
        record.status = OrgImport.Status.APPLIED
        record.applied_at = timezone.now()
        record.save(update_fields=["report", "status", "applied_at"])
        audit.record(
            action="org.import.applied",
            actor=actor,
            target=record,
            changes={"kind": record.kind, "only_valid": only_valid, **report["summary"]},
        )
    return record
