"""Background jobs of the approval centre."""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task

from officium.approvals.services import timeouts
from officium.core.schedule import periodic


@periodic(every=timedelta(minutes=1))
@task
def handle_overdue_tasks() -> dict[str, int]:
    """限时审批: remind, auto-approve, auto-reject or escalate tasks past their node's time limit."""
    return timeouts.sweep().counts
