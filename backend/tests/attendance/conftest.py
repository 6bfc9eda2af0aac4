"""A company with one attendance group: 研发部 (and so 前端组) punches at the office in 中关村."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

import pytest

from officium.attendance.models import AttendanceGroup, OvertimeRecord, Punch
from officium.attendance.services import calendar, groups, overtime, punches, shifts
from officium.org.models import Department, Employee

# The office, in WGS-84, and a fence of 300 m around it.
OFFICE = (Decimal("39.983000"), Decimal("116.307000"))
RADIUS_M = 300


@pytest.fixture
def group(staff: dict[str, Employee], org_tree: dict[str, Department]) -> AttendanceGroup:
    created = groups.group_create(actor=staff["admin"].user, name="研发考勤", department_ids=[org_tree["rd"].pk])
    groups.place_create(
        actor=staff["admin"].user,
        group_id=created.pk,
        name="中关村办公室",
        latitude=OFFICE[0],
        longitude=OFFICE[1],
        radius_m=RADIUS_M,
    )
    created.refresh_from_db()
    return created


def consent(employee: Employee, *purposes: str) -> None:
    for purpose in purposes:
        punches.consent_set(actor=employee.user, purpose=purpose, granted=True)


def north_of_office(metres: float) -> tuple[Decimal, Decimal]:
    """A point `metres` due north of the office (one degree of latitude is about 111.2 km)."""
    return (OFFICE[0] + Decimal(f"{metres / 111_195:.6f}"), OFFICE[1])


def body(point: tuple[Decimal, Decimal] | None = None, **fields: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {"id": fields.pop("id", None) or str(uuid.uuid4())}
    if point is not None:
        payload.update(latitude=str(point[0]), longitude=str(point[1]), accuracy_m=20)
    payload.update(fields)
    return payload


# --- the reports' month -------------------------------------------------------------------------------------
TZ = datetime.timezone(datetime.timedelta(hours=8))


def punch_at(employee: Employee, day: int, text: str, month: int = 10) -> None:
    """An accepted online punch at `text` (HH:MM, Beijing time) on a day of 2026."""
    hours, minutes = map(int, text.split(":"))
    at = datetime.datetime(2026, month, day, hours, minutes, tzinfo=TZ)
    Punch.objects.create(
        id=uuid.uuid4(), employee=employee, punched_at=at, received_at=at, source="online", status="accepted"
    )


def overtime_on(employee: Employee, start: str, end: str) -> OvertimeRecord | None:
    """Overtime of an approved 加班 request (paid), from and to `start` and `end` (ISO, Beijing time)."""
    form = {"period": {"start": f"{start}+08:00", "end": f"{end}+08:00"}, "compensation": "pay", "reason": "上线"}
    return overtime.record_approved(approval_id=uuid.uuid4(), employee=employee, form_data=form)


@pytest.fixture
def october(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    """October 2026 for 研发考勤 on 标准班 (09:00–18:00, no grace). No holiday calendar is seeded, so every
    weekday is a workday (22 of them); Saturday the 31st is marked a company holiday (still a rest day).

    - 李娜: late 20 minutes on the 12th, early 30 minutes on the 13th, on time on the 14th, absent on the
      other 19; overtime 2.5 h on a workday (12th), 4 h on a rest day (Sat 17th), 2 h on the holiday
      (31st); a revoked request and one in November do not count.
    - 王芳: on time on the 12th, only the on punch on the 13th (the off one missing), absent on the other 20;
      3 h of overtime on a rest day (Sat 24th).
    - 张伟 (研发部): absent every workday. The others (总部) are in no attendance group.
    """
    admin = staff["admin"].user
    standard = shifts.shift_create(actor=admin, name="标准班", segments=[{"on": "09:00", "off": "18:00"}])
    groups.group_update(actor=admin, group_id=group.pk, shift_id=standard.pk)
    calendar.day_set(actor=admin, country="CN", date=datetime.date(2026, 10, 31), kind="holiday", name="公司日")
    lina, wangfang = staff["employee"], staff["employee_b"]
    for day, times in ((12, ("09:20", "18:00")), (13, ("08:55", "17:30")), (14, ("08:50", "18:10"))):
        for text in times:
            punch_at(lina, day, text)
    for day, times in ((12, ("08:58", "18:05")), (13, ("09:00",))):
        for text in times:
            punch_at(wangfang, day, text)
    overtime_on(lina, "2026-10-12T18:30:00", "2026-10-12T21:00:00")
    overtime_on(lina, "2026-10-17T09:00:00", "2026-10-17T13:00:00")
    overtime_on(lina, "2026-10-31T10:00:00", "2026-10-31T12:00:00")
    overtime_on(lina, "2026-11-02T18:30:00", "2026-11-02T20:30:00")
    revoked = overtime_on(lina, "2026-10-20T18:30:00", "2026-10-20T22:30:00")
    assert revoked is not None
    overtime.revoke(approval_id=revoked.approval_id)
    overtime_on(wangfang, "2026-10-24T10:00:00", "2026-10-24T13:00:00")
