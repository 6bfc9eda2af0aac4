"""补卡 through the approval centre: approval makes the day whole, revocation undoes it, once each."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from officium.approvals.events import ApprovalFinished
from officium.approvals.models import Template
from officium.approvals.services import builtins, instances
from officium.approvals.services import tasks as approval_tasks
from officium.attendance import handlers
from officium.attendance.models import AttendanceGroup, MakeUpPunch
from officium.attendance.services import groups, shifts
from officium.core import outbox
from officium.core.models import AuditEvent
from officium.org.models import Employee

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 16)


@pytest.fixture
def scheduled(staff: dict[str, Employee], group: AttendanceGroup) -> AttendanceGroup:
    admin = staff["admin"].user
    standard = shifts.shift_create(actor=admin, name="标准班", segments=[{"on": "09:00", "off": "18:00"}])
    return groups.group_update(actor=admin, group_id=group.pk, shift_id=standard.pk)


def _monday(staff: dict[str, Employee]) -> dict[str, Any]:
    day = ApiClient(staff["employee"].user).get(
        "attendance/me/days", since=MONDAY.isoformat(), until=MONDAY.isoformat()
    )
    return dict(day.json()[0])


def _request_make_up(staff: dict[str, Employee], at: str, kind: str, capture: Any) -> Any:
    builtins.install(actor=None, publish=True)
    template = Template.objects.get(builtin_key="make_up_punch")
    with capture(execute=True):
        instance = instances.instance_submit(
            actor=staff["employee"].user,
            template_id=template.pk,
            form_data={"punch_at": at, "punch_kind": kind, "reason": "忘记打卡"},
        )
    return instance


def test_an_approved_make_up_fills_the_missing_slot(
    staff: dict[str, Employee], scheduled: AttendanceGroup, django_capture_on_commit_callbacks: Any
) -> None:
    assert [s["result"] for s in _monday(staff)["slots"]] == ["missing", "missing"]
    instance = _request_make_up(staff, "2026-11-16T09:00:00+08:00", "in", django_capture_on_commit_callbacks)
    task = instance.tasks.get(assignee=staff["manager"], status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        approval_tasks.task_approve(actor=staff["manager"].user, task_id=task.pk)
    outbox.relay()
    monday = _monday(staff)
    assert [(s["result"], s["made_up"]) for s in monday["slots"]] == [("on_time", True), ("missing", False)]
    make_up = MakeUpPunch.objects.get()
    assert (make_up.approval_id, make_up.kind, make_up.employee_id) == (instance.pk, "in", staff["employee"].pk)
    assert AuditEvent.objects.filter(action="attendance.make_up.apply", object_id=str(make_up.pk)).count() == 1


def test_the_event_twice_is_one_make_up_and_revocation_undoes_it(
    staff: dict[str, Employee], scheduled: AttendanceGroup, django_capture_on_commit_callbacks: Any
) -> None:
    instance = _request_make_up(staff, "2026-11-16T18:00:00+08:00", "out", django_capture_on_commit_callbacks)
    approved = ApprovalFinished(
        instance_id=instance.pk, template_key="make_up_punch", outcome="approved", submitter_id=staff["employee"].pk
    )
    handlers.make_up_punch_on_approval(approved)
    handlers.make_up_punch_on_approval(approved)
    assert MakeUpPunch.objects.count() == 1
    assert [s["result"] for s in _monday(staff)["slots"]] == ["missing", "on_time"]
    revoked = ApprovalFinished(
        instance_id=instance.pk, template_key="make_up_punch", outcome="revoked", submitter_id=staff["employee"].pk
    )
    handlers.make_up_punch_on_approval(revoked)
    handlers.make_up_punch_on_approval(revoked)
    assert [s["result"] for s in _monday(staff)["slots"]] == ["missing", "missing"]
    assert MakeUpPunch.objects.get().revoked_at is not None
    assert AuditEvent.objects.filter(action="attendance.make_up.revoke").count() == 1


@pytest.mark.parametrize("outcome", ["rejected", "withdrawn", "terminated"])
def test_other_outcomes_make_up_nothing(
    staff: dict[str, Employee], scheduled: AttendanceGroup, django_capture_on_commit_callbacks: Any, outcome: str
) -> None:
    instance = _request_make_up(staff, "2026-11-16T09:00:00+08:00", "in", django_capture_on_commit_callbacks)
    handlers.make_up_punch_on_approval(
        ApprovalFinished(
            instance_id=instance.pk, template_key="make_up_punch", outcome=outcome, submitter_id=staff["employee"].pk
        )
    )
    assert not MakeUpPunch.objects.exists()


def test_other_templates_are_not_attendances_business(staff: dict[str, Employee]) -> None:
    handlers.make_up_punch_on_approval(
        ApprovalFinished(
            instance_id=staff["employee"].pk,
            template_key="expense",
            outcome="approved",
            submitter_id=staff["employee"].pk,
        )
    )
    assert not MakeUpPunch.objects.exists()
