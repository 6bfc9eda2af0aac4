"""The workday calendar: Chinese holidays and 调休 working weekends from the package, edits kept."""

from __future__ import annotations

import datetime

import pytest

from officium.attendance.models import AttendanceGroup, CalendarDay
from officium.attendance.services import calendar, groups, shifts
from officium.core.models import AuditEvent
from officium.org.models import Employee

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_2026_in_china_has_the_published_holidays_and_working_weekends() -> None:
    assert calendar.seed("CN", 2026) == 39
    days = dict(CalendarDay.objects.filter(country="CN", date__year=2026).values_list("date", "kind"))
    assert days[datetime.date(2026, 10, 1)] == "holiday"  # 国庆节
    assert days[datetime.date(2026, 2, 14)] == "workday"  # a Saturday worked before 春节
    assert CalendarDay.objects.get(country="CN", date=datetime.date(2026, 2, 17)).name == "春节"
    assert CalendarDay.objects.get(country="CN", date=datetime.date(2026, 9, 20)).name == "国庆节调休上班"
    assert calendar.seed("CN", 2026) == 0  # seeding again adds nothing


def test_other_countries_get_their_public_holidays() -> None:
    calendar.seed("SG", 2026)
    assert CalendarDay.objects.get(country="SG", date=datetime.date(2026, 8, 9)).name == "National Day"
    assert not CalendarDay.objects.filter(country="SG", kind="workday").exists()


def test_an_administrators_edit_survives_seeding(staff: dict[str, Employee]) -> None:
    admin = ApiClient(staff["admin"].user)
    answer = admin.request("PUT", "attendance/calendar/CN/2026-10-01", {"kind": "normal", "name": "公司值班"})
    assert answer.json() == {"date": "2026-10-01", "kind": "normal", "name": "公司值班", "edited": True}
    seeded = admin.post("attendance/calendar/CN/2026/seed")
    assert seeded.json() == {"added": 38}
    year = admin.get("attendance/calendar", country="CN", year=2026).json()
    assert next(d for d in year if d["date"] == "2026-10-01")["kind"] == "normal"
    assert list(
        AuditEvent.objects.filter(action__startswith="attendance.calendar")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["attendance.calendar.set", "attendance.calendar.seed"]
    refused = ApiClient(staff["employee"].user).request("PUT", "attendance/calendar/CN/2026-10-02", {"kind": "workday"})
    assert refused.status_code == 403


def test_holidays_rest_and_working_weekends_work(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    admin = staff["admin"].user
    standard = shifts.shift_create(actor=admin, name="标准班", segments=[{"on": "09:00", "off": "18:00"}])
    groups.group_update(actor=admin, group_id=group.pk, shift_id=standard.pk)
    calendar.seed("CN", 2026)
    days = ApiClient(staff["employee"].user).get("attendance/me/days", since="2026-09-30", until="2026-10-10").json()
    assert [(d["day"][5:], d["status"]) for d in days] == [
        ("09-30", "absent"),  # a Wednesday
        ("10-01", "rest"),
        ("10-02", "rest"),
        ("10-03", "rest"),
        ("10-04", "rest"),
        ("10-05", "rest"),
        ("10-06", "rest"),
        ("10-07", "rest"),
        ("10-08", "absent"),  # Thursday: back to work
        ("10-09", "absent"),
        ("10-10", "absent"),  # a Saturday made a working day
    ]


def test_a_group_follows_another_countrys_calendar(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    admin = ApiClient(staff["admin"].user)
    assert admin.patch(f"attendance/groups/{group.pk}", {"calendar_country": "SG"}).json()["calendar_country"] == "SG"
    refused = admin.patch(f"attendance/groups/{group.pk}", {"calendar_country": "XX"})
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_country")


def test_the_daily_job_seeds_this_year_and_next_for_the_countries_in_use(group: AttendanceGroup) -> None:
    added = calendar.seed_countries_in_use(datetime.date(2026, 11, 26))
    assert added == {"CN": 39}  # the locked chinesecalendar knows 2026; 2027 is not published in it yet
    assert {day.year for day in CalendarDay.objects.values_list("date", flat=True)} == {2026}


@pytest.mark.parametrize("path", ["attendance/calendar/XX/2026-10-01", "attendance/calendar/not_a_country/2026-10-01"])
def test_an_unknown_country_is_refused(staff: dict[str, Employee], path: str) -> None:
    answer = ApiClient(staff["admin"].user).request("PUT", path, {"kind": "holiday"})
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_country")
    assert not CalendarDay.objects.exists()
