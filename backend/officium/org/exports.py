"""The organisation as spreadsheet rows, in the import's columns, so that an export imports back unchanged."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from officium.core import permissions
from officium.org import selectors
from officium.org.models import Department, DepartmentHead, Employee
from officium.org.permissions import DEPARTMENT_MANAGE, EMPLOYEE_VIEW

GENDER_TEXT = {"male": "男", "female": "女", "": ""}
STATUS_TEXT = {"active": "在职", "probation": "试用", "resigned": "离职"}


def department_rows(*, actor: Any) -> list[dict[str, str]]:
    permissions.require(actor, DEPARTMENT_MANAGE)
    scope = selectors.data_scope(actor, DEPARTMENT_MANAGE)
    ordered = selectors.active_departments().select_related("parent").order_by("depth", "order")
    departments = [department for department in ordered if scope.covers_department(department)]
    heads: dict[UUID, list[str]] = {}
    for department_id, number in (
        DepartmentHead.objects.filter(department__in=departments)
        .order_by("order")
        .values_list("department_id", "employee__employee_number")
    ):
        heads.setdefault(department_id, []).append(number)
    return [
        {
            "code": d.code or "",
            "name": d.name,
            "parent": d.parent.code if d.parent and d.parent.code else "",
            "order": str(d.order),
            "heads": ",".join(heads.get(d.pk, [])),
        }
        for d in departments
    ]


def employee_rows(*, actor: Any) -> list[dict[str, str]]:
    """Current (not resigned) employees in the actor's view scope."""
    people = (
        selectors.employees_in_scope(actor=actor, code=EMPLOYEE_VIEW)
        .filter(status__in=selectors.ACTIVE_STATUSES)
        .select_related("supervisor")
        .prefetch_related("positions", "secondary_departments")
        .order_by("employee_number")
    )
    return [_employee_row(person) for person in people]


def _employee_row(person: Employee) -> dict[str, str]:
    return {
        "employee_number": person.employee_number,
        "name": person.name,
        "department": _code(person.main_department),
        "mobile": person.user.phone or "",
        "email": person.user.email,
        "gender": GENDER_TEXT[person.gender],
        "hire_date": person.hire_date.isoformat() if person.hire_date else "",
        "first_work_date": person.first_work_date.isoformat() if person.first_work_date else "",
        "status": STATUS_TEXT[person.status],
        "job_title": person.job_title,
        "positions": ",".join(sorted(p.code for p in person.positions.all())),
        "supervisor": person.supervisor.employee_number if person.supervisor else "",
        "secondary_departments": ";".join(sorted(_code(d) for d in person.secondary_departments.all())),
    }


def _code(department: Department) -> str:
    return department.code or ""
