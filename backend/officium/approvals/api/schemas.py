"""Shapes of the approval API."""

from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema

from officium.core.api_base import IsoDate, IsoDateTime, Strict

InstanceStatus = Literal["running", "returned", "approved", "rejected", "withdrawn", "revoked", "terminated"]
TaskStatus = Literal[
    "waiting", "pending", "approved", "rejected", "returned", "transferred", "auto_approved", "cancelled", "read"
]


class ApprovalPersonRef(Schema):
    id: UUID
    name: str


class TemplateSummaryOut(Schema):
    id: UUID
    key: str
    name: str
    icon: str
    category: str
    description: str


class TemplateOut(TemplateSummaryOut):
    is_active: bool
    submitters: dict[str, Any]
    admin_ids: list[UUID]
    draft: dict[str, Any] = Field(description="form, flow and settings being edited")
    published_version: int | None
    problems: list[dict[str, str]] = Field(description="what prevents publishing the draft: [{pointer, message}]")


class TemplateIn(Strict):
    key: str = Field(min_length=1, max_length=50, pattern=r"^[a-z0-9_-]+$")
    name: str = Field(min_length=1, max_length=100)
    category: str = Field("", max_length=50)
    icon: str = Field("", max_length=50)
    description: str = Field("", max_length=500)
    form: dict[str, Any]
    flow: dict[str, Any]
    settings: dict[str, Any] = Field(default_factory=dict)
    submitters: dict[str, Any] = Field(default_factory=lambda: {"everyone": True})
    admin_ids: list[UUID] = Field(default_factory=list, max_length=50)


class TemplatePatch(Strict):
    name: str | None = Field(None, min_length=1, max_length=100)
    category: str | None = Field(None, max_length=50)
    icon: str | None = Field(None, max_length=50)
    description: str | None = Field(None, max_length=500)
    form: dict[str, Any] | None = None
    flow: dict[str, Any] | None = None
    settings: dict[str, Any] | None = None
    submitters: dict[str, Any] | None = None
    admin_ids: list[UUID] | None = Field(None, max_length=50)
    is_active: bool | None = None


class VersionOut(Schema):
    template_id: UUID
    number: int
    published_at: IsoDateTime


class SubmissionFormOut(TemplateSummaryOut):
    """What the submit page needs: the published form, and which steps ask the submitter to choose."""

    version: int
    form: dict[str, Any]
    start_field_permissions: dict[str, str]
    choose_approvers: list[dict[str, Any]] = Field(description="[{node_id, name, required, multiple}]")


class SubmitIn(Strict):
    template_id: UUID
    form_data: dict[str, Any]
    chosen: dict[str, list[UUID]] = Field(default_factory=dict, description="node id → chosen approvers")


class PreviewIn(Strict):
    form_data: dict[str, Any]
    chosen: dict[str, list[UUID]] = Field(default_factory=dict)


class PreviewStepOut(Schema):
    node_id: str
    name: str
    kind: str
    mode: str
    approvers: list[dict[str, Any]]
    auto: bool


class TaskOut(Schema):
    id: UUID
    kind: Literal["approve", "handle", "cc"]
    status: TaskStatus
    node_id: str
    node_name: str
    assignee: ApprovalPersonRef
    delegate: ApprovalPersonRef | None
    acted_by: ApprovalPersonRef | None
    comment: str
    auto_reason: str
    origin: str
    created_at: IsoDateTime
    decided_at: IsoDateTime | None
    due_at: IsoDateTime | None


class TimelineOut(Schema):
    id: int
    type: str
    actor: ApprovalPersonRef | None
    on_behalf_of: ApprovalPersonRef | None
    node_id: str
    data: dict[str, Any]
    created_at: IsoDateTime


class InstanceSummaryOut(Schema):
    id: UUID
    serial_number: str
    title: str
    template: TemplateSummaryOut
    submitter: ApprovalPersonRef
    status: InstanceStatus
    submitted_at: IsoDateTime
    finished_at: IsoDateTime | None


