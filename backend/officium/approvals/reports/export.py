"""A template's approvals of a period as an .xlsx: one row per approval, one sheet per detail table.

Columns: serial number, title, submitter, department, status, submitted at, finished at, then one per
form field of every version involved (the newest version's order first, fields only older versions had
after). Money and numbers are numbers (money with a money format), dates are dates; a detail table shows
its row count on the main sheet and its rows on a sheet of its own. Text that a spreadsheet would read as
a formula is neutralised.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from officium.approvals import forms
from officium.approvals.documents.content import STATUS_TEXT, Names, value_text
from officium.approvals.models import Instance, Template, TemplateVersion
from officium.approvals.permissions import INSTANCE_MANAGE
from officium.approvals.reports.periods import period
from officium.core import audit, permissions
from officium.core.errors import NotFound, ValidationFailed
from officium.core.spreadsheets import safe_text

MAX_ROWS = 10_000
MAX_DETAIL_ROWS = 100_000
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass(frozen=True)
class Export:
    file_name: str
    content: bytes


def template_export(*, actor: Any, template_id: UUID, since: datetime.date, until: datetime.date) -> Export:
    permissions.require(actor, INSTANCE_MANAGE)
    template = Template.objects.filter(pk=template_id).first()
    if template is None:
        raise NotFound("No such template.", code="template_not_found")
    span = period(since, until)
    instances = list(
        Instance.objects.filter(template=template, submitted_at__gte=span.start, submitted_at__lt=span.end)
        .select_related("submitter", "department")
        .order_by("submitted_at", "id")[: MAX_ROWS + 1]
    )
    if len(instances) > MAX_ROWS:
        raise ValidationFailed(
            f"More than {MAX_ROWS} approvals in this period: choose a shorter one.", code="too_many_rows"
        )
    versions = TemplateVersion.objects.filter(pk__in={i.version_id for i in instances}).order_by("-number")
    specs = _columns(list(versions))
    forms_by_version = {version.pk: version.form for version in versions}
    wanted: dict[str, set[str]] = {kind: set() for kind in set(forms.REFERENCE_TYPES.values())}
    for instance in instances:
        for kind, ids in forms.references(forms_by_version[instance.version_id], instance.form_data).items():
            wanted[kind] |= ids
    names = Names.load(wanted, instance_ids=[i.pk for i in instances], related=Instance.objects.all())
    tables = [spec for spec in specs if spec["type"] == "table"]
    if sum(len(_rows(i, t)) for i in instances for t in tables) > MAX_DETAIL_ROWS:
        raise ValidationFailed(
            f"More than {MAX_DETAIL_ROWS} detail rows in this period: choose a shorter one.", code="too_many_rows"
        )
    workbook = Workbook(write_only=True)
    _main_sheet(workbook, instances, specs, names)
    titles = {_("Approvals")}
    for spec in tables:
        _detail_sheet(workbook, _sheet_title(spec["label"], titles), instances, spec, names)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with transaction.atomic():
        # A bulk read of people's forms: who took which period is on record.
        audit.record(
            action="approvals.instances.exported",
            actor=actor,
            target=template,
            changes={"since": since.isoformat(), "until": until.isoformat(), "rows": len(instances)},
        )
    return Export(f"{template.key}-{since.isoformat()}-{until.isoformat()}.xlsx", buffer.getvalue())


def _columns(versions: list[TemplateVersion]) -> list[dict[str, Any]]:
    """Every field of these versions once, newest version first (its label and options win)."""
    seen: dict[str, dict[str, Any]] = {}
    for version in versions:
        for spec in version.form.get("fields", []):
            if spec["type"] != "description":
                seen.setdefault(spec["id"], spec)
    return list(seen.values())


def _main_sheet(workbook: Workbook, instances: list[Instance], specs: list[dict[str, Any]], names: Names) -> None:
    sheet = workbook.create_sheet(_("Approvals"))
    sheet.freeze_panes = "A2"
    headers = [
        _("Serial number"),
        _("Title"),
        _("Submitter"),
        _("Department"),
        _("Status"),
        _("Submitted at"),
        _("Finished at"),
    ]
    sheet.append([safe_text(text) for text in headers + [spec["label"] for spec in specs]])
    for instance in instances:
        row = [
            _cell(sheet, safe_text(instance.serial_number)),
            _cell(sheet, safe_text(instance.title)),
            _cell(sheet, safe_text(instance.submitter.name)),
            _cell(sheet, safe_text(instance.department.name)),
            _cell(sheet, str(STATUS_TEXT.get(instance.status, instance.status))),
            _cell(sheet, _local(instance.submitted_at), DATETIME_FORMAT),
            _cell(sheet, _local(instance.finished_at), DATETIME_FORMAT),
        ]
        row += [_value_cell(sheet, spec, instance.form_data.get(spec["id"]), names) for spec in specs]
        sheet.append(row)


def _detail_sheet(
    workbook: Workbook, title: str, instances: list[Instance], spec: Mapping[str, Any], names: Names
) -> None:
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    columns = [column for column in spec.get("columns", []) if column["type"] != "description"]
    sheet.append([safe_text(text) for text in [_("Serial number"), _("Row"), *(c["label"] for c in columns)]])
    for instance in instances:
        for number, row in enumerate(_rows(instance, spec), start=1):
            cells = [_cell(sheet, safe_text(instance.serial_number)), _cell(sheet, number)]
            cells += [_value_cell(sheet, column, row.get(column["id"]), names) for column in columns]
            sheet.append(cells)


def _rows(instance: Instance, spec: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """A detail table's rows (nothing when another version used the id for a field of another type)."""
    value = instance.form_data.get(spec["id"])
    return [row for row in value if isinstance(row, Mapping)] if isinstance(value, list) else []


def _sheet_title(label: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "_", label).strip("'")[:28] or "table"
    title, n = base, 2
    while title.lower() in {t.lower() for t in taken}:
        title, n = f"{base}_{n}", n + 1
    taken.add(title)
    return title


def _cell(sheet: WriteOnlyWorksheet, value: Any, number_format: str | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if number_format and value is not None:
        cell.number_format = number_format
    return cell


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """Spreadsheets have no time zones: the organisation's wall-clock time."""
    if moment is None:
        return None
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).replace(tzinfo=None)


def _value_cell(sheet: WriteOnlyWorksheet, spec: Mapping[str, Any], value: Any, names: Names) -> WriteOnlyCell:
    if value in (None, "", []):
        return _cell(sheet, None)
    kind = spec["type"]
    if kind in ("money", "formula", "number"):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return _cell(sheet, safe_text(str(value)))
        decimals = int(spec.get("decimals", 0 if kind == "number" else 2))
        if kind == "number":
            return _cell(sheet, int(number) if decimals == 0 and number == number.to_integral() else number)
        return _cell(sheet, number, "#,##0" + ("." + "0" * decimals if decimals else ""))
    if kind == "date":
        try:
            return _cell(sheet, datetime.date.fromisoformat(str(value)), DATE_FORMAT)
        except ValueError:
            return _cell(sheet, safe_text(str(value)))
    if kind == "datetime":
        try:
            return _cell(sheet, _local(datetime.datetime.fromisoformat(str(value))), DATETIME_FORMAT)
        except (ValueError, TypeError):
            return _cell(sheet, safe_text(str(value)))
    if kind == "table":
        return _cell(sheet, len(value) if isinstance(value, list) else 0)
    return _cell(sheet, safe_text(value_text(spec, value, names)))
