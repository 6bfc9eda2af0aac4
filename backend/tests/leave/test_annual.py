"""Chinese statutory annual leave: entitlement by working years, joiners and leavers prorated."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from officium.leave.annual import days_for_year, entitlement, working_years


@pytest.mark.parametrize(
    ("first_work", "on", "years"),
    [
        (datetime.date(2016, 1, 1), datetime.date(2026, 1, 1), 10),
        (datetime.date(2016, 1, 2), datetime.date(2026, 1, 1), 9),  # one day short
        (datetime.date(2025, 6, 30), datetime.date(2026, 6, 30), 1),
        (None, datetime.date(2026, 1, 1), 0),
        (datetime.date(2027, 1, 1), datetime.date(2026, 1, 1), 0),
    ],
)
def test_working_years(first_work: datetime.date | None, on: datetime.date, years: int) -> None:
    assert working_years(first_work, on) == years


@pytest.mark.parametrize(("years", "days"), [(0, 0), (1, 5), (9, 5), (10, 10), (19, 10), (20, 15), (35, 15)])
def test_entitlement(years: int, days: int) -> None:
    assert entitlement(years) == days


@pytest.mark.parametrize(
    ("first_work", "joined", "left", "taken", "days"),
    [
        ("2015-07-01", None, None, 0, 10),  # 10 full years on 1 January
        ("2020-03-01", None, None, 0, 5),
        ("2025-06-01", None, None, 0, 0),  # under a year on 1 January
        # joins on 1 July with 12 working years: 184 remaining days / 365 × 10 = 5.04 → 5
        ("2014-01-01", "2026-07-01", None, 0, 5),
        # joins on 20 December with 3 years: 12 / 365 × 5 = 0.16 → 0
        ("2023-01-01", "2026-12-20", None, 0, 0),
        # joins on 1 March with 25 years: 306 / 365 × 15 = 12.58 → 12
        ("2001-01-01", "2026-03-01", None, 0, 12),
        # leaves on 30 June with 10 years: 181 / 365 × 10 = 4.96, less 2 taken → 2.96 → 2
        ("2016-01-01", None, "2026-06-30", 2, 2),
        # leaves having taken more than earned: no claw-back
        ("2016-01-01", None, "2026-02-01", 5, 0),
    ],
)
def test_days_for_the_year(first_work: str, joined: str | None, left: str | None, taken: int, days: int) -> None:
    assert (
        days_for_year(
            year=2026,
            first_work_date=datetime.date.fromisoformat(first_work),
            joined_on=datetime.date.fromisoformat(joined) if joined else None,
            left_on=datetime.date.fromisoformat(left) if left else None,
            taken=Decimal(taken),
        )
        == days
    )
