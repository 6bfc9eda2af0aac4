"""HTTP API of operations: the backups made and the restores and drills run (for the system page)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Schema
from ninja.pagination import paginate

from officium.core import permissions
from officium.core.api_base import Router, actor, requires
from officium.core.pagination import KeysetPagination
from officium.ops import selectors
from officium.ops.models import Backup, Restore

router = Router(tags=["system"])


class BackupOut(Schema):
    id: UUID
    created_at: datetime
    trigger: str
    file_name: str
    size_bytes: int
    sha256: str
    encrypted: bool
    database: str
    version: str
    rows: int
    files: int
    seconds: float
    pruned_at: datetime | None


class RestoreOut(Schema):
    id: UUID
    kind: str
    finished_at: datetime
    file_name: str
    backup_created_at: datetime
    database: str
    ok: bool
    detail: str
    rows: int
    files: int
    audit_events: int
    seconds: float


@router.get("/backups", response=list[BackupOut], summary="Backups made, newest first")
@requires(permissions.SYSTEM_STATUS_VIEW)
@paginate(KeysetPagination, ordering=("-created_at", "-id"))
def list_backups(request: HttpRequest) -> QuerySet[Backup]:
    return selectors.backups(viewer=actor(request))


@router.get("/restores", response=list[RestoreOut], summary="Restores and restore drills, newest first")
@requires(permissions.SYSTEM_STATUS_VIEW)
@paginate(KeysetPagination, ordering=("-finished_at", "-id"))
def list_restores(request: HttpRequest) -> QuerySet[Restore]:
    return selectors.restores(viewer=actor(request))
