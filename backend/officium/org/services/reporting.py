"""Keeps `Employee.effective_supervisor` true to the rules in `officium.org.supervisors`.

Called inside the transaction of every change that can move a reporting line (a head set, a move,
an explicit supervisor, a join or a departure). A change that would create a reporting loop is
refused and rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.utils.translation import gettext_lazy as _

from officium.core.errors import Conflict
from officium.core.events import publish
from officium.org.events import SupervisorChanged
from officium.org.models import Department, DepartmentHead, Employee
from officium.org.selectors import ACTIVE_STATUSES
from officium.org.supervisors import TreeSnapshot, effective_supervisor, find_cycle


class SupervisorCycle(Conflict):
    code = "supervisor_cycle"
    title = _("This change would make people report to each other in a loop")


def tree_snapshot() -> TreeSnapshot:
    parent_of = dict(Department.objects.values_list("id", "parent_id"))
    heads_of: dict[UUID, list[UUID]] = {}
    links = DepartmentHead.objects.filter(employee__status__in=ACTIVE_STATUSES).order_by("department_id", "order")
    for department_id, employee_id in links.values_list("department_id", "employee_id"):
        heads_of.setdefault(department_id, []).append(employee_id)
    return TreeSnapshot(parent_of=parent_of, heads_of=heads_of)


def recompute(*, employees: Iterable[UUID] | None = None, departments: Iterable[Department] = ()) -> int:
    """Recompute the given employees and everyone whose main department lies in one of the given
    subtrees (all employees when both are empty); returns how many supervisors changed."""
    targets = Employee.objects.all()
    if employees is not None or departments:
        condition_ids = set(employees or ())
        paths = [department.path for department in departments]
        query = Employee.objects.filter(pk__in=condition_ids)
        for path in paths:
            query = query | Employee.objects.filter(main_department__path__startswith=path)
        targets = query
    tree = tree_snapshot()
    active = set(Employee.objects.filter(status__in=ACTIVE_STATUSES).values_list("id", flat=True))
    changed: list[Employee] = []
    rows = targets.values_list("id", "main_department_id", "supervisor_id", "status", "effective_supervisor_id")
    for employee_id, department_id, explicit_id, status, current in rows.distinct():
        new = (
            effective_supervisor(
                employee_id=employee_id,
                department_id=department_id,
                explicit_supervisor_id=explicit_id,
                active=active,
                tree=tree,
            )
            if status in ACTIVE_STATUSES
            else None
        )
        if new != current:
            changed.append(Employee(pk=employee_id, effective_supervisor_id=new))
            publish(
                SupervisorChanged(employee_id=employee_id, old_supervisor_id=current, new_supervisor_id=new),
                durable=True,
            )
    if changed:
        Employee.objects.bulk_update(changed, ["effective_supervisor"], batch_size=500)
        links = dict(Employee.objects.values_list("id", "effective_supervisor_id"))
        loop = find_cycle(links, (employee.pk for employee in changed))
        if loop:
            names = dict(Employee.objects.filter(pk__in=loop).values_list("id", "name"))
            raise SupervisorCycle(" → ".join(names[person] for person in [*loop, loop[0]]))
    return len(changed)
