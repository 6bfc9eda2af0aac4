"""The PWA shell in a real browser: sign-in, the four tabs, language, logout, offline, permissions."""

from __future__ import annotations

import re
import subprocess

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from officium.devtools.live_server import OFFICIUM, LiveServer, server_environment

from .conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

TABS = ("messages", "workbench", "contacts", "me")
LABELS = {
    "zh-CN": {"messages": "消息", "workbench": "工作台", "contacts": "通讯录", "me": "我的"},
    "en": {"messages": "Messages", "workbench": "Workbench", "contacts": "Contacts", "me": "Me"},
}
WAIT_FOR_SERVICE_WORKER = """async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) =>
            navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
    return navigator.serviceWorker.controller !== null;
}"""
OFFLINE_BANNER = "当前处于离线状态，部分内容可能不是最新的。"


def sign_in(page: Page, account: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login")
    page.get_by_test_id("login-account").locator("input").fill(account)
    page.get_by_test_id("login-password").locator("input").fill(password)
    page.get_by_test_id("login-submit").click()


def assert_nav_labels(page: Page, language: str, *, desktop: bool) -> None:
    for tab in TABS:
        # The label alone: the Messages tab also carries the unread badge.
        label = f"sidenav-{tab}-label" if desktop else f"tab-{tab}-label"
        expect(page.get_by_test_id(label)).to_have_text(LABELS[language][tab])


def storage_sizes(page: Page) -> list[int]:
    sizes: list[int] = page.evaluate(
        """async () => [
            localStorage.length,
            sessionStorage.length,
            (await indexedDB.databases()).length,
        ]"""
    )
    return sizes


def walk_the_shell(context: BrowserContext, *, desktop: bool) -> None:
    page = context.new_page()
    sign_in(page, "lina")
    expect(page).to_have_url(re.compile(r"/messages$"))
    if desktop:
        expect(page.get_by_test_id("sidenav")).to_be_visible()
        expect(page.get_by_test_id("tabbar")).to_have_count(0)
    else:
        expect(page.get_by_test_id("tabbar")).to_be_visible()
        expect(page.get_by_test_id("sidenav")).to_have_count(0)
    assert_nav_labels(page, "zh-CN", desktop=desktop)

    # Each tab, with what it shows for an employee.
    expect(page.get_by_test_id("page-header")).to_have_text("消息")
    # What other browser tests on this server did may have notified lina (a mention in a comment).
    mine = page.request.get("/api/v1/notifications").json()["items"]
    if mine:
        expect(page.get_by_test_id("message")).to_have_count(len(mine))
    else:
        expect(page.get_by_test_id("state-empty")).to_contain_text("暂无消息")

    page.get_by_test_id("sidenav-workbench" if desktop else "tab-workbench").click()
    expect(page).to_have_url(re.compile(r"/workbench$"))
    expect(page.get_by_test_id("page-header")).to_have_text("工作台")
    # An employee has the approval centre, attendance, their leave and documents, and none of the
    # administrative apps.
    entries = page.locator("[data-testid^=workbench-entry-]")
    expect(entries).to_have_count(4)
    expect(page.get_by_test_id("workbench-entry-approvals")).to_contain_text("审批")
    expect(page.get_by_test_id("workbench-entry-attendance")).to_contain_text("考勤打卡")
    expect(page.get_by_test_id("workbench-entry-leave")).to_contain_text("我的假期")
    expect(page.get_by_test_id("workbench-entry-documents")).to_contain_text("文档")

    page.get_by_test_id("sidenav-contacts" if desktop else "tab-contacts").click()
    expect(page).to_have_url(re.compile(r"/contacts$"))
    expect(page.get_by_test_id("page-header")).to_have_text("通讯录")
    # 200 colleagues in pinyin order: search rather than scroll.
    page.get_by_test_id("contacts-search").locator("input").fill("zhangwei")
    result = page.get_by_test_id("contacts-list").locator("[data-testid^=contact-item-]")
    expect(result).to_have_count(1)
    result.click()
    expect(page.get_by_test_id("contact-name")).to_have_text("张伟")
    expect(page.get_by_test_id("contact-mobile-value")).to_have_text("+8613800000003")
    expect(page.get_by_test_id("contact-call")).to_have_attribute("href", "tel:+8613800000003")
    page.get_by_test_id("page-header").locator(".van-nav-bar__left").click()
    expect(page).to_have_url(re.compile(r"/contacts\?q=zhangwei$"))

    page.get_by_test_id("sidenav-me" if desktop else "tab-me").click()
    expect(page).to_have_url(re.compile(r"/me$"))
    expect(page.get_by_test_id("me-display-name")).to_have_text("李娜")
    expect(page.get_by_test_id("me-username")).to_have_text("lina")
    expect(page.get_by_test_id("me-phone")).to_contain_text("+8613800000004")

    # English, and back: every label changes at once.
    page.get_by_test_id("language-en").click()
    assert_nav_labels(page, "en", desktop=desktop)
    expect(page.get_by_test_id("page-header")).to_have_text("Me")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_test_id("language-zh-CN").click()
    assert_nav_labels(page, "zh-CN", desktop=desktop)
    expect(page.get_by_test_id("page-header")).to_have_text("我的")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")

    # Logout ends the session and leaves nothing behind in the browser.
    page.get_by_test_id("me-logout").click()
    page.locator(".van-dialog").get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_test_id("login-title")).to_have_text("登录 Officium 办公")
    assert storage_sizes(page) == [0, 0, 0]
    assert page.request.get("/api/v1/me").status == 401


