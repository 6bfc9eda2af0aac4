"""The worker's records of each day: stored once the day has settled, read instead of computing, and
recomputed when an input changes after the fact; never rewritten in a closed month."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from officium.attendance.models import AttendanceGroup, DayRecord, Punch
from officium.attendance.services import day_records, groups, periods, shifts
from officium.core.models import AuditEvent
from officium.org.models import Employee

from ..conftest import ApiClient
from .conftest import body, consent, north_of_office

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 16)


@pytest.fixture
def scheduled(staff: dict[str, Employee], group: AttendanceGroup) -> AttendanceGroup:
    admin = staff["admin"].user
    standard = shifts.shift_create(actor=admin, name="标准班", segments=[{"on": "09:00", "off": "18:00"}])
    return groups.group_update(actor=admin, group_id=group.pk, shift_id=standard.pk)


def _day(employee: Employee, day: datetime.date) -> tuple[str, list[str]]:
    answer = ApiClient(employee.user).get("attendance/me/days", since=day.isoformat(), until=day.isoformat())
    [found] = answer.json()
    return found["status"], [slot["result"] for slot in found["slots"]]


def test_a_settled_day_keeps_its_result_until_it_is_recomputed(
    staff: dict[str, Employee], scheduled: AttendanceGroup, django_capture_on_commit_callbacks: Any
) -> None:
    lina = staff["employee"]
    assert day_records.recompute([lina.pk], since=MONDAY, until=MONDAY) == 1
    assert day_records.recompute([lina.pk], since=MONDAY, until=MONDAY) == 0  # unchanged: nothing written
    record = DayRecord.objects.get(employee=lina, day=MONDAY)
    assert (record.status, record.settled, record.late_minutes) == ("absent", True, 0)
    # The group loses its shift: the settled Monday stays as it was recorded.
    groups.group_update(actor=staff["admin"].user, group_id=scheduled.pk, shift_id=None)
    assert _day(lina, MONDAY) == ("absent", ["missing", "missing"])
    # Until an administrator recomputes the group's days.
    admin = ApiClient(staff["admin"].user)
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin.post(
            f"attendance/groups/{scheduled.pk}/recompute", {"since": "2026-11-16", "until": "2026-11-16"}
        )
    assert (answer.status_code, answer.json()) == (202, {"since": "2026-11-16", "until": "2026-11-16"})
    assert _day(lina, MONDAY) == ("rest", [])
    assert DayRecord.objects.filter(day=MONDAY).count() == 3  # the group's three members
    audit = AuditEvent.objects.get(action="attendance.results.recompute")
    assert (audit.actor_id, audit.changes) == (staff["admin"].user.pk, {"since": "2026-11-16", "until": "2026-11-16"})


@pytest.mark.parametrize(
    ("since", "until"),
    [("2026-11-17", "2026-11-16"), ("2026-09-01", "2026-11-16"), ("2026-11-16", "2999-01-01")],
)
def test_a_recomputation_is_bounded(
    staff: dict[str, Employee], scheduled: AttendanceGroup, since: str, until: str
) -> None:
    answer = ApiClient(staff["admin"].user).post(
        f"attendance/groups/{scheduled.pk}/recompute", {"since": since, "until": until}
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_range")
    assert not AuditEvent.objects.filter(action="attendance.results.recompute").exists()


def test_only_administrators_recompute(staff: dict[str, Employee], scheduled: AttendanceGroup) -> None:
    answer = ApiClient(staff["employee"].user).post(
        f"attendance/groups/{scheduled.pk}/recompute", {"since": "2026-11-16", "until": "2026-11-16"}
    )
    assert (answer.status_code, answer.json()["code"]) == (403, "permission_denied")


def _a_weekday_days_ago(days: int) -> datetime.date:
    day = timezone.localdate() - datetime.timedelta(days=days)
    while day.isoweekday() > 5:
        day -= datetime.timedelta(days=1)
    return day


def test_a_late_offline_punch_and_its_review_correct_a_settled_day(
    staff: dict[str, Employee], scheduled: AttendanceGroup, django_capture_on_commit_callbacks: Any
) -> None:
    lina = staff["employee"]
    consent(lina, "location")
    day = _a_weekday_days_ago(3)
    day_records.recompute([lina.pk], since=day, until=day)
    assert DayRecord.objects.get(employee=lina, day=day).settled
    assert _day(lina, day) == ("absent", ["missing", "missing"])
    made = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 55)))
    sent = body(north_of_office(10), device_time=made.isoformat(), clock_skew_ms=0)
    with django_capture_on_commit_callbacks(execute=True):
        [answer] = ApiClient(lina.user).post("attendance/punches/batch", {"punches": [sent]}).json()
    assert (answer["result"], answer["punch"]["status"]) == ("created", "needs_review")  # queued too long
    assert _day(lina, day) == ("absent", ["missing", "missing"])
    with django_capture_on_commit_callbacks(execute=True):
        reviewed = ApiClient(staff["hr"].user).post(
            f"attendance/punches/{answer['id']}/review", {"decision": "accepted"}
        )
    assert reviewed.status_code == 201
    assert _day(lina, day) == ("abnormal", ["on_time", "missing"])
    record = DayRecord.objects.get(employee=lina, day=day)
    assert (record.status, record.slots[0]["punch_id"]) == ("abnormal", str(Punch.objects.get().pk))


def test_the_hourly_job_stores_the_recent_days_of_the_members(
    staff: dict[str, Employee], scheduled: AttendanceGroup
) -> None:
    # An allowance of three days keeps all three recent days unsettled, whatever the hour the test runs.
    groups.group_update(actor=staff["admin"].user, group_id=scheduled.pk, offline_max_queued_hours=72)
    assert day_records.settle_recent() == 3 * 3  # three members, three days
    members = {staff[name].pk for name in ("employee", "employee_b", "manager")}
    assert set(DayRecord.objects.values_list("employee_id", flat=True)) == members
    assert not any(record.settled for record in DayRecord.objects.all())
    assert day_records.settle_recent() == 3 * 3  # unsettled records are refreshed each time


def test_a_closed_month_keeps_its_records(staff: dict[str, Employee], scheduled: AttendanceGroup) -> None:
    lina = staff["employee"]
    day_records.recompute([lina.pk], since=MONDAY, until=MONDAY)
    periods.lock(actor=staff["hr"].user, month=MONDAY)
    groups.group_update(actor=staff["admin"].user, group_id=scheduled.pk, shift_id=None)
    assert day_records.recompute([lina.pk], since=MONDAY, until=MONDAY) == 0
    assert DayRecord.objects.get(employee=lina, day=MONDAY).status == "absent"
