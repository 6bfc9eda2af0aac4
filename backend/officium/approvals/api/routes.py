"""HTTP API of the approval centre: templates, submission, the inbox, instances, tasks, delegations."""

from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import FileResponse, HttpRequest
from ninja import File, Query, Status, UploadedFile
from ninja.pagination import paginate

from officium.approvals import selectors
from officium.approvals.api import presenters
from officium.approvals.api.schemas import (
    AddSignIn,
    ApprovalPersonRef,
    ApproveIn,
    AttachmentOut,
    BatchIn,
    BatchOut,
    CommentIn,
    CopyIn,
    CountsOut,
    DelegationIn,
    DelegationOut,
    InboxFilter,
    InboxItemOut,
    InstanceCommentIn,
    InstanceOut,
    PreviewIn,
    PreviewStepOut,
    ReassignIn,
    ResubmitIn,
    ReturnIn,
    SubmissionFormOut,
    SubmitIn,
    TaskOut,
    TemplateIn,
    TemplateOut,
    TemplatePatch,
    TemplateSummaryOut,
    TerminateIn,
    TimelineOut,
    TransferIn,
    VersionOut,
    WithdrawIn,
)
from officium.approvals.models import Attachment, Delegation, Instance, Task, Template
from officium.approvals.permissions import TEMPLATE_MANAGE
from officium.approvals.services import attachments as attachment_services
from officium.approvals.services import builtins
from officium.approvals.services import delegations as delegation_services
from officium.approvals.services import instances as instance_services
from officium.approvals.services import tasks as task_services
from officium.approvals.services import templates as template_services
from officium.approvals.services.common import employee_of
from officium.core import permissions
from officium.core.api_base import Router, actor, requires, sent_fields
from officium.core.errors import NotFound
from officium.core.pagination import KeysetPagination
from officium.org.models import Employee

router = Router(tags=["approvals"])
AUTHENTICATED = permissions.AUTHENTICATED


# --- templates (the designer) ----------------------------------------------------------------------------
@router.get("/templates", response=list[TemplateOut], summary="Every template, for its designers")
@requires(TEMPLATE_MANAGE)
def list_templates(request: HttpRequest) -> list[dict[str, Any]]:
    templates = Template.objects.select_related("published").prefetch_related("admins")
    return [presenters.template_detail(t) for t in templates]


@router.post("/templates", response={201: TemplateOut}, summary="Create a template (a draft)")
@requires(TEMPLATE_MANAGE)
def create_template(request: HttpRequest, payload: TemplateIn) -> Status[dict[str, Any]]:
    template = template_services.template_create(actor=actor(request), **payload.model_dump())
    return Status(201, presenters.template_detail(template))


@router.post(
    "/templates/builtin", response={201: list[TemplateOut]}, summary="Add the built-in templates this company lacks"
)
@requires(TEMPLATE_MANAGE)
def install_builtin_templates(request: HttpRequest) -> Status[list[dict[str, Any]]]:
    me = actor(request)
    created = builtins.install(actor=me, publish=False, admin_ids=[me.pk])
    return Status(201, [presenters.template_detail(t) for t in created])


def _template(template_id: UUID) -> Template:
    template = Template.objects.filter(pk=template_id).select_related("published").first()
    if template is None:
        raise NotFound("No such template.", code="template_not_found")
    return template


@router.get("/templates/{template_id}", response=TemplateOut, summary="A template's draft and what blocks publishing")
@requires(TEMPLATE_MANAGE)
def get_template(request: HttpRequest, template_id: UUID) -> dict[str, Any]:
    return presenters.template_detail(_template(template_id))


@router.patch("/templates/{template_id}", response=TemplateOut, summary="Change the draft")
@requires(TEMPLATE_MANAGE)
def update_template(request: HttpRequest, template_id: UUID, payload: TemplatePatch) -> dict[str, Any]:
    template_services.template_update(actor=actor(request), template_id=template_id, **sent_fields(payload))
    return presenters.template_detail(_template(template_id))


@router.post("/templates/{template_id}/publish", response=VersionOut, summary="Publish the draft as a new version")
@requires(TEMPLATE_MANAGE)
def publish_template(request: HttpRequest, template_id: UUID) -> dict[str, Any]:
    version = template_services.template_publish(actor=actor(request), template_id=template_id)
    return {"template_id": template_id, "number": version.number, "published_at": version.published_at}


# --- submitting -------------------------------------------------------------------------------------------
@router.get("/available", response=list[TemplateSummaryOut], summary="Templates I may submit")
@requires(AUTHENTICATED)
def list_available_templates(request: HttpRequest) -> list[dict[str, Any]]:
    me = employee_of(actor(request))
    return [presenters.template_summary(t) for t in selectors.submittable_templates(me)]


