"""Punching online: one INSERT keyed by the device's id; in a fence, as field work, or refused with a reason."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from prometheus_client import REGISTRY

from officium.attendance import geo
from officium.attendance.models import AttendanceGroup, Punch
from officium.attendance.services import groups
from officium.core.models import AuditEvent
from officium.org.models import Employee

from ..conftest import ApiClient
from .conftest import OFFICE, body, consent, north_of_office

pytestmark = pytest.mark.django_db


@pytest.fixture
def lina(staff: dict[str, Employee], group: AttendanceGroup) -> ApiClient:
    """李娜 of 前端组 (under 研发部), who has agreed to location and photo use."""
    consent(staff["employee"], "location", "photo")
    return ApiClient(staff["employee"].user)


def test_a_punch_in_the_fence_counts_at_server_time(lina: ApiClient, staff: dict[str, Employee]) -> None:
    before = timezone.now()
    answer = lina.post("attendance/punches", body(north_of_office(100), device_time="2020-01-01T08:00:00+08:00"))
    assert answer.status_code == 201
    punch = answer.json()
    assert (punch["status"], punch["source"], punch["place"]["name"], punch["field_work"], punch["duplicate"]) == (
        "accepted",
        "online",
        "中关村办公室",
        False,
        False,
    )
    assert punch["distance_m"] == 100
    recorded = Punch.objects.get(pk=punch["id"])
    assert recorded.punched_at == recorded.received_at >= before  # not the device's clock
    assert recorded.device_time == datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    assert recorded.employee_id == staff["employee"].pk
    audit = AuditEvent.objects.get(action="attendance.punch.record", object_id=punch["id"])
    assert audit.changes == {"source": "online", "status": "accepted", "place": "中关村办公室"}


def test_a_retry_is_the_same_punch_and_writes_nothing(lina: ApiClient) -> None:
    sent = body(north_of_office(50))
    first = lina.post("attendance/punches", sent)
    again = lina.post("attendance/punches", sent)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == {**first.json(), "duplicate": True}
    assert Punch.objects.count() == 1
    assert AuditEvent.objects.filter(action="attendance.punch.record").count() == 1


def test_the_same_id_with_other_content_is_refused(lina: ApiClient) -> None:
    sent = body(north_of_office(50))
    assert lina.post("attendance/punches", sent).status_code == 201
    answer = lina.post("attendance/punches", {**sent, "accuracy_m": 35})
    assert (answer.status_code, answer.json()["code"]) == (409, "punch_id_reused")
    assert Punch.objects.count() == 1


def test_another_persons_id_is_refused(lina: ApiClient, staff: dict[str, Employee]) -> None:
    sent = body(north_of_office(50))
    assert lina.post("attendance/punches", sent).status_code == 201
    consent(staff["employee_b"], "location")
    answer = ApiClient(staff["employee_b"].user).post("attendance/punches", sent)
    assert (answer.status_code, answer.json()["code"]) == (409, "punch_id_reused")


def test_punches_are_counted_for_monitoring_by_outcome(lina: ApiClient) -> None:
    def counted() -> dict[str, float]:
        return {
            outcome: REGISTRY.get_sample_value("officium_punches_total", {"outcome": outcome}) or 0.0
            for outcome in ("recorded", "duplicate", "refused")
        }

    before = counted()
    sent = body(north_of_office(50))
    assert [lina.post("attendance/punches", sent).status_code for _ in range(2)] == [201, 200]
    assert lina.post("attendance/punches", body(north_of_office(450))).status_code == 422
    after = counted()
    assert {outcome: after[outcome] - before[outcome] for outcome in after} == {
        "recorded": 1,
        "duplicate": 1,
        "refused": 1,
    }


def test_outside_every_fence_the_answer_says_how_far(lina: ApiClient) -> None:
    answer = lina.post("attendance/punches", body(north_of_office(450)))
    assert answer.status_code == 422
    assert (answer.json()["code"], answer.json()["distance_m"]) == ("outside_places", 450)
    assert Punch.objects.count() == 0


def test_a_gcj02_fix_at_the_office_is_in_the_fence(lina: ApiClient) -> None:
    """A Chinese map's coordinates of the office are about 550 m from the same numbers read as WGS-84."""
    lat, lng = geo.wgs84_to_gcj02(float(OFFICE[0]), float(OFFICE[1]))
    shifted = {"latitude": f"{lat:.6f}", "longitude": f"{lng:.6f}", "accuracy_m": 10}
    as_wgs84 = lina.post("attendance/punches", body(**shifted))
    assert (as_wgs84.status_code, as_wgs84.json()["code"]) == (422, "outside_places")
    answer = lina.post("attendance/punches", body(**shifted, datum="gcj02"))
    assert (answer.status_code, answer.json()["distance_m"]) == (201, 0)
    recorded = Punch.objects.get(pk=answer.json()["id"])
    assert (recorded.latitude, recorded.longitude, recorded.datum) == (OFFICE[0], OFFICE[1], "gcj02")


