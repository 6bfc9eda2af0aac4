"""Approver sources resolved against the organisation at the moment a node is reached."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from officium.approvals.models import Instance, Task
from officium.org import selectors as org
from officium.org.models import Department, Employee, RoleGrant

ACTIVE = org.ACTIVE_STATUSES
MAX_LEVELS = 20


@dataclass
class Context:
    """What sources need to know about the submission."""

    submitter: Employee
    department: Department
    values: Mapping[str, Any]
    chosen: Mapping[str, Sequence[str]] = field(default_factory=dict)  # node id → employee ids
    instance: Instance | None = None


def _active(ids: Sequence[Any]) -> list[Employee]:
    found = {e.pk: e for e in Employee.objects.filter(pk__in=list(ids), status__in=ACTIVE)}
    ordered = []
    for raw in ids:
        key = raw if isinstance(raw, UUID) else _uuid(raw)
        if key in found and found[key] not in ordered:
            ordered.append(found[key])
    return ordered


def _uuid(raw: Any) -> UUID | None:
    try:
        return UUID(str(raw))
    except ValueError:
        return None


def _role_holders(role_key: str) -> list[Employee]:
    users = RoleGrant.objects.filter(role__key=role_key).values_list("user_id", flat=True)
    return list(Employee.objects.filter(user_id__in=users, status__in=ACTIVE).order_by("name_pinyin", "id"))


def _department_for(source: Mapping[str, Any], context: Context) -> Department | None:
    target = source.get("department", "submitter")
    if target == "submitter":
        return context.department
    if isinstance(target, str) and target.startswith("field:"):
        chosen = context.values.get(target.removeprefix("field:")) or []
        key = _uuid(chosen[0]) if chosen else None
        return Department.objects.filter(pk=key, status=Department.Status.ACTIVE).first() if key else None
    key = _uuid(target)
    return Department.objects.filter(pk=key, status=Department.Status.ACTIVE).first() if key else None


def _supervisor_chain(submitter: Employee) -> list[Employee]:
    return org.supervisors(submitter, MAX_LEVELS)


def resolve(source: Mapping[str, Any], context: Context, node_id: str = "") -> list[Employee]:
    """The people one source names, in order (may be empty)."""
    kind = source["type"]
    if kind == "members":
        return _active(source.get("employees", []))
    if kind == "role":
        return _role_holders(source["role"])
    if kind == "position":
        return list(
            Employee.objects.filter(positions__code=source["position"], status__in=ACTIVE).order_by("name_pinyin", "id")
        )
    if kind == "supervisor":
        chain = _supervisor_chain(context.submitter)
        level = int(source.get("level", 1))
        if source.get("from") == "top":
            chain = list(reversed(chain))
        return [chain[level - 1]] if len(chain) >= level else []
    if kind == "continuous_supervisors":
        chain = _supervisor_chain(context.submitter)
        if source.get("up_to_role"):
            holders = {e.pk for e in _role_holders(source["up_to_role"])}
            taken = []
            for person in chain:
                taken.append(person)
                if person.pk in holders:
                    break
            return taken
        return chain[: int(source.get("up_to_level", 1))]
    if kind == "department_head":
        department = _department_for(source, context)
        head = org.department_head(department) if department else None
        return [head] if head else []
    if kind == "submitter_selected":
        return _active(list(context.chosen.get(node_id, [])))
    if kind == "form_field":
        return _active(_field_people(source["field"], context.values))
    if kind == "submitter":
        return [context.submitter]
    if kind == "previous_approver" and context.instance is not None:
        acted = (
            Task.objects.filter(
                instance=context.instance,
                node_run__node_id=source.get("node"),
                status__in=(Task.Status.APPROVED, Task.Status.AUTO_APPROVED),
            )
            .order_by("decided_at")
            .values_list("assignee_id", flat=True)
        )
        return _active(list(acted))
    return []


def _field_people(path: str, values: Mapping[str, Any]) -> list[str]:
    """`owner` (a person field) or `items.owner` (a person column of a detail table: one per row)."""
    if "." in path:
        table, column = path.split(".", 1)
        people: list[str] = []
        for row in values.get(table) or []:
            people += list(row.get(column) or [])
        return people
    return list(values.get(path) or [])


def resolve_all(sources: Sequence[Mapping[str, Any]], context: Context, node_id: str = "") -> list[Employee]:
    people: list[Employee] = []
    for source in sources:
        for person in resolve(source, context, node_id):
            if person not in people:
                people.append(person)
    return people
