"""Leave, trips and outings through the approval centre: time away that covers the slots it spans,
refused when it overlaps other time away or touches a closed month; and closing a month (月结)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from officium.approvals.events import ApprovalFinished
from officium.approvals.models import Instance, Template
from officium.approvals.services import builtins, instances
from officium.approvals.services import tasks as approval_tasks
from officium.attendance import handlers
from officium.attendance.models import Absence, AttendanceGroup, PeriodLock
from officium.attendance.services import groups, periods, shifts
from officium.core import outbox
from officium.core.errors import Conflict
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
    builtins.install(actor=None, publish=True)
    return groups.group_update(actor=admin, group_id=group.pk, shift_id=standard.pk)


def _submit(employee: Employee, key: str, form_data: dict[str, Any], capture: Any) -> Instance:
    template = Template.objects.get(builtin_key=key)
    with capture(execute=True):
        return instances.instance_submit(actor=employee.user, template_id=template.pk, form_data=form_data)


def _approve(staff: dict[str, Employee], instance: Instance, capture: Any) -> None:
    task = instance.tasks.get(assignee=staff["manager"], status="pending")
    with capture(execute=True):
        approval_tasks.task_approve(actor=staff["manager"].user, task_id=task.pk)
    outbox.relay()


def _days(staff: dict[str, Employee], since: datetime.date, until: datetime.date) -> list[tuple[str, list[str]]]:
    answer = ApiClient(staff["employee"].user).get(
        "attendance/me/days", since=since.isoformat(), until=until.isoformat()
    )
    return [(day["status"], [slot["result"] for slot in day["slots"]]) for day in answer.json()]


def _trip(start: str, end: str) -> dict[str, Any]:
    return {"destination": "上海", "period": {"start": start, "end": end}, "transport": "train", "reason": "客户会议"}


def _personal(start: str, end: str) -> dict[str, Any]:
    return {
        "leave_type": "personal",
        "period": {"start": start, "start_half": "am", "end": end, "end_half": "pm"},
        "reason": "家事",
    }


def test_an_approved_trip_covers_its_days_and_a_revocation_uncovers_them(
    staff: dict[str, Employee], scheduled: AttendanceGroup, django_capture_on_commit_callbacks: Any
) -> None:
    tuesday = MONDAY + datetime.timedelta(days=1)
    instance = _submit(
        staff["employee"], "business_trip", _trip("2026-11-16", "2026-11-17"), django_capture_on_commit_callbacks
    )
    assert _days(staff, MONDAY, tuesday) == [("absent", ["missing", "missing"])] * 2
    _approve(staff, instance, django_capture_on_commit_callbacks)
    assert _days(staff, MONDAY, tuesday) == [("trip", ["trip", "trip"])] * 2
    absence = Absence.objects.get()
    assert (absence.kind, absence.employee_id, absence.approval_id) == ("trip", staff["employee"].pk, instance.pk)
    assert (
        f"{timezone.localtime(absence.starts_at):%m-%d %H:%M}",
        f"{timezone.localtime(absence.ends_at):%m-%d %H:%M}",
    ) == (
        "11-16 00:00",
        "11-18 00:00",
    )
    revoked = ApprovalFinished(
        instance_id=instance.pk, template_key="business_trip", outcome="revoked", submitter_id=staff["employee"].pk
    )
    with django_capture_on_commit_callbacks(execute=True):  # the stored records are recomputed after commit
        handlers.absence_on_approval(revoked)
        handlers.absence_on_approval(revoked)
    assert _days(staff, MONDAY, tuesday) == [("absent", ["missing", "missing"])] * 2
    assert list(
        AuditEvent.objects.filter(object_id=str(absence.pk)).order_by("id").values_list("action", flat=True)
    ) == ["attendance.absence.record", "attendance.absence.revoke"]


def test_an_afternoon_outing_leaves_the_morning_to_be_judged(
    staff: dict[str, Employee], scheduled: AttendanceGroup, django_capture_on_commit_callbacks: Any
) -> None:
    outing = _submit(
        staff["employee"],
        "outing",
        {
            "place": {"lat": 39.9, "lng": 116.4, "address": "客户公司"},
            "period": {"start": "2026-11-16T13:00+08:00", "end": "2026-11-16T18:00+08:00"},
            "reason": "拜访客户",
        },
        django_capture_on_commit_callbacks,
    )
    _approve(staff, outing, django_capture_on_commit_callbacks)
    assert _days(staff, MONDAY, MONDAY) == [("absent", ["missing", "outing"])]  # absent the morning only
    handlers.absence_on_approval(
        ApprovalFinished(
            instance_id=outing.pk, template_key="outing", outcome="approved", submitter_id=staff["employee"].pk
        )
    )
    assert Absence.objects.count() == 1


@pytest.mark.parametrize(
    ("first", "second", "refused"),
    [
        (("business_trip", _trip("2026-11-16", "2026-11-18")), ("leave", _personal("2026-11-18", "2026-11-19")), True),
        (("leave", _personal("2026-11-16", "2026-11-16")), ("leave", _personal("2026-11-17", "2026-11-17")), False),
        (
            ("business_trip", _trip("2026-11-16", "2026-11-16")),
            ("business_trip", _trip("2026-11-16", "2026-11-16")),
            True,
        ),
    ],
)
def test_time_away_may_not_overlap_time_away_waiting_or_approved(
    staff: dict[str, Employee],
    scheduled: AttendanceGroup,
    django_capture_on_commit_callbacks: Any,
    first: tuple[str, dict[str, Any]],
    second: tuple[str, dict[str, Any]],
    refused: bool,
) -> None:
    waiting = _submit(staff["employee"], *first, django_capture_on_commit_callbacks)
    template = Template.objects.get(builtin_key=second[0])
    answer = ApiClient(staff["employee"].user).post(
        "approvals/instances", {"template_id": str(template.pk), "form_data": second[1]}
    )
    if refused:
        assert (answer.status_code, answer.json()["code"], answer.json()["serial_number"]) == (
            409,
            "request_overlaps",
            waiting.serial_number,
        )
        assert Instance.objects.count() == 1
    else:
        assert answer.status_code == 201, answer.content
        assert Instance.objects.count() == 2


def test_a_withdrawn_request_no_longer_overlaps(
    staff: dict[str, Employee], scheduled: AttendanceGroup, django_capture_on_commit_callbacks: Any
) -> None:
    first = _submit(
        staff["employee"], "business_trip", _trip("2026-11-16", "2026-11-16"), django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        instances.instance_withdraw(actor=staff["employee"].user, instance_id=first.pk)
    again = _submit(
        staff["employee"], "business_trip", _trip("2026-11-16", "2026-11-16"), django_capture_on_commit_callbacks
    )
    assert again.status == "running"


# --- closing a month ------------------------------------------------------------------------------------------------
def test_hr_closes_and_reopens_a_month(staff: dict[str, Employee]) -> None:
    hr = ApiClient(staff["hr"].user)
    answer = hr.put("attendance/periods/2026-10")
    assert answer.status_code == 201
    assert (answer.json()["month"], answer.json()["locked_by"]) == ("2026-10", staff["hr"].user.name)
    assert [row["month"] for row in hr.get("attendance/periods").json()] == ["2026-10"]
    again = hr.put("attendance/periods/2026-10")
    assert (again.status_code, again.json()["code"]) == (409, "period_already_locked")
    assert hr.delete("attendance/periods/2026-10").status_code == 204
    gone = hr.delete("attendance/periods/2026-10")
    assert (gone.status_code, gone.json()["code"]) == (404, "period_not_locked")
    assert list(
        AuditEvent.objects.filter(action__startswith="attendance.period.")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["attendance.period.lock", "attendance.period.unlock"]


@pytest.mark.parametrize(
    ("month", "status", "code"),
    [("2026-13", 422, "invalid_month"), ("october", 422, "invalid_month"), ("2999-01", 409, "month_not_begun")],
)
def test_a_month_that_cannot_be_closed(staff: dict[str, Employee], month: str, status: int, code: str) -> None:
    answer = ApiClient(staff["hr"].user).put(f"attendance/periods/{month}")
    assert (answer.status_code, answer.json()["code"]) == (status, code)
    assert not PeriodLock.objects.exists()


def test_an_employee_cannot_close_a_month(staff: dict[str, Employee]) -> None:
    answer = ApiClient(staff["employee"].user).put("attendance/periods/2026-10")
    assert (answer.status_code, answer.json()["code"]) == (403, "permission_denied")


def test_requests_in_a_closed_month_are_refused_at_submission_and_at_approval(
    staff: dict[str, Employee], scheduled: AttendanceGroup, django_capture_on_commit_callbacks: Any
) -> None:
    make_up = {"punch_at": "2026-10-20T09:00:00+08:00", "punch_kind": "in", "reason": "忘记打卡"}
    waiting = _submit(staff["employee"], "make_up_punch", make_up, django_capture_on_commit_callbacks)
    periods.lock(actor=staff["hr"].user, month=datetime.date(2026, 10, 1))
    template = Template.objects.get(builtin_key="make_up_punch")
    answer = ApiClient(staff["employee"].user).post(
        "approvals/instances", {"template_id": str(template.pk), "form_data": make_up}
    )
    assert (answer.status_code, answer.json()["code"], answer.json()["month"]) == (409, "period_locked", "2026-10")
    # The request that was already waiting cannot be approved into the closed month either.
    task = waiting.tasks.get(assignee=staff["manager"], status="pending")
    with pytest.raises(Conflict) as refused:
        approval_tasks.task_approve(actor=staff["manager"].user, task_id=task.pk)
    assert refused.value.code == "period_locked"
    task.refresh_from_db()
    waiting.refresh_from_db()
    assert (task.status, waiting.status, Instance.objects.count()) == ("pending", "running", 1)


def test_an_offline_punch_into_a_closed_month_is_rejected(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    consent(staff["employee"], "location")
    made = timezone.now() - datetime.timedelta(days=27)
    periods.lock(actor=staff["hr"].user, month=timezone.localtime(made).date())
    sent = body(north_of_office(10), device_time=made.isoformat(), clock_skew_ms=0)
    answer = ApiClient(staff["employee"].user).post("attendance/punches/batch", {"punches": [sent]})
    [item] = answer.json()
    assert (item["result"], item["code"]) == ("rejected", "period_locked")
    assert item["details"] == {"month": f"{timezone.localtime(made):%Y-%m}"}


def test_make_up_punches_are_limited_per_month(
    staff: dict[str, Employee], scheduled: AttendanceGroup, django_capture_on_commit_callbacks: Any
) -> None:
    groups.group_update(actor=staff["admin"].user, group_id=scheduled.pk, make_up_limit_per_month=2)
    template = Template.objects.get(builtin_key="make_up_punch")
    lina = ApiClient(staff["employee"].user)

    def ask(at: str) -> Any:
        form = {"punch_at": at, "punch_kind": "in", "reason": "忘记打卡"}
        return lina.post("approvals/instances", {"template_id": str(template.pk), "form_data": form})

    first = ask("2026-11-02T09:00:00+08:00")
    assert ask("2026-11-03T09:00:00+08:00").status_code == 201
    refused = ask("2026-11-04T09:00:00+08:00")
    assert (refused.status_code, refused.json()["code"], refused.json()["limit"], refused.json()["taken"]) == (
        409,
        "make_up_limit_reached",
        2,
        2,
    )
    assert ask("2026-10-30T09:00:00+08:00").status_code == 201  # another month
    # A withdrawn request gives its place back.
    with django_capture_on_commit_callbacks(execute=True):
        instances.instance_withdraw(actor=staff["employee"].user, instance_id=first.json()["id"])
    assert ask("2026-11-04T09:00:00+08:00").status_code == 201
    assert Instance.objects.filter(template=template).count() == 4


def test_the_make_up_limit_is_bounded(staff: dict[str, Employee], scheduled: AttendanceGroup) -> None:
    answer = ApiClient(staff["admin"].user).patch(f"attendance/groups/{scheduled.pk}", {"make_up_limit_per_month": 32})
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_rules")
