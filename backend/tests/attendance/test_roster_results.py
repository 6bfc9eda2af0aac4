"""Results of roster (排班) and free-hours (自由工时) groups, as pure functions: table-driven."""

from __future__ import annotations

import datetime
import uuid
from zoneinfo import ZoneInfo

import pytest

from officium.attendance.models import AttendanceGroup, CalendarDay, Shift
from officium.attendance.results import AwayFact, PunchFact, compute_day, compute_free_day
from officium.attendance.selectors import shift_rule

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = datetime.date(2026, 11, 23)
TUESDAY, WEDNESDAY, THURSDAY = (MONDAY + datetime.timedelta(days=n) for n in (1, 2, 3))


def at(day: datetime.date, hhmm: str) -> datetime.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hours, minutes), tzinfo=SHANGHAI)


def punches(*moments: datetime.datetime) -> list[PunchFact]:
    return [PunchFact(f"p{n}", moment) for n, moment in enumerate(moments)]


# --- free hours -------------------------------------------------------------------------------------------------------
WHOLE_DAY_LEAVE = AwayFact("leave", at(MONDAY, "00:00"), at(TUESDAY, "00:00"), "annual")
MORNING_LEAVE = AwayFact("leave", at(MONDAY, "09:00"), at(MONDAY, "13:00"), "annual")
OFFICE_HOURS_TRIP = AwayFact("trip", at(MONDAY, "09:00"), at(MONDAY, "18:00"))


@pytest.mark.parametrize(
    ("workday", "moments", "away", "now", "status"),
    [
        (True, [at(MONDAY, "10:17")], [], at(MONDAY, "10:30"), "normal"),  # one punch is enough
        (True, [at(MONDAY, "00:00"), at(MONDAY, "23:59")], [], at(TUESDAY, "12:00"), "normal"),
        (True, [], [], at(MONDAY, "23:59"), "pending"),  # the day is not over
        (True, [], [], at(TUESDAY, "00:00"), "absent"),
        (True, [at(TUESDAY, "00:00")], [], at(TUESDAY, "01:00"), "absent"),  # the next day's punch
        (True, [at(MONDAY - datetime.timedelta(days=1), "23:59")], [], at(TUESDAY, "01:00"), "absent"),
        (True, [], [WHOLE_DAY_LEAVE], at(TUESDAY, "01:00"), "leave"),
        (True, [at(MONDAY, "09:00")], [WHOLE_DAY_LEAVE], at(TUESDAY, "01:00"), "leave"),  # away counts first
        (True, [], [OFFICE_HOURS_TRIP], at(TUESDAY, "01:00"), "trip"),  # covers the nominal hours
        (True, [], [MORNING_LEAVE], at(TUESDAY, "01:00"), "absent"),  # half a day away is not the day
        (True, [at(MONDAY, "14:00")], [MORNING_LEAVE], at(TUESDAY, "01:00"), "normal"),
        (False, [at(MONDAY, "10:00")], [], at(TUESDAY, "01:00"), "rest"),
        (False, [], [], at(TUESDAY, "01:00"), "rest"),
    ],
)
def test_a_free_hours_day(
    workday: bool, moments: list[datetime.datetime], away: list[AwayFact], now: datetime.datetime, status: str
) -> None:
    day = compute_free_day(MONDAY, workday=workday, punches=punches(*moments), now=now, tz=SHANGHAI, away=away)
    assert (day.day, day.status, day.slots, day.late_minutes) == (MONDAY, status, (), 0)


# --- rosters ----------------------------------------------------------------------------------------------------------
DAY_SHIFT = Shift(id=uuid.uuid4(), name="白班", segments=[{"on": "09:00", "off": "18:00"}])
NIGHT_SHIFT = Shift(id=uuid.uuid4(), name="夜班", segments=[{"on": "22:00", "off": "06:00"}], off_window_minutes=120)
ROSTER = AttendanceGroup(name="排班组", kind=AttendanceGroup.Kind.ROSTER, late_grace_minutes=5, shift=DAY_SHIFT)
FIXED = AttendanceGroup(name="固定班", kind=AttendanceGroup.Kind.FIXED, shift=DAY_SHIFT)
FREE = AttendanceGroup(name="自由工时", kind=AttendanceGroup.Kind.FREE, shift=DAY_SHIFT)
# Monday days, Tuesday rests, Wednesday nights (until Thursday 06:00), nothing planned on Thursday.
PLAN: dict[datetime.date, Shift | None] = {MONDAY: DAY_SHIFT, TUESDAY: None, WEDNESDAY: NIGHT_SHIFT}
WEEK_PUNCHES = punches(
    at(MONDAY, "09:04"),
    at(MONDAY, "18:01"),
    at(TUESDAY, "10:00"),  # a visit on the rest day counts for nothing
    at(WEDNESDAY, "22:20"),
    at(THURSDAY, "06:02"),
)


@pytest.mark.parametrize(
    ("day", "status", "slots"),
    [
        (MONDAY, "normal", [("on_time", at(MONDAY, "09:00"), 0), ("on_time", at(MONDAY, "18:00"), 0)]),
        (TUESDAY, "rest", []),
        (WEDNESDAY, "abnormal", [("late", at(WEDNESDAY, "22:00"), 20), ("on_time", at(THURSDAY, "06:00"), 0)]),
        (THURSDAY, "rest", []),  # no entry: a rest day, and its 06:02 punch belongs to Wednesday's night
    ],
)
def test_a_roster_week_with_a_rest_day_and_a_night_shift(
    day: datetime.date, status: str, slots: list[tuple[str, datetime.datetime, int]]
) -> None:
    rule = shift_rule(ROSTER, day, None, PLAN)
    result = compute_day(rule, day, WEEK_PUNCHES, at(THURSDAY, "12:00"), SHANGHAI)
    assert result.status == status
    assert [(slot.result, slot.expected_at, slot.minutes) for slot in result.slots] == slots


def test_the_roster_applies_the_groups_rules_to_the_planned_shift() -> None:
    rule = shift_rule(ROSTER, WEDNESDAY, None, PLAN)
    assert rule is not None
    assert (rule.segments[0].on, rule.segments[0].off) == (datetime.time(22), datetime.time(6))
    assert (rule.off_window_minutes, rule.late_grace_minutes) == (120, 5)


@pytest.mark.parametrize(
    ("group", "day", "calendar_kind", "shift"),
    [
        (ROSTER, MONDAY, CalendarDay.Kind.HOLIDAY, "白班"),  # the roster is the plan: a holiday does not override it
        (ROSTER, TUESDAY, CalendarDay.Kind.WORKDAY, None),  # nor does an adjusted working day
        (ROSTER, THURSDAY, None, None),  # no entry: a rest day, whatever the group's own shift
        (ROSTER, datetime.date(2026, 11, 28), None, None),  # a Saturday
        (FIXED, MONDAY, None, "白班"),
        (FIXED, MONDAY, CalendarDay.Kind.HOLIDAY, None),
        (FIXED, datetime.date(2026, 11, 28), CalendarDay.Kind.WORKDAY, "白班"),
        (FIXED, TUESDAY, None, "白班"),  # a fixed group ignores any roster
        (FREE, MONDAY, None, None),  # free hours have no shift
    ],
)
def test_which_shift_a_day_has(
    group: AttendanceGroup, day: datetime.date, calendar_kind: str | None, shift: str | None
) -> None:
    rule = shift_rule(group, day, calendar_kind, PLAN)
    expected = {"白班": (datetime.time(9), datetime.time(18)), None: None}[shift]
    assert ((rule.segments[0].on, rule.segments[0].off) if rule else None) == expected
