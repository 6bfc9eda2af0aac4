"""Restoring an archive into the live installation, or into a scratch database as a drill (恢复演练).

Both check everything they can before they write anything: the archive's integrity (every member
against its checksum), its product and format, and that this installation's schema is the
archive's. Both then verify what they restored: the row count of every table, the audit chain
(recomputed from the first row) and its heads, and every media file against its checksum.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

import officium
from officium.core import audit
from officium.ops import archive, database, services
from officium.ops.archive import ArchiveError, Manifest
from officium.ops.backups import configured_key
from officium.ops.models import Restore


@dataclass(frozen=True)
class Verification:
    ok: bool
    detail: str
    rows: int
    files: int
    audit_events: int


def check_compatible(manifest: Manifest) -> None:
    """Refuse an archive whose database schema is not this version's (its migrations differ).

    Versions that share a schema (a bug-fix release) restore each other's archives."""
    ours = database.code_migrations()
    theirs = manifest.migrations
    if ours != theirs:
        differing = sorted(app for app in set(ours) | set(theirs) if ours.get(app) != theirs.get(app))
        raise ArchiveError(
            f"this archive's database schema differs from this version's (apps {', '.join(differing)}): it was "
            f"made by Officium {manifest.version} and this is {officium.__version__}. Restore it with the version "
            "whose schema it has, then run `officium upgrade`."
        )


def _work_dir() -> tempfile.TemporaryDirectory[str]:
    root = Path(settings.DATA_DIR)
    root.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(dir=root, prefix=".restore-")


def restore(path: Path) -> Restore:
    """Replace the live database and media files with the archive's, then verify them."""
    started = time.perf_counter()
    with _work_dir() as work:
        manifest, extracted = archive.open_checked(path, Path(work), configured_key())
        check_compatible(manifest)
        connections.close_all()
        database.restore_into("default", extracted / manifest.database_member, manifest.database)
        database.forget_connections("default")
        _replace_media(extracted / archive.MEDIA_PREFIX.rstrip("/"))
        verification = verify("default", manifest, Path(settings.MEDIA_ROOT))
    return _record(Restore.Kind.RESTORE, path, manifest, verification, started)


def drill(path: Path) -> Restore:
    """Restore into a scratch database and directory, verify, and record the result in the live database."""
    started = time.perf_counter()
    with _work_dir() as work:
        manifest, extracted = archive.open_checked(path, Path(work), configured_key())
        check_compatible(manifest)
        with database.scratch(Path(work)) as alias:
            database.restore_into(alias, extracted / manifest.database_member, manifest.database)
            verification = verify(alias, manifest, extracted / archive.MEDIA_PREFIX.rstrip("/"))
    return _record(Restore.Kind.DRILL, path, manifest, verification, started)


def _record(kind: str, path: Path, manifest: Manifest, verification: Verification, started: float) -> Restore:
    return services.restore_recorded(
        kind=kind,
        file_name=path.name,
        backup_created_at=datetime.fromisoformat(manifest.created_at),
        database=manifest.database,
        ok=verification.ok,
        detail=verification.detail,
        rows=verification.rows,
        files=verification.files,
        audit_events=verification.audit_events,
        seconds=round(time.perf_counter() - started, 3),
    )


def _replace_media(restored: Path) -> None:
    """Swap the media directory for the archive's (renames on one file system: no half state)."""
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    staged = media.parent / f".media-restored-{uuid.uuid4().hex}"
    if restored.is_dir():
        shutil.move(restored, staged)
    else:
        staged.mkdir()
    old = media.parent / f".media-replaced-{uuid.uuid4().hex}"
    if media.exists():
        media.rename(old)
    staged.rename(media)
    shutil.rmtree(old, ignore_errors=True)


def verify(alias: str, manifest: Manifest, media_dir: Path) -> Verification:
    problems: list[str] = []
    found = database.counts(alias)
    expected = manifest.tables
    for table in sorted(set(found) | set(expected)):
        if found.get(table) != expected.get(table):
            problems.append(f"table {table}: {found.get(table)} rows, the backup had {expected.get(table)}")
    chain = audit.verify_chain(using=alias)
    if not chain.ok:
        problems.append(f"audit chain broken at event {chain.first_broken_id}: {chain.reason}")
    if database.audit_heads(alias) != manifest.audit_heads:
        problems.append("the audit chain heads differ from the backup's")
    media_members = {
        name.removeprefix(archive.MEDIA_PREFIX): listed
        for name, listed in manifest.members.items()
        if name.startswith(archive.MEDIA_PREFIX)
    }
    present = {path.relative_to(media_dir).as_posix(): path for path in media_dir.rglob("*") if path.is_file()}
    for name in sorted(set(media_members) | set(present)):
        if name not in present:
            problems.append(f"file {name} is missing")
        elif name not in media_members:
            problems.append(f"file {name} is not in the backup")
        elif archive.sha256_of(present[name]) != media_members[name]["sha256"]:
            problems.append(f"file {name} differs from the backup")
    rows = sum(found.values())
    detail = (
        f"verified {rows} rows in {len(found)} tables, {chain.checked} audit events, {len(present)} files"
        if not problems
        else "; ".join(problems[:20])
    )
    return Verification(not problems, detail, rows, len(present), chain.checked)