def _submittable(request: HttpRequest, template_id: UUID) -> Template:
    me = employee_of(actor(request))
    for template in selectors.submittable_templates(me):
        if template.pk == template_id:
            return template
    raise NotFound("No such template.", code="template_not_found")


@router.get("/available/{template_id}", response=SubmissionFormOut, summary="The form to fill in")
@requires(AUTHENTICATED)
def get_submission_form(request: HttpRequest, template_id: UUID) -> dict[str, Any]:
    return presenters.submission_form(_submittable(request, template_id))


@router.post("/available/{template_id}/preview", response=list[PreviewStepOut], summary="Who would approve this form")
@requires(AUTHENTICATED)
def preview_route(request: HttpRequest, template_id: UUID, payload: PreviewIn) -> list[dict[str, Any]]:
    chosen = {node: [str(pk) for pk in people] for node, people in payload.chosen.items()}
    return instance_services.route_preview(
        actor=actor(request), template_id=template_id, form_data=payload.form_data, chosen=chosen
    )


@router.post("/instances", response={201: InstanceOut}, summary="Submit an approval")
@requires(AUTHENTICATED)
def submit_instance(request: HttpRequest, payload: SubmitIn) -> Status[dict[str, Any]]:
    chosen = {node: [str(pk) for pk in people] for node, people in payload.chosen.items()}
    instance = instance_services.instance_submit(
        actor=actor(request), template_id=payload.template_id, form_data=payload.form_data, chosen=chosen
    )
    return Status(201, _detail(request, instance.pk))


# --- the inbox ----------------------------------------------------------------------------------------------
def _filter_tasks(tasks: QuerySet[Task], filters: InboxFilter) -> QuerySet[Task]:
    if filters.template:
        tasks = tasks.filter(instance__template_id=filters.template)
    if filters.status:
        tasks = tasks.filter(instance__status=filters.status)
    if filters.since:
        tasks = tasks.filter(created_at__date__gte=filters.since)
    if filters.until:
        tasks = tasks.filter(created_at__date__lte=filters.until)
    if filters.q.strip():
        q = filters.q.strip()
        tasks = tasks.filter(
            Q(instance__serial_number__icontains=q)
            | Q(instance__title__icontains=q)
            | Q(instance__submitter__name__icontains=q)
        )
    return tasks


def _box(request: HttpRequest, box: str, filters: InboxFilter) -> QuerySet[Task]:
    me = employee_of(actor(request))
    return _filter_tasks(selectors.inbox(me, box), filters)


@router.get("/inbox/pending", response=list[InboxItemOut], summary="Waiting for me (mine and delegated to me)")
@requires(AUTHENTICATED)
@paginate(KeysetPagination, ordering=("-created_at", "-id"), present=presenters.inbox_rows)
def inbox_pending(request: HttpRequest, filters: Query[InboxFilter]) -> QuerySet[Task]:
    return _box(request, "pending", filters)


@router.get("/inbox/done", response=list[InboxItemOut], summary="What I decided")
@requires(AUTHENTICATED)
@paginate(KeysetPagination, ordering=("-decided_at", "-id"), present=presenters.inbox_rows)
def inbox_done(request: HttpRequest, filters: Query[InboxFilter]) -> QuerySet[Task]:
    return _box(request, "done", filters).filter(decided_at__isnull=False)


@router.get("/inbox/cc", response=list[InboxItemOut], summary="Copied to me")
@requires(AUTHENTICATED)
@paginate(KeysetPagination, ordering=("-created_at", "-id"), present=presenters.inbox_rows)
def inbox_cc(request: HttpRequest, filters: Query[InboxFilter]) -> QuerySet[Task]:
    return _box(request, "cc", filters)


@router.get("/inbox/submitted", response=list[InboxItemOut], summary="What I submitted")
@requires(AUTHENTICATED)
@paginate(KeysetPagination, ordering=("-submitted_at", "-id"), present=presenters.inbox_rows)
def inbox_submitted(request: HttpRequest, filters: Query[InboxFilter]) -> QuerySet[Instance]:
    me = employee_of(actor(request))
    instances = selectors.submitted(me)
    if filters.template:
        instances = instances.filter(template_id=filters.template)
    if filters.status:
        instances = instances.filter(status=filters.status)
    if filters.since:
        instances = instances.filter(submitted_at__date__gte=filters.since)
    if filters.until:
        instances = instances.filter(submitted_at__date__lte=filters.until)
    if filters.q.strip():
        q = filters.q.strip()
        instances = instances.filter(Q(serial_number__icontains=q) | Q(title__icontains=q))
    return instances


