"""Fixtures shared by the whole suite: people in each role, signed-in API clients, captured events."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from officium.accounts import services as accounts
from officium.accounts.models import User
from officium.org import roles
from officium.org import services as org

PASSWORD = "Correct-Horse-Battery-9"

# The personas of the authorization matrix and of most API tests.
PERSONAS: dict[str, tuple[str, ...]] = {
    "employee": (roles.EMPLOYEE,),
    "employee_b": (roles.EMPLOYEE,),
    "manager": (roles.DEPARTMENT_MANAGER, roles.EMPLOYEE),
    "admin": (roles.SYSTEM_ADMIN,),
    "security": (roles.SECURITY_ADMIN,),
    "auditor": (roles.AUDIT_ADMIN,),
}


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(username: str | None = None, *, role_keys: tuple[str, ...] = (roles.EMPLOYEE,), **fields: Any) -> User:
        number = next(counter)
        username = username or f"user{number}"
        fields.setdefault("email", f"{username}@example.test")
        fields.setdefault("display_name", username.title())
        user = accounts.user_create(actor=None, username=username, password=PASSWORD, **fields)
        for key in role_keys:
            org.role_grant(actor=None, user=user, role_key=key)
        return user

    return make


@pytest.fixture
def people(make_user: Callable[..., User]) -> dict[str, User]:
    return {name: make_user(name, role_keys=keys) for name, keys in PERSONAS.items()}


class ApiClient:
    """A Django test client that speaks JSON to /api/v1/ and enforces CSRF like a browser would."""

    def __init__(self, user: User | None = None) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.user = user
        if user is not None:
            self.client.force_login(user)
        self.client.get("/login")  # the app shell sets the CSRF cookie

    @property
    def csrf_token(self) -> str:
        return str(self.client.cookies["csrftoken"].value)

    def request(self, method: str, path: str, body: Any = None, **headers: Any) -> Any:
        url = path if path.startswith("/") else f"/api/v1/{path}"
        kwargs: dict[str, Any] = {"headers": {"X-CSRFToken": self.csrf_token, **headers}}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method.lower())(url, **kwargs)

    def get(self, path: str, **params: Any) -> Any:
        url = path if path.startswith("/") else f"/api/v1/{path}"
        return self.client.get(url, params)

    def post(self, path: str, body: Any = None, **headers: Any) -> Any:
        return self.request("POST", path, body, **headers)

    def patch(self, path: str, body: Any = None, **headers: Any) -> Any:
        return self.request("PATCH", path, body, **headers)

    def delete(self, path: str, **headers: Any) -> Any:
        return self.request("DELETE", path, **headers)


@pytest.fixture
def api_for(db: Any) -> Callable[[User | None], ApiClient]:
    return ApiClient


@pytest.fixture
def anonymous_api(db: Any) -> ApiClient:
    return ApiClient()
