"""Signing in through django-allauth headless: username, email or mobile; throttled; audited."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from officium.accounts.models import User
from officium.core import audit
from officium.core.models import AuditEvent

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/_allauth/browser/v1/auth/login"
SESSION = "/_allauth/browser/v1/auth/session"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def lina(make_user: Any) -> User:
    return make_user("lina", email="lina@example.test", phone="13800000004", display_name="李娜")


def _browser(ip: str = "10.0.0.1") -> Client:
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR=ip)
    client.get("/login")
    return client


def _login(client: Client, **credentials: str) -> Any:
    return client.post(
        LOGIN,
        data=json.dumps(credentials),
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )


@pytest.mark.parametrize(
    "credentials",
    [
        {"username": "lina"},
        {"email": "lina@example.test"},
        {"email": "LINA@example.test"},
        {"phone": "+8613800000004"},
    ],
    ids=["username", "email", "email-case", "phone"],
)
def test_people_sign_in_with_username_email_or_mobile(lina: User, credentials: dict[str, str]) -> None:
    client = _browser()
    response = _login(client, **credentials, password=PASSWORD)
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["is_authenticated"] is True
    assert body["data"]["user"]["id"] == str(lina.pk)
    assert body["data"]["user"]["display"] == "李娜"
    me = client.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["username"] == "lina"
    row = AuditEvent.objects.filter(action="accounts.login", result="success").get()
    assert (row.actor_id, row.ip) == (lina.pk, "10.0.0.1")
    assert row.request_id == response["X-Request-ID"]


def test_a_wrong_password_and_an_unknown_user_look_the_same(lina: User) -> None:
    wrong = _login(_browser(), username="lina", password="not-the-password-1")
    unknown = _login(_browser(), username="nobody", password="not-the-password-1")
    assert wrong.status_code == unknown.status_code == 400
    assert wrong.json() == unknown.json()
    failures = AuditEvent.objects.filter(action="accounts.login", result="failure").order_by("id")
    assert [(e.actor_id, e.reason, e.changes) for e in failures] == [
        (None, "invalid credentials", {"identifier": "lina"}),
        (None, "invalid credentials", {"identifier": "nobody"}),
    ]


def test_repeated_failures_lock_the_account_for_that_address_only(lina: User) -> None:
    attacker = _browser("10.0.0.66")
    for _ in range(5):
        assert _login(attacker, username="lina", password="guess-guess-guess").status_code == 400
    # The same account under another identifier is locked too; the correct password does not help.
    for credentials in ({"username": "lina"}, {"phone": "+8613800000004"}, {"email": "lina@example.test"}):
        refused = _login(attacker, **credentials, password=PASSWORD)
        assert refused.status_code == 400
        assert [error["code"] for error in refused.json()["errors"]] == ["too_many_login_attempts"]
    assert AuditEvent.objects.filter(action="accounts.login", reason="throttled").count() == 3
    elsewhere = _login(_browser("10.0.0.7"), username="lina", password=PASSWORD)
    assert elsewhere.status_code == 200


def test_logout_ends_the_session_and_is_audited(lina: User) -> None:
    client = _browser()
    _login(client, username="lina", password=PASSWORD)
    response = client.delete(SESSION, headers={"X-CSRFToken": client.cookies["csrftoken"].value})
    assert response.status_code == 401
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert client.get("/api/v1/me").status_code == 401
    assert AuditEvent.objects.filter(action="accounts.logout", actor=lina).count() == 1


def test_changing_the_password_is_audited_and_the_new_one_works(lina: User) -> None:
    client = _browser()
    _login(client, username="lina", password=PASSWORD)
    response = client.post(
        "/_allauth/browser/v1/account/password/change",
        data=json.dumps({"current_password": PASSWORD, "new_password": "A-much-better-secret-42"}),
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )
    assert response.status_code == 200
    row = AuditEvent.objects.get(action="accounts.password.changed")
    assert row.actor_id == lina.pk
    assert "A-much-better-secret-42" not in json.dumps(row.changes)
    assert _login(_browser("10.0.0.9"), username="lina", password="A-much-better-secret-42").status_code == 200
    assert audit.verify_chain().ok


def test_nobody_can_sign_themselves_up() -> None:
    client = _browser()
    response = client.post(
        "/_allauth/browser/v1/auth/signup",
        data=json.dumps({"username": "intruder", "password": "Some-long-password-1"}),
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )
    assert response.status_code == 403
    assert not User.objects.filter(username="intruder").exists()


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_hashed_with_argon2id(make_user: Any) -> None:
    user = make_user("argon")
    assert user.password.startswith("argon2$argon2id$")
