"""Reads of notifications, always the actor's own."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from officium.core import permissions
from officium.notifications.models import Channel, Kind, Notification, Preference, Robot, Settings
from officium.notifications.permissions import ROBOT_MANAGE
from officium.notifications.services import LOCKED_CHANNELS, UNSILENCEABLE, wants


def notifications(*, actor: Any, source: str | None = None, unread: bool | None = None) -> QuerySet[Notification]:
    mine = Notification.objects.filter(recipient=actor)
    if source:
        mine = mine.filter(source=source)
    if unread is True:
        mine = mine.filter(read_at__isnull=True)
    elif unread is False:
        mine = mine.filter(read_at__isnull=False)
    return mine


def unread_counts(*, actor: Any) -> dict[str, int]:
    """{source: unread} for every source with unread notifications."""
    rows = (
        Notification.objects.filter(recipient=actor, read_at__isnull=True)
        .values("source")
        .annotate(n=Count("pk"))
        .order_by("source")
    )
    return {row["source"]: row["n"] for row in rows}


def preferences(*, actor: Any) -> dict[str, Any]:
    """Every kind × channel with its effective choice, quiet hours and the email mode."""
    choices = {
        (actor.pk, kind, channel): enabled
        for kind, channel, enabled in Preference.objects.filter(user=actor).values_list("kind", "channel", "enabled")
    }
    person = Settings.objects.filter(user=actor).first()
    quiet = None
    if person is not None and person.quiet_start is not None and person.quiet_end is not None:
        quiet = {"start": person.quiet_start, "end": person.quiet_end}
    return {
        "kinds": [
            {
                "kind": kind,
                "locked": sorted(LOCKED_CHANNELS) if kind in UNSILENCEABLE else [],
                "channels": {channel: wants(choices, actor.pk, kind, channel) for channel in Channel.values},
            }
            for kind in Kind.values
        ],
        "quiet_hours": quiet,
        "email_digest": bool(person and person.email_digest),
    }


def robots(*, actor: Any) -> QuerySet[Robot]:
    permissions.require(actor, ROBOT_MANAGE)
    return Robot.objects.order_by("name", "pk")
