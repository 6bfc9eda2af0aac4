"""Writes about people: joining, editing, moving, bulk actions, and leaving with a handover."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction

from officium.accounts import services as accounts
from officium.accounts.models import User
from officium.core import audit, permissions
from officium.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from officium.core.events import publish
from officium.org.events import EmployeeJoined, EmployeeLeft, EmployeeMoved
from officium.org.models import Department, DepartmentHead, Employee, Position
from officium.org.permissions import EMPLOYEE_MANAGE
from officium.org.pinyin import full_and_initials
from officium.org.selectors import ACTIVE_STATUSES, data_scope
from officium.org.services import reporting
from officium.org.services.departments import UNSET

EMPLOYEE_NUMBER = re.compile(r"^[A-Za-z0-9._-]{1,50}$")
EDITABLE_STATUSES = (Employee.Status.ACTIVE, Employee.Status.PROBATION)
UPDATABLE_FIELDS = [
    "name",
    "name_pinyin",
    "pinyin_initials",
    "employee_number",
    "gender",
    "hire_date",
    "first_work_date",
    "status",
    "job_title",
    "main_department",
    "supervisor",
    "search_text",
    "updated_at",
]


def _check_scope(actor: Any, *departments: Department) -> None:
    """People manage employees of departments inside their data scope (`actor=None`: the operator)."""
    if actor is None:
        return
    permissions.require(actor, EMPLOYEE_MANAGE)
    scope = data_scope(actor, EMPLOYEE_MANAGE)
    if not all(scope.covers_department(department) for department in departments):
        raise PermissionDenied("This department is outside your data scope.", code="outside_data_scope")


def _department(department_id: UUID) -> Department:
    try:
        return Department.objects.get(pk=department_id, status=Department.Status.ACTIVE)
    except Department.DoesNotExist:
        raise ValidationFailed("No such department.", code="department_not_found") from None


def _departments(ids: Sequence[UUID]) -> list[Department]:
    found = list(Department.objects.filter(pk__in=ids, status=Department.Status.ACTIVE))
    if len(found) != len(set(ids)):
        raise ValidationFailed("No such department.", code="department_not_found")
    return found


def _positions(ids: Sequence[UUID]) -> list[Position]:
    found = list(Position.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationFailed("No such position.", code="position_not_found")
    return found


def _active_employee(employee_id: UUID, *, what: str = "supervisor") -> Employee:
    try:
        return Employee.objects.get(pk=employee_id, status__in=ACTIVE_STATUSES)
    except Employee.DoesNotExist:
        raise ValidationFailed(f"The {what} is not an active employee.", code=f"invalid_{what}") from None


def _clean_number(number: str) -> str:
    number = number.strip()
    if not EMPLOYEE_NUMBER.match(number):
        raise ValidationFailed(
            "An employee number has 1 to 50 letters, digits, dots, dashes or underscores.",
            code="invalid_employee_number",
        )
    return number


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise ValidationFailed("A name has 1 to 100 characters.", code="invalid_name")
    return name


def search_text(employee: Employee, phone: str | None) -> str:
    """What the contacts box matches: name, pinyin, initials, number, and the mobile with and without +86."""
    parts = [employee.name, employee.name_pinyin, employee.pinyin_initials, employee.employee_number]
    if phone:
        parts += [phone, phone.removeprefix("+86")]
    return " ".join(part.lower() for part in parts if part)[:600]


def _apply_name(employee: Employee, name: str) -> None:
    employee.name = _clean_name(name)
    employee.name_pinyin, employee.pinyin_initials = full_and_initials(employee.name)


def _unique_username(name_pinyin: str, employee_number: str) -> str:
    base = re.sub(r"[^a-z0-9]", "", name_pinyin) or re.sub(r"[^a-z0-9]", "", employee_number.lower()) or "user"
    candidate, suffix = base[:140], 2
    while User.objects.filter(username=candidate).exists():
        candidate, suffix = f"{base[:140]}{suffix}", suffix + 1
    return candidate


def employee_create(
    *,
    actor: Any,
    employee_number: str,
    name: str,
    department_id: UUID,
    mobile: str | None = None,
    email: str = "",
    gender: str = "",
    hire_date: datetime.date | None = None,
    first_work_date: datetime.date | None = None,
    status: str = Employee.Status.ACTIVE,
    job_title: str = "",
    position_ids: Sequence[UUID] = (),
    secondary_department_ids: Sequence[UUID] = (),
    supervisor_id: UUID | None = None,
    username: str | None = None,
    password: str | None = None,
) -> Employee:
    """A new employee with an account (which cannot sign in until it has a password or SSO)."""
    department = _department(department_id)
    _check_scope(actor, department)
    if status not in EDITABLE_STATUSES:
        raise ValidationFailed("A new employee is active or on probation.", code="invalid_status")
    if gender not in Employee.Gender.values:
        raise ValidationFailed("Unknown gender.", code="invalid_gender")
    employee = Employee(
        employee_number=_clean_number(employee_number),
        main_department=department,
        gender=gender,
        hire_date=hire_date,
        first_work_date=first_work_date,
        status=status,
        job_title=job_title.strip()[:100],
    )
    _apply_name(employee, name)
    with transaction.atomic():
        if supervisor_id is not None:
            employee.supervisor = _active_employee(supervisor_id)
        if Employee.objects.filter(employee_number=employee.employee_number).exists():
            raise Conflict("Another employee has this employee number.", code="employee_number_taken")
        user = accounts.user_create(
            actor=actor,
            username=username or _unique_username(employee.name_pinyin, employee.employee_number),
            password=password,
            display_name=employee.name,
            email=email,
            phone=mobile,
        )
        employee.user = user
        employee.search_text = search_text(employee, user.phone)
        try:
            with transaction.atomic():
                employee.save(force_insert=True)
        except IntegrityError:
            raise Conflict("Another employee has this employee number.", code="employee_number_taken") from None
        employee.positions.set(_positions(position_ids))
        employee.secondary_departments.set(_departments(secondary_department_ids))
        reporting.recompute(employees=[employee.pk])
        audit.record(
            action="org.employee.created",
            actor=actor,
            target=employee,
            changes={
                "employee_number": employee.employee_number,
                "name": employee.name,
                "department": str(department.pk),
                "status": employee.status,
            },
        )
        publish(EmployeeJoined(employee_id=employee.pk, user_id=user.pk, department_id=department.pk), durable=True)
    employee.refresh_from_db()
    return employee


def _locked(employee_id: UUID) -> Employee:
    try:
        return (
            Employee.objects.select_for_update(of=("self",))
            .select_related("main_department", "user")
            .get(pk=employee_id)
        )
    except Employee.DoesNotExist:
        raise NotFound("No such employee.", code="employee_not_found") from None


def employee_update(
    *,
    actor: Any,
    employee_id: UUID,
    name: str = UNSET,
    employee_number: str = UNSET,
    mobile: str | None = UNSET,
    email: str = UNSET,
    gender: str = UNSET,
    hire_date: datetime.date | None = UNSET,
    first_work_date: datetime.date | None = UNSET,
    status: str = UNSET,
    job_title: str = UNSET,
    department_id: UUID = UNSET,
    secondary_department_ids: Sequence[UUID] = UNSET,
    position_ids: Sequence[UUID] = UNSET,
    supervisor_id: UUID | None = UNSET,
) -> Employee:
    """Change what is given; everything else stays. Moves and supervisor changes re-derive reporting lines."""
    with transaction.atomic():
        employee = _locked(employee_id)
        if employee.status == Employee.Status.RESIGNED:
            raise Conflict("This employee has left.", code="employee_resigned")
        old_department = employee.main_department
        _check_scope(actor, old_department)
        before = _snapshot(employee)
        if name is not UNSET:
            _apply_name(employee, name)
        if employee_number is not UNSET:
            employee.employee_number = _clean_number(employee_number)
        if gender is not UNSET:
            if gender not in Employee.Gender.values:
                raise ValidationFailed("Unknown gender.", code="invalid_gender")
            employee.gender = gender
        if hire_date is not UNSET:
            employee.hire_date = hire_date
        if first_work_date is not UNSET:
            employee.first_work_date = first_work_date
        if status is not UNSET:
            if status not in EDITABLE_STATUSES:
                raise ValidationFailed("Use the resignation flow for a departure.", code="invalid_status")
            employee.status = status
        if job_title is not UNSET:
            employee.job_title = job_title.strip()[:100]
        if department_id is not UNSET and department_id != old_department.pk:
            new_department = _department(department_id)
            _check_scope(actor, new_department)
            employee.main_department = new_department
        if supervisor_id is not UNSET:
            if supervisor_id == employee.pk:
                raise ValidationFailed("Nobody reports to themselves.", code="invalid_supervisor")
            employee.supervisor = None if supervisor_id is None else _active_employee(supervisor_id)
        if mobile is not UNSET or email is not UNSET:
            user = accounts.user_set_contact(
                actor=actor,
                user=employee.user,
                email=None if email is UNSET else email,
                phone=None if mobile is UNSET else (mobile or ""),
            )
            employee.user = user
        employee.search_text = search_text(employee, employee.user.phone)
        try:
            with transaction.atomic():
                employee.save(update_fields=UPDATABLE_FIELDS)
        except IntegrityError:
            raise Conflict("Another employee has this employee number.", code="employee_number_taken") from None
        if secondary_department_ids is not UNSET:
            employee.secondary_departments.set(_departments(secondary_department_ids))
        if position_ids is not UNSET:
            employee.positions.set(_positions(position_ids))
        changes = audit.diff(before, _snapshot(employee))
        if not changes:
            return employee
        if {"main_department", "supervisor", "status"} & changes.keys():
            reporting.recompute(employees=[employee.pk], departments=_headed_departments(employee))
        audit.record(action="org.employee.updated", actor=actor, target=employee, changes=changes)
        if "main_department" in changes:
            publish(
                EmployeeMoved(
                    employee_id=employee.pk,
                    from_department_id=old_department.pk,
                    to_department_id=employee.main_department_id,
                ),
                durable=True,
            )
    employee.refresh_from_db()
    return employee


def _snapshot(employee: Employee) -> dict[str, Any]:
    fields = ("name", "employee_number", "gender", "status", "job_title")
    values: dict[str, Any] = {field: getattr(employee, field) for field in fields}
    values.update(
        hire_date=employee.hire_date.isoformat() if employee.hire_date else None,
        first_work_date=employee.first_work_date.isoformat() if employee.first_work_date else None,
        main_department=str(employee.main_department_id),
        supervisor=str(employee.supervisor_id) if employee.supervisor_id else None,
        mobile=employee.user.phone,
        email=employee.user.email,
    )
    if employee.pk and not employee._state.adding:
        values["secondary_departments"] = sorted(
            str(pk) for pk in employee.secondary_departments.values_list("pk", flat=True)
        )
        values["positions"] = sorted(str(pk) for pk in employee.positions.values_list("pk", flat=True))
    return values


def _headed_departments(employee: Employee) -> list[Department]:
    return list(Department.objects.filter(head_links__employee=employee))


def employees_bulk_update(
    *,
    actor: Any,
    employee_ids: Sequence[UUID],
    department_id: UUID = UNSET,
    supervisor_id: UUID | None = UNSET,
    status: str = UNSET,
) -> list[Employee]:
    """The same change for several people at once: all or nothing."""
    if not employee_ids:
        raise ValidationFailed("Choose at least one employee.", code="no_employees")
    changes: dict[str, Any] = {}
    if department_id is not UNSET:
        changes["department_id"] = department_id
    if supervisor_id is not UNSET:
        changes["supervisor_id"] = supervisor_id
    if status is not UNSET:
        changes["status"] = status
    if not changes:
        raise ValidationFailed("Say what to change.", code="nothing_to_change")
    with transaction.atomic():
        return [employee_update(actor=actor, employee_id=pk, **changes) for pk in dict.fromkeys(employee_ids)]


def move_members(*, actor: Any, source: Department, target: Department) -> list[UUID]:
    """Everyone whose main department is `source` moves to `target`; part-time links to `source` end."""
    moved = []
    for employee in Employee.objects.filter(main_department=source).select_for_update():
        employee.main_department = target
        employee.save(update_fields=["main_department", "updated_at"])
        audit.record(
            action="org.employee.updated",
            actor=actor,
            target=employee,
            changes={"main_department": [str(source.pk), str(target.pk)]},
        )
        publish(
            EmployeeMoved(employee_id=employee.pk, from_department_id=source.pk, to_department_id=target.pk),
            durable=True,
        )
        moved.append(employee.pk)
    Employee.secondary_departments.through.objects.filter(department=source).delete()
    return moved


def employee_resign(
    *, actor: Any, employee_id: UUID, resigned_on: datetime.date, successor_id: UUID | None = None
) -> Employee:
    """The employee leaves: their reports and headships pass to the successor (default: their own
    supervisor), other apps hand over tasks and documents on `EmployeeLeft`, and their sessions end."""
    with transaction.atomic():
        employee = _locked(employee_id)
        _check_scope(actor, employee.main_department)
        if employee.status == Employee.Status.RESIGNED:
            raise Conflict("This employee has already left.", code="employee_resigned")
        successor = _successor(employee, successor_id)
        reports = list(Employee.objects.filter(supervisor=employee).values_list("pk", flat=True))
        Employee.objects.filter(supervisor=employee).update(supervisor=successor)
        headed = _headed_departments(employee)
        for link in DepartmentHead.objects.filter(employee=employee):
            already = (
                successor is not None
                and DepartmentHead.objects.filter(department_id=link.department_id, employee=successor).exists()
            )
            if successor is None or already:
                link.delete()
            else:
                link.employee = successor
                link.save(update_fields=["employee"])
        employee.status = Employee.Status.RESIGNED
        employee.resigned_on = resigned_on
        employee.save(update_fields=["status", "resigned_on", "updated_at"])
        reporting.recompute(employees=[employee.pk, *reports], departments=headed)
        accounts.user_deactivate(actor=actor, user=employee.user, reason="resigned")
        audit.record(
            action="org.employee.resigned",
            actor=actor,
            target=employee,
            changes={
                "status": [Employee.Status.ACTIVE, Employee.Status.RESIGNED],
                "resigned_on": resigned_on.isoformat(),
                "successor": str(successor.pk) if successor else None,
                "reports_handed_over": len(reports),
                "headships_handed_over": len(headed),
            },
        )
        publish(
            EmployeeLeft(
                employee_id=employee.pk, user_id=employee.user_id, successor_id=successor.pk if successor else None
            ),
            durable=True,
        )
    return employee


def _successor(employee: Employee, successor_id: UUID | None) -> Employee | None:
    if successor_id is None:
        if employee.effective_supervisor_id is None:
            return None
        return Employee.objects.filter(pk=employee.effective_supervisor_id, status__in=ACTIVE_STATUSES).first()
    if successor_id == employee.pk:
        raise ValidationFailed("Someone else takes over.", code="invalid_successor")
    return _active_employee(successor_id, what="successor")
