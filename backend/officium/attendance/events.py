"""Public events of attendance."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
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


@dataclass(frozen=True, kw_only=True)
class OvertimeChanged(Event):
    """An overtime record's hours were recomputed (its day's punches changed, or the day settled):
    the time off in lieu it owes follows (see `selectors.in_lieu_owed`)."""

    name: ClassVar[str] = "attendance.overtime_changed"
    record_id: UUID
    employee_id: UUID
    hours: Decimal


@dataclass(frozen=True, kw_only=True)
class DaysChanged(Event):
    """Something that counts in the results of these days changed after the fact (an offline punch,
    a review, a make-up, time away): their stored records are recomputed."""

    name: ClassVar[str] = "attendance.days_changed"
    employee_ids: tuple[UUID, ...]
    since: datetime.date
    until: datetime.date


def days_changed(employee_ids: Iterable[UUID], *moments: datetime.datetime | datetime.date) -> DaysChanged:
    """The event for these people around these moments (a night shift's day begins the day before)."""
    from django.utils import timezone

    days = [m if not isinstance(m, datetime.datetime) else timezone.localtime(m).date() for m in moments]
    return DaysChanged(employee_ids=tuple(employee_ids), since=min(days) - datetime.timedelta(days=1), until=max(days))