def _photo(client: ApiClient) -> str:
    upload = SimpleUploadedFile("site.jpg", b"\xff\xd8\xff\xe0photo", content_type="image/jpeg")
    answer = client.client.post(
        "/api/v1/attendance/photos", {"file": upload}, headers={"X-CSRFToken": client.csrf_token}
    )
    assert answer.status_code == 201, answer.content
    return str(answer.json()["id"])


@pytest.mark.parametrize(
    ("policy", "status", "reasons"),
    [("allowed", "accepted", []), ("needs_approval", "needs_review", ["field_work_needs_approval"])],
)
def test_field_work_with_remark_and_photo(
    lina: ApiClient, group: AttendanceGroup, staff: dict[str, Employee], policy: str, status: str, reasons: list[str]
) -> None:
    groups.group_update(actor=staff["admin"].user, group_id=group.pk, field_work=policy)
    photo = _photo(lina)
    answer = lina.post(
        "attendance/punches", body(north_of_office(5000), field_work=True, remark="客户现场", photo_id=photo)
    )
    assert answer.status_code == 201
    assert (answer.json()["status"], answer.json()["review_reasons"], answer.json()["field_work"]) == (
        status,
        reasons,
        True,
    )
    assert answer.json()["place"] is None
    assert str(Punch.objects.get().photo_id) == photo


@pytest.mark.parametrize(
    ("changes", "sent", "code"),
    [
        ({"field_work": "forbidden"}, {"remark": "客户现场"}, "field_work_forbidden"),
        ({}, {"remark": "  "}, "remark_required"),
        ({}, {"remark": "客户现场"}, "photo_required"),
        ({}, {"remark": "客户现场", "photo_id": str(uuid.uuid4())}, "photo_not_found"),
    ],
)
def test_field_work_refusals(
    lina: ApiClient,
    group: AttendanceGroup,
    staff: dict[str, Employee],
    changes: dict[str, Any],
    sent: dict[str, Any],
    code: str,
) -> None:
    if changes:
        groups.group_update(actor=staff["admin"].user, group_id=group.pk, **changes)
    answer = lina.post("attendance/punches", body(north_of_office(5000), field_work=True, **sent))
    assert (answer.status_code, answer.json()["code"]) == (422, code)
    assert Punch.objects.count() == 0


def test_a_photo_serves_one_punch_only(lina: ApiClient) -> None:
    photo = _photo(lina)
    first = lina.post("attendance/punches", body(north_of_office(5000), field_work=True, remark="现场", photo_id=photo))
    assert first.status_code == 201
    second = lina.post(
        "attendance/punches", body(north_of_office(5000), field_work=True, remark="现场", photo_id=photo)
    )
    assert (second.status_code, second.json()["code"]) == (422, "photo_not_found")


