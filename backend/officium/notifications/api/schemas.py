"""Shapes of the notifications API."""

import datetime
from typing import Annotated, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import AfterValidator

from officium.core.api_base import IsoDateTime, Strict

KindName = Literal[
    "approval_todo",
    "approval_cc",
    "approval_result",
    "approval_comment",
    "mention",
    "approval_urge",
    "approval_overdue",
    "security",
]
SourceName = Literal["approvals", "accounts"]
ChannelName = Literal["in_app", "email", "im", "push"]


class NotificationOut(Schema):
    id: UUID
    kind: KindName
    source: SourceName
    title: str
    body: str
    link: str = Field(description="A route of the web app; empty when the recipient may not open the object")
    object_type: str
    object_id: str
    restricted: bool = Field(description="The recipient may not open the object: the notification says only that")
    created_at: IsoDateTime
    read_at: IsoDateTime | None


class NotificationFilter(Schema):
    source: SourceName | None = None
    unread: bool | None = None


class NotificationCountsOut(Schema):
    total: int
    by_source: dict[str, int] = Field(description="Unread notifications per source (sources with none left out)")


class NotificationsMarkAllIn(Strict):
    source: SourceName | None = None


class NotificationsMarkedOut(Schema):
    marked: int


def _local_time(value: datetime.time) -> datetime.time:
    if value.tzinfo is not None:
        raise ValueError("a time of day without a UTC offset (the organisation's time zone applies)")
    return value


LocalTime = Annotated[datetime.time, AfterValidator(_local_time)]


class NotificationQuietHours(Strict):
    start: LocalTime = Field(description="Local time (organisation time zone); may be after `end` (overnight)")
    end: LocalTime


class NotificationKindOut(Schema):
    kind: KindName
    locked: list[ChannelName] = Field(description="Channels that stay on whatever is chosen (security notices)")
    channels: dict[ChannelName, bool]


class NotificationPreferencesOut(Schema):
    kinds: list[NotificationKindOut]
    quiet_hours: NotificationQuietHours | None = Field(
        description="Email and IM wait until they end; in-app is stored at once"
    )
    email_digest: bool = Field(description="Email once a day instead of at once (security notices always at once)")


class NotificationKindIn(Strict):
    kind: KindName
    channels: dict[ChannelName, bool]


class NotificationPreferencesIn(Strict):
    kinds: list[NotificationKindIn] = Field(max_length=20)
    quiet_hours: NotificationQuietHours | None = None
    email_digest: bool = False


class NotificationRobotOut(Schema):
    id: UUID
    name: str
    provider: Literal["dingtalk", "feishu", "wecom"]
    webhook_url: str
    has_secret: bool = Field(description="A signing secret is set (it is never shown again)")
    is_active: bool


class NotificationRobotIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    provider: Literal["dingtalk", "feishu", "wecom"]
    webhook_url: str = Field(min_length=8, max_length=500)
    secret: str = Field("", max_length=200, description="DingTalk 加签 or Feishu signature secret")
    is_active: bool = True


class NotificationRobotPatch(Strict):
    name: str | None = Field(None, min_length=1, max_length=100)
    webhook_url: str | None = Field(None, min_length=8, max_length=500)
    secret: str | None = Field(None, max_length=200)
    is_active: bool | None = None


class PushKeyOut(Schema):
    public_key: str | None = Field(description="The VAPID applicationServerKey; null when Web Push is not set up")


class PushKeysIn(Strict):
    p256dh: str = Field(min_length=20, max_length=200)
    auth: str = Field(min_length=8, max_length=100)


class PushSubscriptionIn(Strict):
    """What the browser's PushSubscription.toJSON() gives (expirationTime is ignored)."""

    endpoint: str = Field(min_length=12, max_length=1000)
    keys: PushKeysIn
    expirationTime: int | None = None  # noqa: N815  (the browser's name)


class PushUnsubscribeIn(Strict):
    endpoint: str = Field(min_length=12, max_length=1000)


class PushSubscriptionOut(Schema):
    id: UUID
    created_at: IsoDateTime
