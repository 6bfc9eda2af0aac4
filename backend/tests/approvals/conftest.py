"""A small company and helpers to design templates, submit and act, for the approval scenarios.

总部 HQ (head: 总经理) ─ 财务部 FIN (head: 财务总监; 会计) ─ 研发部 RD (head: 技术总监)
                                                           └─ 前端组 FE (head: 组长; 开发一/二/三)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from officium.approvals.models import Instance, Task
from officium.approvals.services import instances as instance_services
from officium.approvals.services import tasks as task_services
from officium.approvals.services import templates as template_services
from officium.org import services as org
from officium.org.models import Employee

from ..conftest import PASSWORD


@dataclass
class Company:
    people: dict[str, Employee]
    departments: dict[str, Any]

    def __getitem__(self, key: str) -> Employee:
        return self.people[key]


@pytest.fixture
def company(db: Any) -> Company:
    hq = org.department_create(actor=None, name="总部", code="HQ")
    fin = org.department_create(actor=None, name="财务部", code="FIN", parent_id=hq.pk)
    rd = org.department_create(actor=None, name="研发部", code="RD", parent_id=hq.pk)
    fe = org.department_create(actor=None, name="前端组", code="FE", parent_id=rd.pk)
    where = {
        "gm": ("总经理", hq),
        "fd": ("财务总监", fin),
        "acc": ("会计", fin),
        "cto": ("技术总监", rd),
        "lead": ("组长", fe),
        "dev1": ("开发一", fe),
        "dev2": ("开发二", fe),
        "dev3": ("开发三", fe),
        "admin": ("流程管理员", hq),
    }
    people = {}
    for n, (key, (name, department)) in enumerate(where.items(), start=1):
        people[key] = org.employee_create(
            actor=None,
            employee_number=f"A{n:03d}",
            name=name,
            department_id=department.pk,
            username=key,
            password=PASSWORD,
        )
    for department, head in ((hq, "gm"), (fin, "fd"), (rd, "cto"), (fe, "lead")):
        org.department_set_heads(actor=None, department_id=department.pk, employee_ids=[people[head].pk])
    org.role_grant(actor=None, user=people["fd"].user, role_key="finance")
    org.role_grant(actor=None, user=people["acc"].user, role_key="finance")
    org.role_grant(actor=None, user=people["admin"].user, role_key="system_admin")
    for employee in people.values():
        employee.refresh_from_db()
    return Company(people, {"hq": hq, "fin": fin, "rd": rd, "fe": fe})


EXPENSE_FORM = {
    "fields": [
        {"id": "reason", "type": "text", "label": "事由", "required": True},
        {"id": "amount", "type": "money", "label": "金额", "required": True, "min": 0},
        {
            "id": "kind",
            "type": "select",
            "label": "类别",
            "options": [{"value": "travel", "label": "差旅"}, {"value": "other", "label": "其他"}],
        },
        {"id": "note", "type": "textarea", "label": "财务备注"},
    ]
}


def approver(node_id: str, *sources: dict[str, Any], **options: Any) -> dict[str, Any]:
    return {"id": node_id, "type": "approver", "name": node_id, "approvers": list(sources), **options}


def members(*people: Employee) -> dict[str, Any]:
    return {"type": "members", "employees": [str(p.pk) for p in people]}


@pytest.fixture
def make_template(company: Company) -> Callable[..., Any]:
    serial = iter(range(1, 1000))

    def make(nodes: list[dict[str, Any]], *, form: dict[str, Any] | None = None, **settings: Any) -> Any:
        flow: dict[str, Any] = {"nodes": nodes}
        if "start" in settings:
            flow["start"] = settings.pop("start")
        template = template_services.template_create(
            actor=None,
            key=f"t{next(serial)}",
            name="报销",
            form=form or EXPENSE_FORM,
            flow=flow,
            settings=settings,
            admin_ids=[company["admin"].user_id],
        )
        template_services.template_publish(actor=None, template_id=template.pk)
        template.refresh_from_db()
        return template

    return make


def submit(template: Any, who: Employee, data: dict[str, Any] | None = None, **extra: Any) -> Instance:
    data = data or {"reason": "出差", "amount": "1200.00", "kind": "travel"}
    return instance_services.instance_submit(actor=who.user, template_id=template.pk, form_data=data, **extra)


def task_of(instance: Instance, who: Employee) -> Task:
    return Task.objects.get(instance=instance, assignee=who, status=Task.Status.PENDING)


def approve(instance: Instance, who: Employee, **extra: Any) -> Task:
    return task_services.task_approve(actor=who.user, task_id=task_of(instance, who).pk, **extra)


def reject(instance: Instance, who: Employee, **extra: Any) -> Task:
    return task_services.task_reject(actor=who.user, task_id=task_of(instance, who).pk, **extra)


def pending(instance: Instance) -> list[str]:
    """Names of the people with a pending task, sorted."""
    return sorted(
        Task.objects.filter(instance=instance, status=Task.Status.PENDING)
        .exclude(kind=Task.Kind.CC)
        .values_list("assignee__name", flat=True)
    )


def status(instance: Instance) -> str:
    instance.refresh_from_db()
    return instance.status


def timeline(instance: Instance) -> list[str]:
    return list(instance.timeline.values_list("type", flat=True))
