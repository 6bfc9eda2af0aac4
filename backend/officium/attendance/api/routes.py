"""HTTP API of attendance: today's punch screen, punching (one or a batch), days, consent, shifts, groups, places."""

import datetime
import re
from dataclasses import asdict
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import File, Query, Status, UploadedFile
from ninja.pagination import paginate

from officium.attendance import daily_report, department_report, reports, results, roster_sheets, selectors
from officium.attendance.api.schemas import (
    BatchItemOut,
    CalendarDayIn,
    CalendarDayOut,
    CalendarQuery,
    ConsentIn,
    ConsentOut,
    CopyWeekIn,
    DailyExportQuery,
    DailyQuery,
    DailyRowOut,
    DayOut,
    DaysIn,
    DepartmentReportOut,
    GroupIn,
    GroupOut,
    GroupPatch,
    MonthExportQuery,
    MonthQuery,
    MonthRowOut,
    PeriodLockOut,
    PhotoOut,
    PlaceIn,
    PlaceOut,
    PunchAnswer,
    PunchBatchIn,
    PunchIn,
    PunchOut,
    PunchToReviewOut,
    RecomputeIn,
    RecomputeOut,
    ReviewIn,
    ReviewOut,
    RosterIn,
    RosterMonthQuery,
    RosterOut,
    RosterQuery,
    RosterSavedOut,
    SeedOut,
    SeriesDayOut,
    ShiftIn,
    ShiftOut,
    ShiftPatch,
    TodayOut,
    WifiNetworkIn,
    WifiOut,
)
from officium.attendance.models import (
    AttendanceGroup,
    CalendarDay,
    ClockInPlace,
    PeriodLock,
    Punch,
    Shift,
    WifiNetwork,
)
from officium.attendance.permissions import GROUP_MANAGE, PERIOD_LOCK, PUNCH_REVIEW, REPORT_VIEW
from officium.attendance.services import calendar as calendar_services
from officium.attendance.services import day_records as day_record_services
from officium.attendance.services import groups as group_services
from officium.attendance.services import periods as period_services
from officium.attendance.services import punches as punch_services
from officium.attendance.services import reviews as review_services
from officium.attendance.services import rosters as roster_services
from officium.attendance.services import shifts as shift_services
from officium.attendance.services import wifi as wifi_services
from officium.core import permissions
from officium.core.api_base import IsoDate, Router, actor, file_docs, file_response, requires, sent_fields
from officium.core.errors import ValidationFailed
from officium.core.pagination import KeysetPagination
from officium.core.spreadsheets import CSV, XLSX
from officium.org import selectors as org

router = Router(tags=["attendance"])
AUTHENTICATED = permissions.AUTHENTICATED
MAX_RANGE_DAYS = 62


def _place(place: ClockInPlace | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "id": place.pk,
        "name": place.name,
        "address": place.address,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "radius_m": place.radius_m,
    }


def _wifi(network: WifiNetwork | None) -> dict[str, Any] | None:
    if network is None:
        return None
    return {"id": network.pk, "name": network.name, "ssid": network.ssid, "bssid": network.bssid}


def _punch(punch: Punch) -> dict[str, Any]:
    return {
        "id": punch.pk,
        "punched_at": punch.punched_at,
        "received_at": punch.received_at,
        "source": punch.source,
        "status": punch.status,
        "review_reasons": punch.review_reasons,
        "place": _place(punch.place),
        "distance_m": punch.distance_m,
        "wifi": _wifi(punch.wifi_network),
        "field_work": punch.field_work,
        "remark": punch.remark,
    }


def _shift(shift: Shift | None) -> dict[str, Any] | None:
    if shift is None:
        return None
    return {
        "id": shift.pk,
        "name": shift.name,
        "segments": shift.segments,
        "on_window_minutes": shift.on_window_minutes,
        "off_window_minutes": shift.off_window_minutes,
        "flex_minutes": shift.flex_minutes,
        "rest": shift.rest,
    }


