"""Shapes of the attendance API."""

from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema

from officium.core.api_base import IsoDate, IsoDateTime, Strict

FieldWorkPolicy = Literal["allowed", "needs_approval", "forbidden"]
Datum = Literal["wgs84", "gcj02"]
GroupKind = Literal["fixed", "roster", "free"]
OvertimeSource = Literal["approval", "punches", "both"]
OvertimeCompensation = Literal["time_off", "pay"]


class AttendancePersonRef(Schema):
    id: UUID
    name: str


class AttendanceDepartmentRef(Schema):
    id: UUID
    name: str


class PlaceOut(Schema):
    id: UUID
    name: str
    address: str
    latitude: Decimal = Field(description="WGS-84")
    longitude: Decimal = Field(description="WGS-84")
    radius_m: int


class PlaceIn(Strict):
    name: str = Field(max_length=100)
    address: str = Field("", max_length=300)
    latitude: Decimal = Field(ge=-90, le=90)
    longitude: Decimal = Field(ge=-180, le=180)
    datum: Datum = Field("wgs84", description="gcj02 for a point picked on a Chinese map: stored as WGS-84")
    radius_m: int = Field(300, description="50 to 3000 metres")


class WifiOut(Schema):
    id: UUID
    name: str
    ssid: str
    bssid: str = Field(description="aa:bb:cc:dd:ee:ff, lower case")


class WifiNetworkIn(Strict):
    name: str = Field(max_length=100)
    ssid: str = Field(max_length=32, description="The network's name as phones show it")
    bssid: str = Field(max_length=17, description="The access point: aa:bb:cc:dd:ee:ff (any case; - accepted)")


class SegmentIO(Schema):
    on: str = Field(description="HH:MM")
    off: str = Field(description="HH:MM; at or before `on`: the next day")


class RestIO(Strict):
    start: str = Field(description="HH:MM")
    end: str = Field(description="HH:MM")


REST_DOC = "午休: not working time (leave, overtime and scheduled time leave it out); one-segment shifts only"


class ShiftOut(Schema):
    id: UUID
    name: str
    segments: list[SegmentIO]
    on_window_minutes: int
    off_window_minutes: int
    flex_minutes: int
    rest: RestIO | None = Field(description=REST_DOC)


class ShiftIn(Strict):
    name: str = Field(max_length=50)
    segments: list[SegmentIO]
    on_window_minutes: int = Field(120, description="How early the on punch may be")
    off_window_minutes: int = Field(240, description="How late the off punch may be")
    flex_minutes: int = Field(0, description="弹性: arrive up to this much late, leave as much later (0–240)")
    rest: RestIO | None = Field(None, description=REST_DOC)


class ShiftPatch(Strict):
    name: str | None = Field(None, max_length=50)
    segments: list[SegmentIO] | None = None
    on_window_minutes: int | None = None
    off_window_minutes: int | None = None
    flex_minutes: int | None = None
    rest: RestIO | None = Field(None, description="null: no rest window")


