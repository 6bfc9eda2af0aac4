"""Rosters (排班): which shift each member of a roster group works on each day, edited cell by cell,
a week copied onto another, or a month exchanged as a spreadsheet.

Every edit is all-or-nothing: one bad cell and nothing is saved. The group's row is locked while a
roster is written, so that two administrators' edits follow each other. Days of closed months are
refused; days already settled are recomputed after commit (through a durable event).
"""

from __future__ import annotations

import calendar as months
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from officium.attendance import roster_sheets, selectors
from officium.attendance.events import days_changed
from officium.attendance.models import AttendanceGroup, RosterEntry, Shift
from officium.attendance.permissions import GROUP_MANAGE
from officium.attendance.services import periods
from officium.core import audit, permissions
from officium.core.errors import Conflict, NotFound, ValidationFailed
from officium.core.events import publish
from officium.org.models import Employee

MAX_CELLS = 5000
MAX_DAYS = 62
# Light backgrounds that dark text reads well on; a shift keeps its colour (chosen by its id).
PALETTE = ("DBEAFE", "DCFCE7", "FEF3C7", "FCE7F3", "E0E7FF", "CCFBF1", "FFE4E6", "EDE9FE", "FFEDD5", "E0F2FE")


def shift_color(shift: Shift) -> str:
    return PALETTE[shift.pk.int % len(PALETTE)]


def short_name(shift: Shift) -> str:
    """What fits a cell of the week grid: 早班 → 早, 标准班 → 标准, Night → Ni."""
    name = shift.name.removesuffix("班") or shift.name
    return name[:2]


def shift_hours(shift: Shift) -> str:
    return ", ".join(f"{segment['on']}-{segment['off']}" for segment in shift.segments)


@dataclass(frozen=True)
class Cell:
    employee_id: UUID
    day: datetime.date
    shift_id: UUID | None  # None: a rest day


class NotARosterGroup(Conflict):
    code = "not_a_roster_group"
    title = _("The attendance group is not a roster group")


def check_range(since: datetime.date, until: datetime.date) -> None:
    if until < since or (until - since).days >= MAX_DAYS:
        raise ValidationFailed(f"Ask for 1 to {MAX_DAYS} days.", code="invalid_range")


def _roster_group(actor: Any, group_id: UUID) -> AttendanceGroup:
    """The group, locked; 404 for one the actor may not see, 409 unless it is a roster group."""
    selectors.group(actor=actor, group_id=group_id)
    try:
        group = AttendanceGroup.objects.select_for_update().get(pk=group_id, is_active=True)
    except AttendanceGroup.DoesNotExist:
        raise NotFound("No such attendance group.", code="group_not_found") from None
    if group.kind != AttendanceGroup.Kind.ROSTER:
        raise NotARosterGroup("Set the group's kind to roster first.")
    return group


def _write(
    *,
    actor: Any,
    group: AttendanceGroup,
    planned: Sequence[tuple[UUID, datetime.date, Shift | None]],
    action: str,
    details: dict[str, Any] | None = None,
) -> int:
    """Save the planned cells that change anything (in a transaction holding the group's lock)."""
    if not planned:
        return 0
    days = [day for _, day, _ in planned]
    first, last = min(days), max(days)
    periods.require_open(selectors.day_bounds(first)[0], selectors.day_bounds(last)[0])
    people = {employee_id for employee_id, _, _ in planned}
    existing = {
        (employee_id, day): (group_id, shift_id, shift_name)
        for employee_id, day, group_id, shift_id, shift_name in RosterEntry.objects.filter(
            employee_id__in=people, day__gte=first, day__lte=last
        ).values_list("employee_id", "day", "group_id", "shift_id", "shift__name")
    }
    changed: list[RosterEntry] = []
    log: list[list[Any]] = []
    for employee_id, day, shift in planned:
        current = existing.get((employee_id, day))
        wanted = shift.pk if shift is not None else None
        if (current is None and wanted is None) or (current is not None and current[:2] == (group.pk, wanted)):
            continue
        changed.append(RosterEntry(group=group, employee_id=employee_id, day=day, shift=shift))
        log.append([str(employee_id), day.isoformat(), current[2] if current else None, shift.name if shift else None])
    if changed:
        RosterEntry.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["employee", "day"],
            update_fields=["group", "shift", "updated_at"],
        )
    changes = {**(details or {}), "cells": len(planned), "changed": log}
    audit.record(action=action, actor=actor, target=group, changes=changes)
    if changed:
        touched = sorted({entry.employee_id for entry in changed})
        publish(days_changed(touched, min(e.day for e in changed), max(e.day for e in changed)), durable=True)
    return len(changed)


def _active_shifts(ids: Sequence[UUID | None]) -> dict[UUID, Shift]:
    return {shift.pk: shift for shift in Shift.objects.filter(pk__in={pk for pk in ids if pk}, is_active=True)}


