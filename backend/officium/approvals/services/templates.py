"""Designing templates: the draft (form, flow, settings), validation, and publishing immutable versions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction

from officium.accounts.models import User
from officium.approvals import flows, forms
from officium.approvals.models import Template, TemplateVersion
from officium.approvals.permissions import TEMPLATE_MANAGE
from officium.core import audit, permissions
from officium.core.errors import Conflict, NotFound, ValidationFailed
from officium.org import selectors as org
from officium.org.models import Department, Employee

DEFAULT_SETTINGS: dict[str, Any] = {
    "reject": "end",  # end | to_submitter
    "dedup": "none",  # none | any_earlier | consecutive
    "comment_required_on_reject": False,
    "withdraw_window_hours": 0,  # after approval; 0: only while running
    "title": "",  # empty: "<submitter>的<template name>"
}
SETTING_CHOICES = {"reject": {"end", "to_submitter"}, "dedup": {"none", "any_earlier", "consecutive"}}


def check_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    merged = {**DEFAULT_SETTINGS, **settings}
    unknown = sorted(set(merged) - set(DEFAULT_SETTINGS))
    if unknown:
        raise ValidationFailed(f"Unknown settings: {', '.join(unknown)}", code="invalid_settings")
    for key, allowed in SETTING_CHOICES.items():
        if merged[key] not in allowed:
            raise ValidationFailed(f"{key} is one of {', '.join(sorted(allowed))}.", code="invalid_settings")
    hours = merged["withdraw_window_hours"]
    if not isinstance(hours, int) or not 0 <= hours <= 24 * 365:
        raise ValidationFailed("withdraw_window_hours is 0 to 8760.", code="invalid_settings")
    return merged


def check_submitters(submitters: Mapping[str, Any]) -> dict[str, Any]:
    if submitters.get("everyone"):
        return {"everyone": True}
    cleaned = {key: [str(item) for item in submitters.get(key, [])] for key in ("departments", "roles", "employees")}
    if not any(cleaned.values()):
        raise ValidationFailed(
            "Say who may submit (everyone, departments, roles or people).", code="invalid_submitters"
        )
    return cleaned


def may_submit(employee: Employee, template: Template) -> bool:
    rule = template.submitters or {"everyone": True}
    if rule.get("everyone"):
        return True
    if str(employee.pk) in rule.get("employees", []):
        return True
    if set(rule.get("roles", [])) & org.role_keys_of(employee.user):
        return True
    chosen = Department.objects.filter(pk__in=rule.get("departments", []))
    return any(employee.main_department.path.startswith(department.path) for department in chosen)


def _check(actor: Any) -> None:
    if actor is not None:
        permissions.require(actor, TEMPLATE_MANAGE)


def template_create(
    *,
    actor: Any,
    key: str,
    name: str,
    form: Mapping[str, Any],
    flow: Mapping[str, Any],
    settings: Mapping[str, Any] | None = None,
    submitters: Mapping[str, Any] | None = None,
    category: str = "",
    icon: str = "",
    description: str = "",
    admin_ids: Sequence[UUID] = (),
    builtin_key: str = "",
) -> Template:
    _check(actor)
    template = Template(
        key=key.strip(),
        name=name.strip(),
        category=category.strip(),
        icon=icon.strip(),
        description=description.strip(),
        submitters=check_submitters(submitters or {"everyone": True}),
        draft={"form": dict(form), "flow": dict(flow), "settings": check_settings(settings or {})},
        builtin_key=builtin_key,
    )
    if not template.key or not template.name:
        raise ValidationFailed("A template has a key and a name.", code="invalid_template")
    try:
        with transaction.atomic():
            template.save(force_insert=True)
            template.admins.set(User.objects.filter(pk__in=admin_ids))
            audit.record(
                action="approvals.template.created",
                actor=actor,
                target=template,
                changes={"key": template.key, "name": template.name},
            )
    except IntegrityError:
        raise Conflict("Another template has this key.", code="template_key_taken") from None
    return template


def _locked(template_id: UUID) -> Template:
    try:
        return Template.objects.select_for_update().get(pk=template_id)
    except Template.DoesNotExist:
        raise NotFound("No such template.", code="template_not_found") from None


def template_update(*, actor: Any, template_id: UUID, **changes: Any) -> Template:
    """Change the draft and the template's description; running instances are not affected."""
    _check(actor)
    with transaction.atomic():
        template = _locked(template_id)
        wanted: dict[str, Any] = {}
        for key in ("name", "category", "icon", "description"):
            if key in changes:
                wanted[key] = str(changes[key]).strip()
        if "submitters" in changes:
            wanted["submitters"] = check_submitters(changes["submitters"])
        if "is_active" in changes:
            wanted["is_active"] = bool(changes["is_active"])
        draft = dict(template.draft)
        for key in ("form", "flow"):
            if key in changes:
                draft[key] = dict(changes[key])
        if "settings" in changes:
            draft["settings"] = check_settings(changes["settings"])
        if draft != template.draft:
            wanted["draft"] = draft
        audit.update_fields(template, wanted, action="approvals.template.updated", actor=actor)
        if "admin_ids" in changes:
            template.admins.set(User.objects.filter(pk__in=changes["admin_ids"]))
    return template


def validate_draft(draft: Mapping[str, Any]) -> list[dict[str, str]]:
    """Every problem that prevents publishing: [{pointer, message}]."""
    problems: list[dict[str, str]] = []
    form = draft.get("form") or {}
    try:
        fields = forms.check_definition(form)
    except forms.DefinitionError as error:
        return [{"pointer": f"/form{error.pointer}", "message": str(error)}]
    by_id = {spec["id"]: spec for spec in fields}
    for problem in flows.check(draft.get("flow") or {}, by_id):
        problems.append({"pointer": f"/flow{problem.pointer}", "message": problem.message})
    return problems


def template_publish(*, actor: Any, template_id: UUID) -> TemplateVersion:
    """Freeze the draft as the next version; new submissions use it, running ones keep theirs."""
    _check(actor)
    with transaction.atomic():
        template = _locked(template_id)
        problems = validate_draft(template.draft)
        if problems:
            raise ValidationFailed("The template cannot be published yet.", code="template_invalid", problems=problems)
        number = (template.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = TemplateVersion.objects.create(
            template=template,
            number=number,
            form=template.draft["form"],
            flow=template.draft["flow"],
            settings=check_settings(template.draft.get("settings", {})),
            published_by=actor,
        )
        template.published = version
        template.save(update_fields=["published"])
        audit.record(action="approvals.template.published", actor=actor, target=template, changes={"version": number})
    return version
