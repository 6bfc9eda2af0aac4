"""Public events of attendance."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
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
