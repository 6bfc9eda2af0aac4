"""Approval statistics per template and per node, over the approvals submitted in a period.

Counts come from one grouped query; durations are read as bare timestamps (bounded: a period of at most a
year and at most MAX_INSTANCES approvals / MAX_TASKS tasks) and their median and 90th percentile computed
here, which works the same on SQLite and PostgreSQL. The number of queries does not grow with the number
of templates.

- duration: submitted → finished, over the approvals that were decided (approved or rejected);
- a node's tasks: the tasks people had to act on (approver and handler tasks, not copies, not tasks that
  were cancelled or still waiting their turn, not automatic approvals — except those a timeout made);
- decision time: task created (in a sequential step: the member's turn came) → decided, over the decided ones;
- overdue: decided after the task's time limit, or still pending past it; the rate is over the tasks
  that had a time limit (None when none had).
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from uuid import UUID

from django.db.models import Count
from django.utils import timezone

from officium.approvals.flows import Flow
from officium.approvals.models import Instance, Task, Template, TemplateVersion
from officium.approvals.permissions import STATISTICS_VIEW
from officium.approvals.reports.periods import period
from officium.core import permissions
from officium.core.errors import NotFound, ValidationFailed

MAX_INSTANCES = 200_000
MAX_TASKS = 500_000
DEFAULT_DAYS = 30
DECIDED_TASKS = (Task.Status.APPROVED, Task.Status.REJECTED, Task.Status.RETURNED, Task.Status.TRANSFERRED)
STATUS_GROUPS = {
    Instance.Status.RUNNING: "running",
    Instance.Status.RETURNED: "running",
    Instance.Status.APPROVED: "approved",
    Instance.Status.REJECTED: "rejected",
    Instance.Status.WITHDRAWN: "withdrawn",
    Instance.Status.REVOKED: "revoked",
    Instance.Status.TERMINATED: "terminated",
}


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """Linear interpolation between the closest ranks (numpy's default, Excel's PERCENTILE.INC)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 1)


@dataclass
class NodeStats:
    node_id: str
    name: str = ""
    tasks: int = 0
    decided: list[float] = field(default_factory=list)
    limited: int = 0
    overdue: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "node_id": self.node_id,
            "name": self.name,
            "tasks": self.tasks,
            "decided": len(self.decided),
            "median_seconds": percentile(self.decided, 0.5),
            "p90_seconds": percentile(self.decided, 0.9),
            "with_time_limit": self.limited,
            "overdue": self.overdue,
            "overdue_rate": round(self.overdue / self.limited, 4) if self.limited else None,
        }


def approval_statistics(
    *,
    actor: Any,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    template_id: UUID | None = None,
) -> dict[str, Any]:
    """Statistics of the approvals submitted from `since` to `until` (default: the last 30 days)."""
    permissions.require(actor, STATISTICS_VIEW)
    until = until or timezone.localdate()
    span = period(since or until - datetime.timedelta(days=DEFAULT_DAYS - 1), until)
    instances = Instance.objects.filter(submitted_at__gte=span.start, submitted_at__lt=span.end)
    if template_id is not None:
        if not Template.objects.filter(pk=template_id).exists():
            raise NotFound("No such template.", code="template_not_found")
        instances = instances.filter(template_id=template_id)
    counts: dict[Any, dict[str, int]] = defaultdict(lambda: dict.fromkeys(["submitted", *STATUS_GROUPS.values()], 0))
    for template, status, number in instances.values_list("template_id", "status").annotate(n=Count("id")).order_by():
        counts[template]["submitted"] += number
        counts[template][STATUS_GROUPS[Instance.Status(status)]] += number
    durations = _durations(instances)
    nodes = _nodes(instances)
    templates = Template.objects.filter(pk__in=list(counts)).order_by("category", "order", "name")
    names = _node_names(list(counts))
    result = []
    for template in templates:
        template_nodes = nodes.get(template.pk, {})
        for node_id, stats in template_nodes.items():
            stats.name = names.get((template.pk, node_id), node_id)
        values = durations.get(template.pk, [])
        result.append(
            {
                "template": {"id": template.pk, "key": template.key, "name": template.name},
                **counts[template.pk],
                "decided": len(values),
                "median_seconds": percentile(values, 0.5),
                "p90_seconds": percentile(values, 0.9),
                "nodes": [stats.as_dict() for stats in template_nodes.values()],
            }
        )
    return {"since": span.since, "until": span.until, "templates": result}


