"""The organisation in a real browser: contacts search and cards, the department tree editor with
drag and drop, adding an employee, and phone-number masking by data scope."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, FilePayload, Locator, Page, expect

from .test_shell import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

CYCLE_MESSAGE = "不能把部门移动到它自己或它的下级部门下面。"


def api(page: Page, method: str, path: str, data: dict[str, Any] | None = None) -> Any:
    """Call the API as the user signed in on this page (Django's CSRF header from the cookie)."""
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    headers = {"X-CSRFToken": cookies.get("csrftoken", ""), "Accept-Language": "zh-CN"}
    response = page.request.fetch(path, method=method, data=data, headers=headers)
    assert response.ok, f"{method} {path}: {response.status} {response.text()}"
    return response.json() if response.status != 204 else None


def department_ids(page: Page) -> dict[str, str]:
    return {item["name"]: item["id"] for item in api(page, "GET", "/api/v1/org/departments")}


def signed_in(context: BrowserContext, account: str) -> Page:
    page = context.new_page()
    sign_in(page, account)
    expect(page).to_have_url(re.compile(r"/messages$"))
    return page


def search_contacts(page: Page, text: str, *, desktop: bool = False) -> None:
    page.get_by_test_id("sidenav-contacts" if desktop else "tab-contacts").click()
    expect(page.get_by_test_id("page-header")).to_have_text("通讯录")
    page.get_by_test_id("contacts-search").locator("input").fill(text)
    expect(page).to_have_url(re.compile(r"/contacts\?q=" + re.escape(text) + "$"))


def contact_rows(page: Page) -> Locator:
    return page.get_by_test_id("contacts-list").locator("[data-testid^=contact-item-]")


def cell_value(page: Page, test_id: str) -> Locator:
    return page.get_by_test_id(test_id).locator(".van-cell__value")


@contextmanager
def mask_phone_numbers(admin: Page) -> Iterator[None]:
    """Leaves the policy off afterwards whatever happened: the other browser tests expect full numbers."""
    try:
        yield
    finally:
        api(admin, "PATCH", "/api/v1/org/settings", {"mask_phone_numbers": False})


def test_phone_user_finds_a_colleague_by_pinyin_initials_and_opens_the_card(phone: BrowserContext) -> None:
    phone.grant_permissions(["clipboard-read", "clipboard-write"])
    page = signed_in(phone, "lina")
    search_contacts(page, "zw")

    # 张伟 (zhang wei) and 赵文平 (zhao wen ping) have the initials zw; pinyin order puts zhang first.
    rows = contact_rows(page)
    expect(rows).to_have_count(2)
    expect(rows.locator(".van-cell__title > span")).to_have_text(["张伟", "赵文平"])
    expect(rows.locator(".van-cell__label")).to_have_text(["平台研发部 · 技术经理", "华东销售二组 · 销售代表"])
    rows.first.click()

    expect(page).to_have_url(re.compile(r"/contacts/people/[0-9a-f-]+$"))
    expect(page.get_by_test_id("contact-name")).to_have_text("张伟")
    expect(page.get_by_test_id("contact-job-title")).to_have_text("技术经理")
    expect(page.get_by_test_id("contact-department-path").get_by_role("link")).to_have_text(
        ["Officium 示例集团", "北京研发中心", "平台研发部"]
    )
    expect(cell_value(page, "contact-positions")).to_have_text("部门经理")
    expect(page.get_by_test_id("contact-mobile-value")).to_have_text("+8613800000003")
    expect(page.get_by_test_id("contact-call")).to_have_attribute("href", "tel:+8613800000003")
    expect(page.get_by_test_id("contact-email-link")).to_have_attribute("href", "mailto:zhangwei@demo.officium.local")

    page.get_by_test_id("contact-copy-mobile").click()
    expect(page.locator(".van-toast")).to_have_text("手机号已复制")
    assert page.evaluate("navigator.clipboard.readText()") == "+8613800000003"

    # The supervisor opens their own card; back returns to 张伟, then to the search results.
    expect(cell_value(page, "contact-supervisor")).to_have_text("田桂俊 · 研发总监")
    page.get_by_test_id("contact-supervisor").click()
    expect(page.get_by_test_id("contact-name")).to_have_text("田桂俊")
    expect(page.get_by_test_id("contact-department-path").get_by_role("link")).to_have_text(
        ["Officium 示例集团", "北京研发中心"]
    )
    page.go_back()
    expect(page.get_by_test_id("contact-name")).to_have_text("张伟")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/contacts\?q=zw$"))
    expect(contact_rows(page)).to_have_count(2)


def test_phone_user_browses_the_organisation_level_by_level(phone: BrowserContext) -> None:
    page = signed_in(phone, "lina")
    ids = department_ids(page)
    page.get_by_test_id("tab-contacts").click()
    page.get_by_test_id("contacts-org").click()
    # The one organisation at the top opens by itself.
    expect(page).to_have_url(re.compile(rf"/contacts/org/{ids['Officium 示例集团']}$"))
    expect(page.get_by_test_id("org-breadcrumb")).to_have_text("通讯录Officium 示例集团")
    expect(page.get_by_test_id("org-members").locator("[data-testid^=contact-item-]")).to_have_count(3)

    for name in ("北京研发中心", "平台研发部", "前端组"):
        page.get_by_test_id(f"org-dept-{ids[name]}").click()
        expect(page).to_have_url(re.compile(rf"/contacts/org/{ids[name]}$"))
    expect(page.get_by_test_id("org-breadcrumb")).to_have_text("通讯录Officium 示例集团北京研发中心平台研发部前端组")
    expect(page.get_by_test_id("page-header")).to_have_text("前端组")
    # Leaves only: no sub-departments, and the people who work directly here.
    expect(page.get_by_test_id("org-departments")).to_have_count(0)
    members = page.get_by_test_id("org-members").locator("[data-testid^=contact-item-]")
    expect(members).to_have_count(12)
    expect(members.filter(has_text="李娜")).to_have_count(1)

    # A step up the breadcrumb: the sub-departments with their head counts.
    page.get_by_test_id(f"org-crumb-{ids['平台研发部']}").click()
    expect(page.get_by_test_id(f"org-dept-{ids['前端组']}").locator(".van-cell__value")).to_have_text("12 人")
    expect(page.get_by_test_id(f"org-dept-{ids['后端组']}").locator(".van-cell__value")).to_have_text("16 人")


def test_desktop_administrator_moves_a_department_by_drag_and_drop(desktop: BrowserContext) -> None:
    page = signed_in(desktop, "admin")
    page.get_by_test_id("sidenav-workbench").click()
    expect(page.get_by_test_id("workbench-entry-org-departments")).to_have_text("部门管理")
    page.get_by_test_id("workbench-entry-org-departments").click()
    expect(page).to_have_url(re.compile(r"/org/departments$"))
    expect(page.get_by_test_id("dept-dnd-hint")).to_have_text("把部门拖到另一个部门上，即可移动到它下面。")

    ids = department_ids(page)
    qa, platform, product, beijing = ids["测试组"], ids["平台研发部"], ids["产品设计部"], ids["北京研发中心"]
    try:
        page.get_by_test_id(f"dept-toggle-{platform}").click()
        expect(page.get_by_test_id(f"dept-node-{platform}").get_by_test_id(f"dept-row-{qa}")).to_be_visible()

        # Both rows in view first: a scroll between pressing and moving the mouse would drag another row.
        page.get_by_test_id(f"dept-row-{product}").scroll_into_view_if_needed()
        page.get_by_test_id(f"dept-row-{qa}").drag_to(page.get_by_test_id(f"dept-row-{product}"))

        expect(page.locator(".van-toast")).to_have_text("测试组已移动到产品设计部下")
        expect(page.get_by_test_id(f"dept-node-{product}").get_by_test_id(f"dept-row-{qa}")).to_be_visible()
        expect(page.get_by_test_id(f"dept-node-{platform}").get_by_test_id(f"dept-row-{qa}")).to_have_count(0)
        moved = api(page, "GET", f"/api/v1/org/departments/{qa}")
        assert moved["parent_id"] == product
        assert [step["name"] for step in moved["path"]] == ["Officium 示例集团", "北京研发中心", "产品设计部"]

        # Under its own child: refused with the reason, and nothing changes.
        page.get_by_test_id(f"dept-row-{platform}").scroll_into_view_if_needed()
        page.get_by_test_id(f"dept-row-{beijing}").drag_to(page.get_by_test_id(f"dept-row-{platform}"))
        expect(page.get_by_test_id("dept-notice")).to_have_text(CYCLE_MESSAGE)
        assert api(page, "GET", f"/api/v1/org/departments/{beijing}")["parent_id"] == ids["Officium 示例集团"]
        top = page.get_by_test_id(f"dept-node-{ids['Officium 示例集团']}")
        expect(top.get_by_test_id(f"dept-row-{beijing}")).to_be_visible()
    finally:
        api(page, "POST", f"/api/v1/org/departments/{qa}/move", {"parent_id": platform})


def test_administrator_adds_an_employee_who_then_appears_in_contacts(phone: BrowserContext) -> None:
    page = signed_in(phone, "admin")
    ids = department_ids(page)
    page.get_by_test_id("tab-workbench").click()
    page.get_by_test_id("workbench-entry-org-employees").click()
    expect(page).to_have_url(re.compile(r"/org/employees$"))
    expect(page.get_by_test_id("employees-list").locator("[data-testid^=employee-item-]").first).to_be_visible()
    page.get_by_test_id("employee-create").click()
    expect(page).to_have_url(re.compile(r"/org/employees/new$"))
    expect(page.get_by_test_id("page-header")).to_have_text("新增员工")

    page.get_by_test_id("employee-form-name").locator("input").fill("欧阳晓燕")
    page.get_by_test_id("employee-form-number").locator("input").fill("E9001")
    page.get_by_test_id("employee-form-department").click()
    page.get_by_test_id("dept-picker-search").locator("input").fill("市场")
    page.get_by_test_id(f"dept-option-{ids['市场部']}").click()
    expect(page.get_by_test_id("employee-form-department").locator("input")).to_have_value("市场部")
    page.get_by_test_id("employee-form-positions").click()
    page.get_by_test_id("position-option-STAFF").click()
    page.get_by_test_id("position-picker-confirm").click()
    expect(page.get_by_test_id("employee-form-positions").locator("input")).to_have_value("职员")
    page.get_by_test_id("employee-form-job-title").locator("input").fill("市场专员")
    page.get_by_test_id("employee-form-mobile").locator("input").fill("+8613912349001")
    page.get_by_test_id("employee-form-status-probation").click()
    page.get_by_test_id("employee-form-hire-date").click()
    page.get_by_test_id("employee-form-hire-date-popup").locator(".van-picker__confirm").click()
    today = page.evaluate(
        "new Intl.DateTimeFormat('en-CA', "
        "{timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit'}).format(new Date())"
    )
    expect(page.get_by_test_id("employee-form-hire-date").locator("input")).to_have_value(today)
    page.get_by_test_id("employee-form-submit").click()

    expect(page).to_have_url(re.compile(r"/org/employees/[0-9a-f-]+$"))
    expect(page.get_by_test_id("employee-name")).to_have_text("欧阳晓燕")
    expect(page.get_by_test_id("employee-status")).to_have_text("试用期")
    expect(cell_value(page, "employee-field-department")).to_have_text("市场部")
    expect(cell_value(page, "employee-field-hire-date")).to_have_text(today)
    expect(cell_value(page, "employee-field-username")).to_have_text("ouyangxiaoyan")
    # Nobody named: the head of 市场部 is the supervisor, and the line goes on up.
    expect(page.get_by_test_id("reporting-line-1")).to_be_visible()

    page.goto("/contacts")
    search_contacts(page, "ouyangxiaoyan")
    rows = contact_rows(page)
    expect(rows).to_have_count(1)
    expect(rows.locator(".van-cell__title > span")).to_have_text("欧阳晓燕")
    expect(rows.locator(".van-cell__label")).to_have_text("市场部 · 市场专员")
    rows.first.click()
    expect(page.get_by_test_id("contact-mobile-value")).to_have_text("+8613912349001")


def test_masked_numbers_show_to_colleagues_but_not_to_a_manager_within_his_scope(
    phone: BrowserContext, desktop: BrowserContext
) -> None:
    admin = signed_in(desktop, "admin")
    with mask_phone_numbers(admin):
        admin.get_by_test_id("sidenav-workbench").click()
        admin.get_by_test_id("workbench-entry-org-settings").click()
        expect(admin).to_have_url(re.compile(r"/org/settings$"))
        switch = admin.get_by_test_id("org-settings-mask")
        expect(switch).to_have_attribute("aria-checked", "false")
        switch.click()
        expect(admin.locator(".van-toast")).to_have_text("手机号码已隐藏")
        expect(switch).to_have_attribute("aria-checked", "true")
        assert api(admin, "GET", "/api/v1/org/settings") == {"mask_phone_numbers": True}

        # An employee sees 张伟's number masked, with neither call nor copy.
        lina = signed_in(phone, "lina")
        search_contacts(lina, "zhangwei")
        contact_rows(lina).first.click()
        expect(lina.get_by_test_id("contact-name")).to_have_text("张伟")
        expect(lina.get_by_test_id("contact-mobile-value")).to_have_text("138****0003")
        expect(lina.get_by_test_id("contact-mobile-masked")).to_have_text("按组织设置已隐藏部分号码")
        expect(lina.get_by_test_id("contact-call")).to_have_count(0)
        expect(lina.get_by_test_id("contact-copy-mobile")).to_have_count(0)
        lina.close()

        # 张伟 manages 平台研发部 and everything below it: 前端组's 李娜 shows in full; HR does not.
        phone.clear_cookies()
        zhangwei = signed_in(phone, "zhangwei")
        search_contacts(zhangwei, "lina")
        contact_rows(zhangwei).filter(has_text="李娜").click()
        expect(zhangwei.get_by_test_id("contact-name")).to_have_text("李娜")
        expect(zhangwei.get_by_test_id("contact-mobile-value")).to_have_text("+8613800000004")
        expect(zhangwei.get_by_test_id("contact-call")).to_have_attribute("href", "tel:+8613800000004")
        zhangwei.get_by_test_id("page-header").locator(".van-nav-bar__left").click()
        search_contacts(zhangwei, "wangfang")
        contact_rows(zhangwei).filter(has_text="王芳").click()
        expect(zhangwei.get_by_test_id("contact-mobile-value")).to_have_text("138****0005")
        expect(zhangwei.get_by_test_id("contact-call")).to_have_count(0)


def test_administrator_imports_employees_from_a_spreadsheet_skipping_the_bad_rows(desktop: BrowserContext) -> None:
    page = signed_in(desktop, "admin")
    page.goto("/org/employees")
    expect(page.get_by_test_id("employees-export-xlsx")).to_have_attribute(
        "href", "/api/v1/org/exports/employees?format=xlsx"
    )
    # Departments are named by their code, as in the exported spreadsheet.
    sheet = "工号,姓名,部门,手机,职务\nE9101,上官婉儿,SH-MKT,+8613912349101,市场专员\nE9102,王五,NO-SUCH,,\n"
    upload: FilePayload = {"name": "people.csv", "mimeType": "text/csv", "buffer": ("\ufeff" + sheet).encode("utf-8")}
    page.get_by_test_id("employees-import-file").set_input_files(files=upload)

    report = page.get_by_test_id("import-report")
    expect(report.get_by_test_id("import-count-create")).to_have_text("1")
    expect(report.get_by_test_id("import-count-error")).to_have_text("1")
    expect(report.get_by_test_id("import-errors").locator("li")).to_have_count(1)
    expect(report.get_by_test_id("import-errors").locator("li")).to_contain_text("第 3 行，部门：")
    expect(report.get_by_test_id("import-apply")).to_have_count(0)
    report.get_by_test_id("import-apply-valid").click()
    expect(page.locator(".van-toast")).to_have_text("导入完成")
    expect(report.get_by_test_id("import-applied")).to_have_text("该文件已导入。")

    page.goto("/contacts")
    search_contacts(page, "shangguan", desktop=True)
    rows = contact_rows(page)
    expect(rows).to_have_count(1)
    expect(rows.locator(".van-cell__title > span")).to_have_text("上官婉儿")
    expect(rows.locator(".van-cell__label")).to_have_text("市场部 · 市场专员")
