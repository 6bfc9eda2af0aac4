"""Public events of the approval centre."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from uuid import UUID

from officium.core.events import Event


@dataclass(frozen=True, kw_only=True)
class ApprovalSubmitted(Event):
    name: ClassVar[str] = "approvals.submitted"
    instance_id: UUID
    template_key: str
    submitter_id: UUID


@dataclass(frozen=True, kw_only=True)
class TaskAssigned(Event):
    name: ClassVar[str] = "approvals.task_assigned"
    task_id: UUID
    instance_id: UUID
    assignee_id: UUID
    delegate_id: UUID | None
    kind: str  # approve | handle | cc


@dataclass(frozen=True, kw_only=True)
class TaskCompleted(Event):
    name: ClassVar[str] = "approvals.task_completed"
    task_id: UUID
    instance_id: UUID
    action: str
    actor_id: UUID


@dataclass(frozen=True, kw_only=True)
class ApprovalFinished(Event):
    """`outcome` is approved, rejected, withdrawn, revoked or terminated."""

    name: ClassVar[str] = "approvals.finished"
    instance_id: UUID
    template_key: str
    outcome: str
    submitter_id: UUID


@dataclass(frozen=True, kw_only=True)
class ApprovalReturned(Event):
    name: ClassVar[str] = "approvals.returned"
    instance_id: UUID
    to_node: str  # a node id, or "submitter"


@dataclass(frozen=True, kw_only=True)
class CommentAdded(Event):
    name: ClassVar[str] = "approvals.comment_added"
    instance_id: UUID
    author_id: UUID
    mentioned_ids: tuple[UUID, ...]


@dataclass(frozen=True, kw_only=True)
class ApprovalUrged(Event):
    name: ClassVar[str] = "approvals.urged"
    instance_id: UUID
    by_id: UUID
    assignee_ids: tuple[UUID, ...]


@dataclass(frozen=True, kw_only=True)
class ApprovalOverdue(Event):
    """A task passed its node's time limit: `reminder` counts the reminders sent so far (1 = the first)."""

    name: ClassVar[str] = "approvals.overdue"
    task_id: UUID
    instance_id: UUID
    assignee_id: UUID
    delegate_id: UUID | None
    reminder: int
