"""Reactions to other apps' events: approved make-up requests stand in for punches; approved overtime
requests become overtime records."""

from __future__ import annotations

from officium.approvals.events import ApprovalFinished
from officium.approvals.models import Instance
from officium.attendance.services import make_ups, overtime
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
