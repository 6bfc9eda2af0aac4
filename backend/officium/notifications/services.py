"""Writes of notifications: fan-out from events, delivery per channel, reading, preferences."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from officium.accounts.models import User
from officium.core import audit, permissions, realtime
from officium.core.errors import NotFound, ValidationFailed
from officium.core.languages import DJANGO_LANGUAGES
from officium.notifications import push, robots
from officium.notifications.models import (
    Channel,
    Delivery,
    Kind,
    Notification,
    Preference,
    PushSubscription,
    Robot,
    Settings,
)
from officium.notifications.permissions import ROBOT_MANAGE

logger = logging.getLogger(__name__)

TOPIC = "notifications"
# A delivery being sent is leased for this long; one still pending afterwards is tried again.
LEASE = datetime.timedelta(minutes=5)
MAX_ATTEMPTS = 5
# Security notices can never be silenced: in-app and email stay on, and neither quiet hours nor the
# digest hold them back. (A group robot is the person's choice: the group sees who got one.)
UNSILENCEABLE = frozenset({Kind.SECURITY})
LOCKED_CHANNELS = frozenset({Channel.IN_APP, Channel.EMAIL})
DEFAULTS: Mapping[str, frozenset[str]] = {
    Channel.IN_APP: frozenset(Kind.values),
    Channel.EMAIL: frozenset({Kind.SECURITY}),
    Channel.IM: frozenset(),
    # A person who turned Web Push on for a device wants it for everything, unless they say otherwise.
    Channel.PUSH: frozenset(Kind.values),
}


class SecurityNotificationsRequired(ValidationFailed):
    code = "security_notifications_required"


@dataclass(frozen=True, kw_only=True)
class Draft:
    """One notification an event asks for. `title` and `body` are called with the recipient's
    language active. `visible` False: the recipient may not open the object, so they are told only
    that something concerns them (`restricted_title`), with no link and no object."""

    recipient_id: UUID  # a user
    kind: str
    source: str
    title: Callable[[], str]
    body: Callable[[], str] = field(default=lambda: "")
    restricted_title: Callable[[], str] = field(default=lambda: _("Something you cannot open concerns you."))
    link: str = ""
    object_type: str = ""
    object_id: str = ""
    visible: bool = True


def language_of(user: User) -> str:
    return DJANGO_LANGUAGES.get(user.language, settings.LANGUAGE_CODE)


def _preferences(user_ids: Iterable[Any]) -> dict[tuple[Any, str, str], bool]:
    rows = Preference.objects.filter(user_id__in=list(user_ids)).values_list("user_id", "kind", "channel", "enabled")
    return {(user_id, kind, channel): enabled for user_id, kind, channel, enabled in rows}


def wants(choices: Mapping[tuple[Any, str, str], bool], user_id: Any, kind: str, channel: str) -> bool:
    if kind in UNSILENCEABLE and channel in LOCKED_CHANNELS:
        return True
    return choices.get((user_id, kind, channel), kind in DEFAULTS[channel])


def quiet_until(person: Settings | None, now: datetime.datetime) -> datetime.datetime | None:
    """When the person's quiet hours end, if `now` lies inside them (they may span midnight)."""
    if person is None or person.quiet_start is None or person.quiet_end is None:
        return None
    start, end = person.quiet_start, person.quiet_end
    local = timezone.localtime(now)
    clock = local.time()
    if start == end:
        return None
    inside = start <= clock < end if start < end else (clock >= start or clock < end)
    if not inside:
        return None
    day = local.date() if clock < end else local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, end, tzinfo=local.tzinfo)


def _robots_exist() -> bool:
    return Robot.objects.filter(is_active=True).exists()


