"""Reads of the approval centre: what a person may see, the inbox, an instance as its viewer sees it."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from officium.approvals.flows import Flow
from officium.approvals.models import Attachment, Instance, Task, Template
from officium.approvals.permissions import INSTANCE_MANAGE
from officium.core import permissions
from officium.org.models import Employee


def may_administer(actor: Any, instance: Instance) -> bool:
    return permissions.has_permission(actor, INSTANCE_MANAGE) or instance.template.admins.filter(pk=actor.pk).exists()


def visible_instances(me: Employee) -> QuerySet[Instance]:
    """Approvals a person takes part in: submitted, assigned (or delegated), copied."""
    involved = Task.objects.filter(instance=OuterRef("pk")).filter(Q(assignee=me) | Q(delegate=me) | Q(acted_by=me))
    return Instance.objects.filter(Q(submitter=me) | Exists(involved))


def may_see(me: Employee, actor: Any, instance: Instance) -> bool:
    if instance.submitter_id == me.pk or may_administer(actor, instance):
        return True
    return instance.tasks.filter(Q(assignee=me) | Q(delegate=me) | Q(acted_by=me)).exists()


def instance_for(me: Employee, actor: Any, instance_id: Any) -> Instance:
    from officium.core.errors import NotFound

    instance = (
        Instance.objects.select_related("template", "version", "submitter", "department").filter(pk=instance_id).first()
    )
    if instance is None or not may_see(me, actor, instance):
        raise NotFound("No such approval.", code="instance_not_found")
    return instance


# Everything an inbox row shows, fetched with the row.
TASK_ROW = (
    "instance__template",
    "instance__version",
    "instance__submitter",
    "node_run",
    "assignee",
    "delegate",
    "acted_by",
)


def inbox(me: Employee, box: str) -> QuerySet[Task]:
    """pending: my tasks to act on (mine or delegated to me); done: tasks I decided; cc: copies to me."""
    if box == "pending":
        return (
            Task.objects.filter(Q(assignee=me) | Q(delegate=me), status=Task.Status.PENDING)
            .exclude(kind=Task.Kind.CC)
            .select_related(*TASK_ROW)
        )
    if box == "done":
        return Task.objects.filter(acted_by=me).exclude(kind=Task.Kind.CC).select_related(*TASK_ROW)
    return Task.objects.filter(assignee=me, kind=Task.Kind.CC).select_related(*TASK_ROW)


def submitted(me: Employee) -> QuerySet[Instance]:
    return Instance.objects.filter(submitter=me).select_related("template", "submitter")


def inbox_counts(me: Employee) -> dict[str, int]:
    pending = Task.objects.filter(Q(assignee=me) | Q(delegate=me), status=Task.Status.PENDING).exclude(
        kind=Task.Kind.CC
    )
    unread = Task.objects.filter(assignee=me, kind=Task.Kind.CC, status=Task.Status.PENDING)
    return {"pending": pending.count(), "cc_unread": unread.count()}


def field_permissions_for(me: Employee, actor: Any, instance: Instance) -> dict[str, str]:
    """hidden | read | edit per field, for this viewer now. The submitter and administrators read
    everything the start did not hide; an approver sees what their node grants."""
    flow = Flow(instance.version.flow)
    fields = [spec["id"] for spec in instance.version.form.get("fields", [])]
    if may_administer(actor, instance):
        return dict.fromkeys(fields, "read")
    pending = (
        instance.tasks.filter(Q(assignee=me) | Q(delegate=me), status=Task.Status.PENDING, node_run__isnull=False)
        .select_related("node_run")
        .first()
    )
    if pending is not None and pending.node_run is not None:
        node = flow.nodes.get(pending.node_run.node_id, {})
        at_node = node.get("field_permissions") or {}
        return {field: at_node.get(field, "read") for field in fields}
    if instance.submitter_id == me.pk:
        start = (instance.version.flow.get("start") or {}).get("field_permissions") or {}
        return {field: "hidden" if start.get(field) == "hidden" else "read" for field in fields}
    # Someone who acted earlier, or a copy: the most open permission any of their nodes granted.
    granted: dict[str, str] = {}
    order = {"hidden": 0, "read": 1, "edit": 1}
    for task in instance.tasks.filter(Q(assignee=me) | Q(delegate=me) | Q(acted_by=me)).select_related("node_run"):
        node = flow.nodes.get(task.node_run.node_id, {}) if task.node_run else {}
        for field in fields:
            permission = (node.get("field_permissions") or {}).get(field, "read")
            if order[permission] >= order.get(granted.get(field, "hidden"), 0):
                granted[field] = "read" if permission == "edit" else permission
    return {field: granted.get(field, "read") for field in fields}


def visible_form(instance: Instance, field_permissions: dict[str, str]) -> dict[str, Any]:
    """The form data without what this viewer may not see: hidden fields never leave the server."""
    hidden = {field for field, permission in field_permissions.items() if permission == "hidden"}
    return {
        key: value
        for key, value in instance.form_data.items()
        if key not in hidden and key.split("__")[0] not in hidden
    }


def submittable_templates(me: Employee) -> list[Template]:
    from officium.approvals.services.templates import may_submit

    templates = Template.objects.filter(is_active=True, published__isnull=False).order_by("category", "order", "name")
    return [template for template in templates if may_submit(me, template)]


def attachment_for(me: Employee, actor: Any, attachment_id: Any) -> Attachment:
    """A file: for its uploader, or for whoever may see the approval it belongs to; else 404."""
    from officium.core.errors import NotFound

    attachment = Attachment.objects.select_related("instance__template").filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound("No such file.", code="attachment_not_found")
    if attachment.uploaded_by_id == me.pk:
        return attachment
    if attachment.instance is not None and may_see(me, actor, attachment.instance):
        return attachment
    raise NotFound("No such file.", code="attachment_not_found")
