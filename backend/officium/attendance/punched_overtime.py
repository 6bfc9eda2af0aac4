"""Overtime from punches (按打卡计算加班): how long a day's punches show someone worked beyond their shift.

A pure function of the day's result and punches, like `results`, so that it can be recomputed when a
punch arrives late or a make-up is approved and give the same answer.

- On a workday: from the shift's end (the day's last expected off time, later for a flexible shift
  started late) plus the group's offset, to the punch that closed the day. Nothing when the day
  ended early, without an off punch, or away (leave, a trip, an outing).
- On a rest day or a holiday: from the day's first punch to its last, less the shift's rest windows
  (the gaps between its segments) that fall in between.

The minimum and the cap are the group's and apply to every source: `counted_minutes`.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from officium.attendance.results import DayResult, PunchFact, Segment, ShiftRule, rest_bounds, segment_bounds

Span = tuple[datetime.datetime, datetime.datetime]


@dataclass(frozen=True)
class Worked:
    """Overtime shown by punches: [starts_at, ends_at) less `minutes_off` of rest in between."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    minutes_off: int = 0

    @property
    def minutes(self) -> int:
        return max(int((self.ends_at - self.starts_at).total_seconds() // 60) - self.minutes_off, 0)


def after_shift(day: DayResult, offset_minutes: int) -> Worked | None:
    """A workday's overtime: from the shift's end plus the offset to the off punch that closed the day."""
    if not day.slots:
        return None
    last = day.slots[-1]
    if last.kind != "off" or last.result != "on_time" or last.punched_at is None:
        return None
    starts_at = last.expected_at + datetime.timedelta(minutes=offset_minutes)
    if last.punched_at <= starts_at:
        return None
    return Worked(starts_at, last.punched_at)


def rest_windows(day: datetime.date, segments: Sequence[Segment], tz: datetime.tzinfo) -> list[Span]:
    """The breaks between a shift's segments on `day` (12:00–13:00 of 09:00–12:00 + 13:00–18:00)."""
    bounds = segment_bounds(day, segments, tz)
    return [(previous[1], following[0]) for previous, following in itertools.pairwise(bounds)]


def breaks(day: datetime.date, shift: ShiftRule | None, tz: datetime.tzinfo) -> list[Span]:
    """The shift's breaks on `day`: between its segments, and its rest window (午休)."""
    if shift is None:
        return []
    rest = rest_bounds(day, shift, tz)
    return [*rest_windows(day, shift.segments, tz), *([rest] if rest else [])]


def whole_day(
    day: datetime.date, punches: Sequence[PunchFact], tz: datetime.tzinfo, breaks: Sequence[Span] = ()
) -> Worked | None:
    """A rest day's or a holiday's overtime: its first punch to its last, less the breaks in between."""
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=tz)
    end = start + datetime.timedelta(days=1)
    moments = sorted(punch.at for punch in punches if start <= punch.at < end)
    if len(moments) < 2:
        return None
    first, last = moments[0], moments[-1]
    off = sum(max((min(last, stop) - max(first, begin)).total_seconds(), 0) for begin, stop in breaks)
    return Worked(first, last, int(off // 60))


def counted_minutes(minutes: int, *, minimum_minutes: int, cap_hours: int) -> int:
    """What counts of `minutes` of overtime: nothing below the minimum, at most the cap."""
    if minutes <= 0 or minutes < minimum_minutes:
        return 0
    return min(minutes, cap_hours * 60)


def worked(
    day_type: str,
    day: DayResult,
    punches: Sequence[PunchFact],
    tz: datetime.tzinfo,
    *,
    offset_minutes: int,
    shift: ShiftRule | None = None,
) -> Worked | None:
    """The overtime the punches show on a day of this type (`shift`: the one whose breaks a rest
    day's or a holiday's span leaves out)."""
    if day_type == "workday":
        return after_shift(day, offset_minutes)
    return whole_day(day.day, punches, tz, breaks(day.day, shift, tz))
