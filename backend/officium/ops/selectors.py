"""Reads of the operations app, for people allowed to see the system status."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from officium.core import permissions
from officium.ops.models import Backup, Restore


def backups(*, viewer: Any) -> QuerySet[Backup]:
    permissions.require(viewer, permissions.SYSTEM_STATUS_VIEW)
    return Backup.objects.order_by("-created_at")


def restores(*, viewer: Any) -> QuerySet[Restore]:
    permissions.require(viewer, permissions.SYSTEM_STATUS_VIEW)
    return Restore.objects.order_by("-finished_at")
