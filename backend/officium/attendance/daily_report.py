"""The daily attendance report (考勤日报): one row per person per day of a range of at most 31 days,
with each slot's expected and punched time and result, within the viewer's data scope; as rows, a
formatted spreadsheet, or a CSV with a BOM."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from officium.attendance import reports, results
from officium.core.errors import NotFound, ValidationFailed
from officium.core.spreadsheets import Column, table_csv, table_xlsx

MAX_DAYS = 31
EXCEPTIONS = ("abnormal", "absent")


@dataclass(frozen=True)
class DailyRow:
    day: datetime.date
    employee_id: UUID
    employee_number: str
    name: str
    department_id: UUID
    department: str
    group: str
    status: results.DayStatus
    slots: tuple[results.Slot, ...]
    late_minutes: int
    early_minutes: int


def check_range(since: datetime.date, until: datetime.date) -> None:
    if until < since:
        raise ValidationFailed("The last day comes before the first.", code="invalid_range")
    if (until - since).days >= MAX_DAYS:
        raise ValidationFailed(
            f"Ask for at most {MAX_DAYS} days; export month by month for more.", code="range_too_long"
        )


def daily(
    *,
    actor: Any,
    since: datetime.date,
    until: datetime.date,
    department_id: UUID | None = None,
    employee_id: UUID | None = None,
    exceptions_only: bool = False,
) -> list[DailyRow]:
    """By day, then by employee number: the people in the viewer's scope (in the department's subtree,
    or the one employee), each day's status and slots. `exceptions_only` keeps abnormal and absent days."""
    check_range(since, until)
    people = list(reports.people_in_scope(actor=actor, department_id=department_id, employee_id=employee_id))
    if employee_id is not None and not people:
        raise NotFound("No such employee.", code="employee_not_found")
    found = reports.days_of_people(people, since=since, until=until)
    rows = []
    for index in range((until - since).days + 1):
        for employee in found.people:
            result = found.days[employee.pk][index]
            if exceptions_only and result.status not in EXCEPTIONS:
                continue
            group = found.groups[employee.pk]
            rows.append(
                DailyRow(
                    day=result.day,
                    employee_id=employee.pk,
                    employee_number=employee.employee_number,
                    name=employee.name,
                    department_id=employee.main_department_id,
                    department=employee.main_department.name,
                    group=group.name if group else "",
                    status=result.status,
                    slots=result.slots,
                    late_minutes=result.late_minutes,
                    early_minutes=result.early_minutes,
                )
            )
    return rows


# --- the spreadsheet ---------------------------------------------------------------------------------------------
def _away_texts() -> dict[str, str]:
    """Day and slot alike: covered by approved time away."""
    return {
        "leave": pgettext("attendance away", "Leave"),
        "trip": pgettext("attendance away", "Business trip"),
        "outing": pgettext("attendance away", "Outing"),
    }


def status_text(status: str) -> str:
    return {
        "rest": pgettext("attendance day", "Rest"),
        "normal": pgettext("attendance day", "Normal"),
        "abnormal": pgettext("attendance day", "Abnormal"),
        "absent": pgettext("attendance day", "Absent"),
        "pending": pgettext("attendance day", "Not yet judged"),
        **_away_texts(),
    }[status]


def slot_text(result: str) -> str:
    return {
        "on_time": pgettext("attendance slot", "On time"),
        "late": pgettext("attendance slot", "Late"),
        "serious_late": pgettext("attendance slot", "Seriously late"),
        "absent_late": pgettext("attendance slot", "Late (counted absent)"),
        "early": pgettext("attendance slot", "Left early"),
        "missing": pgettext("attendance slot", "Missing"),
        "pending": pgettext("attendance slot", "Not yet"),
        **_away_texts(),
    }[result]


def _clock(at: datetime.datetime | None, day: datetime.date) -> str:
    """HH:MM in the organisation's time zone; a time on another day carries its date (a night shift)."""
    if at is None:
        return ""
    local = timezone.localtime(at)
    return f"{local:%H:%M}" if local.date() == day else f"{local:%m-%d %H:%M}"


def _slot_columns(index: int, slot_count: int) -> list[Column[DailyRow]]:
    kind = pgettext("attendance slot kind", "On") if index % 2 == 0 else pgettext("attendance slot kind", "Off")
    label = f"{kind}{index // 2 + 1}" if slot_count > 2 else kind

    def slot(row: DailyRow) -> results.Slot | None:
        return row.slots[index] if index < len(row.slots) else None

    def expected(row: DailyRow) -> str:
        found = slot(row)
        return _clock(found.expected_at, row.day) if found else ""

    def punched(row: DailyRow) -> str:
        found = slot(row)
        return _clock(found.punched_at, row.day) if found else ""

    def result(row: DailyRow) -> str:
        found = slot(row)
        if found is None:
            return ""
        notes = [
            *([_("make-up punch")] if found.made_up else []),
            *([_("forgiven late, %(minutes)d min") % {"minutes": found.minutes}] if found.forgiven else []),
        ]
        return f"{slot_text(found.result)} ({', '.join(notes)})" if notes else slot_text(found.result)

    return [
        Column(_("%(slot)s expected") % {"slot": label}, 9, expected),
        Column(_("%(slot)s punched") % {"slot": label}, 9, punched),
        Column(_("%(slot)s result") % {"slot": label}, 10, result),
    ]


def _columns(rows: list[DailyRow]) -> list[Column[DailyRow]]:
    slot_count = max((len(row.slots) for row in rows), default=2)
    columns: list[Column[DailyRow]] = [
        Column(_("Date"), 11, lambda row: row.day.isoformat()),
        Column(_("Employee number"), 12, lambda row: row.employee_number),
        Column(_("Name"), 10, lambda row: row.name),
        Column(_("Department"), 16, lambda row: row.department),
        Column(_("Attendance group"), 14, lambda row: row.group),
        Column(_("Day result"), 8, lambda row: status_text(row.status)),
    ]
    for index in range(slot_count):
        columns += _slot_columns(index, slot_count)
    columns += [
        Column(_("Late (minutes)"), 10, lambda row: row.late_minutes),
        Column(_("Early leave (minutes)"), 10, lambda row: row.early_minutes),
    ]
    return columns


def _needs_a_look(row: DailyRow) -> bool:
    return row.status in EXCEPTIONS


def to_xlsx(rows: list[DailyRow], since: datetime.date, until: datetime.date) -> bytes:
    title = f"{since:%Y-%m-%d}" if since == until else f"{since:%m-%d}~{until:%m-%d}"
    return table_xlsx(title=title, columns=_columns(rows), rows=rows, freeze="D2", shade=_needs_a_look)


def to_csv(rows: list[DailyRow]) -> bytes:
    return table_csv(columns=_columns(rows), rows=rows)
