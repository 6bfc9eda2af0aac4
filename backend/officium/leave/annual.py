"""Chinese statutory annual leave (《职工带薪年休假条例》 and its implementing measures).

Cumulative working years ≥ 1 and < 10: 5 days; ≥ 10 and < 20: 10 days; ≥ 20: 15 days. Someone who
joins during the year gets (remaining calendar days of the year ÷ 365) × the entitlement; someone who
leaves gets (elapsed calendar days ÷ 365) × the entitlement, less what they took, never below zero
(no claw-back). Fractions below one day are dropped.
"""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

DAYS_IN_YEAR = 365


def working_years(first_work_date: datetime.date | None, on: datetime.date) -> int:
    """Whole years worked, counted from the first job (anywhere) to `on`."""
    if first_work_date is None or first_work_date > on:
        return 0
    years = on.year - first_work_date.year
    if (on.month, on.day) < (first_work_date.month, first_work_date.day):
        years -= 1
    return years


def entitlement(years: int) -> int:
    if years >= 20:
        return 15
    if years >= 10:
        return 10
    if years >= 1:
        return 5
    return 0


def elapsed_days(year: int, *, joined_on: datetime.date | None, left_on: datetime.date) -> int:
    """Calendar days of `year` in the company up to the leaving day (both included), at most 365."""
    begun = max(datetime.date(year, 1, 1), joined_on) if joined_on else datetime.date(year, 1, 1)
    return min(max((left_on - begun).days + 1, 0), DAYS_IN_YEAR)


def days_for_year(
    *,
    year: int,
    first_work_date: datetime.date | None,
    joined_on: datetime.date | None = None,
    left_on: datetime.date | None = None,
    taken: Decimal = Decimal(0),
) -> int:
    """The annual leave days the year gives; joining or leaving during the year prorates them (a
    leaver's less what they took, never below zero)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if joined_on and joined_on > start:
        full = entitlement(working_years(first_work_date, joined_on))
        days = (end - joined_on).days + 1
    else:
        full = entitlement(working_years(first_work_date, start))
        days = DAYS_IN_YEAR
    if left_on and left_on <= end:
        elapsed = elapsed_days(year, joined_on=joined_on, left_on=left_on)
        return max(0, math.floor(elapsed / DAYS_IN_YEAR * full - float(taken)))
    return math.floor(min(days, DAYS_IN_YEAR) / DAYS_IN_YEAR * full)
