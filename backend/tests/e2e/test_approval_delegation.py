"""Delegation on the phone: an approver hands her approvals to a colleague for a period, he sees it as
handed to him, and she ends it early."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import BrowserContext, expect

from .test_org import signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_an_approver_delegates_to_a_colleague_and_ends_it_early(phone: BrowserContext, desktop: BrowserContext) -> None:
    page = signed_in(phone, "wangfang")
    page.get_by_test_id("tab-me").click()
    page.get_by_test_id("me-delegations").click()
    expect(page).to_have_url(re.compile(r"/me/delegations$"))
    expect(page.get_by_test_id("page-header")).to_contain_text("审批代理")
    expect(page.get_by_test_id("delegations-given")).to_contain_text("暂无")

    page.get_by_test_id("delegation-delegate").click()
    page.locator("[data-testid=delegation-picker-search]:visible input").fill("zhangwei")
    page.locator("[data-testid^=delegation-picker-person-]:visible").filter(has_text="张伟").click()
    expect(page.get_by_test_id("delegation-delegate")).to_contain_text("张伟")

    # From midnight today (so that it is running whatever the hour of the test) …
    page.get_by_test_id("delegation-starts").click()
    starts = page.locator("[data-testid=delegation-starts-popup]")
    starts.locator(".van-tab").nth(1).click()
    hours = starts.locator(".van-tab__panel").nth(1).locator(".van-picker-column").first
    # Far from the selected hour the item sits under the picker's mask: a tap on it is what the column hears.
    hours.locator(".van-picker-column__item", has_text=re.compile(r"^00$")).dispatch_event("click")
    starts.locator(".van-picker__confirm").click()
    expect(page.get_by_test_id("delegation-starts").locator("input")).to_have_value(re.compile(r" 00:00$"))
    # … to the same day next year.
    next_year = str(datetime.date.today().year + 1)
    page.get_by_test_id("delegation-ends").click()
    ends = page.locator("[data-testid=delegation-ends-popup]")
    ends.locator(".van-picker-column").first.locator(".van-picker-column__item", has_text=next_year).click()
    ends.locator(".van-picker__confirm").click()
    page.get_by_test_id("delegation-save").click()
    expect(page.locator(".van-toast")).to_have_text("代理期间，你的审批将交给张伟。")

    given = page.get_by_test_id("delegations-given").locator("[data-testid^=delegation-state-]")
    expect(given).to_have_text(["代理中"])
    expect(page.get_by_test_id("delegations-given")).to_contain_text("交给 张伟")
    expect(page.get_by_test_id("delegations-given")).to_contain_text("全部审批")

    colleague = signed_in(desktop, "zhangwei")  # another browser: the one the delegate uses
    colleague.goto("/me/delegations")
    expect(colleague.get_by_test_id("delegations-received")).to_contain_text("来自 王芳")

    page.locator("[data-testid^=delegation-end-]").click()
    expect(page.locator(".van-toast")).to_have_text("代理已结束。")
    expect(given).to_have_text(["已提前结束"])
    expect(page.locator("[data-testid^=delegation-end-]")).to_have_count(0)
