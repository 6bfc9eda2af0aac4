"""What a request says about time, and how much of the working schedule it takes.

A request's range is either whole days (a date range: from the start day's midnight to the midnight
after the end day) or moments (a date-time range). Its cost is measured against the shift of each
day it touches: the minutes of the day's segments it overlaps, beside the minutes scheduled.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.dateparse import parse_datetime

Span = tuple[datetime.datetime, datetime.datetime]


@dataclass(frozen=True)
class WorkingDay:
    bounds: Sequence[Span]  # the working time (rest windows left out)
    half_minutes: int  # the longer of its halves (上午 / 下午): the most of it half a day takes


@dataclass(frozen=True)
class DayCoverage:
    day: datetime.date
    covered_minutes: int
    scheduled_minutes: int
    half_minutes: int


# Where a day's morning ends and its afternoon starts: one moment, or the two ends of a rest window.
Halves = Callable[[datetime.date], Span]


def noon(tz: datetime.tzinfo) -> Halves:
    def split(day: datetime.date) -> Span:
        moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=tz)
        return moment, moment

    return split


def request_span(value: Any, tz: datetime.tzinfo, halves: Halves | None = None) -> Span | None:
    """[start, end) of a range field's value ({"start", "end"}), or None when it names no range. A
    half-day range ({"start_half", "end_half"}: am or pm) splits each day by `halves` (at noon when not
    given; the callers pass the person's shift: its rest window, else its middle): an afternoon starts
    where the afternoon starts, a morning ends where the morning ends."""
    if not isinstance(value, Mapping):
        return None
    start, end = _moment(value.get("start"), tz, end=False), _moment(value.get("end"), tz, end=True)
    if start is None or end is None:
        return None
    split = halves or noon(tz)
    if value.get("start_half") == "pm":
        start = split(start.date())[1]
    if value.get("end_half") == "am":
        end = split(end.date() - datetime.timedelta(days=1))[0]
    if end <= start:
        return None
    return start, end


def _moment(text: Any, tz: datetime.tzinfo, *, end: bool) -> datetime.datetime | None:
    if not isinstance(text, str):
        return None
    if len(text) == 10:
        try:
            day = datetime.date.fromisoformat(text)
        except ValueError:
            return None
        if end:
            day += datetime.timedelta(days=1)
        return datetime.datetime.combine(day, datetime.time(), tzinfo=tz)
    try:
        moment = parse_datetime(text)
    except ValueError:
        return None
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def days_touched(span: Span, tz: datetime.tzinfo) -> list[datetime.date]:
    """The local days the span has a moment in (a night shift's working day starts the day before)."""
    first = span[0].astimezone(tz).date() - datetime.timedelta(days=1)
    last = (span[1] - datetime.timedelta(microseconds=1)).astimezone(tz).date()
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def overlap_minutes(span: Span, bounds: Sequence[Span]) -> int:
    seconds = sum(max((min(span[1], off) - max(span[0], on)).total_seconds(), 0) for on, off in bounds)
    return int(seconds // 60)


def coverage(span: Span, schedule: Mapping[datetime.date, WorkingDay]) -> list[DayCoverage]:
    """Per working day the span overlaps: the minutes it covers of that day's working time."""
    found = []
    for day in sorted(schedule):
        working = schedule[day]
        covered = overlap_minutes(span, working.bounds)
        if covered:
            scheduled = sum(int((off - on).total_seconds() // 60) for on, off in working.bounds)
            found.append(DayCoverage(day, covered, scheduled, working.half_minutes))
    return found
