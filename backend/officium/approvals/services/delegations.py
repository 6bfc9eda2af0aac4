"""委托: while away, a colleague acts on my approvals (all, or one template's) for a period."""

from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from officium.approvals.models import Delegation, Template
from officium.approvals.services.common import employee_of
from officium.core import audit
from officium.core.errors import Conflict, NotFound, ValidationFailed
from officium.org import selectors as org
from officium.org.models import Employee

MAX_DAYS = 366


def _chain_reaches(start: Employee, target: Employee, starts_at: datetime.datetime, ends_at: datetime.datetime) -> bool:
    """Whether delegations overlapping the period lead from `start` back to `target` (a cycle)."""
    frontier, seen = [start.pk], {start.pk}
    while frontier:
        current = frontier.pop()
        if current == target.pk:
            return True
        following = Delegation.objects.filter(
            delegator_id=current, revoked_at__isnull=True, starts_at__lt=ends_at, ends_at__gt=starts_at
        ).values_list("delegate_id", flat=True)
        for nxt in following:
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return False


def delegation_create(
    *,
    actor: Any,
    delegate_id: UUID,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    template_id: UUID | None = None,
) -> Delegation:
    me = employee_of(actor)
    delegate = Employee.objects.filter(pk=delegate_id, status__in=org.ACTIVE_STATUSES).first()
    if delegate is None or delegate == me:
        raise ValidationFailed("Choose an active colleague other than yourself.", code="invalid_delegate")
    if ends_at <= starts_at or ends_at <= timezone.now():
        raise ValidationFailed("The period ends after it starts, in the future.", code="invalid_period")
    if ends_at - starts_at > datetime.timedelta(days=MAX_DAYS):
        raise ValidationFailed(f"A delegation lasts at most {MAX_DAYS} days.", code="invalid_period")
    template = None
    if template_id is not None:
        template = Template.objects.filter(pk=template_id).first()
        if template is None:
            raise ValidationFailed("No such template.", code="template_not_found")
    with transaction.atomic():
        Employee.objects.select_for_update().filter(pk__in=[me.pk, delegate.pk]).exists()
        if _chain_reaches(delegate, me, starts_at, ends_at):
            raise Conflict("This delegation would come back to you.", code="delegation_cycle")
        delegation = Delegation.objects.create(
            delegator=me, delegate=delegate, template=template, starts_at=starts_at, ends_at=ends_at
        )
        audit.record(
            action="approvals.delegation.created",
            actor=actor,
            target=delegation,
            changes={
                "delegate": str(delegate.pk),
                "template": str(template_id) if template_id else None,
                "starts_at": starts_at.isoformat(),
                "ends_at": ends_at.isoformat(),
            },
        )
    return delegation


def delegation_revoke(*, actor: Any, delegation_id: UUID) -> Delegation:
    me = employee_of(actor)
    with transaction.atomic():
        delegation = Delegation.objects.select_for_update().filter(pk=delegation_id, delegator=me).first()
        if delegation is None:
            raise NotFound("No such delegation.", code="delegation_not_found")
        if delegation.revoked_at is None:
            delegation.revoked_at = timezone.now()
            delegation.save(update_fields=["revoked_at"])
            audit.record(action="approvals.delegation.revoked", actor=actor, target=delegation)
    return delegation
