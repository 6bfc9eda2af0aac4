"""Punching: consent, field-work photos and the punch itself, online or replayed from the offline queue.

A punch is one INSERT keyed by the id the device generated. The same id again is the same punch
(a retry, a double tap, a replay of the offline queue) and answers "duplicate"; the same id with other
content is refused. Online punches count at server time. Offline punches count at the device's time
corrected by its last known clock skew, and need review when the policy window cannot vouch for them.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from officium.attendance import cached, geo, selectors
from officium.attendance.events import PunchRecorded, days_changed
from officium.attendance.models import AttendanceGroup, Consent, Punch, PunchPhoto, WifiNetwork
from officium.attendance.services import periods, wifi
from officium.attendance.services.periods import PeriodLocked
from officium.core import audit, bulk, metrics
from officium.core.context import RequestContext
from officium.core.errors import Conflict, DomainError, PermissionDenied, ValidationFailed
from officium.core.events import publish
from officium.org import selectors as org
from officium.org.models import Employee

FUTURE_TOLERANCE = datetime.timedelta(minutes=2)
OLDEST_PUNCH = datetime.timedelta(days=31)
POOR_ACCURACY_M = 500
MAX_REMARK = 500
MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_BATCH = 200


class PunchRefused(DomainError):
    """A punch that cannot be recorded; `code` says why."""

    status = 422
    title = _("The punch was not recorded")


@dataclass(frozen=True)
class PunchIn:
    """What the device sends. `clock_skew_ms` = device clock − server clock at the last sync."""

    id: UUID
    device_time: datetime.datetime | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    accuracy_m: int | None = None
    datum: str = "wgs84"
    field_work: bool = False
    remark: str = ""
    photo_id: UUID | None = None
    clock_skew_ms: int | None = None
    # The Wi-Fi the host app reported (empty: none; a browser cannot read it).
    wifi_ssid: str = ""
    wifi_bssid: str = ""

    def fingerprint(self) -> str:
        """Everything the person did; not how it travelled (the skew can differ between retries)."""
        material: dict[str, Any] = {
            "id": str(self.id),
            "device_time": self.device_time.astimezone(datetime.UTC).isoformat() if self.device_time else None,
            "latitude": str(self.latitude) if self.latitude is not None else None,
            "longitude": str(self.longitude) if self.longitude is not None else None,
            "accuracy_m": self.accuracy_m,
            "datum": self.datum,
            "field_work": self.field_work,
            "remark": self.remark.strip(),
            "photo_id": str(self.photo_id) if self.photo_id else None,
        }
        if self.wifi_ssid or self.wifi_bssid:  # only then: punches made before Wi-Fi keep their fingerprints
            material["wifi"] = [self.wifi_ssid, self.wifi_bssid]
        return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


@dataclass
class Outcome:
    punch: Punch
    created: bool


@dataclass
class BatchResult:
    id: UUID
    result: Literal["created", "duplicate", "rejected"]
    punch: Punch | None = None
    code: str = ""
    message: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# --- consent and photos --------------------------------------------------------------------------------------------
def consent_set(*, actor: Any, purpose: str, granted: bool) -> set[str]:
    """Give or withdraw consent to one use (location, photo); returns the purposes consented to now."""
    if purpose not in Consent.Purpose.values:
        raise ValidationFailed("Consent is for location or photo.", code="invalid_purpose")
    employee = org.working_employee(actor)
    now = timezone.now()
    with transaction.atomic():
        Employee.objects.select_for_update().filter(pk=employee.pk).first()  # one change at a time per person
        active = Consent.objects.filter(employee=employee, purpose=purpose, withdrawn_at__isnull=True).first()
        if granted and active is None:
            Consent.objects.create(employee=employee, purpose=purpose, granted_at=now)
        elif not granted and active is not None:
            active.withdrawn_at = now
            active.save(update_fields=["withdrawn_at"])
        else:
            return selectors.consents(employee)
        cached.changed(cached.consents_token(employee.pk))
        audit.record(
            action=f"attendance.consent.{'grant' if granted else 'withdraw'}",
            actor=actor,
            target=employee,
            changes={"purpose": purpose},
        )
    return selectors.consents(employee)


def image_type(head: bytes) -> str | None:
    """The image type from the file's first bytes (what the browser claims is not trusted)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1"):
        return "image/heic"
    return None


