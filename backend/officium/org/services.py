"""Writes of the organisation app: granting and revoking roles, audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from officium.core import audit, permissions
from officium.core.errors import Conflict, NotFound
from officium.org.models import Role, RoleGrant
from officium.org.permissions import ROLE_MANAGE
from officium.org.roles import MUTUALLY_EXCLUSIVE


def _role(key: str) -> Role:
    try:
        return Role.objects.get(key=key)
    except Role.DoesNotExist:
        raise NotFound(f"No role {key!r}.", code="role_not_found") from None


def _check_actor(actor: Any) -> None:
    """`actor=None` is the operator at the command line; people need the permission."""
    if actor is not None:
        permissions.require(actor, ROLE_MANAGE)


def role_grant(*, actor: Any, user: Any, role_key: str) -> RoleGrant:
    _check_actor(actor)
    role = _role(role_key)
    with transaction.atomic():
        # Lock the grantee so that two concurrent grants cannot both pass the exclusivity check.
        type(user).objects.select_for_update().get(pk=user.pk)
        held = set(Role.objects.filter(grants__user=user).values_list("key", flat=True))
        if role.key in held:
            return RoleGrant.objects.get(user=user, role=role)
        if role.key in MUTUALLY_EXCLUSIVE and held & MUTUALLY_EXCLUSIVE:
            raise Conflict(
                "System, security and audit administrator roles are mutually exclusive.",
                code="roles_mutually_exclusive",
            )
        grant = RoleGrant.objects.create(user=user, role=role)
        audit.record(
            action="org.role.granted",
            actor=actor,
            target=user,
            changes={"role": [None, role.key]},
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
