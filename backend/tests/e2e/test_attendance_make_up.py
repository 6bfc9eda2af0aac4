"""A make-up punch (补卡) on a phone: 李娜 finds a past workday of the month whose on punch is missing in
the month view, requests a make-up from the slot (the approval form opens with the time and the kind
filled in), her supervisor approves it from the inbox, and the day's on slot shows the punch, marked
as made up.

The head of 李娜's own team (前端组) is a generated colleague who cannot sign in, so for the length of
the test 李娜 reports to 张伟, the head of 平台研发部 above it, who has a demo login; her reporting line
is put back afterwards. The demo's group works the standard shift (09:00–18:00)."""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Iterator
from typing import Any

import chinese_calendar
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .conftest import PHONE
from .test_approvals_phone import api, approve_from_inbox
from .test_org import api as call
from .test_shell import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

APPROVER = "zhangwei"  # 张伟, head of 平台研发部
DEMO_GROUP, DEMO_SHIFT = "集团考勤", "标准班"
MAKE_UP_WAIT_S = 30  # the approval reaches attendance through a background task


@pytest.fixture
def phones(browser: Browser, officium_server: str) -> Iterator[Any]:
    """One phone-sized browser profile per person, each signed in on its own."""
    contexts: list[BrowserContext] = []

    def open_as(account: str) -> Page:
        context = browser.new_context(
            base_url=officium_server,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            viewport={"width": PHONE["width"], "height": PHONE["height"]},
            is_mobile=True,
            has_touch=True,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, account)
        expect(page).to_have_url(re.compile(r"/messages$"))
        return page

    yield open_as
    for context in contexts:
        context.close()


def colleague(page: Page, name: str) -> dict[str, Any]:
    (found,) = [c for c in api(page, f"/api/v1/contacts?q={name}")["items"] if c["name"] == name]
    return dict(found)


@pytest.fixture
def admin(phones: Any) -> Page:
    page: Page = phones("admin")
    return page


@pytest.fixture
def demo_group_on_standard_shift(admin: Page) -> None:
    """The demo company's group works 标准班 (demo.py creates it so)."""
    (group,) = [g for g in call(admin, "GET", "/api/v1/attendance/groups") if g["name"] == DEMO_GROUP]
    assert group["shift"]["name"] == DEMO_SHIFT


@pytest.fixture
def lina_reports_to_approver(admin: Page) -> Iterator[str]:
    """李娜's supervisor is 张伟 during the test (then what it was before): yields 张伟's name."""
    lina, approver = colleague(admin, "李娜"), colleague(admin, "张伟")
    path = f"/api/v1/org/employees/{lina['id']}"
    before = call(admin, "GET", path)["supervisor"]
    call(admin, "PATCH", path, {"supervisor_id": approver["id"]})
    try:
        yield str(approver["name"])
    finally:
        call(admin, "PATCH", path, {"supervisor_id": before["id"] if before else None})


def days(page: Page, since: datetime.date, until: datetime.date) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = api(page, f"/api/v1/attendance/me/days?since={since}&until={until}")
    return found


def is_chinese_workday(day: datetime.date) -> bool:
    """A weekday that is not a public holiday (years the package does not cover count as workdays)."""
    if day.weekday() >= 5:
        return False
    try:
        return not chinese_calendar.is_holiday(day)
    except NotImplementedError:
        return True


