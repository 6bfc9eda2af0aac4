"""Accounts in the Django admin (read-only: accounts change through the API, CLI and services)."""

from django.contrib import admin

from officium.accounts.models import User
from officium.core.admin_base import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ("username", "display_name", "email", "phone", "is_active", "is_staff", "last_login")
    list_filter = ("is_active", "is_staff")
    search_fields = ("username", "display_name", "email", "phone")
    fields = ("username", "display_name", "email", "phone", "language", "is_active", "is_staff", "last_login")
    ordering = ("username",)
