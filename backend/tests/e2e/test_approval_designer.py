"""The approval designers in a real browser: an administrator builds a template with a money field and
a condition branch (more than 1000 goes to 张伟, otherwise to 李娜), is told what blocks publishing,
publishes it, and previews the route for an amount above and below the threshold."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from .test_org import api, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

EMPTY_NODE = "此节点还没有设置审批人，请添加。"  # the server says "This approver node names nobody: add approvers."


def visible(page: Page, test_id: str) -> Locator:
    """Pickers are teleported to the page's end, and each chooser has its own: the open one."""
    return page.locator(f"[data-testid={test_id}]:visible")


def suffix_of(locator: Locator, prefix: str) -> str:
    test_id = locator.get_attribute("data-testid")
    assert test_id is not None
    assert test_id.startswith(prefix), test_id
    return test_id.removeprefix(prefix)


def add_approver(page: Page, sequence: str, pinyin: str, name: str) -> str:
    """Adds an approver node at the start of a branch, names one person in it; returns the node id."""
    page.get_by_test_id(f"flow-add-{sequence}-0").click()
    page.get_by_test_id("flow-add-approver").click()
    node_id = suffix_of(page.locator("[data-testid^=node-panel-]").first, "node-panel-")
    expect(page.get_by_test_id("node-source-type")).to_have_value("members")
    page.get_by_test_id("node-source-add").click()
    page.get_by_test_id("node-source-0-people-add").click()
    visible(page, "person-picker-search").locator("input").fill(pinyin)
    visible(page, "person-picker").locator("[data-testid^=person-option-]").filter(has_text=name).click()
    visible(page, "person-picker-confirm").click()
    expect(page.get_by_test_id("node-source-0-people").locator("[data-testid*=-chip-]")).to_have_text([name])
    page.get_by_test_id("flow-panel-close").click()
    expect(page.get_by_test_id(f"flow-node-summary-{node_id}")).to_have_text(name)
    return node_id


def expect_route(page: Page, amount: str, node_id: str, name: str) -> None:
    """Previews the route for an amount: one step, that node, that person."""
    page.get_by_test_id("preview-input-amount").fill(amount)
    page.get_by_test_id("preview-run").click()
    expect(page.get_by_test_id(f"preview-approvers-{node_id}")).to_have_text(name)
    expect(page.get_by_test_id("preview-result").locator("[data-testid^=preview-step-]")).to_have_count(1)
    expect(page.get_by_test_id(f"preview-name-{node_id}")).to_have_text("审批人")


