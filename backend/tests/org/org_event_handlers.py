"""Handlers of the organisation's events that exist only for the tests (they make durable events visible)."""

from __future__ import annotations

from officium.core.events import subscribe
from officium.org.events import DepartmentChanged, EmployeeJoined, EmployeeLeft, EmployeeMoved, SupervisorChanged

seen: list[object] = []


@subscribe(EmployeeJoined)
def on_joined(event: EmployeeJoined) -> None:
    seen.append(event)


@subscribe(EmployeeLeft)
def on_left(event: EmployeeLeft) -> None:
    seen.append(event)


@subscribe(EmployeeMoved)
def on_moved(event: EmployeeMoved) -> None:
    seen.append(event)


@subscribe(SupervisorChanged)
def on_supervisor_changed(event: SupervisorChanged) -> None:
    seen.append(event)


@subscribe(DepartmentChanged)
def on_department_changed(event: DepartmentChanged) -> None:
    seen.append(event)
