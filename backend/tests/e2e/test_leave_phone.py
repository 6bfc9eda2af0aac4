"""Leave balances in a real browser: HR (王芳) adjusts 李娜's annual leave on a desktop, with the reason;
on her phone, 李娜 sees the days added to her balance and the adjustment, with its reason, in its history."""

from __future__ import annotations

import re
import time
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .test_shell import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def api(page: Page, path: str) -> Any:
    response = page.request.get(path, headers={"Accept-Language": "zh-CN"})
    assert response.ok, f"GET {path}: {response.status} {response.text()}"
    return response.json()


def annual_balance(page: Page) -> Decimal:
    (annual,) = [b for b in api(page, "/api/v1/leave/me/balances") if b["leave_type"]["code"] == "annual"]
    return Decimal(annual["balance"])


def shown(amount: Decimal) -> str:
    """How the page writes an amount: without trailing zeros ("12.00" → "12", "3.50" → "3.5")."""
    return f"{amount.normalize():f}" if amount else "0"


def test_hr_adjusts_annual_leave_and_the_employee_sees_it_on_her_phone(
    desktop: BrowserContext, phone: BrowserContext
) -> None:
    employee = phone.new_page()
    sign_in(employee, "lina")
    expect(employee).to_have_url(re.compile(r"/messages$"))
    before = annual_balance(employee)
    reason = f"补发入职前年假 {time.time_ns()}"

    # HR, on a desktop: the leave administration, lina found by the colleague search.
    hr = desktop.new_page()
    sign_in(hr, "wangfang")
    expect(hr).to_have_url(re.compile(r"/messages$"))
    hr.get_by_test_id("sidenav-workbench").click()
    expect(hr.get_by_test_id("workbench-entry-leave-admin")).to_have_text("假期余额管理")
    hr.get_by_test_id("workbench-entry-leave-admin").click()
    expect(hr).to_have_url(re.compile(r"/leave/admin$"))
    hr.get_by_test_id("leave-admin-search").click()
    hr.get_by_test_id("person-picker-search").locator("input").fill("李娜")
    (lina,) = [c for c in api(hr, "/api/v1/contacts?q=李娜")["items"] if c["name"] == "李娜"]
    hr.get_by_test_id(f"person-option-{lina['id']}").click()
    expect(hr).to_have_url(re.compile(rf"/leave/employees/{lina['id']}$"))
    expect(hr.get_by_test_id("page-header")).to_contain_text("李娜的假期")
    expect(hr.get_by_test_id("leave-balance-annual")).to_contain_text("年假")
    expect(hr.get_by_test_id("leave-balance-annual-amount")).to_have_text(shown(before))
    # Only the types with a balance can be adjusted.
    expect(hr.get_by_test_id("leave-adjust-type").locator(".van-radio")).to_have_count(2)
    expect(hr.get_by_test_id("leave-adjust-type-compensatory")).to_have_text("调休")

    # The form says what is missing before anything is sent.
    hr.get_by_test_id("leave-adjust-type-annual").click()
    hr.get_by_test_id("leave-adjust-amount").locator("input").fill("2")
    hr.get_by_test_id("leave-adjust-submit").click()
    expect(hr.get_by_test_id("leave-adjust-reason")).to_contain_text("请填写调整原因。")

    hr.get_by_test_id("leave-adjust-reason").locator("textarea").fill(reason)
    with hr.expect_response(lambda r: r.url.endswith("/adjustments") and r.request.method == "POST") as answer:
        hr.get_by_test_id("leave-adjust-submit").click()
    assert answer.value.status == 201, answer.value.text()
    entry = answer.value.json()
    expect(hr.get_by_test_id("leave-balance-annual-amount")).to_have_text(shown(before + 2))
    expect(hr.get_by_test_id("leave-adjust-reason").locator("textarea")).to_have_value("")
    # HR sees it at the head of lina's annual leave history.
    expect(hr.get_by_test_id("leave-history-title")).to_have_text("年假明细")
    expect(hr.get_by_test_id(f"leave-entry-{entry['id']}-reason")).to_have_text(reason)

    # lina, on her phone: 我的假期 from the workbench, the balance with the 2 days, the adjustment in its history.
    assert annual_balance(employee) == before + 2
    employee.get_by_test_id("tab-workbench").click()
    expect(employee.get_by_test_id("workbench-entry-leave")).to_have_text("我的假期")
    expect(employee.get_by_test_id("workbench-entry-leave-admin")).to_have_count(0)
    employee.get_by_test_id("workbench-entry-leave").click()
    expect(employee).to_have_url(re.compile(r"/leave$"))
    expect(employee.get_by_test_id("page-header")).to_contain_text("我的假期")
    card = employee.get_by_test_id("leave-balance-annual")
    expect(card).to_contain_text("年假")
    expect(employee.get_by_test_id("leave-balance-annual-amount")).to_have_text(shown(before + 2))
    expect(employee.get_by_test_id("leave-used-sick")).to_contain_text("病假")

    card.click()
    expect(employee).to_have_url(re.compile(r"/leave\?type=annual$"))
    expect(employee.get_by_test_id("leave-history-title")).to_have_text("年假明细")
    row = employee.get_by_test_id(f"leave-entry-{entry['id']}")
    expect(row).to_be_visible()
    expect(employee.get_by_test_id(f"leave-entry-{entry['id']}-kind")).to_have_text("调整")
    expect(employee.get_by_test_id(f"leave-entry-{entry['id']}-amount")).to_have_text("+2 天")
    expect(employee.get_by_test_id(f"leave-entry-{entry['id']}-reason")).to_have_text(reason)
    # Newest first: the adjustment heads the history.
    expect(employee.get_by_test_id("leave-history").locator(".van-cell").first).to_contain_text(reason)

    # The page fits the phone: nothing wider than the screen.
    width = employee.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width