def _day(result: results.DayResult) -> dict[str, Any]:
    return {
        "day": result.day,
        "status": result.status,
        "slots": [asdict(slot) for slot in result.slots],
        "late_minutes": result.late_minutes,
        "early_minutes": result.early_minutes,
    }


def _group(group: AttendanceGroup) -> dict[str, Any]:
    return {
        "id": group.pk,
        "name": group.name,
        "version": group.version,
        "shift": _shift(group.shift),
        **{key: getattr(group, key) for key in group_services.POLICY_FIELDS},
        "departments": [{"id": d.pk, "name": d.name} for d in group.departments.all()],
        "employees": [{"id": e.pk, "name": e.name} for e in group.employees.all()],
        "excluded": [{"id": e.pk, "name": e.name} for e in group.excluded.all()],
        "places": [_place(place) for place in group.places.all()],
        "wifi_networks": [_wifi(network) for network in group.wifi_networks.all()],
    }


def punch_item(payload: PunchIn) -> punch_services.PunchIn:
    values = payload.model_dump(exclude={"wifi"})
    if payload.wifi is not None:
        values.update(wifi_ssid=payload.wifi.ssid, wifi_bssid=payload.wifi.bssid)
    return punch_services.PunchIn(**values)


def punch_answer(outcome: punch_services.Outcome) -> tuple[int, dict[str, Any]]:
    """201 and the punch recorded, or 200 and the punch this id recorded before."""
    return 201 if outcome.created else 200, {**_punch(outcome.punch), "duplicate": not outcome.created}


def _range(days: DaysIn) -> tuple[datetime.date, datetime.date]:
    if days.until < days.since or (days.until - days.since).days >= MAX_RANGE_DAYS:
        raise ValidationFailed(f"Ask for 1 to {MAX_RANGE_DAYS} days.", code="invalid_range")
    return days.since, days.until


# --- the punch screen -----------------------------------------------------------------------------------------------
@router.get("/me/today", response=TodayOut, summary="Today's punch screen: group, places, punches, consent")
@requires(AUTHENTICATED)
def today(request: HttpRequest) -> dict[str, Any]:
    employee = org.working_employee(actor(request))
    group = selectors.group_for(employee)
    day = timezone.localdate()
    return {
        "server_time": timezone.now(),
        "day": day,
        "group": group,
        "group_id": group.pk if group else None,
        "group_name": group.name if group else None,
        "rules_version": f"{group.pk}:{group.version}" if group else "none",
        "places": [_place(place) for place in group.places.all()] if group else [],
        "wifi_networks": [_wifi(network) for network in group.wifi_networks.all()] if group else [],
        "punches": [_punch(p) for p in selectors.punches_of(employee, since=day, until=day)],
        "today": _day(selectors.days_for_people({employee.pk: group}, since=day, until=day)[employee.pk][0]),
        "consents": sorted(selectors.consents(employee)),
    }


@router.get("/me/punches", response=list[PunchOut], summary="My punches between two days (at most 62 days)")
@requires(AUTHENTICATED)
def my_punches(request: HttpRequest, days: Query[DaysIn]) -> list[dict[str, Any]]:
    since, until = _range(days)
    employee = org.working_employee(actor(request))
    return [_punch(p) for p in selectors.punches_of(employee, since=since, until=until)]


@router.get("/me/days", response=list[DayOut], summary="My days between two dates: slots and results")
@requires(AUTHENTICATED)
def my_days(request: HttpRequest, days: Query[DaysIn]) -> list[dict[str, Any]]:
    since, until = _range(days)
    employee = org.working_employee(actor(request))
    return [_day(result) for result in selectors.days_of(employee, since=since, until=until)]


@router.post(
    "/punches",
    response={200: PunchAnswer, 201: PunchAnswer},
    summary="Punch now (server time); the same id again answers the recorded punch",
)
@requires(AUTHENTICATED)
def punch(request: HttpRequest, payload: PunchIn) -> Status[Any]:
    return Status(*punch_answer(punch_services.punch(actor=actor(request), item=punch_item(payload))))


