"""Spreadsheet import (dry run, report, apply) and export of departments and employees."""

import csv
import io
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import File, Query, Status, UploadedFile

from officium.core.api_base import actor, file_docs, file_response, requires
from officium.core.spreadsheets import CSV, XLSX
from officium.org import exports, spreadsheets
from officium.org.api.routes import org_router
from officium.org.api.schemas import ApplyIn, ExportFilter, ImportOut
from officium.org.models import OrgImport
from officium.org.permissions import DEPARTMENT_MANAGE, EMPLOYEE_MANAGE, EMPLOYEE_VIEW
from officium.org.services import imports

FILE_RESPONSE = file_docs("The spreadsheet", XLSX, CSV)
CSV_RESPONSE = file_docs("CSV (UTF-8 with BOM)", CSV)


def _out(record: OrgImport) -> dict[str, Any]:
    report = record.report
    return {
        "id": record.pk,
        "kind": record.kind,
        "file_name": record.file_name,
        "status": record.status,
        "summary": report["summary"],
        "rows": report["rows"],
        "errors": report["errors"],
        "created_at": record.created_at,
        "applied_at": record.applied_at,
    }


def _register_import_endpoints(kind: str, code: str) -> None:
    """check, report, apply and error CSV for one kind of import, each declaring that kind's permission."""
    singular = kind.removesuffix("s")

    def check(request: HttpRequest, file: File[UploadedFile]) -> Status[dict[str, Any]]:
        record = imports.import_check(actor=actor(request), kind=kind, file_name=file.name or "", content=file.read())
        return Status(201, _out(record))

    def report(request: HttpRequest, import_id: UUID) -> dict[str, Any]:
        return _out(imports.import_for(actor=actor(request), import_id=import_id, kind=kind))

    def apply(request: HttpRequest, import_id: UUID, payload: ApplyIn) -> dict[str, Any]:
        record = imports.import_apply(
            actor=actor(request), import_id=import_id, kind=kind, only_valid=payload.only_valid
        )
        return _out(record)

    def errors(request: HttpRequest, import_id: UUID) -> HttpResponse:
        record = imports.import_for(actor=actor(request), import_id=import_id, kind=kind)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["行号", "列", "错误代码", "说明"])
        for error in record.report["errors"]:
            writer.writerow([error["row"], error["column"], error["code"], error["message"]])
        content = (spreadsheets.CSV_BOM + buffer.getvalue()).encode("utf-8")
        return file_response(content, CSV, f"import-{record.pk}-errors.csv")

    for view, name in (
        (check, f"check_{singular}_import"),
        (report, f"get_{singular}_import"),
        (apply, f"apply_{singular}_import"),
        (errors, f"download_{singular}_import_errors"),
    ):
        view.__name__ = view.__qualname__ = name
    base = f"/imports/{kind}"
    org_router.post(base, response={201: ImportOut}, summary=f"Check a {kind} spreadsheet (dry run)")(
        requires(code)(check)
    )
    org_router.get(f"{base}/{{import_id}}", response=ImportOut, summary=f"The report of one of my {kind} imports")(
        requires(code)(report)
    )
    org_router.post(f"{base}/{{import_id}}/apply", response=ImportOut, summary=f"Apply a checked {kind} import")(
        requires(code)(apply)
    )
    org_router.get(
        f"{base}/{{import_id}}/errors.csv", summary="The rows with errors, as CSV", openapi_extra=CSV_RESPONSE
    )(requires(code)(errors))


_register_import_endpoints(OrgImport.Kind.DEPARTMENTS, DEPARTMENT_MANAGE)
_register_import_endpoints(OrgImport.Kind.EMPLOYEES, EMPLOYEE_MANAGE)


@org_router.get("/exports/departments", summary="Departments as a spreadsheet", openapi_extra=FILE_RESPONSE)
@requires(DEPARTMENT_MANAGE)
def export_departments(request: HttpRequest, filters: Query[ExportFilter]) -> HttpResponse:
    rows = exports.department_rows(actor=actor(request))
    content = spreadsheets.write(spreadsheets.DEPARTMENT_COLUMNS, rows, filters.format)
    return file_response(content, XLSX if filters.format == "xlsx" else CSV, f"departments.{filters.format}")


@org_router.get("/exports/employees", summary="Employees as a spreadsheet", openapi_extra=FILE_RESPONSE)
@requires(EMPLOYEE_VIEW)
def export_employees(request: HttpRequest, filters: Query[ExportFilter]) -> HttpResponse:
    rows = exports.employee_rows(actor=actor(request))
    content = spreadsheets.write(spreadsheets.EMPLOYEE_COLUMNS, rows, filters.format)
    return file_response(content, XLSX if filters.format == "xlsx" else CSV, f"employees.{filters.format}")
