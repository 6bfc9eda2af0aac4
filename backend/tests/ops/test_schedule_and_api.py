"""Scheduled backups with retention, the `officium backup` / `restore` commands and the API."""

from __future__ import annotations

import io
import sys
import zoneinfo
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone
from pytest_django.fixtures import Settings

from officium import cli
from officium.accounts.models import User
from officium.ops import backups, services
from officium.ops.models import Backup, Restore

from ..conftest import ApiClient

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def backup_dir(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.BACKUP_DIR = str(tmp_path / "backups")
    settings.BACKUP_KEY = ""
    settings.BACKUP_SCHEDULE = "daily"
    settings.BACKUP_HOUR = 2
    return tmp_path / "backups"


def _scheduled(at: datetime, directory: Path) -> Backup:
    name = f"officium-backup-{at:%Y%m%d}.tar"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_bytes(b"archive")
    return services.backup_recorded(
        created_at=at,
        trigger=Backup.Trigger.SCHEDULE,
        file_name=name,
        size_bytes=7,
        sha256="0" * 64,
        encrypted=False,
        database="sqlite",
        version="test",
        rows=1,
        files=0,
        seconds=0.1,
    )


@pytest.mark.django_db
def test_retention_keeps_the_newest_of_each_recent_day_week_and_month(settings: Settings, backup_dir: Path) -> None:
    settings.BACKUP_KEEP_DAILY, settings.BACKUP_KEEP_WEEKLY, settings.BACKUP_KEEP_MONTHLY = 3, 2, 2
    last = datetime(2026, 11, 26, 3, 0, tzinfo=SHANGHAI)
    for days_back in range(70):
        _scheduled(last - timedelta(days=days_back), backup_dir)
    services.backup_recorded(
        created_at=last - timedelta(days=100),
        trigger=Backup.Trigger.COMMAND,
        file_name="by-hand.tar",
        size_bytes=7,
        sha256="0" * 64,
        encrypted=False,
        database="sqlite",
        version="test",
        rows=1,
        files=0,
        seconds=0.1,
    )

    pruned = backups.to_prune()

    kept = set(Backup.objects.values_list("created_at", flat=True)) - {backup.created_at for backup in pruned}
    assert sorted(timezone.localtime(moment).date().isoformat() for moment in kept) == [
        "2026-08-18",  # made by hand: never pruned
        "2026-10-31",  # newest of October
        "2026-11-22",  # newest of the week before this one
        "2026-11-24",
        "2026-11-25",
        "2026-11-26",  # the last three days (also this week's and this month's newest)
    ]
    assert len(pruned) == 65


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_scheduled_job_backs_up_once_a_day_from_the_configured_hour(settings: Settings, backup_dir: Path) -> None:
    settings.BACKUP_KEEP_DAILY, settings.BACKUP_KEEP_WEEKLY, settings.BACKUP_KEEP_MONTHLY = 1, 0, 0
    old = _scheduled(datetime(2026, 11, 20, 3, 0, tzinfo=SHANGHAI), backup_dir)
    with time_machine.travel(datetime(2026, 11, 26, 1, 30, tzinfo=SHANGHAI)):
        assert backups.run_schedule() == "not due"
    with time_machine.travel(datetime(2026, 11, 26, 2, 5, tzinfo=SHANGHAI)):
        done = backups.run_schedule()
        assert backups.run_schedule() == "not due"
    made = Backup.objects.get(pruned_at=None)
    assert done == f"{made.file_name}; pruned 1"
    assert made.trigger == Backup.Trigger.SCHEDULE
    assert sorted(path.name for path in backup_dir.iterdir()) == [made.file_name]
    old.refresh_from_db()
    assert old.pruned_at is not None
    settings.BACKUP_SCHEDULE = "off"
    with time_machine.travel(datetime(2026, 11, 27, 9, 0, tzinfo=SHANGHAI)):
        assert backups.run_schedule() == "not due"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_commands_back_up_drill_and_ask_before_replacing_live_data(
    backup_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.main(["backup"]) == 0
    written = capsys.readouterr().out
    archive = next(backup_dir.iterdir())
    assert written.startswith(f"Backup written: {archive} (")
    assert "not encrypted" in written

    assert cli.main(["restore", "--drill", str(archive)]) == 0
    assert capsys.readouterr().out.startswith("Restore drill verified: verified ")
    assert Restore.objects.get().kind == Restore.Kind.DRILL

    monkeypatch.setattr(sys, "stdin", io.StringIO("no\n"))
    assert cli.main(["restore", str(archive)]) == 1
    assert capsys.readouterr().out.endswith("Nothing was changed.\n")
    assert Restore.objects.count() == 1

    assert cli.main(["restore", "--drill", str(backup_dir / "missing.tar")]) == 2
    assert "drill refused, nothing was changed: " in capsys.readouterr().err


@pytest.mark.django_db
def test_system_administrators_see_backups_and_drills(
    people: dict[str, User], api_for: Callable[[User | None], ApiClient], backup_dir: Path
) -> None:
    made = _scheduled(datetime(2026, 11, 26, 3, 0, tzinfo=SHANGHAI), backup_dir)
    drill = services.restore_recorded(
        kind=Restore.Kind.DRILL,
        file_name=made.file_name,
        backup_created_at=made.created_at,
        database="sqlite",
        ok=True,
        detail="verified 10 rows in 2 tables, 3 audit events, 0 files",
        rows=10,
        files=0,
        audit_events=3,
        seconds=0.5,
    )
    admin = api_for(people["admin"])
    listed = admin.get("ops/backups").json()
    assert [(item["id"], item["file_name"], item["trigger"]) for item in listed["items"]] == [
        (str(made.pk), made.file_name, "schedule")
    ]
    restores = admin.get("ops/restores").json()
    assert [(item["id"], item["kind"], item["ok"], item["detail"]) for item in restores["items"]] == [
        (str(drill.pk), "drill", True, "verified 10 rows in 2 tables, 3 audit events, 0 files")
    ]
    assert api_for(people["employee"]).get("ops/backups").status_code == 403