@router.post("/punches/batch", response=list[BatchItemOut], summary="Send punches recorded offline")
@requires(AUTHENTICATED)
def punch_batch(request: HttpRequest, payload: PunchBatchIn) -> list[dict[str, Any]]:
    results = punch_services.punch_batch(actor=actor(request), items=[punch_item(p) for p in payload.punches])
    return [
        {
            "id": result.id,
            "result": result.result,
            "punch": _punch(result.punch) if result.punch else None,
            "code": result.code,
            "message": result.message,
            "details": result.extra,
        }
        for result in results
    ]


@router.post("/photos", response={201: PhotoOut}, summary="Upload a field-work photo (before the punch naming it)")
@requires(AUTHENTICATED)
def upload_photo(request: HttpRequest, file: File[UploadedFile]) -> Status[Any]:
    photo = punch_services.photo_upload(actor=actor(request), upload=file)
    return Status(201, {"id": photo.pk, "size": photo.size, "content_type": photo.content_type})


@router.put("/me/consent", response=ConsentOut, summary="Give or withdraw consent to location or photo use")
@requires(AUTHENTICATED)
def set_consent(request: HttpRequest, payload: ConsentIn) -> dict[str, Any]:
    consents = punch_services.consent_set(actor=actor(request), purpose=payload.purpose, granted=payload.granted)
    return {"consents": sorted(consents)}


# --- the workday calendar ------------------------------------------------------------------------------------------
def _calendar_day(day: CalendarDay) -> dict[str, Any]:
    return {"date": day.date, "kind": day.kind, "name": day.name, "edited": day.edited}


@router.get("/calendar", response=list[CalendarDayOut], summary="A year's holidays and adjusted workdays")
@requires(AUTHENTICATED)
def get_calendar(request: HttpRequest, query: Query[CalendarQuery]) -> list[dict[str, Any]]:
    days = CalendarDay.objects.filter(country=query.country.upper(), date__year=query.year).order_by("date")
    return [_calendar_day(day) for day in days]


@router.put("/calendar/{country}/{date}", response=CalendarDayOut, summary="Mark one day (administrators)")
@requires(GROUP_MANAGE)
def set_calendar_day(request: HttpRequest, country: str, date: IsoDate, payload: CalendarDayIn) -> dict[str, Any]:
    day = calendar_services.day_set(
        actor=actor(request), country=country.upper(), date=date, kind=payload.kind, name=payload.name
    )
    return _calendar_day(day)


@router.post("/calendar/{country}/{year}/seed", response=SeedOut, summary="Add a year's days from the package")
@requires(GROUP_MANAGE)
def seed_calendar(request: HttpRequest, country: str, year: int) -> dict[str, Any]:
    return {"added": calendar_services.seed_year(actor=actor(request), country=country.upper(), year=year)}


# --- closed months -------------------------------------------------------------------------------------------------
MONTH_PATTERN = re.compile(r"^(19|2\d)\d\d-(0[1-9]|1[0-2])$")


def _month_param(month: str) -> datetime.date:
    if not MONTH_PATTERN.match(month):
        raise ValidationFailed("The month is YYYY-MM.", code="invalid_month")
    return datetime.date.fromisoformat(f"{month}-01")


def _period_lock(closed: PeriodLock) -> dict[str, Any]:
    return {"month": f"{closed.month:%Y-%m}", "locked_by": closed.locked_by.name, "locked_at": closed.locked_at}


@router.get("/periods", response=list[PeriodLockOut], summary="The closed months, latest first")
@requires(PERIOD_LOCK)
def closed_months(request: HttpRequest) -> list[dict[str, Any]]:
    return [_period_lock(closed) for closed in period_services.locked_months()]


@router.put("/periods/{month}", response={201: PeriodLockOut}, summary="Close a month (月结)")
@requires(PERIOD_LOCK)
def close_month(request: HttpRequest, month: str) -> Status[Any]:
    closed = period_services.lock(actor=actor(request), month=_month_param(month))
    return Status(201, _period_lock(closed))


