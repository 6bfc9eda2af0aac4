"""Submitting and steering instances: submit, preview, resubmit, withdraw, urge, comment, copy, terminate."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from officium.approvals import checks, forms, selectors
from officium.approvals.engine import Engine
from officium.approvals.events import ApprovalSubmitted, ApprovalUrged, CommentAdded
from officium.approvals.flows import Flow
from officium.approvals.models import Attachment, Instance, NodeRun, SerialCounter, Task, Template, TimelineEvent
from officium.approvals.services import references
from officium.approvals.services.common import (
    INBOX_TOPIC,
    InstanceClosed,
    announce,
    employee_of,
    lock_instance,
    save_instance,
)
from officium.approvals.services.templates import may_submit
from officium.core import audit, realtime
from officium.core.errors import NotFound, PermissionDenied, RateLimited, ValidationFailed
from officium.core.events import publish
from officium.org import mentions as mention_service
from officium.org import selectors as org
from officium.org.models import Employee

URGE_INTERVAL = timedelta(hours=1)
MAX_COMMENT = 5000


def _template_for(me: Employee, template_id: UUID) -> Template:
    template = Template.objects.filter(pk=template_id, is_active=True, published__isnull=False).first()
    if template is None or not may_submit(me, template):
        raise NotFound("No such template.", code="template_not_found")
    return template


def submitter_context(me: Employee) -> dict[str, Any]:
    department = me.main_department
    return {
        "submitter": {
            "id": str(me.pk),
            "department": str(department.pk),
            "department_code": department.code or "",
            "departments": [*department.ancestor_ids, department.pk.hex],
            "roles": sorted(org.role_keys_of(me.user)),
            "positions": sorted(me.positions.values_list("code", flat=True)),
        }
    }


def start_editable(version_form: Mapping[str, Any], flow: Mapping[str, Any]) -> set[str]:
    """Fields the submitter fills in: all but those the flow's start hides or makes read-only."""
    permissions_at_start = (flow.get("start") or {}).get("field_permissions") or {}
    return {
        field_id for field_id in forms.field_ids(version_form) if permissions_at_start.get(field_id, "edit") == "edit"
    }


def clean_submission(
    me: Employee,
    form: Mapping[str, Any],
    data: Mapping[str, Any],
    *,
    editable: set[str] | None,
    instance: Instance | None = None,
) -> dict[str, Any]:
    result = forms.clean(form, data, context=submitter_context(me), editable=editable)
    if result.problems:
        raise ValidationFailed(
            "The form has errors.",
            code="invalid_form",
            errors=[{"pointer": p.pointer, "code": p.code, "message": p.message} for p in result.problems],
        )
    references.check(me, form, result.values, instance)
    return result.values


def _assign_serials(template: Template, form: Mapping[str, Any], values: dict[str, Any]) -> str:
    first = ""
    now = timezone.localtime()
    for spec in form.get("fields", []):
        if spec["type"] != "serial":
            continue
        reset = spec.get("reset", "yearly")
        period = {"yearly": f"{now:%Y}", "monthly": f"{now:%Y%m}", "daily": f"{now:%Y%m%d}"}.get(reset, "all")
        counter, _ = SerialCounter.objects.select_for_update().get_or_create(
            template=template, field_id=spec["id"], period=period
        )
        counter.value += 1
        counter.save(update_fields=["value"])
        stamp = now.strftime({"daily": "%Y%m%d", "monthly": "%Y%m", "yearly": "%Y"}.get(reset, "%Y%m%d"))
        values[spec["id"]] = f"{spec.get('prefix', '')}{stamp}{counter.value:0{int(spec.get('digits', 4))}d}"
        first = first or values[spec["id"]]
    return first


