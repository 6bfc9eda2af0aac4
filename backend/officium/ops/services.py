"""Writes of the operations app: the record of each backup and restore, with its audit row."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from officium.core import audit
from officium.core.models import AuditEvent
from officium.ops.models import Backup, Restore


def backup_recorded(
    *,
    created_at: datetime,
    trigger: str,
    file_name: str,
    size_bytes: int,
    sha256: str,
    encrypted: bool,
    database: str,
    version: str,
    rows: int,
    files: int,
    seconds: float,
) -> Backup:
    with transaction.atomic():
        backup = Backup.objects.create(
            created_at=created_at,
            trigger=trigger,
            file_name=file_name,
            size_bytes=size_bytes,
            sha256=sha256,
            encrypted=encrypted,
            database=database,
            version=version,
            rows=rows,
            files=files,
            seconds=seconds,
        )
        audit.record(
            action="ops.backup.created",
            target=backup,
            changes={"file_name": file_name, "size_bytes": size_bytes, "sha256": sha256, "trigger": trigger},
        )
    return backup


def backups_pruned(backups: list[Backup]) -> None:
    """The retention rule removed these archives from the backup directory."""
    if not backups:
        return
    now = timezone.now()
    with transaction.atomic():
        for backup in backups:
            backup.pruned_at = now
            backup.save(update_fields=["pruned_at"])
        audit.record_many(
            [
                audit.Entry(action="ops.backup.pruned", target=backup, changes={"file_name": backup.file_name})
                for backup in backups
            ]
        )


def restore_recorded(
    *,
    kind: str,
    file_name: str,
    backup_created_at: datetime,
    database: str,
    ok: bool,
    detail: str,
    rows: int,
    files: int,
    audit_events: int,
    seconds: float,
) -> Restore:
    """A restore (recorded in the restored database) or a drill (recorded in the live one)."""
    with transaction.atomic():
        restore = Restore.objects.create(
            kind=kind,
            finished_at=timezone.now(),
            file_name=file_name,
            backup_created_at=backup_created_at,
            database=database,
            ok=ok,
            detail=detail,
            rows=rows,
            files=files,
            audit_events=audit_events,
            seconds=seconds,
        )
        audit.record(
            action=f"ops.{kind}.finished",
            target=restore,
            result=AuditEvent.Result.SUCCESS if restore.ok else AuditEvent.Result.FAILURE,
            changes={"file_name": file_name, "ok": restore.ok, "detail": restore.detail[:500]},
        )
    return restore