def test_administrator_designs_a_condition_branch_publishes_and_previews_the_route(desktop: BrowserContext) -> None:
    page = signed_in(desktop, "admin")
    page.get_by_test_id("sidenav-workbench").click()
    expect(page.get_by_test_id("workbench-entry-approval-templates")).to_have_text("审批设置")
    page.get_by_test_id("workbench-entry-approval-templates").click()
    expect(page).to_have_url(re.compile(r"/approvals/templates$"))
    expect(page.get_by_test_id("page-header").locator(".van-nav-bar__title")).to_have_text("审批设置")

    page.get_by_test_id("template-create").click()
    page.get_by_test_id("template-create-name").locator("input").fill("大额采购（测试）")
    page.get_by_test_id("template-create-category").locator("input").fill("测试分组")
    page.get_by_test_id("template-create-submit").click()
    expect(page).to_have_url(re.compile(r"/approvals/templates/[0-9a-f-]+$"))
    template_id = page.url.rsplit("/", 1)[1]
    try:
        expect(page.get_by_test_id("designer-status")).to_have_text("草稿（未发布）")
        expect(page.get_by_test_id("basics-name").locator("input")).to_have_value("大额采购（测试）")
        expect(page.get_by_test_id("basics-everyone")).to_have_attribute("aria-checked", "true")

        # The form: a money field dragged from the palette, renamed so that conditions read well.
        page.get_by_test_id("designer-tab-form").click()
        expect(page.get_by_test_id("form-empty")).to_be_visible()
        page.get_by_test_id("palette-money").drag_to(page.get_by_test_id("form-canvas-end"))
        expect(page.get_by_test_id("field-panel-money_1")).to_be_visible()
        page.get_by_test_id("field-label").locator("input").fill("金额")
        page.get_by_test_id("field-id").locator("input").fill("amount")
        page.get_by_test_id("field-id").locator("input").press("Enter")
        page.get_by_test_id("field-required").click()
        expect(page.get_by_test_id("form-field-amount")).to_contain_text("*金额")

        # A text field dropped on the upper half of the amount lands above it; dragged to the end, below.
        fields = page.get_by_test_id("form-canvas").locator("[data-testid^=form-field-]")
        page.get_by_test_id("palette-text").drag_to(
            page.get_by_test_id("form-field-amount"), target_position={"x": 20, "y": 4}
        )
        expect(fields).to_have_count(2)
        expect(fields.first).to_have_attribute("data-testid", "form-field-text_1")
        expect(fields.nth(1)).to_have_attribute("data-testid", "form-field-amount")
        page.get_by_test_id("form-field-text_1").drag_to(page.get_by_test_id("form-canvas-end"))
        expect(fields.nth(1)).to_have_attribute("data-testid", "form-field-text_1")
        expect(fields.first).to_have_attribute("data-testid", "form-field-amount")

        # The flow: a condition group; its first branch takes amounts above 1000.
        page.get_by_test_id("designer-tab-flow").click()
        page.get_by_test_id("flow-add-top-0").click()
        page.get_by_test_id("flow-add-condition").click()
        cards = page.locator("[data-testid^=flow-branch-card-]")
        expect(cards).to_have_count(2)
        big, other = (suffix_of(card, "flow-branch-card-") for card in cards.all())
        expect(page.get_by_test_id(f"branch-panel-{big}")).to_be_visible()
        page.get_by_test_id("branch-condition-add").click()
        expect(page.get_by_test_id("branch-condition-subject-0")).to_have_value("amount")
        expect(page.get_by_test_id("branch-condition-op-0")).to_have_value("gt")
        page.get_by_test_id("branch-condition-value-0").fill("1000")
        expect(page.get_by_test_id("branch-condition-compiled")).to_have_text("amount > 1000")
        page.get_by_test_id("flow-panel-close").click()
        expect(page.get_by_test_id(f"flow-branch-condition-{big}")).to_have_text("amount > 1000")
        expect(page.get_by_test_id(f"flow-branch-condition-{other}")).to_have_text("未满足其他条件时进入此分支")

        # An approver node nobody is named in yet: publishing is refused, and the node says why.
        page.get_by_test_id(f"flow-add-{big}-0").click()
        page.get_by_test_id("flow-add-approver").click()
        empty_node = suffix_of(page.locator("[data-testid^=node-panel-]").first, "node-panel-")
        page.get_by_test_id("flow-panel-close").click()
        page.get_by_test_id("designer-publish").click()
        problems = page.get_by_test_id("publish-problems")
        expect(problems.locator("li")).to_have_text([f"节点“审批人”：{EMPTY_NODE}"])
        expect(page.get_by_test_id(f"flow-node-problems-{empty_node}")).to_have_text(EMPTY_NODE)
        assert api(page, "GET", f"/api/v1/approvals/templates/{template_id}")["published_version"] is None
        page.get_by_test_id(f"flow-node-remove-{empty_node}").click()

        zhangwei_node = add_approver(page, big, "zhangwei", "张伟")
        lina_node = add_approver(page, other, "lina", "李娜")

        page.get_by_test_id("designer-publish").click()
        expect(page.get_by_test_id("designer-notice")).to_have_text(
            "第 1 版已发布：新提交的审批使用此版本，进行中的审批不受影响。"
        )
        expect(page.get_by_test_id("designer-status")).to_have_text("已发布 第 1 版")
        expect(page.get_by_test_id("publish-problems")).to_have_count(0)
        published = api(page, "GET", f"/api/v1/approvals/templates/{template_id}")
        assert published["published_version"] == 1
        assert published["problems"] == []
        group = published["draft"]["flow"]["nodes"][0]
        assert [branch["condition"] for branch in group["branches"][:1]] == ["amount > 1000"]
        assert group["branches"][1]["default"] is True
        assert [branch["nodes"][0]["id"] for branch in group["branches"]] == [zhangwei_node, lina_node]
        assert published["draft"]["form"]["fields"] == [
            {"id": "amount", "type": "money", "label": "金额", "decimals": 2, "currency": "CNY", "required": True},
            {"id": "text_1", "type": "text", "label": "单行输入框"},
        ]

        # The route preview runs the published version with sample values.
        page.get_by_test_id("designer-preview").click()
        expect(page).to_have_url(re.compile(rf"/approvals/templates/{template_id}/preview$"))
        expect(page.get_by_test_id("preview-field-amount")).to_contain_text("*金额")
        expect_route(page, "5000", zhangwei_node, "张伟")
        expect_route(page, "500", lina_node, "李娜")
        expect_route(page, "1000", lina_node, "李娜")

        # Back in the list: filed under its category, published.
        page.goto("/approvals/templates")
        category = page.get_by_test_id("template-category-测试分组")
        expect(category.get_by_test_id(f"template-name-{template_id}")).to_have_text("大额采购（测试）")
        expect(page.get_by_test_id(f"template-status-{template_id}")).to_have_text("已发布 第 1 版")
    finally:
        # Switched off, it leaves the other browser tests' lists of available templates as they were.
        api(page, "PATCH", f"/api/v1/approvals/templates/{template_id}", {"is_active": False})


def test_the_built_in_templates_are_listed_and_not_added_twice(desktop: BrowserContext) -> None:
    page = signed_in(desktop, "admin")
    page.goto("/approvals/templates")
    finance = page.get_by_test_id("template-category-财务")
    expect(finance.locator("[data-testid^=template-name-]")).to_have_text(["费用报销", "合同审批"])
    expense = finance.locator("[data-testid^=template-item-]").filter(has_text="费用报销")
    expect(expense.locator("[data-testid^=template-status-]")).to_have_text("已发布 第 1 版")
    # The demo published them all: adding the built-in templates again adds nothing.
    listed = page.locator("[data-testid^=template-item-]").count()
    assert listed >= 10
    page.get_by_test_id("template-install-builtin").click()
    expect(page.locator(".van-toast")).to_have_text("内置模板都已添加。")
    expect(page.locator("[data-testid^=template-item-]")).to_have_count(listed)
