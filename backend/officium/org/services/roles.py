"""Writes about roles: custom roles, grants with data scopes, revocations. All audited."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction

from officium.core import audit, permissions
from officium.core.errors import Conflict, NotFound, ValidationFailed
from officium.org.models import Department, Role, RoleGrant
from officium.org.permissions import ROLE_MANAGE
from officium.org.roles import BUILTIN_ROLES, MUTUALLY_EXCLUSIVE


def _check_actor(actor: Any) -> None:
    """`actor=None` is the operator at the command line; people need the permission."""
    if actor is not None:
        permissions.require(actor, ROLE_MANAGE)


def _role(key: str) -> Role:
    try:
        return Role.objects.get(key=key)
    except Role.DoesNotExist:
        raise NotFound(f"No role {key!r}.", code="role_not_found") from None


def _clean_codes(codes: Sequence[str]) -> list[str]:
    unknown = sorted(code for code in codes if not permissions.is_defined(code))
    if unknown:
        raise ValidationFailed(f"Unknown permission codes: {', '.join(unknown)}", code="unknown_permission")
    return sorted(set(codes))


def role_create(*, actor: Any, key: str, name: str, permission_codes: Sequence[str]) -> Role:
    _check_actor(actor)
    role = Role(key=key.strip(), name=name.strip(), permission_codes=_clean_codes(permission_codes))
    if not role.key or not role.name:
        raise ValidationFailed("A role needs a key and a name.", code="invalid_role")
    try:
        with transaction.atomic():
            role.save(force_insert=True)
            audit.record(
                action="org.role.created",
                actor=actor,
                target=role,
                changes={"key": role.key, "name": role.name, "permission_codes": role.permission_codes},
            )
    except IntegrityError:
        raise Conflict("Another role has this key.", code="role_key_taken") from None
    return role


def role_update(
    *, actor: Any, role_id: UUID, name: str | None = None, permission_codes: Sequence[str] | None = None
) -> Role:
    _check_actor(actor)
    with transaction.atomic():
        try:
            role = Role.objects.select_for_update().get(pk=role_id)
        except Role.DoesNotExist:
            raise NotFound("No such role.", code="role_not_found") from None
        if role.is_builtin:
            raise Conflict("Built-in roles cannot be changed.", code="role_builtin")
        wanted: dict[str, Any] = {}
        if name is not None:
            wanted["name"] = name.strip()
        if permission_codes is not None:
            wanted["permission_codes"] = _clean_codes(permission_codes)
        audit.update_fields(role, wanted, action="org.role.updated", actor=actor)
    for grant in RoleGrant.objects.filter(role=role).select_related("user"):
        permissions.forget_cached_codes(grant.user)
    return role


def role_delete(*, actor: Any, role_id: UUID) -> None:
    _check_actor(actor)
    with transaction.atomic():
        try:
            role = Role.objects.select_for_update().get(pk=role_id)
        except Role.DoesNotExist:
            raise NotFound("No such role.", code="role_not_found") from None
        if role.is_builtin:
            raise Conflict("Built-in roles cannot be deleted.", code="role_builtin")
        if role.grants.exists():
            raise Conflict("Revoke this role from everyone first.", code="role_in_use")
        audit.record(action="org.role.deleted", actor=actor, target=role, changes={"key": role.key})
        role.delete()


def role_grant(
    *,
    actor: Any,
    user: Any,
    role_key: str,
    scope: str | None = None,
    department_ids: Sequence[UUID] = (),
) -> RoleGrant:
    """Give `user` a role (or change the data scope of the grant they already have)."""
    _check_actor(actor)
    role = _role(role_key)
    builtin = BUILTIN_ROLES.get(role.key) if role.is_builtin else None
    scope = scope or (builtin.default_scope if builtin else RoleGrant.Scope.ALL)
    if scope not in RoleGrant.Scope.values:
        raise ValidationFailed("Unknown data scope.", code="invalid_scope")
    departments = list(Department.objects.filter(pk__in=department_ids, status=Department.Status.ACTIVE))
    if len(departments) != len(set(department_ids)):
        raise ValidationFailed("No such department.", code="department_not_found")
    if (scope == RoleGrant.Scope.CUSTOM) != bool(departments):
        raise ValidationFailed("A custom scope lists departments; other scopes do not.", code="invalid_scope")
    with transaction.atomic():
        # Lock the grantee so that two concurrent grants cannot both pass the exclusivity check.
        type(user).objects.select_for_update().get(pk=user.pk)
        held = set(Role.objects.filter(grants__user=user).values_list("key", flat=True))
        if role.key not in held and role.key in MUTUALLY_EXCLUSIVE and held & MUTUALLY_EXCLUSIVE:
            raise Conflict(
                "System, security and audit administrator roles are mutually exclusive.",
                code="roles_mutually_exclusive",
            )
        grant, created = RoleGrant.objects.get_or_create(user=user, role=role, defaults={"scope": scope})
        before = {
            "scope": None if created else grant.scope,
            "departments": sorted(str(d.pk) for d in grant.departments.all()),
        }
        grant.scope = scope
        grant.save(update_fields=["scope"])
        grant.departments.set(departments)
        after = {"scope": scope, "departments": sorted(str(d.pk) for d in departments)}
        changes = audit.diff(before, after)
        if created or changes:
            audit.record(
                action="org.role.granted",
                actor=actor,
                target=user,
                changes={"role": [None, role.key], **changes} if created else {"role": role.key, **changes},
            )
    permissions.forget_cached_codes(user)
    return grant


def role_revoke(*, actor: Any, user: Any, role_key: str) -> None:
    _check_actor(actor)
    role = _role(role_key)
    with transaction.atomic():
        deleted, _ = RoleGrant.objects.filter(user=user, role=role).delete()
        if deleted:
            audit.record(action="org.role.revoked", actor=actor, target=user, changes={"role": [role.key, None]})
    permissions.forget_cached_codes(user)
