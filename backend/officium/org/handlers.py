"""Reactions to the organisation's own events."""

from __future__ import annotations

from officium.core import realtime
from officium.core.events import subscribe
from officium.org.events import DepartmentChanged, EmployeeJoined, EmployeeLeft, EmployeeMoved

ORG_CHANGED = {"type": "changed", "topics": ["org"]}


@subscribe(DepartmentChanged)
def refresh_tree_after_department_change(event: DepartmentChanged) -> None:
    realtime.broadcast(ORG_CHANGED)


@subscribe(EmployeeJoined)
def refresh_tree_after_join(event: EmployeeJoined) -> None:
    realtime.broadcast(ORG_CHANGED)


@subscribe(EmployeeLeft)
def refresh_tree_after_departure(event: EmployeeLeft) -> None:
    realtime.broadcast(ORG_CHANGED)


@subscribe(EmployeeMoved)
def refresh_tree_after_move(event: EmployeeMoved) -> None:
    realtime.broadcast(ORG_CHANGED)
