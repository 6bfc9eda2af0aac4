"""Attendance: groups and their clock-in places, the employee's consent, and the append-only punch log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from officium.core.ids import uuid7
from officium.org.models import Department, Employee


def default_workdays() -> list[int]:
    return [1, 2, 3, 4, 5]  # ISO weekdays: Monday to Friday


class OvertimeSource(models.TextChoices):
    APPROVAL = "approval"  # an approved 加班 request, as long as it asks
    PUNCHES = "punches"  # counted from the day's punches, no request needed
    BOTH = "both"  # a request is needed; the shorter of what it asks and what the punches show counts


class Compensation(models.TextChoices):
    TIME_OFF = "time_off"  # 调休, through the leave ledger
    PAY = "pay"  # 加班费, at the day type's rate


class Shift(models.Model):
    """班次: one or more on/off segments of a working day. An off time at or before its on time is on
    the next day. Punches count for a segment from `on_window_minutes` before it starts to
    `off_window_minutes` after it ends. A flexible shift (弹性上下班) lets people arrive up to
    `flex_minutes` late if they leave as much later."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    name = models.CharField(max_length=50, unique=True)
    # [{"on": "09:00", "off": "18:00"}, ...] in order; at most three segments.
    segments = models.JSONField()
    on_window_minutes = models.PositiveIntegerField(default=120)
    off_window_minutes = models.PositiveIntegerField(default=240)
    flex_minutes = models.PositiveIntegerField(default=0)
    # 午休: {"start": "12:00", "end": "13:00"} inside the only segment, or null. Not working time: leave,
    # overtime and scheduled minutes leave it out, and a day's halves meet across it.
    rest = models.JSONField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name


class AttendanceGroup(models.Model):
    """考勤组: who punches under which places and policies. Departments include their sub-departments."""

    class FieldWork(models.TextChoices):
        ALLOWED = "allowed"
        NEEDS_APPROVAL = "needs_approval"
        FORBIDDEN = "forbidden"

    class Kind(models.TextChoices):
        FIXED = "fixed"  # `shift` on `workdays`, with the holiday calendar
        ROSTER = "roster"  # 排班: each person's shift per day, from the roster (no entry: a rest day)
        FREE = "free"  # 自由工时: no shift; a workday with a punch is a day worked

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FIXED)
    departments = models.ManyToManyField(Department, blank=True, related_name="+")
    employees = models.ManyToManyField(Employee, blank=True, related_name="+")
    excluded = models.ManyToManyField(Employee, blank=True, related_name="+")
    field_work = models.CharField(max_length=20, choices=FieldWork.choices, default=FieldWork.ALLOWED)
    field_work_photo_required = models.BooleanField(default=True)
    field_work_remark_required = models.BooleanField(default=True)
    # Offline punches are accepted as they are only inside this window; outside it they need review.
    offline_max_skew_seconds = models.PositiveIntegerField(default=120)
    offline_max_queued_hours = models.PositiveIntegerField(default=24)
    # Fixed schedule: this shift on these ISO weekdays; other days are rest days. Free hours use the
    # workdays too (without the shift); rosters use neither.
    shift = models.ForeignKey(Shift, null=True, blank=True, on_delete=models.PROTECT, related_name="groups")
    workdays = models.JSONField(default=default_workdays)
    # Rules, in minutes after the on time (late) or before the off time (early).
    late_grace_minutes = models.PositiveIntegerField(default=0)
    serious_late_minutes = models.PositiveIntegerField(default=30)
    absent_late_minutes = models.PositiveIntegerField(default=120)
    early_grace_minutes = models.PositiveIntegerField(default=0)
    # Make-up punches (补卡) a person may ask for in a month; 0: no limit.
    make_up_limit_per_month = models.PositiveSmallIntegerField(default=0)
    # 迟到豁免: the month's first `allowed_lates_per_month` lates of at most `allowed_late_minutes` count
    # as on time (marked forgiven); 0: none.
    allowed_lates_per_month = models.PositiveSmallIntegerField(default=0)
    allowed_late_minutes = models.PositiveIntegerField(default=0)
    # Whose public holidays and adjusted working days apply (ISO 3166 country code).
    calendar_country = models.CharField(max_length=2, default="CN")
    # Overtime (加班规则): at least this long to count, at most this long per request or day; time off in
    # lieu (调休) granted from it can be taken within this many days.
    overtime_minimum_minutes = models.PositiveIntegerField(default=30)
    overtime_cap_hours = models.PositiveIntegerField(default=12)
    in_lieu_valid_days = models.PositiveIntegerField(default=180)
    # Where overtime comes from on each type of day (approval, punches or both) and how overtime from
    # punches is compensated (time off in lieu or pay; a request's own choice is kept). On a workday,
    # punched overtime counts from this many minutes after the shift's end.
    overtime_workday_source = models.CharField(max_length=10, choices=OvertimeSource.choices, default="approval")
    overtime_rest_day_source = models.CharField(max_length=10, choices=OvertimeSource.choices, default="approval")
    overtime_holiday_source = models.CharField(max_length=10, choices=OvertimeSource.choices, default="approval")
    overtime_workday_compensation = models.CharField(max_length=10, choices=Compensation.choices, default="pay")
    overtime_rest_day_compensation = models.CharField(max_length=10, choices=Compensation.choices, default="time_off")
    overtime_holiday_compensation = models.CharField(max_length=10, choices=Compensation.choices, default="pay")
    overtime_offset_minutes = models.PositiveIntegerField(default=30)
    # Bumped by every change to the group or its places: the punch screen's cached rules carry it.
    version = models.PositiveIntegerField(default=1)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name


