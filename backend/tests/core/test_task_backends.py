"""Tasks run through the embedded database queue and through Redis (RQ) with the same code."""

from __future__ import annotations

import os

import django_rq
import pytest
from django.tasks import TaskResultStatus
from django.test import override_settings
from django_tasks_db.management.commands.db_worker import Worker
from rq import SimpleWorker

from officium.core.models import IdempotencyRecord
from officium.core.tasks import prune_housekeeping

# The workers open and close their own connections: the queued rows must really be committed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REDIS_URL = os.environ.get("OFFICIUM_REDIS_URL") or "redis://127.0.0.1:6379/15"
QUEUE = f"officium-test-{os.getpid()}"


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": [QUEUE]}})
def test_the_database_queue_runs_a_task_in_the_worker() -> None:
    result = prune_housekeeping.using(queue_name=QUEUE).enqueue()
    assert result.status == TaskResultStatus.READY
    Worker(
        queue_names=[QUEUE],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"idempotency_records": 0, "worker_heartbeats": 0}


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [QUEUE]}},
    RQ_QUEUES={"default": {"URL": REDIS_URL}, QUEUE: {"URL": REDIS_URL}},
)
def test_the_redis_queue_runs_a_task_in_an_rq_worker() -> None:
    IdempotencyRecord.objects.all().delete()
    result = prune_housekeeping.using(queue_name=QUEUE).enqueue()
    assert result.status == TaskResultStatus.READY
    django_rq.get_worker(QUEUE, job_class="django_tasks_rq.Job", worker_class=SimpleWorker).work(burst=True)
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"idempotency_records": 0, "worker_heartbeats": 0}
    django_rq.get_queue(QUEUE).empty()
