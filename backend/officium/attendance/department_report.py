"""The department report (部门考勤汇总) of a month, and the month's daily on-time series for charts.

A department's row counts the people whose *main* department it is (direct members, not its
sub-departments), so that the rows add up to the totals row and nobody is counted twice; a
department without people in the viewer's scope has no row. See docs/admin/attendance.md.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.utils.translation import gettext as _

from officium.attendance import reports
from officium.core.spreadsheets import HOURS, PERCENT, Column, table_csv, table_xlsx
from officium.org.models import Department

PATH_SEPARATOR = " / "
LATE = frozenset(reports.LATE)


@dataclass(frozen=True)
class DepartmentRow:
    department_id: UUID | None  # None: the totals row
    department: str
    department_path: str  # the names from the top of the tree down to the department
    headcount: int
    workdays: int
    normal_days: int
    late_count: int
    late_minutes: int
    early_count: int
    early_minutes: int
    missing_slots: int
    absent_days: int
    overtime: reports.OvertimeHours

    @property
    def on_time_rate(self) -> float:
        """Share of the judged person-days without lateness, early leave or a missing punch."""
        return round(self.normal_days / self.workdays, 4) if self.workdays else 0.0


@dataclass(frozen=True)
class DepartmentReport:
    rows: list[DepartmentRow]
    total: DepartmentRow


@dataclass(frozen=True)
class SeriesDay:
    """One day of the month over the people in scope: how many were judged, on time, absent, and of the
    others how many were late, left early or missed a punch (one person may be all three)."""

    day: datetime.date
    judged: int
    normal: int
    late: int
    early: int
    missing: int
    absent: int

    @property
    def on_time_rate(self) -> float:
        return round(self.normal / self.judged, 4) if self.judged else 0.0


def _sum(rows: list[reports.MonthRow], *, department_id: UUID | None, department: str, path: str) -> DepartmentRow:
    overtime = reports.OvertimeHours()
    for row in rows:
        overtime += row.overtime
    return DepartmentRow(
        department_id=department_id,
        department=department,
        department_path=path,
        headcount=len(rows),
        workdays=sum(row.workdays for row in rows),
        normal_days=sum(row.normal_days for row in rows),
        late_count=sum(row.late_count for row in rows),
        late_minutes=sum(row.late_minutes for row in rows),
        early_count=sum(row.early_count for row in rows),
        early_minutes=sum(row.early_minutes for row in rows),
        missing_slots=sum(row.missing_slots for row in rows),
        absent_days=sum(row.absent_days for row in rows),
        overtime=overtime,
    )


def by_department(*, actor: Any, month: datetime.date, department_id: UUID | None = None) -> DepartmentReport:
    """One row per main department of the people in the viewer's scope (in the department's subtree,
    if given), in the order of the tree, and the totals."""
    people = reports.monthly(actor=actor, month=month, department_id=department_id)
    members: dict[UUID, list[reports.MonthRow]] = defaultdict(list)
    for row in people:
        members[row.department_id].append(row)
    departments = Department.objects.filter(pk__in=list(members)).only("id", "name", "path")
    paths = {department.pk: department.path for department in departments}
    ancestor_ids = {UUID(hex=part) for path in paths.values() for part in path.strip("/").split("/")}
    names = dict(Department.objects.filter(pk__in=ancestor_ids).values_list("id", "name")) if ancestor_ids else {}
    rows = []
    for pk in sorted(members, key=lambda pk: paths[pk]):
        chain = PATH_SEPARATOR.join(names[UUID(hex=part)] for part in paths[pk].strip("/").split("/"))
        rows.append(_sum(members[pk], department_id=pk, department=names[pk], path=chain))
    return DepartmentReport(rows, _sum(people, department_id=None, department=_("Total"), path=""))


def daily_series(*, actor: Any, month: datetime.date, department_id: UUID | None = None) -> list[SeriesDay]:
    """Each day of the month over the people in scope (rest days, days not yet judged and days away
    in full count in no column), for the charts."""
    first, last = reports.month_bounds(month)
    people = list(reports.people_in_scope(actor=actor, department_id=department_id))
    found = reports.days_of_people(people, since=first, until=last)
    series = []
    for index in range((last - first).days + 1):
        day = first + datetime.timedelta(days=index)
        judged = [
            result for person in found.people if (result := found.days[person.pk][index]).status in reports.JUDGED
        ]
        present = [{slot.result for slot in result.slots} for result in judged if result.status != "absent"]
        series.append(
            SeriesDay(
                day=day,
                judged=len(judged),
                normal=sum(result.status == "normal" for result in judged),
                late=sum(bool(kinds & LATE) for kinds in present),
                early=sum("early" in kinds for kinds in present),
                missing=sum("missing" in kinds for kinds in present),
                absent=len(judged) - len(present),
            )
        )
    return series


# --- the spreadsheet ---------------------------------------------------------------------------------------------
def _columns() -> list[Column[DepartmentRow]]:
    return [
        Column(_("Department"), 28, lambda row: row.department_path or row.department),
        Column(_("Headcount"), 8, lambda row: row.headcount),
        Column(_("Workdays (person-days)"), 10, lambda row: row.workdays),
        Column(_("Normal days"), 8, lambda row: row.normal_days),
        Column(_("On-time rate"), 10, lambda row: row.on_time_rate, PERCENT),
        Column(_("Late (times)"), 8, lambda row: row.late_count),
        Column(_("Late (minutes)"), 10, lambda row: row.late_minutes),
        Column(_("Early leave (times)"), 10, lambda row: row.early_count),
        Column(_("Early leave (minutes)"), 10, lambda row: row.early_minutes),
        Column(_("Missing punches"), 10, lambda row: row.missing_slots),
        Column(_("Absent days"), 8, lambda row: row.absent_days),
        Column(_("Overtime on workdays (hours)"), 10, lambda row: row.overtime.workday, HOURS),
        Column(_("Overtime on rest days (hours)"), 10, lambda row: row.overtime.rest_day, HOURS),
        Column(_("Overtime on holidays (hours)"), 10, lambda row: row.overtime.holiday, HOURS),
    ]


def _needs_a_look(row: DepartmentRow) -> bool:
    return bool(row.late_count or row.early_count or row.missing_slots or row.absent_days)


def to_xlsx(report: DepartmentReport, month: datetime.date) -> bytes:
    return table_xlsx(
        title=f"{month:%Y-%m}",
        columns=_columns(),
        rows=report.rows,
        freeze="B2",
        shade=_needs_a_look,
        totals=report.total,
    )


def to_csv(report: DepartmentReport) -> bytes:
    return table_csv(columns=_columns(), rows=report.rows, totals=report.total)
