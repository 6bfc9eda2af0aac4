"""How much of a balance a leave takes, in the leave type's unit, from the working time it covers.

Per working day touched: a day-unit type takes a whole day; a half-day type takes half a day when the
leave covers no more of the day's working time than its longer half (上午 or 下午, split across the rest
window when the shift has one, else at its middle), else a whole day; an hour type takes the hours
covered, rounded up to the half hour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from officium.attendance.spans import DayCoverage

HALF = Decimal("0.5")


def amount(unit: str, coverage: Sequence[DayCoverage]) -> Decimal:
    if unit == "hour":
        minutes = sum(day.covered_minutes for day in coverage)
        return Decimal(math.ceil(minutes / 30)) * HALF
    if unit == "half_day":
        return sum((HALF if day.covered_minutes <= day.half_minutes else Decimal(1) for day in coverage), Decimal(0))
    return Decimal(len(coverage))
