"""The notifications API: my list and counts, reading, preferences, and the administrators' robots."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from officium.core.ids import uuid7
from officium.core.models import AuditEvent
from officium.notifications import services
from officium.notifications.models import Notification
from officium.notifications.services import Draft

from ..approvals.conftest import Company
from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def _notify(user: Any, kind: str = "approval_todo", source: str = "approvals", title: str = "标题") -> Notification:
    draft = Draft(recipient_id=user.pk, kind=kind, source=source, title=lambda: title, link="/approvals")
    [notification] = services.notify(event_id=uuid7(), drafts=[draft])
    return notification


def test_i_list_my_notifications_newest_first_page_by_page(people: Company) -> None:
    me = people["dev1"].user
    first, second, third = (_notify(me, title=f"第{n}条") for n in (1, 2, 3))
    _notify(people["dev2"].user)
    client = ApiClient(me)
    page = client.get("notifications", limit=2).json()
    assert [item["title"] for item in page["items"]] == ["第3条", "第2条"]
    assert page["items"][0] == {
        "id": str(third.pk),
        "kind": "approval_todo",
        "source": "approvals",
        "title": "第3条",
        "body": "",
        "link": "/approvals",
        "object_type": "",
        "object_id": "",
        "restricted": False,
        "created_at": page["items"][0]["created_at"],
        "read_at": None,
    }
    rest = client.get("notifications", limit=2, cursor=page["next_cursor"]).json()
    assert [item["id"] for item in rest["items"]] == [str(first.pk)]
    assert rest["next_cursor"] is None
    assert second.pk != first.pk


def test_counts_and_filters_by_source_and_unread(people: Company) -> None:
    me = people["dev1"].user
    _notify(me)
    read = _notify(me)
    _notify(me, kind="security", source="accounts")
    client = ApiClient(me)
    assert client.post(f"notifications/{read.pk}/read").json()["read_at"] is not None
    assert client.get("notifications/counts").json() == {"total": 2, "by_source": {"accounts": 1, "approvals": 1}}
    unread = client.get("notifications", source="approvals", unread="true").json()["items"]
    assert [item["id"] for item in unread] == [
        str(Notification.objects.get(recipient=me, source="approvals", read_at=None).pk)
    ]


def test_marking_read_is_audited_once_and_anothers_notification_is_not_found(people: Company) -> None:
    mine, theirs = _notify(people["dev1"].user), _notify(people["dev2"].user)
    client = ApiClient(people["dev1"].user)
    assert client.post(f"notifications/{mine.pk}/read").status_code == 200
    assert client.post(f"notifications/{mine.pk}/read").status_code == 200
    assert AuditEvent.objects.filter(action="notifications.notification.read").count() == 1
    response = client.post(f"notifications/{theirs.pk}/read")
    assert (response.status_code, response.json()["code"]) == (404, "notification_not_found")
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_of_one_source(people: Company) -> None:
    me = people["dev1"].user
    _notify(me)
    _notify(me)
    _notify(me, kind="security", source="accounts")
    client = ApiClient(me)
    assert client.post("notifications/read-all", {"source": "approvals"}).json() == {"marked": 2}
    assert client.get("notifications/counts").json() == {"total": 1, "by_source": {"accounts": 1}}
    assert client.post("notifications/read-all", {}).json() == {"marked": 1}
    assert client.post("notifications/read-all", {}).json() == {"marked": 0}
    assert AuditEvent.objects.filter(action="notifications.notification.all_read").count() == 2


def test_preferences_round_trip_and_are_audited(people: Company) -> None:
    client = ApiClient(people["dev1"].user)
    body = {
        "kinds": [{"kind": "approval_todo", "channels": {"email": True, "in_app": True}}],
        "quiet_hours": {"start": "22:00:00", "end": "07:30:00"},
        "email_digest": True,
    }
    answer = client.put("notifications/preferences", body).json()
    assert client.get("notifications/preferences").json() == answer
    todo = next(k for k in answer["kinds"] if k["kind"] == "approval_todo")
    security = next(k for k in answer["kinds"] if k["kind"] == "security")
    assert todo == {
        "kind": "approval_todo",
        "locked": [],
        "channels": {"in_app": True, "email": True, "im": False, "push": True},
    }
    assert security == {
        "kind": "security",
        "locked": ["email", "in_app"],
        "channels": {"in_app": True, "email": True, "im": False, "push": True},
    }
    assert (answer["quiet_hours"], answer["email_digest"]) == ({"start": "22:00:00", "end": "07:30:00"}, True)
    [row] = AuditEvent.objects.filter(action="notifications.preferences.updated")
    assert row.changes["email_digest"] == [False, True]


def test_security_notices_cannot_be_silenced_and_nothing_changes(people: Company) -> None:
    client = ApiClient(people["dev1"].user)
    before = client.get("notifications/preferences").json()
    response = client.put(
        "notifications/preferences",
        {
            "kinds": [
                {"kind": "security", "channels": {"email": False}},
                {"kind": "mention", "channels": {"email": True}},
            ]
        },
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "security_notifications_required"
    assert client.get("notifications/preferences").json() == before
    assert not AuditEvent.objects.filter(action="notifications.preferences.updated").exists()


def test_administrators_configure_robots_and_never_see_the_secret_again(people: Company) -> None:
    client = ApiClient(people["admin"].user)
    created = client.post(
        "notifications/robots",
        {
            "name": "审批群",
            "provider": "dingtalk",
            "webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=x",
            "secret": "SEC1",
        },
    )
    assert created.status_code == 201
    robot = created.json()
    assert robot["has_secret"] is True
    assert "secret" not in robot
    changed = client.patch(f"notifications/robots/{robot['id']}", {"is_active": False}).json()
    assert changed["is_active"] is False
    refused = client.post(
        "notifications/robots", {"name": "x", "provider": "wecom", "webhook_url": "http://example.com/hook"}
    )
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_webhook_url")
    assert client.delete(f"notifications/robots/{robot['id']}").status_code == 204
    assert client.get("notifications/robots").json() == []
    [audited] = AuditEvent.objects.filter(action="notifications.robot.created")
    assert audited.changes["secret"] == "***"
    assert ApiClient(people["dev1"].user).get("notifications/robots").status_code == 403


def test_a_page_of_notifications_costs_the_same_queries_however_many_there_are(people: Company) -> None:
    me = people["dev1"].user
    client = ApiClient(me)
    sizes, costs = [], []
    for more in (2, 20):
        for _ in range(more):
            _notify(me)
        with CaptureQueriesContext(connection) as queries:
            sizes.append(len(client.get("notifications", limit=50).json()["items"]))
        costs.append(len(queries))
    assert sizes == [2, 22]
    assert costs == [2, 2]  # the same two, however long the page


def test_quiet_hours_are_times_of_day_without_an_offset(people: Company) -> None:
    client = ApiClient(people["dev1"].user)
    response = client.put(
        "notifications/preferences", {"kinds": [], "quiet_hours": {"start": "22:00+08:00", "end": "07:00"}}
    )
    assert (response.status_code, response.json()["code"]) == (422, "validation_error")
    same = client.put("notifications/preferences", {"kinds": [], "quiet_hours": {"start": "08:00", "end": "08:00"}})
    assert (same.status_code, same.json()["code"]) == (422, "invalid_quiet_hours")
