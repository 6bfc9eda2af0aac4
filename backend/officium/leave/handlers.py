"""Reactions to other apps' events: approved leave requests use the balance, revoked ones give it back;
overtime compensated by time off grants time off in lieu (调休), recomputed or revoked overtime adjusts it.
A leaver's annual leave is settled (离职折算). And the balance check leave requests pass at submission
and at each approval."""

from __future__ import annotations

from officium.approvals.checks import RequestCheck, check_requests
from officium.approvals.events import ApprovalFinished
from officium.approvals.models import Instance
from officium.attendance import selectors as attendance
from officium.attendance.events import OvertimeChanged, OvertimeRecorded, OvertimeRevoked
from officium.core.events import subscribe
from officium.leave import services, settlement
from officium.org.events import EmployeeLeft


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
    span = attendance.request_span(instance.submitter, instance.form_data.get("period"))
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
    services.sync_in_lieu(record_id=event.record_id)


@subscribe(OvertimeChanged)
def time_off_in_lieu_follows_overtime(event: OvertimeChanged) -> None:
    services.sync_in_lieu(record_id=event.record_id)


@subscribe(OvertimeRevoked)
def time_off_in_lieu_taken_back(event: OvertimeRevoked) -> None:
    services.sync_in_lieu(record_id=event.record_id)


@subscribe(EmployeeLeft)
def annual_leave_settled_on_leaving(event: EmployeeLeft) -> None:
    settlement.settle_leaver(employee_id=event.employee_id)


@check_requests(services.LEAVE_TEMPLATE)
def leave_within_balance(request: RequestCheck) -> None:
    services.check_request(request)
