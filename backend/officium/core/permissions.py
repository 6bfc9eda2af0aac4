"""The permission vocabulary and the policy entry points used by services, selectors and the API.

Each app declares its codes in its `permissions.py` with `define("<app>.<object>.<verb>", label)`.
Which codes a user holds is answered by the resolver the organisation app installs (role grants);
Django's `is_superuser` flag only opens the Django admin and grants nothing here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from officium.core.errors import NotAuthenticated, PermissionDenied

PUBLIC = "public"
AUTHENTICATED = "authenticated"
MARKERS = frozenset({PUBLIC, AUTHENTICATED})


@dataclass(frozen=True)
class Permission:
    code: str
    label: str | Promise

    def __str__(self) -> str:
        return self.code


_registry: dict[str, Permission] = {}


def define(code: str, label: str | Promise) -> str:
    """Declare a permission code; returns the code so modules can name it as a constant."""
    parts = code.split(".")
    if len(parts) != 3 or not all(part.replace("_", "").isalnum() for part in parts):
        raise ValueError(f"permission codes look like 'app.object.verb', not {code!r}")
    existing = _registry.get(code)
    if existing is not None and existing.label != label:
        raise ValueError(f"permission {code!r} is defined twice")
    _registry[code] = Permission(code, label)
    return code


def all_permissions() -> list[Permission]:
    return sorted(_registry.values(), key=lambda permission: permission.code)


def is_defined(code: str) -> bool:
    return code in _registry


Resolver = Callable[[Any], frozenset[str]]


def _no_grants(user: Any) -> frozenset[str]:
    return frozenset()


_resolver: Resolver = _no_grants


def set_resolver(resolver: Resolver) -> None:
    global _resolver
    _resolver = resolver


def codes_of(user: Any) -> frozenset[str]:
    """The permission codes `user` holds, memoised on the user object for one request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached: frozenset[str] | None = getattr(user, "_officium_permission_codes", None)
    if cached is None:
        cached = _resolver(user)
        user._officium_permission_codes = cached
    return cached


def forget_cached_codes(user: Any) -> None:
    if hasattr(user, "_officium_permission_codes"):
        del user._officium_permission_codes


def has_permission(user: Any, code: str) -> bool:
    if code == PUBLIC:
        return True
    authenticated = user is not None and getattr(user, "is_authenticated", False) and user.is_active
    if code == AUTHENTICATED:
        return bool(authenticated)
    return bool(authenticated) and code in codes_of(user)


def require(user: Any, code: str) -> None:
    """Raise unless `user` holds `code`: 401 for nobody signed in, 403 otherwise."""
    if has_permission(user, code):
        return
    if user is None or not getattr(user, "is_authenticated", False):
        raise NotAuthenticated()
    raise PermissionDenied()


def register_app_permissions() -> None:
    """Import `permissions` of every Officium app so that all codes are defined at start-up."""
    for app_config in apps.get_app_configs():
        if app_config.name.startswith("officium.") and app_config.name != "officium.core":
            try:
                importlib.import_module(f"{app_config.name}.permissions")
            except ModuleNotFoundError as error:
                if error.name != f"{app_config.name}.permissions":
                    raise


# The platform's own codes.
AUDIT_EVENT_VIEW = define("audit.event.view", _("View and verify the audit log"))
SYSTEM_STATUS_VIEW = define("system.status.view", _("View the system status"))
