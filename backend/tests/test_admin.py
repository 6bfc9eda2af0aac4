"""The Django admin at /admin/: staff only, and read-only for Officium's data."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from officium.org import roles

pytestmark = pytest.mark.django_db


def test_people_without_staff_access_are_sent_to_the_admin_login(make_user: Any) -> None:
    client = Client()
    client.force_login(make_user("lina"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_it_staff_see_accounts_but_cannot_change_them_there(make_user: Any) -> None:
    it = make_user("it", role_keys=(roles.SYSTEM_ADMIN,), is_staff=True, is_superuser=True)
    lina = make_user("lina")
    client = Client()
    client.force_login(it)
    assert client.get("/admin/accounts/user/").status_code == 200
    page = client.get(f"/admin/accounts/user/{lina.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.post(f"/admin/accounts/user/{lina.pk}/change/", {"username": "x"}).status_code == 403
    assert client.get("/admin/accounts/user/add/").status_code == 403


def test_the_audit_log_is_not_in_the_admin(make_user: Any) -> None:
    it = make_user("it", role_keys=(roles.SYSTEM_ADMIN,), is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(it)
    assert client.get("/admin/core/auditevent/").status_code == 404
