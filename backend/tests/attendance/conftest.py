"""A company with one attendance group: 研发部 (and so 前端组) punches at the office in 中关村."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import pytest

from officium.attendance.models import AttendanceGroup
from officium.attendance.services import groups, punches
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
