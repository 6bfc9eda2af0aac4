"""Takes the README's screenshots from a throwaway server: `python -m officium.devtools.screenshots`."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from officium.devtools.live_server import REPO_DIR, live_server

OUTPUT_DIR = REPO_DIR / "docs" / "screenshots"
PASSWORD = "Screenshot-Demo-Password-1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def _sign_in(page: Page, account: str) -> None:
    page.goto("/login")
    page.get_by_test_id("login-account").locator("input").fill(account)
    page.get_by_test_id("login-password").locator("input").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("page-header")).to_be_visible()


def _shoot(page: Page, name: str) -> Path:
    page.wait_for_load_state("networkidle")
    path = OUTPUT_DIR / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def main() -> int:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with live_server(demo_password=PASSWORD, debug="false") as server, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        phone = browser.new_context(base_url=server.base_url, locale="zh-CN", **PHONE)  # type: ignore[arg-type]
        page = phone.new_page()
        page.goto("/login")
        expect(page.get_by_test_id("login-submit")).to_be_visible()
        written.append(_shoot(page, "phone-login"))
        _sign_in(page, "zhangwei")
        page.goto("/contacts")
        expect(page.locator("[data-testid^=contact-item-]").first).to_be_visible()
        written.append(_shoot(page, "phone-contacts"))
        page.goto("/me")
        written.append(_shoot(page, "phone-me"))
        page.goto("/approvals")
        expect(page.get_by_test_id("approvals-template-expense")).to_be_visible()
        written.append(_shoot(page, "phone-approvals"))
        page.get_by_test_id("approvals-template-expense").click()
        page.get_by_test_id("field-reason").locator("textarea").fill("上海客户拜访差旅")
        page.get_by_test_id("field-items-0-amount").locator("input").fill("3200")
        expect(page.get_by_test_id("field-items-0-amount-words")).to_have_text("叁仟贰佰元整")
        written.append(_shoot(page, "phone-expense"))
        phone.close()

        # 李娜 at the Beijing office (100 m north of its clock-in place), agreeing to location use.
        punching = browser.new_context(
            base_url=server.base_url,
            locale="zh-CN",
            geolocation={"latitude": 39.9839, "longitude": 116.307, "accuracy": 20},
            permissions=["geolocation"],
            **PHONE,  # type: ignore[arg-type]
        )
        page = punching.new_page()
        _sign_in(page, "lina")
        page.goto("/attendance")
        page.get_by_test_id("consent-agree").click()
        expect(page.get_by_test_id("consent-dialog-location")).to_be_hidden()
        expect(page.locator(".van-overlay")).to_be_hidden()
        expect(page.get_by_test_id("punch-location-text")).to_have_text("在 北京研发中心 范围内")
        written.append(_shoot(page, "phone-punch"))
        page.get_by_test_id("punch-month-link").click()
        expect(page.get_by_test_id("page-header")).to_be_visible()
        written.append(_shoot(page, "phone-attendance-month"))
        punching.close()

        desktop = browser.new_context(base_url=server.base_url, locale="en-US", **DESKTOP)  # type: ignore[arg-type]
        page = desktop.new_page()
        _sign_in(page, "audit")
        page.goto("/audit")
        expect(page.get_by_test_id("page-header")).to_be_visible()
        written.append(_shoot(page, "desktop-audit-log"))
        admin = browser.new_context(base_url=server.base_url, locale="zh-CN", **DESKTOP)  # type: ignore[arg-type]
        page = admin.new_page()
        _sign_in(page, "admin")
        page.goto("/approvals/templates")
        page.locator("[data-testid^=template-item-]").filter(has_text="费用报销").click()
        page.get_by_test_id("designer-tab-flow").click()
        expect(page.get_by_test_id("designer-status")).to_be_visible()
        written.append(_shoot(page, "desktop-flow-designer"))
        admin.close()
        desktop.close()
        browser.close()
    for path in written:
        print(path.relative_to(REPO_DIR))
    return 0


if __name__ == "__main__":
    sys.exit(main())
