"""What attendance asks of its requests in the approval centre, at submission and at each approval:
the month must be open, time away must not overlap other time away (nor overtime other overtime)
already approved or waiting for approval, and overtime is asked for only where the group counts requests."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from officium.approvals.checks import RequestCheck
from officium.approvals.models import Instance
from officium.attendance import selectors, spans
from officium.attendance.services import absences, make_ups, overtime, periods
from officium.core.errors import Conflict, ValidationFailed
from officium.org.models import Employee

AWAY_TEMPLATES = tuple(absences.TEMPLATE_KINDS)
BOUND_TEMPLATES = (*AWAY_TEMPLATES, overtime.TEMPLATE_KEY, make_ups.TEMPLATE_KEY)
# Requests that may not overlap each other: time away with time away, overtime with overtime.
EXCLUSIVE = dict.fromkeys(AWAY_TEMPLATES, AWAY_TEMPLATES) | {overtime.TEMPLATE_KEY: (overtime.TEMPLATE_KEY,)}
PENDING_OR_APPROVED = (Instance.Status.RUNNING, Instance.Status.APPROVED)


def span_of(employee: Employee, template_key: str, form_data: dict[str, object] | object) -> spans.Span | None:
    """The time a bound request of the employee is about; None when the form names none."""
    if not isinstance(form_data, dict):
        return None
    if template_key == make_ups.TEMPLATE_KEY:
        moment = parse_datetime(str(form_data.get("punch_at") or ""))
        if moment is None:
            return None
        moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.get_current_timezone())
        return moment, moment + datetime.timedelta(seconds=1)
    return selectors.request_span(employee, form_data.get(absences.PERIOD_FIELD))


class RequestOverlaps(Conflict):
    code = "request_overlaps"


class MakeUpLimitReached(Conflict):
    code = "make_up_limit_reached"


class OvertimeFromPunches(ValidationFailed):
    code = "overtime_from_punches"


def _overtime_needs_request(request: RequestCheck, moment: datetime.datetime) -> None:
    """A day whose overtime the group counts from punches alone takes no request: it would count nothing."""
    group = selectors.group_for(request.submitter)
    kind = overtime.day_type(group, timezone.localtime(moment).date(), request.submitter.pk)
    if overtime.source_for(group, kind) == "punches":
        raise OvertimeFromPunches(
            "Overtime on this day is counted from your punches; no request is needed.", day_type=kind
        )


def _within_make_up_limit(request: RequestCheck, moment: datetime.datetime) -> None:
    """The group's monthly allowance of make-up punches, counting those waiting and approved."""
    group = selectors.group_for(request.submitter)
    limit = group.make_up_limit_per_month if group else 0
    if not limit:
        return
    month = timezone.localtime(moment).date().replace(day=1)
    taken = 0
    for form_data in (
        Instance.objects.filter(
            submitter=request.submitter, template__key=make_ups.TEMPLATE_KEY, status__in=PENDING_OR_APPROVED
        )
        .exclude(pk=request.instance_id)
        .values_list("form_data", flat=True)
    ):
        other = span_of(request.submitter, make_ups.TEMPLATE_KEY, form_data)
        taken += other is not None and timezone.localtime(other[0]).date().replace(day=1) == month
    if taken >= limit:
        raise MakeUpLimitReached(
            f"{month:%Y-%m} allows {limit} make-up punches; {taken} are asked for already.", limit=limit, taken=taken
        )


def check(request: RequestCheck) -> None:
    span = span_of(request.submitter, request.template_key, dict(request.form_data))
    if span is None:
        return  # the form's own validation has required the period
    periods.require_open(span[0], span[1] - datetime.timedelta(microseconds=1))
    if request.template_key == make_ups.TEMPLATE_KEY:
        _within_make_up_limit(request, span[0])
    if request.template_key == overtime.TEMPLATE_KEY:
        _overtime_needs_request(request, span[0])
    rivals = EXCLUSIVE.get(request.template_key)
    if not rivals:
        return
    others = (
        Instance.objects.filter(submitter=request.submitter, template__key__in=rivals, status__in=PENDING_OR_APPROVED)
        .exclude(pk=request.instance_id)
        .values_list("template__key", "form_data", "serial_number", "status")
    )
    for key, form_data, serial_number, status in others:
        other = span_of(request.submitter, key, form_data)
        if other is not None and other[0] < span[1] and span[0] < other[1]:
            raise RequestOverlaps(
                f"This overlaps request {serial_number}, which is {status}.",
                serial_number=serial_number,
                request_status=status,
            )
