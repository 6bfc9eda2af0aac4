"""Reads of attendance: an employee's group, the groups an administrator manages, one's own punches."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from officium.attendance import cached, results, spans
from officium.attendance.models import (
    Absence,
    AttendanceGroup,
    CalendarDay,
    ClockInPlace,
    Consent,
    DayRecord,
    MakeUpPunch,
    OvertimeRecord,
    PeriodLock,
    Punch,
    PunchReview,
    RosterEntry,
    Shift,
    WifiNetwork,
)
from officium.attendance.permissions import GROUP_MANAGE, PUNCH_REVIEW
from officium.core import permissions
from officium.core.errors import NotFound
from officium.org import selectors as org
from officium.org.models import Employee


def _with_places(groups: QuerySet[AttendanceGroup]) -> QuerySet[AttendanceGroup]:
    return groups.prefetch_related(Prefetch("places", queryset=ClockInPlace.objects.order_by("name")))


def _with_rules(groups: QuerySet[AttendanceGroup]) -> QuerySet[AttendanceGroup]:
    """With what a punch is judged against: the places and the Wi-Fi networks."""
    return _with_places(groups).prefetch_related(
        Prefetch("wifi_networks", queryset=WifiNetwork.objects.order_by("name", "bssid"))
    )


@dataclass(frozen=True)
class GroupDirectory:
    """Every active group (with its places and shift) and who belongs to which: what a punch reads.
    Shared by the requests of a process (see `cached.in_process`): its groups are read-only."""

    groups: dict[UUID, AttendanceGroup]
    named: dict[UUID, list[UUID]]  # employee → the groups naming them directly, oldest first
    by_department: dict[UUID, list[UUID]]  # department → its groups, oldest first
    excluded: dict[UUID, frozenset[UUID]]  # group → the employees it excludes

    def group_for(self, employee: Employee) -> AttendanceGroup | None:
        """Named directly, or through the nearest department (sub-departments belong to their
        parent's group) — unless the group excludes them."""
        department = employee.main_department
        nearest_first = [department.pk, *(UUID(hex=pk) for pk in reversed(department.ancestor_ids or []))]
        candidates = [
            *self.named.get(employee.pk, ()),
            *(group_id for department_id in nearest_first for group_id in self.by_department.get(department_id, ())),
        ]
        return next(
            (self.groups[pk] for pk in candidates if employee.pk not in self.excluded.get(pk, frozenset())), None
        )


def group_directory() -> GroupDirectory:
    found: GroupDirectory = cached.in_process(cached.GROUPS, _group_directory)
    return found


def _group_directory() -> GroupDirectory:
    groups = {
        group.pk: group
        for group in _with_rules(AttendanceGroup.objects.filter(is_active=True).select_related("shift")).order_by("pk")
    }
    named: dict[UUID, list[UUID]] = {}
    by_department: dict[UUID, list[UUID]] = {}
    excluded: dict[UUID, set[UUID]] = {}
    memberships = (
        (AttendanceGroup.employees.through, "employee_id", named),
        (AttendanceGroup.departments.through, "department_id", by_department),
    )
    for through, column, index in memberships:
        for group_id, member_id in through.objects.filter(attendancegroup__in=groups).values_list(
            "attendancegroup_id", column
        ):
            index.setdefault(member_id, []).append(group_id)
    for group_id, employee_id in AttendanceGroup.excluded.through.objects.filter(
        attendancegroup__in=groups
    ).values_list("attendancegroup_id", "employee_id"):
        excluded.setdefault(group_id, set()).add(employee_id)
    for members in (*named.values(), *by_department.values()):
        members.sort()
    return GroupDirectory(groups, named, by_department, {pk: frozenset(ids) for pk, ids in excluded.items()})


def group_for(employee: Employee) -> AttendanceGroup | None:
    """The employee's group (see `GroupDirectory.group_for`)."""
    return group_directory().group_for(employee)


def groups(*, actor: Any) -> QuerySet[AttendanceGroup]:
    permissions.require(actor, GROUP_MANAGE)
    return (
        _with_rules(AttendanceGroup.objects.filter(is_active=True))
        .prefetch_related("departments", "employees", "excluded")
        .order_by("name")
    )


def group(*, actor: Any, group_id: UUID) -> AttendanceGroup:
    try:
        return groups(actor=actor).get(pk=group_id)
    except AttendanceGroup.DoesNotExist:
        raise NotFound("No such attendance group.", code="group_not_found") from None


def shifts(*, actor: Any) -> QuerySet[Shift]:
    permissions.require(actor, GROUP_MANAGE)
    return Shift.objects.filter(is_active=True).order_by("name")


def consents(employee: Employee) -> set[str]:
    """The purposes the employee has consented to and not withdrawn (cached, see `cached`)."""
    return cached.consents_of(employee.pk, lambda: _consents(employee))


def _consents(employee: Employee) -> set[str]:
    return consents_of_many([employee.pk]).get(employee.pk, set())


def consents_of_many(employee_ids: Iterable[UUID]) -> dict[UUID, set[str]]:
    """{employee id: the purposes consented to} for many employees in one query (uncached)."""
    found: dict[UUID, set[str]] = {}
    active = Consent.objects.filter(employee__in=list(employee_ids), withdrawn_at__isnull=True)
    for employee_id, purpose in active.values_list("employee_id", "purpose"):
        found.setdefault(employee_id, set()).add(purpose)
    return found


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The day in the organisation's time zone, as an aware [start, end) interval."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, start + datetime.timedelta(days=1)


def punches_of(employee: Employee, *, since: datetime.date, until: datetime.date) -> QuerySet[Punch]:
    """The employee's punches from `since` to `until` (both days included), oldest first."""
    start, _ = day_bounds(since)
    _, end = day_bounds(until)
    return (
        Punch.objects.filter(employee=employee, punched_at__gte=start, punched_at__lt=end)
        .select_related("place", "wifi_network")
        .order_by("punched_at")
    )


def calendar(country: str, *, since: datetime.date, until: datetime.date) -> dict[datetime.date, str]:
    """{date: holiday | workday | normal} for the days that are not what their weekday says."""
    return dict(
        CalendarDay.objects.filter(country=country, date__gte=since, date__lte=until).values_list("date", "kind")
    )


def is_workday(group: AttendanceGroup, day: datetime.date, calendar_kind: str | None) -> bool:
    if calendar_kind == CalendarDay.Kind.HOLIDAY:
        return False
    if calendar_kind == CalendarDay.Kind.WORKDAY:
        return True
    return day.isoweekday() in group.workdays


def judged_shift(group: AttendanceGroup, shift: Shift) -> results.ShiftRule:
    """The shift judged by the group's rules."""
    return results.ShiftRule(
        segments=tuple(
            results.Segment(results.parse_time(s["on"]), results.parse_time(s["off"])) for s in shift.segments
        ),
        on_window_minutes=shift.on_window_minutes,
        off_window_minutes=shift.off_window_minutes,
        flex_minutes=shift.flex_minutes,
        late_grace_minutes=group.late_grace_minutes,
        serious_late_minutes=group.serious_late_minutes,
        absent_late_minutes=group.absent_late_minutes,
        early_grace_minutes=group.early_grace_minutes,
        rest=results.Rest(results.parse_time(shift.rest["start"]), results.parse_time(shift.rest["end"]))
        if shift.rest
        else None,
    )


Roster = Mapping[datetime.date, Shift | None]


def shift_rule(
    group: AttendanceGroup | None, day: datetime.date, calendar_kind: str | None = None, roster: Roster | None = None
) -> results.ShiftRule | None:
    """The shift and rules the group applies on `day`; None for a rest day (or a holiday). A roster
    group applies the person's `roster` (their entries by day) whatever the calendar says; free
    hours have no shift."""
    if group is None:
        return None
    if group.kind == AttendanceGroup.Kind.ROSTER:
        shift = (roster or {}).get(day)
    elif group.kind == AttendanceGroup.Kind.FIXED and is_workday(group, day, calendar_kind):
        shift = group.shift
    else:
        shift = None
    return judged_shift(group, shift) if shift is not None else None


def roster_entries(
    employee_ids: Iterable[UUID], *, since: datetime.date, until: datetime.date
) -> dict[UUID, dict[UUID, dict[datetime.date, Shift | None]]]:
    """{employee: {group: {day: shift or None}}} of these people's roster entries (one query)."""
    found: dict[UUID, dict[UUID, dict[datetime.date, Shift | None]]] = {}
    entries = RosterEntry.objects.filter(
        employee_id__in=list(employee_ids), day__gte=since, day__lte=until
    ).select_related("shift")
    for entry in entries:
        found.setdefault(entry.employee_id, {}).setdefault(entry.group_id, {})[entry.day] = entry.shift
    return found


def _roster_of(
    entries: Mapping[UUID, Mapping[UUID, Roster]], employee_id: UUID, group: AttendanceGroup | None
) -> Roster:
    """The person's plan in their current group (entries made in another group do not count)."""
    if group is None or group.kind != AttendanceGroup.Kind.ROSTER:
        return {}
    return entries.get(employee_id, {}).get(group.pk, {})


# Without a group or a shift, a request is measured against office hours on weekdays.
OFFICE_HOURS = results.ShiftRule(segments=results.OFFICE_HOURS)
SHIFT_REACH = datetime.timedelta(days=1)  # how far before a working day its last segment can start


def _rules(employee: Employee, span: spans.Span) -> dict[datetime.date, results.ShiftRule]:
    """The rule of each working day the span touches: the shift of a fixed group on its workdays, the
    roster of a roster group, office hours on a free-hours group's workdays (and, without a group or
    a shift, on weekdays)."""
    days = spans.days_touched(span, timezone.get_current_timezone())
    group = group_for(employee)
    kinds = calendar(group.calendar_country, since=days[0], until=days[-1]) if group else {}
    roster: Roster = {}
    if group is not None and group.kind == AttendanceGroup.Kind.ROSTER:
        entries = roster_entries([employee.pk], since=days[0], until=days[-1])
        roster = _roster_of(entries, employee.pk, group)
    found = {}
    for day in days:
        if group is not None and group.kind == AttendanceGroup.Kind.FREE:
            rule: results.ShiftRule | None = OFFICE_HOURS if is_workday(group, day, kinds.get(day)) else None
        elif group is not None and (group.shift is not None or group.kind == AttendanceGroup.Kind.ROSTER):
            rule = shift_rule(group, day, kinds.get(day), roster)
        else:
            rule = OFFICE_HOURS if day.isoweekday() <= 5 else None
        if rule is not None:
            found[day] = rule
    return found


def schedule(employee: Employee, span: spans.Span) -> dict[datetime.date, spans.WorkingDay]:
    """The employee's working time on each working day the span touches (rest windows left out)."""
    tz = timezone.get_current_timezone()
    return {day: results.working_day(day, rule, tz) for day, rule in _rules(employee, span).items()}


def rests(employee: Employee, span: spans.Span) -> list[spans.Span]:
    """The rest windows (午休) of the employee's working days that the span touches."""
    tz = timezone.get_current_timezone()
    found = (results.rest_bounds(day, rule, tz) for day, rule in _rules(employee, span).items())
    return [rest for rest in found if rest is not None]


def halves_for(employee: Employee) -> spans.Halves:
    """Where the employee's day splits into its morning and afternoon halves (上午 / 下午): across the
    rest window of their shift, else at its middle, from its first on time to its last off time
    (office hours without a shift)."""
    tz = timezone.get_current_timezone()
    group = group_for(employee)
    rule = judged_shift(group, group.shift) if group is not None and group.shift is not None else OFFICE_HOURS
    return lambda day: results.halves(day, rule, tz)


def request_span(employee: Employee, value: Any) -> spans.Span | None:
    """The span of a request's range field, for this employee (their halves of a day)."""
    return spans.request_span(value, timezone.get_current_timezone(), halves_for(employee))


def request_coverage(employee: Employee, span: spans.Span) -> list[spans.DayCoverage]:
    """How much of the employee's schedule a request over `span` takes, per working day."""
    return spans.coverage(span, schedule(employee, span))


def days_of(employee: Employee, *, since: datetime.date, until: datetime.date) -> list[results.DayResult]:
    """Each day's result from the accepted punches, the group's current shift and rules, and now.
    Punches that need review count once a reviewer accepts them."""
    group = group_for(employee)
    return days_for_people({employee.pk: group}, since=since, until=until)[employee.pk]


def days_for_people(
    groups_by_employee: dict[UUID, AttendanceGroup | None], *, since: datetime.date, until: datetime.date
) -> dict[UUID, list[results.DayResult]]:
    """`days_of` for many people at once, in a fixed number of queries: the worker's records of the
    days that have settled (and of closed months), the others computed now."""
    closed = set(
        PeriodLock.objects.filter(month__gte=since.replace(day=1), month__lte=until).values_list("month", flat=True)
    )
    stored: dict[UUID, dict[datetime.date, results.DayResult]] = {pk: {} for pk in groups_by_employee}
    records = DayRecord.objects.filter(
        employee_id__in=list(groups_by_employee), day__gte=since, day__lte=until
    ).values_list("employee_id", "day", "status", "slots", "settles_at", "computed_at")
    for employee_id, day, status, slots, settles, computed_at in records:
        if computed_at >= settles or day.replace(day=1) in closed:
            stored[employee_id][day] = results.day_from_json(day, status, slots)
    every_day = [since + datetime.timedelta(days=n) for n in range((until - since).days + 1)]
    missing = {pk: [day for day in every_day if day not in stored[pk]] for pk in groups_by_employee}
    unsettled = {pk: group for pk, group in groups_by_employee.items() if missing[pk]}
    if unsettled:
        first = min(days[0] for days in missing.values() if days)
        last = max(days[-1] for days in missing.values() if days)
        for employee_id, computed in compute_days_for_people(unsettled, since=first, until=last).items():
            stored[employee_id].update((day.day, day) for day in computed if day.day not in stored[employee_id])
    return {pk: [stored[pk][day] for day in every_day] for pk in groups_by_employee}


def punch_facts(
    employee_ids: list[UUID], *, since: datetime.date, until: datetime.date
) -> dict[UUID, list[results.PunchFact]]:
    """The punches that count from `since` to `until` (both days included), per person: accepted ones
    (or accepted on review) and approved make-ups, in two queries."""
    start, _ = day_bounds(since)
    _, end = day_bounds(until)
    facts: dict[UUID, list[results.PunchFact]] = {pk: [] for pk in employee_ids}
    counted = Q(status=Punch.Status.ACCEPTED) | Q(review__decision=PunchReview.Decision.ACCEPTED)
    punches = Punch.objects.filter(
        counted, employee_id__in=employee_ids, punched_at__gte=start, punched_at__lt=end
    ).values_list("employee_id", "id", "punched_at")
    for employee_id, pk, at in punches:
        facts[employee_id].append(results.PunchFact(str(pk), at))
    make_ups = MakeUpPunch.objects.filter(
        employee_id__in=employee_ids, revoked_at=None, punched_at__gte=start, punched_at__lt=end
    ).values_list("employee_id", "id", "punched_at")
    for employee_id, pk, at in make_ups:
        facts[employee_id].append(results.PunchFact(str(pk), at, made_up=True))
    return facts


def compute_days_for_people(
    groups_by_employee: dict[UUID, AttendanceGroup | None], *, since: datetime.date, until: datetime.date
) -> dict[UUID, list[results.DayResult]]:
    """Each person's days computed now from punches, make-ups, time away, the group's shift and rules
    and the calendar: a fixed number of queries, whatever their number. When a group forgives some
    lates a month, the days are computed from the first of the month (the lates before count)."""
    requested = since
    if any(group is not None and group.allowed_lates_per_month for group in groups_by_employee.values()):
        since = since.replace(day=1)
    tz = timezone.get_current_timezone()
    start, _ = day_bounds(since)
    _, end = day_bounds(until + datetime.timedelta(days=1))  # a night shift's off slot is the next morning
    facts = punch_facts(list(groups_by_employee), since=since, until=until + datetime.timedelta(days=1))
    away: dict[UUID, list[results.AwayFact]] = {pk: [] for pk in groups_by_employee}
    absences = Absence.objects.filter(
        employee_id__in=list(groups_by_employee), revoked_at=None, starts_at__lt=end, ends_at__gt=start - SHIFT_REACH
    ).values_list("employee_id", "kind", "starts_at", "ends_at", "leave_type")
    for employee_id, kind, starts_at, ends_at, leave_type in absences:
        away[employee_id].append(results.AwayFact(cast(results.AwayKind, kind), starts_at, ends_at, leave_type))
    countries = {group.calendar_country for group in groups_by_employee.values() if group}
    kinds = {country: calendar(country, since=since, until=until) for country in countries}
    rostered = [pk for pk, group in groups_by_employee.items() if group and group.kind == AttendanceGroup.Kind.ROSTER]
    entries = roster_entries(rostered, since=since, until=until) if rostered else {}
    now = timezone.now()
    days = {}
    for employee_id, group in groups_by_employee.items():
        day_kinds = kinds[group.calendar_country] if group else {}
        roster = _roster_of(entries, employee_id, group)
        row, day = [], since
        while day <= until:
            if group is not None and group.kind == AttendanceGroup.Kind.FREE:
                row.append(
                    results.compute_free_day(
                        day,
                        workday=is_workday(group, day, day_kinds.get(day)),
                        punches=facts[employee_id],
                        now=now,
                        tz=tz,
                        away=away[employee_id],
                    )
                )
            else:
                rule = shift_rule(group, day, day_kinds.get(day), roster)
                row.append(results.compute_day(rule, day, facts[employee_id], now, tz, away[employee_id]))
            day += datetime.timedelta(days=1)
        if group is not None:
            row = results.forgive_lates(
                row, allowed=group.allowed_lates_per_month, within_minutes=group.allowed_late_minutes
            )
        days[employee_id] = row[(requested - since).days :]
    return days


def groups_for(employees: list[Employee]) -> dict[UUID, AttendanceGroup | None]:
    """`group_for` for many people at once, in four queries."""
    active = list(
        _with_places(AttendanceGroup.objects.filter(is_active=True).select_related("shift")).prefetch_related(
            "departments", "employees", "excluded"
        )
    )
    direct = {employee.pk: group for group in active for employee in group.employees.all()}
    by_department = {department.pk: group for group in active for department in group.departments.all()}
    excluded = {(group.pk, employee.pk) for group in active for employee in group.excluded.all()}
    found: dict[UUID, AttendanceGroup | None] = {}
    for employee in employees:
        department = employee.main_department
        nearest_first = [department.pk, *(UUID(hex=pk) for pk in reversed(department.ancestor_ids or []))]
        candidates = [direct.get(employee.pk), *(by_department.get(pk) for pk in nearest_first)]
        found[employee.pk] = next(
            (group for group in candidates if group is not None and (group.pk, employee.pk) not in excluded), None
        )
    return found


def punches_to_review(*, actor: Any) -> QuerySet[Punch]:
    """Punches that need review and have none, of the people in the reviewer's scope, oldest first."""
    reachable = org.employees_in_scope(actor=actor, code=PUNCH_REVIEW)
    return (
        Punch.objects.filter(status=Punch.Status.NEEDS_REVIEW, review__isnull=True, employee__in=reachable)
        .select_related("employee", "place", "wifi_network")
        .order_by("id")
    )


def members_of(group_id: UUID) -> list[Employee]:
    """The working people whose attendance group this is, by employee number (a fixed number of queries)."""
    people = list(
        Employee.objects.filter(status__in=("active", "probation"))
        .select_related("main_department")
        .order_by("employee_number")
    )
    found = groups_for(people)
    return [person for person in people if (group := found[person.pk]) is not None and group.pk == group_id]


@dataclass(frozen=True)
class RosterView:
    group: AttendanceGroup
    members: list[Employee]
    entries: dict[UUID, dict[datetime.date, Shift | None]]  # {employee: {day: shift or None (rest)}}


def roster(*, actor: Any, group_id: UUID, since: datetime.date, until: datetime.date) -> RosterView:
    """A roster group's members and their entries from `since` to `until` (an administrator's read)."""
    found = group(actor=actor, group_id=group_id)
    people = members_of(found.pk)
    entries = roster_entries([person.pk for person in people], since=since, until=until)
    planned = {person.pk: dict(entries.get(person.pk, {}).get(found.pk, {})) for person in people}
    return RosterView(found, people, planned)


@dataclass(frozen=True)
class InLieuOwed:
    """What an overtime record owes in time off in lieu (调休) now: its hours when it is compensated by
    time off and not revoked, else nothing; `revision` names this state."""

    employee_id: UUID
    hours: Decimal
    until: datetime.date | None
    revision: int
    revoked: bool


def in_lieu_owed(record_id: UUID) -> InLieuOwed | None:
    record = OvertimeRecord.objects.filter(pk=record_id).first()
    if record is None:
        return None
    owed = record.revoked_at is None and record.compensation == OvertimeRecord.Compensation.TIME_OFF
    return InLieuOwed(
        employee_id=record.employee_id,
        hours=Decimal(record.hours) if owed else Decimal(0),
        until=record.in_lieu_until,
        revision=record.revision,
        revoked=record.revoked_at is not None,
    )
