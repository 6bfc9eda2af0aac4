"""Shifts (班次): the working hours groups schedule."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from officium.attendance import cached
from officium.attendance.models import AttendanceGroup, Shift
from officium.attendance.permissions import GROUP_MANAGE
from officium.attendance.results import parse_time
from officium.core import audit, permissions
from officium.core.errors import Conflict, NotFound, ValidationFailed

MAX_SEGMENTS = 3
MAX_WINDOW_MINUTES = 12 * 60
MAX_FLEX_MINUTES = 4 * 60
DAY_MINUTES = 24 * 60


def clean_segments(segments: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """1 to 3 segments of "HH:MM" times, in order, not overlapping, all within 24 hours of the first start."""
    if not 1 <= len(segments) <= MAX_SEGMENTS:
        raise ValidationFailed(f"A shift has 1 to {MAX_SEGMENTS} segments.", code="invalid_segments")
    cleaned: list[dict[str, str]] = []
    first_on, previous_end = 0, 0  # minutes after the first segment's start
    for index, segment in enumerate(segments):
        try:
            on, off = parse_time(str(segment["on"])), parse_time(str(segment["off"]))
        except (KeyError, ValueError):
            raise ValidationFailed(
                "Times are HH:MM.",
                code="invalid_segments",
                errors=[{"pointer": f"/segments/{index}", "code": "invalid_time", "message": "Use HH:MM."}],
            ) from None
        on_minutes, off_minutes = on.hour * 60 + on.minute, off.hour * 60 + off.minute
        if index == 0:
            first_on = on_minutes
        start = (on_minutes - first_on) % DAY_MINUTES
        length = (off_minutes - on_minutes) % DAY_MINUTES or DAY_MINUTES
        if start < previous_end or start + length > DAY_MINUTES:
            raise ValidationFailed(
                "Segments follow each other without overlapping, within 24 hours.", code="invalid_segments"
            )
        previous_end = start + length
        cleaned.append({"on": f"{on:%H:%M}", "off": f"{off:%H:%M}"})
    return cleaned


def clean_rest(rest: Mapping[str, Any] | None, segments: Sequence[Mapping[str, str]]) -> dict[str, str] | None:
    """A rest window (午休) of "HH:MM" times strictly inside the shift's only segment, or None."""
    if rest is None:
        return None
    problem = ValidationFailed(
        "The rest window lies inside the shift's only segment.",
        code="invalid_rest",
        errors=[{"pointer": "/rest", "code": "invalid_rest", "message": "Start and end inside the segment."}],
    )
    try:
        start, end = parse_time(str(rest["start"])), parse_time(str(rest["end"]))
    except (KeyError, ValueError):
        raise problem from None
    if len(segments) != 1:
        raise problem
    on, off = parse_time(segments[0]["on"]), parse_time(segments[0]["off"])

    def after_on(moment: datetime.time) -> int:
        return ((moment.hour - on.hour) * 60 + moment.minute - on.minute) % DAY_MINUTES

    length = after_on(off) or DAY_MINUTES
    if not 0 < after_on(start) < after_on(end) < length:
        raise problem
    return {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}


def _check_windows(values: Mapping[str, Any]) -> None:
    for key in ("on_window_minutes", "off_window_minutes"):
        if key in values and not 0 <= values[key] <= MAX_WINDOW_MINUTES:
            raise ValidationFailed("A punch window is at most 12 hours.", code="invalid_window")
    if "flex_minutes" in values and not 0 <= values["flex_minutes"] <= MAX_FLEX_MINUTES:
        raise ValidationFailed("Flexible time is at most 4 hours.", code="invalid_flex")