def notify(*, event_id: UUID, drafts: Sequence[Draft]) -> list[Notification]:
    """Store each draft once per (event, recipient) and plan its deliveries once per channel; the
    recipients' open apps refetch after commit and immediate deliveries are enqueued. Returns the
    notifications created now (none when the event was handled before)."""
    users = {u.pk: u for u in User.objects.filter(pk__in=[d.recipient_id for d in drafts], is_active=True)}
    choices = _preferences(users)
    people = {s.user_id: s for s in Settings.objects.filter(user_id__in=list(users))}
    robots_exist = _robots_exist()
    pushable = (
        set(PushSubscription.objects.filter(user_id__in=list(users)).values_list("user_id", flat=True))
        if push.vapid() is not None
        else set()
    )
    now = timezone.now()
    created: list[Notification] = []
    with transaction.atomic():
        for draft in drafts:
            user = users.get(draft.recipient_id)
            if user is None:
                continue
            with translation.override(language_of(user)):
                title = draft.title() if draft.visible else draft.restricted_title()
                body = draft.body() if draft.visible else ""
            in_app = wants(choices, user.pk, draft.kind, Channel.IN_APP)
            notification, is_new = Notification.objects.get_or_create(
                event_id=event_id,
                recipient=user,
                defaults={
                    "kind": draft.kind,
                    "source": draft.source,
                    "title": title[:200],
                    "body": body[:500],
                    "link": draft.link if draft.visible else "",
                    "object_type": draft.object_type if draft.visible else "",
                    "object_id": draft.object_id if draft.visible else "",
                    "restricted": not draft.visible,
                    # In-app switched off: kept in the list, but read already and without a badge.
                    "read_at": None if in_app else now,
                },
            )
            if not is_new:
                continue
            created.append(notification)
            if in_app:
                realtime.changed_on_commit(user.pk, TOPIC)
            channels = _channels(notification, user, choices, robots_exist, user.pk in pushable)
            _plan_deliveries(notification, user, channels, people.get(user.pk), now)
    return created


def _channels(
    notification: Notification,
    user: User,
    choices: Mapping[tuple[Any, str, str], bool],
    robots_exist: bool,
    pushable: bool,
) -> list[str]:
    """The channels besides in-app that this notification goes to: chosen, and reachable."""
    kind = notification.kind
    channels: list[str] = []
    if user.email and wants(choices, user.pk, kind, Channel.EMAIL):
        channels.append(Channel.EMAIL)
    if robots_exist and wants(choices, user.pk, kind, Channel.IM):
        channels.append(Channel.IM)
    if pushable and wants(choices, user.pk, kind, Channel.PUSH):
        channels.append(Channel.PUSH)
    return channels


def _plan_deliveries(
    notification: Notification,
    user: User,
    channels: Sequence[str],
    person: Settings | None,
    now: datetime.datetime,
) -> None:
    kind = notification.kind
    held = None if kind in UNSILENCEABLE else quiet_until(person, now)
    for channel in channels:
        digest = channel == Channel.EMAIL and person is not None and person.email_digest and kind not in UNSILENCEABLE
        delivery, is_new = Delivery.objects.get_or_create(
            event_id=notification.event_id,
            recipient=user,
            channel=channel,
            defaults={
                "notification": notification,
                "status": Delivery.Status.DIGEST if digest else Delivery.Status.PENDING,
                "send_after": held or now,
            },
        )
        if is_new and delivery.status == Delivery.Status.PENDING and held is None:
            transaction.on_commit(partial(_enqueue, delivery.pk), robust=True)


def _enqueue(delivery_id: UUID) -> None:
    from officium.notifications.tasks import deliver

    deliver.enqueue(delivery_id=str(delivery_id))


# --- channels -----------------------------------------------------------------------------------


def absolute_link(link: str) -> str:
    return f"{settings.PUBLIC_URL}{link}" if link else settings.PUBLIC_URL


def send_email(notification: Notification, user: User) -> None:
    with translation.override(language_of(user)):
        lines = [notification.body] if notification.body else []
        lines.append(absolute_link(notification.link))
        lines.append("")
        lines.append(
            _("You receive this because of your notification settings in %(site)s.") % {"site": settings.SITE_NAME}
        )
        subject = f"[{settings.SITE_NAME}] {notification.title}"
    EmailMessage(subject=subject, body="\n".join(lines), to=[user.email]).send()


KIND_LABELS: Mapping[str, Callable[[], str]] = {
    Kind.APPROVAL_TODO: lambda: _("an approval to handle"),
    Kind.APPROVAL_CC: lambda: _("an approval copied to you"),
    Kind.APPROVAL_RESULT: lambda: _("the result of an approval"),
    Kind.APPROVAL_COMMENT: lambda: _("a comment on an approval"),
    Kind.MENTION: lambda: _("a mention"),
    Kind.APPROVAL_URGE: lambda: _("a reminder to handle an approval"),
    Kind.APPROVAL_OVERDUE: lambda: _("an overdue approval"),
    Kind.SECURITY: lambda: _("a security notice"),
}