@router.delete("/periods/{month}", response={204: None}, summary="Reopen a closed month")
@requires(PERIOD_LOCK)
def reopen_month(request: HttpRequest, month: str) -> Status[None]:
    period_services.unlock(actor=actor(request), month=_month_param(month))
    return Status(204, None)


# --- reviews ------------------------------------------------------------------------------------------------------
@router.get("/reviews", response=list[PunchToReviewOut], summary="Punches waiting for my review, oldest first")
@requires(PUNCH_REVIEW)
@paginate(KeysetPagination, ordering=("id",), present=lambda rows, request: [_to_review(p) for p in rows])
def punches_to_review(request: HttpRequest) -> QuerySet[Punch]:
    return selectors.punches_to_review(actor=actor(request))


def _to_review(punch: Punch) -> dict[str, Any]:
    return {**_punch(punch), "employee": {"id": punch.employee.pk, "name": punch.employee.name}}


@router.post("/punches/{punch_id}/review", response={201: ReviewOut}, summary="Accept or reject a punch")
@requires(PUNCH_REVIEW)
def review_punch(request: HttpRequest, punch_id: UUID, payload: ReviewIn) -> Status[Any]:
    decided = review_services.review(actor=actor(request), punch_id=punch_id, **payload.model_dump())
    return Status(
        201,
        {
            "punch_id": punch_id,
            "decision": decided.decision,
            "reason": decided.reason,
            "decided_at": decided.decided_at,
        },
    )


# --- reports ------------------------------------------------------------------------------------------------------
def _month(query: MonthQuery) -> datetime.date:
    return datetime.date.fromisoformat(f"{query.month}-01")


def _report_row(row: reports.MonthRow) -> dict[str, Any]:
    return {**asdict(row), "on_time_rate": row.on_time_rate}


@router.get("/reports/monthly", response=list[MonthRowOut], summary="A month per person, in my scope")
@requires(REPORT_VIEW)
def monthly_report(request: HttpRequest, query: Query[MonthQuery]) -> list[dict[str, Any]]:
    rows = reports.monthly(actor=actor(request), month=_month(query), department_id=query.department_id)
    return [_report_row(row) for row in rows]


@router.get(
    "/reports/monthly/export",
    summary="The monthly report as a spreadsheet (formatted .xlsx, or CSV with a BOM)",
    openapi_extra=file_docs("The report", XLSX, CSV),
)
@requires(REPORT_VIEW)
def export_monthly_report(request: HttpRequest, query: Query[MonthExportQuery]) -> HttpResponse:
    month = _month(query)
    rows = reports.monthly(actor=actor(request), month=month, department_id=query.department_id)
    name = f"考勤月报-{month:%Y-%m}.{query.format}"
    if query.format == "csv":
        return file_response(reports.to_csv(rows), CSV, name)
    return file_response(reports.to_xlsx(rows, month), XLSX, name)


@router.get(
    "/reports/daily",
    response=list[DailyRowOut],
    summary="Each day of a range (at most 31 days) per person, with every slot, in my scope",
)
@requires(REPORT_VIEW)
def daily_attendance_report(request: HttpRequest, query: Query[DailyQuery]) -> list[dict[str, Any]]:
    return [_daily_row(row) for row in _daily(request, query)]


@router.get(
    "/reports/daily/export",
    summary="The daily report as a spreadsheet (formatted .xlsx, or CSV with a BOM)",
    openapi_extra=file_docs("The report", XLSX, CSV),
)
@requires(REPORT_VIEW)
def export_daily_report(request: HttpRequest, query: Query[DailyExportQuery]) -> HttpResponse:
    rows = _daily(request, query)
    span = f"{query.since:%Y-%m-%d}" if query.since == query.until else f"{query.since:%Y-%m-%d}~{query.until:%Y-%m-%d}"
    name = f"考勤日报-{span}.{query.format}"
    if query.format == "csv":
        return file_response(daily_report.to_csv(rows), CSV, name)
    return file_response(daily_report.to_xlsx(rows, query.since, query.until), XLSX, name)


