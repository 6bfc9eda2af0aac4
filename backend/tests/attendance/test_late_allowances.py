"""Lates a group forgives (迟到豁免): the month's first N lates of at most so many minutes count as on
time, marked forgiven — in computed days, stored day records, reports and the API alike."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from officium.attendance import reports, selectors
from officium.attendance.models import AttendanceGroup, DayRecord
from officium.attendance.results import DayResult, Segment, ShiftRule, compute_day, forgive_lates
from officium.attendance.results import PunchFact as Fact
from officium.attendance.services import day_records, groups, shifts
from officium.core.models import AuditEvent
from officium.org.models import Employee

from ..conftest import ApiClient
from .conftest import punch_at

SHANGHAI = ZoneInfo("Asia/Shanghai")
RULE = ShiftRule(segments=(Segment(datetime.time(9), datetime.time(18)),))
SPLIT = ShiftRule(
    segments=(Segment(datetime.time(9), datetime.time(12)), Segment(datetime.time(13), datetime.time(18))),
    on_window_minutes=30,
    off_window_minutes=30,
)


def _days(rule: ShiftRule, ons: dict[datetime.date, list[str]]) -> list[DayResult]:
    """Each day with its on punches (HH:MM) and an off punch on time at every segment's end."""
    found = []
    for day, times in sorted(ons.items()):
        offs = [f"{segment.off:%H:%M}" for segment in rule.segments]
        facts = [
            Fact(f"{day}-{n}", datetime.datetime.combine(day, datetime.time.fromisoformat(t), tzinfo=SHANGHAI))
            for n, t in enumerate([*times, *offs])
        ]
        found.append(compute_day(rule, day, facts, datetime.datetime(2027, 1, 1, tzinfo=SHANGHAI), SHANGHAI))
    return found


def _on(day: int, month: int = 10) -> datetime.date:
    return datetime.date(2026, month, day)


@pytest.mark.parametrize(
    ("allowed", "within", "ons", "expected"),
    [
        # the first two lates of at most 10 minutes are forgiven, the third is not
        (
            2,
            10,
            {_on(5): ["09:05"], _on(6): ["09:10"], _on(7): ["09:03"]},
            [("on_time", True, 5, "normal"), ("on_time", True, 10, "normal"), ("late", False, 3, "abnormal")],
        ),
        # a late longer than the allowance is not forgiven and does not use one up
        (
            1,
            10,
            {_on(5): ["09:25"], _on(6): ["09:04"]},
            [("late", False, 25, "abnormal"), ("on_time", True, 4, "normal")],
        ),
        # on-time days use nothing
        (
            1,
            10,
            {_on(5): ["08:55"], _on(6): ["09:02"], _on(7): ["09:02"]},
            [("on_time", False, 0, "normal"), ("on_time", True, 2, "normal"), ("late", False, 2, "abnormal")],
        ),
        # every month starts again
        (
            1,
            10,
            {_on(30): ["09:05"], _on(31): ["09:05"], _on(2, 11): ["09:05"]},
            [("on_time", True, 5, "normal"), ("late", False, 5, "abnormal"), ("on_time", True, 5, "normal")],
        ),
        # a serious late within the allowed minutes is forgiven too
        (
            1,
            45,
            {_on(5): ["09:40"]},
            [("on_time", True, 40, "normal")],
        ),
        # 0 allowed, or 0 minutes: nothing is forgiven
        (0, 10, {_on(5): ["09:05"]}, [("late", False, 5, "abnormal")]),
        (3, 0, {_on(5): ["09:05"]}, [("late", False, 5, "abnormal")]),
    ],
)
def test_the_months_first_lates_are_forgiven(
    allowed: int,
    within: int,
    ons: dict[datetime.date, list[str]],
    expected: list[tuple[str, bool, int, str]],
) -> None:
    days = forgive_lates(_days(RULE, ons), allowed=allowed, within_minutes=within)
    assert [(d.slots[0].result, d.slots[0].forgiven, d.slots[0].minutes, d.status) for d in days] == expected
    assert [d.late_minutes for d in days] == [
        minutes if result != "on_time" else 0 for result, _, minutes, _ in expected
    ]


def test_lates_are_forgiven_in_order_of_time_within_a_day() -> None:
    days = forgive_lates(_days(SPLIT, {_on(5): ["09:05", "13:07"]}), allowed=1, within_minutes=10)
    assert [(slot.kind, slot.result, slot.forgiven) for slot in days[0].slots] == [
        ("on", "on_time", True),
        ("off", "on_time", False),
        ("on", "late", False),
        ("off", "on_time", False),
    ]
    assert (days[0].status, days[0].late_minutes) == ("abnormal", 7)


@pytest.fixture
def forgiving(staff: dict[str, Employee], group: AttendanceGroup) -> AttendanceGroup:
    """研发考勤 on 09:00–18:00, forgiving two lates of at most 10 minutes a month."""
    admin = staff["admin"].user
    standard = shifts.shift_create(actor=admin, name="标准班", segments=[{"on": "09:00", "off": "18:00"}])
    return groups.group_update(
        actor=admin, group_id=group.pk, shift_id=standard.pk, allowed_lates_per_month=2, allowed_late_minutes=10
    )


