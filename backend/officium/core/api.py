"""HTTP API of the platform core: instance metadata, system status, the audit log."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Schema
from ninja.pagination import paginate

import officium
from officium.core import audit, health, metrics, permissions, storage
from officium.core.api_base import Router, actor, requires
from officium.core.models import AuditEvent
from officium.core.pagination import KeysetPagination

meta_router = Router(tags=["system"])
system_router = Router(tags=["system"])
audit_router = Router(tags=["audit"])


class MetaOut(Schema):
    name: str
    version: str
    default_language: str = Field(description="zh-CN or en")
    languages: list[str]
    time_zone: str


class PartOut(Schema):
    name: str
    ok: bool
    detail: str


class QueueOut(Schema):
    tasks: int = Field(description="background tasks waiting for a worker")
    oldest_task_age_s: float
    outbox: int = Field(description="events not yet delivered to their handlers")
    oldest_outbox_age_s: float


class StorageOut(Schema):
    database_bytes: int
    media_bytes: int = Field(description="uploaded files")
    backups_bytes: int = Field(description="archives in the backup directory")
    disk_free_bytes: int
    disk_total_bytes: int


class SystemStatusOut(Schema):
    version: str
    environment: str
    parts: list[PartOut]
    queue: QueueOut
    storage: StorageOut


class ActorOut(Schema):
    id: UUID
    display_name: str


class AuditEventOut(Schema):
    id: int
    occurred_at: datetime
    actor: ActorOut | None
    action: str
    object_type: str
    object_id: str
    result: str
    reason: str
    ip: str | None
    changes: dict[str, Any]
    request_id: str

    @staticmethod
    def resolve_actor(event: AuditEvent) -> dict[str, Any] | None:
        if event.actor_id is None:
            return None
        return {"id": event.actor_id, "display_name": event.actor_label}


class AuditFilter(Schema):
    action: str = Field("", max_length=100, description="exact action, e.g. accounts.login")
    actor: UUID | None = Field(None, description="id of the acting user")
    object_type: str = Field("", max_length=100)
    object_id: str = Field("", max_length=100)


class ChainReportOut(Schema):
    ok: bool
    checked: int
    first_broken_id: int | None
    reason: str


def _language_tag(django_code: str) -> str:
    return "zh-CN" if django_code.startswith("zh") else "en"


@meta_router.get("", response=MetaOut, summary="About this installation (public)")
@requires(permissions.PUBLIC)
def get_meta(request: HttpRequest) -> MetaOut:
    return MetaOut(
        name=settings.SITE_NAME,
        version=officium.__version__,
        default_language=_language_tag(settings.LANGUAGE_CODE),
        languages=[_language_tag(code) for code, _ in settings.LANGUAGES],
        time_zone=settings.TIME_ZONE,
    )


@system_router.get("/status", response=SystemStatusOut, summary="Health of each part")
@requires(permissions.SYSTEM_STATUS_VIEW)
def get_system_status(request: HttpRequest) -> SystemStatusOut:
    parts = [PartOut(name=part.name, ok=part.ok, detail=part.detail) for part in health.run_checks()]
    queue, storage_use = metrics.queue_state(), storage.storage_use()
    return SystemStatusOut(
        version=officium.__version__,
        environment=settings.ENVIRONMENT,
        parts=parts,
        queue=QueueOut(**vars(queue)),
        storage=StorageOut(**vars(storage_use)),
    )


@audit_router.get("/events", response=list[AuditEventOut], summary="Audit events, newest first")
@requires(permissions.AUDIT_EVENT_VIEW)
@paginate(KeysetPagination, ordering=("-id",))
def list_audit_events(request: HttpRequest, filters: Query[AuditFilter]) -> QuerySet[AuditEvent]:
    return audit.search(
        viewer=actor(request),
        action=filters.action,
        actor_id=filters.actor,
        object_type=filters.object_type,
        object_id=filters.object_id,
    )


@audit_router.post("/verify", response=ChainReportOut, summary="Verify the audit hash chain")
@requires(permissions.AUDIT_EVENT_VIEW)
def verify_audit_chain(request: HttpRequest) -> ChainReportOut:
    report = audit.verify_chain(viewer=actor(request))
    return ChainReportOut(
        ok=report.ok, checked=report.checked, first_broken_id=report.first_broken_id, reason=report.reason
    )