def _daily(request: HttpRequest, query: DailyQuery) -> list[daily_report.DailyRow]:
    return daily_report.daily(
        actor=actor(request),
        since=query.since,
        until=query.until,
        department_id=query.department_id,
        employee_id=query.employee_id,
        exceptions_only=query.exceptions_only,
    )


def _daily_row(row: daily_report.DailyRow) -> dict[str, Any]:
    return {
        **{name: getattr(row, name) for name in DailyRowOut.model_fields if name != "slots"},
        "slots": [
            {
                **asdict(slot),
                # in the organisation's time zone, like the expected time (the database answers UTC)
                "punched_at": timezone.localtime(slot.punched_at) if slot.punched_at else None,
            }
            for slot in row.slots
        ],
    }


def _department_row(row: department_report.DepartmentRow) -> dict[str, Any]:
    return {**asdict(row), "on_time_rate": row.on_time_rate}


@router.get(
    "/reports/departments",
    response=DepartmentReportOut,
    summary="A month per department (its direct members in my scope), with the totals",
)
@requires(REPORT_VIEW)
def department_attendance_report(request: HttpRequest, query: Query[MonthQuery]) -> dict[str, Any]:
    report = department_report.by_department(
        actor=actor(request), month=_month(query), department_id=query.department_id
    )
    return {"rows": [_department_row(row) for row in report.rows], "total": _department_row(report.total)}


@router.get(
    "/reports/departments/export",
    summary="The department report as a spreadsheet (formatted .xlsx, or CSV with a BOM)",
    openapi_extra=file_docs("The report", XLSX, CSV),
)
@requires(REPORT_VIEW)
def export_department_report(request: HttpRequest, query: Query[MonthExportQuery]) -> HttpResponse:
    month = _month(query)
    report = department_report.by_department(actor=actor(request), month=month, department_id=query.department_id)
    name = f"部门考勤汇总-{month:%Y-%m}.{query.format}"
    if query.format == "csv":
        return file_response(department_report.to_csv(report), CSV, name)
    return file_response(department_report.to_xlsx(report, month), XLSX, name)


@router.get(
    "/reports/daily-series",
    response=list[SeriesDayOut],
    summary="Each day of a month: people judged, on time, late, early, missing, absent (for charts)",
)
@requires(REPORT_VIEW)
def attendance_daily_series(request: HttpRequest, query: Query[MonthQuery]) -> list[dict[str, Any]]:
    series = department_report.daily_series(
        actor=actor(request), month=_month(query), department_id=query.department_id
    )
    return [{**asdict(day), "on_time_rate": day.on_time_rate} for day in series]


# --- shifts -----------------------------------------------------------------------------------------------------------
@router.get("/shifts", response=list[ShiftOut], summary="Shifts")
@requires(GROUP_MANAGE)
def list_shifts(request: HttpRequest) -> list[dict[str, Any] | None]:
    return [_shift(shift) for shift in selectors.shifts(actor=actor(request))]


@router.post("/shifts", response={201: ShiftOut}, summary="Create a shift")
@requires(GROUP_MANAGE)
def create_shift(request: HttpRequest, payload: ShiftIn) -> Status[Any]:
    values = payload.model_dump()
    shift = shift_services.shift_create(actor=actor(request), **values)
    return Status(201, _shift(shift))


@router.patch("/shifts/{shift_id}", response=ShiftOut, summary="Change a shift (its groups get a new rules version)")
@requires(GROUP_MANAGE)
def update_shift(request: HttpRequest, shift_id: UUID, payload: ShiftPatch) -> dict[str, Any] | None:
    return _shift(
        shift_services.shift_update(actor=actor(request), shift_id=shift_id, **sent_fields(payload, clearable={"rest"}))
    )


