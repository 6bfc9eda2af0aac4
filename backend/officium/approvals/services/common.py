"""What every approval service shares: who the actor is, locking, and announcing an engine step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.utils.translation import gettext_lazy as _

from officium.approvals.engine import Outcome
from officium.approvals.events import ApprovalFinished, TaskAssigned
from officium.approvals.models import Instance, Task
from officium.core import audit, realtime
from officium.core.errors import Conflict, NotFound
from officium.core.events import publish
from officium.org import selectors as org
from officium.org.models import Employee


class NotPending(Conflict):
    code = "task_not_pending"
    title = _("This task has already been acted on")


class InstanceClosed(Conflict):
    code = "instance_finished"
    title = _("This approval is no longer running")


def employee_of(actor: Any) -> Employee:
    """The actor's employee record; people without one cannot take part in approvals."""
    return org.working_employee(actor)


def lock_instance(instance_id: UUID) -> Instance:
    try:
        return (
            Instance.objects.select_for_update(of=("self",))
            .select_related("version", "template", "submitter", "department")
            .get(pk=instance_id)
        )
    except Instance.DoesNotExist:
        raise NotFound("No such approval.", code="instance_not_found") from None


def lock_task(task_id: UUID, me: Employee) -> tuple[Instance, Task]:
    """The task (and its instance, locked first) if `me` is its assignee or delegate; else 404.
    A task that is no longer pending answers 409 with its current state."""
    found = Task.objects.filter(pk=task_id).values_list("instance_id", "assignee_id", "delegate_id").first()
    if found is None or me.pk not in (found[1], found[2]):
        raise NotFound("No such task.", code="task_not_found")
    instance = lock_instance(found[0])
    task = Task.objects.select_for_update(of=("self",)).select_related("node_run", "assignee").get(pk=task_id)
    if task.status != Task.Status.PENDING:
        raise NotPending(f"It is {task.status}.", state=task.status, instance_status=instance.status)
    if instance.status != Instance.Status.RUNNING:
        raise InstanceClosed(f"It is {instance.status}.", state=instance.status)
    return instance, task


def save_instance(instance: Instance) -> None:
    instance.save(update_fields=["status", "round", "joins", "form_data", "form_revision", "finished_at", "updated_at"])


INBOX_TOPIC = "approvals.inbox"


def refresh_inboxes(instance: Instance, *also: Employee) -> None:
    """After commit, everyone this approval concerns refetches their inbox and its counts (live badges).

    A superset on purpose: every assignee and delegate the instance ever had, its submitter and `also`
    (a reassigned approver who no longer holds a task) — a refetch is two small queries, while
    working out exactly whose counts moved would be a second engine."""
    people = Task.objects.filter(instance=instance).values_list("assignee__user_id", "delegate__user_id")
    user_ids = {user_id for pair in people for user_id in pair if user_id is not None}
    user_ids |= {instance.submitter.user_id, *(person.user_id for person in also)}
    for user_id in sorted(user_ids, key=str):
        realtime.changed_on_commit(user_id, INBOX_TOPIC)


def announce(instance: Instance, outcome: Outcome, *, actor: Any, also: Sequence[Employee] = ()) -> None:
    """Audit and publish (after commit) what an engine step did; inboxes refresh."""
    refresh_inboxes(instance, *also)
    for task in outcome.assigned + outcome.copied:
        publish(
            TaskAssigned(
                task_id=task.pk,
                instance_id=instance.pk,
                assignee_id=task.assignee_id,
                delegate_id=task.delegate_id,
                kind=task.kind,
            )
        )
    if outcome.finished:
        audit.record(
            action="approvals.instance.finished",
            actor=actor,
            target=instance,
            changes={"status": outcome.finished},
        )
        publish(
            ApprovalFinished(
                instance_id=instance.pk,
                template_key=instance.template.key,
                outcome=outcome.finished,
                submitter_id=instance.submitter_id,
            ),
            durable=True,
        )