def _check_chosen(version_flow: Mapping[str, Any], chosen: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    flow = Flow(version_flow)
    cleaned: dict[str, list[str]] = {}
    for node_id, people in chosen.items():
        node = flow.nodes.get(node_id)
        if node is None or not any(s.get("type") == "submitter_selected" for s in node.get("approvers", [])):
            raise ValidationFailed(f"Node {node_id} does not let you choose approvers.", code="invalid_chosen")
        ids = [str(person) for person in people]
        if Employee.objects.filter(pk__in=ids, status__in=org.ACTIVE_STATUSES).count() != len(set(ids)):
            raise ValidationFailed("Choose active colleagues.", code="invalid_chosen")
        cleaned[node_id] = ids
    for node in flow.task_nodes():
        sources = node.get("approvers", [])
        required = any(s.get("type") == "submitter_selected" and s.get("required") for s in sources)
        if required and not cleaned.get(node["id"]):
            name = node.get("name", node["id"])
            raise ValidationFailed(f"Choose the approvers of {name}.", code="chosen_required")
    return cleaned


def _title(template: Template, me: Employee, settings: Mapping[str, Any]) -> str:
    pattern = settings.get("title") or "{submitter}的{template}"
    return pattern.replace("{submitter}", me.name).replace("{template}", template.name)[:200]


def _build(me: Employee, template: Template, data: Mapping[str, Any], chosen: Mapping[str, Sequence[str]]) -> Instance:
    version = template.published
    assert version is not None
    values = clean_submission(me, version.form, data, editable=start_editable(version.form, version.flow))
    serial = _assign_serials(template, version.form, values)
    instance = Instance(
        template=template,
        version=version,
        title=_title(template, me, version.settings),
        submitter=me,
        department=me.main_department,
        form_data=values,
        chosen=_check_chosen(version.flow, chosen),
    )
    instance.serial_number = serial or f"{template.key.upper()[:10]}-{instance.pk.hex[-8:]}"
    checks.run(checks.RequestCheck(template.key, me, values, instance.pk, "submit"))
    instance.save(force_insert=True)
    references.attach(me, instance, version.form, values)
    TimelineEvent.objects.create(instance=instance, type="submitted", actor=me)
    return instance


def instance_submit(
    *, actor: Any, template_id: UUID, form_data: Mapping[str, Any], chosen: Mapping[str, Sequence[str]] | None = None
) -> Instance:
    me = employee_of(actor)
    template = _template_for(me, template_id)
    with transaction.atomic():
        instance = _build(me, template, form_data, chosen or {})
        engine = Engine(instance)
        outcome = engine.start()
        save_instance(instance)
        audit.record(
            action="approvals.instance.submitted",
            actor=actor,
            target=instance,
            changes={"template": template.key, "serial_number": instance.serial_number},
        )
        publish(ApprovalSubmitted(instance_id=instance.pk, template_key=template.key, submitter_id=me.pk), durable=True)
        announce(instance, outcome, actor=actor)
    return instance


def route_preview(
    *, actor: Any, template_id: UUID, form_data: Mapping[str, Any], chosen: Mapping[str, Sequence[str]] | None = None
) -> list[dict[str, Any]]:
    """Who would approve, step by step, for this form: the real engine run in a savepoint that is rolled
    back, every task approved as it comes, so the preview cannot differ from the route taken."""
    me = employee_of(actor)
    template = _template_for(me, template_id)
    steps: list[dict[str, Any]] = []
    with transaction.atomic():
        instance = _build(me, template, form_data, chosen or {})
        engine = Engine(instance)
        engine.start()
        for _ in range(500):  # a flow is finite; the bound only guards against a defect looping
            pending = list(
                Task.objects.filter(instance=instance, status=Task.Status.PENDING).select_related("node_run")
            )
            if not pending or instance.status != Instance.Status.RUNNING:
                break
            for task in pending:
                task.refresh_from_db()
                if task.status != Task.Status.PENDING:
                    continue
                task.status, task.decided_at = Task.Status.APPROVED, timezone.now()
                task.save(update_fields=["status", "decided_at"])
                assert task.node_run is not None
                engine.settle(task.node_run)
        flow = engine.flow
        for run in NodeRun.objects.filter(instance=instance).order_by("started_at", "id").prefetch_related("tasks"):
            node = flow.nodes[run.node_id]
            steps.append(
                {
                    "node_id": run.node_id,
                    "name": node.get("name", ""),
                    "kind": run.kind,
                    "mode": run.mode,
                    "approvers": [
                        {"id": t.assignee_id, "name": t.assignee.name, "auto": t.auto_reason or ""}
                        for t in run.tasks.select_related("assignee").order_by("position")
                        if t.origin == "flow"
                    ],
                    "auto": not run.tasks.exists(),
                }
            )
        transaction.set_rollback(True)
    return steps


def instance_resubmit(*, actor: Any, instance_id: UUID, form_data: Mapping[str, Any]) -> Instance:
    """The submitter edits a returned approval and sends it again; the flow starts over."""
    me = employee_of(actor)
    with transaction.atomic():
        instance = lock_instance(instance_id)
        if instance.submitter_id != me.pk:
            raise NotFound("No such approval.", code="instance_not_found")
        if instance.status != Instance.Status.RETURNED:
            raise InstanceClosed("Only an approval returned to you can be resubmitted.", state=instance.status)
        version = instance.version
        editable = start_editable(version.form, version.flow)
        values = clean_submission(me, version.form, form_data, editable=editable, instance=instance)
        checks.run(checks.RequestCheck(instance.template.key, me, values, instance.pk, "submit"))
        references.attach(me, instance, version.form, values)
        for spec in version.form.get("fields", []):
            if spec["type"] == "serial" and spec["id"] in instance.form_data:
                values[spec["id"]] = instance.form_data[spec["id"]]
        changes = audit.diff(instance.form_data, values)
        instance.form_data = values
        instance.form_revision += 1
        TimelineEvent.objects.create(instance=instance, type="resubmitted", actor=me, data={"changed": sorted(changes)})
        outcome = Engine(instance).resubmit()
        save_instance(instance)
        audit.record(action="approvals.instance.resubmitted", actor=actor, target=instance, changes=changes)
        announce(instance, outcome, actor=actor)
    return instance


def instance_withdraw(*, actor: Any, instance_id: UUID, reason: str = "") -> Instance:
    """撤回 while it runs; after approval only within the template's window (then: revoked)."""
    me = employee_of(actor)
    with transaction.atomic():
        instance = lock_instance(instance_id)
        if instance.submitter_id != me.pk:
            raise NotFound("No such approval.", code="instance_not_found")
        engine = Engine(instance)
        if instance.status in (Instance.Status.RUNNING, Instance.Status.RETURNED):
            engine.withdraw()
        elif instance.status == Instance.Status.APPROVED and _within_window(instance):
            engine.timeline("revoked", actor=me, data={"reason": reason[:500]})
            instance.status = Instance.Status.REVOKED
            engine.outcome.finished = Instance.Status.REVOKED
        else:
            raise InstanceClosed("It can no longer be withdrawn.", state=instance.status)
        engine.timeline("withdrawn", actor=me, data={"reason": reason[:500]})
        instance.finished_at = timezone.now()
        save_instance(instance)
        announce(instance, engine.outcome, actor=actor)
    return instance


def _within_window(instance: Instance) -> bool:
    hours = int(instance.version.settings.get("withdraw_window_hours", 0))
    return bool(hours and instance.finished_at and timezone.now() - instance.finished_at <= timedelta(hours=hours))


def instance_urge(*, actor: Any, instance_id: UUID) -> list[Employee]:
    """催办: remind the current approvers; at most once an hour per approval."""
    me = employee_of(actor)
    with transaction.atomic():
        instance = lock_instance(instance_id)
        if instance.submitter_id != me.pk:
            raise NotFound("No such approval.", code="instance_not_found")
        if instance.status != Instance.Status.RUNNING:
            raise InstanceClosed(f"It is {instance.status}.", state=instance.status)
        last = (
            instance.timeline.filter(type="urged").order_by("-created_at").values_list("created_at", flat=True).first()
        )
        if last and timezone.now() - last < URGE_INTERVAL:
            wait = int((URGE_INTERVAL - (timezone.now() - last)).total_seconds())
            raise RateLimited("You urged this approval less than an hour ago.", code="urge_too_soon", retry_after=wait)
        waiting = list(
            Employee.objects.filter(
                approval_tasks__instance=instance, approval_tasks__status=Task.Status.PENDING
            ).distinct()
        )
        TimelineEvent.objects.create(
            instance=instance, type="urged", actor=me, data={"to": [str(p.pk) for p in waiting]}
        )
        publish(ApprovalUrged(instance_id=instance.pk, by_id=me.pk, assignee_ids=tuple(p.pk for p in waiting)))
    return waiting


def instance_comment(
    *, actor: Any, instance_id: UUID, text: str, mentions: Sequence[UUID] = (), attachment_ids: Sequence[UUID] = ()
) -> TimelineEvent:
    me = employee_of(actor)
    text = text.strip()
    if not text or len(text) > MAX_COMMENT:
        raise ValidationFailed(f"A comment has 1 to {MAX_COMMENT} characters.", code="invalid_comment")
    with transaction.atomic():
        instance = lock_instance(instance_id)
        if not selectors.may_see(me, actor, instance):
            raise NotFound("No such approval.", code="instance_not_found")
        mentioned = mention_service.mentioned(text=text, ids=mentions)
        attachments = list(Attachment.objects.filter(pk__in=attachment_ids, uploaded_by=me, instance__isnull=True))
        if len(attachments) != len(set(attachment_ids)):
            raise ValidationFailed("Unknown attachments.", code="unknown_reference")
        Attachment.objects.filter(pk__in=[a.pk for a in attachments]).update(instance=instance)
        event = TimelineEvent.objects.create(
            instance=instance,
            type="commented",
            actor=me,
            data={
                "text": text,
                "mentions": [{"id": str(p.pk), "name": p.name} for p in mentioned],
                "attachments": [{"id": str(a.pk), "name": a.name} for a in attachments],
            },
        )
        audit.record(action="approvals.instance.commented", actor=actor, target=instance, changes={"length": len(text)})
        publish(CommentAdded(instance_id=instance.pk, author_id=me.pk, mentioned_ids=tuple(p.pk for p in mentioned)))
    return event


def instance_copy(*, actor: Any, instance_id: UUID, employee_ids: Sequence[UUID]) -> list[Task]:
    """CC at any time, by the submitter or anyone with a task in it."""
    me = employee_of(actor)
    with transaction.atomic():
        instance = lock_instance(instance_id)
        if not selectors.may_see(me, actor, instance):
            raise NotFound("No such approval.", code="instance_not_found")
        people = list(Employee.objects.filter(pk__in=employee_ids, status__in=org.ACTIVE_STATUSES))
        if len(people) != len(set(employee_ids)):
            raise ValidationFailed("Choose active colleagues.", code="invalid_recipients")
        engine = Engine(instance)
        engine.copy_to(people, origin="cc", actor=me)
        announce(instance, engine.outcome, actor=actor)
        audit.record(
            action="approvals.instance.copied",
            actor=actor,
            target=instance,
            changes={"to": [str(p.pk) for p in people]},
        )
    return engine.outcome.copied


def copies_mark_read(me: Employee, instance: Instance) -> None:
    """Opening an approval marks its copies to me read (the CC box counts what is unread)."""
    opened = instance.tasks.filter(assignee=me, kind=Task.Kind.CC, status=Task.Status.PENDING)
    if opened.update(status=Task.Status.READ):
        realtime.changed_on_commit(me.user_id, INBOX_TOPIC)


def instance_terminate(*, actor: Any, instance_id: UUID, reason: str) -> Instance:
    """An administrator ends a running approval."""
    with transaction.atomic():
        instance = lock_instance(instance_id)
        if not selectors.may_administer(actor, instance):
            if not selectors.may_see(employee_of(actor), actor, instance):
                raise NotFound("No such approval.", code="instance_not_found")
            raise PermissionDenied("Only the process's administrators can do this.")
        if instance.status not in (Instance.Status.RUNNING, Instance.Status.RETURNED):
            raise InstanceClosed(f"It is {instance.status}.", state=instance.status)
        engine = Engine(instance)
        engine.terminate()
        engine.timeline("terminated", data={"reason": reason[:500], "by": str(actor.pk)})
        save_instance(instance)
        announce(instance, engine.outcome, actor=actor)
    return instance
