"""The workday calendar: public holidays and adjusted working days per country.

China publishes each year's holidays and the weekends worked in exchange (调休) around November;
`chinesecalendar` carries them. Other countries come from `holidays` (public holidays only).
Administrators can correct any day; their edits survive re-seeding.
"""

from __future__ import annotations

import datetime
from typing import Any

import holidays as public_holidays
from chinese_calendar import constants as chinese
from django.db import transaction

from officium.attendance.models import AttendanceGroup, CalendarDay
from officium.attendance.permissions import GROUP_MANAGE
from officium.core import audit, permissions
from officium.core.errors import ValidationFailed

CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def supported_countries() -> frozenset[str]:
    return frozenset(public_holidays.list_supported_countries()) | {"CN"}


def _check_country(country: str) -> None:
    if country not in supported_countries():
        raise ValidationFailed("No calendar is known for this country.", code="invalid_country")


def _package_days(country: str, year: int) -> dict[datetime.date, tuple[str, str]]:
    """{date: (kind, name)} for the year, from the package for the country."""
    if country == "CN":
        days = {d: ("holiday", CHINESE_NAMES.get(n, n)) for d, n in chinese.holidays.items() if d.year == year}
        days |= {
            d: ("workday", f"{CHINESE_NAMES.get(n, n)}调休上班") for d, n in chinese.workdays.items() if d.year == year
        }
        return days
    try:
        found = public_holidays.country_holidays(country, years=year)
    except NotImplementedError:
        raise ValidationFailed(f"No public holidays are known for {country}.", code="unknown_country") from None
    return {day: ("holiday", str(name)) for day, name in found.items()}


def seed(country: str, year: int) -> int:
    """Add the package's days of the year that are not there yet; returns how many were added."""
    known = set(CalendarDay.objects.filter(country=country, date__year=year).values_list("date", flat=True))
    new = [
        CalendarDay(country=country, date=day, kind=kind, name=name[:100])
        for day, (kind, name) in sorted(_package_days(country, year).items())
        if day not in known
    ]
    CalendarDay.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def seed_countries_in_use(today: datetime.date) -> dict[str, int]:
    """This year and next for every country an active group uses (the daily job)."""
    countries = set(AttendanceGroup.objects.filter(is_active=True).values_list("calendar_country", flat=True))
    return {
        country: seed(country, today.year) + seed(country, today.year + 1) for country in sorted(countries | {"CN"})
    }


def seed_year(*, actor: Any, country: str, year: int) -> int:
    """An administrator adds a year (say, next year's schedule once published and packaged)."""
    permissions.require(actor, GROUP_MANAGE)
    _check_country(country)
    if not 2000 <= year <= 2100:
        raise ValidationFailed("Choose a year between 2000 and 2100.", code="invalid_year")
    with transaction.atomic():
        added = seed(country, year)
        audit.record(
            action="attendance.calendar.seed",
            actor=actor,
            object_type="attendance.calendar",
            object_id=f"{country}-{year}",
            changes={"added": added},
        )
    return added


def day_set(*, actor: Any, country: str, date: datetime.date, kind: str, name: str = "") -> CalendarDay:
    """An administrator's word on one day: holiday, workday, or normal (as its weekday says)."""
    permissions.require(actor, GROUP_MANAGE)
    _check_country(country)
    if kind not in CalendarDay.Kind.values:
        raise ValidationFailed("A day is a holiday, a workday or normal.", code="invalid_kind")
    with transaction.atomic():
        day, _ = CalendarDay.objects.select_for_update().get_or_create(
            country=country, date=date, defaults={"kind": kind}
        )
        before = {"kind": day.kind, "name": day.name}
        day.kind, day.name, day.edited = kind, name.strip()[:100], True
        day.save()
        audit.record(
            action="attendance.calendar.set",
            actor=actor,
            target=day,
            changes={
                "country": country,
                "date": date.isoformat(),
                **audit.diff(before, {"kind": kind, "name": day.name}),
            },
        )
    return day
