"""Fixtures shared by the whole suite: people in each role, signed-in API clients, captured events."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from channels.layers import channel_layers
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from officium.accounts import services as accounts
from officium.accounts.models import User
from officium.org import roles
from officium.org import services as org
from officium.org.models import Department, Employee

PASSWORD = "Correct-Horse-Battery-9"

# The personas of the authorization matrix and of most API tests: their roles and department.
# 总部 (root) ─ 研发部 (rd, headed by the manager) ─ 前端组 (fe); 总部 ─ 销售部 (sales).
PERSONAS: dict[str, tuple[str, ...]] = {
    "employee": (roles.EMPLOYEE,),
    "employee_b": (roles.EMPLOYEE,),
    "manager": (roles.DEPARTMENT_MANAGER, roles.EMPLOYEE),
    "hr": (roles.HR, roles.EMPLOYEE),
    "admin": (roles.SYSTEM_ADMIN,),
    "security": (roles.SECURITY_ADMIN,),
    "auditor": (roles.AUDIT_ADMIN,),
}
PERSONA_DEPARTMENTS = {
    "employee": "fe",
    "employee_b": "fe",
    "manager": "rd",
    "hr": "root",
    "admin": "root",
    "security": "root",
    "auditor": "root",
}
PERSONA_NAMES = {
    "employee": "李娜",
    "employee_b": "王芳",
    "manager": "张伟",
    "hr": "陈静",
    "admin": "系统管理员",
    "security": "安全管理员",
    "auditor": "审计管理员",
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
def org_tree(db: Any) -> dict[str, Department]:
    root = org.department_create(actor=None, name="总部", code="HQ")
    rd = org.department_create(actor=None, name="研发部", code="RD", parent_id=root.pk)
    return {
        "root": root,
        "rd": rd,
        "fe": org.department_create(actor=None, name="前端组", code="RD-FE", parent_id=rd.pk),
        "sales": org.department_create(actor=None, name="销售部", code="SALES", parent_id=root.pk),
    }


@pytest.fixture
def make_employee(db: Any) -> Callable[..., Employee]:
    counter = iter(range(1, 10_000))

    def make(
        name: str,
        department: Department,
        *,
        username: str | None = None,
        role_keys: tuple[str, ...] = (roles.EMPLOYEE,),
        **fields: Any,
    ) -> Employee:
        number = next(counter)
        fields.setdefault("mobile", f"+86137{number:08d}")
        fields.setdefault("email", f"{username or 'person'}{number}@example.test")
        employee = org.employee_create(
            actor=None,
            employee_number=f"T{number:04d}",
            name=name,
            department_id=department.pk,
            username=username,
            password=PASSWORD,
            **fields,
        )
        for key in role_keys:
            org.role_grant(actor=None, user=employee.user, role_key=key)
        return employee

    return make


@pytest.fixture
def staff(org_tree: dict[str, Department], make_employee: Callable[..., Employee]) -> dict[str, Employee]:
    """The personas as employees, the manager heading 研发部."""
    people = {
        name: make_employee(PERSONA_NAMES[name], org_tree[PERSONA_DEPARTMENTS[name]], username=name, role_keys=keys)
        for name, keys in PERSONAS.items()
    }
    org.department_set_heads(actor=None, department_id=org_tree["rd"].pk, employee_ids=[people["manager"].pk])
    return people


@pytest.fixture(autouse=True)
def fresh_channel_layer() -> None:
    """Each test gets a channel layer of its own. The Redis layer binds its per-channel locks to the
    event loop that first used them, and each async test runs on a new loop: a lock a previous test's
    consumer left held would belong to a loop that no longer runs."""
    channel_layers.backends = {}


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with an empty cache (its own: locmem, or its worker's Redis database), as each
    starts with an empty database: nothing cached by one test may answer another."""
    cache.clear()


@pytest.fixture
def people(staff: dict[str, Employee]) -> dict[str, User]:
    return {name: employee.user for name, employee in staff.items()}


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

    def upload(self, path: str, file_name: str, content: bytes) -> Any:
        url = path if path.startswith("/") else f"/api/v1/{path}"
        upload = SimpleUploadedFile(file_name, content)
        return self.client.post(url, {"file": upload}, headers={"X-CSRFToken": self.csrf_token})

    def get(self, path: str, **params: Any) -> Any:
        url = path if path.startswith("/") else f"/api/v1/{path}"
        return self.client.get(url, params)

    def post(self, path: str, body: Any = None, **headers: Any) -> Any:
        return self.request("POST", path, body, **headers)

    def put(self, path: str, body: Any = None, **headers: Any) -> Any:
        return self.request("PUT", path, body, **headers)

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
