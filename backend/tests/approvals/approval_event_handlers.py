"""A handler of approval events that exists only for the tests: it counts what was published."""

from __future__ import annotations

import threading

from officium.approvals.events import TaskCompleted
from officium.core.events import subscribe

completed: list[TaskCompleted] = []
_lock = threading.Lock()


@subscribe(TaskCompleted)
def on_task_completed(event: TaskCompleted) -> None:
    with _lock:
        completed.append(event)