class GroupPolicy(Schema):
    kind: GroupKind = Field(
        description="fixed: the shift on the workdays; roster (排班): each person's shift per day from the roster; "
        "free (自由工时): no shift, a workday with a punch counts as worked"
    )
    field_work: FieldWorkPolicy
    field_work_photo_required: bool
    field_work_remark_required: bool
    offline_max_skew_seconds: int
    offline_max_queued_hours: int
    workdays: list[int] = Field(description="ISO weekdays on which the shift applies (1 = Monday)")
    late_grace_minutes: int
    serious_late_minutes: int
    absent_late_minutes: int = Field(description="Later than this, the day counts as absent")
    early_grace_minutes: int
    make_up_limit_per_month: int = Field(
        description="Make-up punches (补卡) a person may ask for in a month; 0: no limit"
    )
    allowed_lates_per_month: int = Field(
        description="迟到豁免: the month's first lates (at most this many) of at most `allowed_late_minutes` "
        "count as on time, marked forgiven; 0: none"
    )
    allowed_late_minutes: int = Field(description="How late a forgiven late may be (minutes)")
    calendar_country: str = Field(description="Whose holidays and adjusted workdays apply (ISO 3166)")
    overtime_workday_source: OvertimeSource = Field(
        description="Where overtime on workdays comes from: approved requests, punches (after the shift's end "
        "plus the offset), or both (a request, counted as the shorter of it and the punches)"
    )
    overtime_rest_day_source: OvertimeSource = Field(
        description="… on rest days (punches: the first to the last punch, less the shift's breaks)"
    )
    overtime_holiday_source: OvertimeSource = Field(description="… on statutory holidays")
    overtime_workday_compensation: OvertimeCompensation = Field(
        description="How overtime from punches on workdays is compensated (a request keeps its own choice)"
    )
    overtime_rest_day_compensation: OvertimeCompensation
    overtime_holiday_compensation: OvertimeCompensation
    overtime_offset_minutes: int = Field(
        description="Punched overtime on a workday counts from this long after the shift"
    )
    overtime_minimum_minutes: int = Field(description="Shorter overtime does not count")
    overtime_cap_hours: int = Field(description="At most this much counts per request or day")
    in_lieu_valid_days: int = Field(description="Time off in lieu (调休) may be taken within this many days")


class GroupOut(GroupPolicy):
    id: UUID
    name: str
    version: int
    shift: ShiftOut | None
    departments: list[AttendanceDepartmentRef]
    employees: list[AttendancePersonRef]
    excluded: list[AttendancePersonRef]
    places: list[PlaceOut]
    wifi_networks: list[WifiOut] = Field(description="Wi-Fi 打卡: a punch on one of these access points is in range")


class GroupIn(Strict):
    name: str = Field(max_length=100)
    kind: GroupKind = "fixed"
    department_ids: list[UUID] = []
    employee_ids: list[UUID] = []
    excluded_ids: list[UUID] = []
    field_work: FieldWorkPolicy = "allowed"
    field_work_photo_required: bool = True
    field_work_remark_required: bool = True
    offline_max_skew_seconds: int = 120
    offline_max_queued_hours: int = 24
    shift_id: UUID | None = None
    workdays: list[int] = [1, 2, 3, 4, 5]
    late_grace_minutes: int = 0
    serious_late_minutes: int = 30
    absent_late_minutes: int = 120
    early_grace_minutes: int = 0
    make_up_limit_per_month: int = 0
    allowed_lates_per_month: int = Field(0, description="0 to 31; 0: none")
    allowed_late_minutes: int = Field(0, description="0 to 720")
    calendar_country: str = Field("CN", min_length=2, max_length=2)
    overtime_workday_source: OvertimeSource = "approval"
    overtime_rest_day_source: OvertimeSource = "approval"
    overtime_holiday_source: OvertimeSource = "approval"
    overtime_workday_compensation: OvertimeCompensation = "pay"
    overtime_rest_day_compensation: OvertimeCompensation = "time_off"
    overtime_holiday_compensation: OvertimeCompensation = "pay"
    overtime_offset_minutes: int = 30
    overtime_minimum_minutes: int = 30
    overtime_cap_hours: int = 12
    in_lieu_valid_days: int = 180


