"""Organisation-wide policies and positions (岗位)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction

from officium.core import audit, permissions
from officium.core.errors import Conflict, NotFound, ValidationFailed
from officium.org.models import OrgSettings, Position
from officium.org.permissions import DEPARTMENT_MANAGE, SETTINGS_MANAGE


def org_settings_update(*, actor: Any, mask_phone_numbers: bool) -> OrgSettings:
    permissions.require(actor, SETTINGS_MANAGE)
    with transaction.atomic():
        settings, _ = OrgSettings.objects.select_for_update().get_or_create(pk=1)
        audit.update_fields(
            settings,
            {"mask_phone_numbers": mask_phone_numbers},
            action="org.settings.updated",
            actor=actor,
            touch=["updated_at"],
        )
    return settings


def _check(actor: Any) -> None:
    if actor is not None:
        permissions.require(actor, DEPARTMENT_MANAGE)


def position_create(*, actor: Any, code: str, name: str, description: str = "") -> Position:
    _check(actor)
    position = Position(code=code.strip(), name=name.strip(), description=description.strip()[:500])
    if not position.code or not position.name:
        raise ValidationFailed("A position needs a code and a name.", code="invalid_position")
    try:
        with transaction.atomic():
            position.save(force_insert=True)
            audit.record(
                action="org.position.created",
                actor=actor,
                target=position,
                changes={"code": position.code, "name": position.name},
            )
    except IntegrityError:
        raise Conflict("Another position has this code.", code="position_code_taken") from None
    return position


def position_update(
    *, actor: Any, position_id: UUID, name: str | None = None, description: str | None = None
) -> Position:
    _check(actor)
    with transaction.atomic():
        try:
            position = Position.objects.select_for_update().get(pk=position_id)
        except Position.DoesNotExist:
            raise NotFound("No such position.", code="position_not_found") from None
        wanted = {
            key: value.strip() for key, value in (("name", name), ("description", description)) if value is not None
        }
        audit.update_fields(position, wanted, action="org.position.updated", actor=actor)
    return position


def position_delete(*, actor: Any, position_id: UUID) -> None:
    _check(actor)
    with transaction.atomic():
        try:
            position = Position.objects.select_for_update().get(pk=position_id)
        except Position.DoesNotExist:
            raise NotFound("No such position.", code="position_not_found") from None
        if position.employees.exists():
            raise Conflict("People hold this position.", code="position_in_use")
        audit.record(action="org.position.deleted", actor=actor, target=position, changes={"code": position.code})
        position.delete()
