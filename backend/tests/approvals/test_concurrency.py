"""Twenty approvers press "approve" on one any-one node at the same moment: exactly one decision counts.

Each approver is a real HTTP request on its own thread and database connection; the instance row lock
(SELECT … FOR UPDATE on PostgreSQL, an IMMEDIATE write transaction on SQLite) serialises them.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from officium.approvals.models import Instance, Task
from officium.core.models import AuditEvent
from officium.org import services as org

from ..conftest import ApiClient
from . import approval_event_handlers
from .conftest import Company, approver, members, submit

APPROVERS = 20


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_approvers_at_once_on_an_any_one_node(company: Company, make_template: Any) -> None:
    people = [
        org.employee_create(
            actor=None,
            employee_number=f"C{n:03d}",
            name=f"审批人{n}",
            department_id=company.departments["fin"].pk,
            username=f"approver{n}",
        )
        for n in range(APPROVERS)
    ]
    template = make_template([approver("any_one", members(*people), mode="any")])
    instance = submit(template, company["dev1"])
    tasks = {task.assignee_id: task.pk for task in Task.objects.filter(instance=instance)}
    clients = [ApiClient(person.user) for person in people]
    approval_event_handlers.completed.clear()
    barrier = threading.Barrier(APPROVERS)
    answers: list[int] = []

    def press(client: ApiClient, task_id: Any) -> None:
        try:
            barrier.wait()
            answers.append(client.post(f"approvals/tasks/{task_id}/approve", {"comment": "同意"}).status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=press, args=(client, tasks[person.pk]))
        for client, person in zip(clients, people, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == [200] + [409] * (APPROVERS - 1)
    instance.refresh_from_db()
    assert instance.status == Instance.Status.APPROVED
    statuses = sorted(Task.objects.filter(instance=instance).values_list("status", flat=True))
    assert statuses == ["approved"] + ["cancelled"] * (APPROVERS - 1)
    assert AuditEvent.objects.filter(action="approvals.task.approved").count() == 1
    assert [event.action for event in approval_event_handlers.completed] == ["approved"]
