"""Approval statistics: counts per template, durations (median, p90) per template and node, overdue rates."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from officium.approvals.models import Instance, Task
from officium.approvals.reports.statistics import percentile
from officium.approvals.services import instances as instance_services

from ..conftest import ApiClient
from .conftest import Company, approve, approver, members, reject, submit

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2025, 3, 10, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
HOUR = datetime.timedelta(hours=1)
MARCH = {"since": "2025-03-01", "until": "2025-03-31"}


def _stats(who: Any, **params: Any) -> Any:
    return ApiClient(who.user).get("approvals/statistics", **params)


def _times(instance: Instance, *, submitted: datetime.datetime, finished: datetime.datetime | None = None) -> None:
    Instance.objects.filter(pk=instance.pk).update(submitted_at=submitted, finished_at=finished)


def _task_times(instance: Instance, node_id: str, created: datetime.datetime, decided: Any, due: Any) -> None:
    updated = Task.objects.filter(instance=instance, node_run__node_id=node_id).update(
        created_at=created, decided_at=decided, due_at=due
    )
    assert updated == 1


@pytest.fixture
def expenses(company: Company, make_template: Any) -> Any:
    """Five claims in March 2025 and one in February, with known times (hours after T0)."""
    lead = approver("n1", members(company["lead"]), name="组长审批", timeout={"hours": 24, "then": "none"})
    template = make_template([lead, approver("n2", members(company["fd"]), name="财务审批")])
    # approved: n1 took 1 h, n2 1 h; 2 h in all
    quick = submit(template, company["dev1"])
    approve(quick, company["lead"])
    approve(quick, company["fd"])
    _times(quick, submitted=T0, finished=T0 + 2 * HOUR)
    _task_times(quick, "n1", T0, T0 + HOUR, T0 + 24 * HOUR)
    _task_times(quick, "n2", T0 + HOUR, T0 + 2 * HOUR, None)
    # rejected at n1 after 30 h: past its 24 h limit
    late = submit(template, company["dev2"])
    reject(late, company["lead"])
    _times(late, submitted=T0, finished=T0 + 30 * HOUR)
    _task_times(late, "n1", T0, T0 + 30 * HOUR, T0 + 24 * HOUR)
    # still waiting at n1, long past its limit
    waiting = submit(template, company["dev3"])
    _times(waiting, submitted=T0)
    _task_times(waiting, "n1", T0, None, T0 + 24 * HOUR)
    # withdrawn: its task was cancelled, nobody had to act
    withdrawn = submit(template, company["dev1"])
    instance_services.instance_withdraw(actor=company["dev1"].user, instance_id=withdrawn.pk, reason="不要了")
    _times(withdrawn, submitted=T0 + 3 * HOUR, finished=T0 + 4 * HOUR)
    # February: outside the period
    february = submit(template, company["dev2"])
    _times(february, submitted=T0 - datetime.timedelta(days=20))
    return template


def test_statistics_per_template_and_node(company: Company, expenses: Any) -> None:
    response = _stats(company["admin"], **MARCH)
    assert response.status_code == 200
    assert response.json() == {
        "since": "2025-03-01",
        "until": "2025-03-31",
        "templates": [
            {
                "template": {"id": str(expenses.pk), "key": expenses.key, "name": "报销"},
                "submitted": 4,
                "running": 1,
                "approved": 1,
                "rejected": 1,
                "withdrawn": 1,
                "revoked": 0,
                "terminated": 0,
                "decided": 2,
                "median_seconds": 57600.0,  # (2 h + 30 h) / 2
                "p90_seconds": 97920.0,  # 2 h + 0.9 × 28 h
                "nodes": [
                    {
                        "node_id": "n1",
                        "name": "组长审批",
                        "tasks": 3,
                        "decided": 2,
                        "median_seconds": 55800.0,  # (1 h + 30 h) / 2
                        "p90_seconds": 97560.0,  # 1 h + 0.9 × 29 h
                        "with_time_limit": 3,
                        "overdue": 2,
                        "overdue_rate": 0.6667,
                    },
                    {
                        "node_id": "n2",
                        "name": "财务审批",
                        "tasks": 1,
                        "decided": 1,
                        "median_seconds": 3600.0,
                        "p90_seconds": 3600.0,
                        "with_time_limit": 0,
                        "overdue": 0,
                        "overdue_rate": None,
                    },
                ],
            }
        ],
    }


def test_automatic_approvals_count_only_when_a_timeout_made_them(company: Company, make_template: Any) -> None:
    template = make_template([approver("n1", members(company["lead"]), name="组长审批")])
    dedup, timed_out = submit(template, company["dev1"]), submit(template, company["dev2"])
    for instance in (dedup, timed_out):
        _times(instance, submitted=T0)
    Task.objects.filter(instance__in=[dedup, timed_out]).update(status=Task.Status.AUTO_APPROVED)
    _task_times(dedup, "n1", T0, T0, None)
    _task_times(timed_out, "n1", T0, T0 + 48 * HOUR, T0 + 48 * HOUR)
    [node] = _stats(company["admin"], **MARCH).json()["templates"][0]["nodes"]
    assert (node["tasks"], node["decided"], node["median_seconds"], node["overdue"], node["overdue_rate"]) == (
        1,
        1,
        172800.0,
        1,
        1.0,
    )


def test_in_a_sequential_step_each_clock_starts_with_its_turn(company: Company, make_template: Any) -> None:
    node = approver("n1", members(company["lead"]), members(company["fd"]), name="依次", mode="sequential")
    instance = submit(make_template([node]), company["dev1"])
    approve(instance, company["lead"])
    approve(instance, company["fd"])
    _times(instance, submitted=T0, finished=T0 + 3 * HOUR)
    Task.objects.filter(instance=instance, assignee=company["lead"]).update(created_at=T0, decided_at=T0 + HOUR)
    Task.objects.filter(instance=instance, assignee=company["fd"]).update(created_at=T0, decided_at=T0 + 3 * HOUR)
    [node_stats] = _stats(company["admin"], **MARCH).json()["templates"][0]["nodes"]
    # 1 h for the first; 2 h for the second, whose turn came when the first decided
    assert (node_stats["tasks"], node_stats["median_seconds"], node_stats["p90_seconds"]) == (2, 5400.0, 6840.0)


def test_one_template_only_and_the_default_period(company: Company, expenses: Any, make_template: Any) -> None:
    other = make_template([approver("n1", members(company["lead"]))])
    today = submit(other, company["dev1"])
    assert [t["template"]["key"] for t in _stats(company["admin"], **MARCH).json()["templates"]] == [expenses.key]
    recent = _stats(company["admin"]).json()
    local_today = timezone.localdate()
    assert (recent["since"], recent["until"]) == (
        (local_today - datetime.timedelta(days=29)).isoformat(),
        local_today.isoformat(),
    )
    assert [(t["template"]["key"], t["submitted"], t["running"]) for t in recent["templates"]] == [(other.key, 1, 1)]
    only = _stats(company["admin"], template=str(expenses.pk), **MARCH).json()
    assert [t["template"]["key"] for t in only["templates"]] == [expenses.key]
    assert today.template_id == other.pk


def test_the_query_count_does_not_grow_with_the_templates(company: Company, make_template: Any) -> None:
    def count_queries() -> int:
        client = ApiClient(company["admin"].user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("approvals/statistics").status_code == 200
        return len(captured)

    first = make_template([approver("n1", members(company["lead"])), approver("n2", members(company["fd"]))])
    approve(submit(first, company["dev1"]), company["lead"])
    one = count_queries()
    for _ in range(3):
        template = make_template([approver("n1", members(company["lead"]))])
        approve(submit(template, company["dev2"]), company["lead"])
    assert count_queries() == one


def test_statistics_refuse_bad_periods_unknown_templates_and_people_without_the_permission(
    company: Company, expenses: Any
) -> None:
    cases = [
        ({"since": "2025-03-02", "until": "2025-03-01"}, 422, "invalid_period"),
        ({"since": "2024-03-01", "until": "2025-03-02"}, 422, "period_too_long"),
        ({"template": "00000000-0000-0000-0000-000000000000"}, 404, "template_not_found"),
        ({"since": "1741564800"}, 422, "validation_error"),
    ]
    for params, status, code in cases:
        response = _stats(company["admin"], **params)
        assert (response.status_code, response.json()["code"]) == (status, code), params
    denied = _stats(company["lead"], **MARCH)
    assert (denied.status_code, denied.json()["code"]) == (403, "permission_denied")


def test_percentiles_interpolate_between_ranks() -> None:
    assert percentile([], 0.5) is None
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([4.0, 1.0, 3.0, 2.0], 0.5) == 2.5
    assert percentile([float(n) for n in range(1, 11)], 0.9) == 9.1
