"""Every API operation × every persona: the answer matches the operation's declared permission.

Operations come from the live OpenAPI schema, so a new endpoint joins this matrix by existing.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from officium.config.api import api
from officium.core import permissions
from officium.core.api_base import PERMISSION_EXTENSION
from officium.org.roles import BUILTIN_ROLES

from ..conftest import PERSONAS, ApiClient
from .examples import EXAMPLES, Example, World

pytestmark = pytest.mark.django_db

SCHEMA = api.get_openapi_schema()
OPERATIONS = [
    (method.upper(), path, operation)
    for path, methods in SCHEMA["paths"].items()
    for method, operation in methods.items()
]
PERSONA_NAMES = ["anonymous", *PERSONAS]


def codes_held_by(persona: str) -> frozenset[str]:
    if persona == "anonymous":
        return frozenset()
    return frozenset().union(*(BUILTIN_ROLES[key].codes for key in PERSONAS[persona]))


def expected_outcome(code: str, persona: str) -> str:
    if code == permissions.PUBLIC:
        return "allowed"
    if persona == "anonymous":
        return "401"
    if code == permissions.AUTHENTICATED or code in codes_held_by(persona):
        return "allowed"
    return "403"


def test_every_operation_declares_a_known_permission() -> None:
    assert OPERATIONS, "the schema lists no operations"
    for method, path, operation in OPERATIONS:
        code = operation.get(PERMISSION_EXTENSION)
        assert code, f"{method} {path} declares no permission"
        assert code in permissions.MARKERS or permissions.is_defined(code), f"{method} {path}: unknown {code!r}"


def test_every_operation_with_inputs_has_an_example() -> None:
    for _method, path, operation in OPERATIONS:
        needs_example = "{" in path or "requestBody" in operation
        if needs_example:
            assert operation["operationId"] in EXAMPLES, f"add an example for {operation['operationId']}"


def _call(client: ApiClient, method: str, path: str, example: Example) -> Any:
    url = re.sub(r"\{(\w+)\}", lambda match: str(example.path_params[match.group(1)]), path)
    if method == "GET":
        return client.client.get(url, example.query)
    if example.upload is not None:
        name, content = example.upload
        return client.upload(url, name, content)
    return client.request(method, url, example.body)


@pytest.mark.parametrize(
    ("method", "path", "operation"), OPERATIONS, ids=[operation["operationId"] for _, _, operation in OPERATIONS]
)
def test_the_answer_matches_the_declared_permission_for_every_persona(
    people: dict[str, Any],
    staff: dict[str, Any],
    org_tree: dict[str, Any],
    method: str,
    path: str,
    operation: dict[str, Any],
) -> None:
    """One organisation per operation; each persona calls it in turn (anonymous first)."""
    factory = EXAMPLES.get(operation["operationId"], lambda world: Example())
    mismatches = []
    for persona in PERSONA_NAMES:
        actor = None if persona == "anonymous" else people[persona]
        response = _call(ApiClient(actor), method, path, factory(World(people, staff, org_tree, actor)))
        expected = expected_outcome(operation[PERMISSION_EXTENSION], persona)
        if expected == "allowed":
            ok = 200 <= response.status_code < 300
        else:
            ok = (
                response.status_code == int(expected)
                and response["Content-Type"] == "application/problem+json"
                and response.json()["code"] == {"401": "not_authenticated", "403": "permission_denied"}[expected]
            )
        if not ok:
            mismatches.append((persona, expected, response.status_code, response.content[:200]))
    assert mismatches == []


def test_separation_of_duties_in_the_built_in_roles() -> None:
    """Pinned policy: only the audit administrator reads the audit log; the system administrator cannot."""
    assert expected_outcome(permissions.AUDIT_EVENT_VIEW, "auditor") == "allowed"
    assert expected_outcome(permissions.AUDIT_EVENT_VIEW, "admin") == "403"
    assert expected_outcome(permissions.AUDIT_EVENT_VIEW, "security") == "403"
    assert expected_outcome(permissions.SYSTEM_STATUS_VIEW, "admin") == "allowed"
    assert expected_outcome(permissions.SYSTEM_STATUS_VIEW, "auditor") == "403"
    assert expected_outcome("org.role.manage", "security") == "allowed"
    assert expected_outcome("org.role.manage", "admin") == "403"
    assert expected_outcome("org.employee.manage", "hr") == "allowed"
    assert expected_outcome("org.employee.manage", "manager") == "403"
    assert expected_outcome("org.employee.view", "manager") == "allowed"
    assert expected_outcome("org.employee.view", "employee") == "403"