class InboxItemOut(Schema):
    """A row of the inbox: the instance, and my task in it (for pending, done and CC boxes)."""

    instance: InstanceSummaryOut
    task: TaskOut | None


class MyActionsOut(Schema):
    task_id: UUID | None = Field(description="my pending task in this approval, if any")
    approve: bool
    reject: bool
    reject_comment_required: bool = Field(description="a rejection must say why (the template's setting)")
    return_targets: list[dict[str, str]] = Field(description="[{node_id, name}] plus submitter")
    transfer: bool
    add_sign: bool
    signature_required: bool
    editable_fields: list[str]
    withdraw: bool
    urge: bool
    resubmit: bool
    comment: bool
    cc: bool
    terminate: bool


class InstanceOut(InstanceSummaryOut):
    department: ApprovalPersonRef
    version: int
    form: dict[str, Any] = Field(description="the form definition, hidden fields removed for this viewer")
    form_data: dict[str, Any] = Field(description="the values, without fields hidden from this viewer")
    field_permissions: dict[str, str]
    money_in_words: dict[str, str] = Field(description="upper-case Chinese amounts of money fields")
    tasks: list[TaskOut]
    timeline: list[TimelineOut]
    actions: MyActionsOut


class ApproveIn(Strict):
    comment: str = Field("", max_length=5000)
    signature: str = Field("", max_length=200_000, description="a data: URL of the handwritten signature")
    form_changes: dict[str, Any] = Field(default_factory=dict, description="fields this step lets me edit")


class CommentIn(Strict):
    comment: str = Field("", max_length=5000)


class ReturnIn(Strict):
    to: str = Field(min_length=1, max_length=50, description="a node id, or submitter")
    comment: str = Field("", max_length=5000)


class TransferIn(Strict):
    to: UUID
    comment: str = Field("", max_length=5000)


class AddSignIn(Strict):
    employee_ids: list[UUID] = Field(min_length=1, max_length=20)
    position: Literal["before", "after", "parallel"]
    mode: Literal["sequential", "all", "any"] = "all"
    comment: str = Field("", max_length=5000)


class BatchIn(Strict):
    task_ids: list[UUID] = Field(min_length=1, max_length=100)
    comment: str = Field("", max_length=5000)


class BatchOut(Schema):
    approved: list[str]
    failed: list[dict[str, str]]


class ReassignIn(Strict):
    to: UUID


class ResubmitIn(Strict):
    form_data: dict[str, Any]


class WithdrawIn(Strict):
    reason: str = Field("", max_length=500)


class TerminateIn(Strict):
    reason: str = Field(min_length=1, max_length=500)


class InstanceCommentIn(Strict):
    text: str = Field(min_length=1, max_length=5000)
    mentions: list[UUID] = Field(default_factory=list, max_length=50)
    attachment_ids: list[UUID] = Field(default_factory=list, max_length=20)


class CopyIn(Strict):
    employee_ids: list[UUID] = Field(min_length=1, max_length=50)


class InboxFilter(Schema):
    template: UUID | None = None
    q: str = Field("", max_length=100, description="serial number, title or submitter name")
    status: InstanceStatus | None = None
    since: IsoDate | None = None
    until: IsoDate | None = None


class CountsOut(Schema):
    pending: int
    cc_unread: int


class DelegationIn(Strict):
    delegate_id: UUID
    template_id: UUID | None = Field(None, description="null: every template")
    starts_at: IsoDateTime
    ends_at: IsoDateTime


class DelegationOut(Schema):
    id: UUID
    given: bool = Field(description="true: I delegated it; false: it was delegated to me")
    delegator: ApprovalPersonRef
    delegate: ApprovalPersonRef
    template_id: UUID | None
    template_name: str | None
    starts_at: IsoDateTime
    ends_at: IsoDateTime
    revoked_at: IsoDateTime | None


class AttachmentOut(Schema):
    id: UUID
    name: str
    content_type: str
    size: int
