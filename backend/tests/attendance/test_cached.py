"""What every punch reads comes from the cache, and a change is seen at once: a group's places, the
employee's department, consent withdrawn, a month closed or reopened."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from officium.attendance import selectors
from officium.attendance.models import AttendanceGroup
from officium.attendance.services import groups, periods, punches
from officium.org import services as org
from officium.org.models import Department, Employee

from .conftest import consent

pytestmark = pytest.mark.django_db


def test_the_group_is_read_once_then_follows_changes(
    staff: dict[str, Employee], group: AttendanceGroup, org_tree: dict[str, Department], django_assert_num_queries: Any
) -> None:
    lina = Employee.objects.select_related("main_department").get(pk=staff["employee"].pk)
    assert selectors.group_for(lina) == group
    with django_assert_num_queries(0):
        found = selectors.group_for(lina)
    assert found is not None
    assert [place.name for place in found.places.all()] == ["中关村办公室"]
    groups.place_create(
        actor=staff["admin"].user,
        group_id=group.pk,
        name="望京办公室",
        latitude=Decimal("39.99"),
        longitude=Decimal("116.47"),
        radius_m=200,
    )
    found = selectors.group_for(lina)
    assert found is not None
    assert sorted(place.name for place in found.places.all()) == ["中关村办公室", "望京办公室"]
    # Moved out of 研发部 (the group's department): no group any more.
    org.employee_update(actor=None, employee_id=lina.pk, department_id=org_tree["sales"].pk)
    moved = Employee.objects.select_related("main_department").get(pk=lina.pk)
    assert selectors.group_for(moved) is None


def test_withdrawn_consent_counts_at_once(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    lina = staff["employee"]
    consent(lina, "location", "photo")
    assert selectors.consents(lina) == {"location", "photo"}
    punches.consent_set(actor=lina.user, purpose="location", granted=False)
    assert selectors.consents(lina) == {"photo"}


def test_closing_and_reopening_a_month_counts_at_once(staff: dict[str, Employee]) -> None:
    moment = timezone.make_aware(datetime.datetime(2026, 10, 20, 9))
    periods.require_open(moment)
    periods.lock(actor=staff["hr"].user, month=datetime.date(2026, 10, 1))
    with pytest.raises(periods.PeriodLocked):
        periods.require_open(moment)
    periods.unlock(actor=staff["hr"].user, month=datetime.date(2026, 10, 1))
    periods.require_open(moment)
