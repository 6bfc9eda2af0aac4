"""Notifications: one row per (event, recipient), one delivery per (event, recipient, channel)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from officium.core.ids import uuid7


class Kind(models.TextChoices):
    APPROVAL_TODO = "approval_todo"
    APPROVAL_CC = "approval_cc"
    APPROVAL_RESULT = "approval_result"
    APPROVAL_COMMENT = "approval_comment"
    MENTION = "mention"
    APPROVAL_URGE = "approval_urge"
    APPROVAL_OVERDUE = "approval_overdue"
    SECURITY = "security"


class Source(models.TextChoices):
    APPROVALS = "approvals"
    ACCOUNTS = "accounts"


class Channel(models.TextChoices):
    IN_APP = "in_app"
    EMAIL = "email"
    IM = "im"
    PUSH = "push"


class Notification(models.Model):
    """What the recipient reads in the Messages tab, rendered in their language when it was created.

    `restricted` notifications say only that something happened where the recipient cannot look:
    they carry no title of the object, no body and no link."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    event_id = models.UUIDField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    source = models.CharField(max_length=30, choices=Source.choices)
    title = models.CharField(max_length=200)
    body = models.CharField(max_length=500, blank=True)
    link = models.CharField(max_length=300, blank=True)  # a route of the web app
    object_type = models.CharField(max_length=50, blank=True)
    object_id = models.CharField(max_length=100, blank=True)
    restricted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event_id", "recipient"], name="notification_once_per_event"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-id"], name="notification_inbox"),
            models.Index(fields=["recipient", "source"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """One channel's delivery of a notification. The unique constraint makes fan-out idempotent: an
    event handled twice finds its deliveries already there and sends nothing more."""

    class Status(models.TextChoices):
        PENDING = "pending"  # to send at `send_after` (now, or when quiet hours end)
        DIGEST = "digest"  # waits for the recipient's daily email digest
        SENT = "sent"
        FAILED = "failed"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    event_id = models.UUIDField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    send_after = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event_id", "recipient", "channel"], name="delivery_once_per_channel"),
        ]
        indexes = [models.Index(fields=["status", "send_after"], name="delivery_due")]


class Preference(models.Model):
    """A person's choice for one kind on one channel; without a row the default applies."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    enabled = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "channel"], name="preference_once"),
        ]


class Settings(models.Model):
    """A person's quiet hours (in the organisation's time zone; may span midnight) and email mode."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+")
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)
    email_digest = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(quiet_start__isnull=True, quiet_end__isnull=True)
                | Q(quiet_start__isnull=False, quiet_end__isnull=False),
                name="quiet_hours_both_or_neither",
            )
        ]


class Robot(models.Model):
    """A group robot of an enterprise IM (DingTalk, Feishu, WeCom), configured by an administrator.

    Its messages go to a group chat, so they name the recipient and the kind of notification and
    carry the link — never the title or body, which only the recipient may read."""

    class Provider(models.TextChoices):
        DINGTALK = "dingtalk"
        FEISHU = "feishu"
        WECOM = "wecom"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    name = models.CharField(max_length=100)
    provider = models.CharField(max_length=10, choices=Provider.choices)
    webhook_url = models.URLField(max_length=500)
    # DingTalk's "加签" secret: the URL then carries timestamp and an HMAC-SHA256 sign.
    secret = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name


class PushSubscription(models.Model):
    """A browser (an installed PWA) that receives Web Push for its user; the keys come from the
    browser's PushSubscription and the payload is encrypted to them."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
