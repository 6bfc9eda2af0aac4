"""Wi-Fi punching (Wi-Fi 打卡): a group's networks, and punches on them counting as in range."""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
from typing import Any

import pytest
from django.utils import timezone

from officium.attendance.models import AttendanceGroup, Punch, WifiNetwork
from officium.attendance.services import groups, punches, wifi
from officium.core.models import AuditEvent
from officium.org.models import Department, Employee

from ..conftest import ApiClient
from .conftest import body, consent, north_of_office

pytestmark = pytest.mark.django_db

OFFICE_AP = "aa:bb:cc:dd:ee:01"
ON_OFFICE_WIFI = {"ssid": "Officium", "bssid": "AA:BB:CC:DD:EE:01"}


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("aa:bb:cc:dd:ee:ff", "aa:bb:cc:dd:ee:ff"),
        (" AA:BB:CC:DD:EE:0F ", "aa:bb:cc:dd:ee:0f"),
        ("AA-BB-CC-DD-EE-FF", "aa:bb:cc:dd:ee:ff"),
        ("aa:bb:cc:dd:ee", None),
        ("aa:bb:cc:dd:ee:fg", None),
        ("aabbccddeeff", None),
        ("", None),
    ],
)
def test_bssids_are_normalised(text: str, normalised: str | None) -> None:
    assert wifi.normalise_bssid(text) == normalised


@pytest.fixture
def office_wifi(staff: dict[str, Employee], group: AttendanceGroup) -> WifiNetwork:
    """研发考勤 (with its fence around the office) and the office's access point."""
    return wifi.wifi_create(actor=staff["admin"].user, group_id=group.pk, name="三楼", ssid="Officium", bssid=OFFICE_AP)