class GroupPatch(Strict):
    name: str | None = Field(None, max_length=100)
    kind: GroupKind | None = None
    department_ids: list[UUID] | None = None
    employee_ids: list[UUID] | None = None
    excluded_ids: list[UUID] | None = None
    field_work: FieldWorkPolicy | None = None
    field_work_photo_required: bool | None = None
    field_work_remark_required: bool | None = None
    offline_max_skew_seconds: int | None = None
    offline_max_queued_hours: int | None = None
    shift_id: UUID | None = Field(None, description="null: no shift (every day is a rest day)")
    workdays: list[int] | None = None
    late_grace_minutes: int | None = None
    serious_late_minutes: int | None = None
    absent_late_minutes: int | None = None
    early_grace_minutes: int | None = None
    make_up_limit_per_month: int | None = None
    allowed_lates_per_month: int | None = None
    allowed_late_minutes: int | None = None
    calendar_country: str | None = Field(None, min_length=2, max_length=2)
    overtime_workday_source: OvertimeSource | None = None
    overtime_rest_day_source: OvertimeSource | None = None
    overtime_holiday_source: OvertimeSource | None = None
    overtime_workday_compensation: OvertimeCompensation | None = None
    overtime_rest_day_compensation: OvertimeCompensation | None = None
    overtime_holiday_compensation: OvertimeCompensation | None = None
    overtime_offset_minutes: int | None = None
    overtime_minimum_minutes: int | None = None
    overtime_cap_hours: int | None = None
    in_lieu_valid_days: int | None = None


class CalendarDayOut(Schema):
    date: IsoDate
    kind: Literal["holiday", "workday", "normal"]
    name: str
    edited: bool = Field(description="Set by an administrator; kept when the calendar is seeded again")


class CalendarDayIn(Strict):
    kind: Literal["holiday", "workday", "normal"]
    name: str = Field("", max_length=100)


class CalendarQuery(Schema):
    country: str = Field("CN", min_length=2, max_length=2)
    year: int = Field(ge=2000, le=2100)


class SeedOut(Schema):
    added: int


class MonthQuery(Schema):
    month: str = Field(pattern=r"^(19|2\d)\d\d-(0[1-9]|1[0-2])$", description="YYYY-MM, 1900 to 2999")
    department_id: UUID | None = Field(None, description="Only this department and its sub-departments")


class PeriodLockOut(Schema):
    month: str = Field(description="YYYY-MM")
    locked_by: str = Field(description="The name of who closed it")
    locked_at: IsoDateTime


class MonthExportQuery(MonthQuery):
    format: Literal["xlsx", "csv"] = "xlsx"


class OvertimeHoursOut(Schema):
    workday: Decimal = Field(description="Hours of approved overtime on workdays (paid at 150 %)")
    rest_day: Decimal = Field(description="On rest days (200 %)")
    holiday: Decimal = Field(description="On statutory holidays (300 %)")


class MonthRowOut(Schema):
    employee_id: UUID
    employee_number: str
    name: str
    department_id: UUID
    department: str
    group: str
    workdays: int = Field(description="Workdays judged so far (today counts once its slots are closed)")
    normal_days: int
    on_time_rate: float = Field(description="normal_days / workdays, 0 to 1")
    late_count: int
    late_minutes: int
    forgiven_lates: int = Field(description="Lates the group forgave (迟到豁免): counted on time, not in late_count")
    early_count: int
    early_minutes: int
    missing_slots: int
    absent_days: int
    made_up_slots: int
    overtime: OvertimeHoursOut = Field(description="Approved overtime that started in the month, by day type")
    leave: dict[str, Decimal] = Field(
        description="Days of approved leave in the month by type (code); a covered slot is its share of the day"
    )


class DailyQuery(Schema):
    since: IsoDate
    until: IsoDate = Field(description="At most 30 days after `since` (31 days in all)")
    department_id: UUID | None = Field(None, description="Only this department and its sub-departments")
    employee_id: UUID | None = Field(None, description="Only this person (in my scope)")
    exceptions_only: bool = Field(False, description="Only abnormal and absent days")


class DailyExportQuery(DailyQuery):
    format: Literal["xlsx", "csv"] = "xlsx"


