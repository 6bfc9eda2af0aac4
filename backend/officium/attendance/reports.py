"""Attendance reports (考勤报表): a month per person, within the viewer's data scope, as rows and as a
formatted spreadsheet or a CSV with a BOM (so that Excel shows Chinese correctly). The daily and the
department reports (`daily_report`, `department_report`) build on the same month of people."""

from __future__ import annotations

import calendar as months
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from officium.approvals.builtin import LEAVE_TYPES
from officium.attendance import results, selectors
from officium.attendance.models import AttendanceGroup, OvertimeRecord
from officium.attendance.permissions import REPORT_VIEW
from officium.core.spreadsheets import csv_with_bom, safe_text
from officium.org import selectors as org
from officium.org.models import Employee

LATE = ("late", "serious_late", "absent_late")
# A day counts as a workday judged once it settles into one of these; a rest day, a day still going,
# or a day away in full (leave, a business trip, an outing) does not count.
JUDGED = ("normal", "abnormal", "absent")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class OvertimeHours:
    """Approved overtime (加班) in hours, by the type of day it was worked on."""

    workday: Decimal = ZERO
    rest_day: Decimal = ZERO
    holiday: Decimal = ZERO

    def __add__(self, other: OvertimeHours) -> OvertimeHours:
        return OvertimeHours(self.workday + other.workday, self.rest_day + other.rest_day, self.holiday + other.holiday)


@dataclass(frozen=True)
class MonthRow:
    employee_id: UUID
    employee_number: str
    name: str
    department_id: UUID
    department: str
    group: str
    workdays: int
    normal_days: int
    late_count: int
    late_minutes: int
    forgiven_lates: int
    early_count: int
    early_minutes: int
    missing_slots: int
    absent_days: int
    made_up_slots: int
    overtime: OvertimeHours
    # Days of approved leave by type of leave (its code): the share of each day's slots it covered.
    leave: dict[str, Decimal]

    @property
    def on_time_rate(self) -> float:
        """Share of judged workdays without lateness, early leave or a missing punch (0 with none)."""
        return round(self.normal_days / self.workdays, 4) if self.workdays else 0.0


@dataclass(frozen=True)
class PeopleDays:
    """The people a report covers (by employee number), their groups, and their day results."""

    people: list[Employee]
    groups: dict[UUID, AttendanceGroup | None]
    days: dict[UUID, list[results.DayResult]]


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = month.replace(day=1)
    return first, first.replace(day=months.monthrange(first.year, first.month)[1])


def people_in_scope(
    *, actor: Any, department_id: UUID | None = None, employee_id: UUID | None = None
) -> QuerySet[Employee]:
    """Active employees the viewer's report scope reaches, in the department's subtree if one is given
    (an unknown department is a 404), or only the one employee (one outside the scope is a 404 too)."""
    people = org.employees_in_scope(actor=actor, code=REPORT_VIEW).filter(status__in=org.ACTIVE_STATUSES)
    if department_id is not None:
        department = org.department(department_id)
        people = people.filter(main_department__path__startswith=department.path)
    if employee_id is not None:
        people = people.filter(pk=employee_id)
    return people.order_by("employee_number")


def days_of_people(people: list[Employee], *, since: datetime.date, until: datetime.date) -> PeopleDays:
    """Each person's group and day results from `since` to `until`, in a fixed number of queries."""
    groups = selectors.groups_for(people)
    days = selectors.days_for_people(groups, since=since, until=until) if people else {}
    return PeopleDays(people, groups, days)


