"""Approvals: templates and their immutable versions, instances, node runs, tasks, the timeline, delegations."""

from __future__ import annotations

from django.conf import settings as conf
from django.db import models
from django.db.models import Q
from django.utils import timezone

from officium.core.ids import uuid7
from officium.org.models import Department, Employee


class Template(models.Model):
    """审批模板: a draft (form, flow, settings) being edited, and the version new instances start on."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    key = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)
    icon = models.CharField(max_length=50, blank=True)
    category = models.CharField(max_length=50, blank=True)
    description = models.CharField(max_length=500, blank=True)
    # Who may submit: {"everyone": true} or {"departments": [...], "roles": [...], "employees": [...]}.
    submitters = models.JSONField(default=dict)
    admins = models.ManyToManyField(conf.AUTH_USER_MODEL, blank=True, related_name="+")
    draft = models.JSONField(default=dict)
    draft_updated_at = models.DateTimeField(auto_now=True)
    published = models.ForeignKey("TemplateVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_active = models.BooleanField(default=True)
    builtin_key = models.CharField(max_length=50, blank=True)
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["category", "order", "name"]

    def __str__(self) -> str:
        return self.name


class TemplateVersion(models.Model):
    """A published form + flow + settings. Immutable: running instances keep theirs."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    form = models.JSONField()
    flow = models.JSONField()
    settings = models.JSONField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="template_version_number")]


class SerialCounter(models.Model):
    """The last serial number (流水号) issued for a template in a period (year, month, day or all)."""

    template = models.ForeignKey(Template, on_delete=models.CASCADE)
    field_id = models.CharField(max_length=50)
    period = models.CharField(max_length=10)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["template", "field_id", "period"], name="serial_counter_unique")]


class Instance(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running"
        RETURNED = "returned"  # back with the submitter to edit and resubmit
        APPROVED = "approved"
        REJECTED = "rejected"
        WITHDRAWN = "withdrawn"
        REVOKED = "revoked"
        TERMINATED = "terminated"

    FINISHED = (Status.APPROVED, Status.REJECTED, Status.WITHDRAWN, Status.REVOKED, Status.TERMINATED)

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="instances")
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="instances")
    serial_number = models.CharField(max_length=50, blank=True, db_index=True)
    title = models.CharField(max_length=200)
    submitter = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="submitted_approvals")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    form_data = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RUNNING)
    # Incremented on every return or resubmission: node runs of older rounds are history.
    round = models.PositiveIntegerField(default=1)
    # State of parallel groups: {"<group id>": ["<branch id>", ...completed]} for the current round.
    joins = models.JSONField(default=dict)
    # Incremented by every edit of the form after submission (approvers editing a field).
    form_revision = models.PositiveIntegerField(default=0)
    # Approvers the submitter chose, by node: {"<node id>": ["<employee id>", ...]}.
    chosen = models.JSONField(default=dict)
    submitted_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["submitter", "-submitted_at"]),
            models.Index(fields=["template", "-submitted_at"]),
            models.Index(fields=["status", "-submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.serial_number} {self.title}"


class NodeRun(models.Model):
    """One activation of a flow node in an instance (a node runs again after a return)."""

    class Status(models.TextChoices):
        ACTIVE = "active"
        APPROVED = "approved"
        REJECTED = "rejected"
        RETURNED = "returned"
        SKIPPED = "skipped"
        CANCELLED = "cancelled"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    instance = models.ForeignKey(Instance, on_delete=models.CASCADE, related_name="node_runs")
    node_id = models.CharField(max_length=50)
    kind = models.CharField(max_length=10)  # approver | handler | cc
    mode = models.CharField(max_length=10, default="any")  # sequential | all | any | ratio
    ratio = models.DecimalField(max_digits=4, decimal_places=3, null=True, blank=True)
    round = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["instance", "status"])]


class Task(models.Model):
    """One person's part in a node run: to approve, to handle, or a copy (CC) to read."""

    class Kind(models.TextChoices):
        APPROVE = "approve"
        HANDLE = "handle"
        CC = "cc"

    class Status(models.TextChoices):
        WAITING = "waiting"  # a later step of a sequential node
        PENDING = "pending"
        APPROVED = "approved"
        REJECTED = "rejected"
        RETURNED = "returned"
        TRANSFERRED = "transferred"
        AUTO_APPROVED = "auto_approved"
        CANCELLED = "cancelled"
        READ = "read"  # a copy that was opened

    DONE = (Status.APPROVED, Status.REJECTED, Status.RETURNED, Status.TRANSFERRED, Status.AUTO_APPROVED)

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    instance = models.ForeignKey(Instance, on_delete=models.CASCADE, related_name="tasks")
    node_run = models.ForeignKey(NodeRun, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    assignee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="approval_tasks")
    # Who may act instead while the assignee is away (委托, chains resolved).
    delegate = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="delegated_approval_tasks"
    )
    # Who actually acted: the assignee, or their delegate.
    acted_by = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    round = models.PositiveIntegerField(default=1)
    form_revision = models.PositiveIntegerField(default=0)
    # How the task came to be: flow | transfer | add_before | add_after | add_parallel | cc.
    origin = models.CharField(max_length=12, default="flow")
    # For people added by add-sign: how their group decides (sequential | all | any).
    add_mode = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.PENDING)
    position = models.PositiveSmallIntegerField(default=0)
    # Added by add-sign: the task it was added around ("before" tasks run first).
    added_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(blank=True)
    signature = models.TextField(blank=True)
    auto_reason = models.CharField(max_length=50, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)
    # When an overdue task is next due a repeated reminder (none: no more reminders).
    remind_again_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # "Pending for me", newest first: the inbox's hot path.
            models.Index(fields=["assignee", "status", "-created_at"], name="task_inbox"),
            models.Index(fields=["delegate", "status", "-created_at"], name="task_delegated_inbox"),
            models.Index(fields=["acted_by", "-decided_at"], name="task_done_by"),
            models.Index(fields=["status", "due_at"], name="task_due"),
            models.Index(fields=["status", "remind_again_at"], name="task_remind_again"),
        ]


class TimelineEvent(models.Model):
    """The typed history of an instance, as its page shows it."""

    id = models.BigAutoField(primary_key=True)
    instance = models.ForeignKey(Instance, on_delete=models.CASCADE, related_name="timeline")
    type = models.CharField(max_length=30)
    actor = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    node_id = models.CharField(max_length=50, blank=True)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class Delegation(models.Model):
    """委托: while away, `delegate` acts on `delegator`'s approvals (of one template, or all)."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    delegator = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="delegations_given")
    delegate = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="delegations_received")
    template = models.ForeignKey(Template, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="delegation_period"),
            models.CheckConstraint(condition=~Q(delegator=models.F("delegate")), name="delegation_not_self"),
        ]
        indexes = [models.Index(fields=["delegator", "starts_at", "ends_at"])]


class Attachment(models.Model):
    """An uploaded file referenced by form fields and comments; served only to those who see its instance."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    file = models.FileField(upload_to="approvals/%Y/%m/")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    instance = models.ForeignKey(Instance, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    created_at = models.DateTimeField(auto_now_add=True)
