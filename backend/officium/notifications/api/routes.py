"""HTTP API of notifications: my notifications, their unread counts, reading them, my preferences."""

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Status
from ninja.pagination import paginate

from officium.core import permissions
from officium.core.api_base import Router, actor, requires, sent_fields
from officium.core.pagination import KeysetPagination
from officium.notifications import push, selectors, services
from officium.notifications.api.schemas import (
    NotificationCountsOut,
    NotificationFilter,
    NotificationOut,
    NotificationPreferencesIn,
    NotificationPreferencesOut,
    NotificationRobotIn,
    NotificationRobotOut,
    NotificationRobotPatch,
    NotificationsMarkAllIn,
    NotificationsMarkedOut,
    PushKeyOut,
    PushSubscriptionIn,
    PushSubscriptionOut,
    PushUnsubscribeIn,
)
from officium.notifications.models import Notification, Robot
from officium.notifications.permissions import ROBOT_MANAGE

router = Router(tags=["notifications"])
AUTHENTICATED = permissions.AUTHENTICATED


@router.get("", response=list[NotificationOut], summary="My notifications, newest first")
@requires(AUTHENTICATED)
@paginate(KeysetPagination, ordering=("-id",))
def list_notifications(request: HttpRequest, filters: Query[NotificationFilter]) -> QuerySet[Notification]:
    return selectors.notifications(actor=actor(request), source=filters.source, unread=filters.unread)


@router.get("/counts", response=NotificationCountsOut, summary="My unread notifications, per source")
@requires(AUTHENTICATED)
def notification_counts(request: HttpRequest) -> dict[str, Any]:
    by_source = selectors.unread_counts(actor=actor(request))
    return {"total": sum(by_source.values()), "by_source": by_source}


@router.post("/{notification_id}/read", response=NotificationOut, summary="Mark one of my notifications read")
@requires(AUTHENTICATED)
def mark_notification_read(request: HttpRequest, notification_id: UUID) -> Notification:
    return services.notification_mark_read(actor=actor(request), notification_id=notification_id)


@router.post("/read-all", response=NotificationsMarkedOut, summary="Mark all my notifications (of one source) read")
@requires(AUTHENTICATED)
def mark_all_notifications_read(request: HttpRequest, payload: NotificationsMarkAllIn) -> dict[str, int]:
    return {"marked": services.notifications_mark_all_read(actor=actor(request), source=payload.source)}


@router.get("/preferences", response=NotificationPreferencesOut, summary="My notification preferences")
@requires(AUTHENTICATED)
def get_notification_preferences(request: HttpRequest) -> dict[str, Any]:
    return selectors.preferences(actor=actor(request))


@router.put(
    "/preferences",
    response=NotificationPreferencesOut,
    summary="Set my notification preferences (security notices cannot be switched off)",
)
@requires(AUTHENTICATED)
def update_notification_preferences(request: HttpRequest, payload: NotificationPreferencesIn) -> dict[str, Any]:
    quiet = payload.quiet_hours
    services.preferences_update(
        actor=actor(request),
        channels={item.kind: {str(k): v for k, v in item.channels.items()} for item in payload.kinds},
        quiet_hours=services.QuietHours(start=quiet.start, end=quiet.end) if quiet else None,
        email_digest=payload.email_digest,
    )
    return selectors.preferences(actor=actor(request))


def _robot(robot: Robot) -> dict[str, Any]:
    return {
        "id": robot.pk,
        "name": robot.name,
        "provider": robot.provider,
        "webhook_url": robot.webhook_url,
        "has_secret": bool(robot.secret),
        "is_active": robot.is_active,
    }


@router.get("/robots", response=list[NotificationRobotOut], summary="The IM group robots notifications are sent to")
@requires(ROBOT_MANAGE)
def list_robots(request: HttpRequest) -> list[dict[str, Any]]:
    return [_robot(robot) for robot in selectors.robots(actor=actor(request))]


@router.post("/robots", response={201: NotificationRobotOut}, summary="Add an IM group robot")
@requires(ROBOT_MANAGE)
def create_robot(request: HttpRequest, payload: NotificationRobotIn) -> Status[Any]:
    return Status(201, _robot(services.robot_create(actor=actor(request), **payload.model_dump())))


@router.patch("/robots/{robot_id}", response=NotificationRobotOut, summary="Change an IM group robot")
@requires(ROBOT_MANAGE)
def update_robot(request: HttpRequest, robot_id: UUID, payload: NotificationRobotPatch) -> dict[str, Any]:
    return _robot(services.robot_update(actor=actor(request), robot_id=robot_id, **sent_fields(payload)))


@router.delete("/robots/{robot_id}", response={204: None}, summary="Remove an IM group robot")
@requires(ROBOT_MANAGE)
def delete_robot(request: HttpRequest, robot_id: UUID) -> Status[None]:
    services.robot_delete(actor=actor(request), robot_id=robot_id)
    return Status(204, None)


@router.get("/push/key", response=PushKeyOut, summary="The server's Web Push (VAPID) public key")
@requires(AUTHENTICATED)
def get_push_key(request: HttpRequest) -> dict[str, Any]:
    return {"public_key": push.public_key()}


@router.post("/push/subscriptions", response={201: PushSubscriptionOut}, summary="Receive Web Push on this browser")
@requires(AUTHENTICATED)
def subscribe_push(request: HttpRequest, payload: PushSubscriptionIn) -> Status[Any]:
    subscription = services.push_subscribe(
        actor=actor(request),
        endpoint=payload.endpoint,
        p256dh=payload.keys.p256dh,
        auth=payload.keys.auth,
        user_agent=request.headers.get("User-Agent", ""),
    )
    return Status(201, {"id": subscription.pk, "created_at": subscription.created_at})


@router.post("/push/unsubscribe", response=NotificationsMarkedOut, summary="Stop Web Push to this browser")
@requires(AUTHENTICATED)
def unsubscribe_push(request: HttpRequest, payload: PushUnsubscribeIn) -> dict[str, int]:
    return {"marked": services.push_unsubscribe(actor=actor(request), endpoint=payload.endpoint)}
