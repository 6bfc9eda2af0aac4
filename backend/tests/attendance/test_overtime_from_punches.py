"""加班规则: overtime counted from punches as the days settle (after the shift's end plus the offset on a
workday, first to last punch less the breaks on a rest day or a holiday), or from a request shortened
to the punches (both); one record per person and day, recomputed with the day, and the time off in
lieu it grants following through the leave ledger."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest

from officium.approvals.models import Instance, Template
from officium.approvals.services import builtins
from officium.attendance import punched_overtime
from officium.attendance.models import AttendanceGroup, OvertimeRecord
from officium.attendance.results import DayResult, PunchFact, Rest, Segment, ShiftRule, Slot
from officium.attendance.services import calendar, day_records, groups, make_ups, overtime, shifts
from officium.core import outbox
from officium.core.models import AuditEvent
from officium.leave.models import BalanceEntry
from officium.org.models import Employee

from ..conftest import ApiClient
from .conftest import TZ, punch_at

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 16)
SATURDAY = datetime.date(2026, 11, 21)
HOLIDAY = datetime.date(2026, 11, 18)  # a Wednesday the company makes a holiday


def at(day: datetime.date, text: str) -> datetime.datetime:
    hours, minutes = map(int, text.split(":"))
    return datetime.datetime.combine(day, datetime.time(hours, minutes), tzinfo=TZ)


# --- the pure rules -------------------------------------------------------------------------------------------
def _closed_day(off: str | None, result: str = "on_time") -> DayResult:
    expected = at(MONDAY, "18:00")
    slot = Slot(
        "off", expected, at(MONDAY, "13:30"), at(MONDAY, "22:00"), result, "p", at(MONDAY, off) if off else None
    )  # type: ignore[arg-type]
    return DayResult(MONDAY, "normal", (slot,))


@pytest.mark.parametrize(
    ("off", "result", "offset", "minutes"),
    [
        ("20:00", "on_time", 30, 90),  # from 18:30
        ("20:00", "on_time", 0, 120),
        ("18:20", "on_time", 30, 0),  # within the offset
        ("17:30", "early", 30, 0),
        (None, "missing", 30, 0),
    ],
)
def test_a_workday_counts_from_the_shift_end_plus_the_offset(
    off: str | None, result: str, offset: int, minutes: int
) -> None:
    worked = punched_overtime.worked("workday", _closed_day(off, result), [], TZ, offset_minutes=offset)
    assert (worked.minutes if worked else 0) == minutes


@pytest.mark.parametrize(
    ("times", "segments", "rest", "minutes"),
    [
        (("09:00", "15:30"), (), None, 390),
        (("09:00", "15:30"), (("09:00", "12:00"), ("13:00", "18:00")), None, 330),  # less the 12:00–13:00 break
        (("12:30", "15:00"), (("09:00", "12:00"), ("13:00", "18:00")), None, 120),  # half of the break
        (("14:00", "16:00"), (("09:00", "12:00"), ("13:00", "18:00")), None, 120),  # after the break
        (("09:00", "15:30"), (("09:00", "18:00"),), ("12:00", "13:30"), 300),  # less the 午休 window
        (("13:00", "15:00"), (("09:00", "18:00"),), ("12:00", "13:30"), 90),  # half an hour of it
        (("10:00",), (), None, 0),  # one punch is no span
    ],
)
def test_a_rest_day_counts_first_to_last_punch_less_the_breaks(
    times: tuple[str, ...], segments: tuple[tuple[str, str], ...], rest: tuple[str, str] | None, minutes: int
) -> None:
    facts = [PunchFact(str(n), at(SATURDAY, text)) for n, text in enumerate(times)]
    facts.append(PunchFact("next", at(SATURDAY + datetime.timedelta(days=1), "08:00")))  # another day's
    shift = tuple(Segment(datetime.time.fromisoformat(on), datetime.time.fromisoformat(off)) for on, off in segments)
    rule = ShiftRule(shift, rest=Rest(*(datetime.time.fromisoformat(t) for t in rest)) if rest else None)
    worked = punched_overtime.worked(
        "rest_day", DayResult(SATURDAY, "rest"), facts, TZ, offset_minutes=30, shift=rule if shift else None
    )
    assert (worked.minutes if worked else 0) == minutes


@pytest.mark.parametrize(
    ("minutes", "minimum", "cap", "counted"),
    [(90, 30, 12, 90), (29, 30, 12, 0), (30, 30, 12, 30), (200, 30, 2, 120), (0, 0, 12, 0)],
)
def test_minimum_and_cap(minutes: int, minimum: int, cap: int, counted: int) -> None:
    assert punched_overtime.counted_minutes(minutes, minimum_minutes=minimum, cap_hours=cap) == counted


# --- the worker's records -------------------------------------------------------------------------------------
@pytest.fixture
def punching(staff: dict[str, Employee], group: AttendanceGroup) -> AttendanceGroup:
    """研发考勤 on 09:00–12:00 + 13:00–18:00, overtime from punches every day (time off on workdays and
    rest days, pay on holidays), 30 minutes' offset, 30 minutes' minimum, a cap of 3 hours."""
    admin = staff["admin"].user
    split = shifts.shift_create(
        actor=admin, name="午休班", segments=[{"on": "09:00", "off": "12:00"}, {"on": "13:00", "off": "18:00"}]
    )
    calendar.day_set(actor=admin, country="CN", date=HOLIDAY, kind="holiday", name="公司日")
    return groups.group_update(
        actor=admin,
        group_id=group.pk,
        shift_id=split.pk,
        overtime_workday_source="punches",
        overtime_rest_day_source="punches",
        overtime_holiday_source="punches",
        overtime_workday_compensation="time_off",
        overtime_holiday_compensation="pay",
        overtime_cap_hours=3,
    )


def _records(employee: Employee) -> list[tuple[str, str, str, str, str, bool]]:
    return [
        (str(r.day), r.day_type, str(r.hours), str(r.pay_rate), r.compensation, r.revoked_at is None)
        for r in OvertimeRecord.objects.filter(employee=employee).order_by("day")
    ]


@pytest.mark.parametrize(
    ("day", "times", "expected"),
    [
        (MONDAY, ("08:55", "20:00"), [("2026-11-16", "workday", "1.50", "1.5", "time_off", True)]),
        (MONDAY, ("08:55", "18:50"), []),  # 20 minutes after the offset: below the minimum
        (MONDAY, ("08:55", "21:50"), [("2026-11-16", "workday", "3.00", "1.5", "time_off", True)]),  # capped
        (SATURDAY, ("09:00", "15:30"), [("2026-11-21", "rest_day", "3.00", "2.0", "time_off", True)]),  # 5.5 h
        (SATURDAY, ("10:00", "12:30"), [("2026-11-21", "rest_day", "2.00", "2.0", "time_off", True)]),  # less 12–12:30
        (HOLIDAY, ("13:10", "15:10"), [("2026-11-18", "holiday", "2.00", "3.0", "pay", True)]),
    ],
)
def test_overtime_from_punches_as_the_day_settles(
    staff: dict[str, Employee],
    punching: AttendanceGroup,
    day: datetime.date,
    times: tuple[str, ...],
    expected: list[tuple[str, ...]],
) -> None:
    lina = staff["employee"]
    for text in times:
        punch_at(lina, day.day, text, month=11)
    day_records.recompute([lina.pk], since=day, until=day)
    day_records.recompute([lina.pk], since=day, until=day)  # again: nothing more
    assert _records(lina) == expected


def test_approval_only_groups_count_no_punches(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    lina = staff["employee"]
    for text in ("08:55", "21:00"):
        punch_at(lina, MONDAY.day, text, month=11)
    day_records.recompute([lina.pk], since=MONDAY, until=MONDAY)
    assert not OvertimeRecord.objects.exists()


def test_back_to_approval_alone_the_days_recomputed_lose_their_punched_overtime(
    staff: dict[str, Employee], punching: AttendanceGroup
) -> None:
    lina = staff["employee"]
    for text in ("08:55", "20:00"):
        punch_at(lina, MONDAY.day, text, month=11)
    day_records.recompute([lina.pk], since=MONDAY, until=MONDAY)
    assert _records(lina) == [("2026-11-16", "workday", "1.50", "1.5", "time_off", True)]
    groups.group_update(
        actor=staff["admin"].user,
        group_id=punching.pk,
        overtime_workday_source="approval",
        overtime_rest_day_source="approval",
        overtime_holiday_source="approval",
    )
    day_records.recompute([lina.pk], since=MONDAY, until=MONDAY)
    assert _records(lina) == [("2026-11-16", "workday", "1.50", "1.5", "time_off", False)]


def test_a_request_is_refused_where_punches_alone_count(staff: dict[str, Employee], punching: AttendanceGroup) -> None:
    builtins.install(actor=None, publish=True)
    template = Template.objects.get(builtin_key="overtime")
    form = {
        "period": {"start": "2026-11-16T18:30:00+08:00", "end": "2026-11-16T21:00:00+08:00"},
        "compensation": "pay",
        "reason": "上线",
    }
    answer = ApiClient(staff["employee"].user).post(
        "approvals/instances", {"template_id": str(template.pk), "form_data": form}
    )
    assert (answer.status_code, answer.json()["code"], answer.json()["day_type"]) == (
        422,
        "overtime_from_punches",
        "workday",
    )
    assert not Instance.objects.exists()


def test_a_request_is_not_counted_where_punches_are(staff: dict[str, Employee], punching: AttendanceGroup) -> None:
    form = {"period": {"start": "2026-11-16T18:30:00+08:00", "end": "2026-11-16T21:00:00+08:00"}, "compensation": "pay"}
    assert overtime.record_approved(approval_id=uuid.uuid4(), employee=staff["employee"], form_data=form) is None


@pytest.mark.parametrize(
    ("request_end", "off", "hours_at_approval", "hours_settled"),
    [
        ("21:00", "20:00", "1.50", "1.50"),  # asked 2.5 h, punched 1.5 h
        ("19:30", "20:00", "1.00", "1.00"),  # asked 1 h, punched 1.5 h
        ("21:00", None, "0.00", "0.00"),  # no off punch: nothing counts
    ],
)
def test_both_counts_the_shorter_of_request_and_punches(
    staff: dict[str, Employee],
    punching: AttendanceGroup,
    request_end: str,
    off: str | None,
    hours_at_approval: str,
    hours_settled: str,
) -> None:
    groups.group_update(actor=staff["admin"].user, group_id=punching.pk, overtime_workday_source="both")
    lina = staff["employee"]
    for text in ("08:55", off) if off else ("08:55",):
        punch_at(lina, MONDAY.day, text, month=11)
    period = {"start": "2026-11-16T18:30:00+08:00", "end": f"2026-11-16T{request_end}:00+08:00"}
    record = overtime.record_approved(
        approval_id=uuid.uuid4(), employee=lina, form_data={"period": period, "compensation": "pay"}
    )
    assert record is not None
    assert (record.source, str(record.hours), record.compensation) == ("both", hours_at_approval, "pay")
    day_records.recompute([lina.pk], since=MONDAY, until=MONDAY)
    assert [(r.source, str(r.hours)) for r in OvertimeRecord.objects.all()] == [("both", hours_settled)]


def _make_up(employee: Employee, day: datetime.date, text: str) -> uuid.UUID:
    approval = uuid.uuid4()
    make_ups.apply_approved(
        approval_id=approval,
        submitter=employee,
        form_data={"punch_at": at(day, text).isoformat(), "punch_kind": "out", "reason": "忘打卡"},
    )
    return approval


def _ledger() -> list[tuple[str, str, str]]:
    return [(e.kind, str(e.amount), e.reason) for e in BalanceEntry.objects.order_by("created_at", "id")]


def test_a_late_punch_recomputes_the_day_once_and_the_ledger_follows(
    staff: dict[str, Employee], punching: AttendanceGroup, django_capture_on_commit_callbacks: Any
) -> None:
    lina = staff["employee"]
    for text in ("08:55", "19:30"):
        punch_at(lina, MONDAY.day, text, month=11)
    with django_capture_on_commit_callbacks(execute=True):
        day_records.recompute([lina.pk], since=MONDAY, until=MONDAY)
    outbox.relay()
    assert _ledger() == [("grant", "1.00", "加班调休")]
    # A make-up punch at 21:00 (a late input): the same record grows, the ledger grants the difference.
    with django_capture_on_commit_callbacks(execute=True):
        approval = _make_up(lina, MONDAY, "21:00")
    outbox.relay()
    [record] = OvertimeRecord.objects.all()
    assert (record.source, str(record.hours), record.revision) == ("punches", "2.50", 2)
    assert _ledger() == [("grant", "1.00", "加班调休"), ("grant", "1.50", "加班重算")]
    # The settle job again, and the event delivered twice: nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        day_records.recompute([lina.pk], since=MONDAY, until=MONDAY)
    outbox.relay()
    from officium.leave import services as leave

    assert leave.sync_in_lieu(record_id=record.pk) is None
    assert OvertimeRecord.objects.get().revision == 2
    assert OvertimeRecord.objects.count() == 1
    assert len(_ledger()) == 2
    # The make-up revoked: back to one hour, the ledger adjusts down.
    with django_capture_on_commit_callbacks(execute=True):
        make_ups.revoke(approval_id=approval)
    outbox.relay()
    record.refresh_from_db()
    assert (str(record.hours), record.revision, record.revoked_at) == ("1.00", 3, None)
    assert _ledger()[-1] == ("adjust", "-1.50", "加班重算")
    actions = list(
        AuditEvent.objects.filter(action__startswith="attendance.overtime")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["attendance.overtime.record", "attendance.overtime.adjust", "attendance.overtime.adjust"]


def test_overtime_below_the_minimum_after_recomputation_is_revoked_and_taken_back(
    staff: dict[str, Employee], punching: AttendanceGroup, django_capture_on_commit_callbacks: Any
) -> None:
    lina = staff["employee"]
    punch_at(lina, MONDAY.day, "08:55", month=11)
    punch_at(lina, MONDAY.day, "18:40", month=11)  # 10 minutes after the offset: nothing
    with django_capture_on_commit_callbacks(execute=True):
        approval = _make_up(lina, MONDAY, "20:30")
    outbox.relay()
    assert _records(lina) == [("2026-11-16", "workday", "2.00", "1.5", "time_off", True)]
    with django_capture_on_commit_callbacks(execute=True):
        make_ups.revoke(approval_id=approval)
    outbox.relay()
    assert _records(lina) == [("2026-11-16", "workday", "2.00", "1.5", "time_off", False)]
    assert _ledger() == [("grant", "2.00", "加班调休"), ("reverse", "-2.00", "撤销加班")]
    # Back again (another make-up): the same record, granted anew.
    with django_capture_on_commit_callbacks(execute=True):
        _make_up(lina, MONDAY, "19:30")
    outbox.relay()
    assert _records(lina) == [("2026-11-16", "workday", "1.00", "1.5", "time_off", True)]
    assert _ledger()[-1] == ("grant", "1.00", "加班重算")


def test_reports_include_overtime_from_punches(staff: dict[str, Employee], punching: AttendanceGroup) -> None:
    lina = staff["employee"]
    for day, times in ((MONDAY, ("08:55", "20:00")), (SATURDAY, ("13:00", "15:30"))):
        for text in times:
            punch_at(lina, day.day, text, month=11)
    day_records.recompute([lina.pk], since=MONDAY, until=SATURDAY)
    rows = ApiClient(staff["admin"].user).get("attendance/reports/monthly", month="2026-11").json()
    row = next(row for row in rows if row["employee_id"] == str(lina.pk))
    assert row["overtime"] == {"workday": "1.50", "rest_day": "2.50", "holiday": "0.00"}


def test_administrators_set_the_overtime_rules(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    admin = ApiClient(staff["admin"].user)
    rules = {
        "overtime_workday_source": "both",
        "overtime_rest_day_source": "punches",
        "overtime_rest_day_compensation": "pay",
        "overtime_offset_minutes": 15,
        "overtime_minimum_minutes": 60,
        "overtime_cap_hours": 4,
    }
    answer = admin.patch(f"attendance/groups/{group.pk}", rules)
    assert answer.status_code == 200
    assert {key: answer.json()[key] for key in rules} == rules
    assert answer.json()["overtime_holiday_source"] == "approval"
    audit = AuditEvent.objects.filter(action="attendance.group.update").latest("id")
    assert audit.changes["overtime_offset_minutes"] == [30, 15]
    for wrong in ({"overtime_cap_hours": 0}, {"overtime_offset_minutes": 721}):
        refused = admin.patch(f"attendance/groups/{group.pk}", wrong)
        assert (refused.status_code, refused.json()["code"]) == (422, "invalid_overtime_rules")
    refused = admin.patch(f"attendance/groups/{group.pk}", {"overtime_holiday_source": "guess"})
    assert refused.status_code == 422
    group.refresh_from_db()
    assert (group.overtime_cap_hours, group.overtime_offset_minutes, group.overtime_holiday_source) == (
        4,
        15,
        "approval",
    )
