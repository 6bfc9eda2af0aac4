"""The task worker: runs queued tasks, stamps a heartbeat and enqueues periodic jobs.

`officium worker` runs it as a process; `officium serve` runs it in a thread of the server process
(the embedded default), where event handlers can reach the in-memory channel layer.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from typing import Any

from django.db import close_old_connections
from django.tasks import task_backends
from django.utils import timezone

from officium.core import schedule
from officium.core.health import HEARTBEAT_INTERVAL
from officium.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

POLL_INTERVAL_SECONDS = 0.5


def _worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:100]


def _beat(worker_id: str, started_at: Any) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:200],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": timezone.now(),
        },
    )


def _housekeeping_loop(worker_id: str, stop: threading.Event) -> None:
    started_at = timezone.now()
    while not stop.is_set():
        try:
            close_old_connections()
            _beat(worker_id, started_at)
            schedule.enqueue_due()
        except Exception:
            logger.exception("worker housekeeping failed")
        finally:
            close_old_connections()
        stop.wait(HEARTBEAT_INTERVAL.total_seconds())
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
    close_old_connections()


def _backend_kind() -> str:
    backend = task_backends["default"]
    return type(backend).__module__.split(".")[0]


def run(stop: threading.Event) -> None:
    """Run until `stop` is set. The database backend polls; the Redis backend blocks on RQ."""
    worker_id = _worker_id()
    housekeeping = threading.Thread(
        target=_housekeeping_loop, args=(worker_id, stop), name="officium-housekeeping", daemon=True
    )
    housekeeping.start()
    kind = _backend_kind()
    logger.info("task worker %s started (%s)", worker_id, kind)
    try:
        if kind == "django_tasks_db":
            _run_database_worker(worker_id, stop)
        elif kind == "django_tasks_rq":
            _run_rq_worker(stop)
        else:
            # The immediate backend runs tasks at enqueue time: only housekeeping is needed.
            stop.wait()
    finally:
        stop.set()
        housekeeping.join(timeout=HEARTBEAT_INTERVAL.total_seconds() + 5)


def _run_database_worker(worker_id: str, stop: threading.Event) -> None:
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["*"],
        interval=POLL_INTERVAL_SECONDS,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )

    def stop_when_asked() -> None:
        stop.wait()
        worker.running = False

    threading.Thread(target=stop_when_asked, daemon=True).start()
    worker.run()


def _run_rq_worker(stop: threading.Event) -> None:
    """RQ installs its own signal handlers, so it runs only in a process's main thread.

    SimpleWorker runs each job in this process instead of a fork: database connections are never
    shared between a parent and a child process.
    """
    import django_rq

    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("with Redis the task worker runs as its own process: `officium worker`")
    worker = django_rq.get_worker("default", job_class="django_tasks_rq.Job", worker_class="rq.SimpleWorker")
    worker.work(with_scheduler=True, logging_level="INFO")


def start_embedded() -> threading.Event:
    """Start the worker in a daemon thread of this process; set the returned event to stop it."""
    stop = threading.Event()
    threading.Thread(target=run, args=(stop,), name="officium-worker", daemon=True).start()
    return stop
