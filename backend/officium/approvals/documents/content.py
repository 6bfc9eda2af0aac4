"""What a printed approval shows, as its viewer may see it: one plain structure for the PDF and the print page.

Everything here is display text (names resolved, times in the organisation's zone, money formatted);
the renderers only lay it out. Hidden fields are dropped here, before any renderer sees the data.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from PIL import Image, UnidentifiedImageError

from officium.approvals import forms, selectors
from officium.approvals.flows import Flow
from officium.approvals.models import Attachment, Instance, Task, TimelineEvent
from officium.approvals.permissions import INSTANCE_MANAGE
from officium.core import permissions
from officium.org.models import Department, Employee

PNG_DATA_URL = "data:image/png;base64,"
# A signature pad draws a few hundred pixels; anything far larger is not a signature.
MAX_SIGNATURE_PIXELS = 2_000_000

STATUS_TEXT = {
    "running": pgettext_lazy("approval status", "In progress"),
    "returned": pgettext_lazy("approval status", "Returned to the submitter"),
    "approved": pgettext_lazy("approval status", "Approved"),
    "rejected": pgettext_lazy("approval status", "Rejected"),
    "withdrawn": pgettext_lazy("approval status", "Withdrawn"),
    "revoked": pgettext_lazy("approval status", "Revoked"),
    "terminated": pgettext_lazy("approval status", "Terminated"),
}
EVENT_TEXT = {
    "submitted": pgettext_lazy("approval step", "Submitted"),
    "resubmitted": pgettext_lazy("approval step", "Resubmitted"),
    "approved": pgettext_lazy("approval step", "Approved"),
    "rejected": pgettext_lazy("approval step", "Rejected"),
    "auto_approved": pgettext_lazy("approval step", "Approved automatically"),
    "returned": pgettext_lazy("approval step", "Returned"),
    "returned_to_submitter": pgettext_lazy("approval step", "Returned to the submitter"),
    "transferred": pgettext_lazy("approval step", "Transferred"),
    "reassigned": pgettext_lazy("approval step", "Reassigned"),
    "add_signed": pgettext_lazy("approval step", "Added approvers"),
    "copied": pgettext_lazy("approval step", "Copied"),
    "commented": pgettext_lazy("approval step", "Commented"),
    "urged": pgettext_lazy("approval step", "Urged"),
    "form_edited": pgettext_lazy("approval step", "Edited the form"),
    "withdrawn": pgettext_lazy("approval step", "Withdrawn"),
    "revoked": pgettext_lazy("approval step", "Revoked"),
    "terminated": pgettext_lazy("approval step", "Terminated"),
    "finished": pgettext_lazy("approval step", "Finished"),
    "overdue": pgettext_lazy("approval step", "Overdue reminder"),
    "auto_rejected": pgettext_lazy("approval step", "Rejected automatically"),
    "escalated": pgettext_lazy("approval step", "Escalated"),
}
# Why the engine decided on its own (Task.auto_reason, the "reason" of automatic timeline events).
REASON_TEXT = {
    "dedup": gettext_lazy("already approved at an earlier step"),
    "empty": gettext_lazy("no approver found"),
    "self": gettext_lazy("the submitter is the approver"),
    "timeout": gettext_lazy("time limit passed"),
}
# Bookkeeping of the engine, not steps a reader of the printout cares about.
UNPRINTED_EVENTS = {"branch_taken"}


@dataclass(frozen=True)
class Table:
    """A detail table (明细): headers, rows of cell texts, and the totals row ("" where a column has none)."""

    headers: list[str]
    rows: list[list[str]]
    totals: list[str]


@dataclass(frozen=True)
class Field:
    label: str
    text: str = ""
    words: str = ""  # the upper-case Chinese amount of a money value
    table: Table | None = None


@dataclass(frozen=True)
class Step:
    """One line of the timeline."""

    at: str
    who: str
    action: str
    node: str
    comment: str
    acted_for: str


@dataclass(frozen=True)
class Signature:
    who: str
    node: str
    at: str
    png: bytes | None  # None: the stored signature is not a readable PNG


@dataclass(frozen=True)
class PrintDocument:
    template: str
    title: str
    serial_number: str
    submitter: str
    department: str
    status: str
    submitted_at: str
    finished_at: str
    fields: list[Field] = field(default_factory=list)
    timeline: list[Step] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)


def local_text(moment: datetime.datetime | None) -> str:
    """A time as the organisation reads it: in its zone, to the minute."""
    if moment is None:
        return ""
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).strftime("%Y-%m-%d %H:%M")


def money_text(value: Any, decimals: int = 2) -> str:
    try:
        return f"{forms.money(value, decimals):,.{decimals}f}"
    except (InvalidOperation, ValueError, TypeError):
        return str(value)


def print_document(*, me: Employee, actor: Any, instance_id: Any) -> PrintDocument:
    """The printout of an approval for this viewer; 404 (instance_not_found) for anyone who may not see it."""
    instance = selectors.instance_for(me, actor, instance_id)
    granted = selectors.field_permissions_for(me, actor, instance)
    values = selectors.visible_form(instance, granted)
    specs = [
        spec
        for spec in instance.version.form.get("fields", [])
        if granted.get(spec["id"]) != "hidden" and spec["type"] != "description" and spec.get("printable", True)
    ]
    names = _names(instance, {spec["id"]: values.get(spec["id"]) for spec in specs}, me, actor)
    flow = Flow(instance.version.flow)
    return PrintDocument(
        template=instance.template.name,
        title=instance.title,
        serial_number=instance.serial_number,
        submitter=instance.submitter.name,
        department=instance.department.name,
        status=str(STATUS_TEXT.get(instance.status, instance.status)),
        submitted_at=local_text(instance.submitted_at),
        finished_at=local_text(instance.finished_at),
        fields=[_field(spec, values, names) for spec in specs if spec["id"] in values],
        timeline=_timeline(instance, flow, {spec["id"]: spec["label"] for spec in specs}),
        signatures=_signatures(instance, flow),
    )


@dataclass(frozen=True)
class Names:
    """Display names of what form values point to, fetched in one query per kind."""

    employees: dict[str, str]
    departments: dict[str, str]
    attachments: dict[str, str]
    instances: dict[str, str]

    @classmethod
    def load(cls, wanted: Mapping[str, set[str]], *, instance_ids: list[Any], related: QuerySet[Instance]) -> Names:
        """`wanted`: ids by kind (forms.references); files only of `instance_ids`; linked approvals among `related`."""
        return cls(
            employees=_by_id(Employee.objects.filter(pk__in=_uuids(wanted["employees"])), "name"),
            departments=_by_id(Department.objects.filter(pk__in=_uuids(wanted["departments"])), "name"),
            attachments=_by_id(
                Attachment.objects.filter(pk__in=_uuids(wanted["attachments"]), instance_id__in=instance_ids), "name"
            ),
            instances=_by_id(related.filter(pk__in=_uuids(wanted["instances"])), "serial_number"),
        )


def _names(instance: Instance, values: Mapping[str, Any], me: Employee, actor: Any) -> Names:
    # A linked approval the viewer may not open shows no serial number either.
    related = Instance.objects.all()
    if not permissions.has_permission(actor, INSTANCE_MANAGE):
        related = related.filter(pk__in=selectors.visible_instances(me).values("pk"))
    wanted = forms.references(instance.version.form, values)
    return Names.load(wanted, instance_ids=[instance.pk], related=related)


def _uuids(ids: set[str]) -> list[str]:
    import uuid

    valid = []
    for item in ids:
        try:
            valid.append(str(uuid.UUID(item)))
        except (ValueError, TypeError, AttributeError):
            continue
    return valid


def _by_id(queryset: Any, attribute: str) -> dict[str, str]:
    return {str(pk): str(value) for pk, value in queryset.values_list("pk", attribute)}


def _field(spec: Mapping[str, Any], values: Mapping[str, Any], names: Names) -> Field:
    value = values[spec["id"]]
    if spec["type"] == "table":
        return Field(label=spec["label"], table=_table(spec, value or [], names))
    text = value_text(spec, value, names)
    words = ""
    if spec["type"] in ("money", "formula") and value not in (None, ""):
        try:
            words = forms.money_in_words(value)
        except (InvalidOperation, ValueError, TypeError):
            words = ""
    return Field(label=spec["label"], text=text, words=words)


def _table(spec: Mapping[str, Any], rows: list[Mapping[str, Any]], names: Names) -> Table:
    columns = [column for column in spec.get("columns", []) if column["type"] != "description"]
    summed = set(spec.get("totals") or [c["id"] for c in columns if c["type"] in ("money", "number")])
    totals = []
    for index, column in enumerate(columns):
        if column["id"] in summed:
            total = sum((_decimal(row.get(column["id"])) for row in rows), Decimal(0))
            decimals = int(column.get("decimals", 2 if column["type"] == "money" else 0))
            totals.append(money_text(total, decimals))
        else:
            totals.append(_("Total") if index == 0 else "")
    return Table(
        headers=[column["label"] for column in columns],
        rows=[[value_text(column, row.get(column["id"]), names) for column in columns] for row in rows],
        totals=totals,
    )


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else Decimal(0)
    except InvalidOperation:
        return Decimal(0)


def value_text(spec: Mapping[str, Any], value: Any, names: Names) -> str:
    """One value as a person reads it."""
    if value in (None, "", []):
        return ""
    kind = spec["type"]
    if kind in ("money", "formula"):
        return money_text(value, int(spec.get("decimals", 2)))
    if kind == "number":
        return str(value)
    if kind in ("select", "multiselect"):
        labels = {option["value"]: option.get("label", option["value"]) for option in spec.get("options", [])}
        chosen = value if isinstance(value, list) else [value]
        return "、".join(str(labels.get(item, item)) for item in chosen)
    if kind == "datetime":
        try:
            return local_text(datetime.datetime.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if kind == "daterange" and isinstance(value, Mapping):
        start, end = value.get("start", ""), value.get("end", "")
        if spec.get("unit") == "hour":
            start, end = value_text({"type": "datetime"}, start, names), value_text({"type": "datetime"}, end, names)
            unit = _("hours")
        elif spec.get("unit") == "half_day":
            halves = {"am": _("morning"), "pm": _("afternoon")}
            start = f"{start} {halves.get(str(value.get('start_half')), '')}"
            end = f"{end} {halves.get(str(value.get('end_half')), '')}"
            unit = _("days")
        else:
            unit = _("days")
        return f"{start} ~ {end} ({value.get('duration', '')} {unit})"
    if kind in forms.REFERENCE_TYPES:
        lookup = {
            "person": names.employees,
            "department": names.departments,
            "attachment": names.attachments,
            "image": names.attachments,
            "related": names.instances,
        }[kind]
        items = value if isinstance(value, list) else [value]
        return "、".join(lookup.get(str(item), "—") for item in items)
    if kind == "location" and isinstance(value, Mapping):
        return str(value.get("address") or f"{value.get('lat')}, {value.get('lng')}")
    return str(value)


def _timeline(instance: Instance, flow: Flow, printed_labels: Mapping[str, str]) -> list[Step]:
    events = instance.timeline.select_related("actor", "on_behalf_of").order_by("id")
    return [_step(event, flow, printed_labels) for event in events if event.type not in UNPRINTED_EVENTS]


def _step(event: TimelineEvent, flow: Flow, printed_labels: Mapping[str, str]) -> Step:
    data = event.data or {}
    if event.type == "commented":
        files = [str(item.get("name", "")) for item in data.get("attachments", [])]
        comment = " ".join([str(data.get("text", "")), *(f"[{name}]" for name in files)]).strip()
    elif event.type == "form_edited":
        # Which fields changed, never their values: an old value of a hidden field must not leak.
        changed = [printed_labels[key] for key in data.get("changes", {}) if key in printed_labels]
        comment = "、".join(changed)
    elif event.type in ("transferred", "escalated"):
        reason = str(REASON_TEXT.get(str(data.get("reason", "")), ""))
        comment = " ".join(part for part in (f"→ {data.get('name', '')}", str(data.get("comment", "")), reason) if part)
    elif event.type == "returned":
        to = str(data.get("to", ""))
        target = _("the submitter") if to == "submitter" else str(flow.nodes.get(to, {}).get("name") or to)
        comment = " ".join(part for part in (f"→ {target}", str(data.get("comment", ""))) if part)
    elif event.type in ("auto_approved", "auto_rejected"):
        reason = str(data.get("reason", ""))
        comment = str(REASON_TEXT.get(reason, reason))
    elif event.type == "overdue":
        comment = ""
    elif event.type == "add_signed":
        comment = "、".join(str(name) for name in data.get("people", []))
    elif event.type == "finished":
        comment = str(STATUS_TEXT.get(str(data.get("status", "")), ""))
    else:
        comment = str(data.get("comment") or data.get("reason") or "")
    node = flow.nodes.get(event.node_id, {}) if event.node_id else {}
    return Step(
        at=local_text(event.created_at),
        who=event.actor.name if event.actor else _("System"),
        action=str(EVENT_TEXT.get(event.type, event.type)),
        node=str(node.get("name") or ""),
        comment=comment,
        acted_for=event.on_behalf_of.name if event.on_behalf_of else "",
    )


def _signatures(instance: Instance, flow: Flow) -> list[Signature]:
    signed = (
        instance.tasks.exclude(signature="")
        .filter(decided_at__isnull=False)
        .select_related("assignee", "acted_by", "node_run")
        .order_by("decided_at", "id")
    )
    return [_signature(task, flow) for task in signed]


def _signature(task: Task, flow: Flow) -> Signature:
    node = flow.nodes.get(task.node_run.node_id, {}) if task.node_run else {}
    who = task.acted_by or task.assignee
    return Signature(
        who=who.name,
        node=str(node.get("name") or ""),
        at=local_text(task.decided_at),
        png=signature_png(task.signature),
    )


def signature_png(data_url: str) -> bytes | None:
    """The PNG bytes of a signature data URL, or None unless it really is a modest PNG image."""
    if not data_url.startswith(PNG_DATA_URL):
        return None
    try:
        content = base64.b64decode(data_url[len(PNG_DATA_URL) :], validate=True)
        with Image.open(io.BytesIO(content)) as image:
            if image.format != "PNG" or image.width * image.height > MAX_SIGNATURE_PIXELS:
                return None
            image.verify()
    except (binascii.Error, ValueError, OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return None
    return content