@router.get("/inbox/counts", response=CountsOut, summary="How many wait for me")
@requires(AUTHENTICATED)
def inbox_counts(request: HttpRequest) -> dict[str, int]:
    return selectors.inbox_counts(employee_of(actor(request)))


# --- an instance ----------------------------------------------------------------------------------------------
def _detail(request: HttpRequest, instance_id: UUID) -> dict[str, Any]:
    me = employee_of(actor(request))
    instance = selectors.instance_for(me, actor(request), instance_id)
    instance_services.copies_mark_read(me, instance)
    return presenters.instance_detail(instance, me, actor(request))


@router.get("/instances/{instance_id}", response=InstanceOut, summary="An approval, as I may see it")
@requires(AUTHENTICATED)
def get_instance(request: HttpRequest, instance_id: UUID) -> dict[str, Any]:
    return _detail(request, instance_id)


@router.post(
    "/instances/{instance_id}/resubmit", response=InstanceOut, summary="Edit and send a returned approval again"
)
@requires(AUTHENTICATED)
def resubmit_instance(request: HttpRequest, instance_id: UUID, payload: ResubmitIn) -> dict[str, Any]:
    instance_services.instance_resubmit(actor=actor(request), instance_id=instance_id, form_data=payload.form_data)
    return _detail(request, instance_id)


@router.post("/instances/{instance_id}/withdraw", response=InstanceOut, summary="Withdraw (or revoke after approval)")
@requires(AUTHENTICATED)
def withdraw_instance(request: HttpRequest, instance_id: UUID, payload: WithdrawIn) -> dict[str, Any]:
    instance_services.instance_withdraw(actor=actor(request), instance_id=instance_id, reason=payload.reason)
    return _detail(request, instance_id)


@router.post("/instances/{instance_id}/urge", response=list[ApprovalPersonRef], summary="Remind the approvers")
@requires(AUTHENTICATED)
def urge_instance(request: HttpRequest, instance_id: UUID) -> list[dict[str, Any]]:
    urged = instance_services.instance_urge(actor=actor(request), instance_id=instance_id)
    return [{"id": p.pk, "name": p.name} for p in urged]


@router.post("/instances/{instance_id}/comments", response={201: TimelineOut}, summary="Comment, with @mentions")
@requires(AUTHENTICATED)
def comment_instance(request: HttpRequest, instance_id: UUID, payload: InstanceCommentIn) -> Status[dict[str, Any]]:
    event = instance_services.instance_comment(
        actor=actor(request),
        instance_id=instance_id,
        text=payload.text,
        mentions=payload.mentions,
        attachment_ids=payload.attachment_ids,
    )
    return Status(201, presenters.timeline_event(event, set()))


@router.post("/instances/{instance_id}/cc", response=InstanceOut, summary="Copy to colleagues")
@requires(AUTHENTICATED)
def copy_instance(request: HttpRequest, instance_id: UUID, payload: CopyIn) -> dict[str, Any]:
    instance_services.instance_copy(actor=actor(request), instance_id=instance_id, employee_ids=payload.employee_ids)
    return _detail(request, instance_id)


@router.post("/instances/{instance_id}/terminate", response=InstanceOut, summary="End it (process administrators)")
@requires(AUTHENTICATED)
def terminate_instance(request: HttpRequest, instance_id: UUID, payload: TerminateIn) -> dict[str, Any]:
    instance_services.instance_terminate(actor=actor(request), instance_id=instance_id, reason=payload.reason)
    return _detail(request, instance_id)


# --- tasks --------------------------------------------------------------------------------------------------
def _task_answer(request: HttpRequest, task: Task) -> dict[str, Any]:
    return presenters.task(
        Task.objects.select_related("instance__version", "node_run", "assignee", "delegate", "acted_by").get(pk=task.pk)
    )


@router.post("/tasks/batch-approve", response=BatchOut, summary="Approve several tasks")
@requires(AUTHENTICATED)
def batch_approve_tasks(request: HttpRequest, payload: BatchIn) -> dict[str, Any]:
    return task_services.tasks_batch_approve(actor=actor(request), task_ids=payload.task_ids, comment=payload.comment)


@router.post("/tasks/{task_id}/approve", response=TaskOut, summary="Approve (or complete, as a handler)")
@requires(AUTHENTICATED)
def approve_task(request: HttpRequest, task_id: UUID, payload: ApproveIn) -> dict[str, Any]:
    task = task_services.task_approve(actor=actor(request), task_id=task_id, **payload.model_dump())
    return _task_answer(request, task)


