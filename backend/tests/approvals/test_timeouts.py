"""限时审批: reminders, repeats, auto-approval, auto-rejection and escalation when a node's limit passes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from officium.approvals.models import Instance, Task
from officium.approvals.services import timeouts
from officium.core import schedule
from officium.core.models import AuditEvent

from .conftest import Company, approve, approver, members, pending, status, submit, task_of, timeline

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


def _flow(company: Company, **timeout: Any) -> list[dict[str, Any]]:
    return [
        approver("lead", members(company["lead"]), timeout={"hours": 24, **timeout}),
        approver("gm", members(company["gm"])),
    ]


def _submitted(company: Company, make_template: Any, **timeout: Any) -> tuple[Instance, Any]:
    instance = submit(make_template(_flow(company, **timeout)), company["dev1"])
    return instance, task_of(instance, company["lead"]).due_at


def test_before_the_limit_nothing_happens(company: Company, make_template: Any) -> None:
    instance, due = _submitted(company, make_template, then="auto_approve")
    run = Task.objects.select_related("node_run").get(instance=instance, assignee=company["lead"]).node_run
    assert run is not None
    assert due == run.started_at + 24 * HOUR  # from the moment the node was reached
    assert timeouts.sweep(due - timedelta(seconds=1)).counts == {}
    assert pending(instance) == ["组长"]


def test_at_the_limit_the_approver_is_reminded_once(company: Company, make_template: Any) -> None:
    instance, due = _submitted(company, make_template, then="none")
    assert timeouts.sweep(due).counts == {"reminded": 1}
    task = task_of(instance, company["lead"])
    assert (task.reminders, task.reminded_at, task.remind_again_at) == (1, due, None)
    assert timeline(instance)[-1] == "overdue"
    assert timeouts.overdue_task_ids(due + 100 * HOUR) == []  # no repeat asked for
    assert pending(instance) == ["组长"]


def test_reminders_repeat_when_the_node_asks(company: Company, make_template: Any) -> None:
    instance, due = _submitted(company, make_template, then="none", remind_every_hours=12)
    assert timeouts.sweep(due).counts == {"reminded": 1}
    assert timeouts.sweep(due + 11 * HOUR).counts == {}
    assert timeouts.sweep(due + 12 * HOUR).counts == {"reminded": 1}
    assert task_of(instance, company["lead"]).reminders == 2
    assert timeline(instance).count("overdue") == 2


def test_auto_approve_moves_the_approval_on(company: Company, make_template: Any) -> None:
    instance, due = _submitted(company, make_template, then="auto_approve")
    assert timeouts.sweep(due + HOUR).counts == {"auto_approved": 1}
    decided = Task.objects.get(instance=instance, assignee=company["lead"])
    assert (decided.status, decided.auto_reason) == (Task.Status.AUTO_APPROVED, "timeout")
    assert pending(instance) == ["总经理"]
    assert timeline(instance)[-2:] == ["overdue", "auto_approved"]
    assert AuditEvent.objects.filter(action="approvals.task.auto_approved", object_id=str(decided.pk)).count() == 1


def test_auto_reject_ends_the_approval(company: Company, make_template: Any) -> None:
    instance, due = _submitted(company, make_template, then="auto_reject")
    assert timeouts.sweep(due).counts == {"auto_rejected": 1}
    assert status(instance) == Instance.Status.REJECTED
    assert Task.objects.get(instance=instance, assignee=company["lead"]).auto_reason == "timeout"
    assert pending(instance) == []


def test_escalate_hands_the_task_to_the_approvers_supervisor_with_a_fresh_limit(
    company: Company, make_template: Any
) -> None:
    instance, due = _submitted(company, make_template, then="escalate")
    now = due + 2 * HOUR
    assert timeouts.sweep(now).counts == {"escalated": 1}
    assert Task.objects.get(instance=instance, assignee=company["lead"]).status == Task.Status.TRANSFERRED
    escalated = task_of(instance, company["cto"])
    assert (escalated.origin, escalated.due_at) == ("escalate", now + 24 * HOUR)
    approve(instance, company["cto"])
    assert pending(instance) == ["总经理"]


def test_an_approver_who_acts_first_wins_the_race(company: Company, make_template: Any) -> None:
    instance, due = _submitted(company, make_template, then="auto_reject")
    task_id = task_of(instance, company["lead"]).pk
    approve(instance, company["lead"])
    assert timeouts.handle_overdue(task_id, due) == "skipped"
    assert status(instance) == Instance.Status.RUNNING
    assert pending(instance) == ["总经理"]


def test_a_limit_out_of_range_blocks_publishing(company: Company, make_template: Any) -> None:
    from officium.approvals import flows

    nodes = [approver("n", members(company["lead"]), timeout={"hours": 24, "remind_every_hours": 0})]
    problems = flows.check({"nodes": nodes}, {})
    assert [(p.pointer, p.message) for p in problems] == [
        ("/nodes/0/timeout/remind_every_hours", "Reminders repeat every 1 to 720 hours.")
    ]


def test_the_worker_runs_the_sweep_every_minute() -> None:
    every = {job.name: job.every for job in schedule.jobs()}
    assert every["officium.approvals.tasks.handle_overdue_tasks"] == timedelta(minutes=1)
    assert every["officium.core.tasks.relay_outbox"] == timedelta(seconds=30)


def test_in_a_sequential_node_each_turn_has_its_own_clock(company: Company, make_template: Any) -> None:
    people = members(company["lead"], company["cto"])
    template = make_template([approver("n", people, mode="sequential", timeout={"hours": 24, "then": "auto_approve"})])
    instance = submit(template, company["dev1"])
    assert Task.objects.get(instance=instance, assignee=company["cto"]).due_at is None  # not yet its turn
    first = approve(instance, company["lead"])
    second = task_of(instance, company["cto"])
    assert first.decided_at is not None
    assert second.due_at is not None
    # The clock starts when the turn comes: with the lead's decision, not at submission.
    assert timedelta(hours=24) <= second.due_at - first.decided_at < timedelta(hours=24, seconds=5)
