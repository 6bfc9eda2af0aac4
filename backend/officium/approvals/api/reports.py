"""HTTP API of printed approvals (PDF, print page), the template export (.xlsx) and the statistics."""

import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Query, Schema
from pydantic import Field

from officium.approvals.documents import html, pdf
from officium.approvals.documents.content import print_document
from officium.approvals.permissions import INSTANCE_MANAGE, STATISTICS_VIEW
from officium.approvals.reports import export, statistics
from officium.approvals.services.common import employee_of
from officium.core import permissions
from officium.core.api_base import IsoDate, Router, actor, file_docs, file_response, requires
from officium.core.spreadsheets import XLSX

router = Router(tags=["approvals"])


# --- printing an approval -----------------------------------------------------------------------------------
@router.get(
    "/instances/{instance_id}/pdf",
    summary="An approval as a PDF, as I may see it",
    openapi_extra=file_docs("The PDF", "application/pdf"),
)
@requires(permissions.AUTHENTICATED)
def get_instance_pdf(request: HttpRequest, instance_id: UUID) -> HttpResponse:
    document = print_document(me=employee_of(actor(request)), actor=actor(request), instance_id=instance_id)
    name = f"{document.serial_number or instance_id}.pdf"
    return file_response(pdf.render(document), "application/pdf", name, inline=True)


@router.get(
    "/instances/{instance_id}/print",
    summary="An approval as a page to print, as I may see it",
    openapi_extra=file_docs("The page (HTML with print CSS)", "text/html"),
)
@requires(permissions.AUTHENTICATED)
def get_instance_print(request: HttpRequest, instance_id: UUID) -> HttpResponse:
    document = print_document(me=employee_of(actor(request)), actor=actor(request), instance_id=instance_id)
    response = HttpResponse(html.render(document), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


# --- export and statistics ------------------------------------------------------------------------------------
class InstanceExportFilter(Schema):
    since: IsoDate = Field(description="first day of submission (organisation's time zone), included")
    until: IsoDate = Field(description="last day of submission, included; at most 366 days after `since`")


@router.get(
    "/templates/{template_id}/export",
    summary="A template's approvals of a period as a spreadsheet",
    openapi_extra=file_docs("The spreadsheet", XLSX),
)
@requires(INSTANCE_MANAGE)
def export_template_instances(
    request: HttpRequest, template_id: UUID, filters: Query[InstanceExportFilter]
) -> HttpResponse:
    result = export.template_export(
        actor=actor(request), template_id=template_id, since=filters.since, until=filters.until
    )
    return file_response(result.content, XLSX, result.file_name)


class StatisticsFilter(Schema):
    since: IsoDate | None = Field(None, description="first day of submission; default: 29 days before `until`")
    until: IsoDate | None = Field(None, description="last day of submission; default: today")
    template: UUID | None = Field(None, description="one template only")


class TemplateRef(Schema):
    id: UUID
    key: str
    name: str


class NodeStatisticsOut(Schema):
    node_id: str
    name: str
    tasks: int = Field(description="tasks people had to act on")
    decided: int
    median_seconds: float | None = Field(description="task created (in a sequential step: the turn came) → decided")
    p90_seconds: float | None
    with_time_limit: int
    overdue: int = Field(description="decided after the time limit, or still pending past it")
    overdue_rate: float | None = Field(description="overdue / with_time_limit; null without time limits")


class TemplateStatisticsOut(Schema):
    template: TemplateRef
    submitted: int
    running: int = Field(description="running or returned to the submitter")
    approved: int
    rejected: int
    withdrawn: int
    revoked: int
    terminated: int
    decided: int = Field(description="approved or rejected: the approvals the durations are taken over")
    median_seconds: float | None = Field(description="submitted → finished")
    p90_seconds: float | None
    nodes: list[NodeStatisticsOut]


class StatisticsOut(Schema):
    since: datetime.date
    until: datetime.date
    templates: list[TemplateStatisticsOut]


@router.get("/statistics", response=StatisticsOut, summary="Approvals per template and per step, with durations")
@requires(STATISTICS_VIEW)
def get_approval_statistics(request: HttpRequest, filters: Query[StatisticsFilter]) -> dict[str, Any]:
    return statistics.approval_statistics(
        actor=actor(request), since=filters.since, until=filters.until, template_id=filters.template
    )
