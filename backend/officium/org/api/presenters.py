"""Turning organisation models into API shapes with a fixed number of queries."""

from typing import Any

from officium.org import selectors
from officium.org.models import Department, Employee, RoleGrant
from officium.org.permissions import EMPLOYEE_VIEW
from officium.org.roles import BUILTIN_ROLES


def person(employee: Employee | None) -> dict[str, Any] | None:
    if employee is None:
        return None
    return {"id": employee.pk, "name": employee.name, "job_title": employee.job_title}


def ref(obj: Any) -> dict[str, Any]:
    return {"id": obj.pk, "name": obj.name}


def departments(items: list[Department]) -> list[dict[str, Any]]:
    ids = [department.pk for department in items]
    heads = selectors.heads_by_department(ids)
    counts = selectors.department_member_counts(ids)
    return [
        {
            "id": department.pk,
            "name": department.name,
            "code": department.code,
            "parent_id": department.parent_id,
            "order": department.order,
            "depth": department.depth,
            "heads": [person(head) for head in heads.get(department.pk, [])],
            "member_count": counts.get(department.pk, 0),
        }
        for department in items
    ]


def department_detail(department: Department) -> dict[str, Any]:
    [base] = departments([department])
    return {
        **base,
        "path": [ref(ancestor) for ancestor in selectors.ancestors(department)],
        "effective_head": person(selectors.department_head(department)),
    }


def employee_queryset_options(queryset: Any) -> Any:
    return queryset.select_related("main_department", "user", "supervisor", "effective_supervisor").prefetch_related(
        "positions", "secondary_departments"
    )


def employee(item: Employee) -> dict[str, Any]:
    return {
        "id": item.pk,
        "user_id": item.user_id,
        "employee_number": item.employee_number,
        "name": item.name,
        "name_pinyin": item.name_pinyin,
        "username": item.user.username,
        "mobile": item.user.phone,
        "email": item.user.email,
        "gender": item.gender,
        "hire_date": item.hire_date,
        "first_work_date": item.first_work_date,
        "status": item.status,
        "resigned_on": item.resigned_on,
        "department": ref(item.main_department),
        "secondary_departments": [ref(d) for d in item.secondary_departments.all()],
        "positions": [ref(p) for p in item.positions.all()],
        "job_title": item.job_title,
        "supervisor": person(item.supervisor),
        "effective_supervisor": person(item.effective_supervisor),
    }


class ContactPresenter:
    """Knows the phone-masking policy and the viewer's scope once per request."""

    def __init__(self, viewer: Any) -> None:
        self.viewer = viewer
        self.mask_policy = selectors.org_settings().mask_phone_numbers
        # The scope only matters when numbers are masked: skip its queries otherwise.
        self.view_scope = selectors.data_scope(viewer, EMPLOYEE_VIEW) if self.mask_policy else selectors.DataScope()

    def contact(self, item: Employee) -> dict[str, Any]:
        return {
            "id": item.pk,
            "user_id": item.user_id,
            "name": item.name,
            "name_pinyin": item.name_pinyin,
            "department": ref(item.main_department),
            "job_title": item.job_title,
            "mobile": selectors.phone_for(self.viewer, item, mask_policy=self.mask_policy, view_scope=self.view_scope),
            "email": item.user.email,
        }

    def detail(self, item: Employee) -> dict[str, Any]:
        return {
            **self.contact(item),
            "employee_number": item.employee_number,
            "department_path": [ref(d) for d in [*selectors.ancestors(item.main_department), item.main_department]],
            "secondary_departments": [ref(d) for d in item.secondary_departments.filter(status="active")],
            "positions": [ref(p) for p in item.positions.all()],
            "supervisor": person(item.effective_supervisor),
        }


def grant(item: RoleGrant) -> dict[str, Any]:
    return {
        "id": item.pk,
        "user_id": item.user_id,
        "user_name": item.user.name,
        "role": ref(item.role),
        "role_key": item.role.key,
        "scope": item.scope,
        "departments": [ref(d) for d in item.departments.all()],
        "granted_at": item.granted_at,
    }


def role(item: Any) -> dict[str, Any]:
    builtin = BUILTIN_ROLES.get(item.key) if item.is_builtin else None
    return {
        "id": item.pk,
        "key": item.key,
        "name": str(builtin.name) if builtin else item.name,
        "is_builtin": item.is_builtin,
        "permission_codes": sorted(selectors.role_codes(item)),
        "default_scope": builtin.default_scope if builtin else "all",
    }
