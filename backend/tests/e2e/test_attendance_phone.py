"""Attendance in a real browser: on a phone, a punch in range of the Beijing office right after agreeing
to the use of the location, then a punch taken offline that waits on the phone and is sent once when
the network is back; on a desktop, an administrator sets up a group and a clock-in place."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .test_shell import sign_in, storage_sizes

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

# About 100 m north of 北京研发中心 (39.983000, 116.307000), well inside its 300 m fence.
NEAR_BEIJING_RND = {"latitude": 39.983900, "longitude": 116.307000, "accuracy": 20}


def today(page: Page) -> Any:
    response = page.request.get("/api/v1/attendance/me/today", headers={"Accept-Language": "zh-CN"})
    assert response.ok, f"GET /api/v1/attendance/me/today: {response.status} {response.text()}"
    return response.json()


def test_punch_in_range_then_offline_punch_is_sent_once_when_back_online(phone: BrowserContext) -> None:
    phone.grant_permissions(["geolocation"])
    phone.set_geolocation(NEAR_BEIJING_RND)
    page = phone.new_page()
    sign_in(page, "lina")
    expect(page).to_have_url(re.compile(r"/messages$"))
    page.get_by_test_id("tab-workbench").click()
    expect(page.get_by_test_id("workbench-entry-attendance")).to_have_text("考勤打卡")
    page.get_by_test_id("workbench-entry-attendance").click()
    expect(page).to_have_url(re.compile(r"/attendance$"))
    expect(page.get_by_test_id("page-header")).to_have_text("考勤打卡")
    expect(page.get_by_test_id("punch-group")).to_have_text("考勤组：集团考勤")
    expect(page.get_by_test_id("punch-list-empty")).to_have_text("今天还没有打卡")

    # First use: what the location is for, and who sees it, before it is read.
    consent = page.get_by_test_id("consent-dialog-location")
    expect(consent).to_contain_text("核实你是否在所在考勤组的打卡点范围内")
    expect(consent).to_contain_text("人事和考勤管理员可以查看")
    page.get_by_test_id("consent-agree").click()
    expect(consent).to_be_hidden()
    expect(page.get_by_test_id("punch-location-text")).to_have_text("在 北京研发中心 范围内")
    assert today(page)["consents"] == ["location"]

    # Online: the server records it at once.
    page.get_by_test_id("punch-button").click()
    expect(page.get_by_test_id("punch-row-0-status")).to_have_text("已同步")
    expect(page.get_by_test_id("punch-row-0-place")).to_have_text("北京研发中心")
    expect(page.get_by_test_id("punch-row-0-time")).to_have_text(re.compile(r"^\d{2}:\d{2}:\d{2}$"))
    expect(page.get_by_test_id("punch-pending-count")).to_have_text("0")

    # Offline: kept on the phone and shown at once, waiting to be sent.
    phone.set_offline(True)
    expect(page.get_by_test_id("offline-banner")).to_be_visible()
    page.get_by_test_id("punch-button").click()
    expect(page.get_by_test_id("punch-row-1-status")).to_have_text("已记录，待同步")
    expect(page.get_by_test_id("punch-row-1-place")).to_have_text("北京研发中心")
    expect(page.get_by_test_id("punch-pending-count")).to_have_text("1")
    expect(page.get_by_test_id("punch-location-text")).to_have_text("在 北京研发中心 范围内")

    # Back online: sent by itself (through the batch, at the time it was made), and only once.
    phone.set_offline(False)
    expect(page.get_by_test_id("punch-pending-count")).to_have_text("0")
    expect(page.get_by_test_id("punch-row-1-status")).to_have_text("已同步")
    expect(page.get_by_test_id("punch-row-0-status")).to_have_text("已同步")
    punches = today(page)["punches"]
    assert [(p["source"], p["status"], p["place"]["name"], p["field_work"]) for p in punches] == [
        ("online", "accepted", "北京研发中心", False),
        ("offline", "accepted", "北京研发中心", False),
    ]

    # The screen shows the same after a reload, from the server's answer.
    page.reload()
    expect(page.get_by_test_id("punch-row-1-status")).to_have_text("已同步")
    expect(page.locator("[data-testid^=punch-row-][data-state]")).to_have_count(2)
    expect(page.get_by_test_id("consent-dialog-location")).to_have_count(0)

    # Signing out leaves nothing of the queue (or the cached rules) behind on the phone.
    page.goto("/me")
    page.get_by_test_id("me-logout").click()
    page.locator(".van-dialog").get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    assert storage_sizes(page) == [0, 0, 0]


def test_desktop_administrator_sets_up_a_group_with_a_place_at_the_current_location(desktop: BrowserContext) -> None:
    desktop.grant_permissions(["geolocation"])
    desktop.set_geolocation({"latitude": 31.230416, "longitude": 121.473701, "accuracy": 15})
    page = desktop.new_page()
    sign_in(page, "admin")
    expect(page).to_have_url(re.compile(r"/messages$"))
    page.get_by_test_id("sidenav-workbench").click()
    page.get_by_test_id("workbench-entry-attendance-groups").click()
    expect(page).to_have_url(re.compile(r"/attendance/groups$"))
    expect(page.get_by_test_id("group-list")).to_contain_text("集团考勤")

    name = f"外勤组 {int(time.time() * 1000) % 1_000_000}"
    page.get_by_test_id("group-create").click()
    expect(page).to_have_url(re.compile(r"/attendance/groups/new$"))
    page.get_by_test_id("group-name").locator("input").fill(name)
    page.get_by_test_id("group-field-work-needs_approval").click()
    page.get_by_test_id("group-save").click()
    expect(page).to_have_url(re.compile(r"/attendance/groups/[0-9a-f-]{36}$"))
    expect(page.get_by_test_id("page-header")).to_contain_text(name)
    expect(page.get_by_test_id("place-empty")).to_be_visible()

    page.get_by_test_id("place-add").click()
    page.get_by_test_id("place-name").locator("input").fill("上海客户现场")
    page.get_by_test_id("place-use-location").click()
    expect(page.get_by_test_id("place-latitude").locator("input")).to_have_value("31.230416")
    expect(page.get_by_test_id("place-longitude").locator("input")).to_have_value("121.473701")
    page.get_by_test_id("place-radius").locator("input").fill("500")
    page.get_by_test_id("place-save").click()
    place = page.locator("[data-testid^=place-item-]")
    expect(place).to_have_count(1)
    expect(place).to_contain_text("上海客户现场")
    expect(place).to_contain_text("31.230416, 121.473701 · 半径 500 米")

    # The rules are saved with the group.
    page.get_by_test_id("group-remark-required").click()
    page.get_by_test_id("group-make-up-limit").locator(".van-stepper__plus").click()
    # 加班规则: rest days by punches, paid; the offset shows once workdays count punches too.
    expect(page.get_by_test_id("group-overtime-offset-minutes")).to_have_count(0)
    page.get_by_test_id("group-overtime-rest-day-source-punches").click()
    page.get_by_test_id("group-overtime-rest-day-compensation-pay").click()
    page.get_by_test_id("group-overtime-workday-source-both").click()
    page.get_by_test_id("group-overtime-offset-minutes").locator(".van-stepper__minus").click()
    page.get_by_test_id("group-save").click()
    expect(page.locator(".van-toast")).to_have_text("已保存")
    group_id = page.url.rsplit("/", 1)[1]
    group = page.request.get(f"/api/v1/attendance/groups/{group_id}").json()
    assert (
        group["field_work"],
        group["field_work_remark_required"],
        group["make_up_limit_per_month"],
        len(group["places"]),
    ) == ("needs_approval", False, 1, 1)
    assert (
        group["overtime_workday_source"],
        group["overtime_rest_day_source"],
        group["overtime_rest_day_compensation"],
        group["overtime_offset_minutes"],
    ) == ("both", "punches", "pay", 29)

    # After a correction, this month's results are computed again by the worker.
    page.get_by_test_id("group-recompute").click()
    expect(page.locator(".van-dialog")).to_contain_text("重新计算本组成员本月的考勤结果")
    with page.expect_response(lambda r: r.url.endswith("/recompute")) as answer:
        page.locator(".van-dialog").get_by_role("button", name="重新计算本月考勤结果").click()
    assert answer.value.status == 202, answer.value.text()
    expect(page.locator(".van-toast")).to_have_text("已开始在后台重新计算")

    page.get_by_test_id("group-delete").click()
    page.locator(".van-dialog").get_by_role("button", name="删除").click()
    expect(page).to_have_url(re.compile(r"/attendance/groups$"))
    expect(page.get_by_test_id("group-list")).not_to_contain_text(name)
