"""`officium upgrade`, and no command running on a database migrated by a newer version."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from pytest_django.fixtures import Settings

from officium import cli
from officium.ops import upgrades
from officium.ops.models import Backup


@pytest.fixture
def backup_dir(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.BACKUP_DIR = str(tmp_path / "backups")
    settings.BACKUP_KEY = ""
    return tmp_path / "backups"


@pytest.mark.django_db
def test_every_command_that_uses_the_schema_refuses_a_newer_database(capsys: pytest.CaptureFixture[str]) -> None:
    MigrationRecorder(connection).record_applied("org", "9999_from_a_newer_release")
    expected = (
        "this database was migrated by a newer Officium (1 unknown migration(s): org.9999_from_a_newer_release). "
        "Run that version, or restore a backup made by this one."
    )
    for command in (["serve"], ["worker"], ["migrate"], ["upgrade"]):
        assert cli.main(command) == 2
        assert expected in capsys.readouterr().err


@pytest.mark.django_db
def test_an_up_to_date_database_is_left_alone(backup_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["upgrade"]) == 0
    assert capsys.readouterr().out.startswith("Already up to date; audit chain intact (")
    assert not backup_dir.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_upgrade_backs_up_migrates_and_records_the_backup_once_the_schema_allows(
    backup_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The installation as a version without the operations app left it: its tables do not exist yet.
    call_command("migrate", "ops", "zero", verbosity=0)
    assert upgrades.pending_migrations() == ["ops.0001_initial"]

    assert cli.main(["upgrade"]) == 0

    output = capsys.readouterr().out
    (archive,) = backup_dir.iterdir()
    assert output == (
        f"Backup before upgrading: {archive}\n"
        "Applied 1 migration(s); verified: none pending, audit chain intact (0 events).\n"
    )
    assert upgrades.pending_migrations() == []
    assert list(Backup.objects.values_list("trigger", "file_name")) == [(Backup.Trigger.UPGRADE, archive.name)]