def photo_upload(*, actor: Any, upload: UploadedFile[bytes]) -> PunchPhoto:
    employee = org.working_employee(actor)
    if "photo" not in selectors.consents(employee):
        raise PermissionDenied("Agree to photo use first.", code="photo_consent_required")
    if not upload.size or upload.size > MAX_PHOTO_BYTES:
        raise ValidationFailed("The photo is empty or larger than 8 MB.", code="invalid_photo_size")
    upload.seek(0)
    content_type = image_type(upload.read(16))
    upload.seek(0)
    if content_type is None:
        raise ValidationFailed("The photo is a JPEG, PNG, WebP or HEIC image.", code="invalid_photo_type")
    with transaction.atomic():
        photo = PunchPhoto.objects.create(employee=employee, file=upload, content_type=content_type, size=upload.size)
        audit.record(action="attendance.photo.upload", actor=actor, target=photo, changes={"size": upload.size})
    return photo


# --- punching -------------------------------------------------------------------------------------------------------
def _refuse(code: str, message: str, **extra: Any) -> PunchRefused:
    return PunchRefused(message, code=code, **extra)


def _location(
    consented: set[str], group: AttendanceGroup, item: PunchIn, *, on_wifi: bool = False
) -> tuple[tuple[Decimal, Decimal] | None, Any, int | None]:
    """(WGS-84 point, the place in range, distance to the nearest place) — or why not. On one of the
    group's Wi-Fi networks the location is optional."""
    places = list(group.places.all())
    if item.latitude is None or item.longitude is None:
        if (places and not on_wifi) or item.field_work:
            raise _refuse("location_required", "This punch needs your location.")
        return None, None, None
    if "location" not in consented:
        raise _refuse("location_consent_required", "Agree to location use before punching with your location.")
    if not (-90 <= item.latitude <= 90 and -180 <= item.longitude <= 180):
        raise _refuse("invalid_coordinates", "The location is not on Earth.")
    if item.datum not in Punch.Datum.values:
        raise _refuse("invalid_datum", "The datum is wgs84 or gcj02.")
    lat, lng = float(item.latitude), float(item.longitude)
    if item.datum == Punch.Datum.GCJ02:
        lat, lng = geo.gcj02_to_wgs84(lat, lng)
    point = (Decimal(f"{lat:.6f}"), Decimal(f"{lng:.6f}"))
    measured = sorted(
        ((geo.distance_m(lat, lng, float(p.latitude), float(p.longitude)), p) for p in places), key=lambda pair: pair[0]
    )
    if not measured:
        return point, None, None
    distance, nearest = measured[0]
    return point, nearest if distance <= nearest.radius_m else None, round(distance)


def _field_work(group: AttendanceGroup, item: PunchIn, employee: Employee, reasons: list[str]) -> PunchPhoto | None:
    if group.field_work == AttendanceGroup.FieldWork.FORBIDDEN:
        raise _refuse("field_work_forbidden", "Your attendance group does not allow field-work punches.")
    if group.field_work_remark_required and not item.remark.strip():
        raise _refuse("remark_required", "Say where you are working.")
    photo = None
    if item.photo_id is not None:
        photo = PunchPhoto.objects.filter(pk=item.photo_id, employee=employee, punch__isnull=True).first()
        if photo is None:
            raise _refuse("photo_not_found", "The photo was not uploaded, or belongs to another punch.")
    elif group.field_work_photo_required:
        raise _refuse("photo_required", "Take a photo for a field-work punch.")
    if group.field_work == AttendanceGroup.FieldWork.NEEDS_APPROVAL:
        reasons.append("field_work_needs_approval")
    return photo


def _when(
    group: AttendanceGroup, item: PunchIn, source: str, received_at: datetime.datetime, reasons: list[str]
) -> datetime.datetime:
    if source == Punch.Source.ONLINE:
        return received_at
    if item.device_time is None:
        raise _refuse("device_time_required", "An offline punch carries the time it was made.")
    punched_at = item.device_time
    if item.clock_skew_ms is None:
        reasons.append("clock_skew_unknown")
    else:
        punched_at -= datetime.timedelta(milliseconds=item.clock_skew_ms)
        if abs(item.clock_skew_ms) > group.offline_max_skew_seconds * 1000:
            reasons.append("clock_skew_too_large")
    if punched_at > received_at + FUTURE_TOLERANCE:
        raise _refuse("impossible_time", "This punch is dated in the future.")
    if punched_at < received_at - OLDEST_PUNCH:
        raise _refuse("too_old", "This punch is more than 31 days old; request a make-up punch instead.")
    if received_at - punched_at > datetime.timedelta(hours=group.offline_max_queued_hours):
        reasons.append("queued_too_long")
    return punched_at


