"""Results (考勤结果): what a day's punches mean against the shift and the group's rules.

A pure function of its inputs — the shift, the rules, the day, the accepted punches and the present
moment — so that it can be recomputed at any time and give the same answer: a punch arriving late,
a shift changed or an approved request only means computing the day again.

Each segment of the shift has two slots, on and off. The on slot takes the earliest punch from the
start of the segment's window up to the middle of the segment; the off slot takes the latest punch
from the middle to the end of the window. A slot without a punch is `pending` until its window
closes (the watermark), then `missing`.

Approved time away (leave, a business trip, an outing) covers the slots it spans: an on slot whose
time falls in it, an off slot whose time does. When it covers the start of a segment but ends before
the segment's middle, the person is expected at its end instead (a morning off until 11:00 makes
11:00 the time to be on); likewise an absence starting after the middle moves the expected off time
to its start. A half-day leave therefore never makes the other half absent. A shift with a rest window
(午休) splits its halves across it: a morning off until the rest starts covers the on slot, and an
afternoon off from the rest's end covers the off slot.

A roster (排班) only changes which rule a day has, so it is computed by `compute_day` as well. Free
hours (自由工时) have no shift: `compute_free_day` counts a workday with any punch as worked.

A flexible shift (弹性上下班) forgives arriving up to `flex_minutes` late at the day's first on time,
and then expects the day's last off as many minutes later; lateness beyond it counts from the end of
the flexible time.

Lates a group forgives (迟到豁免: N a month, each of at most so many minutes) depend on the month so far,
so they are applied over a run of days by `forgive_lates`, after each day has been judged.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, cast

from officium.attendance.spans import Span, WorkingDay, overlap_minutes

AwayKind = Literal["leave", "trip", "outing"]
SlotResult = Literal["on_time", "late", "serious_late", "absent_late", "early", "missing", "pending", AwayKind]
DayStatus = Literal["rest", "normal", "abnormal", "absent", "pending", AwayKind]
AWAY: tuple[AwayKind, ...] = ("leave", "trip", "outing")


@dataclass(frozen=True)
class Segment:
    on: datetime.time
    off: datetime.time


@dataclass(frozen=True)
class Rest:
    """午休 inside a one-segment shift: not working time."""

    start: datetime.time
    end: datetime.time


@dataclass(frozen=True)
class ShiftRule:
    segments: tuple[Segment, ...]
    on_window_minutes: int = 120
    off_window_minutes: int = 240
    late_grace_minutes: int = 0
    serious_late_minutes: int = 30
    absent_late_minutes: int = 120
    early_grace_minutes: int = 0
    flex_minutes: int = 0  # 弹性: arriving up to this late moves the day's last off time as much later
    rest: Rest | None = None


@dataclass(frozen=True)
class PunchFact:
    id: str
    at: datetime.datetime
    made_up: bool = False  # an approved make-up request (补卡), not the device


@dataclass(frozen=True)
class AwayFact:
    """Approved time away, [starts_at, ends_at)."""

    kind: AwayKind
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    leave_type: str = ""


@dataclass(frozen=True)
class Slot:
    kind: Literal["on", "off"]
    expected_at: datetime.datetime
    window_start: datetime.datetime
    window_end: datetime.datetime
    result: SlotResult
    punch_id: str | None = None
    punched_at: datetime.datetime | None = None
    minutes: int = 0  # late or early by
    made_up: bool = False
    leave_type: str = ""  # the type of leave covering the slot (result "leave")
    forgiven: bool = False  # a late the group forgives (迟到豁免): on time, `minutes` says how late


@dataclass(frozen=True)
class DayResult:
    day: datetime.date
    status: DayStatus
    slots: tuple[Slot, ...] = field(default_factory=tuple)

    @property
    def late_minutes(self) -> int:
        return sum(s.minutes for s in self.slots if s.result in ("late", "serious_late", "absent_late"))

    @property
    def early_minutes(self) -> int:
        return sum(s.minutes for s in self.slots if s.result == "early")


def parse_time(text: str) -> datetime.time:
    """ "09:00" → 09:00; anything else raises ValueError."""
    hours, minutes = text.split(":")
    if len(hours) != 2 or len(minutes) != 2:
        raise ValueError(text)
    return datetime.time(int(hours), int(minutes))


def segment_bounds(
    day: datetime.date, segments: Sequence[Segment], tz: datetime.tzinfo
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """Each segment's on and off moments for the working day starting on `day`. Segments follow each
    other: one that starts at or before the time the previous one ended is on the next day, and an off
    time at or before its on time is the next day too."""
    bounds: list[tuple[datetime.datetime, datetime.datetime]] = []
    for segment in segments:
        on = datetime.datetime.combine(day, segment.on, tzinfo=tz)
        if bounds and on < bounds[-1][1]:
            on += datetime.timedelta(days=1)
        off = datetime.datetime.combine(on.date(), segment.off, tzinfo=tz)
        if off <= on:
            off += datetime.timedelta(days=1)
        bounds.append((on, off))
    return bounds


def rest_bounds(day: datetime.date, rule: ShiftRule, tz: datetime.tzinfo) -> Span | None:
    """The rest window's moments on the working day starting on `day` (within its segment)."""
    if rule.rest is None:
        return None
    on, _ = segment_bounds(day, rule.segments, tz)[0]
    start = datetime.datetime.combine(on.date(), rule.rest.start, tzinfo=tz)
    if start < on:
        start += datetime.timedelta(days=1)
    end = datetime.datetime.combine(start.date(), rule.rest.end, tzinfo=tz)
    if end <= start:
        end += datetime.timedelta(days=1)
    return start, end


