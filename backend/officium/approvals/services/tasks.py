"""Acting on a task: approve (with field edits), reject, return, transfer, add-sign; batch; reassign."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from officium.approvals import checks, forms
from officium.approvals.engine import PENDING_LIKE, Engine
from officium.approvals.events import ApprovalReturned, TaskCompleted
from officium.approvals.flows import TASK_NODES
from officium.approvals.models import Instance, NodeRun, Task
from officium.approvals.services import common, references
from officium.approvals.services.common import announce, employee_of, lock_task, save_instance
from officium.core import audit
from officium.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from officium.core.events import publish
from officium.org import selectors as org
from officium.org.models import Employee

ADD_POSITIONS = ("before", "after", "parallel")
ADD_MODES = ("sequential", "all", "any")
MAX_COMMENT = 5000


def _node(engine: Engine, task: Task) -> Mapping[str, Any]:
    assert task.node_run is not None
    return engine.flow.nodes[task.node_run.node_id]


def _allowed(node: Mapping[str, Any], action: str) -> bool:
    return bool((node.get("actions") or {}).get(action, True))


def _decide(
    engine: Engine,
    task: Task,
    me: Employee,
    status: str,
    comment: str,
    signature: str = "",
    *,
    details: dict[str, Any] | None = None,
) -> None:
    task.status = status
    task.acted_by = me
    task.comment = comment.strip()[:MAX_COMMENT]
    task.signature = signature
    task.decided_at = timezone.now()
    task.form_revision = engine.instance.form_revision
    task.save(update_fields=["status", "acted_by", "comment", "signature", "decided_at", "form_revision"])
    on_behalf = task.assignee if me != task.assignee else None
    assert task.node_run is not None
    names = {Task.Status.APPROVED.value: "approved", Task.Status.REJECTED.value: "rejected"}
    engine.timeline(
        names.get(str(status), str(status)),
        actor=me,
        on_behalf_of=on_behalf,
        node_id=task.node_run.node_id,
        data={"comment": task.comment, "task": str(task.pk), "signature": bool(signature), **(details or {})},
    )


def _finish_step(engine: Engine, task: Task, *, actor: Any, action: str, changes: dict[str, Any] | None = None) -> None:
    instance = engine.instance
    save_instance(instance)
    audit.record(
        action=f"approvals.task.{action}",
        actor=actor,
        target=task,
        changes={"instance": str(instance.pk), **(changes or {})},
    )
    publish(
        TaskCompleted(
            task_id=task.pk, instance_id=instance.pk, action=action, actor_id=task.acted_by_id or task.assignee_id
        )
    )
    announce(instance, engine.outcome, actor=actor)


def editable_fields(node: Mapping[str, Any]) -> set[str]:
    return {field for field, permission in (node.get("field_permissions") or {}).items() if permission == "edit"}


def _apply_edits(engine: Engine, node: Mapping[str, Any], me: Employee, edits: Mapping[str, Any]) -> dict[str, Any]:
    """Approvers fill in or correct the fields their node lets them edit; the history is kept."""
    if not edits:
        return {}
    instance = engine.instance
    allowed = editable_fields(node)
    result = forms.clean(
        instance.version.form,
        {**{k: v for k, v in instance.form_data.items() if k in allowed}, **edits},
        context=engine.variables(),
        editable=allowed,
    )
    problems = [p for p in result.problems if p.code != "required" or p.pointer.lstrip("/").split("/")[0] in allowed]
    if problems:
        raise ValidationFailed(
            "The form has errors.",
            code="invalid_form",
            errors=[{"pointer": p.pointer, "code": p.code, "message": p.message} for p in problems],
        )
    edited = {k: v for k, v in result.values.items() if k in allowed}
    references.check(me, instance.version.form, edited, instance)
    references.attach(me, instance, instance.version.form, edited)
    merged = {**instance.form_data, **edited}
    for field_id in allowed:
        if field_id in edits and field_id not in result.values:
            merged.pop(field_id, None)
    for key, value in result.values.items():  # derived values (formulas, totals) follow the edit
        if key not in allowed and key not in forms.field_ids(instance.version.form):
            merged[key] = value
    changes = audit.diff(instance.form_data, merged)
    if changes:
        instance.form_data = merged
        instance.form_revision += 1
        engine.timeline("form_edited", actor=me, node_id=node["id"], data={"changes": changes})
    return changes


def task_approve(
    *,
    actor: Any,
    task_id: UUID,
    comment: str = "",
    signature: str = "",
    form_changes: Mapping[str, Any] | None = None,
) -> Task:
    me = employee_of(actor)
    with transaction.atomic():
        instance, task = lock_task(task_id, me)
        engine = Engine(instance)
        node = _node(engine, task)
        if node.get("signature_required") and not signature:
            raise ValidationFailed("This step asks for your signature.", code="signature_required")
        changes = _apply_edits(engine, node, me, form_changes or {})
        checks.run(
            checks.RequestCheck(instance.template.key, instance.submitter, instance.form_data, instance.pk, "approve")
        )
        _decide(engine, task, me, Task.Status.APPROVED, comment, signature)
        assert task.node_run is not None
        engine.settle(task.node_run)
        _finish_step(engine, task, actor=actor, action="approved", changes={"form": changes} if changes else None)
    return task


def task_reject(*, actor: Any, task_id: UUID, comment: str = "") -> Task:
    me = employee_of(actor)
    with transaction.atomic():
        instance, task = lock_task(task_id, me)
        engine = Engine(instance)
        if task.kind == Task.Kind.HANDLE:
            raise PermissionDenied("A handler completes the step and cannot reject it.", code="action_not_allowed")
        if engine.settings.get("comment_required_on_reject") and not comment.strip():
            raise ValidationFailed("Say why you reject it.", code="comment_required")
        _decide(engine, task, me, Task.Status.REJECTED, comment)
        assert task.node_run is not None
        engine.settle(task.node_run)
        _finish_step(engine, task, actor=actor, action="rejected")
    return task


def return_targets(engine: Engine, task: Task) -> list[str]:
    """Nodes this task may be returned to: task nodes that ran before it in this flow (and the submitter)."""
    assert task.node_run is not None
    here = task.node_run.node_id
    ran = set(
        NodeRun.objects.filter(instance=engine.instance, status=NodeRun.Status.APPROVED).values_list(
            "node_id", flat=True
        )
    )
    return [
        node_id
        for node_id, node in engine.flow.nodes.items()
        if node["type"] in TASK_NODES and node_id in ran and node_id != here and engine.flow.precedes(node_id, here)
    ]


def task_return(*, actor: Any, task_id: UUID, to: str, comment: str = "") -> Task:
    """退回 to the submitter or to an earlier node (inside countersign and parallel groups too)."""
    me = employee_of(actor)
    with transaction.atomic():
        instance, task = lock_task(task_id, me)
        engine = Engine(instance)
        node = _node(engine, task)
        if not _allowed(node, "return"):
            raise PermissionDenied("This step does not allow returns.", code="action_not_allowed")
        if to != "submitter" and to not in return_targets(engine, task):
            raise ValidationFailed("You can return it to the submitter or to a step it passed.", code="invalid_target")
        _decide(engine, task, me, Task.Status.RETURNED, comment, details={"to": to})
        if to == "submitter":
            engine.return_to_submitter()
        else:
            engine.return_to(to, node["id"])
        publish(ApprovalReturned(instance_id=instance.pk, to_node=to))
        _finish_step(engine, task, actor=actor, action="returned", changes={"to": to})
    return task


def _colleague(employee_id: UUID) -> Employee:
    person = Employee.objects.filter(pk=employee_id, status__in=org.ACTIVE_STATUSES).first()
    if person is None:
        raise ValidationFailed("Choose an active colleague.", code="invalid_person")
    return person


def task_transfer(*, actor: Any, task_id: UUID, to: UUID, comment: str = "") -> Task:
    """转交: someone else takes this task over (their approval never deduplicates later steps)."""
    me = employee_of(actor)
    with transaction.atomic():
        instance, task = lock_task(task_id, me)
        engine = Engine(instance)
        node = _node(engine, task)
        if not _allowed(node, "transfer"):
            raise PermissionDenied("This step does not allow transfers.", code="action_not_allowed")
        target = _colleague(to)
        assert task.node_run is not None
        if target == task.assignee or task.node_run.tasks.filter(assignee=target, status__in=PENDING_LIKE).exists():
            raise ValidationFailed("This person already has this step.", code="invalid_person")
        _decide(engine, task, me, Task.Status.TRANSFERRED, comment)
        new = Task.objects.create(
            instance=instance,
            node_run=task.node_run,
            kind=task.kind,
            assignee=target,
            delegate=engine.delegate_for(target),
            position=task.position,
            round=task.round,
            origin="transfer",
            due_at=task.due_at,
        )
        engine.outcome.assigned.append(new)
        engine.timeline("transferred", actor=me, node_id=node["id"], data={"to": str(target.pk), "name": target.name})
        _finish_step(engine, task, actor=actor, action="transferred", changes={"to": str(target.pk)})
    return new


def task_add_sign(
    *, actor: Any, task_id: UUID, employee_ids: Sequence[UUID], position: str, mode: str = "all", comment: str = ""
) -> list[Task]:
    """加签: more approvers before this one (then it comes back), after it (it approves now and the step
    waits for them), or alongside it; the added people decide sequentially, all, or any one."""
    if position not in ADD_POSITIONS or mode not in ADD_MODES:
        raise ValidationFailed("position: before|after|parallel; mode: sequential|all|any.", code="invalid_add_sign")
    me = employee_of(actor)
    with transaction.atomic():
        instance, task = lock_task(task_id, me)
        engine = Engine(instance)
        node = _node(engine, task)
        if not _allowed(node, "add_sign"):
            raise PermissionDenied("This step does not allow adding approvers.", code="action_not_allowed")
        people = [_colleague(pk) for pk in dict.fromkeys(employee_ids)]
        if not people or task.assignee in people:
            raise ValidationFailed("Add other colleagues.", code="invalid_person")
        run = task.node_run
        assert run is not None
        added = []
        for index, person in enumerate(people):
            status = Task.Status.WAITING if mode == "sequential" and index else Task.Status.PENDING
            added.append(
                Task.objects.create(
                    instance=instance,
                    node_run=run,
                    kind=task.kind,
                    assignee=person,
                    delegate=engine.delegate_for(person),
                    position=task.position,
                    round=task.round,
                    origin=f"add_{position}",
                    added_by=task,
                    status=status,
                    due_at=task.due_at,
                    add_mode=mode,
                )
            )
        engine.outcome.assigned += [t for t in added if t.status == Task.Status.PENDING]
        engine.timeline(
            "add_signed",
            actor=me,
            node_id=node["id"],
            data={"position": position, "mode": mode, "people": [p.name for p in people], "comment": comment[:500]},
        )
        if position == "before":
            task.status = Task.Status.WAITING
            task.save(update_fields=["status"])
        elif position == "after":
            _decide(engine, task, me, Task.Status.APPROVED, comment)
        _finish_step(engine, task, actor=actor, action="add_signed", changes={"people": [str(p.pk) for p in people]})
    return added


def tasks_batch_approve(*, actor: Any, task_ids: Sequence[UUID], comment: str = "") -> dict[str, Any]:
    """Approve several tasks; each succeeds or fails on its own (the answer lists both)."""
    done, failed = [], []
    for task_id in dict.fromkeys(task_ids):
        try:
            task_approve(actor=actor, task_id=task_id, comment=comment)
            done.append(str(task_id))
        except DomainError as error:
            failed.append({"task_id": str(task_id), "code": error.code, "detail": error.detail or str(error.title)})
    return {"approved": done, "failed": failed}


def task_reassign(*, actor: Any, task_id: UUID, to: UUID) -> Task:
    """An administrator moves a pending task to someone else (an org change, a long absence)."""
    with transaction.atomic():
        found = Task.objects.filter(pk=task_id).values_list("instance_id", flat=True).first()
        if found is None:
            raise NotFound("No such task.", code="task_not_found")
        instance = common.lock_instance(found)
        from officium.approvals import selectors

        if not selectors.may_administer(actor, instance):
            raise NotFound("No such task.", code="task_not_found")
        task = Task.objects.select_for_update(of=("self",)).select_related("node_run").get(pk=task_id)
        if task.status not in PENDING_LIKE or instance.status != Instance.Status.RUNNING:
            raise common.NotPending(f"It is {task.status}.", state=task.status)
        target = _colleague(to)
        engine = Engine(instance)
        previous = task.assignee
        old = task.assignee_id
        task.assignee = target
        task.delegate = engine.delegate_for(target)
        task.save(update_fields=["assignee", "delegate"])
        if task.status == Task.Status.PENDING:
            engine.outcome.assigned.append(task)
        node_id = task.node_run.node_id if task.node_run else ""
        moved = {"from": str(old), "to": str(target.pk), "by": str(actor.pk)}
        engine.timeline("reassigned", node_id=node_id, data=moved)
        save_instance(instance)
        audit.record(
            action="approvals.task.reassigned",
            actor=actor,
            target=task,
            changes={"assignee": [str(old), str(target.pk)]},
        )
        announce(instance, engine.outcome, actor=actor, also=[previous])
    return task
