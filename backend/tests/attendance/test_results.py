"""Day results from punches, shift and rules: table-driven, as a pure function."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from officium.attendance.results import AwayFact, AwayKind, PunchFact, Segment, ShiftRule, compute_day

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = datetime.date(2026, 11, 25)  # a Wednesday
NINE_TO_SIX = ShiftRule(segments=(Segment(datetime.time(9), datetime.time(18)),), late_grace_minutes=5)
SPLIT = ShiftRule(
    segments=(Segment(datetime.time(8, 30), datetime.time(12)), Segment(datetime.time(13, 30), datetime.time(17, 30))),
    on_window_minutes=60,
    off_window_minutes=60,
)
NIGHT = ShiftRule(segments=(Segment(datetime.time(22), datetime.time(6)),))


def at(hhmm: str, day: datetime.date = DAY) -> datetime.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hours, minutes), tzinfo=SHANGHAI)


def punches(*times: str | datetime.datetime) -> list[PunchFact]:
    return [PunchFact(f"p{n}", t if isinstance(t, datetime.datetime) else at(t)) for n, t in enumerate(times)]


END_OF_DAY = at("23:59")
NEXT_DAY = datetime.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("times", "results", "minutes", "status"),
    [
        (["08:50", "18:05"], ["on_time", "on_time"], [0, 0], "normal"),
        (["09:05", "18:00"], ["on_time", "on_time"], [0, 0], "normal"),  # within the 5-minute grace
        (["09:06", "18:00"], ["late", "on_time"], [6, 0], "abnormal"),
        (["09:31", "18:00"], ["serious_late", "on_time"], [31, 0], "abnormal"),
        (["11:01", "18:00"], ["absent_late", "on_time"], [121, 0], "absent"),
        (["08:55", "17:40"], ["on_time", "early"], [0, 20], "abnormal"),
        (["08:55"], ["on_time", "missing"], [0, 0], "abnormal"),
        (["18:10"], ["missing", "on_time"], [0, 0], "abnormal"),
        ([], ["missing", "missing"], [0, 0], "absent"),
        (["06:59", "22:01"], ["missing", "missing"], [0, 0], "absent"),  # outside both windows
        (["08:40", "08:50", "17:59", "18:30"], ["on_time", "on_time"], [0, 0], "normal"),  # first in, last out
    ],
)
def test_a_nine_to_six_day(times: list[str], results: list[str], minutes: list[int], status: str) -> None:
    day = compute_day(NINE_TO_SIX, DAY, punches(*times), END_OF_DAY, SHANGHAI)
    assert [s.result for s in day.slots] == results
    assert [s.minutes for s in day.slots] == minutes
    assert day.status == status


def test_the_slot_keeps_the_punch_that_counts() -> None:
    day = compute_day(NINE_TO_SIX, DAY, punches("08:40", "08:50", "17:59", "18:30"), END_OF_DAY, SHANGHAI)
    assert [(s.kind, s.punch_id, s.punched_at) for s in day.slots] == [
        ("on", "p0", at("08:40")),
        ("off", "p3", at("18:30")),
    ]
    assert [(s.expected_at, s.window_start, s.window_end) for s in day.slots] == [
        (at("09:00"), at("07:00"), at("13:30")),
        (at("18:00"), at("13:30"), at("22:00")),
    ]


@pytest.mark.parametrize(
    ("now", "results", "status"),
    [
        ("08:00", ["pending", "pending"], "pending"),
        ("12:00", ["on_time", "pending"], "pending"),
        ("21:59", ["on_time", "pending"], "pending"),  # the off window is still open
        ("22:01", ["on_time", "missing"], "abnormal"),
    ],
)
def test_a_slot_is_pending_until_its_window_closes(now: str, results: list[str], status: str) -> None:
    taken = punches("08:55") if now != "08:00" else []
    day = compute_day(NINE_TO_SIX, DAY, taken, at(now), SHANGHAI)
    assert ([s.result for s in day.slots], day.status) == (results, status)


def test_a_split_shift_has_four_slots() -> None:
    day = compute_day(SPLIT, DAY, punches("08:29", "12:01", "13:40", "17:30"), END_OF_DAY, SHANGHAI)
    assert [(s.kind, s.result, s.minutes) for s in day.slots] == [
        ("on", "on_time", 0),
        ("off", "on_time", 0),
        ("on", "late", 10),
        ("off", "on_time", 0),
    ]
    assert (day.status, day.late_minutes, day.early_minutes) == ("abnormal", 10, 0)


def test_a_night_shift_ends_the_next_morning() -> None:
    night_punches = punches("21:50", at("06:02", NEXT_DAY))
    day = compute_day(NIGHT, DAY, night_punches, at("12:00", NEXT_DAY), SHANGHAI)
    assert [(s.kind, s.expected_at, s.result) for s in day.slots] == [
        ("on", at("22:00"), "on_time"),
        ("off", at("06:00", NEXT_DAY), "on_time"),
    ]
    assert day.status == "normal"


def test_a_night_shift_left_early_after_midnight() -> None:
    day = compute_day(NIGHT, DAY, punches("22:00", at("03:00", NEXT_DAY)), at("12:00", NEXT_DAY), SHANGHAI)
    assert [(s.result, s.minutes) for s in day.slots] == [("on_time", 0), ("early", 180)]


def test_a_second_segment_after_midnight_is_the_next_morning() -> None:
    late_and_early = ShiftRule(
        segments=(Segment(datetime.time(20), datetime.time(23)), Segment(datetime.time(0, 30), datetime.time(4))),
        on_window_minutes=60,
        off_window_minutes=60,
    )
    taken = punches("19:55", "23:01", at("00:25", NEXT_DAY), at("04:00", NEXT_DAY))
    day = compute_day(late_and_early, DAY, taken, at("12:00", NEXT_DAY), SHANGHAI)
    assert [(s.kind, s.expected_at, s.result) for s in day.slots] == [
        ("on", at("20:00"), "on_time"),
        ("off", at("23:00"), "on_time"),
        ("on", at("00:30", NEXT_DAY), "on_time"),
        ("off", at("04:00", NEXT_DAY), "on_time"),
    ]


def test_a_rest_day_has_no_slots() -> None:
    day = compute_day(None, DAY, punches("09:00"), END_OF_DAY, SHANGHAI)
    assert (day.status, day.slots) == ("rest", ())


def away(kind: AwayKind, start: str | datetime.datetime, end: str | datetime.datetime) -> AwayFact:
    return AwayFact(
        kind,
        start if isinstance(start, datetime.datetime) else at(start),
        end if isinstance(end, datetime.datetime) else at(end),
    )


WHOLE_DAY = (at("00:00"), at("00:00", NEXT_DAY))


@pytest.mark.parametrize(
    ("absences", "times", "results", "minutes", "expected", "status"),
    [
        # A whole day of leave: nothing is judged.
        ([away("leave", *WHOLE_DAY)], [], ["leave", "leave"], [0, 0], ["09:00", "18:00"], "leave"),
        ([away("trip", *WHOLE_DAY)], ["09:30"], ["trip", "trip"], [0, 0], ["09:00", "18:00"], "trip"),
        # A morning off until 13:00 (before the middle, 13:30): expected at 13:00, the off slot judged.
        (
            [away("leave", "09:00", "13:00")],
            ["13:00", "18:00"],
            ["on_time", "on_time"],
            [0, 0],
            ["13:00", "18:00"],
            "normal",
        ),
        (
            [away("leave", "09:00", "13:00")],
            ["13:20", "18:00"],
            ["late", "on_time"],
            [20, 0],
            ["13:00", "18:00"],
            "abnormal",
        ),
        # A morning past the middle covers the on slot.
        ([away("leave", "09:00", "14:00")], ["17:59"], ["leave", "early"], [0, 1], ["09:00", "18:00"], "abnormal"),
        # The other half still counts: a half-day leave with no punch at all is an absence, not a leave.
        ([away("leave", "09:00", "13:00")], [], ["missing", "missing"], [0, 0], ["13:00", "18:00"], "absent"),
        # An afternoon outing from 15:00 (after the middle): expected to leave at 15:00.
        (
            [away("outing", "15:00", "18:00")],
            ["08:58", "15:00"],
            ["on_time", "on_time"],
            [0, 0],
            ["09:00", "15:00"],
            "normal",
        ),
        (
            [away("outing", "15:00", "18:00")],
            ["08:58", "14:40"],
            ["on_time", "early"],
            [0, 20],
            ["09:00", "15:00"],
            "abnormal",
        ),
        # An afternoon from 13:00 (before the middle) covers the off slot.
        ([away("leave", "13:00", "18:00")], ["08:58"], ["on_time", "leave"], [0, 0], ["09:00", "18:00"], "normal"),
        # Time away that does not reach the shift changes nothing.
        (
            [away("leave", "19:00", "21:00")],
            ["08:58", "18:00"],
            ["on_time", "on_time"],
            [0, 0],
            ["09:00", "18:00"],
            "normal",
        ),
    ],
)
def test_time_away_covers_the_slots_it_spans(
    absences: list[AwayFact], times: list[str], results: list[str], minutes: list[int], expected: list[str], status: str
) -> None:
    day = compute_day(NINE_TO_SIX, DAY, punches(*times), END_OF_DAY, SHANGHAI, absences)
    assert [s.result for s in day.slots] == results
    assert [s.minutes for s in day.slots] == minutes
    assert [f"{s.expected_at:%H:%M}" for s in day.slots] == expected
    assert day.status == status


def test_a_split_shift_with_a_morning_of_leave_judges_the_afternoon() -> None:
    day = compute_day(SPLIT, DAY, punches("13:35", "17:31"), END_OF_DAY, SHANGHAI, [away("leave", "08:30", "12:00")])
    assert [s.result for s in day.slots] == ["leave", "leave", "late", "on_time"]
    assert day.status == "abnormal"


def test_a_night_shift_is_covered_by_leave_ending_the_next_morning() -> None:
    night_off = away("leave", at("22:00"), at("06:00", NEXT_DAY))
    day = compute_day(NIGHT, DAY, [], at("12:00", NEXT_DAY), SHANGHAI, [night_off])
    assert ([s.result for s in day.slots], day.status) == (["leave", "leave"], "leave")


FLEXIBLE = ShiftRule(segments=(Segment(datetime.time(9), datetime.time(18)),), flex_minutes=30, late_grace_minutes=5)


@pytest.mark.parametrize(
    ("times", "results", "minutes", "expected_off"),
    [
        (["08:50", "18:00"], ["on_time", "on_time"], [0, 0], "18:00"),
        # Twenty minutes late is within the flexible half hour: expected to stay until 18:20.
        (["09:20", "18:20"], ["on_time", "on_time"], [0, 0], "18:20"),
        (["09:20", "18:10"], ["on_time", "early"], [0, 10], "18:20"),
        (["09:30", "18:30"], ["on_time", "on_time"], [0, 0], "18:30"),
        # Beyond it, lateness counts from 09:30 (with the 5-minute grace after it); the off time moves by 30.
        (["09:35", "18:30"], ["on_time", "on_time"], [0, 0], "18:30"),
        (["09:40", "18:30"], ["late", "on_time"], [10, 0], "18:30"),
        (["10:01", "18:29"], ["serious_late", "early"], [31, 1], "18:30"),
        # No on punch: nothing moves.
        (["18:00"], ["missing", "on_time"], [0, 0], "18:00"),
    ],
)
def test_a_flexible_shift(times: list[str], results: list[str], minutes: list[int], expected_off: str) -> None:
    day = compute_day(FLEXIBLE, DAY, punches(*times), END_OF_DAY, SHANGHAI)
    assert [s.result for s in day.slots] == results
    assert [s.minutes for s in day.slots] == minutes
    assert f"{day.slots[1].expected_at:%H:%M}" == expected_off


def test_flexible_time_moves_only_the_last_off_of_a_split_shift() -> None:
    split = ShiftRule(segments=SPLIT.segments, flex_minutes=20)
    day = compute_day(split, DAY, punches("08:45", "12:00", "13:30", "17:45"), END_OF_DAY, SHANGHAI)
    assert [f"{s.expected_at:%H:%M}" for s in day.slots] == ["08:30", "12:00", "13:30", "17:45"]
    assert [s.result for s in day.slots] == ["on_time", "on_time", "on_time", "on_time"]
