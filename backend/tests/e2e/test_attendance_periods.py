"""Closing a month (月结) in a real browser: HR (王芳), on her phone, closes a month from the workbench;
李娜's make-up request into that month is then refused with the reason; HR reopens it."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .test_shell import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def headers(page: Page) -> dict[str, str]:
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    return {"X-CSRFToken": cookies.get("csrftoken", ""), "Accept-Language": "zh-CN"}


def eleven_months_ago() -> str:
    """The oldest month the page lists; no other test touches it."""
    today = datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    index = today.year * 12 + today.month - 1 - 11
    return f"{index // 12}-{index % 12 + 1:02d}"


def test_hr_closes_a_month_and_a_make_up_into_it_is_refused(phone: BrowserContext, desktop: BrowserContext) -> None:
    month = eleven_months_ago()
    hr = phone.new_page()
    sign_in(hr, "wangfang")
    expect(hr).to_have_url(re.compile(r"/messages$"))
    hr.get_by_test_id("tab-workbench").click()
    expect(hr.get_by_test_id("workbench-entry-attendance-periods")).to_have_text("考勤月结")
    hr.get_by_test_id("workbench-entry-attendance-periods").click()
    expect(hr).to_have_url(re.compile(r"/attendance/periods$"))
    row = hr.get_by_test_id(f"period-{month}")
    expect(row).to_have_attribute("data-closed", "false")
    expect(row).to_contain_text("未结账")
    try:
        hr.get_by_test_id(f"period-toggle-{month}").click()
        expect(hr.locator(".van-dialog")).to_contain_text("确定结账")
        with hr.expect_response(lambda r: r.url.endswith(f"/periods/{month}") and r.request.method == "PUT") as answer:
            hr.locator(".van-dialog__confirm").click()
        assert answer.value.status == 201, answer.value.text()
        expect(row).to_have_attribute("data-closed", "true")
        expect(row).to_contain_text("王芳 于")
        expect(hr.get_by_test_id(f"period-toggle-{month}")).to_have_text("重新打开")

        employee = desktop.new_page()  # a browser of her own
        sign_in(employee, "lina")
        expect(employee).to_have_url(re.compile(r"/messages$"))
        available = employee.request.get("/api/v1/approvals/available", headers=headers(employee)).json()
        (make_up,) = [t for t in available if t["key"] == "make_up_punch"]
        form = {"punch_at": f"{month}-15T09:00:00+08:00", "punch_kind": "in", "reason": "忘记打卡"}
        refused = employee.request.post(
            "/api/v1/approvals/instances",
            data={"template_id": make_up["id"], "form_data": form},
            headers=headers(employee),
        )
        assert (refused.status, refused.json()["code"], refused.json()["month"]) == (409, "period_locked", month)

        hr.get_by_test_id(f"period-toggle-{month}").click()
        expect(hr.locator(".van-dialog")).to_contain_text("确定重新打开")
        with hr.expect_response(
            lambda r: r.url.endswith(f"/periods/{month}") and r.request.method == "DELETE"
        ) as answer:
            hr.locator(".van-dialog__confirm").click()
        assert answer.value.status == 204, answer.value.text()
        expect(row).to_have_attribute("data-closed", "false")
    finally:
        hr.request.delete(f"/api/v1/attendance/periods/{month}", headers=headers(hr))  # whatever happened above
