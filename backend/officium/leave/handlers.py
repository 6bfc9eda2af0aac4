"""Reactions to other apps' events: approved leave requests use the balance, revoked ones give it back;
overtime compensated by time off grants time off in lieu (调休), revoked overtime takes it back.
And the balance check leave requests pass at submission and at each approval."""

from __future__ import annotations

from django.utils import timezone

from officium.approvals.checks import RequestCheck, check_requests
from officium.approvals.events import ApprovalFinished
from officium.approvals.models import Instance
from officium.attendance import spans
from officium.attendance.events import OvertimeRecorded, OvertimeRevoked
from officium.core.events import subscribe
from officium.leave import services


@subscribe(ApprovalFinished)
def leave_taken_on_approval(event: ApprovalFinished) -> None:
    if event.template_key != services.LEAVE_TEMPLATE:
        return
    if event.outcome == "revoked":
        services.give_back_for_approval(approval_id=event.instance_id)
        return
    if event.outcome != "approved":
        return
    instance = Instance.objects.select_related("submitter").get(pk=event.instance_id)
    span = spans.request_span(instance.form_data.get("period"), timezone.get_current_timezone())
    if span is None:
        return  # the form names no period (edited into something else): nothing to take
    services.take_for_approval(
        approval_id=instance.pk,
        employee=instance.submitter,
        leave_type=str(instance.form_data.get("leave_type", "")),
        span=span,
    )


@subscribe(OvertimeRecorded)
def time_off_in_lieu_for_overtime(event: OvertimeRecorded) -> None:
    if event.compensation == "time_off":
        services.grant_in_lieu(
            record_id=event.record_id, employee_id=event.employee_id, hours=event.hours, until=event.in_lieu_until
        )


@subscribe(OvertimeRevoked)
def time_off_in_lieu_taken_back(event: OvertimeRevoked) -> None:
    services.take_back_in_lieu(record_id=event.record_id)


@check_requests(services.LEAVE_TEMPLATE)
def leave_within_balance(request: RequestCheck) -> None:
    services.check_request(request)