def working_bounds(day: datetime.date, rule: ShiftRule, tz: datetime.tzinfo) -> list[Span]:
    """The working time of the day: its segments, without the rest window."""
    bounds = segment_bounds(day, rule.segments, tz)
    rest = rest_bounds(day, rule, tz)
    if rest is None:
        return bounds
    (on, off), (start, end) = bounds[0], rest
    return [(on, start), (end, off)]


def halves(day: datetime.date, rule: ShiftRule, tz: datetime.tzinfo) -> Span:
    """Where the morning (上午) ends and the afternoon (下午) starts: across the rest window, else both at
    the middle of the day, from its first on time to its last off time."""
    rest = rest_bounds(day, rule, tz)
    if rest is not None:
        return rest
    bounds = segment_bounds(day, rule.segments, tz)
    middle = bounds[0][0] + (bounds[-1][1] - bounds[0][0]) / 2
    return middle, middle


def working_day(day: datetime.date, rule: ShiftRule, tz: datetime.tzinfo) -> WorkingDay:
    """The day's working time, and the longer of its halves."""
    bounds = working_bounds(day, rule, tz)
    morning_end, afternoon_start = halves(day, rule, tz)
    first_on, last_off = bounds[0][0], bounds[-1][1]
    half = max(overlap_minutes((first_on, morning_end), bounds), overlap_minutes((afternoon_start, last_off), bounds))
    return WorkingDay(bounds, half)