@router.post("/tasks/{task_id}/reject", response=TaskOut, summary="Reject")
@requires(AUTHENTICATED)
def reject_task(request: HttpRequest, task_id: UUID, payload: CommentIn) -> dict[str, Any]:
    return _task_answer(
        request, task_services.task_reject(actor=actor(request), task_id=task_id, comment=payload.comment)
    )


@router.post("/tasks/{task_id}/return", response=TaskOut, summary="Return to the submitter or an earlier step")
@requires(AUTHENTICATED)
def return_task(request: HttpRequest, task_id: UUID, payload: ReturnIn) -> dict[str, Any]:
    task = task_services.task_return(actor=actor(request), task_id=task_id, to=payload.to, comment=payload.comment)
    return _task_answer(request, task)


@router.post("/tasks/{task_id}/transfer", response=TaskOut, summary="Hand this task to someone else")
@requires(AUTHENTICATED)
def transfer_task(request: HttpRequest, task_id: UUID, payload: TransferIn) -> dict[str, Any]:
    task = task_services.task_transfer(actor=actor(request), task_id=task_id, to=payload.to, comment=payload.comment)
    return _task_answer(request, task)


@router.post("/tasks/{task_id}/add-sign", response=list[TaskOut], summary="Add approvers before, after or alongside")
@requires(AUTHENTICATED)
def add_sign_task(request: HttpRequest, task_id: UUID, payload: AddSignIn) -> list[dict[str, Any]]:
    added = task_services.task_add_sign(actor=actor(request), task_id=task_id, **payload.model_dump())
    return [_task_answer(request, task) for task in added]


@router.post("/tasks/{task_id}/reassign", response=TaskOut, summary="Move a task to someone else (administrators)")
@requires(AUTHENTICATED)
def reassign_task(request: HttpRequest, task_id: UUID, payload: ReassignIn) -> dict[str, Any]:
    return _task_answer(request, task_services.task_reassign(actor=actor(request), task_id=task_id, to=payload.to))


# --- delegations and attachments ----------------------------------------------------------------------------------
def _delegation(item: Delegation, me: Employee) -> dict[str, Any]:
    return {
        "id": item.pk,
        "given": item.delegator_id == me.pk,
        "delegator": presenters.person(item.delegator),
        "delegate": presenters.person(item.delegate),
        "template_id": item.template_id,
        "template_name": item.template.name if item.template else None,
        "starts_at": item.starts_at,
        "ends_at": item.ends_at,
        "revoked_at": item.revoked_at,
    }


@router.get("/delegations", response=list[DelegationOut], summary="My delegations, given and received")
@requires(AUTHENTICATED)
def list_delegations(request: HttpRequest) -> list[dict[str, Any]]:
    me = employee_of(actor(request))
    delegations = Delegation.objects.filter(Q(delegator=me) | Q(delegate=me)).select_related(
        "delegator", "delegate", "template"
    )
    return [_delegation(d, me) for d in delegations.order_by("-starts_at")]


@router.post("/delegations", response={201: DelegationOut}, summary="Delegate my approvals for a while")
@requires(AUTHENTICATED)
def create_delegation(request: HttpRequest, payload: DelegationIn) -> Status[dict[str, Any]]:
    delegation = delegation_services.delegation_create(actor=actor(request), **payload.model_dump())
    return Status(201, _delegation(delegation, employee_of(actor(request))))


@router.delete("/delegations/{delegation_id}", response=DelegationOut, summary="End a delegation now")
@requires(AUTHENTICATED)
def revoke_delegation(request: HttpRequest, delegation_id: UUID) -> dict[str, Any]:
    ended = delegation_services.delegation_revoke(actor=actor(request), delegation_id=delegation_id)
    return _delegation(ended, employee_of(actor(request)))


@router.post("/attachments", response={201: AttachmentOut}, summary="Upload a file for a form or a comment")
@requires(AUTHENTICATED)
def upload_attachment(request: HttpRequest, file: File[UploadedFile]) -> Status[Attachment]:
    content = file.read(attachment_services.MAX_BYTES + 1)
    return Status(
        201, attachment_services.attachment_upload(actor=actor(request), name=file.name or "", content=content)
    )


@router.get(
    "/attachments/{attachment_id}",
    summary="Download a file (its uploader, or whoever sees its approval)",
    openapi_extra={"responses": {200: {"description": "The file", "content": {"application/octet-stream": {}}}}},
)
@requires(AUTHENTICATED)
def download_attachment(request: HttpRequest, attachment_id: UUID) -> FileResponse:
    me = employee_of(actor(request))
    attachment = selectors.attachment_for(me, actor(request), attachment_id)
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
    response["Content-Type"] = attachment.content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
