"""Reviewing punches that need it (an offline punch outside the trust window, field work that needs
approval): accepted, it counts in the results; rejected, it does not. Either way the punch stays."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction

from officium.attendance.events import days_changed
from officium.attendance.models import Punch, PunchReview
from officium.attendance.permissions import PUNCH_REVIEW
from officium.attendance.services import periods
from officium.core import audit
from officium.core.errors import Conflict, NotFound, ValidationFailed
from officium.core.events import publish
from officium.org import selectors as org


def review(*, actor: Any, punch_id: UUID, decision: str, reason: str = "") -> PunchReview:
    if decision not in PunchReview.Decision.values:
        raise ValidationFailed("Accept or reject.", code="invalid_decision")
    if decision == PunchReview.Decision.REJECTED and not reason.strip():
        raise ValidationFailed("Say why the punch is rejected.", code="reason_required")
    reachable = org.employees_in_scope(actor=actor, code=PUNCH_REVIEW)
    punch = Punch.objects.filter(pk=punch_id, employee__in=reachable).first()
    if punch is None:
        raise NotFound("No such punch.", code="punch_not_found")
    if punch.status != Punch.Status.NEEDS_REVIEW:
        raise Conflict("This punch needs no review.", code="punch_needs_no_review")
    periods.require_open(punch.punched_at)
    try:
        with transaction.atomic():
            decided = PunchReview.objects.create(
                punch=punch, decision=decision, reason=reason.strip()[:200], reviewer=actor
            )
            audit.record(
                action=f"attendance.punch.review.{decision}",
                actor=actor,
                target=punch,
                changes={"reasons": punch.review_reasons, "reason": decided.reason},
            )
            publish(days_changed([punch.employee_id], punch.punched_at))
    except IntegrityError:
        raise Conflict("This punch was reviewed already.", code="punch_already_reviewed") from None
    return decided