def test_phone_user_walks_through_tabs_switches_language_and_logs_out(phone: BrowserContext) -> None:
    walk_the_shell(phone, desktop=False)


def test_desktop_uses_side_navigation_instead_of_tab_bar(desktop: BrowserContext) -> None:
    walk_the_shell(desktop, desktop=True)


@pytest.mark.parametrize("account", ["13800000004", "138 0000 0004", "lina@demo.officium.local"])
def test_sign_in_by_phone_number_or_email(phone: BrowserContext, account: str) -> None:
    page = phone.new_page()
    sign_in(page, account)
    expect(page).to_have_url(re.compile(r"/messages$"))
    page.get_by_test_id("tab-me").click()
    expect(page.get_by_test_id("me-username")).to_have_text("lina")


def test_sign_in_returns_to_the_page_asked_for(phone: BrowserContext) -> None:
    page = phone.new_page()
    page.goto("/contacts")
    expect(page).to_have_url(re.compile(r"/login\?redirect=/contacts$"))
    page.get_by_test_id("login-account").locator("input").fill("lina")
    page.get_by_test_id("login-password").locator("input").fill(DEMO_PASSWORD)
    page.get_by_test_id("login-submit").click()
    expect(page).to_have_url(re.compile(r"/contacts$"))


def test_wrong_password_shows_the_generic_error(phone: BrowserContext) -> None:
    page = phone.new_page()
    sign_in(page, "wangfang", "not-the-password")
    expect(page.get_by_test_id("login-error")).to_have_text("账号或密码错误。")
    expect(page).to_have_url(re.compile(r"/login$"))
    # An account that does not exist gets the very same message.
    page.get_by_test_id("login-account").locator("input").fill("nobody-here")
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("login-error")).to_have_text("账号或密码错误。")


def test_shell_opens_offline_after_one_visit(phone: BrowserContext) -> None:
    page = phone.new_page()
    sign_in(page, "lina")
    expect(page).to_have_url(re.compile(r"/messages$"))
    # The service worker has precached the shell once it controls the page. (page.evaluate, not
    # wait_for_function: the server's CSP forbids the eval that polling would need.)
    assert page.evaluate(WAIT_FOR_SERVICE_WORKER) is True
    expect(page.get_by_test_id("offline-banner")).to_have_count(0)

    phone.set_offline(True)
    page.reload()
    expect(page).to_have_url(re.compile(r"/messages$"))
    expect(page.get_by_test_id("offline-banner")).to_have_text(OFFLINE_BANNER)
    expect(page.get_by_test_id("tab-messages-label")).to_have_text("消息")
    page.get_by_test_id("tab-me").click()
    expect(page.get_by_test_id("me-last-known")).to_have_text("上次登录：李娜")
    expect(page.get_by_test_id("state-offline")).to_contain_text("网络已断开")

    # Back online, the app finds the session again by itself.
    phone.set_offline(False)
    expect(page.get_by_test_id("me-display-name")).to_have_text("李娜")
    expect(page.get_by_test_id("offline-banner")).to_have_count(0)


