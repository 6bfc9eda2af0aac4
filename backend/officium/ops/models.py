"""What the operators did to keep the data safe: backups made and restores (or restore drills) run."""

from __future__ import annotations

from django.db import models

from officium.core.ids import uuid7


class Backup(models.Model):
    """One backup archive written by `officium backup` or the scheduled job."""

    class Trigger(models.TextChoices):
        COMMAND = "command"
        SCHEDULE = "schedule"
        UPGRADE = "upgrade"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    created_at = models.DateTimeField()
    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    file_name = models.CharField(max_length=200)
    size_bytes = models.BigIntegerField()
    sha256 = models.CharField(max_length=64)
    encrypted = models.BooleanField()
    database = models.CharField(max_length=20)
    version = models.CharField(max_length=50)
    rows = models.BigIntegerField()
    files = models.PositiveIntegerField()
    seconds = models.FloatField()
    # Set when the retention rule removed the archive from the backup directory.
    pruned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class Restore(models.Model):
    """One restore of an archive: into the live database, or a drill into a scratch one (恢复演练)."""

    class Kind(models.TextChoices):
        RESTORE = "restore"
        DRILL = "drill"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    finished_at = models.DateTimeField()
    file_name = models.CharField(max_length=200)
    backup_created_at = models.DateTimeField()
    database = models.CharField(max_length=20)
    ok = models.BooleanField()
    # What the verification found: rows, files and audit events checked, or the first problem.
    detail = models.TextField()
    rows = models.BigIntegerField()
    files = models.PositiveIntegerField()
    audit_events = models.BigIntegerField()
    seconds = models.FloatField()

    class Meta:
        ordering = ["-finished_at"]