class ReportSlotOut(Schema):
    kind: Literal["on", "off"]
    expected_at: IsoDateTime
    punched_at: IsoDateTime | None
    result: Literal[
        "on_time", "late", "serious_late", "absent_late", "early", "missing", "pending", "leave", "trip", "outing"
    ] = Field(description="leave, trip, outing: covered by approved time away")
    minutes: int = Field(description="Late or early by this many minutes (a forgiven late: how late it was)")
    made_up: bool
    forgiven: bool = Field(description="A late the group forgives (迟到豁免): the result is on_time")


class DailyRowOut(Schema):
    day: IsoDate
    employee_id: UUID
    employee_number: str
    name: str
    department_id: UUID
    department: str
    group: str
    status: Literal["rest", "normal", "abnormal", "absent", "pending", "leave", "trip", "outing"] = Field(
        description="leave, trip, outing: away the whole day"
    )
    slots: list[ReportSlotOut]
    late_minutes: int
    early_minutes: int


class DepartmentRowOut(Schema):
    department_id: UUID | None = Field(description="null on the totals row")
    department: str
    department_path: str = Field(description="Names from the top of the tree down, joined by ' / '")
    headcount: int = Field(description="People in my scope whose main department this is (not sub-departments)")
    workdays: int = Field(description="Person-days judged")
    normal_days: int
    on_time_rate: float = Field(description="normal_days / workdays, 0 to 1")
    late_count: int
    late_minutes: int
    early_count: int
    early_minutes: int
    missing_slots: int
    absent_days: int
    overtime: OvertimeHoursOut


class DepartmentReportOut(Schema):
    rows: list[DepartmentRowOut]
    total: DepartmentRowOut


class SeriesDayOut(Schema):
    day: IsoDate
    judged: int = Field(description="People with a workday judged that day")
    normal: int
    on_time_rate: float = Field(description="normal / judged, 0 to 1")
    late: int = Field(description="People late at least once that day")
    early: int
    missing: int = Field(description="People with at least one missing punch")
    absent: int


class ReviewIn(Strict):
    decision: Literal["accepted", "rejected"]
    reason: str = Field("", max_length=200, description="Required to reject")


class ReviewOut(Schema):
    punch_id: UUID
    decision: Literal["accepted", "rejected"]
    reason: str
    decided_at: IsoDateTime


class PunchWifiIn(Strict):
    ssid: str = Field(max_length=32)
    bssid: str = Field(max_length=17, description="aa:bb:cc:dd:ee:ff")


class PunchIn(Strict):
    id: UUID = Field(description="Made by the device (UUIDv7): the same id is the same punch")
    device_time: IsoDateTime | None = Field(None, description="The device's clock when the button was pressed")
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    accuracy_m: int | None = None
    datum: Datum = "wgs84"
    field_work: bool = False
    remark: str = ""
    photo_id: UUID | None = None
    clock_skew_ms: int | None = Field(None, description="Device clock minus server clock at the last sync")
    wifi: PunchWifiIn | None = Field(
        None,
        description="The Wi-Fi the phone is on, where the host app can read it (a browser cannot): on one of the "
        "group's networks the punch is in range, with or without a location",
    )


class DaysIn(Schema):
    since: IsoDate
    until: IsoDate


class RecomputeIn(Strict):
    since: IsoDate
    until: IsoDate = Field(description="Today at the latest; at most 62 days after `since`")


class RecomputeOut(Schema):
    since: IsoDate
    until: IsoDate


class PunchBatchIn(Strict):
    punches: list[PunchIn]


class PunchOut(Schema):
    id: UUID
    punched_at: IsoDateTime
    received_at: IsoDateTime
    source: Literal["online", "offline"]
    status: Literal["accepted", "needs_review"]
    review_reasons: list[str]
    place: PlaceOut | None
    distance_m: int | None
    wifi: WifiOut | None = Field(description="The group's Wi-Fi network the punch was made on")
    field_work: bool
    remark: str


class PunchToReviewOut(PunchOut):
    employee: AttendancePersonRef


class PunchAnswer(PunchOut):
    duplicate: bool = Field(description="true: this id was already recorded; nothing new was written")


