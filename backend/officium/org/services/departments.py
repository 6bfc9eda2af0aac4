"""Writes to the department tree: create, update, move a subtree, set heads, dissolve, delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from officium.core import audit, permissions
from officium.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from officium.core.events import publish
from officium.org.events import DepartmentChanged
from officium.org.models import MAX_DEPTH, Department, DepartmentHead, Employee
from officium.org.permissions import DEPARTMENT_MANAGE
from officium.org.selectors import ACTIVE_STATUSES, data_scope
from officium.org.services import reporting

UNSET: Any = object()


class DepartmentCycle(Conflict):
    code = "department_cycle"
    title = _("A department cannot move under itself or one of its sub-departments")


def _segment(department_id: UUID) -> str:
    return f"{department_id.hex}/"


def _check_scope(actor: Any, department: Department | None) -> None:
    """People manage departments inside their data scope; a new top-level unit needs the whole tree."""
    if actor is None:
        return
    permissions.require(actor, DEPARTMENT_MANAGE)
    scope = data_scope(actor, DEPARTMENT_MANAGE)
    allowed = scope.everything if department is None else scope.covers_department(department)
    if not allowed:
        raise PermissionDenied("This department is outside your data scope.", code="outside_data_scope")


def _locked(department_id: UUID) -> Department:
    try:
        return Department.objects.select_for_update().get(pk=department_id, status=Department.Status.ACTIVE)
    except Department.DoesNotExist:
        raise NotFound("No such department.", code="department_not_found") from None


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationFailed("A department name has 1 to 100 characters.", code="invalid_department_name")
    return name


def _next_order(parent: Department | None) -> int:
    siblings = Department.objects.filter(parent=parent)
    last = siblings.order_by("-order").values_list("order", flat=True).first()
    return 0 if last is None else last + 1


def department_create(
    *, actor: Any, name: str, parent_id: UUID | None = None, code: str | None = None, order: int | None = None
) -> Department:
    with transaction.atomic():
        parent = _locked(parent_id) if parent_id else None
        _check_scope(actor, parent)
        if parent is not None and parent.depth + 1 > MAX_DEPTH:
            raise ValidationFailed(f"The tree is at most {MAX_DEPTH} levels deep.", code="tree_too_deep")
        department = Department(name=_clean_name(name), parent=parent)
        # Every department has a code: spreadsheets identify departments by it.
        department.code = (code or "").strip() or f"D{department.pk.hex[-8:].upper()}"
        department.depth = 0 if parent is None else parent.depth + 1
        department.path = (parent.path if parent else "/") + _segment(department.pk)
        department.order = _next_order(parent) if order is None else order
        try:
            with transaction.atomic():
                department.save(force_insert=True)
        except IntegrityError:
            raise Conflict("Another department already has this code.", code="department_code_taken") from None
        audit.record(
            action="org.department.created",
            actor=actor,
            target=department,
            changes={"name": department.name, "parent": str(parent_id) if parent_id else None, "code": department.code},
        )
        publish(DepartmentChanged(department_id=department.pk, change="created"), durable=True)
    return department


def department_update(
    *, actor: Any, department_id: UUID, name: str = UNSET, code: str | None = UNSET, order: int = UNSET
) -> Department:
    with transaction.atomic():
        department = _locked(department_id)
        _check_scope(actor, department)
        wanted: dict[str, Any] = {}
        if name is not UNSET:
            wanted["name"] = _clean_name(name)
        if code is not UNSET:
            wanted["code"] = (code or "").strip()
            if not wanted["code"]:
                raise ValidationFailed("Every department has a code.", code="invalid_department_code")
        if order is not UNSET:
            wanted["order"] = order
        try:
            with transaction.atomic():
                changes = audit.update_fields(department, wanted, action="org.department.updated", actor=actor)
        except IntegrityError:
            raise Conflict("Another department already has this code.", code="department_code_taken") from None
        if changes:
            publish(DepartmentChanged(department_id=department.pk, change="updated"), durable=True)
    return department


def department_move(
    *, actor: Any, department_id: UUID, parent_id: UUID | None, position: int | None = None
) -> Department:
    """Move a department and everything below it under `parent_id` (None: the top), at `position`
    among its new siblings (default: last)."""
    with transaction.atomic():
        department = _locked(department_id)
        parent = _locked(parent_id) if parent_id else None
        _check_scope(actor, department)
        _check_scope(actor, parent)
        if parent is not None and parent.path.startswith(department.path):
            raise DepartmentCycle(f"{parent.name} lies inside {department.name}.")
        old_path, old_parent_id = department.path, department.parent_id
        new_path = (parent.path if parent else "/") + _segment(department.pk)
        depth_change = (0 if parent is None else parent.depth + 1) - department.depth
        deepest = (
            Department.objects.filter(path__startswith=old_path).order_by("-depth").values_list("depth", flat=True)
        )
        if (deepest.first() or 0) + depth_change > MAX_DEPTH:
            raise ValidationFailed(f"The tree is at most {MAX_DEPTH} levels deep.", code="tree_too_deep")
        if old_path != new_path:
            # The whole subtree in one statement: new prefix + the rest of each path.
            Department.objects.filter(path__startswith=old_path).update(
                path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
                depth=F("depth") + depth_change,
            )
            Department.objects.filter(pk=department.pk).update(parent=parent)
        _place_among_siblings(department.pk, parent, position)
        department.refresh_from_db()
        reporting.recompute(departments=[department])
        audit.record(
            action="org.department.moved",
            actor=actor,
            target=department,
            changes={"parent": [str(old_parent_id) if old_parent_id else None, str(parent_id) if parent_id else None]},
        )
        publish(DepartmentChanged(department_id=department.pk, change="moved"), durable=True)
    return department


def _place_among_siblings(department_id: UUID, parent: Department | None, position: int | None) -> None:
    siblings = list(
        Department.objects.filter(parent=parent, status=Department.Status.ACTIVE)
        .exclude(pk=department_id)
        .order_by("order", "name")
        .values_list("id", flat=True)
    )
    index = len(siblings) if position is None else max(0, min(position, len(siblings)))
    siblings.insert(index, department_id)
    Department.objects.bulk_update(
        [Department(pk=sibling, order=order) for order, sibling in enumerate(siblings)], ["order"]
    )


def department_set_heads(*, actor: Any, department_id: UUID, employee_ids: Sequence[UUID]) -> list[Employee]:
    """Replace the heads (负责人) of a department, in the given order."""
    if len(set(employee_ids)) != len(employee_ids):
        raise ValidationFailed("A person is listed twice.", code="duplicate_heads")
    with transaction.atomic():
        department = _locked(department_id)
        _check_scope(actor, department)
        heads = {e.pk: e for e in Employee.objects.filter(pk__in=employee_ids, status__in=ACTIVE_STATUSES)}
        missing = [str(pk) for pk in employee_ids if pk not in heads]
        if missing:
            raise ValidationFailed(f"Not active employees: {', '.join(missing)}", code="employee_not_found")
        before = list(department.head_links.order_by("order").values_list("employee_id", flat=True))
        if before == list(employee_ids):
            return [heads[pk] for pk in employee_ids]
        department.head_links.all().delete()
        DepartmentHead.objects.bulk_create(
            DepartmentHead(department=department, employee_id=pk, order=order) for order, pk in enumerate(employee_ids)
        )
        reporting.recompute(departments=[department], employees=employee_ids)
        audit.record(
            action="org.department.heads_changed",
            actor=actor,
            target=department,
            changes={"heads": [[str(pk) for pk in before], [str(pk) for pk in employee_ids]]},
        )
        publish(DepartmentChanged(department_id=department.pk, change="heads_changed"), durable=True)
    return [heads[pk] for pk in employee_ids]


def department_dissolve(*, actor: Any, department_id: UUID, move_members_to: UUID) -> Department:
    """Dissolve an empty branch: its people (main and part-time) move to another department first."""
    from officium.org.services.employees import move_members

    with transaction.atomic():
        department = _locked(department_id)
        target = _locked(move_members_to)
        _check_scope(actor, department)
        _check_scope(actor, target)
        if target.path.startswith(department.path):
            raise DepartmentCycle("People cannot move into the department being dissolved.")
        if department.children.filter(status=Department.Status.ACTIVE).exists():
            raise Conflict("Move or dissolve its sub-departments first.", code="department_has_children")
        moved = move_members(actor=actor, source=department, target=target)
        department.head_links.all().delete()
        department.status = Department.Status.DISSOLVED
        department.dissolved_at = timezone.now()
        department.code = None
        department.save(update_fields=["status", "dissolved_at", "code"])
        reporting.recompute(departments=[target], employees=moved)
        audit.record(
            action="org.department.dissolved",
            actor=actor,
            target=department,
            changes={"members_moved_to": str(target.pk), "members_moved": len(moved)},
        )
        publish(DepartmentChanged(department_id=department.pk, change="dissolved"), durable=True)
    return department


def department_delete(*, actor: Any, department_id: UUID) -> None:
    """Delete a department that never had anyone in it (otherwise: dissolve it)."""
    with transaction.atomic():
        try:
            department = Department.objects.select_for_update().get(pk=department_id)
        except Department.DoesNotExist:
            raise NotFound("No such department.", code="department_not_found") from None
        _check_scope(actor, department)
        if department.children.exists():
            raise Conflict("Move or delete its sub-departments first.", code="department_has_children")
        if Employee.objects.filter(main_department=department).exists() or department.secondary_members.exists():
            raise Conflict(
                "People belong to this department: move them first, or dissolve it.", code="department_not_empty"
            )
        audit.record(
            action="org.department.deleted",
            actor=actor,
            target=department,
            changes={"name": department.name, "code": department.code},
        )
        publish(DepartmentChanged(department_id=department.pk, change="deleted"), durable=True)
        department.head_links.all().delete()
        department.delete()
