"""Preferences per kind × channel, quiet hours and the daily digest; security notices always get through."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from officium.core.ids import uuid7
from officium.notifications import services
from officium.notifications.models import Delivery, Kind, Notification, Robot
from officium.notifications.services import Draft, QuietHours

from ..approvals.conftest import Company

pytestmark = pytest.mark.django_db

SILENCEABLE = [kind for kind in Kind.values if kind != Kind.SECURITY]


def _draft(user: Any, kind: str) -> Draft:
    return Draft(recipient_id=user.pk, kind=kind, source="approvals", title=lambda: "标题", link="/approvals")


def _robot(people: Company) -> Robot:
    return services.robot_create(
        actor=people["admin"].user,
        name="审批群",
        provider="dingtalk",
        webhook_url="https://oapi.dingtalk.com/robot/send?access_token=t",
    )


def _channels(user: Any, event_id: Any) -> list[str]:
    return sorted(Delivery.objects.filter(recipient=user, event_id=event_id).values_list("channel", flat=True))


@pytest.mark.parametrize("kind", SILENCEABLE)
@pytest.mark.parametrize("channel", ["email", "im"])
@pytest.mark.parametrize("enabled", [True, False])
def test_each_kind_goes_to_a_channel_exactly_when_the_person_chose_it(
    people: Company, run_commits: Any, monkeypatch: Any, kind: str, channel: str, enabled: bool
) -> None:
    sent: list[str] = []
    monkeypatch.setitem(services.SENDERS, "im", lambda notification, user: sent.append(notification.kind))
    user = people["dev1"].user
    services.robot_create(
        actor=people["admin"].user, name="审批群", provider="wecom", webhook_url="https://qyapi.weixin.qq.com/x"
    )
    services.preferences_update(actor=user, channels={kind: {channel: enabled}}, quiet_hours=None, email_digest=False)
    event_id = uuid7()
    run_commits(services.notify, event_id=event_id, drafts=[_draft(user, kind)])
    assert _channels(user, event_id) == ([channel] if enabled else [])
    assert len(mail.outbox) == (1 if enabled and channel == "email" else 0)
    assert sent == ([kind] if enabled and channel == "im" else [])


def test_switching_off_in_app_keeps_the_notification_but_read(people: Company, run_commits: Any) -> None:
    user = people["dev1"].user
    services.preferences_update(
        actor=user, channels={"approval_cc": {"in_app": False}}, quiet_hours=None, email_digest=False
    )
    run_commits(services.notify, event_id=uuid7(), drafts=[_draft(user, "approval_cc")])
    notification = Notification.objects.get(recipient=user)
    assert notification.read_at is not None


def test_by_default_only_security_notices_are_emailed(people: Company, run_commits: Any) -> None:
    user = people["dev1"].user
    _robot(people)
    run_commits(services.notify, event_id=uuid7(), drafts=[_draft(user, Kind.APPROVAL_TODO)])
    run_commits(services.notify, event_id=uuid7(), drafts=[_draft(user, Kind.SECURITY)])
    assert [m.subject for m in mail.outbox] == ["[Officium] 标题"]
    assert list(Delivery.objects.values_list("channel", flat=True)) == ["email"]


def test_security_notices_cannot_be_switched_off(people: Company) -> None:
    user = people["dev1"].user
    with pytest.raises(services.SecurityNotificationsRequired):
        services.preferences_update(
            actor=user, channels={"security": {"email": False}}, quiet_hours=None, email_digest=False
        )


def _quiet_now(now: datetime.datetime) -> QuietHours:
    """Quiet hours from an hour before `now` to an hour after it."""
    local = timezone.localtime(now)
    return QuietHours(
        start=(local - datetime.timedelta(hours=1)).time().replace(second=0, microsecond=0),
        end=(local + datetime.timedelta(hours=1)).time().replace(second=0, microsecond=0),
    )


def test_quiet_hours_hold_email_until_they_end_but_store_in_app_at_once(people: Company, run_commits: Any) -> None:
    user = people["dev1"].user
    now = timezone.now()
    quiet = _quiet_now(now)
    services.preferences_update(
        actor=user, channels={"approval_todo": {"email": True}}, quiet_hours=quiet, email_digest=False
    )
    run_commits(services.notify, event_id=uuid7(), drafts=[_draft(user, "approval_todo")])
    assert Notification.objects.filter(recipient=user, read_at__isnull=True).count() == 1
    delivery = Delivery.objects.get(recipient=user)
    assert delivery.status == "pending"
    assert timezone.localtime(delivery.send_after).time() == quiet.end
    assert mail.outbox == []

    assert services.send_due(now=delivery.send_after - datetime.timedelta(seconds=1)) == 0
    assert services.send_due(now=delivery.send_after) == 1
    assert [m.to for m in mail.outbox] == [["dev1@example.test"]]
    assert services.send_due(now=delivery.send_after + datetime.timedelta(minutes=10)) == 0


def test_security_notices_ignore_quiet_hours_and_the_digest(people: Company, run_commits: Any) -> None:
    user = people["dev1"].user
    services.preferences_update(actor=user, channels={}, quiet_hours=_quiet_now(timezone.now()), email_digest=True)
    run_commits(services.notify, event_id=uuid7(), drafts=[_draft(user, Kind.SECURITY)])
    assert [m.to for m in mail.outbox] == [["dev1@example.test"]]


@pytest.mark.parametrize(
    ("start", "end", "clock", "until"),
    [
        ("22:00", "07:00", "23:30", "2026-03-03 07:00"),
        ("22:00", "07:00", "06:59", "2026-03-02 07:00"),
        ("22:00", "07:00", "07:00", None),
        ("12:00", "13:30", "12:00", "2026-03-02 13:30"),
        ("12:00", "13:30", "11:59", None),
    ],
)
def test_quiet_hours_may_span_midnight(start: str, end: str, clock: str, until: str | None) -> None:
    person = services.Settings(
        quiet_start=datetime.time.fromisoformat(start), quiet_end=datetime.time.fromisoformat(end)
    )
    now = timezone.make_aware(datetime.datetime.fromisoformat(f"2026-03-02 {clock}"))
    expected = timezone.make_aware(datetime.datetime.fromisoformat(until)) if until else None
    assert services.quiet_until(person, now) == expected


def test_the_daily_digest_sends_one_email_with_what_arrived_before_the_digest_hour(
    people: Company, run_commits: Any, settings: Any
) -> None:
    settings.NOTIFICATION_DIGEST_HOUR = 8
    user = people["dev1"].user
    services.preferences_update(
        actor=user,
        channels={"approval_todo": {"email": True}, "approval_result": {"email": True}},
        quiet_hours=None,
        email_digest=True,
    )
    run_commits(services.notify, event_id=uuid7(), drafts=[_draft(user, "approval_todo")])
    run_commits(services.notify, event_id=uuid7(), drafts=[_draft(user, "approval_result")])
    assert mail.outbox == []
    created = Notification.objects.filter(recipient=user).latest("id").created_at
    before_next_digest = timezone.localtime(created).replace(hour=7, minute=59) + datetime.timedelta(days=1)
    after_next_digest = before_next_digest + datetime.timedelta(hours=1)

    assert run_commits(services.send_digests, now=created) == 0
    if timezone.localtime(created).hour >= 8:
        assert run_commits(services.send_digests, now=before_next_digest) == 0
    assert run_commits(services.send_digests, now=after_next_digest) == 1
    assert run_commits(services.send_digests, now=after_next_digest) == 0
    assert [(m.to, m.subject) for m in mail.outbox] == [(["dev1@example.test"], "[Officium] 2 条通知")]
    assert sorted(Delivery.objects.values_list("status", flat=True)) == ["sent", "sent"]