def _wifi(group: AttendanceGroup, item: PunchIn) -> tuple[str, WifiNetwork | None]:
    """The reported access point (normalised BSSID, empty without one) and the group's network it is."""
    if not item.wifi_ssid and not item.wifi_bssid:
        return "", None
    bssid = wifi.normalise_bssid(item.wifi_bssid)
    if bssid is None or len(item.wifi_ssid) > wifi.MAX_SSID:
        raise _refuse("invalid_wifi", "The Wi-Fi is an SSID of at most 32 characters and a BSSID aa:bb:cc:dd:ee:ff.")
    return bssid, wifi.matching(group, bssid)


def _same_punch(punch: Punch, request: PunchRequest) -> Outcome:
    """The punch this id already made; another person's id or other content under it is a conflict."""
    if punch.employee_id != request.employee.pk or punch.fingerprint != request.item.fingerprint():
        raise Conflict("This punch id was used for another punch.", code="punch_id_reused")
    return Outcome(punch, created=False)


@dataclass(frozen=True)
class PunchRequest:
    """One punch to record: who, what, how it came, when it arrived and in which HTTP request (for the
    audit row; default: the current one)."""

    actor: Any
    employee: Employee
    item: PunchIn
    source: str = Punch.Source.ONLINE
    received_at: datetime.datetime = field(default_factory=timezone.now)
    request: RequestContext | None = None


Answer = Outcome | PunchRefused | Conflict | PeriodLocked


def punch(*, actor: Any, item: PunchIn, source: str = Punch.Source.ONLINE) -> Outcome:
    """Record one punch (or find it, when this is a retry of one already recorded)."""
    answer = record_punches([PunchRequest(actor, org.working_employee(actor), item, source)])[0]
    if not isinstance(answer, Outcome):
        raise answer
    return answer


def punch_batch(*, actor: Any, items: Sequence[PunchIn]) -> list[BatchResult]:
    """The offline queue, flushed: each item answers created, duplicate or rejected (with the reason)."""
    if len(items) > MAX_BATCH:
        raise ValidationFailed(f"Send at most {MAX_BATCH} punches at once.", code="batch_too_large")
    employee = org.working_employee(actor)
    answers = record_punches([PunchRequest(actor, employee, item, Punch.Source.OFFLINE) for item in items])
    results = []
    for item, answer in zip(items, answers, strict=True):
        if isinstance(answer, Outcome):
            results.append(BatchResult(item.id, "created" if answer.created else "duplicate", answer.punch))
        else:
            results.append(
                BatchResult(item.id, "rejected", code=answer.code, message=str(answer.detail), extra=answer.extra)
            )
    return results


def record_punches(requests: Sequence[PunchRequest]) -> list[Answer]:
    """Record many punches at once — the morning peak arrives as batches (ADR 0022) — with a few
    queries for the whole batch and one transaction for its rows and their audit rows. Each request
    answers on its own: the punch recorded, the one its id recorded before, or why not."""
    answers: list[Answer | None] = [None] * len(requests)
    stored = (
        Punch.objects.filter(pk__in={r.item.id for r in requests}).select_related("place", "wifi_network").in_bulk()
    )
    directory = selectors.group_directory()
    consents = selectors.consents_of_many({r.employee.pk for r in requests})
    closed = periods.closed_months()
    new: dict[UUID, int] = {}  # punch id → the request recording it in this batch
    for index, request in enumerate(requests):
        try:
            if request.item.id in stored:
                answers[index] = _same_punch(stored[request.item.id], request)
            elif request.item.id in new:  # sent twice in one batch: answered once the first is written
                first = requests[new[request.item.id]]
                if first.employee.pk != request.employee.pk or first.item.fingerprint() != request.item.fingerprint():
                    raise Conflict("This punch id was used for another punch.", code="punch_id_reused")
            else:
                group = directory.group_for(request.employee)
                consented = consents.get(request.employee.pk, set())
                answers[index] = Outcome(_prepare(request, group, consented, closed), created=True)
                new[request.item.id] = index
        except (PunchRefused, Conflict, PeriodLocked) as refusal:
            answers[index] = refusal
    _write([(requests[i], answers[i]) for i in new.values()], answers, new)
    for index, request in enumerate(requests):
        if answers[index] is None:  # the second of a pair sent in one batch
            recorded = answers[new[request.item.id]]
            answers[index] = Outcome(recorded.punch, created=False) if isinstance(recorded, Outcome) else recorded
    done = [answer for answer in answers if answer is not None]
    for answer in done:
        outcome = "refused" if not isinstance(answer, Outcome) else "recorded" if answer.created else "duplicate"
        metrics.PUNCHES.labels(outcome).inc()
    return done