def _durations(instances: Any) -> dict[Any, list[float]]:
    rows = list(
        instances.filter(
            status__in=(Instance.Status.APPROVED, Instance.Status.REJECTED), finished_at__isnull=False
        ).values_list("template_id", "submitted_at", "finished_at")[: MAX_INSTANCES + 1]
    )
    _bounded(len(rows), MAX_INSTANCES, "approvals")
    durations: dict[Any, list[float]] = defaultdict(list)
    for template, submitted, finished in rows:
        durations[template].append((finished - submitted).total_seconds())
    return durations


class _TaskRow(NamedTuple):
    template: Any
    node_id: str
    run: Any
    mode: str
    position: int
    origin: str
    status: str
    created: datetime.datetime
    decided: datetime.datetime | None
    due: datetime.datetime | None


def _nodes(instances: Any) -> dict[Any, dict[str, NodeStats]]:
    """Per template, per node id (in the order the nodes were first reached)."""
    rows = [
        _TaskRow(*row)
        for row in Task.objects.filter(instance__in=instances.values("pk"), node_run__isnull=False)
        .exclude(kind=Task.Kind.CC)
        .exclude(status__in=(Task.Status.WAITING, Task.Status.CANCELLED))
        .order_by("created_at", "id")
        .values_list(
            "instance__template_id",
            "node_run__node_id",
            "node_run_id",
            "node_run__mode",
            "position",
            "origin",
            "status",
            "created_at",
            "decided_at",
            "due_at",
        )[: MAX_TASKS + 1]
    ]
    _bounded(len(rows), MAX_TASKS, "tasks")
    starts = _turn_starts(rows)
    now = timezone.now()
    nodes: dict[Any, dict[str, NodeStats]] = defaultdict(dict)
    for index, row in enumerate(rows):
        timed_out = row.due is not None and row.decided is not None and row.decided >= row.due
        if row.status == Task.Status.AUTO_APPROVED and not timed_out:
            continue  # nobody had to act (deduplication, empty approver, submitter skipped)
        stats = nodes[row.template].setdefault(row.node_id, NodeStats(row.node_id))
        stats.tasks += 1
        if row.decided is not None and (row.status in DECIDED_TASKS or timed_out):
            stats.decided.append((row.decided - starts.get(index, row.created)).total_seconds())
        if row.due is not None:
            stats.limited += 1
            if timed_out or (row.status == Task.Status.PENDING and row.due < now):
                stats.overdue += 1
    return nodes


def _turn_starts(rows: list[_TaskRow]) -> dict[int, datetime.datetime]:
    """In a sequential node every member's task exists from the start, but their clock starts with their
    turn: when the member before them decided. By row index, for the tasks whose turn came later."""
    members: dict[Any, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        if row.mode == "sequential" and not row.origin.startswith("add_"):
            members[row.run].append(index)
    starts: dict[int, datetime.datetime] = {}
    for indexes in members.values():
        previous: datetime.datetime | None = None
        for index in sorted(indexes, key=lambda i: (rows[i].position, rows[i].created)):
            row = rows[index]
            if previous is not None and previous > row.created:
                starts[index] = previous
            previous = row.decided or previous
    return starts


def _node_names(template_ids: list[Any]) -> dict[tuple[Any, str], str]:
    """Node names from the versions' flows; the newest version's name wins."""
    names: dict[tuple[Any, str], str] = {}
    versions = TemplateVersion.objects.filter(template_id__in=template_ids).order_by("-number")
    for template_id, flow in versions.values_list("template_id", "flow"):
        for node_id, node in Flow(flow).nodes.items():
            names.setdefault((template_id, node_id), str(node.get("name") or node_id))
    return names


def _bounded(found: int, limit: int, what: str) -> None:
    if found > limit:
        raise ValidationFailed(
            f"More than {limit} {what} in this period: choose a shorter period or one template.",
            code="too_much_data",
        )