def _minutes(delta: datetime.timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _covering(away: Sequence[AwayFact], moment: datetime.datetime, *, closed_end: bool) -> AwayFact | None:
    """The absence that spans `moment` (an off time may fall on the absence's end)."""
    for fact in away:
        if fact.starts_at <= moment < fact.ends_at or (closed_end and fact.starts_at < moment <= fact.ends_at):
            return fact
    return None


def _on_slot(
    rule: ShiftRule,
    on: datetime.datetime,
    start: datetime.datetime,
    middle: datetime.datetime,
    punches: Sequence[PunchFact],
    now: datetime.datetime,
    away: Sequence[AwayFact] = (),
    flex_minutes: int = 0,
    morning_end: datetime.datetime | None = None,
) -> Slot:
    covering = _covering(away, on, closed_end=False)
    if covering is not None:
        if covering.ends_at >= (morning_end or middle):
            return Slot("on", on, start, middle, covering.kind, leave_type=covering.leave_type)
        on = covering.ends_at  # back before the middle: expected then
    candidates = [p for p in punches if start <= p.at < middle]
    if not candidates:
        return Slot("on", on, start, middle, "pending" if now < middle else "missing")
    first = min(candidates, key=lambda p: p.at)
    late = _minutes(first.at - on)
    if late <= flex_minutes:
        return Slot("on", on, start, middle, "on_time", first.id, first.at, 0, first.made_up)
    late -= flex_minutes
    if late <= rule.late_grace_minutes:
        result: SlotResult = "on_time"
    elif late > rule.absent_late_minutes:
        result = "absent_late"
    elif late > rule.serious_late_minutes:
        result = "serious_late"
    else:
        result = "late"
    minutes = max(late, 0) if result != "on_time" else 0
    return Slot("on", on, start, middle, result, first.id, first.at, minutes, first.made_up)


def _off_slot(
    rule: ShiftRule,
    off: datetime.datetime,
    middle: datetime.datetime,
    end: datetime.datetime,
    punches: Sequence[PunchFact],
    now: datetime.datetime,
    away: Sequence[AwayFact] = (),
    afternoon_start: datetime.datetime | None = None,
) -> Slot:
    covering = _covering(away, off, closed_end=True)
    if covering is not None:
        if covering.starts_at <= (afternoon_start or middle):
            return Slot("off", off, middle, end, covering.kind, leave_type=covering.leave_type)
        off = covering.starts_at  # away after the middle: expected to leave then
    candidates = [p for p in punches if middle <= p.at <= end]
    if not candidates:
        return Slot("off", off, middle, end, "pending" if now <= end else "missing")
    last = max(candidates, key=lambda p: p.at)
    early = _minutes(off - last.at)
    if early > rule.early_grace_minutes:
        return Slot("off", off, middle, end, "early", last.id, last.at, early, last.made_up)
    return Slot("off", off, middle, end, "on_time", last.id, last.at, 0, last.made_up)


def compute_day(
    rule: ShiftRule | None,
    day: datetime.date,
    punches: Sequence[PunchFact],
    now: datetime.datetime,
    tz: datetime.tzinfo,
    away: Sequence[AwayFact] = (),
) -> DayResult:
    """The day's result; `rule` None is a rest day (no shift, or not a workday)."""
    if rule is None:
        return DayResult(day, "rest")
    slots: list[Slot] = []
    bounds = segment_bounds(day, rule.segments, tz)
    rest = rest_bounds(day, rule, tz) or (None, None)
    delay = datetime.timedelta()
    for index, (on, off) in enumerate(bounds):
        middle = on + (off - on) / 2
        start = on - datetime.timedelta(minutes=rule.on_window_minutes)
        flex = rule.flex_minutes if index == 0 else 0
        on_slot = _on_slot(rule, on, start, middle, punches, now, away, flex, morning_end=rest[0])
        if index == 0 and on_slot.punched_at is not None and on_slot.result not in AWAY:
            late = max(_minutes(on_slot.punched_at - on_slot.expected_at), 0)
            delay = datetime.timedelta(minutes=min(late, rule.flex_minutes))
        expected_off = off + delay if index == len(bounds) - 1 else off
        end = expected_off + datetime.timedelta(minutes=rule.off_window_minutes)
        slots.append(on_slot)
        slots.append(_off_slot(rule, expected_off, middle, end, punches, now, away, afternoon_start=rest[1]))
    return DayResult(day, _status(slots), tuple(slots))


# The nominal working hours of a day without a shift: what time away must cover to take the whole day.
OFFICE_HOURS = (Segment(datetime.time(9), datetime.time(18)),)


def compute_free_day(
    day: datetime.date,
    *,
    workday: bool,
    punches: Sequence[PunchFact],
    now: datetime.datetime,
    tz: datetime.tzinfo,
    away: Sequence[AwayFact] = (),
    hours: Sequence[Segment] = OFFICE_HOURS,
) -> DayResult:
    """A day of free hours (自由工时): no shift and no slots. A rest day unless `workday`; away when
    approved time away covers its nominal `hours`; else worked (`normal`) with at least one punch
    during the day, `absent` without one once the day is over, `pending` until then."""
    if not workday:
        return DayResult(day, "rest")
    bounds = segment_bounds(day, hours, tz)
    covering = [_covering(away, on, closed_end=False) for on, _ in bounds]
    if all(fact is not None and fact.ends_at >= off for fact, (_, off) in zip(covering, bounds, strict=True)):
        return DayResult(day, cast(AwayFact, covering[0]).kind)
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=tz)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), tzinfo=tz)
    if any(start <= punch.at < end for punch in punches):
        return DayResult(day, "normal")
    return DayResult(day, "pending" if now < end else "absent")


