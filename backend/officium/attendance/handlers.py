"""Reactions to other apps' events: approved make-up requests stand in for punches; approved overtime
requests become overtime records; approved leave, trips and outings become time away. And the checks
attendance asks of those requests while they are submitted and approved."""

from __future__ import annotations

from officium.approvals.checks import RequestCheck, check_requests
from officium.approvals.events import ApprovalFinished
from officium.approvals.models import Instance
from officium.attendance.events import DaysChanged
from officium.attendance.services import absences, day_records, make_ups, overtime, requests
from officium.core.events import subscribe


@subscribe(ApprovalFinished)
def make_up_punch_on_approval(event: ApprovalFinished) -> None:
    if event.template_key != make_ups.TEMPLATE_KEY:
        return
    if event.outcome == "approved":
        instance = Instance.objects.select_related("submitter").get(pk=event.instance_id)
        make_ups.apply_approved(
            approval_id=instance.pk, submitter=instance.submitter, form_data=dict(instance.form_data)
        )
    elif event.outcome == "revoked":
        make_ups.revoke(approval_id=event.instance_id)


@subscribe(ApprovalFinished)
def overtime_on_approval(event: ApprovalFinished) -> None:
    if event.template_key != overtime.TEMPLATE_KEY:
        return
    if event.outcome == "approved":
        instance = Instance.objects.select_related("submitter").get(pk=event.instance_id)
        overtime.record_approved(
            approval_id=instance.pk, employee=instance.submitter, form_data=dict(instance.form_data)
        )
    elif event.outcome == "revoked":
        overtime.revoke(approval_id=event.instance_id)


@subscribe(ApprovalFinished)
def absence_on_approval(event: ApprovalFinished) -> None:
    if event.template_key not in absences.TEMPLATE_KINDS:
        return
    if event.outcome == "approved":
        instance = Instance.objects.select_related("submitter").get(pk=event.instance_id)
        absences.record_approved(
            approval_id=instance.pk,
            template_key=event.template_key,
            employee=instance.submitter,
            form_data=dict(instance.form_data),
        )
    elif event.outcome == "revoked":
        absences.revoke(approval_id=event.instance_id)


@check_requests(*requests.BOUND_TEMPLATES)
def attendance_request_allowed(request: RequestCheck) -> None:
    requests.check(request)


@subscribe(DaysChanged)
def recompute_changed_days(event: DaysChanged) -> None:
    day_records.recompute(event.employee_ids, since=event.since, until=event.until)
