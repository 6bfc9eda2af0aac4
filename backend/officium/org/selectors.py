"""Reads of the organisation app."""

from __future__ import annotations

from typing import Any

from officium.org.models import Role
from officium.org.roles import BUILTIN_ROLES


def role_codes(role: Role) -> frozenset[str]:
    if role.is_builtin and role.key in BUILTIN_ROLES:
        return BUILTIN_ROLES[role.key].codes
    return frozenset(str(code) for code in role.permission_codes)


def permission_codes_for_user(user: Any) -> frozenset[str]:
    """Every permission code the user's roles carry (one query)."""
    codes: set[str] = set()
    for role in Role.objects.filter(grants__user=user):
        codes |= role_codes(role)
    return frozenset(codes)


def role_keys_of(user: Any) -> set[str]:
    return set(Role.objects.filter(grants__user=user).values_list("key", flat=True))