def _late_days(employee: Employee) -> None:
    """Late 5 minutes on Mon 19, 8 on Tue 20, 6 on Wed 21 October 2026; on time otherwise that week."""
    for day, on in ((19, "09:05"), (20, "09:08"), (21, "09:06"), (22, "08:58"), (23, "08:59")):
        punch_at(employee, day, on)
        punch_at(employee, day, "18:01")


@pytest.mark.django_db
def test_a_range_in_the_middle_of_the_month_counts_the_lates_before_it(
    staff: dict[str, Employee], forgiving: AttendanceGroup
) -> None:
    lina = Employee.objects.select_related("main_department").get(pk=staff["employee"].pk)
    _late_days(lina)
    days = selectors.days_of(lina, since=_on(21), until=_on(22))
    assert [(d.day, d.status, d.slots[0].result, d.slots[0].forgiven) for d in days] == [
        (_on(21), "abnormal", "late", False),  # the 19th and the 20th used both
        (_on(22), "normal", "on_time", False),
    ]


@pytest.mark.django_db
def test_stored_records_and_reports_agree_with_the_computed_days(
    staff: dict[str, Employee], forgiving: AttendanceGroup
) -> None:
    lina = Employee.objects.select_related("main_department").get(pk=staff["employee"].pk)
    _late_days(lina)
    computed = selectors.days_of(lina, since=_on(19), until=_on(23))
    day_records.recompute([lina.pk], since=_on(19), until=_on(23))
    stored = DayRecord.objects.filter(employee=lina, day__gte=_on(19), day__lte=_on(23)).order_by("day")
    assert [(r.day, r.status, r.slots[0]["result"], r.slots[0]["forgiven"], r.late_minutes) for r in stored] == [
        (_on(19), "normal", "on_time", True, 0),
        (_on(20), "normal", "on_time", True, 0),
        (_on(21), "abnormal", "late", False, 6),
        (_on(22), "normal", "on_time", False, 0),
        (_on(23), "normal", "on_time", False, 0),
    ]
    assert selectors.days_of(lina, since=_on(19), until=_on(23)) == computed
    row = next(r for r in reports.monthly(actor=staff["hr"].user, month=_on(1)) if r.employee_id == lina.pk)
    assert (row.late_count, row.late_minutes, row.forgiven_lates) == (1, 6, 2)
    daily = ApiClient(staff["hr"].user).get(
        "attendance/reports/daily", since="2026-10-19", until="2026-10-19", employee_id=str(lina.pk)
    )
    assert [(s["result"], s["minutes"], s["forgiven"]) for s in daily.json()[0]["slots"]] == [
        ("on_time", 5, True),
        ("on_time", 0, False),
    ]
    csv = ApiClient(staff["hr"].user).get(
        "attendance/reports/daily/export",
        since="2026-10-19",
        until="2026-10-19",
        employee_id=str(lina.pk),
        format="csv",
    )
    assert csv.content.decode("utf-8").splitlines()[1].split(",")[5:9] == [
        "正常",
        "09:00",
        "09:05",
        "正常 (豁免迟到 5 分钟)",
    ]


@pytest.mark.django_db
def test_an_earlier_late_judged_again_moves_the_months_allowance(
    staff: dict[str, Employee], forgiving: AttendanceGroup
) -> None:
    lina = Employee.objects.select_related("main_department").get(pk=staff["employee"].pk)
    _late_days(lina)
    day_records.recompute([lina.pk], since=_on(1), until=_on(31))
    punch_at(lina, 12, "09:03")  # a late on the 12th arrives (say, offline) and is judged first
    punch_at(lina, 12, "18:00")
    day_records.recompute([lina.pk], since=_on(12), until=_on(12))  # what DaysChanged does
    stored = dict(DayRecord.objects.filter(employee=lina, day__in=[_on(12), _on(20)]).values_list("day", "status"))
    assert stored == {_on(12): "normal", _on(20): "abnormal"}


@pytest.mark.django_db
def test_an_administrator_sets_the_allowance(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    admin = ApiClient(staff["admin"].user)
    version = group.version
    patched = admin.patch(f"attendance/groups/{group.pk}", {"allowed_lates_per_month": 3, "allowed_late_minutes": 15})
    assert patched.status_code == 200
    body = patched.json()
    assert (body["allowed_lates_per_month"], body["allowed_late_minutes"], body["version"]) == (3, 15, version + 1)
    audit = AuditEvent.objects.filter(action="attendance.group.update", object_id=str(group.pk)).latest("id")
    assert audit.changes == {"allowed_lates_per_month": [0, 3], "allowed_late_minutes": [0, 15]}
    for field, value in (
        ("allowed_lates_per_month", 32),
        ("allowed_late_minutes", 721),
        ("allowed_lates_per_month", -1),
    ):
        refused = admin.patch(f"attendance/groups/{group.pk}", {field: value})
        assert (refused.status_code, refused.json()["code"]) == (422, "invalid_rules")
    group.refresh_from_db()
    assert (group.allowed_lates_per_month, group.allowed_late_minutes, group.version) == (3, 15, version + 1)