def shift_create(
    *,
    actor: Any,
    name: str,
    segments: Sequence[Mapping[str, Any]],
    on_window_minutes: int = 120,
    off_window_minutes: int = 240,
    flex_minutes: int = 0,
    rest: Mapping[str, Any] | None = None,
) -> Shift:
    permissions.require(actor, GROUP_MANAGE)
    if not name.strip():
        raise ValidationFailed("Name the shift.", code="name_required")
    _check_windows(
        {"on_window_minutes": on_window_minutes, "off_window_minutes": off_window_minutes, "flex_minutes": flex_minutes}
    )
    cleaned = clean_segments(segments)
    cleaned_rest = clean_rest(rest, cleaned)
    with transaction.atomic():
        try:
            with transaction.atomic():
                shift = Shift.objects.create(
                    name=name.strip(),
                    segments=cleaned,
                    on_window_minutes=on_window_minutes,
                    off_window_minutes=off_window_minutes,
                    flex_minutes=flex_minutes,
                    rest=cleaned_rest,
                )
        except IntegrityError:
            raise Conflict("A shift with this name exists.", code="shift_name_taken") from None
        audit.record(
            action="attendance.shift.create",
            actor=actor,
            target=shift,
            changes={"segments": cleaned, "rest": cleaned_rest},
        )
    return shift


def _locked_shift(shift_id: UUID) -> Shift:
    try:
        return Shift.objects.select_for_update().get(pk=shift_id, is_active=True)
    except Shift.DoesNotExist:
        raise NotFound("No such shift.", code="shift_not_found") from None


def _audited(shift: Shift) -> dict[str, Any]:
    return {
        "name": shift.name,
        "segments": shift.segments,
        "rest": shift.rest,
        "on": shift.on_window_minutes,
        "off": shift.off_window_minutes,
        "flex": shift.flex_minutes,
    }


def shift_update(*, actor: Any, shift_id: UUID, **changes: Any) -> Shift:
    """Change a shift; the groups using it get a new rules version (phones refetch)."""
    permissions.require(actor, GROUP_MANAGE)
    _check_windows(changes)
    with transaction.atomic():
        shift = _locked_shift(shift_id)
        before = _audited(shift)
        if "name" in changes:
            if not str(changes["name"]).strip():
                raise ValidationFailed("Name the shift.", code="name_required")
            shift.name = str(changes["name"]).strip()
        if "segments" in changes:
            shift.segments = clean_segments(changes["segments"])
        if "segments" in changes or "rest" in changes:  # a rest must fit the segments it ends up with
            shift.rest = clean_rest(changes.get("rest", shift.rest), shift.segments)
        for key in ("on_window_minutes", "off_window_minutes", "flex_minutes"):
            if key in changes:
                setattr(shift, key, changes[key])
        try:
            with transaction.atomic():
                shift.save()
        except IntegrityError:
            raise Conflict("A shift with this name exists.", code="shift_name_taken") from None
        AttendanceGroup.objects.filter(shift=shift).update(version=F("version") + 1)
        after = _audited(shift)
        cached.changed(cached.GROUPS)
        audit.record(action="attendance.shift.update", actor=actor, target=shift, changes=audit.diff(before, after))
    return shift


def shift_delete(*, actor: Any, shift_id: UUID) -> None:
    permissions.require(actor, GROUP_MANAGE)
    with transaction.atomic():
        shift = _locked_shift(shift_id)
        in_use = list(AttendanceGroup.objects.filter(shift=shift, is_active=True).values_list("name", flat=True))
        if in_use:
            raise Conflict("Groups still use this shift.", code="shift_in_use", groups=in_use)
        rostered = list(
            AttendanceGroup.objects.filter(is_active=True, roster__shift=shift, roster__day__gte=timezone.localdate())
            .values_list("name", flat=True)
            .distinct()
        )
        if rostered:
            raise Conflict("Rosters still plan this shift.", code="shift_in_use", groups=sorted(rostered))
        shift.is_active = False
        shift.name = f"{shift.name} ({shift.pk})"[:50]
        shift.save(update_fields=["is_active", "name", "updated_at"])
        cached.changed(cached.GROUPS)
        audit.record(action="attendance.shift.delete", actor=actor, target=shift)
