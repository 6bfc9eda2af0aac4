"""Background jobs of operations: the scheduled backup."""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task

from officium.core.schedule import periodic
from officium.ops import backups


@periodic(every=timedelta(hours=1))
@task
def scheduled_backup() -> str:
    """Once a day from BACKUP_HOUR: a backup, then the retention rule (see `backups.run_schedule`)."""
    return backups.run_schedule()
