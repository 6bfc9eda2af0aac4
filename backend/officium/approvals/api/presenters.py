"""Approval models as API shapes, as a given viewer may see them."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from officium.approvals import forms, selectors
from officium.approvals.engine import Engine
from officium.approvals.flows import TASK_NODES, Flow
from officium.approvals.models import Instance, Task, Template, TimelineEvent
from officium.approvals.services.tasks import editable_fields, return_targets
from officium.org.models import Employee


def person(employee: Employee | None) -> dict[str, Any] | None:
    return {"id": employee.pk, "name": employee.name} if employee is not None else None


def template_summary(template: Template) -> dict[str, Any]:
    return {
        "id": template.pk,
        "key": template.key,
        "name": template.name,
        "icon": template.icon,
        "category": template.category,
        "description": template.description,
    }


def template_detail(template: Template) -> dict[str, Any]:
    from officium.approvals.services.templates import validate_draft

    return {
        **template_summary(template),
        "is_active": template.is_active,
        "submitters": template.submitters,
        "admin_ids": list(template.admins.values_list("pk", flat=True)),
        "draft": template.draft,
        "published_version": template.published.number if template.published else None,
        "problems": validate_draft(template.draft),
    }


def submission_form(template: Template) -> dict[str, Any]:
    version = template.published
    assert version is not None
    flow = Flow(version.flow)
    choose = []
    for node in flow.task_nodes():
        for source in node.get("approvers", []):
            if source.get("type") == "submitter_selected":
                choose.append(
                    {
                        "node_id": node["id"],
                        "name": node.get("name", ""),
                        "required": bool(source.get("required")),
                        "multiple": bool(source.get("multiple", True)),
                    }
                )
    start = (version.flow.get("start") or {}).get("field_permissions") or {}
    return {
        **template_summary(template),
        "version": version.number,
        "form": {"fields": [f for f in version.form.get("fields", []) if start.get(f["id"]) != "hidden"]},
        "start_field_permissions": {f["id"]: start.get(f["id"], "edit") for f in version.form.get("fields", [])},
        "choose_approvers": choose,
    }


def task(item: Task, flow: Flow | None = None) -> dict[str, Any]:
    node_id = item.node_run.node_id if item.node_run else ""
    node = (flow or Flow(item.instance.version.flow)).nodes.get(node_id, {}) if node_id else {}
    return {
        "id": item.pk,
        "kind": item.kind,
        "status": item.status,
        "node_id": node_id,
        "node_name": node.get("name", ""),
        "assignee": person(item.assignee),
        "delegate": person(item.delegate),
        "acted_by": person(item.acted_by),
        "comment": item.comment,
        "auto_reason": item.auto_reason,
        "origin": item.origin,
        "created_at": item.created_at,
        "decided_at": item.decided_at,
        "due_at": item.due_at,
    }


def instance_summary(instance: Instance) -> dict[str, Any]:
    return {
        "id": instance.pk,
        "serial_number": instance.serial_number,
        "title": instance.title,
        "template": template_summary(instance.template),
        "submitter": person(instance.submitter),
        "status": instance.status,
        "submitted_at": instance.submitted_at,
        "finished_at": instance.finished_at,
    }


def inbox_rows(rows: list[Any], request: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    flows: dict[Any, Flow] = {}
    for row in rows:
        if isinstance(row, Task):
            version = row.instance.version
            flows.setdefault(version.pk, Flow(version.flow))
            items.append({"instance": instance_summary(row.instance), "task": task(row, flows[version.pk])})
        else:
            items.append({"instance": instance_summary(row), "task": None})
    return items


def timeline_event(event: TimelineEvent, hidden: set[str]) -> dict[str, Any]:
    data = dict(event.data)
    if event.type == "form_edited":
        data["changes"] = {k: v for k, v in data.get("changes", {}).items() if k not in hidden}
    return {
        "id": event.pk,
        "type": event.type,
        "actor": person(event.actor),
        "on_behalf_of": person(event.on_behalf_of),
        "node_id": event.node_id,
        "data": data,
        "created_at": event.created_at,
    }


def instance_detail(instance: Instance, me: Employee, actor: Any) -> dict[str, Any]:
    permissions = selectors.field_permissions_for(me, actor, instance)
    hidden = {field for field, permission in permissions.items() if permission == "hidden"}
    form = instance.version.form
    visible_fields = [spec for spec in form.get("fields", []) if spec["id"] not in hidden]
    values = selectors.visible_form(instance, permissions)
    words = {
        spec["id"]: forms.money_in_words(values[spec["id"]])
        for spec in visible_fields
        if spec["type"] in ("money", "formula") and values.get(spec["id"]) not in (None, "")
    }
    flow = Flow(instance.version.flow)
    tasks = list(
        instance.tasks.select_related("assignee", "delegate", "acted_by", "node_run", "instance__version").order_by(
            "created_at", "position"
        )
    )
    events = instance.timeline.select_related("actor", "on_behalf_of")
    return {
        **instance_summary(instance),
        "department": {"id": instance.department.pk, "name": instance.department.name},
        "version": instance.version.number,
        "form": {"fields": visible_fields},
        "form_data": values,
        "field_permissions": permissions,
        "money_in_words": words,
        "tasks": [task(t, flow) for t in tasks],
        "timeline": [timeline_event(e, hidden) for e in events],
        "actions": my_actions(instance, me, actor, tasks, flow),
    }


def my_actions(instance: Instance, me: Employee, actor: Any, tasks: list[Task], flow: Flow) -> dict[str, Any]:
    mine = next(
        (
            t
            for t in tasks
            if t.status == Task.Status.PENDING and t.kind != Task.Kind.CC and me.pk in (t.assignee_id, t.delegate_id)
        ),
        None,
    )
    running = instance.status == Instance.Status.RUNNING
    node = flow.nodes.get(mine.node_run.node_id, {}) if mine and mine.node_run else {}
    allowed = node.get("actions") or {}
    targets: list[dict[str, str]] = []
    if mine is not None and running and allowed.get("return", True):
        targets = [{"node_id": "submitter", "name": "submitter"}]
        targets += [
            {"node_id": node_id, "name": flow.nodes[node_id].get("name", node_id)}
            for node_id in return_targets(Engine(instance), mine)
            if flow.nodes[node_id]["type"] in TASK_NODES
        ]
    submitter = instance.submitter_id == me.pk
    window = int(instance.version.settings.get("withdraw_window_hours", 0))
    revocable = (
        instance.status == Instance.Status.APPROVED
        and window > 0
        and instance.finished_at is not None
        and (timezone.now() - instance.finished_at).total_seconds() <= window * 3600
    )
    return {
        "task_id": mine.pk if mine else None,
        "approve": bool(mine and running),
        "reject": bool(mine and running and mine.kind == Task.Kind.APPROVE),
        "reject_comment_required": bool(instance.version.settings.get("comment_required_on_reject")),
        "return_targets": targets,
        "transfer": bool(mine and running and allowed.get("transfer", True)),
        "add_sign": bool(mine and running and allowed.get("add_sign", True)),
        "signature_required": bool(node.get("signature_required")),
        "editable_fields": sorted(editable_fields(node)) if mine else [],
        "withdraw": submitter and (instance.status in (Instance.Status.RUNNING, Instance.Status.RETURNED) or revocable),
        "urge": submitter and running,
        "resubmit": submitter and instance.status == Instance.Status.RETURNED,
        "comment": True,
        "cc": True,
        "terminate": selectors.may_administer(actor, instance)
        and instance.status in (Instance.Status.RUNNING, Instance.Status.RETURNED),
    }
