"""Attendance reports on a phone: 张伟 (head of 平台研发部, with attendance.report.view over his tree)
opens 考勤报表 from the workbench and reads last month: nobody in the demo punched then, so every
workday of every person in his scope is absent — the cards, the chart, the department totals and
the daily detail all say so, in numbers computed here from the calendar. The downloads answer a
spreadsheet."""

from __future__ import annotations

import datetime
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .test_shell import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def get(page: Page, path: str) -> Any:
    response = page.request.get(path, headers={"Accept-Language": "zh-CN"})
    assert response.ok, f"GET {path}: {response.status} {response.text()}"
    return response.json()


def last_month() -> datetime.date:
    today = datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def workdays(page: Page, month: datetime.date) -> list[datetime.date]:
    """The demo group works Monday to Friday, except holidays, plus the adjusted working weekends."""
    kinds = {day["date"]: day["kind"] for day in get(page, f"/api/v1/attendance/calendar?country=CN&year={month.year}")}
    days, day = [], month
    while day.month == month.month:
        kind = kinds.get(day.isoformat())
        if kind == "workday" or (kind != "holiday" and day.isoweekday() <= 5):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def test_a_manager_reads_last_month_on_a_phone(phone: BrowserContext) -> None:
    page = phone.new_page()
    sign_in(page, "zhangwei")
    expect(page).to_have_url(re.compile(r"/messages$"))
    page.get_by_test_id("tab-workbench").click()
    expect(page.get_by_test_id("workbench-entry-attendance-reports")).to_have_text("考勤报表")
    page.get_by_test_id("workbench-entry-attendance-reports").click()
    expect(page).to_have_url(re.compile(r"/attendance/reports$"))
    expect(page.get_by_test_id("page-header")).to_have_text("考勤报表")

    month = last_month()
    page.get_by_test_id("report-month-prev").click()
    expect(page.get_by_test_id("report-month")).to_have_attribute("data-month", f"{month:%Y-%m}")
    expect(page).to_have_url(re.compile(rf"month={month:%Y-%m}"))
    judged = workdays(page, month)
    n = len(judged)

    # 人员月报, as cards on a phone: 李娜 was absent on every workday, so nothing was on time.
    cards = page.get_by_test_id("report-monthly-cards").locator("> li")
    expect(cards.first).to_be_visible()
    people = cards.count()
    assert people >= 3  # 张伟, 李娜 and their colleagues in 平台研发部
    (lina,) = [
        row for row in get(page, f"/api/v1/attendance/reports/monthly?month={month:%Y-%m}") if row["name"] == "李娜"
    ]
    card = page.get_by_test_id(f"report-person-{lina['employee_number']}")
    expect(card).to_contain_text("李娜")
    expect(card.get_by_test_id("report-person-workdays")).to_have_text(str(n))
    expect(card.get_by_test_id("report-person-absent")).to_have_text(str(n))
    expect(card.get_by_test_id("report-person-missing")).to_have_text(str(2 * n))
    expect(card.get_by_test_id("report-person-rate")).to_have_text("0.0%")
    expect(card.get_by_test_id("report-person-overtime")).to_have_text(
        "加班 0 / 0 / 0 小时（工作日 / 休息日 / 节假日）"
    )
    # The chart has a column for each workday, and every one stands at 0 %.
    bars = page.locator("rect[data-testid^=report-rate-]")
    expect(bars).to_have_count(n)
    expect(page.get_by_test_id(f"report-rate-{judged[0].isoformat()}")).to_have_attribute("data-rate", "0")

    # 部门汇总: the totals over the same people.
    page.get_by_test_id("report-tab-departments").click()
    expect(page).to_have_url(re.compile(r"tab=departments"))
    total = page.get_by_test_id("report-department-total")
    expect(total).to_contain_text("合计")
    expect(total.get_by_test_id("report-department-headcount")).to_have_text(str(people))
    expect(total.get_by_test_id("report-department-absent")).to_have_text(str(people * n))
    expect(total.get_by_test_id("report-department-rate")).to_have_text("0.0%")
    expect(page.get_by_test_id("report-department-chart").locator("rect[data-kind=absent]").first).to_be_visible()

    # 每日明细 of the month's first workday: both of 李娜's punches are missing.
    first = judged[0].isoformat()
    page.goto(f"/attendance/reports?tab=daily&since={first}&until={first}")
    day = page.get_by_test_id(f"report-day-{first}-{lina['employee_number']}")
    expect(day.get_by_test_id("report-day-status")).to_have_text("缺勤")
    expect(day.get_by_test_id("report-day-slot-0")).to_have_text("上班 应 09:00 · 缺卡")
    expect(day.get_by_test_id("report-day-slot-1")).to_have_text("下班 应 18:00 · 缺卡")
    expect(page.get_by_test_id("report-daily-cards").locator("> li")).to_have_count(people)

    # The downloads are the API's spreadsheets, fetched with the session.
    for format_, content_type in (("xlsx", XLSX), ("csv", "text/csv; charset=utf-8")):
        href = page.get_by_test_id(f"report-export-{format_}").get_attribute("href")
        assert href == f"/api/v1/attendance/reports/daily/export?since={first}&until={first}&format={format_}"
        answer = page.request.get(href)
        assert (answer.status, answer.headers["content-type"]) == (200, content_type)
    csv = page.request.get(f"/api/v1/attendance/reports/daily/export?since={first}&until={first}&format=csv").body()
    assert csv.startswith("\ufeff日期,工号,姓名".encode())
