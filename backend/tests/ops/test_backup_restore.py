"""Backup and restore: archives that restore every row, file and the audit chain, and refusals that
change nothing."""

from __future__ import annotations

import base64
import contextlib
import io
import json
import tarfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.db.utils import ConnectionDoesNotExist
from pytest_django.fixtures import Settings as SettingsWrapper

import officium
from officium.core import audit
from officium.core.models import AuditEvent
from officium.ops import archive, backups, database, restores
from officium.ops.archive import ArchiveError
from officium.ops.models import Restore
from officium.org import services as org
from officium.org.models import Department, Employee

transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def locations(settings: SettingsWrapper, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.BACKUP_DIR = str(tmp_path / "backups")
    settings.BACKUP_KEY = ""
    (tmp_path / "media" / "approvals").mkdir(parents=True)
    (tmp_path / "media" / "approvals" / "收据.pdf").write_bytes(b"%PDF-1.7 receipt")
    (tmp_path / "media" / "avatar.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return tmp_path


def _company() -> None:
    root = org.department_create(actor=None, name="总部", code="HQ")
    sales = org.department_create(actor=None, name="销售部", code="SALES", parent_id=root.pk)
    for number in range(3):
        org.employee_create(actor=None, employee_number=f"B{number}", name=f"员工{number}", department_id=sales.pk)


def _content() -> dict[str, Any]:
    return {
        "departments": list(Department.objects.order_by("code").values_list("id", "name", "code", "parent_id")),
        "employees": list(Employee.objects.order_by("employee_number").values_list("id", "name", "main_department_id")),
        "audit": list(AuditEvent.objects.order_by("id").values_list("id", "action", "hash")),
    }


def _files(media: Path) -> dict[str, bytes]:
    return {path.relative_to(media).as_posix(): path.read_bytes() for path in media.rglob("*") if path.is_file()}


@transactional
def test_a_restore_brings_back_every_row_file_and_the_audit_chain(locations: Path) -> None:
    _company()
    before, files_before = _content(), _files(locations / "media")
    made = backups.make()
    assert (made.backup.trigger, made.backup.files, made.backup.encrypted) == ("command", 2, False)
    assert made.path.stat().st_mode & 0o777 == 0o600

    call_command("flush", interactive=False)
    (locations / "media" / "avatar.png").write_bytes(b"overwritten")
    (locations / "media" / "stray.txt").write_text("made after the backup")
    assert Department.objects.count() == 0

    restored = restores.restore(made.path)

    assert restored.ok, restored.detail
    assert restored.detail.startswith(f"verified {restored.rows} rows in ")
    after = _content()
    *restored_audit, restore_row = after.pop("audit")
    assert {**after, "audit": restored_audit} == before
    assert restore_row[1] == "ops.restore.finished"
    assert _files(locations / "media") == files_before
    assert audit.verify_chain().ok
    assert list(Restore.objects.values_list("kind", "file_name", "ok")) == [("restore", made.path.name, True)]
    assert AuditEvent.objects.get(pk=restore_row[0]).object_id == str(restored.pk)


@transactional
def test_a_drill_restores_into_a_scratch_database_and_leaves_the_live_one_alone(
    locations: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _company()
    made = backups.make()
    org.department_create(actor=None, name="新部门", code="NEW")
    live = _content()
    scratch_aliases = []
    real_scratch = database.scratch

    @contextlib.contextmanager
    def recorded_scratch(work_dir: Path) -> Iterator[str]:
        with real_scratch(work_dir) as alias:
            scratch_aliases.append(alias)
            yield alias

    monkeypatch.setattr(database, "scratch", recorded_scratch)

    drill = restores.drill(made.path)

    assert (drill.kind, drill.ok, drill.files) == ("drill", True, 2)
    assert drill.audit_events == made.backup.rows - sum(
        count for table, count in _manifest(made.path)["tables"].items() if table != "core_auditevent"
    )
    assert _content()["departments"] == live["departments"]
    assert Restore.objects.get().pk == drill.pk
    assert len(scratch_aliases) == 1
    with pytest.raises(ConnectionDoesNotExist):
        connections[scratch_aliases[0]]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [f"officium_{scratch_aliases[0]}"])
            assert cursor.fetchone() == (0,)


def _manifest(path: Path) -> dict[str, Any]:
    with tarfile.open(path) as tar:
        stream = tar.extractfile(archive.MANIFEST)
        assert stream is not None
        manifest: dict[str, Any] = json.loads(stream.read())
    return manifest


def _rewrite(path: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A copy of the archive with each member's bytes passed through `change(name, data)`."""
    altered = path.with_name("altered-" + path.name)
    with tarfile.open(path) as source, tarfile.open(altered, "w") as target:
        for member in source:
            stream = source.extractfile(member)
            assert stream is not None
            data = change(member.name, stream.read())
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return altered


def _refused_without_change(path: Path, message: str) -> None:
    before = _content()
    with pytest.raises(ArchiveError, match=message):
        restores.restore(path)
    assert _content() == before
    assert not Restore.objects.exists()


@transactional
def test_a_damaged_member_is_refused_before_anything_changes(locations: Path) -> None:
    _company()
    made = backups.make()
    org.department_create(actor=None, name="备份后", code="AFTER")

    def flip_a_byte(name: str, data: bytes) -> bytes:
        if name != "media/avatar.png":
            return data
        return data[:10] + bytes([data[10] ^ 0xFF]) + data[11:]

    _refused_without_change(_rewrite(made.path, flip_a_byte), "media/avatar.png does not match its checksum")
    assert Department.objects.filter(code="AFTER").exists()
    assert (locations / "media" / "avatar.png").read_bytes()[10] == 2


@transactional
def test_foreign_archives_and_other_schemas_are_refused(locations: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _company()
    made = backups.make()
    not_a_tar = locations / "notes.tar"
    not_a_tar.write_text("just some text")
    _refused_without_change(not_a_tar, "not an Officium backup archive")
    no_manifest = locations / "other.tar"
    with tarfile.open(no_manifest, "w") as tar:
        tar.add(locations / "media" / "avatar.png", arcname="avatar.png")
    _refused_without_change(no_manifest, "it has no manifest.json")

    def older_schema(name: str, data: bytes) -> bytes:
        if name != archive.MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["migrations"]["org"] = manifest["migrations"]["org"][:1]
        manifest["version"] = "0.0.1"
        return json.dumps(manifest).encode()

    _refused_without_change(
        _rewrite(made.path, older_schema),
        rf"schema differs from this version's \(apps org\): it was made by Officium 0.0.1 and this is "
        rf"{officium.__version__}\. Restore it with the version whose schema it has, then run `officium upgrade`.",
    )

    # A release with the same schema (a bug fix) restores the archive.
    monkeypatch.setattr(officium, "__version__", "9.9.9")
    assert restores.drill(made.path).ok


@transactional
def test_an_encrypted_archive_needs_its_key(locations: Path, settings: SettingsWrapper) -> None:
    key = base64.b64encode(bytes(range(32))).decode()
    settings.BACKUP_KEY = key
    _company()
    made = backups.make()
    assert made.path.name.endswith(".tar.enc")
    assert made.backup.encrypted
    assert b"%PDF-1.7 receipt" not in made.path.read_bytes()

    settings.BACKUP_KEY = ""
    _refused_without_change(made.path, "this archive is encrypted: set OFFICIUM_BACKUP_KEY")
    settings.BACKUP_KEY = base64.b64encode(bytes(32)).decode()
    _refused_without_change(made.path, "OFFICIUM_BACKUP_KEY is not the key it was made with")
    settings.BACKUP_KEY = key
    truncated = made.path.with_name("truncated.tar.enc")
    truncated.write_bytes(made.path.read_bytes()[:-100])
    _refused_without_change(truncated, "OFFICIUM_BACKUP_KEY is not the key it was made with, or the file is damaged")

    assert restores.drill(made.path).ok


def test_a_key_that_is_not_32_bytes_of_base64_is_a_clear_error() -> None:
    with pytest.raises(ArchiveError, match="must be base64"):
        archive.parse_key("not base64!")
    with pytest.raises(ArchiveError, match="must decode to 32 bytes, not 16"):
        archive.parse_key(base64.b64encode(bytes(16)).decode())


@transactional
def test_a_backup_taken_while_people_write_restores_to_a_consistent_state(locations: Path) -> None:
    _company()
    stop = threading.Event()
    written = [0]

    def write_audited_rows() -> None:
        try:
            while not stop.is_set():
                audit.record(action="tests.concurrent_write", object_id=str(written[0]))
                written[0] += 1
        finally:
            connection.close()

    writer = threading.Thread(target=write_audited_rows)
    writer.start()
    try:
        while written[0] < 20:
            threading.Event().wait(0.01)
        made = backups.make()
    finally:
        stop.set()
        writer.join()

    in_backup = _manifest(made.path)["tables"]["core_auditevent"]
    assert in_backup < AuditEvent.objects.count()
    drill = restores.drill(made.path)
    assert drill.ok, drill.detail
    assert drill.audit_events == in_backup
