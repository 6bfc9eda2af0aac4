"""The signed-in user (/me)."""

from __future__ import annotations

from typing import Any

import pytest

from officium.accounts.models import User
from officium.core.models import AuditEvent

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_me_describes_the_signed_in_user_with_their_permissions(make_user: Any) -> None:
    auditor: User = make_user("auditor", role_keys=("audit_admin",))
    body = ApiClient(auditor).get("me").json()
    assert body == {
        "id": str(auditor.pk),
        "username": "auditor",
        "display_name": "Auditor",
        "email": "auditor@example.test",
        "phone": None,
        "language": "",
        "time_zone": "Asia/Shanghai",
        "is_staff": False,
        "permissions": ["audit.event.view"],
    }


def test_updating_my_profile_is_audited_with_before_and_after(make_user: Any) -> None:
    lina = make_user("lina", display_name="Lina")
    response = ApiClient(lina).patch("me", {"display_name": "  李娜 ", "language": "zh-CN"})
    assert response.status_code == 200
    assert (response.json()["display_name"], response.json()["language"]) == ("李娜", "zh-CN")
    row = AuditEvent.objects.get(action="accounts.profile.updated")
    assert (row.actor_id, row.object_id) == (lina.pk, str(lina.pk))
    assert row.changes == {"display_name": ["Lina", "李娜"], "language": ["", "zh-CN"]}


def test_an_update_that_changes_nothing_writes_nothing(make_user: Any) -> None:
    lina = make_user("lina", display_name="Lina")
    assert ApiClient(lina).patch("me", {"display_name": "Lina"}).status_code == 200
    assert not AuditEvent.objects.filter(action="accounts.profile.updated").exists()


def test_read_only_fields_cannot_be_set_through_me(make_user: Any) -> None:
    lina = make_user("lina")
    response = ApiClient(lina).patch("me", {"username": "root"})
    assert response.status_code == 422
    lina.refresh_from_db()
    assert lina.username == "lina"
