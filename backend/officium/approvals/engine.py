"""The approval engine: walks a flow tree for one instance, activating nodes and closing them.

The caller (a service) has locked the instance row; the engine mutates rows inside that transaction
and collects what happened (timeline entries, assigned tasks, the outcome) for the service to audit
and announce. State lives in the database only: node runs, tasks, `Instance.joins` for parallel
groups, and `Instance.round` (bumped by every return, so that older approvals no longer deduplicate).

Semantics of a return (退回) to an earlier node T from node N: the active work in the smallest
sequence that contains both T and N is cancelled; parallel groups in that region are reset, except
that a branch containing T is reopened alone (its sibling branches keep their results); T then runs
again. Returning from inside a countersign node cancels that node's other pending tasks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from officium.approvals import expressions, forms, resolution
from officium.approvals.expressions import ExpressionError
from officium.approvals.flows import TASK_NODES, Flow, Frame
from officium.approvals.models import Delegation, Instance, NodeRun, Task, TimelineEvent
from officium.org import selectors as org
from officium.org.models import Employee

PENDING_LIKE = (Task.Status.PENDING, Task.Status.WAITING)
APPROVALS = (Task.Status.APPROVED, Task.Status.AUTO_APPROVED)


@dataclass
class Outcome:
    """What a step of the engine did, for the service to audit and publish after commit."""

    assigned: list[Task] = field(default_factory=list)
    copied: list[Task] = field(default_factory=list)
    finished: str = ""  # the final status when the instance finished in this step


class Engine:
    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.version = instance.version
        self.flow = Flow(instance.version.flow)
        self.settings: Mapping[str, Any] = instance.version.settings
        self.outcome = Outcome()
        self.now = timezone.now()

    # --- entering the tree --------------------------------------------------------------------------
    def start(self) -> Outcome:
        self.instance.joins = {}
        if self._enter(self.flow.top, 0, ()):
            self._finish(Instance.Status.APPROVED)
        return self.outcome

    def _enter(self, sequence: list[dict[str, Any]], start: int, frames: tuple[Frame, ...]) -> bool:
        """Run the sequence from `start`; True when it completed without waiting for anyone."""
        for node in sequence[start:]:
            kind = node["type"]
            if kind in TASK_NODES:
                if not self._activate(node):
                    return False
            elif kind == "cc":
                self._copy(node["recipients"], node["id"], origin="cc")
            elif kind == "condition":
                branch = self.choose_branch(node)
                inner = (*frames, Frame(node["id"], branch["id"]))
                self.timeline(
                    "branch_taken", node_id=node["id"], data={"branch": branch["id"], "name": branch.get("name", "")}
                )
                if not self._enter(list(branch.get("nodes", [])), 0, inner):
                    return False
            else:
                completed: list[str] = []
                self.instance.joins[node["id"]] = completed
                for branch in node["branches"]:
                    if self._enter(list(branch["nodes"]), 0, (*frames, Frame(node["id"], branch["id"]))):
                        completed.append(branch["id"])
                if len(completed) < len(node["branches"]):
                    return False
        return True

    def choose_branch(self, group: Mapping[str, Any]) -> dict[str, Any]:
        variables = self.variables()
        for branch in group["branches"]:
            if branch.get("default"):
                return dict(branch)
            try:
                if expressions.truthy(branch["condition"], variables):
                    return dict(branch)
            except ExpressionError:
                continue  # a condition that cannot be evaluated does not match
        return dict(group["branches"][-1])

    def variables(self) -> dict[str, Any]:
        form = self.version.form
        submitter = self.instance.submitter
        department = self.instance.department
        return {
            **forms.expression_variables(form, self.instance.form_data),
            "submitter": {
                "id": str(submitter.pk),
                "department": str(department.pk),
                "department_code": department.code or "",
                "departments": [*department.ancestor_ids, department.pk.hex],
                "roles": sorted(org.role_keys_of(submitter.user)),
                "positions": sorted(submitter.positions.values_list("code", flat=True)),
            },
        }

    def after(self, node_id: str) -> None:
        """Continue the flow past a node (or a group) that has completed."""
        place = self.flow.places[node_id]
        if self._enter(self.flow.sequence_of(place.frames), place.index + 1, place.frames):
            self._close(place.frames)

    def _close(self, frames: tuple[Frame, ...]) -> None:
        """The innermost sequence of `frames` completed: close its branch, maybe its group."""
        if not frames:
            self._finish(Instance.Status.APPROVED)
            return
        frame = frames[-1]
        group = self.flow.nodes[frame.group]
        if group["type"] == "condition":
            self.after(group["id"])
            return
        completed = self.instance.joins.setdefault(group["id"], [])
        if frame.branch not in completed:
            completed.append(frame.branch)
        if len(completed) == len(group["branches"]):
            self.after(group["id"])

    # --- task nodes -------------------------------------------------------------------------------------
    def _activate(self, node: Mapping[str, Any]) -> bool:
        """Create the node run and its tasks; True when the node completed at once (auto-approved)."""
        kind = "handler" if node["type"] == "handler" else "approver"
        # Its own moment, not the engine's: runs started in one step keep their order, and limits count from it.
        started = timezone.now()
        run = NodeRun.objects.create(
            instance=self.instance,
            started_at=started,
            node_id=node["id"],
            kind=kind,
            mode=node.get("mode", "any"),
            ratio=Decimal(str(node["ratio"])) if node.get("mode") == "ratio" else None,
            round=self.instance.round,
        )
        people, reason = self._approvers(node)
        if not people:
            self._auto_complete(run, reason or "empty")
            return True
        tasks = []
        for position, person in enumerate(people):
            task = Task(
                instance=self.instance,
                node_run=run,
                kind=Task.Kind.HANDLE if kind == "handler" else Task.Kind.APPROVE,
                assignee=person,
                delegate=self.delegate_for(person),
                position=position,
                round=self.instance.round,
                status=Task.Status.WAITING if run.mode == "sequential" and position else Task.Status.PENDING,
                # A waiting turn's clock starts when its turn comes (_promote_next).
                due_at=None if run.mode == "sequential" and position else self._due(node, started),
            )
            tasks.append(task)
        Task.objects.bulk_create(tasks)
        if kind == "approver":
            self._deduplicate(node, run, tasks)
        if self.node_done(run, tasks):
            return self._close_run(run, wait=False, tasks=tasks)
        self.outcome.assigned += [t for t in tasks if t.status == Task.Status.PENDING]
        return False

    def _approvers(self, node: Mapping[str, Any]) -> tuple[list[Employee], str]:
        context = resolution.Context(
            submitter=self.instance.submitter,
            department=self.instance.department,
            values=self.instance.form_data,
            chosen=self.instance.chosen,
            instance=self.instance,
        )
        people = resolution.resolve_all(node.get("approvers", []), context, node["id"])
        submitter = self.instance.submitter
        rule = node.get("on_self", "approve")
        if submitter in people and rule != "approve":
            index = people.index(submitter)
            people.remove(submitter)
            replacement: Employee | None = None
            if rule == "supervisor":
                chain = org.supervisors(submitter, 1)
                replacement = chain[0] if chain else None
            elif rule == "department_head":
                head = org.department_head(self.instance.department)
                replacement = head if head != submitter else None
            if replacement is not None and replacement not in people:
                people.insert(index, replacement)
            if not people:
                return [], "self"
        if people:
            return people, ""
        on_empty = node.get("on_empty") or {"action": "auto_approve"}
        if on_empty.get("action") == "person":
            return resolution.resolve({"type": "members", "employees": [on_empty.get("person")]}, context), "empty"
        if on_empty.get("action") == "admin":
            admins = list(
                Employee.objects.filter(user__in=self.instance.template.admins.all(), status__in=resolution.ACTIVE)
            )
            return admins, "empty"
        return [], "empty"

    def delegate_for(self, person: Employee) -> Employee | None:
        """The end of the person's active delegation chain (A→B→C gives C); cycles end the chain."""
        seen = {person.pk}
        current = person
        while True:
            delegation = (
                Delegation.objects.filter(
                    delegator=current,
                    starts_at__lte=self.now,
                    ends_at__gt=self.now,
                    revoked_at__isnull=True,
                    delegate__status__in=resolution.ACTIVE,
                )
                .filter(_template_q(self.instance.template_id))
                .select_related("delegate")
                .order_by("-template_id", "-created_at")
                .first()
            )
            if delegation is None or delegation.delegate_id in seen:
                return None if current == person else current
            seen.add(delegation.delegate_id)
            current = delegation.delegate

    def _due(self, node: Mapping[str, Any], start: datetime) -> datetime | None:
        timeout = node.get("timeout")
        return start + timedelta(hours=float(timeout["hours"])) if timeout else None

    def _deduplicate(self, node: Mapping[str, Any], run: NodeRun, tasks: list[Task]) -> None:
        """审批人去重: auto-approve people who already approved this round, unless the form changed since,
        they got that task by transfer or add-sign, or this node lets them edit fields."""
        mode = self.settings.get("dedup", "none")
        if mode == "none" or any(p == "edit" for p in (node.get("field_permissions") or {}).values()):
            return
        earlier = Task.objects.filter(
            instance=self.instance,
            round=self.instance.round,
            status=Task.Status.APPROVED,
            origin="flow",
            form_revision=self.instance.form_revision,
        ).exclude(node_run=run)
        if mode == "consecutive":
            previous = (
                NodeRun.objects.filter(instance=self.instance, round=self.instance.round, kind="approver")
                .exclude(pk=run.pk)
                .exclude(status=NodeRun.Status.CANCELLED)
                .order_by("-started_at")
                .first()
            )
            earlier = earlier.filter(node_run=previous) if previous else earlier.none()
        approved = set(earlier.values_list("assignee_id", flat=True))
        for task in tasks:
            if task.assignee_id in approved and task.status in PENDING_LIKE:
                self.auto_approve(task, "dedup")
        if run.mode == "sequential":
            self._promote_next(run, tasks)

    def auto_approve(self, task: Task, reason: str) -> None:
        task.status = Task.Status.AUTO_APPROVED
        task.auto_reason = reason
        task.decided_at = self.now
        task.save(update_fields=["status", "auto_reason", "decided_at"])
        node_id = task.node_run.node_id if task.node_run else ""
        self.timeline("auto_approved", actor=task.assignee, node_id=node_id, data={"reason": reason})

    def _auto_complete(self, run: NodeRun, reason: str) -> None:
        run.status = NodeRun.Status.APPROVED
        run.finished_at = self.now
        run.save(update_fields=["status", "finished_at"])
        self.timeline("auto_approved", node_id=run.node_id, data={"reason": reason})

    # --- closing nodes ------------------------------------------------------------------------------
    @staticmethod
    def _live(run: NodeRun, tasks: list[Task] | None = None) -> list[Task]:
        """The run's tasks that still count (not cancelled or transferred): from `tasks` when the caller
        holds them already (decisions in this step change them in memory and in the database alike)."""
        if tasks is None:
            return list(run.tasks.exclude(status__in=(Task.Status.CANCELLED, Task.Status.TRANSFERRED)))
        return [t for t in tasks if t.status not in (Task.Status.CANCELLED, Task.Status.TRANSFERRED)]

    def node_done(self, run: NodeRun, tasks: list[Task] | None = None) -> bool:
        """Whether the node's tasks (and any added by add-sign) have decided it, either way."""
        return self.node_verdict(run, tasks) != ""

    def node_verdict(self, run: NodeRun, tasks: list[Task] | None = None) -> str:
        """approved | rejected | "" (still open)."""
        tasks = self._live(run, tasks)
        if any(t.status == Task.Status.REJECTED for t in tasks):
            return "rejected"
        for group in _added_groups(tasks).values():
            if _group_verdict(group) == "":
                return ""
        members = [t for t in tasks if not t.origin.startswith("add_")]
        approved = sum(t.status in APPROVALS for t in members)
        open_ = sum(t.status in PENDING_LIKE for t in members)
        if run.mode == "any":
            return "approved" if approved else ""
        if run.mode == "ratio":
            needed = _needed(run.ratio or Decimal(1), len(members))
            if approved >= needed:
                return "approved"
            return "rejected" if approved + open_ < needed else ""
        return "approved" if open_ == 0 else ""

    def settle(self, run: NodeRun) -> None:
        """After a task decision: move add-signed groups on, promote the next sequential task, or close the node."""
        tasks = self._live(run)  # read once; the steps below keep it up to date
        self._advance_added(run, tasks)
        if run.mode == "sequential" and not self.node_done(run, tasks):
            self._promote_next(run, tasks)
        if self.node_done(run, tasks):
            self._close_run(run, wait=True, tasks=tasks)

    def _advance_added(self, run: NodeRun, tasks: list[Task]) -> None:
        for original_id, group in _added_groups(tasks).items():
            verdict = _group_verdict(group)
            if verdict == "approved":
                for leftover in (t for t in group if t.status in PENDING_LIKE):
                    leftover.status = Task.Status.CANCELLED
                    leftover.save(update_fields=["status"])
                original = next((t for t in tasks if t.pk == original_id), None)
                if original is not None and original.status == Task.Status.WAITING and group[0].origin == "add_before":
                    original.status = Task.Status.PENDING
                    original.save(update_fields=["status"])
                    self.outcome.assigned.append(original)
            elif (
                verdict == ""
                and group[0].add_mode == "sequential"
                and not any(t.status == Task.Status.PENDING for t in group)
            ):
                following = next((t for t in group if t.status == Task.Status.WAITING), None)
                if following is not None:
                    following.status = Task.Status.PENDING
                    following.save(update_fields=["status"])
                    self.outcome.assigned.append(following)

    def _promote_next(self, run: NodeRun, tasks: list[Task]) -> None:
        """Sequential nodes: the next member's turn, once nobody is pending and no added group is open."""
        tasks = self._live(run, tasks)
        if any(_group_verdict(group) == "" for group in _added_groups(tasks).values()):
            return
        members = sorted(
            (t for t in tasks if not t.origin.startswith("add_")), key=lambda t: (t.position, t.created_at)
        )
        if any(t.status == Task.Status.PENDING for t in members):
            return
        following = next((t for t in members if t.status == Task.Status.WAITING), None)
        if following is not None:
            following.status = Task.Status.PENDING
            following.due_at = self._due(self.flow.nodes[run.node_id], timezone.now())
            following.save(update_fields=["status", "due_at"])
            self.outcome.assigned.append(following)

    def _close_run(self, run: NodeRun, *, wait: bool, tasks: list[Task] | None = None) -> bool:
        verdict = self.node_verdict(run, tasks)
        # Whoever had not decided yet has nothing left to decide: one UPDATE for all of them.
        run.tasks.filter(status__in=PENDING_LIKE).update(status=Task.Status.CANCELLED)
        for task in tasks or ():
            if task.status in PENDING_LIKE:
                task.status = Task.Status.CANCELLED
        run.status = NodeRun.Status.APPROVED if verdict == "approved" else NodeRun.Status.REJECTED
        run.finished_at = self.now
        run.save(update_fields=["status", "finished_at"])
        if verdict == "rejected":
            self.reject()
            return False
        if wait:
            self.after(run.node_id)
        return True

    def reject(self) -> None:
        if self.settings.get("reject", "end") == "to_submitter":
            self.return_to_submitter()
        else:
            self._cancel_open()
            self._finish(Instance.Status.REJECTED)

    # --- returns, withdrawals, endings --------------------------------------------------------------
    def return_to(self, target: str, from_node: str) -> None:
        """退回 to an earlier node (see the module's docstring)."""
        scope = self.flow.common_frames(target, from_node)
        for run in self.instance.node_runs.filter(status=NodeRun.Status.ACTIVE):
            if self.flow.encloses(scope, self.flow.places[run.node_id].frames):
                self._cancel_run(run, NodeRun.Status.RETURNED if run.node_id == from_node else NodeRun.Status.CANCELLED)
        target_frames = self.flow.places[target].frames
        for group_id in list(self.instance.joins):
            if not self.flow.encloses(scope, self.flow.places[group_id].frames):
                continue  # the return happens inside one of this group's branches: the group is untouched
            holding = next((frame for frame in target_frames if frame.group == group_id), None)
            if holding is not None:  # the target sits in this group: reopen its branch only
                self.instance.joins[group_id] = [b for b in self.instance.joins[group_id] if b != holding.branch]
            else:  # before the target it is finished; after it, it will be entered afresh
                del self.instance.joins[group_id]
        self.instance.round += 1
        if self._activate(self.flow.nodes[target]):
            self.after(target)

    def return_to_submitter(self) -> None:
        self._cancel_open()
        self.instance.status = Instance.Status.RETURNED
        self.instance.joins = {}
        self.timeline("returned_to_submitter")

    def resubmit(self) -> Outcome:
        self.instance.status = Instance.Status.RUNNING
        self.instance.round += 1
        return self.start()

    def withdraw(self) -> None:
        self._cancel_open()
        self._finish(Instance.Status.WITHDRAWN)

    def terminate(self) -> None:
        self._cancel_open()
        self._finish(Instance.Status.TERMINATED)

    def _cancel_open(self) -> None:
        for run in self.instance.node_runs.filter(status=NodeRun.Status.ACTIVE):
            self._cancel_run(run, NodeRun.Status.CANCELLED)

    def _cancel_run(self, run: NodeRun, status: str) -> None:
        run.tasks.filter(status__in=PENDING_LIKE).update(status=Task.Status.CANCELLED)
        run.status = status
        run.finished_at = self.now
        run.save(update_fields=["status", "finished_at"])

    def _finish(self, status: str) -> None:
        self.instance.status = status
        self.instance.finished_at = self.now
        self.outcome.finished = status
        self.timeline("finished", data={"status": status})

    # --- copies and the timeline --------------------------------------------------------------------
    def _copy(self, sources: list[Mapping[str, Any]], node_id: str, *, origin: str) -> None:
        context = resolution.Context(
            submitter=self.instance.submitter,
            department=self.instance.department,
            values=self.instance.form_data,
            instance=self.instance,
        )
        people = resolution.resolve_all(sources, context, node_id)
        self.copy_to(people, origin=origin, node_id=node_id)

    def copy_to(self, people: list[Employee], *, origin: str, node_id: str = "", actor: Employee | None = None) -> None:
        already = set(
            Task.objects.filter(instance=self.instance, kind=Task.Kind.CC).values_list("assignee_id", flat=True)
        )
        new = [person for person in people if person.pk not in already]
        if not new:
            return
        tasks = Task.objects.bulk_create(
            Task(instance=self.instance, kind=Task.Kind.CC, assignee=p, round=self.instance.round, origin=origin)
            for p in new
        )
        self.outcome.copied += tasks
        self.timeline("copied", actor=actor, node_id=node_id, data={"to": [str(p.pk) for p in new]})

    def timeline(
        self,
        kind: str,
        *,
        actor: Employee | None = None,
        on_behalf_of: Employee | None = None,
        node_id: str = "",
        data: dict[str, Any] | None = None,
    ) -> TimelineEvent:
        return TimelineEvent.objects.create(
            instance=self.instance, type=kind, actor=actor, on_behalf_of=on_behalf_of, node_id=node_id, data=data or {}
        )


def _added_groups(tasks: list[Task]) -> dict[Any, list[Task]]:
    """People added by add-sign, grouped by the task that added them, in the order they were added."""
    groups: dict[Any, list[Task]] = {}
    for task in sorted(tasks, key=lambda t: (t.created_at, t.pk)):
        if task.origin.startswith("add_") and task.added_by_id is not None:
            groups.setdefault(task.added_by_id, []).append(task)
    return groups


def _group_verdict(group: list[Task]) -> str:
    mode = group[0].add_mode or "all"
    approved = sum(t.status in APPROVALS for t in group)
    if any(t.status == Task.Status.REJECTED for t in group):
        return "rejected"
    if mode == "any":
        return "approved" if approved else ""
    return "approved" if approved == len(group) else ""


def _needed(ratio: Decimal, total: int) -> int:
    """Approvals a ratio node needs: the smallest count reaching the ratio (2 of 3 for 0.6)."""
    needed = ratio * total
    whole = int(needed)
    return max(1, whole if whole == needed else whole + 1)


def _template_q(template_id: Any) -> Any:
    from django.db.models import Q

    return Q(template_id=template_id) | Q(template__isnull=True)