def _prepare(
    request: PunchRequest, group: AttendanceGroup | None, consented: set[str], closed: set[datetime.date]
) -> Punch:
    """The punch row to insert, or why not (no query unless it names a field-work photo)."""
    employee, item, source = request.employee, request.item, request.source
    if group is None:
        raise _refuse("no_attendance_group", "You are not in an attendance group; ask your administrator.")
    if len(item.remark) > MAX_REMARK:
        raise _refuse("remark_too_long", f"The remark has at most {MAX_REMARK} characters.")
    if item.accuracy_m is not None and item.accuracy_m < 0:
        raise _refuse("invalid_accuracy", "Accuracy is a distance in metres.")
    reasons: list[str] = []
    punched_at = _when(group, item, source, request.received_at, reasons)
    periods.require_open(punched_at, closed=closed)
    bssid, network = _wifi(group, item)
    point, place, distance = _location(consented, group, item, on_wifi=network is not None)
    in_range = place is not None or network is not None
    photo = None
    if not in_range and (group.places.all() or group.wifi_networks.all()):  # prefetched with the group
        if not item.field_work:
            raise _refuse(
                "outside_places",
                "You are not at a clock-in place; punch as field work if you are working elsewhere.",
                distance_m=distance,
            )
        photo = _field_work(group, item, employee, reasons)
    if item.accuracy_m is not None and item.accuracy_m > POOR_ACCURACY_M:
        reasons.append("location_inaccurate")
    return Punch(
        id=item.id,
        employee=employee,
        group=group,
        punched_at=punched_at,
        received_at=request.received_at,
        device_time=item.device_time,
        source=source,
        status=Punch.Status.NEEDS_REVIEW if reasons else Punch.Status.ACCEPTED,
        review_reasons=reasons,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        accuracy_m=item.accuracy_m,
        datum=item.datum if point else "",
        place=place,
        distance_m=distance,
        wifi_ssid=item.wifi_ssid if bssid else "",
        wifi_bssid=bssid,
        wifi_network=network,
        field_work=not in_range and item.field_work,
        remark=item.remark.strip(),
        photo=photo,
        fingerprint=item.fingerprint(),
    )


def _write(batch: list[tuple[PunchRequest, Answer | None]], answers: list[Answer | None], new: dict[UUID, int]) -> None:
    """Insert the batch's new punches and their audit rows in one transaction. When a row cannot go in
    (another process recorded the same id a moment ago, two punches named one photo), each row is
    tried on its own, so the others still are."""
    outcomes = [(request, answer) for request, answer in batch if isinstance(answer, Outcome)]
    if not outcomes:
        return
    try:
        _insert(outcomes)
    except IntegrityError:
        for request, outcome in outcomes:
            try:
                _insert([(request, outcome)])
            except IntegrityError:
                answers[new[request.item.id]] = _recorded_meanwhile(request)


def _insert(outcomes: list[tuple[PunchRequest, Outcome]]) -> None:
    with transaction.atomic():
        bulk.insert([outcome.punch for _, outcome in outcomes])
        audit.record_many(
            [
                audit.Entry(
                    action="attendance.punch.record",
                    actor=request.actor,
                    target=outcome.punch,
                    changes={
                        "source": request.source,
                        "status": outcome.punch.status,
                        "place": outcome.punch.place.name if outcome.punch.place else None,
                        **({"wifi": outcome.punch.wifi_network.name} if outcome.punch.wifi_network else {}),
                    },
                    request=request.request,
                )
                for request, outcome in outcomes
            ]
        )
        for request, outcome in outcomes:
            record = outcome.punch
            publish(
                PunchRecorded(
                    punch_id=record.pk,
                    employee_id=request.employee.pk,
                    punched_at=record.punched_at,
                    status=record.status,
                )
            )
            if request.source == Punch.Source.OFFLINE:  # it may belong to a day already settled
                publish(days_changed([request.employee.pk], record.punched_at))


def _recorded_meanwhile(request: PunchRequest) -> Answer:
    """The row could not go in: the same id was recorded meanwhile (the same punch or a conflict), or
    its photo went to another punch."""
    existing = Punch.objects.filter(pk=request.item.id).select_related("place", "wifi_network").first()
    if existing is None:
        return _refuse("photo_not_found", "The photo was not uploaded, or belongs to another punch.")
    try:
        return _same_punch(existing, request)
    except Conflict as conflict:
        return conflict