class ClockInPlace(models.Model):
    """A geofence: a point (stored in WGS-84) and a radius in metres."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    group = models.ForeignKey(AttendanceGroup, on_delete=models.CASCADE, related_name="places")
    name = models.CharField(max_length=100)
    address = models.CharField(max_length=300, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    radius_m = models.PositiveIntegerField(default=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "name"], name="attendance_place_name_unique")]

    def __str__(self) -> str:
        return self.name


class WifiNetwork(models.Model):
    """A Wi-Fi network people may punch on (Wi-Fi 打卡): a punch whose access point (BSSID, stored in
    lower case) is one of its group's counts as in range, with or without a location."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    group = models.ForeignKey(AttendanceGroup, on_delete=models.CASCADE, related_name="wifi_networks")
    name = models.CharField(max_length=100)
    ssid = models.CharField(max_length=32)
    bssid = models.CharField(max_length=17)  # aa:bb:cc:dd:ee:ff

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "bssid"], name="attendance_wifi_bssid_unique")]

    def __str__(self) -> str:
        return self.name


class Consent(models.Model):
    """The employee's separate consent to one use of sensitive personal information (PIPL)."""

    class Purpose(models.TextChoices):
        LOCATION = "location"
        PHOTO = "photo"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    granted_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="attendance_one_active_consent",
            )
        ]


class Punch(models.Model):
    """One punch, never changed. Its id is made by the device, so a retry or a replay is the same row."""

    class Source(models.TextChoices):
        ONLINE = "online"
        OFFLINE = "offline"

    class Status(models.TextChoices):
        ACCEPTED = "accepted"
        NEEDS_REVIEW = "needs_review"

    class Datum(models.TextChoices):
        WGS84 = "wgs84"
        GCJ02 = "gcj02"

    id = models.UUIDField(primary_key=True, editable=False)
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(AttendanceGroup, null=True, on_delete=models.SET_NULL, related_name="+")
    # When it counts: server time online; device time corrected by the last known skew offline.
    punched_at = models.DateTimeField()
    received_at = models.DateTimeField()
    device_time = models.DateTimeField(null=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    status = models.CharField(max_length=15, choices=Status.choices)
    review_reasons = models.JSONField(default=list)
    # Location in WGS-84, whatever datum the device reported (kept in `datum`).
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True)
    accuracy_m = models.PositiveIntegerField(null=True)
    datum = models.CharField(max_length=10, choices=Datum.choices, blank=True)
    place = models.ForeignKey(ClockInPlace, null=True, on_delete=models.SET_NULL, related_name="+")
    distance_m = models.PositiveIntegerField(null=True)
    # The Wi-Fi the host app reported (empty without one), and the group's network it matched.
    wifi_ssid = models.CharField(max_length=32, blank=True)
    wifi_bssid = models.CharField(max_length=17, blank=True)
    wifi_network = models.ForeignKey(WifiNetwork, null=True, on_delete=models.SET_NULL, related_name="+")
    field_work = models.BooleanField(default=False)
    remark = models.CharField(max_length=500, blank=True)
    photo = models.OneToOneField("PunchPhoto", null=True, on_delete=models.PROTECT, related_name="punch")
    # SHA-256 of what the device sent: the same id with other content is a conflict, not a retry.
    fingerprint = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["employee", "punched_at"])]


class PunchPhoto(models.Model):
    """A photo taken for a field-work punch, uploaded before the punch that names it."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="attendance/photos/%Y/%m/")
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)


class CalendarDay(models.Model):
    """A day that is not what its weekday says: a public holiday, or a weekend made a working day
    (调休上班). Seeded from a maintained package; administrators' edits are kept over re-seeding."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday"
        WORKDAY = "workday"
        NORMAL = "normal"  # an administrator's "as its weekday says", kept over the package

    id = models.BigAutoField(primary_key=True)
    country = models.CharField(max_length=2)
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=100, blank=True)
    edited = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["country", "date"], name="attendance_calendar_day_unique")]