FORGIVABLE: tuple[SlotResult, ...] = ("late", "serious_late")


def forgive_lates(days: Sequence[DayResult], *, allowed: int, within_minutes: int) -> list[DayResult]:
    """迟到豁免: in each calendar month, the first `allowed` lates (in order of time) of at most
    `within_minutes` count as on time, marked forgiven. `days` are consecutive and start no later
    than the first of their month, so that the count is the month's."""
    if allowed <= 0 or within_minutes <= 0:
        return list(days)
    forgiven: list[DayResult] = []
    month, used = None, 0
    for day in days:
        if (day.day.year, day.day.month) != month:
            month, used = (day.day.year, day.day.month), 0
        slots = list(day.slots)
        for index, slot in enumerate(slots):
            if used < allowed and slot.result in FORGIVABLE and slot.minutes <= within_minutes:
                slots[index] = replace(slot, result="on_time", forgiven=True)
                used += 1
        forgiven.append(replace(day, status=_status(slots), slots=tuple(slots)) if slots != list(day.slots) else day)
    return forgiven


def _status(slots: Sequence[Slot]) -> DayStatus:
    judged = [slot for slot in slots if slot.result not in AWAY]
    if not judged:  # away all day: the first slot's reason names the day
        return cast(AwayKind, slots[0].result)
    results = {slot.result for slot in judged}
    if results <= {"missing"} or "absent_late" in results:
        return "absent"
    if results & {"late", "serious_late", "early", "missing"}:
        return "abnormal"
    if "pending" in results:
        return "pending"
    return "normal"


def day_to_json(day: DayResult) -> list[dict[str, object]]:
    """The slots as stored (the worker's record of the day)."""
    return [
        {
            "kind": slot.kind,
            "expected_at": slot.expected_at.isoformat(),
            "window_start": slot.window_start.isoformat(),
            "window_end": slot.window_end.isoformat(),
            "result": slot.result,
            "punch_id": slot.punch_id,
            "punched_at": slot.punched_at.isoformat() if slot.punched_at else None,
            "minutes": slot.minutes,
            "made_up": slot.made_up,
            "leave_type": slot.leave_type,
            "forgiven": slot.forgiven,
        }
        for slot in day.slots
    ]


def day_from_json(day: datetime.date, status: str, slots: Sequence[dict[str, object]]) -> DayResult:
    def moment(value: object) -> datetime.datetime:
        return datetime.datetime.fromisoformat(str(value))

    return DayResult(
        day,
        cast(DayStatus, status),
        tuple(
            Slot(
                cast(Literal["on", "off"], slot["kind"]),
                moment(slot["expected_at"]),
                moment(slot["window_start"]),
                moment(slot["window_end"]),
                cast(SlotResult, slot["result"]),
                cast(str | None, slot["punch_id"]),
                moment(slot["punched_at"]) if slot["punched_at"] else None,
                int(cast(int, slot["minutes"])),
                bool(slot["made_up"]),
                str(slot.get("leave_type", "")),
                bool(slot.get("forgiven", False)),
            )
            for slot in slots
        ),
    )


def settles_at(day: DayResult, allowance: datetime.timedelta, tz: datetime.tzinfo) -> datetime.datetime:
    """When the day can no longer change by itself (the watermark): its last punch window has closed
    and punches queued offline have had `allowance` to arrive. A rest day settles after midnight."""
    if day.slots:
        closes = max(slot.window_end for slot in day.slots)
    else:
        closes = datetime.datetime.combine(day.day + datetime.timedelta(days=1), datetime.time(), tzinfo=tz)
    return closes + allowance
