"""Public events of the organisation app (published durably: attendance, approvals, SCIM and webhooks
must never miss a joiner, leaver or move)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from uuid import UUID

from officium.core.events import Event


@dataclass(frozen=True, kw_only=True)
class EmployeeJoined(Event):
    name: ClassVar[str] = "org.employee_joined"
    employee_id: UUID
    user_id: UUID
    department_id: UUID


@dataclass(frozen=True, kw_only=True)
class EmployeeLeft(Event):
    name: ClassVar[str] = "org.employee_left"
    employee_id: UUID
    user_id: UUID
    successor_id: UUID | None


@dataclass(frozen=True, kw_only=True)
class EmployeeMoved(Event):
    name: ClassVar[str] = "org.employee_moved"
    employee_id: UUID
    from_department_id: UUID
    to_department_id: UUID


@dataclass(frozen=True, kw_only=True)
class SupervisorChanged(Event):
    name: ClassVar[str] = "org.supervisor_changed"
    employee_id: UUID
    old_supervisor_id: UUID | None
    new_supervisor_id: UUID | None


@dataclass(frozen=True, kw_only=True)
class DepartmentChanged(Event):
    """`change` is one of created, updated, moved, heads_changed, dissolved, deleted."""

    name: ClassVar[str] = "org.department_changed"
    department_id: UUID
    change: str