@router.delete("/shifts/{shift_id}", response={204: None}, summary="Remove a shift no group uses")
@requires(GROUP_MANAGE)
def delete_shift(request: HttpRequest, shift_id: UUID) -> Status[Any]:
    shift_services.shift_delete(actor=actor(request), shift_id=shift_id)
    return Status(204, None)


# --- groups and places ----------------------------------------------------------------------------------------------
@router.get("/groups", response=list[GroupOut], summary="Attendance groups")
@requires(GROUP_MANAGE)
def list_groups(request: HttpRequest) -> list[dict[str, Any]]:
    return [_group(group) for group in selectors.groups(actor=actor(request))]


@router.post("/groups", response={201: GroupOut}, summary="Create an attendance group")
@requires(GROUP_MANAGE)
def create_group(request: HttpRequest, payload: GroupIn) -> Status[Any]:
    group = group_services.group_create(actor=actor(request), **payload.model_dump())
    return Status(201, _group(selectors.group(actor=actor(request), group_id=group.pk)))


@router.get("/groups/{group_id}", response=GroupOut, summary="One attendance group")
@requires(GROUP_MANAGE)
def get_group(request: HttpRequest, group_id: UUID) -> dict[str, Any]:
    return _group(selectors.group(actor=actor(request), group_id=group_id))


@router.patch("/groups/{group_id}", response=GroupOut, summary="Change an attendance group")
@requires(GROUP_MANAGE)
def update_group(request: HttpRequest, group_id: UUID, payload: GroupPatch) -> dict[str, Any]:
    group_services.group_update(actor=actor(request), group_id=group_id, **sent_fields(payload, clearable={"shift_id"}))
    return _group(selectors.group(actor=actor(request), group_id=group_id))


@router.post(
    "/groups/{group_id}/recompute",
    response={202: RecomputeOut},
    summary="Compute the group's days again (after correcting its shift or rules)",
)
@requires(GROUP_MANAGE)
def recompute_group(request: HttpRequest, group_id: UUID, payload: RecomputeIn) -> Status[Any]:
    day_record_services.recompute_group(
        actor=actor(request), group_id=group_id, since=payload.since, until=payload.until
    )
    return Status(202, {"since": payload.since, "until": payload.until})


# --- rosters (排班) ------------------------------------------------------------------------------------------------
def _roster_shift(shift: Shift) -> dict[str, Any]:
    return {
        "id": shift.pk,
        "name": shift.name,
        "short_name": roster_services.short_name(shift),
        "color": roster_services.shift_color(shift),
        "segments": shift.segments,
        "is_active": shift.is_active,
    }


@router.get("/groups/{group_id}/roster", response=RosterOut, summary="A roster group's members and plan (≤ 62 days)")
@requires(GROUP_MANAGE)
def get_roster(request: HttpRequest, group_id: UUID, query: Query[RosterQuery]) -> dict[str, Any]:
    roster_services.check_range(query.since, query.until)
    view = selectors.roster(actor=actor(request), group_id=group_id, since=query.since, until=query.until)
    planned = {shift.pk: shift for days in view.entries.values() for shift in days.values() if shift is not None}
    choices = {shift.pk: shift for shift in selectors.shifts(actor=actor(request))}
    return {
        "group_id": view.group.pk,
        "group_name": view.group.name,
        "kind": view.group.kind,
        "since": query.since,
        "until": query.until,
        "shifts": [_roster_shift(s) for s in sorted({**planned, **choices}.values(), key=lambda s: s.name)],
        "members": [
            {
                "id": person.pk,
                "name": person.name,
                "employee_number": person.employee_number,
                "department": person.main_department.name,
                "entries": [
                    {"day": day, "shift_id": shift.pk if shift else None}
                    for day, shift in sorted(view.entries[person.pk].items())
                ],
            }
            for person in view.members
        ],
    }


