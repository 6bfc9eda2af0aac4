"""Making a backup (`officium backup` and the scheduled job) and keeping the right ones.

Retention keeps the newest scheduled archive of each of the last BACKUP_KEEP_DAILY days, of each of
the last BACKUP_KEEP_WEEKLY ISO weeks and of each of the last BACKUP_KEEP_MONTHLY months; archives
made by hand with `officium backup` are never pruned.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

import officium
from officium.ops import archive, database, services
from officium.ops.models import Backup

SUFFIX = ".tar"
ENCRYPTED_SUFFIX = ".tar.enc"


@dataclass(frozen=True)
class Written:
    """An archive on disk, not yet in the record of backups."""

    path: Path
    created_at: datetime
    encrypted: bool
    database: str
    rows: int
    files: int
    seconds: float


@dataclass(frozen=True)
class Made:
    path: Path
    backup: Backup


def configured_key() -> bytes | None:
    return archive.parse_key(settings.BACKUP_KEY) if settings.BACKUP_KEY else None


def make(*, directory: Path | None = None, trigger: str = Backup.Trigger.COMMAND, encrypt: bool = True) -> Made:
    """Write an archive (see `write`) and add it to the record of backups."""
    written = write(directory=directory, encrypt=encrypt)
    return Made(written.path, record(written, trigger=trigger))


def write(*, directory: Path | None = None, encrypt: bool = True) -> Written:
    """Write a consistent archive of the database and the media files into `directory`.

    The archive appears under its final name only when complete (written aside, then renamed)."""
    started = time.perf_counter()
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = configured_key() if encrypt else None
    created_at = timezone.now()
    name = f"officium-backup-{created_at:%Y%m%dT%H%M%S%fZ}" + (ENCRYPTED_SUFFIX if key else SUFFIX)
    with tempfile.TemporaryDirectory(dir=directory, prefix=".backup-") as work:
        work_dir = Path(work)
        copy = database.snapshot(work_dir)
        media = _media_members()
        manifest = {
            "format": archive.FORMAT,
            "product": archive.PRODUCT,
            "version": officium.__version__,
            "created_at": created_at.isoformat(),
            "database": {"vendor": copy.vendor, "member": copy.member},
            "migrations": copy.migrations,
            "tables": copy.tables,
            "audit_heads": copy.audit_heads,
        }
        plain = work_dir / "archive.tar"
        archive.write(plain, manifest, [(copy.member, copy.path), *media])
        finished = plain
        if key is not None:
            finished = work_dir / "archive.tar.enc"
            archive.encrypt(plain, finished, key)
        finished.chmod(0o600)  # the archive holds everything: readable by the service account only
        os.replace(finished, directory / name)
    return Written(
        path=directory / name,
        created_at=created_at,
        encrypted=key is not None,
        database=copy.vendor,
        rows=sum(copy.tables.values()),
        files=len(media),
        seconds=round(time.perf_counter() - started, 3),
    )


def record(written: Written, *, trigger: str) -> Backup:
    return services.backup_recorded(
        created_at=written.created_at,
        trigger=trigger,
        file_name=written.path.name,
        size_bytes=written.path.stat().st_size,
        sha256=archive.sha256_of(written.path),
        encrypted=written.encrypted,
        database=written.database,
        version=officium.__version__,
        rows=written.rows,
        files=written.files,
        seconds=written.seconds,
    )


def _media_members() -> list[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return [
        (archive.MEDIA_PREFIX + path.relative_to(root).as_posix(), path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    ]


# --- the schedule -----------------------------------------------------------------------------------------
def due(now: datetime | None = None) -> bool:
    """A scheduled backup is due once a day, from BACKUP_HOUR (local time) on."""
    if settings.BACKUP_SCHEDULE == "off":
        return False
    local = timezone.localtime(now or timezone.now())
    if local.hour < settings.BACKUP_HOUR:
        return False
    start_of_day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return not Backup.objects.filter(trigger=Backup.Trigger.SCHEDULE, created_at__gte=start_of_day).exists()


def to_prune() -> list[Backup]:
    """Scheduled archives that no retention rule keeps."""
    kept: set[object] = set()
    candidates = list(Backup.objects.filter(trigger=Backup.Trigger.SCHEDULE, pruned_at=None).order_by("-created_at"))
    rules = (
        (settings.BACKUP_KEEP_DAILY, lambda moment: moment.date()),
        (settings.BACKUP_KEEP_WEEKLY, lambda moment: moment.isocalendar()[:2]),
        (settings.BACKUP_KEEP_MONTHLY, lambda moment: (moment.year, moment.month)),
    )
    for keep, period_of in rules:
        periods: set[object] = set()
        for backup in candidates:  # newest first: the first archive seen in a period is the one kept
            period = period_of(timezone.localtime(backup.created_at))
            if period in periods:
                continue
            if len(periods) == keep:
                break
            periods.add(period)
            kept.add(backup.pk)
    return [backup for backup in candidates if backup.pk not in kept]


def run_schedule() -> str:
    """The hourly job: back up when due, then prune by the retention rule. Returns what it did."""
    if not due():
        return "not due"
    made = make(trigger=Backup.Trigger.SCHEDULE)
    pruned = to_prune()
    for backup in pruned:
        (Path(settings.BACKUP_DIR) / backup.file_name).unlink(missing_ok=True)
    services.backups_pruned(pruned)
    return f"{made.path.name}; pruned {len(pruned)}"
