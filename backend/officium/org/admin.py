"""Roles in the Django admin (read-only: grants change through audited services)."""

from django.contrib import admin

from officium.core.admin_base import ReadOnlyAdmin
from officium.org.models import Role, RoleGrant


@admin.register(Role)
class RoleAdmin(ReadOnlyAdmin):
    list_display = ("key", "name", "is_builtin")


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyAdmin):
    list_display = ("user", "role", "granted_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__display_name")