def roster_set(*, actor: Any, group_id: UUID, cells: Sequence[Cell]) -> int:
    """Set these cells of a roster group's plan; returns how many changed. All or nothing: people who
    are not members, unknown or removed shifts and repeated cells are each reported."""
    permissions.require(actor, GROUP_MANAGE)
    if len(cells) > MAX_CELLS:
        raise ValidationFailed(f"At most {MAX_CELLS} cells at once.", code="too_many_cells")
    with transaction.atomic():
        group = _roster_group(actor, group_id)
        members = {person.pk for person in selectors.members_of(group.pk)}
        shifts = _active_shifts([cell.shift_id for cell in cells])
        problems: list[dict[str, str]] = []
        seen: set[tuple[UUID, datetime.date]] = set()
        for index, cell in enumerate(cells):
            if cell.employee_id not in members:
                problems.append(_problem(index, "employee_id", "not_a_member", "Not a member of this group."))
            if cell.shift_id is not None and cell.shift_id not in shifts:
                problems.append(_problem(index, "shift_id", "unknown_shift", "No such shift."))
            if (cell.employee_id, cell.day) in seen:
                problems.append(_problem(index, "day", "duplicate_cell", "This person's day is set twice."))
            seen.add((cell.employee_id, cell.day))
        if problems:
            raise ValidationFailed("Some cells cannot be saved; nothing was.", code="invalid_roster", errors=problems)
        planned = [(c.employee_id, c.day, shifts[c.shift_id] if c.shift_id else None) for c in cells]
        return _write(actor=actor, group=group, planned=planned, action="attendance.roster.set")


def _problem(index: int, field: str, code: str, message: str) -> dict[str, str]:
    return {"pointer": f"/cells/{index}/{field}", "code": code, "message": message}


def roster_copy_week(*, actor: Any, group_id: UUID, from_week: datetime.date, to_week: datetime.date) -> int:
    """Each member's week starting on Monday `from_week` becomes their week starting on `to_week`
    (rest days included); returns how many cells changed."""
    permissions.require(actor, GROUP_MANAGE)
    if from_week.isoweekday() != 1 or to_week.isoweekday() != 1:
        raise ValidationFailed("Weeks start on a Monday.", code="not_a_monday")
    if from_week == to_week:
        raise ValidationFailed("Copy a week onto another week.", code="same_week")
    with transaction.atomic():
        group = _roster_group(actor, group_id)
        members = selectors.members_of(group.pk)
        entries = selectors.roster_entries(
            [person.pk for person in members], since=from_week, until=from_week + datetime.timedelta(days=6)
        )
        planned = []
        for person in members:
            week = entries.get(person.pk, {}).get(group.pk, {})
            for offset in range(7):
                shift = week.get(from_week + datetime.timedelta(days=offset))
                if shift is not None and not shift.is_active:
                    raise ValidationFailed(
                        f"{person.name} works the removed shift {shift.name} that week.", code="unknown_shift"
                    )
                planned.append((person.pk, to_week + datetime.timedelta(days=offset), shift))
        return _write(
            actor=actor,
            group=group,
            planned=planned,
            action="attendance.roster.copy_week",
            details={"from_week": from_week.isoformat(), "to_week": to_week.isoformat()},
        )


def month_days(month: datetime.date) -> list[datetime.date]:
    first = month.replace(day=1)
    return [first + datetime.timedelta(days=n) for n in range(months.monthrange(first.year, first.month)[1])]


def roster_export(*, actor: Any, group_id: UUID, month: datetime.date) -> bytes:
    """The month's roster as the template to fill in (every member, every day)."""
    days = month_days(month)
    view = selectors.roster(actor=actor, group_id=group_id, since=days[0], until=days[-1])
    people = [
        roster_sheets.SheetPerson(
            person.employee_number,
            person.name,
            {day: shift.name if shift else None for day, shift in view.entries[person.pk].items()},
        )
        for person in view.members
    ]
    shifts = [
        roster_sheets.SheetShift(shift.name, shift_hours(shift), shift_color(shift))
        for shift in Shift.objects.filter(is_active=True).order_by("name")
    ]
    return roster_sheets.write(days, people, shifts)


class InvalidRosterFile(ValidationFailed):
    code = "invalid_roster_file"
    title = _("Some cells of the roster cannot be read; nothing was saved")


def roster_import(*, actor: Any, group_id: UUID, content: bytes, file_name: str = "") -> int:
    """Set the cells of a filled-in template; every bad cell is reported (row, column) and then
    nothing is saved. Returns how many cells changed."""
    permissions.require(actor, GROUP_MANAGE)
    sheet = roster_sheets.read(content)
    with transaction.atomic():
        group = _roster_group(actor, group_id)
        members = {person.employee_number: person for person in selectors.members_of(group.pk)}
        numbers = {cell.employee_number for cell in sheet.cells}
        known = set(Employee.objects.filter(employee_number__in=numbers).values_list("employee_number", flat=True))
        shifts = {shift.name: shift for shift in Shift.objects.filter(is_active=True)}
        problems = list(sheet.problems)
        reported: set[int] = set()
        planned = []
        for cell in sheet.cells:
            person = members.get(cell.employee_number)
            if person is None:
                if cell.row not in reported:
                    reported.add(cell.row)
                    code, message = (
                        ("not_a_member", "Not a member of this group.")
                        if cell.employee_number in known
                        else ("unknown_employee", "No employee has this number.")
                    )
                    problems.append(roster_sheets.Problem(cell.row, "A", code, message, cell.employee_number))
                continue
            if cell.shift_name is not None and cell.shift_name not in shifts:
                problems.append(
                    roster_sheets.Problem(cell.row, cell.column, "unknown_shift", "No such shift.", cell.shift_name)
                )
                continue
            planned.append((person.pk, cell.day, shifts[cell.shift_name] if cell.shift_name else None))
        if problems:
            raise InvalidRosterFile(
                "Some cells cannot be read; nothing was saved.",
                problems=[
                    {"row": p.row, "column": p.column, "code": p.code, "message": p.message, "value": p.value}
                    for p in sorted(problems, key=lambda p: (p.row, len(p.column), p.column))
                ],
            )
        return _write(
            actor=actor, group=group, planned=planned, action="attendance.roster.import", details={"file": file_name}
        )
