"""Rest windows (午休): what a shift accepts, and how leave, overtime, half days and slots leave them out."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from officium.attendance import results, selectors
from officium.attendance.models import AttendanceGroup, Shift
from officium.attendance.results import AwayFact, PunchFact, Rest, Segment, ShiftRule, compute_day
from officium.attendance.services import groups, overtime, shifts
from officium.core.errors import ValidationFailed
from officium.core.models import AuditEvent
from officium.leave import services as leave
from officium.leave.models import LeaveType
from officium.org.models import Employee

from ..conftest import ApiClient

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = datetime.date(2026, 11, 25)  # a Wednesday
NINE_TO_SIX = [{"on": "09:00", "off": "18:00"}]
LUNCH = {"start": "12:00", "end": "13:00"}
WITH_LUNCH = ShiftRule(
    segments=(Segment(datetime.time(9), datetime.time(18)),), rest=Rest(datetime.time(12), datetime.time(13))
)
NIGHT_WITH_REST = ShiftRule(
    segments=(Segment(datetime.time(22), datetime.time(6)),), rest=Rest(datetime.time(2), datetime.time(3))
)


def at(hhmm: str, day: datetime.date = DAY) -> datetime.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hours, minutes), tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("segments", "rest", "cleaned"),
    [
        (NINE_TO_SIX, LUNCH, LUNCH),
        (NINE_TO_SIX, {"start": "11:30", "end": "13:30"}, {"start": "11:30", "end": "13:30"}),
        ([{"on": "22:00", "off": "06:00"}], {"start": "02:00", "end": "03:00"}, {"start": "02:00", "end": "03:00"}),
        ([{"on": "22:00", "off": "06:00"}], {"start": "23:30", "end": "00:30"}, {"start": "23:30", "end": "00:30"}),
        (NINE_TO_SIX, None, None),
    ],
)
def test_rest_windows_inside_the_segment(
    segments: list[dict[str, str]], rest: dict[str, str] | None, cleaned: dict[str, str] | None
) -> None:
    assert shifts.clean_rest(rest, segments) == cleaned


@pytest.mark.parametrize(
    ("segments", "rest"),
    [
        (NINE_TO_SIX, {"start": "09:00", "end": "10:00"}),  # starts with the segment
        (NINE_TO_SIX, {"start": "17:00", "end": "18:00"}),  # ends with it
        (NINE_TO_SIX, {"start": "13:00", "end": "12:00"}),  # backwards
        (NINE_TO_SIX, {"start": "12:00", "end": "12:00"}),
        (NINE_TO_SIX, {"start": "08:00", "end": "10:00"}),  # outside
        (NINE_TO_SIX, {"start": "12:00", "end": "19:00"}),
        (NINE_TO_SIX, {"start": "12", "end": "13:00"}),  # not HH:MM
        (NINE_TO_SIX, {"start": "12:00"}),
        ([{"on": "08:30", "off": "12:00"}, {"on": "13:30", "off": "17:30"}], {"start": "10:00", "end": "10:30"}),
        ([{"on": "22:00", "off": "06:00"}], {"start": "21:00", "end": "23:00"}),
    ],
)
def test_rest_windows_that_do_not_fit(segments: list[dict[str, str]], rest: dict[str, str]) -> None:
    with pytest.raises(ValidationFailed) as refused:
        shifts.clean_rest(rest, segments)
    assert refused.value.code == "invalid_rest"


@pytest.mark.parametrize(
    ("rule", "day", "working", "halves"),
    [
        (WITH_LUNCH, DAY, [("09:00", "12:00"), ("13:00", "18:00")], ("12:00", "13:00")),
        (ShiftRule(segments=WITH_LUNCH.segments), DAY, [("09:00", "18:00")], ("13:30", "13:30")),
        (NIGHT_WITH_REST, DAY, [("25 22:00", "26 02:00"), ("26 03:00", "26 06:00")], ("26 02:00", "26 03:00")),
    ],
)
def test_working_time_and_halves_leave_the_rest_out(
    rule: ShiftRule, day: datetime.date, working: list[tuple[str, str]], halves: tuple[str, str]
) -> None:
    pattern = "%d %H:%M" if rule is NIGHT_WITH_REST else "%H:%M"
    spans = results.working_bounds(day, rule, SHANGHAI)
    assert [(on.strftime(pattern), off.strftime(pattern)) for on, off in spans] == working
    split = results.halves(day, rule, SHANGHAI)
    assert (split[0].strftime(pattern), split[1].strftime(pattern)) == halves


@pytest.mark.parametrize(
    ("away", "punches", "slots"),
    [
        (("09:00", "12:00"), ["18:05"], ["leave", "on_time"]),  # a morning off: the on slot is covered
        (("13:00", "18:00"), ["08:55"], ["on_time", "leave"]),  # an afternoon off: the off slot is
        (("09:00", "11:00"), ["11:10", "18:05"], ["late", "on_time"]),  # back before the rest: expected at 11:00
        (("14:00", "18:00"), ["08:55", "14:02"], ["on_time", "on_time"]),  # expected to leave at 14:00
    ],
)
def test_half_day_leave_across_the_rest_leaves_the_other_half_judged(
    away: tuple[str, str], punches: list[str], slots: list[str]
) -> None:
    facts = [PunchFact(f"p{n}", at(text)) for n, text in enumerate(punches)]
    leave_fact = AwayFact("leave", at(away[0]), at(away[1]), "annual")
    day = compute_day(WITH_LUNCH, DAY, facts, at("23:59"), SHANGHAI, [leave_fact])
    assert [slot.result for slot in day.slots] == slots


@pytest.fixture
def lunch_group(staff: dict[str, Employee], group: AttendanceGroup) -> Employee:
    admin = staff["admin"].user
    shift = shifts.shift_create(actor=admin, name="午休班", segments=NINE_TO_SIX, rest=LUNCH)
    groups.group_update(actor=admin, group_id=group.pk, shift_id=shift.pk)
    return Employee.objects.select_related("main_department").get(pk=staff["employee"].pk)


def _range(start: str, end: str, **halves: str) -> dict[str, Any]:
    return {"start": start, "end": end, **halves}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("period", "code", "amount"),
    [
        (_range("2026-11-25T09:00:00+08:00", "2026-11-25T18:00:00+08:00"), "compensatory", "8"),
        (_range("2026-11-25T10:00:00+08:00", "2026-11-25T14:00:00+08:00"), "compensatory", "3"),
        (_range("2026-11-25T11:30:00+08:00", "2026-11-25T13:30:00+08:00"), "compensatory", "1"),
        (_range("2026-11-25T12:00:00+08:00", "2026-11-25T13:00:00+08:00"), "compensatory", "0"),
        (_range("2026-11-25", "2026-11-25", start_half="am", end_half="am"), "compensatory", "3"),
        (_range("2026-11-25", "2026-11-25", start_half="pm", end_half="pm"), "compensatory", "5"),
        (_range("2026-11-25", "2026-11-25", start_half="am", end_half="am"), "annual", "0.5"),
        (_range("2026-11-25", "2026-11-25", start_half="pm", end_half="pm"), "annual", "0.5"),
        (_range("2026-11-25", "2026-11-26", start_half="pm", end_half="pm"), "annual", "1.5"),
        # A half day takes up to the longer half (the afternoon's 5 hours), else the whole day.
        (_range("2026-11-25T09:00:00+08:00", "2026-11-25T15:00:00+08:00"), "annual", "0.5"),
        (_range("2026-11-25T09:00:00+08:00", "2026-11-25T15:01:00+08:00"), "annual", "1"),
    ],
)
def test_leave_durations_leave_the_rest_out(
    lunch_group: Employee, period: dict[str, Any], code: str, amount: str
) -> None:
    span = selectors.request_span(lunch_group, period)
    assert span is not None
    assert leave.request_amount(lunch_group, LeaveType.objects.get(pk=code), span) == Decimal(amount)


@pytest.mark.django_db
def test_half_days_split_across_the_rest(lunch_group: Employee) -> None:
    morning = selectors.request_span(lunch_group, _range("2026-11-25", "2026-11-25", start_half="am", end_half="am"))
    afternoon = selectors.request_span(lunch_group, _range("2026-11-25", "2026-11-25", start_half="pm", end_half="pm"))
    assert morning is not None
    assert afternoon is not None
    assert [timezone.localtime(moment).strftime("%d %H:%M") for moment in morning] == ["25 00:00", "25 12:00"]
    assert [timezone.localtime(moment).strftime("%d %H:%M") for moment in afternoon] == ["25 13:00", "26 00:00"]
    coverage = selectors.request_coverage(lunch_group, morning)
    assert [(c.day, c.covered_minutes, c.scheduled_minutes) for c in coverage] == [(DAY, 180, 480)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        ("2026-11-25T08:00:00+08:00", "2026-11-25T14:00:00+08:00", "5.00"),  # across the rest: an hour less
        ("2026-11-25T12:00:00+08:00", "2026-11-25T13:30:00+08:00", "0.50"),
        ("2026-11-25T18:30:00+08:00", "2026-11-25T21:00:00+08:00", "2.50"),  # after the shift
        ("2026-11-28T09:00:00+08:00", "2026-11-28T14:00:00+08:00", "5.00"),  # a Saturday: no shift, no rest
    ],
)
def test_overtime_leaves_the_rest_out(lunch_group: Employee, start: str, end: str, hours: str) -> None:
    form = {"period": {"start": start, "end": end}, "compensation": "pay", "reason": "上线"}
    record = overtime.record_approved(approval_id=uuid.uuid4(), employee=lunch_group, form_data=form)
    assert record is not None
    assert record.hours == Decimal(hours)


@pytest.mark.django_db
def test_overtime_shorter_than_the_minimum_once_the_rest_is_out_is_not_recorded(lunch_group: Employee) -> None:
    form = {"period": {"start": "2026-11-25T11:45:00+08:00", "end": "2026-11-25T13:10:00+08:00"}, "compensation": "pay"}
    assert overtime.record_approved(approval_id=uuid.uuid4(), employee=lunch_group, form_data=form) is None


@pytest.mark.django_db
def test_an_administrator_sets_and_clears_a_rest_window(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    admin = ApiClient(staff["admin"].user)
    created = admin.post("attendance/shifts", {"name": "标准班", "segments": NINE_TO_SIX, "rest": LUNCH})
    assert (created.status_code, created.json()["rest"]) == (201, LUNCH)
    shift_id = created.json()["id"]
    groups.group_update(actor=staff["admin"].user, group_id=group.pk, shift_id=uuid.UUID(shift_id))
    version = AttendanceGroup.objects.get(pk=group.pk).version
    moved = admin.patch(f"attendance/shifts/{shift_id}", {"rest": {"start": "11:30", "end": "12:30"}})
    assert moved.json()["rest"] == {"start": "11:30", "end": "12:30"}
    assert AttendanceGroup.objects.get(pk=group.pk).version == version + 1
    audit = AuditEvent.objects.get(action="attendance.shift.update", object_id=shift_id)
    assert audit.changes == {"rest": [LUNCH, {"start": "11:30", "end": "12:30"}]}
    cleared = admin.patch(f"attendance/shifts/{shift_id}", {"rest": None})
    assert (cleared.status_code, cleared.json()["rest"]) == (200, None)
    assert Shift.objects.get(pk=shift_id).rest is None


@pytest.mark.django_db
def test_a_rest_that_does_not_fit_is_refused_and_nothing_changes(staff: dict[str, Employee]) -> None:
    admin = ApiClient(staff["admin"].user)
    outside = admin.post(
        "attendance/shifts", {"name": "标准班", "segments": NINE_TO_SIX, "rest": {"start": "08:00", "end": "09:30"}}
    )
    assert (outside.status_code, outside.json()["code"]) == (422, "invalid_rest")
    assert not Shift.objects.exists()
    shift = admin.post("attendance/shifts", {"name": "标准班", "segments": NINE_TO_SIX, "rest": LUNCH}).json()
    split = admin.patch(
        f"attendance/shifts/{shift['id']}",
        {"segments": [{"on": "08:30", "off": "12:00"}, {"on": "13:30", "off": "17:30"}]},
    )
    assert (split.status_code, split.json()["code"]) == (422, "invalid_rest")
    assert Shift.objects.get(pk=shift["id"]).segments == NINE_TO_SIX
    unknown = admin.patch(f"attendance/shifts/{shift['id']}", {"rest": {"start": "12:00", "end": "13:00", "x": 1}})
    assert unknown.status_code == 422