def overtime_by_person(
    employee_ids: list[UUID], *, since: datetime.date, until: datetime.date
) -> dict[UUID, OvertimeHours]:
    """Approved, unrevoked overtime that started on a day from `since` to `until`, per person (one query)."""
    if not employee_ids:
        return {}
    start, _ignored = selectors.day_bounds(since)
    _ignored, end = selectors.day_bounds(until)
    sums: dict[UUID, dict[str, Decimal]] = {}
    rows = (
        OvertimeRecord.objects.filter(
            employee_id__in=employee_ids, revoked_at=None, starts_at__gte=start, starts_at__lt=end
        )
        .values("employee_id", "day_type")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    for row in rows:
        sums.setdefault(row["employee_id"], {})[row["day_type"]] = Decimal(row["hours"]).quantize(ZERO)
    return {employee_id: OvertimeHours(**by_type) for employee_id, by_type in sums.items()}


def monthly(*, actor: Any, month: datetime.date, department_id: UUID | None = None) -> list[MonthRow]:
    """One row per active employee in the viewer's scope (and in the department's subtree, if given)."""
    first, last = month_bounds(month)
    found = days_of_people(list(people_in_scope(actor=actor, department_id=department_id)), since=first, until=last)
    overtime = overtime_by_person([employee.pk for employee in found.people], since=first, until=last)
    return [
        _row(employee, found.groups[employee.pk], found.days[employee.pk], overtime.get(employee.pk, OvertimeHours()))
        for employee in found.people
    ]


def _row(employee: Employee, group: Any, days: list[results.DayResult], overtime: OvertimeHours) -> MonthRow:
    judged = [day for day in days if day.status in JUDGED]
    slots = [slot for day in judged for slot in day.slots]
    return MonthRow(
        employee_id=employee.pk,
        employee_number=employee.employee_number,
        name=employee.name,
        department_id=employee.main_department_id,
        department=employee.main_department.name,
        group=group.name if group else "",
        workdays=len(judged),
        normal_days=sum(day.status == "normal" for day in judged),
        late_count=sum(slot.result in LATE for slot in slots),
        late_minutes=sum(day.late_minutes for day in judged),
        forgiven_lates=sum(slot.forgiven for slot in slots),
        early_count=sum(slot.result == "early" for slot in slots),
        early_minutes=sum(day.early_minutes for day in judged),
        missing_slots=sum(slot.result == "missing" for slot in slots),
        absent_days=sum(day.status == "absent" for day in judged),
        made_up_slots=sum(slot.made_up for slot in slots),
        overtime=overtime,
        leave=leave_days(days),
    )


def leave_days(days: list[results.DayResult]) -> dict[str, Decimal]:
    """Days of leave by type: each slot covered by leave is its share of the day (half a day for a
    morning of a one-segment shift)."""
    found: dict[str, Decimal] = {}
    for day in days:
        for slot in day.slots:
            if slot.result == "leave":
                share = Decimal(1) / len(day.slots)
                found[slot.leave_type] = found.get(slot.leave_type, ZERO) + share
    return {code: amount.quantize(ZERO) for code, amount in sorted(found.items())}


def leave_codes(rows: list[MonthRow]) -> list[str]:
    """The types of leave any row took, in the order of the built-in leave form."""
    order = [code for code, _name in LEAVE_TYPES]
    taken = {code for row in rows for code in row.leave}
    return sorted(taken, key=lambda code: (order.index(code) if code in order else len(order), code))


def _headers(codes: list[str]) -> list[str]:
    names = dict(LEAVE_TYPES)
    return [
        _("Employee number"),
        _("Name"),
        _("Department"),
        _("Attendance group"),
        _("Workdays"),
        _("Normal days"),
        _("On-time rate"),
        _("Late (times)"),
        _("Late (minutes)"),
        _("Forgiven lates (times)"),
        _("Early leave (times)"),
        _("Early leave (minutes)"),
        _("Missing punches"),
        _("Absent days"),
        _("Make-up punches"),
        _("Overtime on workdays (hours)"),
        _("Overtime on rest days (hours)"),
        _("Overtime on holidays (hours)"),
        *(_("%(leave)s (days)") % {"leave": names.get(code, code)} for code in codes),
    ]


def _values(row: MonthRow, codes: list[str]) -> list[Any]:
    return [
        safe_text(row.employee_number),
        safe_text(row.name),
        safe_text(row.department),
        safe_text(row.group),
        row.workdays,
        row.normal_days,
        row.on_time_rate,
        row.late_count,
        row.late_minutes,
        row.forgiven_lates,
        row.early_count,
        row.early_minutes,
        row.missing_slots,
        row.absent_days,
        row.made_up_slots,
        row.overtime.workday,
        row.overtime.rest_day,
        row.overtime.holiday,
        *(row.leave.get(code, ZERO) for code in codes),
    ]


def to_xlsx(rows: list[MonthRow], month: datetime.date) -> bytes:
    """A formatted workbook: bold frozen header, widths, the rate as a percentage, anomalies shaded."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"{month:%Y-%m}"
    codes = leave_codes(rows)
    sheet.append(_headers(codes))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    shade = PatternFill("solid", fgColor="FFF2CC")
    for row in rows:
        sheet.append(_values(row, codes))
        if row.late_count or row.early_count or row.missing_slots or row.absent_days:
            for cell in sheet[sheet.max_row]:
                cell.fill = shade
    for cell in sheet["G"][1:]:
        cell.number_format = "0.0%"
    for column in ("P", "Q", "R", *(get_column_letter(19 + n) for n in range(len(codes)))):
        for cell in sheet[column][1:]:
            cell.number_format = "0.00"
    widths = (12, 10, 16, 14, 8, 8, 10, 8, 10, 10, 10, 10, 10, 8, 8, 10, 10, 10, *(10 for _code in codes))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(rows: list[MonthRow]) -> bytes:
    codes = leave_codes(rows)
    return csv_with_bom([_headers(codes), *(_values(row, codes) for row in rows)])