def test_hr_sets_how_annual_leave_carries_over(desktop: BrowserContext) -> None:
    hr = desktop.new_page()
    sign_in(hr, "wangfang")
    expect(hr).to_have_url(re.compile(r"/messages$"))
    hr.goto("/leave/admin")
    rules = hr.get_by_test_id("carry-over-rules")
    expect(rules).to_contain_text("结转规则")
    # Only the types with a balance: 年假 and 调休.
    expect(rules.locator(".van-cell-group__title")).to_have_text(["年假", "调休"])
    (annual,) = [t for t in api(hr, "/api/v1/leave/types") if t["code"] == "annual"]
    before = Decimal(annual["carry_over_max"])
    stepper = hr.get_by_test_id("carry-over-max-annual")
    expect(stepper.locator("input")).to_have_value(f"{before:.1f}")
    with hr.expect_response(lambda r: r.url.endswith("/leave/types/annual") and r.request.method == "PATCH") as answer:
        stepper.locator(".van-stepper__plus").click()
    assert answer.value.status == 200, answer.value.text()
    assert Decimal(answer.value.json()["carry_over_max"]) == before + Decimal("0.5")
    expect(hr.locator(".van-toast")).to_have_text("已保存")
    expect(stepper.locator("input")).to_have_value(f"{before + Decimal('0.5'):.1f}")
    # Annual leave only: granted by the year or by the month.
    expect(hr.get_by_test_id("accrual-annual")).to_have_count(1)
    with hr.expect_response(lambda r: r.url.endswith("/leave/types/annual") and r.request.method == "PATCH") as answer:
        hr.get_by_test_id("accrual-annual-monthly").click()
    assert answer.value.json()["accrual"] == "monthly"
    with hr.expect_response(lambda r: r.url.endswith("/leave/types/annual") and r.request.method == "PATCH") as answer:
        hr.get_by_test_id("accrual-annual-yearly").click()
    assert answer.value.json()["accrual"] == "yearly"


def test_a_leave_is_asked_for_by_half_days_on_the_phone(phone: BrowserContext) -> None:
    page = phone.new_page()
    sign_in(page, "lina")
    expect(page).to_have_url(re.compile(r"/messages$"))
    (template,) = [t for t in api(page, "/api/v1/approvals/available") if t["key"] == "leave"]
    page.goto(f"/approvals/new/{template['id']}")
    page.get_by_test_id("field-period-start").click()
    page.get_by_test_id("field-period-start-popup").locator(".van-picker__confirm").click()
    page.get_by_test_id("field-period-end").click()
    page.get_by_test_id("field-period-end-popup").locator(".van-picker__confirm").click()
    # One day by default: from the morning to the afternoon.
    expect(page.get_by_test_id("field-period-duration")).to_contain_text("1 天")
    page.get_by_test_id("field-period-end-am").click()
    expect(page.get_by_test_id("field-period-duration")).to_contain_text("0.5 天")
    page.get_by_test_id("field-period-start-pm").click()
    # The afternoon to the morning of the same day is no range.
    expect(page.get_by_test_id("field-period-duration")).to_contain_text("—")
    page.get_by_test_id("field-period-end-pm").click()
    expect(page.get_by_test_id("field-period-duration")).to_contain_text("0.5 天")
