"""Approved time away from the approval centre: leave (请假), business trips (出差) and outings (外出)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from officium.attendance import spans
from officium.attendance.events import days_changed
from officium.attendance.models import Absence
from officium.core import audit
from officium.core.events import publish
from officium.org.models import Employee

# The built-in templates whose approval means time away, and what kind of time away.
TEMPLATE_KINDS = {"leave": Absence.Kind.LEAVE, "business_trip": Absence.Kind.TRIP, "outing": Absence.Kind.OUTING}
PERIOD_FIELD = "period"


def record_approved(
    *, approval_id: UUID, template_key: str, employee: Employee, form_data: dict[str, Any]
) -> Absence | None:
    """Record the absence of an approved request, once however often the event arrives."""
    span = spans.request_span(form_data.get(PERIOD_FIELD), timezone.get_current_timezone())
    if span is None:
        return None  # the form was edited into something that names no period: nothing to record
    kind = TEMPLATE_KINDS[template_key]
    leave_type = str(form_data.get("leave_type", ""))[:30] if kind == Absence.Kind.LEAVE else ""
    with transaction.atomic():
        absence, created = Absence.objects.get_or_create(
            approval_id=approval_id,
            defaults={
                "employee": employee,
                "kind": kind,
                "leave_type": leave_type,
                "starts_at": span[0],
                "ends_at": span[1],
            },
        )
        if created:
            audit.record(
                action="attendance.absence.record",
                target=absence,
                changes={
                    "approval": str(approval_id),
                    "kind": kind,
                    "from": span[0].isoformat(),
                    "to": span[1].isoformat(),
                },
            )
            publish(days_changed([employee.pk], span[0], span[1]))
    return absence


def revoke(*, approval_id: UUID) -> bool:
    """The request was revoked after approval: the time away no longer counts."""
    with transaction.atomic():
        absence = Absence.objects.select_for_update().filter(approval_id=approval_id, revoked_at=None).first()
        if absence is None:
            return False
        absence.revoked_at = timezone.now()
        absence.save(update_fields=["revoked_at"])
        audit.record(action="attendance.absence.revoke", target=absence, changes={"approval": str(approval_id)})
        publish(days_changed([absence.employee_id], absence.starts_at, absence.ends_at))
    return True