@router.put("/groups/{group_id}/roster", response=RosterSavedOut, summary="Set cells of the roster (all or nothing)")
@requires(GROUP_MANAGE)
def set_roster(request: HttpRequest, group_id: UUID, payload: RosterIn) -> dict[str, Any]:
    cells = [roster_services.Cell(c.employee_id, c.day, c.shift_id) for c in payload.cells]
    return {"changed": roster_services.roster_set(actor=actor(request), group_id=group_id, cells=cells)}


@router.post(
    "/groups/{group_id}/roster/copy-week", response=RosterSavedOut, summary="Copy each member's week onto another"
)
@requires(GROUP_MANAGE)
def copy_roster_week(request: HttpRequest, group_id: UUID, payload: CopyWeekIn) -> dict[str, Any]:
    changed = roster_services.roster_copy_week(
        actor=actor(request), group_id=group_id, from_week=payload.from_week, to_week=payload.to_week
    )
    return {"changed": changed}


@router.get(
    "/groups/{group_id}/roster/export",
    summary="A month of the roster as a spreadsheet to fill in (.xlsx)",
    openapi_extra=file_docs("The roster", XLSX),
)
@requires(GROUP_MANAGE)
def export_roster(request: HttpRequest, group_id: UUID, query: Query[RosterMonthQuery]) -> HttpResponse:
    month = _month_param(query.month)
    content = roster_services.roster_export(actor=actor(request), group_id=group_id, month=month)
    return file_response(content, XLSX, f"排班-{month:%Y-%m}.xlsx")


@router.post(
    "/groups/{group_id}/roster/import",
    response=RosterSavedOut,
    summary="Upload a filled-in roster spreadsheet: every bad cell is reported and then nothing is saved",
)
@requires(GROUP_MANAGE)
def import_roster(request: HttpRequest, group_id: UUID, file: File[UploadedFile]) -> dict[str, Any]:
    limit = roster_sheets.MAX_FILE_BYTES
    if (file.size or 0) > limit:
        raise ValidationFailed(f"Files up to {limit // 1024 // 1024} MB.", code="file_too_large")
    content = file.read(limit + 1)
    changed = roster_services.roster_import(
        actor=actor(request), group_id=group_id, content=content, file_name=file.name or ""
    )
    return {"changed": changed}


@router.delete("/groups/{group_id}", response={204: None}, summary="Dissolve an attendance group")
@requires(GROUP_MANAGE)
def delete_group(request: HttpRequest, group_id: UUID) -> Status[Any]:
    group_services.group_delete(actor=actor(request), group_id=group_id)
    return Status(204, None)


@router.post("/groups/{group_id}/places", response={201: PlaceOut}, summary="Add a clock-in place")
@requires(GROUP_MANAGE)
def create_place(request: HttpRequest, group_id: UUID, payload: PlaceIn) -> Status[Any]:
    place = group_services.place_create(actor=actor(request), group_id=group_id, **payload.model_dump())
    return Status(201, _place(place))


@router.delete("/places/{place_id}", response={204: None}, summary="Remove a clock-in place")
@requires(GROUP_MANAGE)
def delete_place(request: HttpRequest, place_id: UUID) -> Status[Any]:
    group_services.place_delete(actor=actor(request), place_id=place_id)
    return Status(204, None)


@router.post("/groups/{group_id}/wifi", response={201: WifiOut}, summary="Add a Wi-Fi network to punch on")
@requires(GROUP_MANAGE)
def create_wifi_network(request: HttpRequest, group_id: UUID, payload: WifiNetworkIn) -> Status[Any]:
    network = wifi_services.wifi_create(actor=actor(request), group_id=group_id, **payload.model_dump())
    return Status(201, _wifi(network))


@router.delete("/wifi/{wifi_id}", response={204: None}, summary="Remove a Wi-Fi network")
@requires(GROUP_MANAGE)
def delete_wifi_network(request: HttpRequest, wifi_id: UUID) -> Status[Any]:
    wifi_services.wifi_delete(actor=actor(request), wifi_id=wifi_id)
    return Status(204, None)