def robot_message(notification: Notification, user: User) -> robots.RobotMessage:
    """What a group sees: who has a notification of which kind, and the link (which needs sign-in)."""
    with translation.override(language_of(user)):
        text = _("%(name)s, you have %(kind)s in %(site)s.") % {
            "name": user.name,
            "kind": KIND_LABELS[notification.kind](),
            "site": settings.SITE_NAME,
        }
    return robots.RobotMessage(
        text=text,
        link=absolute_link(notification.link),
        mobiles=(user.phone.removeprefix("+86"),) if user.phone else (),
    )


def send_im(notification: Notification, user: User) -> None:
    message = robot_message(notification, user)
    for robot in Robot.objects.filter(is_active=True).order_by("name", "pk"):
        url, body = robots.request_for(robot.provider, robot.webhook_url, robot.secret, message)
        robots.post_json(url, body)


def send_push(notification: Notification, user: User) -> None:
    """To every device of the person; a subscription its push service has forgotten is removed. The
    payload is encrypted to the device, so it carries what the in-app notification shows."""
    message = {
        "id": str(notification.pk),
        "title": notification.title,
        "body": notification.body,
        "link": notification.link,
    }
    for subscription in PushSubscription.objects.filter(user=user).order_by("created_at"):
        try:
            push.send(
                endpoint=subscription.endpoint, p256dh=subscription.p256dh, auth=subscription.auth, message=message
            )
        except push.PushGone:
            subscription.delete()


SENDERS: dict[str, Callable[[Notification, User], None]] = {
    Channel.EMAIL: send_email,
    Channel.IM: send_im,
    Channel.PUSH: send_push,
}


def register_channel(channel: str, sender: Callable[[Notification, User], None]) -> None:
    """The pluggable channel interface: a sender delivers one notification to one person or raises."""
    SENDERS[channel] = sender


def delivery_send(*, delivery_id: UUID, now: datetime.datetime | None = None) -> bool:
    """Send one delivery due by `now`; True when it went out. Safe to call twice: a delivery is
    claimed (leased) before sending and only a pending, due one is claimed."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update()
            .filter(pk=delivery_id, status=Delivery.Status.PENDING, send_after__lte=now)
            .first()
        )
        if delivery is None:
            return False
        delivery.attempts += 1
        delivery.send_after = now + LEASE
        delivery.save(update_fields=["attempts", "send_after"])
    notification = Notification.objects.select_related("recipient").get(pk=delivery.notification_id)
    try:
        SENDERS[delivery.channel](notification, notification.recipient)
    except Exception as error:  # noqa: BLE001  (any failure of a channel: retry later, then give up)
        logger.warning("delivery %s (%s) failed: %s", delivery.pk, delivery.channel, error)
        delivery.last_error = f"{type(error).__name__}: {error}"[:500]
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = Delivery.Status.FAILED
        else:
            delivery.send_after = now + datetime.timedelta(minutes=2**delivery.attempts)
        delivery.save(update_fields=["last_error", "status", "send_after"])
        return False
    delivery.status, delivery.sent_at = Delivery.Status.SENT, timezone.now()
    delivery.save(update_fields=["status", "sent_at"])
    return True


def send_due(*, now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Send what is due by `now`: deliveries held by quiet hours, and retries. Returns how many went out."""
    now = now or timezone.now()
    due = Delivery.objects.filter(status=Delivery.Status.PENDING, send_after__lte=now)
    ids = list(due.order_by("send_after").values_list("pk", flat=True)[:limit])
    return sum(delivery_send(delivery_id=pk, now=now) for pk in ids)


