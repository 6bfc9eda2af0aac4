"""Setting up attendance: groups (who), clock-in places (where) and the field-work and offline policies.
A group's Wi-Fi networks are in `wifi`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import F

from officium.attendance import cached, geo
from officium.attendance.models import AttendanceGroup, ClockInPlace, Compensation, OvertimeSource, Shift, WifiNetwork
from officium.attendance.permissions import GROUP_MANAGE
from officium.attendance.services.calendar import supported_countries
from officium.core import audit, permissions
from officium.core.errors import Conflict, NotFound, ValidationFailed
from officium.org import selectors as org
from officium.org.models import Department, Employee

MIN_RADIUS_M, MAX_RADIUS_M = 50, 3000
DAY_TYPES = ("workday", "rest_day", "holiday")
# 加班规则: per type of day where overtime comes from and how punched overtime is compensated.
OVERTIME_CHOICES = {
    **{f"overtime_{kind}_source": OvertimeSource.values for kind in DAY_TYPES},
    **{f"overtime_{kind}_compensation": Compensation.values for kind in DAY_TYPES},
}
# The overtime numbers and their bounds (minutes after the shift; minimum minutes; cap in hours a
# request or a day; days time off in lieu may be taken in).
OVERTIME_BOUNDS = {
    "overtime_offset_minutes": (0, 720),
    "overtime_minimum_minutes": (0, 720),
    "overtime_cap_hours": (1, 24),
    "in_lieu_valid_days": (1, 730),
}
OVERTIME_FIELDS = (*OVERTIME_CHOICES, *OVERTIME_BOUNDS)
POLICY_FIELDS = (
    "kind",
    "field_work",
    "field_work_photo_required",
    "field_work_remark_required",
    "offline_max_skew_seconds",
    "offline_max_queued_hours",
    "late_grace_minutes",
    "serious_late_minutes",
    "absent_late_minutes",
    "early_grace_minutes",
    "make_up_limit_per_month",
    "allowed_lates_per_month",
    "allowed_late_minutes",
    "workdays",
    "calendar_country",
    *OVERTIME_FIELDS,
)
MAX_RULE_MINUTES = 12 * 60
MAX_MAKE_UPS = 31
MAX_ALLOWED_LATES = 31


def locked_group(group_id: UUID) -> AttendanceGroup:
    """The active group, locked for a change (404 when there is none)."""
    try:
        return AttendanceGroup.objects.select_for_update().get(pk=group_id, is_active=True)
    except AttendanceGroup.DoesNotExist:
        raise NotFound("No such attendance group.", code="group_not_found") from None


def rules_changed(group_id: UUID) -> None:
    """The group's places or networks changed: phones refetch its rules (a new version), and what every
    punch reads of it is read again (see `cached`)."""
    AttendanceGroup.objects.filter(pk=group_id).update(version=F("version") + 1)
    cached.changed(cached.GROUPS)


def _members(
    group: AttendanceGroup | None,
    department_ids: Sequence[UUID],
    employee_ids: Sequence[UUID],
    excluded: Sequence[UUID],
) -> tuple[list[Department], list[Employee], list[Employee]]:
    """The named departments and people; each department and each person named directly belongs to one group."""
    departments = list(org.active_departments().filter(pk__in=department_ids))
    people = list(Employee.objects.filter(pk__in=[*employee_ids, *excluded]))
    by_id = {person.pk: person for person in people}
    problems = [
        {"pointer": f"/{field}/{index}", "code": "not_found", "message": "No such department or employee."}
        for field, ids, known in (
            ("department_ids", department_ids, {d.pk for d in departments}),
            ("employee_ids", employee_ids, set(by_id)),
            ("excluded_ids", excluded, set(by_id)),
        )
        for index, pk in enumerate(ids)
        if pk not in known
    ]
    others = AttendanceGroup.objects.filter(is_active=True)
    if group is not None:
        others = others.exclude(pk=group.pk)
    taken_departments = set(others.filter(departments__in=department_ids).values_list("departments", flat=True))
    taken_people = set(others.filter(employees__in=employee_ids).values_list("employees", flat=True))
    problems += [
        {"pointer": f"/{field}/{index}", "code": "in_another_group", "message": "Already in another attendance group."}
        for field, ids, taken in (
            ("department_ids", department_ids, taken_departments),
            ("employee_ids", employee_ids, taken_people),
        )
        for index, pk in enumerate(ids)
        if pk in taken
    ]
    if problems:
        raise ValidationFailed("Some members cannot join this group.", code="invalid_members", errors=problems)
    return departments, [by_id[pk] for pk in employee_ids], [by_id[pk] for pk in excluded]


def _check_rules(values: Mapping[str, Any]) -> None:
    rules = (
        "late_grace_minutes",
        "serious_late_minutes",
        "absent_late_minutes",
        "early_grace_minutes",
        "allowed_late_minutes",
    )
    if any(key in values and not 0 <= values[key] <= MAX_RULE_MINUTES for key in rules):
        raise ValidationFailed("Rules count 0 to 720 minutes.", code="invalid_rules")
    if "make_up_limit_per_month" in values and not 0 <= values["make_up_limit_per_month"] <= MAX_MAKE_UPS:
        raise ValidationFailed(f"A month allows 0 (no limit) to {MAX_MAKE_UPS} make-up punches.", code="invalid_rules")
    if "allowed_lates_per_month" in values and not 0 <= values["allowed_lates_per_month"] <= MAX_ALLOWED_LATES:
        raise ValidationFailed(f"A month forgives 0 to {MAX_ALLOWED_LATES} lates.", code="invalid_rules")
    if "workdays" in values:
        days = values["workdays"]
        if not all(isinstance(day, int) and 1 <= day <= 7 for day in days) or len(set(days)) != len(days):
            raise ValidationFailed("Workdays are ISO weekdays 1 (Monday) to 7, once each.", code="invalid_workdays")


def _check_overtime(values: Mapping[str, Any]) -> None:
    if any(key in values and values[key] not in choices for key, choices in OVERTIME_CHOICES.items()):
        raise ValidationFailed(
            "Overtime comes from approval, punches or both, and is compensated by time off or pay.",
            code="invalid_overtime_rules",
        )
    for key, (low, high) in OVERTIME_BOUNDS.items():
        if key in values and not low <= values[key] <= high:
            raise ValidationFailed(f"{key} is between {low} and {high}.", code="invalid_overtime_rules")


def _check_country(values: Mapping[str, Any]) -> None:
    if "calendar_country" in values and values["calendar_country"] not in supported_countries():
        raise ValidationFailed("No calendar is known for this country.", code="invalid_country")


def _shift(shift_id: UUID | None) -> Shift | None:
    if shift_id is None:
        return None
    shift = Shift.objects.filter(pk=shift_id, is_active=True).first()
    if shift is None:
        raise ValidationFailed(
            "No such shift.",
            code="invalid_shift",
            errors=[{"pointer": "/shift_id", "code": "not_found", "message": "No such shift."}],
        )
    return shift


def _check_policy(values: Mapping[str, Any]) -> None:
    if "kind" in values and values["kind"] not in AttendanceGroup.Kind.values:
        raise ValidationFailed("A group is fixed, roster or free.", code="invalid_kind")
    _check_rules(values)
    _check_overtime(values)
    _check_country(values)
    if "offline_max_skew_seconds" in values and not 0 <= values["offline_max_skew_seconds"] <= 3600:
        raise ValidationFailed("Allow at most an hour of clock skew.", code="invalid_policy")
    if "offline_max_queued_hours" in values and not 1 <= values["offline_max_queued_hours"] <= 168:
        raise ValidationFailed("Offline punches may wait between 1 and 168 hours.", code="invalid_policy")


def group_create(
    *,
    actor: Any,
    name: str,
    department_ids: Sequence[UUID] = (),
    employee_ids: Sequence[UUID] = (),
    excluded_ids: Sequence[UUID] = (),
    shift_id: UUID | None = None,
    **policy: Any,
) -> AttendanceGroup:
    permissions.require(actor, GROUP_MANAGE)
    name = name.strip()
    if not name:
        raise ValidationFailed("Name the group.", code="name_required")
    _check_policy(policy)
    with transaction.atomic():
        departments, people, excluded = _members(None, department_ids, employee_ids, excluded_ids)
        try:
            with transaction.atomic():
                group = AttendanceGroup.objects.create(
                    name=name, shift=_shift(shift_id), **{k: policy[k] for k in POLICY_FIELDS if k in policy}
                )
        except IntegrityError:
            raise Conflict("A group with this name exists.", code="group_name_taken") from None
        group.departments.set(departments)
        group.employees.set(people)
        group.excluded.set(excluded)
        cached.changed(cached.GROUPS)
        audit.record(
            action="attendance.group.create",
            actor=actor,
            target=group,
            changes={
                "name": name,
                "departments": len(departments),
                "employees": len(people),
                "shift": str(shift_id) if shift_id else None,
                **policy,
            },
        )
    return group


def group_update(
    *,
    actor: Any,
    group_id: UUID,
    name: str | None = None,
    department_ids: Sequence[UUID] | None = None,
    employee_ids: Sequence[UUID] | None = None,
    excluded_ids: Sequence[UUID] | None = None,
    **policy: Any,
) -> AttendanceGroup:
    """Change what is given; `shift_id=None` given explicitly removes the shift (every day a rest day)."""
    permissions.require(actor, GROUP_MANAGE)
    _check_policy(policy)
    with transaction.atomic():
        group = locked_group(group_id)
        before = {"name": group.name, "shift": str(group.shift_id), **{k: getattr(group, k) for k in POLICY_FIELDS}}
        if "shift_id" in policy:
            group.shift = _shift(policy.pop("shift_id"))
        if name is not None:
            if not name.strip():
                raise ValidationFailed("Name the group.", code="name_required")
            group.name = name.strip()
        for key in POLICY_FIELDS:
            if key in policy:
                setattr(group, key, policy[key])
        if department_ids is not None or employee_ids is not None or excluded_ids is not None:
            departments, people, excluded = _members(
                group,
                department_ids if department_ids is not None else list(group.departments.values_list("pk", flat=True)),
                employee_ids if employee_ids is not None else list(group.employees.values_list("pk", flat=True)),
                excluded_ids if excluded_ids is not None else list(group.excluded.values_list("pk", flat=True)),
            )
            group.departments.set(departments)
            group.employees.set(people)
            group.excluded.set(excluded)
        group.version = F("version") + 1
        try:
            with transaction.atomic():
                group.save()
        except IntegrityError:
            raise Conflict("A group with this name exists.", code="group_name_taken") from None
        group.refresh_from_db()
        after = {"name": group.name, "shift": str(group.shift_id), **{k: getattr(group, k) for k in POLICY_FIELDS}}
        cached.changed(cached.GROUPS)
        audit.record(action="attendance.group.update", actor=actor, target=group, changes=audit.diff(before, after))
    return group


def group_delete(*, actor: Any, group_id: UUID) -> None:
    """Members stop punching under this group; their punches stay."""
    permissions.require(actor, GROUP_MANAGE)
    with transaction.atomic():
        group = locked_group(group_id)
        group.is_active = False
        group.name = f"{group.name} ({group.pk})"[:100]  # frees the name for a new group
        group.save(update_fields=["is_active", "name", "updated_at"])
        group.departments.clear()
        group.employees.clear()
        cached.changed(cached.GROUPS)
        audit.record(action="attendance.group.delete", actor=actor, target=group)


def _coordinates(latitude: Decimal, longitude: Decimal, datum: str) -> tuple[Decimal, Decimal]:
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationFailed("Coordinates out of range.", code="invalid_coordinates")
    if datum == "gcj02":
        lat, lng = geo.gcj02_to_wgs84(float(latitude), float(longitude))
        return Decimal(f"{lat:.6f}"), Decimal(f"{lng:.6f}")
    if datum != "wgs84":
        raise ValidationFailed("The datum is wgs84 or gcj02.", code="invalid_datum")
    return latitude.quantize(Decimal("0.000001")), longitude.quantize(Decimal("0.000001"))


def _check_radius(radius_m: int) -> None:
    if not MIN_RADIUS_M <= radius_m <= MAX_RADIUS_M:
        raise ValidationFailed(
            f"The radius is between {MIN_RADIUS_M} and {MAX_RADIUS_M} metres.", code="invalid_radius"
        )


def place_create(
    *,
    actor: Any,
    group_id: UUID,
    name: str,
    latitude: Decimal,
    longitude: Decimal,
    radius_m: int,
    datum: str = "wgs84",
    address: str = "",
) -> ClockInPlace:
    """A clock-in place; coordinates from a Chinese map (GCJ-02) are stored in WGS-84."""
    permissions.require(actor, GROUP_MANAGE)
    if not name.strip():
        raise ValidationFailed("Name the place.", code="name_required")
    _check_radius(radius_m)
    lat, lng = _coordinates(latitude, longitude, datum)
    with transaction.atomic():
        group = locked_group(group_id)
        try:
            with transaction.atomic():
                place = ClockInPlace.objects.create(
                    group=group,
                    name=name.strip(),
                    address=address.strip(),
                    latitude=lat,
                    longitude=lng,
                    radius_m=radius_m,
                )
        except IntegrityError:
            raise Conflict("The group has a place with this name.", code="place_name_taken") from None
        rules_changed(group.pk)
        audit.record(
            action="attendance.place.create",
            actor=actor,
            target=place,
            changes={"group": str(group.pk), "name": place.name, "radius_m": radius_m},
        )
    return place


def place_delete(*, actor: Any, place_id: UUID) -> None:
    permissions.require(actor, GROUP_MANAGE)
    with transaction.atomic():
        place = ClockInPlace.objects.filter(pk=place_id, group__is_active=True).first()
        if place is None:
            raise NotFound("No such clock-in place.", code="place_not_found")
        remove_from_group(actor=actor, item=place, action="attendance.place.delete", changes={"name": place.name})


def remove_from_group(*, actor: Any, item: ClockInPlace | WifiNetwork, action: str, changes: Mapping[str, Any]) -> None:
    """Delete a place or Wi-Fi network of an active group (in the caller's transaction): the group is
    locked, the removal audited, and the group gets a new rules version."""
    locked_group(item.group_id)
    audit.record(action=action, actor=actor, target=item, changes=dict(changes))
    item.delete()
    rules_changed(item.group_id)