def test_location_needs_consent_first(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    client = ApiClient(staff["employee"].user)
    refused = client.post("attendance/punches", body(north_of_office(10)))
    assert (refused.status_code, refused.json()["code"]) == (422, "location_consent_required")
    given = client.request("PUT", "attendance/me/consent", {"purpose": "location", "granted": True})
    assert given.json() == {"consents": ["location"]}
    assert client.post("attendance/punches", body(north_of_office(10))).status_code == 201
    withdrawn = client.request("PUT", "attendance/me/consent", {"purpose": "location", "granted": False})
    assert withdrawn.json() == {"consents": []}
    again = client.post("attendance/punches", body(north_of_office(10)))
    assert again.json()["code"] == "location_consent_required"
    assert list(
        AuditEvent.objects.filter(action__startswith="attendance.consent").values_list("action", flat=True)
    ) == ["attendance.consent.grant", "attendance.consent.withdraw"]


def test_a_photo_needs_its_own_consent(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    consent(staff["employee"], "location")
    client = ApiClient(staff["employee"].user)
    answer = client.upload("attendance/photos", "site.jpg", b"\xff\xd8\xff")
    assert (answer.status_code, answer.json()["code"]) == (403, "photo_consent_required")


@pytest.mark.parametrize(
    ("sent", "code"),
    [
        ({"latitude": "95", "longitude": "116.3", "accuracy_m": 10}, "invalid_coordinates"),
        ({}, "location_required"),
        ({"remark": "长" * 501, "latitude": "39.983", "longitude": "116.307"}, "remark_too_long"),
    ],
)
def test_bad_punches_are_refused_with_a_reason(lina: ApiClient, sent: dict[str, Any], code: str) -> None:
    answer = lina.post("attendance/punches", body(**sent))
    assert (answer.status_code, answer.json()["code"]) == (422, code)
    assert Punch.objects.count() == 0


def test_someone_outside_every_group_is_told_so(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    consent(staff["hr"], "location")
    answer = ApiClient(staff["hr"].user).post("attendance/punches", body(north_of_office(10)))
    assert (answer.status_code, answer.json()["code"]) == (422, "no_attendance_group")


def test_today_shows_the_group_places_punches_and_a_rules_version(
    lina: ApiClient, group: AttendanceGroup, staff: dict[str, Employee]
) -> None:
    punched = lina.post("attendance/punches", body(north_of_office(20))).json()
    today = lina.get("attendance/me/today").json()
    assert (today["group_name"], today["rules_version"], today["consents"]) == (
        "研发考勤",
        f"{group.pk}:{group.version}",
        ["location", "photo"],
    )
    assert [place["name"] for place in today["places"]] == ["中关村办公室"]
    assert [punch["id"] for punch in today["punches"]] == [punched["id"]]
    assert today["group"]["field_work"] == "allowed"
    groups.group_update(actor=staff["admin"].user, group_id=group.pk, offline_max_skew_seconds=60)
    assert lina.get("attendance/me/today").json()["rules_version"] == f"{group.pk}:{group.version + 1}"


def test_my_punches_over_a_range(lina: ApiClient) -> None:
    punched = lina.post("attendance/punches", body(north_of_office(20))).json()
    day = timezone.localdate().isoformat()
    assert [p["id"] for p in lina.get("attendance/me/punches", since=day, until=day).json()] == [punched["id"]]
    too_long = lina.get("attendance/me/punches", since="2026-01-01", until="2026-12-31")
    assert (too_long.status_code, too_long.json()["code"]) == (422, "invalid_range")


def test_not_an_employee(make_user: Callable[..., Any]) -> None:
    answer = ApiClient(make_user("outsider")).post("attendance/punches", body())
    assert (answer.status_code, answer.json()["code"]) == (403, "not_an_employee")


@pytest.mark.parametrize(
    ("head", "content_type"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "image/heic"),
        (b"GIF89a\x01\x00\x01\x00", None),
        (b"<svg xmlns=", None),
    ],
)
def test_the_photo_type_comes_from_its_bytes(head: bytes, content_type: str | None) -> None:
    from officium.attendance.services.punches import image_type

    assert image_type(head) == content_type


def test_a_file_that_is_not_an_image_is_refused(lina: ApiClient) -> None:
    answer = lina.upload("attendance/photos", "site.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_photo_type")