def months_to_search(today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """This month up to yesterday, then the whole of last month (for when today is the month's first workday)."""
    first = today.replace(day=1)
    last_month_end = first - datetime.timedelta(days=1)
    return [(first, today - datetime.timedelta(days=1)), (last_month_end.replace(day=1), last_month_end)]


def past_workday_with_missing_on_slot(page: Page, today: datetime.date) -> dict[str, Any]:
    """The latest weekday before today that is not a holiday and whose on punch is still missing (other
    tests may have punched today, never on a past day; a day made up in an earlier run is skipped)."""
    for since, until in months_to_search(today):
        if until < since:
            continue
        answered = {day["day"]: day for day in days(page, since, until)}
        for offset in range((until - since).days, -1, -1):
            candidate = since + datetime.timedelta(days=offset)
            if not is_chinese_workday(candidate):
                continue
            day = answered[candidate.isoformat()]
            assert day["status"] != "rest", f"{candidate} is a workday on the demo's calendar too"
            on = day["slots"][0]
            if on["kind"] == "on" and on["result"] == "missing" and not on["made_up"]:
                return day
    pytest.fail("no past workday with a missing on punch this month or last")


def wait_until_made_up(page: Page, day: datetime.date) -> dict[str, Any]:
    deadline = time.monotonic() + MAKE_UP_WAIT_S
    while True:
        (answer,) = days(page, day, day)
        if answer["slots"][0]["made_up"] or time.monotonic() > deadline:
            return answer
        time.sleep(0.5)


@pytest.mark.usefixtures("demo_group_on_standard_shift")
def test_a_missing_on_punch_is_made_up_through_an_approved_request(phones: Any, lina_reports_to_approver: str) -> None:
    approver_name = lina_reports_to_approver
    page = phones("lina")
    today = api(page, "/api/v1/attendance/me/today")
    target = past_workday_with_missing_on_slot(page, datetime.date.fromisoformat(today["day"]))
    day = datetime.date.fromisoformat(target["day"])
    month = target["day"][:7]

    # The punch screen shows today's slots and links to the month view.
    page.goto("/attendance")
    expect(page.get_by_test_id("page-header")).to_contain_text("考勤打卡")
    if today["today"]["slots"]:
        expect(page.get_by_test_id("today-slot-0-kind")).to_have_text("上班")
        expect(page.get_by_test_id("today-slot-0-expected")).to_have_text("09:00")
        expect(page.get_by_test_id("today-slot-1-kind")).to_have_text("下班")
    else:
        expect(page.get_by_test_id("today-rest")).to_be_visible()
    link = page.get_by_test_id("punch-month-link")
    expect(link).to_have_text("月度考勤")
    expect(link).to_have_attribute("href", "/attendance/month")
    # The location consent may be asked first (it depends on what ran before): the month view does not need it.
    page.goto(link.get_attribute("href") or "")

    expect(page.get_by_test_id("page-header")).to_have_text("月度考勤")
    title = page.get_by_test_id("month-title")
    expect(title).to_have_attribute("data-month", today["day"][:7])
    if month != today["day"][:7]:
        page.get_by_test_id("month-prev").click()
    expect(title).to_have_attribute("data-month", month)
    cell = page.get_by_test_id(f"month-day-{target['day']}")
    expect(cell).to_have_attribute("data-status", "absent")
    cell.click()
    expect(page.get_by_test_id("month-day-status")).to_have_text("缺勤")
    expect(page.get_by_test_id("slot-0-kind")).to_have_text("上班")
    expect(page.get_by_test_id("slot-0-expected")).to_have_text("09:00")
    expect(page.get_by_test_id("slot-0-result")).to_have_text("缺卡")
    expect(page.get_by_test_id("slot-1-result")).to_have_text("缺卡")

    # The make-up request opens with the slot's time and kind filled in; the reason is the person's.
    page.get_by_test_id("slot-make-up-0").click()
    expect(page).to_have_url(re.compile(r"/approvals/new/[0-9a-f-]+$"))
    expect(page.get_by_test_id("page-header")).to_have_text("补卡")
    expect(page.get_by_test_id("field-punch_at").locator("input")).to_have_value(f"{target['day']} 09:00")
    expect(page.get_by_test_id("field-punch_kind").locator("input")).to_have_value("上班")
    page.get_by_test_id("field-reason").locator("textarea").fill("早上忘记打卡")
    page.get_by_test_id("approval-preview").click()
    expect(page.get_by_test_id("route-person-supervisor")).to_have_text(approver_name)
    page.get_by_test_id("approval-submit-confirm").click()
    expect(page).to_have_url(re.compile(r"/approvals/instances/[0-9a-f-]+$"))
    instance_id = page.url.rsplit("/", 1)[1]
    expect(page.get_by_test_id("instance-status")).to_have_text("审批中")
    instance = api(page, f"/api/v1/approvals/instances/{instance_id}")
    assert instance["form_data"]["punch_kind"] == "in"
    assert datetime.datetime.fromisoformat(instance["form_data"]["punch_at"]) == datetime.datetime.fromisoformat(
        target["slots"][0]["expected_at"]
    )

    # The supervisor approves it from the inbox on their own phone.
    approver = phones(APPROVER)
    approve_from_inbox(approver, instance_id, page.get_by_test_id("instance-title").inner_text())

    # Back in the month view, the day's on slot holds the make-up; the off punch is still missing.
    assert wait_until_made_up(page, day)["slots"][0]["made_up"], "the approved make-up never reached attendance"
    page.goto(f"/attendance/month?month={month}&day={target['day']}")
    expect(page.get_by_test_id("slot-0-result")).to_have_text("已打卡 09:00")
    expect(page.get_by_test_id("slot-0-made-up")).to_have_text("补卡")
    expect(page.get_by_test_id("slot-make-up-0")).to_have_count(0)
    expect(page.get_by_test_id("slot-1-result")).to_have_text("缺卡")
    expect(page.get_by_test_id(f"month-day-{target['day']}")).to_have_attribute("data-status", "abnormal")
    expect(page.get_by_test_id("month-day-status")).to_have_text("异常")
