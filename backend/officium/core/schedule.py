"""Periodic jobs: the worker enqueues each registered task when its interval has passed.

Several workers may run; the row lock on `PeriodicJobRun` lets exactly one enqueue each slot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from officium.core.models import PeriodicJobRun


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    task: Any  # a django.tasks Task taking no arguments


_jobs: dict[str, PeriodicJob] = {}


def periodic(*, every: timedelta) -> Any:
    """Decorate a task (already wrapped by @task) to run every `every`."""

    def register(task: Any) -> Any:
        name = task.module_path
        _jobs[name] = PeriodicJob(name=name, every=every, task=task)
        return task

    return register


def jobs() -> list[PeriodicJob]:
    return list(_jobs.values())


def enqueue_due() -> list[str]:
    """Enqueue every job whose interval has passed; returns their names."""
    enqueued = []
    for job in _jobs.values():
        with transaction.atomic():
            now = timezone.now()
            run, created = PeriodicJobRun.objects.select_for_update().get_or_create(
                name=job.name, defaults={"last_enqueued_at": now}
            )
            if not created and now - run.last_enqueued_at < job.every:
                continue
            run.last_enqueued_at = now
            run.save(update_fields=["last_enqueued_at"])
            transaction.on_commit(job.task.enqueue)
        enqueued.append(job.name)
    return enqueued
