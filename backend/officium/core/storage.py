"""How much room the installation takes: the database, uploaded files, backups, and the disk's free space."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection


@dataclass(frozen=True)
class StorageUse:
    database_bytes: int
    media_bytes: int
    backups_bytes: int
    disk_free_bytes: int
    disk_total_bytes: int


def storage_use() -> StorageUse:
    disk = shutil.disk_usage(_existing(Path(settings.DATA_DIR)))
    return StorageUse(
        database_bytes=_database_bytes(),
        media_bytes=_directory_bytes(Path(settings.MEDIA_ROOT)),
        backups_bytes=_directory_bytes(Path(settings.BACKUP_DIR)),
        disk_free_bytes=disk.free,
        disk_total_bytes=disk.total,
    )


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _database_bytes() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return int(cursor.fetchone()[0])
        cursor.execute("PRAGMA page_count")
        pages = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA page_size")
        return pages * int(cursor.fetchone()[0])


def _directory_bytes(root: Path) -> int:
    total = 0
    for directory, _subdirectories, files in os.walk(root):
        for name in files:
            path = os.path.join(directory, name)
            if not os.path.islink(path):
                total += os.path.getsize(path)
    return total
