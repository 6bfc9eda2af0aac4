"""Half-day ranges (上午 / 下午): what the form accepts and counts, and how leave asked for by halves
splits the employee's day at the middle of their shift."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from officium.approvals import forms
from officium.attendance import selectors, spans
from officium.attendance.models import AttendanceGroup
from officium.attendance.services import groups, shifts
from officium.leave import services as leave
from officium.leave.models import LeaveType
from officium.org.models import Employee

FORM = {"fields": [{"id": "period", "type": "daterange", "label": "请假时间", "required": True, "unit": "half_day"}]}


def _range(start: str, start_half: Any, end: str, end_half: Any) -> dict[str, Any]:
    return {"start": start, "start_half": start_half, "end": end, "end_half": end_half}


@pytest.mark.parametrize(
    ("value", "duration"),
    [
        (_range("2026-11-23", "am", "2026-11-23", "am"), 0.5),
        (_range("2026-11-23", "am", "2026-11-23", "pm"), 1.0),
        (_range("2026-11-23", "pm", "2026-11-23", "pm"), 0.5),
        (_range("2026-11-23", "pm", "2026-11-24", "am"), 1.0),
        (_range("2026-11-23", "am", "2026-11-25", "pm"), 3.0),
    ],
)
def test_a_half_day_range_counts_its_halves(value: dict[str, Any], duration: float) -> None:
    result = forms.clean(FORM, {"period": value})
    assert result.problems == []
    assert result.values["period"] == {**value, "duration": duration}


@pytest.mark.parametrize(
    ("value", "pointer"),
    [
        (_range("2026-11-23", "pm", "2026-11-23", "am"), "/period"),  # ends before it starts
        (_range("2026-11-24", "am", "2026-11-23", "pm"), "/period"),
        (_range("2026-11-23", "morning", "2026-11-23", "pm"), "/period/start_half"),
        (_range("2026-11-23", "am", "2026-11-23", None), "/period/end_half"),
        ({"start": "2026-11-23", "end": "2026-11-23"}, "/period/start_half"),
    ],
)
def test_a_bad_half_day_range_is_refused(value: dict[str, Any], pointer: str) -> None:
    result = forms.clean(FORM, {"period": value})
    assert [(p.pointer, p.code) for p in result.problems][:1] == [(pointer, "invalid_range")]
    assert "period" not in result.values


SHANGHAI = timezone.get_fixed_timezone(8 * 60)


def _at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def middle_of_shift(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    middle = datetime.datetime.combine(day, datetime.time(13, 30), tzinfo=SHANGHAI)
    return middle, middle


def test_halves_split_at_the_midday_given_else_noon() -> None:
    afternoon_to_morning = _range("2026-11-23", "pm", "2026-11-24", "am")
    assert spans.request_span(afternoon_to_morning, SHANGHAI, middle_of_shift) == (
        _at("2026-11-23T13:30"),
        _at("2026-11-24T13:30"),
    )
    assert spans.request_span(afternoon_to_morning, SHANGHAI) == (_at("2026-11-23T12:00"), _at("2026-11-24T12:00"))
    assert spans.request_span(_range("2026-11-23", "am", "2026-11-23", "pm"), SHANGHAI) == (
        _at("2026-11-23T00:00"),
        _at("2026-11-24T00:00"),
    )


@pytest.mark.django_db
def test_a_morning_of_leave_is_half_a_day_and_covers_the_morning(
    staff: dict[str, Employee], group: AttendanceGroup
) -> None:
    admin = staff["admin"].user
    standard = shifts.shift_create(actor=admin, name="标准班", segments=[{"on": "09:00", "off": "18:00"}])
    groups.group_update(actor=admin, group_id=group.pk, shift_id=standard.pk)
    lina = Employee.objects.select_related("main_department").get(pk=staff["employee"].pk)
    morning = selectors.request_span(lina, _range("2026-11-23", "am", "2026-11-23", "am"))
    assert morning is not None
    assert [timezone.localtime(moment).strftime("%d %H:%M") for moment in morning] == ["23 00:00", "23 13:30"]
    for code, amount in (("annual", "0.5"), ("personal", "0.5"), ("compensatory", "4.5")):
        assert leave.request_amount(lina, LeaveType.objects.get(pk=code), morning) == Decimal(amount)
    afternoon = selectors.request_span(lina, _range("2026-11-23", "pm", "2026-11-24", "pm"))
    assert afternoon is not None
    assert leave.request_amount(lina, LeaveType.objects.get(pk="annual"), afternoon) == Decimal("1.5")
