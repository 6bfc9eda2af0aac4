"""Roles carry permission codes; a grant gives a role to a user."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from officium.core.ids import uuid7


class Role(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    key = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)
    is_builtin = models.BooleanField(default=False)
    # Codes of a custom role; a built-in role's codes come from officium.org.roles.
    permission_codes = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return self.name


class RoleGrant(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="grants")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_grant_unique")]