def test_an_administrator_adds_and_removes_a_network(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    admin = ApiClient(staff["admin"].user)
    version = group.version
    added = admin.post(
        f"attendance/groups/{group.pk}/wifi", {"name": " 三楼 ", "ssid": "Officium", "bssid": "AA-BB-CC-DD-EE-01"}
    )
    assert added.status_code == 201
    network = added.json()
    assert {k: network[k] for k in ("name", "ssid", "bssid")} == {
        "name": "三楼",
        "ssid": "Officium",
        "bssid": OFFICE_AP,
    }
    shown = admin.get(f"attendance/groups/{group.pk}").json()
    assert (shown["wifi_networks"], shown["version"]) == ([network], version + 1)
    audit = AuditEvent.objects.get(action="attendance.wifi.create", object_id=network["id"])
    assert audit.changes == {"group": str(group.pk), "name": "三楼", "ssid": "Officium", "bssid": OFFICE_AP}
    assert admin.delete(f"attendance/wifi/{network['id']}").status_code == 204
    assert not WifiNetwork.objects.exists()
    assert AttendanceGroup.objects.get(pk=group.pk).version == version + 2
    removed = AuditEvent.objects.get(action="attendance.wifi.delete", object_id=network["id"])
    assert removed.changes == {"name": "三楼", "bssid": OFFICE_AP}
    gone = admin.delete(f"attendance/wifi/{network['id']}")
    assert (gone.status_code, gone.json()["code"]) == (404, "wifi_not_found")


def test_an_access_point_is_added_once_per_group(
    staff: dict[str, Employee], group: AttendanceGroup, office_wifi: WifiNetwork, org_tree: dict[str, Department]
) -> None:
    admin = ApiClient(staff["admin"].user)
    again = admin.post(f"attendance/groups/{group.pk}/wifi", {"name": "另一个", "ssid": "Other", "bssid": OFFICE_AP})
    assert (again.status_code, again.json()["code"]) == (409, "wifi_taken")
    other = groups.group_create(actor=staff["admin"].user, name="销售考勤", department_ids=[org_tree["sales"].pk])
    elsewhere = admin.post(
        f"attendance/groups/{other.pk}/wifi", {"name": "三楼", "ssid": "Officium", "bssid": OFFICE_AP}
    )
    assert elsewhere.status_code == 201
    assert WifiNetwork.objects.filter(bssid=OFFICE_AP).count() == 2


@pytest.mark.parametrize(
    ("sent", "pointers"),
    [
        ({"name": " ", "ssid": "Officium", "bssid": OFFICE_AP}, ["/name"]),
        ({"name": "三楼", "ssid": "", "bssid": OFFICE_AP}, ["/ssid"]),
        ({"name": "三楼", "ssid": "Officium", "bssid": "aa:bb:cc:dd:ee"}, ["/bssid"]),
        ({"name": "", "ssid": "", "bssid": "zz:zz:zz:zz:zz:zz"}, ["/name", "/ssid", "/bssid"]),
    ],
)
def test_a_bad_network_is_refused_and_nothing_changes(
    staff: dict[str, Employee], group: AttendanceGroup, sent: dict[str, str], pointers: list[str]
) -> None:
    answer = ApiClient(staff["admin"].user).post(f"attendance/groups/{group.pk}/wifi", sent)
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_wifi")
    assert [error["pointer"] for error in answer.json()["errors"]] == pointers
    assert not WifiNetwork.objects.exists()
    assert AttendanceGroup.objects.get(pk=group.pk).version == group.version


def test_only_administrators_manage_networks(
    staff: dict[str, Employee], group: AttendanceGroup, office_wifi: WifiNetwork
) -> None:
    employee = ApiClient(staff["employee"].user)
    added = employee.post(
        f"attendance/groups/{group.pk}/wifi", {"name": "x", "ssid": "x", "bssid": "aa:bb:cc:dd:ee:02"}
    )
    removed = employee.delete(f"attendance/wifi/{office_wifi.pk}")
    assert (added.status_code, removed.status_code) == (403, 403)
    assert list(WifiNetwork.objects.values_list("bssid", flat=True)) == [OFFICE_AP]


def test_the_punch_screen_carries_the_networks_in_its_rules(staff: dict[str, Employee], group: AttendanceGroup) -> None:
    lina = ApiClient(staff["employee"].user)
    before = lina.get("attendance/me/today").json()
    assert before["wifi_networks"] == []
    network = wifi.wifi_create(
        actor=staff["admin"].user, group_id=group.pk, name="三楼", ssid="Officium", bssid=OFFICE_AP
    )
    after = lina.get("attendance/me/today").json()
    assert after["wifi_networks"] == [{"id": str(network.pk), "name": "三楼", "ssid": "Officium", "bssid": OFFICE_AP}]
    assert after["rules_version"] != before["rules_version"]


@pytest.fixture
def lina(staff: dict[str, Employee], office_wifi: WifiNetwork) -> ApiClient:
    consent(staff["employee"], "location", "photo")
    return ApiClient(staff["employee"].user)


def test_a_punch_on_the_groups_wifi_is_in_range_without_a_location(lina: ApiClient, office_wifi: WifiNetwork) -> None:
    answer = lina.post("attendance/punches", body(wifi=ON_OFFICE_WIFI))
    assert answer.status_code == 201
    punch = answer.json()
    assert (punch["status"], punch["place"], punch["field_work"], punch["distance_m"]) == (
        "accepted",
        None,
        False,
        None,
    )
    assert punch["wifi"] == {"id": str(office_wifi.pk), "name": "三楼", "ssid": "Officium", "bssid": OFFICE_AP}
    recorded = Punch.objects.get(pk=punch["id"])
    assert (recorded.wifi_network_id, recorded.wifi_ssid, recorded.wifi_bssid) == (
        office_wifi.pk,
        "Officium",
        OFFICE_AP,
    )
    assert (recorded.latitude, recorded.datum) == (None, "")
    audit = AuditEvent.objects.get(action="attendance.punch.record", object_id=punch["id"])
    assert audit.changes == {"source": "online", "status": "accepted", "place": None, "wifi": "三楼"}


def test_on_the_wifi_a_location_outside_the_fence_is_still_in_range(lina: ApiClient) -> None:
    answer = lina.post("attendance/punches", body(north_of_office(2000), wifi=ON_OFFICE_WIFI))
    assert answer.status_code == 201
    punch = answer.json()
    assert (punch["place"], punch["distance_m"], punch["field_work"], punch["wifi"]["name"]) == (
        None,
        2000,
        False,
        "三楼",
    )


@pytest.mark.parametrize(
    ("sent", "code"),
    [
        (body(wifi={"ssid": "Officium", "bssid": "aa:bb:cc:dd:ee:99"}), "location_required"),  # another access point
        (body(wifi={"ssid": "Officium", "bssid": "not a bssid"}), "invalid_wifi"),
        (body(north_of_office(2000), wifi={"ssid": "Cafe", "bssid": "aa:bb:cc:dd:ee:99"}), "outside_places"),
    ],
)
def test_without_the_groups_wifi_the_fence_decides(lina: ApiClient, sent: dict[str, Any], code: str) -> None:
    answer = lina.post("attendance/punches", sent)
    assert (answer.status_code, answer.json()["code"]) == (422, code)
    assert not Punch.objects.exists()


def test_another_access_point_is_kept_with_a_punch_in_the_fence(lina: ApiClient) -> None:
    answer = lina.post(
        "attendance/punches", body(north_of_office(50), wifi={"ssid": "Cafe", "bssid": "AA:BB:CC:DD:EE:99"})
    )
    assert (answer.status_code, answer.json()["place"]["name"], answer.json()["wifi"]) == (201, "中关村办公室", None)
    recorded = Punch.objects.get()
    assert (recorded.wifi_network_id, recorded.wifi_ssid, recorded.wifi_bssid) == (None, "Cafe", "aa:bb:cc:dd:ee:99")


def test_a_wifi_only_group_refuses_punches_off_its_wifi(
    staff: dict[str, Employee], group: AttendanceGroup, office_wifi: WifiNetwork
) -> None:
    place = group.places.get()
    groups.place_delete(actor=staff["admin"].user, place_id=place.pk)
    lina = ApiClient(staff["employee"].user)
    refused = lina.post("attendance/punches", body())
    assert (refused.status_code, refused.json()["code"]) == (422, "outside_places")
    assert lina.post("attendance/punches", body(wifi=ON_OFFICE_WIFI)).status_code == 201


def test_the_wifi_is_part_of_the_punchs_fingerprint(lina: ApiClient) -> None:
    sent = body(wifi=ON_OFFICE_WIFI)
    assert lina.post("attendance/punches", sent).status_code == 201
    again = lina.post("attendance/punches", sent)
    assert (again.status_code, again.json()["duplicate"]) == (200, True)
    other = lina.post("attendance/punches", {**sent, "wifi": {"ssid": "Officium", "bssid": "aa:bb:cc:dd:ee:02"}})
    assert (other.status_code, other.json()["code"]) == (409, "punch_id_reused")
    renamed = lina.post("attendance/punches", {**sent, "wifi": {"ssid": "Renamed", "bssid": OFFICE_AP}})
    assert (renamed.status_code, renamed.json()["code"]) == (409, "punch_id_reused")
    assert Punch.objects.count() == 1


def test_a_punch_without_wifi_keeps_the_fingerprint_it_had() -> None:
    """Punches queued on phones before Wi-Fi existed are retried with the same fingerprint."""
    punch_id = uuid.UUID("01890000-0000-7000-8000-000000000000")
    material = {
        "id": str(punch_id),
        "device_time": None,
        "latitude": None,
        "longitude": None,
        "accuracy_m": None,
        "datum": "wgs84",
        "field_work": False,
        "remark": "",
        "photo_id": None,
    }
    before_wifi = hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()
    assert punches.PunchIn(id=punch_id).fingerprint() == before_wifi
    assert punches.PunchIn(id=punch_id, wifi_ssid="Officium", wifi_bssid=OFFICE_AP).fingerprint() != before_wifi


def test_an_offline_punch_on_the_wifi_is_accepted(lina: ApiClient) -> None:
    made = (timezone.now() - datetime.timedelta(minutes=5)).isoformat()
    item = body(wifi=ON_OFFICE_WIFI, device_time=made, clock_skew_ms=0)
    answer = lina.post("attendance/punches/batch", {"punches": [item]})
    assert [(row["result"], row["punch"]["wifi"]["name"]) for row in answer.json()] == [("created", "三楼")]


def test_removing_a_network_keeps_the_punches_made_on_it(
    lina: ApiClient, staff: dict[str, Employee], office_wifi: WifiNetwork
) -> None:
    punch_id = lina.post("attendance/punches", body(wifi=ON_OFFICE_WIFI)).json()["id"]
    wifi.wifi_delete(actor=staff["admin"].user, wifi_id=office_wifi.pk)
    recorded = Punch.objects.get(pk=punch_id)
    assert (recorded.wifi_network_id, recorded.wifi_bssid) == (None, OFFICE_AP)
