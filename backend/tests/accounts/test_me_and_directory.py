"""The current user (/me) and the company directory."""

from __future__ import annotations

from typing import Any

import pytest

from officium.accounts.models import User
from officium.core.models import AuditEvent

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_me_describes_the_signed_in_user_with_their_permissions(people: dict[str, User]) -> None:
    auditor = people["auditor"]
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


def test_the_directory_pages_through_every_active_colleague(make_user: Any) -> None:
    viewer = make_user("viewer")
    for n in range(5):
        make_user(f"colleague{n}")
    gone = make_user("former")
    User.objects.filter(pk=gone.pk).update(is_active=False)
    client = ApiClient(viewer)
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("directory/users", **params).json()
        seen += [item["username"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == ["colleague0", "colleague1", "colleague2", "colleague3", "colleague4", "viewer"]
    assert pages == 3


def test_the_directory_search_matches_names_and_numbers(make_user: Any) -> None:
    viewer = make_user("viewer")
    make_user("zhangwei", display_name="张伟", phone="+8613800000003")
    make_user("lina", display_name="李娜")
    client = ApiClient(viewer)
    assert [i["username"] for i in client.get("directory/users", q="张").json()["items"]] == ["zhangwei"]
    assert [i["username"] for i in client.get("directory/users", q="0003").json()["items"]] == ["zhangwei"]
    assert client.get("directory/users", q="nobody").json() == {"items": [], "next_cursor": None}


def test_a_former_colleague_is_not_found(make_user: Any) -> None:
    viewer = make_user("viewer")
    gone = make_user("former")
    User.objects.filter(pk=gone.pk).update(is_active=False)
    response = ApiClient(viewer).get(f"directory/users/{gone.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_directory_queries_do_not_grow_with_the_page(make_user: Any, django_assert_max_num_queries: Any) -> None:
    viewer = make_user("viewer")
    for n in range(30):
        make_user(f"colleague{n:02}")
    client = ApiClient(viewer)
    with django_assert_max_num_queries(4):
        assert len(client.get("directory/users", limit=30).json()["items"]) == 30
