"""加班 through the approval centre: an overtime record with its day type and pay rate, and time off in
lieu (调休) in the leave ledger when that is the compensation; revocation takes both back."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import pytest

from officium.attendance.models import AttendanceGroup, OvertimeRecord
from officium.attendance.services import calendar, overtime
from officium.core import outbox
from officium.leave.models import BalanceEntry
from officium.org.models import Employee

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def _request(start: str, end: str, compensation: str = "time_off") -> dict[str, Any]:
    return {"period": {"start": start, "end": end}, "compensation": compensation, "reason": "上线"}


@pytest.mark.parametrize(
    ("start", "end", "day_type", "rate", "hours"),
    [
        ("2026-11-25T18:30:00+08:00", "2026-11-25T21:00:00+08:00", "workday", "1.5", "2.50"),  # a Wednesday
        ("2026-11-28T09:00:00+08:00", "2026-11-28T13:00:00+08:00", "rest_day", "2.0", "4.00"),  # a Saturday
        ("2026-10-01T09:00:00+08:00", "2026-10-01T11:00:00+08:00", "holiday", "3.0", "2.00"),  # 国庆节
        ("2026-10-10T09:00:00+08:00", "2026-10-10T23:59:00+08:00", "workday", "1.5", "12.00"),  # 调休上班; capped
    ],
)
def test_day_type_rate_and_cap(
    staff: dict[str, Employee], group: AttendanceGroup, start: str, end: str, day_type: str, rate: str, hours: str
) -> None:
    calendar.seed("CN", 2026)
    record = overtime.record_approved(
        approval_id=uuid.uuid4(), employee=staff["employee"], form_data=_request(start, end)
    )
    assert record is not None
    assert (record.day_type, record.pay_rate, record.hours) == (day_type, Decimal(rate), Decimal(hours))


def test_too_short_or_no_period_records_nothing(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    short = _request("2026-11-25T18:00:00+08:00", "2026-11-25T18:20:00+08:00")
    assert overtime.record_approved(approval_id=uuid.uuid4(), employee=staff["employee"], form_data=short) is None
    assert overtime.record_approved(approval_id=uuid.uuid4(), employee=staff["employee"], form_data={}) is None
    assert not OvertimeRecord.objects.exists()


def test_time_off_in_lieu_is_granted_once_and_taken_back_on_revocation(
    staff: dict[str, Employee], group: AttendanceGroup, django_capture_on_commit_callbacks: Any
) -> None:
    approval = uuid.uuid4()
    sent = _request("2026-11-28T09:00:00+08:00", "2026-11-28T12:30:00+08:00")
    with django_capture_on_commit_callbacks(execute=True):
        record = overtime.record_approved(approval_id=approval, employee=staff["employee"], form_data=sent)
        again = overtime.record_approved(approval_id=approval, employee=staff["employee"], form_data=sent)
    assert record == again
    assert record is not None
    assert str(record.in_lieu_until) == "2027-05-27"  # 180 days
    outbox.relay()
    balances = ApiClient(staff["employee"].user).get("leave/me/balances").json()
    in_lieu = next(b for b in balances if b["leave_type"]["code"] == "compensatory")
    assert (in_lieu["balance"], in_lieu["leave_type"]["unit"]) == ("3.50", "hour")
    with django_capture_on_commit_callbacks(execute=True):
        assert overtime.revoke(approval_id=approval) is True
        assert overtime.revoke(approval_id=approval) is False
    outbox.relay()
    assert [(e.kind, e.amount) for e in BalanceEntry.objects.order_by("created_at")] == [
        ("grant", Decimal("3.50")),
        ("reverse", Decimal("-3.50")),
    ]


def test_paid_overtime_grants_no_time_off(
    staff: dict[str, Employee], group: AttendanceGroup, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        overtime.record_approved(
            approval_id=uuid.uuid4(),
            employee=staff["employee"],
            form_data=_request("2026-11-25T18:30:00+08:00", "2026-11-25T21:00:00+08:00", "pay"),
        )
    outbox.relay()
    assert OvertimeRecord.objects.get().in_lieu_until is None
    assert not BalanceEntry.objects.exists()
