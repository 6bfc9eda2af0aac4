"""Rosters (排班) in a real browser, on a phone: the administrator makes a group a roster group, opens
its week grid, gives a member today's shift from the action sheet, and finds it saved after a reload."""

from __future__ import annotations

import datetime
import re
import time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .test_shell import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

LOGIN_NAMES = {"系统管理员", "审计管理员", "安全管理员", "张伟", "李娜", "王芳", "刘洋"}


def headers(page: Page) -> dict[str, str]:
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    return {"X-CSRFToken": cookies.get("csrftoken", ""), "Accept-Language": "zh-CN"}


def api(page: Page, method: str, path: str, body: Any = None) -> Any:
    response = page.request.fetch(f"/api/v1/{path}", method=method, headers=headers(page), data=body)
    assert response.ok, f"{method} {path}: {response.status} {response.text()}"
    return response.json() if response.status != 204 else None


def test_administrator_plans_a_shift_in_the_week_grid_on_a_phone(phone: BrowserContext) -> None:
    page = phone.new_page()
    sign_in(page, "admin")
    expect(page).to_have_url(re.compile(r"/messages$"))
    # Someone of the demo company who signs in nowhere in the browser tests, in a group of their own.
    people = api(page, "GET", "org/employees?q=%E9%99%88")["items"]  # 陈
    member = next(person for person in people if person["name"] not in LOGIN_NAMES)
    (standard,) = [shift for shift in api(page, "GET", "attendance/shifts") if shift["name"] == "标准班"]
    name = f"门店排班 {int(time.time() * 1000) % 1_000_000}"
    group = api(page, "POST", "attendance/groups", {"name": name, "employee_ids": [member["id"]]})
    assert (group["kind"], group["shift"]) == ("fixed", None)
    today = datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    try:
        page.goto(f"/attendance/groups/{group['id']}")
        expect(page.get_by_test_id("page-header")).to_contain_text(name)
        expect(page.get_by_test_id("group-schedule")).to_be_visible()
        expect(page.get_by_test_id("group-roster-link")).to_have_count(0)
        page.get_by_test_id("group-kind-roster").click()
        expect(page.get_by_test_id("group-schedule")).to_have_count(0)  # a roster group has no fixed schedule
        with page.expect_response(lambda r: r.request.method == "PATCH" and "/attendance/groups/" in r.url) as saved:
            page.get_by_test_id("group-save").click()
        assert saved.value.status == 200, saved.value.text()
        assert saved.value.json()["kind"] == "roster"

        page.get_by_test_id("group-roster-link").click()
        expect(page).to_have_url(re.compile(rf"/attendance/groups/{group['id']}/roster$"))
        expect(page.get_by_test_id("page-header")).to_have_text(f"排班 · {name}")
        cell = page.get_by_test_id(f"roster-cell-{member['id']}-{today}")
        expect(cell).to_have_text("休")
        cell.click()
        sheet = page.locator(".van-action-sheet")
        expect(sheet).to_contain_text(f"{member['name']} · {today}")
        with page.expect_response(lambda r: r.request.method == "PUT" and r.url.endswith("/roster")) as put:
            sheet.locator(".van-action-sheet__item", has_text="标准班").click()
        assert (put.value.status, put.value.json()) == (200, {"changed": 1})
        expect(cell).to_have_text("标准")
        expect(page.get_by_test_id(f"roster-count-{datetime.date.fromisoformat(today).weekday()}")).to_have_text("1")

        # Saved: the grid shows it again after a reload, and so does the API.
        page.reload()
        expect(page.get_by_test_id(f"roster-cell-{member['id']}-{today}")).to_have_text("标准")
        roster = api(page, "GET", f"attendance/groups/{group['id']}/roster?since={today}&until={today}")
        assert [(m["id"], m["entries"]) for m in roster["members"]] == [
            (member["id"], [{"day": today, "shift_id": standard["id"]}])
        ]
    finally:
        api(page, "DELETE", f"attendance/groups/{group['id']}")
