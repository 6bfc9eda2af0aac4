"""Public events of attendance."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar
from uuid import UUID

from officium.core.events import Event


@dataclass(frozen=True, kw_only=True)
class PunchRecorded(Event):
    name: ClassVar[str] = "attendance.punch_recorded"
    punch_id: UUID
    employee_id: UUID
    punched_at: datetime.datetime
    status: str  # accepted | needs_review


@dataclass(frozen=True, kw_only=True)
class OvertimeRecorded(Event):
    """Approved overtime; `compensation` time_off asks for time off in lieu until `in_lieu_until`."""

    name: ClassVar[str] = "attendance.overtime_recorded"
    record_id: UUID
    employee_id: UUID
    hours: Decimal
    compensation: str
    in_lieu_until: datetime.date | None


@dataclass(frozen=True, kw_only=True)
class OvertimeRevoked(Event):
    name: ClassVar[str] = "attendance.overtime_revoked"
    record_id: UUID
