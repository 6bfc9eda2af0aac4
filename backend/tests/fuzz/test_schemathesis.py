"""Schemathesis drives the whole OpenAPI schema as signed-in users: no 5xx, no answer off the contract."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from officium.accounts.models import User
from officium.org import roles

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

PERSONAS = {
    "employee": (roles.EMPLOYEE,),
    "admin": (roles.SYSTEM_ADMIN,),
    "auditor": (roles.AUDIT_ADMIN,),
}
Browser = dict[str, dict[str, str]]
_signed_in: dict[str, Browser] = {}


@schema.auth(refresh_interval=None)
class SessionCookie:
    """Schemathesis authenticates each generated request as the persona under test (cookie + CSRF header)."""

    def get(self, case: Any, context: Any) -> Browser:
        return _signed_in.get("current", {"cookies": {}, "headers": {}})

    def set(self, case: Any, browser: Browser, context: Any) -> None:
        case.cookies = {**(case.cookies or {}), **browser["cookies"]}
        case.headers = {**(case.headers or {}), **browser["headers"]}


def _browser(user: User) -> Browser:
    """The cookies and headers a signed-in browser sends."""
    client = Client()
    client.force_login(user)
    client.get("/login")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    csrf = client.cookies[settings.CSRF_COOKIE_NAME].value
    return {
        "cookies": {settings.SESSION_COOKIE_NAME: session, settings.CSRF_COOKIE_NAME: csrf},
        "headers": {"X-CSRFToken": csrf},
    }


@pytest.fixture(params=list(PERSONAS))
def persona(request: pytest.FixtureRequest, make_employee: Any, org_tree: dict[str, Any]) -> Iterator[str]:
    employee = make_employee(request.param, org_tree["fe"], username=request.param, role_keys=PERSONAS[request.param])
    _signed_in["current"] = _browser(employee.user)
    # Like Django's test client (which reconnects them after each of its requests, hence the order
    # here): the in-process WSGI app must not close the test's database connection.
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield request.param
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)
    _signed_in.clear()


@pytest.mark.fuzz
@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_contract(case: Any, persona: str) -> None:
    case.call_and_validate()