def digest_cutoff(now: datetime.datetime) -> datetime.datetime:
    """The latest digest time (settings.NOTIFICATION_DIGEST_HOUR, organisation time) not after `now`."""
    local = timezone.localtime(now)
    cutoff = local.replace(hour=settings.NOTIFICATION_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return cutoff if cutoff <= local else cutoff - datetime.timedelta(days=1)


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """One email per person with everything waiting for their digest from before the latest digest
    time. Run every hour: what arrives later waits for the next day's. Returns the emails sent."""
    cutoff = digest_cutoff(now or timezone.now())
    waiting = Delivery.objects.filter(status=Delivery.Status.DIGEST, notification__created_at__lt=cutoff)
    sent = 0
    for user_id in sorted(set(waiting.values_list("recipient_id", flat=True)), key=str):
        with transaction.atomic():
            batch = list(
                waiting.select_for_update()
                .filter(recipient_id=user_id)
                .select_related("notification", "recipient")
                .order_by("notification_id")
            )
            if not batch:
                continue
            user = batch[0].recipient
            Delivery.objects.filter(pk__in=[d.pk for d in batch]).update(
                status=Delivery.Status.SENT, sent_at=timezone.now(), attempts=1
            )
            transaction.on_commit(partial(_send_digest, user, [d.notification for d in batch]), robust=True)
        sent += 1
    return sent


def _send_digest(user: User, notifications: Sequence[Notification]) -> None:
    with translation.override(language_of(user)):
        subject = _("[%(site)s] %(count)d notifications") % {"site": settings.SITE_NAME, "count": len(notifications)}
        lines = [f"- {n.title}\n  {absolute_link(n.link)}" for n in notifications]
    EmailMessage(subject=subject, body="\n".join(lines), to=[user.email]).send()


# --- the person's own actions ---------------------------------------------------------------------


def notification_mark_read(*, actor: Any, notification_id: UUID) -> Notification:
    """Mark one of my notifications read (opening it does); another person's is not found."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id, recipient=actor).first()
        if notification is None:
            raise NotFound("No such notification.", code="notification_not_found")
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
            audit.record(action="notifications.notification.read", actor=actor, target=notification)
            realtime.changed_on_commit(actor.pk, TOPIC)
    return notification


def notifications_mark_all_read(*, actor: Any, source: str | None = None) -> int:
    """Mark all my unread notifications (of one source, if given) read; returns how many."""
    with transaction.atomic():
        unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
        if source:
            unread = unread.filter(source=source)
        count = unread.update(read_at=timezone.now())
        if count:
            audit.record(
                action="notifications.notification.all_read",
                actor=actor,
                object_type="notifications.notification",
                changes={"source": source or "", "count": count},
            )
            realtime.changed_on_commit(actor.pk, TOPIC)
    return count


@dataclass(frozen=True)
class QuietHours:
    start: datetime.time
    end: datetime.time


def preferences_update(
    *,
    actor: Any,
    channels: Mapping[str, Mapping[str, bool]],
    quiet_hours: QuietHours | None,
    email_digest: bool,
) -> None:
    """Replace my choices: `channels[kind][channel]`; kinds and channels left out keep their defaults.
    Switching off a security notice on any channel is refused."""
    for kind, by_channel in channels.items():
        if kind in UNSILENCEABLE and not all(on for channel, on in by_channel.items() if channel in LOCKED_CHANNELS):
            raise SecurityNotificationsRequired("Security notifications cannot be switched off.")
    if quiet_hours is not None and quiet_hours.start == quiet_hours.end:
        raise ValidationFailed("Quiet hours start and end at different times.", code="invalid_quiet_hours")
    with transaction.atomic():
        person, _created = Settings.objects.select_for_update().get_or_create(user=actor)
        before = {
            "choices": {f"{p.kind}.{p.channel}": p.enabled for p in Preference.objects.filter(user=actor)},
            "quiet_start": person.quiet_start.isoformat() if person.quiet_start else None,
            "quiet_end": person.quiet_end.isoformat() if person.quiet_end else None,
            "email_digest": person.email_digest,
        }
        wanted = [
            Preference(user=actor, kind=kind, channel=channel, enabled=enabled)
            for kind, by_channel in channels.items()
            for channel, enabled in by_channel.items()
            if not (kind in UNSILENCEABLE and channel in LOCKED_CHANNELS) and enabled != (kind in DEFAULTS[channel])
        ]
        Preference.objects.filter(user=actor).delete()
        Preference.objects.bulk_create(wanted)
        person.quiet_start = quiet_hours.start if quiet_hours else None
        person.quiet_end = quiet_hours.end if quiet_hours else None
        person.email_digest = email_digest
        person.save(update_fields=["quiet_start", "quiet_end", "email_digest"])
        after = {
            "choices": {f"{p.kind}.{p.channel}": p.enabled for p in wanted},
            "quiet_start": person.quiet_start.isoformat() if person.quiet_start else None,
            "quiet_end": person.quiet_end.isoformat() if person.quiet_end else None,
            "email_digest": person.email_digest,
        }
        changes = audit.diff(before, after)
        if changes:
            audit.record(action="notifications.preferences.updated", actor=actor, target=actor, changes=changes)


# --- IM robots (administrators) -------------------------------------------------------------------


def _check_webhook(provider: str, webhook_url: str) -> None:
    parts = urlsplit(webhook_url)
    if parts.scheme != "https" and not settings.WEBHOOK_ALLOW_PRIVATE:
        raise ValidationFailed("A robot's webhook URL starts with https://.", code="invalid_webhook_url")
    if provider not in Robot.Provider.values:
        raise ValidationFailed("Unknown IM provider.", code="invalid_provider")


def robot_create(
    *, actor: Any, name: str, provider: str, webhook_url: str, secret: str = "", is_active: bool = True
) -> Robot:
    permissions.require(actor, ROBOT_MANAGE)
    _check_webhook(provider, webhook_url)
    with transaction.atomic():
        robot = Robot.objects.create(
            name=name, provider=provider, webhook_url=webhook_url, secret=secret, is_active=is_active
        )
        audit.record(
            action="notifications.robot.created",
            actor=actor,
            target=robot,
            changes={"name": name, "provider": provider, "webhook_url": webhook_url, "secret": bool(secret)},
        )
    return robot


def robot_update(*, actor: Any, robot_id: UUID, **wanted: Any) -> Robot:
    permissions.require(actor, ROBOT_MANAGE)
    with transaction.atomic():
        robot = Robot.objects.select_for_update().filter(pk=robot_id).first()
        if robot is None:
            raise NotFound("No such robot.", code="robot_not_found")
        _check_webhook(wanted.get("provider", robot.provider), wanted.get("webhook_url", robot.webhook_url))
        audit.update_fields(robot, wanted, action="notifications.robot.updated", actor=actor)
    return robot


def robot_delete(*, actor: Any, robot_id: UUID) -> None:
    permissions.require(actor, ROBOT_MANAGE)
    with transaction.atomic():
        robot = Robot.objects.select_for_update().filter(pk=robot_id).first()
        if robot is None:
            raise NotFound("No such robot.", code="robot_not_found")
        audit.record(action="notifications.robot.deleted", actor=actor, target=robot, changes={"name": robot.name})
        robot.delete()


# --- Web Push subscriptions (a person's own devices) ------------------------------------------------


def push_subscribe(*, actor: Any, endpoint: str, p256dh: str, auth: str, user_agent: str = "") -> PushSubscription:
    """Register this browser for Web Push (again: a browser that re-subscribes replaces its keys).
    Nothing is pushed while the server has no VAPID key (browsers cannot subscribe without it)."""
    parts = urlsplit(endpoint)
    if parts.scheme != "https" and not settings.WEBHOOK_ALLOW_PRIVATE:
        raise ValidationFailed("A push endpoint starts with https://.", code="invalid_push_endpoint")
    with transaction.atomic():
        subscription, _created = PushSubscription.objects.update_or_create(
            endpoint=endpoint,
            defaults={"user": actor, "p256dh": p256dh, "auth": auth, "user_agent": user_agent[:300]},
        )
        audit.record(
            action="notifications.push.subscribed",
            actor=actor,
            target=subscription,
            changes={"host": parts.hostname or ""},
        )
    return subscription


def push_unsubscribe(*, actor: Any, endpoint: str) -> int:
    """Forget this browser's subscription (only one's own); returns how many were removed."""
    with transaction.atomic():
        removed, _ = PushSubscription.objects.filter(user=actor, endpoint=endpoint).delete()
        if removed:
            audit.record(
                action="notifications.push.unsubscribed",
                actor=actor,
                object_type="notifications.pushsubscription",
                changes={"host": urlsplit(endpoint).hostname or ""},
            )
    return removed
