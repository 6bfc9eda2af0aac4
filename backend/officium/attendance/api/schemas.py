"""Shapes of the attendance API."""

from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema

from officium.core.api_base import IsoDate, IsoDateTime, Strict

FieldWorkPolicy = Literal["allowed", "needs_approval", "forbidden"]
Datum = Literal["wgs84", "gcj02"]


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


class GroupPolicy(Schema):
    field_work: FieldWorkPolicy
    field_work_photo_required: bool
    field_work_remark_required: bool
    offline_max_skew_seconds: int
    offline_max_queued_hours: int


class GroupOut(GroupPolicy):
    id: UUID
    name: str
    version: int
    departments: list[AttendanceDepartmentRef]
    employees: list[AttendancePersonRef]
    excluded: list[AttendancePersonRef]
    places: list[PlaceOut]


class GroupIn(Strict):
    name: str = Field(max_length=100)
    department_ids: list[UUID] = []
    employee_ids: list[UUID] = []
    excluded_ids: list[UUID] = []
    field_work: FieldWorkPolicy = "allowed"
    field_work_photo_required: bool = True
    field_work_remark_required: bool = True
    offline_max_skew_seconds: int = 120
    offline_max_queued_hours: int = 24


class GroupPatch(Strict):
    name: str | None = Field(None, max_length=100)
    department_ids: list[UUID] | None = None
    employee_ids: list[UUID] | None = None
    excluded_ids: list[UUID] | None = None
    field_work: FieldWorkPolicy | None = None
    field_work_photo_required: bool | None = None
    field_work_remark_required: bool | None = None
    offline_max_skew_seconds: int | None = None
    offline_max_queued_hours: int | None = None


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


class DaysIn(Schema):
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
    field_work: bool
    remark: str


class PunchAnswer(PunchOut):
    duplicate: bool = Field(description="true: this id was already recorded; nothing new was written")


class BatchItemOut(Schema):
    id: UUID
    result: Literal["created", "duplicate", "rejected"]
    punch: PunchOut | None
    code: str = Field(description="Why it was rejected (stable), else empty")
    message: str
    details: dict[str, Any]


class TodayOut(Schema):
    server_time: IsoDateTime
    day: IsoDate
    group: GroupPolicy | None
    group_id: UUID | None
    group_name: str | None
    rules_version: str = Field(description="Changes when the group, its places or its policies change")
    places: list[PlaceOut]
    punches: list[PunchOut]
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