def test_workbench_shows_audit_log_only_to_the_audit_administrator(phone: BrowserContext) -> None:
    page = phone.new_page()
    sign_in(page, "audit")
    expect(page).to_have_url(re.compile(r"/messages$"))
    page.get_by_test_id("tab-workbench").click()
    expect(page.get_by_test_id("workbench-entry-audit")).to_have_text("审计日志")
    expect(page.get_by_test_id("workbench-entry-system-status")).to_have_count(0)
    expect(page.get_by_test_id("workbench-entry-admin-console")).to_have_count(0)

    page.get_by_test_id("workbench-entry-audit").click()
    expect(page).to_have_url(re.compile(r"/audit$"))
    expect(page.get_by_test_id("page-header")).to_contain_text("审计日志")
    expect(page.get_by_test_id("audit-list").locator("[data-testid^=audit-event-]").first).to_be_visible()
    page.get_by_test_id("audit-verify").click()
    expect(page.locator(".van-dialog__message")).to_have_text(re.compile(r"^审计链完整（已校验 \d+ 条记录）。$"))

    # The page itself is closed to others: System status is not the audit administrator's.
    page.goto("/system/status")
    expect(page.get_by_test_id("not-found")).to_be_visible()


def test_workbench_shows_system_status_only_to_the_system_administrator(
    phone: BrowserContext, officium_live: LiveServer
) -> None:
    page = phone.new_page()
    sign_in(page, "admin")
    expect(page).to_have_url(re.compile(r"/messages$"))
    page.get_by_test_id("tab-workbench").click()
    expect(page.get_by_test_id("workbench-entry-system-status")).to_have_text("系统状态")
    expect(page.get_by_test_id("workbench-entry-admin-console")).to_have_text("管理后台")
    expect(page.get_by_test_id("workbench-entry-audit")).to_have_count(0)

    page.get_by_test_id("workbench-entry-system-status").click()
    expect(page).to_have_url(re.compile(r"/system/status$"))
    expect(page.get_by_test_id("system-environment")).to_contain_text("development")
    expect(page.get_by_test_id("system-version")).to_contain_text(re.compile(r"\d+\.\d+"))
    expect(page.get_by_test_id("system-queue-tasks")).to_contain_text(re.compile(r"等待 \d+ 个 · 最早 \d+ 秒"))
    expect(page.get_by_test_id("system-storage-database")).to_contain_text(re.compile(r"^数据库\d+\.\d [KMG]B$"))
    disk = re.compile(r"可用 \d+\.\d [MGT]B，共 \d+\.\d [GT]B")
    expect(page.get_by_test_id("system-storage-disk")).to_contain_text(disk)

    # The operator backs up and drills the restore beside the running server; the page shows both.
    env = server_environment(officium_live.data_dir)
    subprocess.run([str(OFFICIUM), "backup"], env=env, check=True, capture_output=True)
    (archive,) = (officium_live.data_dir / "backups").glob("*.tar")
    subprocess.run([str(OFFICIUM), "restore", "--drill", str(archive)], env=env, check=True, capture_output=True)
    page.get_by_test_id("system-refresh").click()
    expect(page.get_by_test_id("system-last-backup")).to_contain_text(archive.name)
    expect(page.get_by_test_id("system-last-drill")).to_contain_text("验证通过")
    expect(page.get_by_test_id("system-last-drill")).to_contain_text(re.compile(r"verified \d+ rows in \d+ tables"))


def test_workbench_shows_neither_to_an_employee(phone: BrowserContext) -> None:
    page = phone.new_page()
    sign_in(page, "liuyang")
    expect(page).to_have_url(re.compile(r"/messages$"))
    page.get_by_test_id("tab-workbench").click()
    # Only the approval centre, attendance, their leave and documents: neither system status nor the audit
    # log, nor the admin console.
    expect(page.get_by_test_id("workbench-entry-approvals")).to_be_visible()
    expect(page.get_by_test_id("workbench-entry-attendance")).to_be_visible()
    expect(page.get_by_test_id("workbench-entry-leave")).to_be_visible()
    expect(page.get_by_test_id("workbench-entry-documents")).to_be_visible()
    expect(page.locator("[data-testid^=workbench-entry-]")).to_have_count(4)
