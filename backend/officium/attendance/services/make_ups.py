"""Make-up punches (补卡) from the approval centre: an approved request stands in for a missing punch."""

from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from officium.attendance.events import days_changed
from officium.attendance.models import MakeUpPunch
from officium.core import audit
from officium.core.events import publish
from officium.org.models import Employee

TEMPLATE_KEY = "make_up_punch"
KINDS = {"in": MakeUpPunch.Kind.IN, "out": MakeUpPunch.Kind.OUT}


def _moment(value: Any) -> datetime.datetime | None:
    moment = parse_datetime(str(value)) if value else None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def apply_approved(*, approval_id: UUID, submitter: Employee, form_data: dict[str, Any]) -> MakeUpPunch | None:
    """Record the make-up of an approved request, once however often the event arrives."""
    punched_at = _moment(form_data.get("punch_at"))
    kind = KINDS.get(str(form_data.get("punch_kind")))
    if punched_at is None or kind is None:
        return None  # the form was edited into something that names no punch: nothing to stand in for
    with transaction.atomic():
        make_up, created = MakeUpPunch.objects.get_or_create(
            approval_id=approval_id, defaults={"employee": submitter, "punched_at": punched_at, "kind": kind}
        )
        if created:
            audit.record(
                action="attendance.make_up.apply",
                target=make_up,
                changes={"approval": str(approval_id), "punched_at": punched_at.isoformat(), "kind": kind},
            )
            publish(days_changed([submitter.pk], punched_at))
    return make_up


def revoke(*, approval_id: UUID) -> bool:
    """The request was revoked after approval: its make-up no longer counts."""
    with transaction.atomic():
        make_up = MakeUpPunch.objects.select_for_update().filter(approval_id=approval_id, revoked_at=None).first()
        if make_up is None:
            return False
        make_up.revoked_at = timezone.now()
        make_up.save(update_fields=["revoked_at"])
        audit.record(action="attendance.make_up.revoke", target=make_up, changes={"approval": str(approval_id)})
        publish(days_changed([make_up.employee_id], make_up.punched_at))
    return True