class BatchItemOut(Schema):
    id: UUID
    result: Literal["created", "duplicate", "rejected"]
    punch: PunchOut | None
    code: str = Field(description="Why it was rejected (stable), else empty")
    message: str
    details: dict[str, Any]


class SlotOut(Schema):
    kind: Literal["on", "off"]
    expected_at: IsoDateTime
    window_start: IsoDateTime
    window_end: IsoDateTime
    result: Literal[
        "on_time", "late", "serious_late", "absent_late", "early", "missing", "pending", "leave", "trip", "outing"
    ] = Field(description="leave, trip, outing: covered by approved time away")
    punch_id: UUID | None
    punched_at: IsoDateTime | None
    minutes: int = Field(description="Late or early by this many minutes (a forgiven late: how late it was)")
    made_up: bool = Field(description="The punch that counts is an approved make-up request (补卡)")
    leave_type: str = Field(description="For a slot covered by leave: the type of leave's code, else empty")
    forgiven: bool = Field(description="A late the group forgives (迟到豁免): the result is on_time")


class DayOut(Schema):
    day: IsoDate
    status: Literal["rest", "normal", "abnormal", "absent", "pending", "leave", "trip", "outing"] = Field(
        description="leave, trip, outing: away the whole day"
    )
    slots: list[SlotOut]
    late_minutes: int
    early_minutes: int


class TodayOut(Schema):
    server_time: IsoDateTime
    day: IsoDate
    group: GroupPolicy | None
    group_id: UUID | None
    group_name: str | None
    rules_version: str = Field(description="Changes when the group, its places or its policies change")
    places: list[PlaceOut]
    wifi_networks: list[WifiOut] = Field(description="The group's Wi-Fi networks (part of the rules version)")
    punches: list[PunchOut]
    today: DayOut = Field(description="Today's slots against the shift")
    consents: list[Literal["location", "photo"]]


class ConsentIn(Strict):
    purpose: Literal["location", "photo"]
    granted: bool


class ConsentOut(Schema):
    consents: list[Literal["location", "photo"]]


class PhotoOut(Schema):
    id: UUID
    size: int
    content_type: str


class RosterQuery(Schema):
    since: IsoDate
    until: IsoDate = Field(description="At most 62 days after `since`")


class RosterShiftOut(Schema):
    id: UUID
    name: str
    short_name: str = Field(description="What fits a cell of the week grid")
    color: str = Field(description="A light background colour, RRGGBB")
    segments: list[SegmentIO]
    is_active: bool = Field(description="false: removed since it was planned; it cannot be chosen again")


class RosterDayOut(Schema):
    day: IsoDate
    shift_id: UUID | None = Field(description="null: a rest day")


class RosterMemberOut(Schema):
    id: UUID
    name: str
    employee_number: str
    department: str
    entries: list[RosterDayOut] = Field(description="The days with an entry; a day without one is a rest day")


class RosterOut(Schema):
    group_id: UUID
    group_name: str
    kind: GroupKind
    since: IsoDate
    until: IsoDate
    shifts: list[RosterShiftOut] = Field(description="The shifts to choose from, and any removed one still planned")
    members: list[RosterMemberOut]


class RosterCellIn(Strict):
    employee_id: UUID
    day: IsoDate
    shift_id: UUID | None = Field(description="null: a rest day")


class RosterIn(Strict):
    cells: list[RosterCellIn] = Field(description="At most 5,000 cells; all are saved or none")


class RosterSavedOut(Schema):
    changed: int = Field(description="How many cells changed")


class CopyWeekIn(Strict):
    from_week: IsoDate = Field(description="The Monday of the week to copy")
    to_week: IsoDate = Field(description="The Monday of the week it becomes")


class RosterMonthQuery(Schema):
    month: str = Field(pattern=r"^(19|2\d)\d\d-(0[1-9]|1[0-2])$", description="YYYY-MM")
