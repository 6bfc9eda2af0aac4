"""Wi-Fi punching in a real browser: on a desktop, an administrator adds the office's access point to
集团考勤; on a phone inside a host app (its bridge answers which Wi-Fi the phone is on), 刘洋 sees
"Wi-Fi: <name>" and punches without a location; the administrator then removes the network."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, expect

from .test_shell import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

BSSID = "a4:5e:60:e2:0c:17"
# The host app's side of the bridge (logic/hostWifi.ts): it reports the access point in capitals.
HOST_BRIDGE = """
window.OfficiumHost = { wifi: () => Promise.resolve({ ssid: "Officium-Office", bssid: "A4-5E-60-E2-0C-17" }) };
"""


def test_a_punch_on_the_groups_wifi_needs_no_location(desktop: BrowserContext, phone: BrowserContext) -> None:
    admin = desktop.new_page()
    sign_in(admin, "admin")
    expect(admin).to_have_url(re.compile(r"/messages$"))
    admin.goto("/attendance/groups")
    admin.get_by_test_id("group-list").get_by_text("集团考勤").click()
    expect(admin).to_have_url(re.compile(r"/attendance/groups/[0-9a-f-]{36}$"))
    expect(admin.get_by_test_id("wifi-empty")).to_be_visible()
    admin.get_by_test_id("wifi-add").click()
    admin.get_by_test_id("wifi-name").locator("input").fill("总部三楼")
    admin.get_by_test_id("wifi-ssid").locator("input").fill("Officium-Office")
    admin.get_by_test_id("wifi-bssid").locator("input").fill("A4:5E:60:E2:0C:1")
    admin.get_by_test_id("wifi-save").click()
    expect(admin.get_by_test_id("wifi-dialog")).to_contain_text("六组十六进制数字")
    admin.get_by_test_id("wifi-bssid").locator("input").fill("A4:5E:60:E2:0C:17")
    admin.get_by_test_id("wifi-save").click()
    network = admin.get_by_test_id(f"wifi-item-{BSSID}")
    expect(network).to_contain_text("总部三楼")
    expect(network).to_contain_text(f"Officium-Office · {BSSID}")

    # No geolocation permission: the Wi-Fi alone puts the phone in range.
    phone.add_init_script(HOST_BRIDGE)
    page = phone.new_page()
    sign_in(page, "liuyang")
    expect(page).to_have_url(re.compile(r"/messages$"))
    page.goto("/attendance")
    expect(page.get_by_test_id("punch-location-text")).to_have_text("Wi-Fi：总部三楼")
    consent = page.get_by_test_id("consent-agree")
    consent.click()  # the location is asked for at first use all the same; the Wi-Fi does not need it
    page.get_by_test_id("punch-button").click()
    expect(page.get_by_test_id("punch-row-0-status")).to_have_text("已同步")
    expect(page.get_by_test_id("punch-row-0-place")).to_have_text("总部三楼")
    answer = page.request.get("/api/v1/attendance/me/today").json()
    assert [(p["wifi"]["bssid"], p["place"], p["field_work"], p["status"]) for p in answer["punches"]] == [
        (BSSID, None, False, "accepted")
    ]

    admin.get_by_test_id(f"wifi-delete-{BSSID}").click()
    admin.locator(".van-dialog").get_by_role("button", name="删除").click()
    expect(admin.get_by_test_id("wifi-empty")).to_be_visible()
