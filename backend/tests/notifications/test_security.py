"""Security notices: a sign-in from a new browser and a password change, in-app and by email."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from officium.accounts import services as accounts
from officium.notifications.models import Notification

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/_allauth/browser/v1/auth/login"


def _sign_in(user_agent: str, ip: str = "10.0.0.1") -> Client:
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR=ip, HTTP_USER_AGENT=user_agent)
    client.get("/login")
    response = client.post(
        LOGIN,
        data=json.dumps({"username": "lina", "password": PASSWORD}),
        content_type="application/json",
        headers={"X-CSRFToken": client.cookies["csrftoken"].value},
    )
    assert response.status_code == 200
    return client


def test_a_sign_in_from_a_new_browser_is_notified_but_not_the_first_nor_a_known_one(
    make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    lina = make_user("lina", email="lina@example.test")
    accounts.profile_update(actor=lina, user=lina, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        _sign_in("Phone/1.0")
        _sign_in("Phone/1.0", ip="10.0.0.2")
        _sign_in("Laptop/2.0", ip="10.0.0.3")
    notifications = list(Notification.objects.filter(recipient=lina).values_list("kind", "title", "body"))
    assert notifications == [
        (
            "security",
            "New sign-in to your account",
            "From 10.0.0.3, Laptop/2.0. If this was not you, change your password.",
        )
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["lina@example.test"], "[Officium] New sign-in to your account")
    ]


def test_a_password_change_is_notified_in_the_persons_language(
    make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    lina = make_user("lina", email="lina@example.test")
    accounts.profile_update(actor=lina, user=lina, language="zh-CN")
    with django_capture_on_commit_callbacks(execute=True):
        client = _sign_in("Phone/1.0")
        response = client.post(
            "/_allauth/browser/v1/account/password/change",
            data=json.dumps({"current_password": PASSWORD, "new_password": "A-much-better-secret-42"}),
            content_type="application/json",
            headers={"X-CSRFToken": client.cookies["csrftoken"].value},
        )
    assert response.status_code == 200
    assert list(Notification.objects.filter(recipient=lina).values_list("kind", "source", "title", "link")) == [
        ("security", "accounts", "你的密码已修改", "/me")
    ]
    assert [m.subject for m in mail.outbox] == ["[Officium] 你的密码已修改"]
