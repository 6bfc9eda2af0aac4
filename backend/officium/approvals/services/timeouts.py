"""限时审批: what happens to a task still pending when its node's time limit passes (run by the worker).

A node's `timeout` is `{"hours": H, "then": none | auto_approve | auto_reject | escalate,
"remind_every_hours": R}`. When the limit passes, the approver is reminded (an `ApprovalOverdue`
event and a line on the timeline); then the task is approved or rejected on their behalf, or moved to
their direct supervisor with a fresh limit (escalate). With `none`, or when there is nobody to
escalate to, the reminder repeats every R hours (once when R is not set). Each task is handled in
its own transaction under the instance's row lock, so a worker racing an approver changes nothing
twice: whoever comes second finds the task no longer pending.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from officium.approvals.engine import Engine
from officium.approvals.events import ApprovalOverdue, TaskCompleted
from officium.approvals.models import Instance, Task
from officium.approvals.services.common import announce, lock_instance, refresh_inboxes, save_instance
from officium.core import audit
from officium.core.events import publish
from officium.org import selectors as org

BATCH = 500
REASON = "timeout"


@dataclass(frozen=True)
class Sweep:
    """What one pass did, by outcome: reminded, auto_approved, auto_rejected, escalated, skipped."""

    counts: dict[str, int]


def overdue_task_ids(now: datetime, limit: int = BATCH) -> list[UUID]:
    """Pending approval and handler tasks that reached their limit, or are due a repeated reminder."""
    due = Q(reminders=0, due_at__lte=now) | Q(remind_again_at__lte=now)
    candidates = Task.objects.filter(due, status=Task.Status.PENDING).exclude(kind=Task.Kind.CC)
    return list(candidates.order_by("due_at", "id").values_list("pk", flat=True)[:limit])


def sweep(now: datetime | None = None) -> Sweep:
    """Handle every overdue task (a bounded batch per pass; the next pass takes the rest)."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    for task_id in overdue_task_ids(now):
        outcome = handle_overdue(task_id, now)
        counts[outcome] = counts.get(outcome, 0) + 1
    return Sweep(counts)


def handle_overdue(task_id: UUID, now: datetime) -> str:
    with transaction.atomic():
        instance_id = Task.objects.filter(pk=task_id).values_list("instance_id", flat=True).first()
        if instance_id is None:
            return "skipped"
        instance = lock_instance(instance_id)
        task = Task.objects.select_for_update(of=("self",)).select_related("node_run", "assignee").get(pk=task_id)
        if task.status != Task.Status.PENDING or instance.status != Instance.Status.RUNNING or task.node_run is None:
            return "skipped"
        first = task.reminders == 0
        if (first and (task.due_at is None or task.due_at > now)) or (
            not first and (task.remind_again_at is None or task.remind_again_at > now)
        ):
            return "skipped"
        engine = Engine(instance)
        timeout: dict[str, Any] = engine.flow.nodes[task.node_run.node_id].get("timeout") or {}
        then = timeout.get("then", "none")
        _remind(engine, task, timeout, now)
        if first and then == "auto_approve":
            engine.auto_approve(task, REASON)
            return _settled(engine, task, "auto_approved")
        if first and then == "auto_reject":
            _auto_reject(engine, task, now)
            return _settled(engine, task, "auto_rejected")
        if first and then == "escalate" and _escalate(engine, task, timeout, now):
            return "escalated"
        refresh_inboxes(instance)
        return "reminded"


def _remind(engine: Engine, task: Task, timeout: dict[str, Any], now: datetime) -> None:
    every = timeout.get("remind_every_hours")
    task.reminders += 1
    task.reminded_at = now
    task.remind_again_at = now + timedelta(hours=float(every)) if every else None
    task.save(update_fields=["reminders", "reminded_at", "remind_again_at"])
    assert task.node_run is not None
    engine.timeline("overdue", actor=task.assignee, node_id=task.node_run.node_id, data={"reminder": task.reminders})
    publish(
        ApprovalOverdue(
            task_id=task.pk,
            instance_id=engine.instance.pk,
            assignee_id=task.assignee_id,
            delegate_id=task.delegate_id,
            reminder=task.reminders,
        )
    )


def _auto_reject(engine: Engine, task: Task, now: datetime) -> None:
    task.status = Task.Status.REJECTED
    task.auto_reason = REASON
    task.decided_at = now
    task.save(update_fields=["status", "auto_reason", "decided_at"])
    assert task.node_run is not None
    engine.timeline("auto_rejected", actor=task.assignee, node_id=task.node_run.node_id, data={"reason": REASON})


def _escalate(engine: Engine, task: Task, timeout: dict[str, Any], now: datetime) -> bool:
    """Move the task to the approver's direct supervisor, with a fresh limit; False if there is none."""
    above = org.supervisors(task.assignee, 1)
    supervisor = above[0] if above else None
    if supervisor is None or supervisor == engine.instance.submitter:
        return False
    assert task.node_run is not None
    task.status = Task.Status.TRANSFERRED
    task.auto_reason = REASON
    task.decided_at = now
    task.save(update_fields=["status", "auto_reason", "decided_at"])
    escalated = Task.objects.create(
        instance=engine.instance,
        node_run=task.node_run,
        kind=task.kind,
        assignee=supervisor,
        delegate=engine.delegate_for(supervisor),
        position=task.position,
        round=task.round,
        origin="escalate",
        due_at=now + timedelta(hours=float(timeout["hours"])),
    )
    engine.outcome.assigned.append(escalated)
    engine.timeline(
        "escalated",
        actor=task.assignee,
        node_id=task.node_run.node_id,
        data={"to": str(supervisor.pk), "name": supervisor.name, "reason": REASON},
    )
    audit.record(
        action="approvals.task.escalated",
        target=task,
        changes={"instance": str(engine.instance.pk), "to": str(supervisor.pk)},
    )
    announce(engine.instance, engine.outcome, actor=None)
    return True


def _settled(engine: Engine, task: Task, action: str) -> str:
    assert task.node_run is not None
    engine.settle(task.node_run)
    save_instance(engine.instance)
    audit.record(action=f"approvals.task.{action}", target=task, changes={"instance": str(engine.instance.pk)})
    publish(TaskCompleted(task_id=task.pk, instance_id=engine.instance.pk, action=action, actor_id=task.assignee_id))
    announce(engine.instance, engine.outcome, actor=None)
    return action