class MakeUpPunch(models.Model):
    """补卡: a punch an approved make-up request stands in for. Revoking the request revokes it; the
    day's result follows, because results are computed from punches and make-ups, never patched."""

    class Kind(models.TextChoices):
        IN = "in"
        OUT = "out"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    approval_id = models.UUIDField(unique=True)  # the approvals instance (one make-up per request)
    punched_at = models.DateTimeField()
    kind = models.CharField(max_length=3, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["employee", "punched_at"])]


class PunchReview(models.Model):
    """An administrator's decision on a punch that needed review; the punch itself stays as it came."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted"
        REJECTED = "rejected"

    punch = models.OneToOneField(Punch, on_delete=models.PROTECT, primary_key=True, related_name="review")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reason = models.CharField(max_length=200, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)


class OvertimeRecord(models.Model):
    """Overtime with its day type and pay rate (150 % on a workday, 200 % on a rest day, 300 % on a
    statutory holiday): an approved 加班 request's (revoking the request revokes it), or a day's
    overtime from punches, recomputed with the day (revoked when it no longer reaches the minimum)."""

    class DayType(models.TextChoices):
        WORKDAY = "workday"
        REST_DAY = "rest_day"
        HOLIDAY = "holiday"

    Compensation = Compensation
    Source = OvertimeSource

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    # The request (approval and both); none for overtime from punches, which is one record per day.
    approval_id = models.UUIDField(unique=True, null=True, blank=True)
    source = models.CharField(max_length=10, choices=OvertimeSource.choices, default=OvertimeSource.APPROVAL)
    day = models.DateField(null=True, blank=True)  # the working day it belongs to (null: recorded before 0012)
    # both: what the request asked (capped); `hours` is the shorter of it and the punched overtime.
    requested_hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # Bumped by every change of hours or revocation: the leave ledger keys its adjustments by it.
    revision = models.PositiveIntegerField(default=1)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    day_type = models.CharField(max_length=10, choices=DayType.choices)
    pay_rate = models.DecimalField(max_digits=3, decimal_places=1)
    compensation = models.CharField(max_length=10, choices=Compensation.choices)
    in_lieu_until = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "day"],
                condition=Q(source="punches"),
                name="attendance_overtime_punched_once_a_day",
            )
        ]
        indexes = [models.Index(fields=["employee", "day"], name="attendance_overtime_day")]


class Absence(models.Model):
    """Approved time away from the shift — leave (请假), a business trip (出差) or an outing (外出) — from
    the approval centre. The slots it covers count as covered instead of missing; revoking the request
    revokes it, and the results follow because they are computed, never patched."""

    class Kind(models.TextChoices):
        LEAVE = "leave"
        TRIP = "trip"
        OUTING = "outing"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    approval_id = models.UUIDField(unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    leave_type = models.CharField(max_length=30, blank=True)  # the leave type's code, for leave
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["employee", "starts_at"])]


class PeriodLock(models.Model):
    """A closed month (月结): its punches, make-ups, reviews and requests can no longer change, so that
    payroll works from figures that stay put. Unlocking deletes the row; both are audited."""

    month = models.DateField(primary_key=True)  # the first day of the month
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    locked_at = models.DateTimeField(auto_now_add=True)


class DayRecord(models.Model):
    """A day's result as the worker stored it. Once the day has settled (its punch windows closed and
    the offline allowance passed) the record is what reports read; a late change to its inputs (an
    offline punch, a review, a make-up, leave) recomputes it. Records of a closed month never change."""

    id = models.BigAutoField(primary_key=True)
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    status = models.CharField(max_length=10)
    slots = models.JSONField()
    late_minutes = models.PositiveIntegerField(default=0)
    early_minutes = models.PositiveIntegerField(default=0)
    settles_at = models.DateTimeField()
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["employee", "day"], name="attendance_day_record_unique")]
        indexes = [models.Index(fields=["day"])]

    @property
    def settled(self) -> bool:
        return self.computed_at >= self.settles_at


class RosterEntry(models.Model):
    """One cell of a roster group's plan (排班): the shift a person works on a day, or a rest day
    (`shift` null). A day without an entry is a rest day too. The plan is what counts: the holiday
    calendar does not override it."""

    id = models.BigAutoField(primary_key=True)
    group = models.ForeignKey(AttendanceGroup, on_delete=models.CASCADE, related_name="roster")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    shift = models.ForeignKey(Shift, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["employee", "day"], name="attendance_roster_entry_unique")]
        indexes = [models.Index(fields=["group", "day"])]
