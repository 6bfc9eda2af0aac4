"""The approval centre on a phone: an expense claim with detail rows and a photo goes through the
supervisor, is returned by the finance director, edited, resubmitted and approved."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, FilePayload, Page, ViewportSize, expect

from .conftest import PHONE
from .test_shell import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

# A 1x1 PNG: what a phone camera hands the page is just an image file.
RECEIPT_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SUBMITTER = "wangfang"  # 王芳, head of HR: her supervisor is the general manager


@pytest.fixture
def phones(browser: Browser, officium_server: str) -> Iterator[Any]:
    """Opens one phone-sized browser profile per person (each signed in on its own)."""
    contexts: list[BrowserContext] = []

    def open_as(account: str) -> Page:
        context = browser.new_context(
            base_url=officium_server,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            viewport=ViewportSize(width=PHONE["width"], height=PHONE["height"]),
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


def api(page: Page, path: str) -> Any:
    response = page.request.get(path, headers={"Accept-Language": "zh-CN"})
    assert response.ok, f"GET {path}: {response.status} {response.text()}"
    return response.json()


def head_of(page: Page, code: str) -> str:
    """The name of a department's head (the general manager heads HQ, the finance director HQ-FIN)."""
    (department,) = [d for d in api(page, "/api/v1/org/departments") if d["code"] == code]
    (head,) = department["heads"]
    return str(head["name"])


def mobile_of(page: Page, name: str) -> str:
    """A colleague's sign-in number, looked up in the directory as any employee can."""
    found = [c for c in api(page, f"/api/v1/contacts?q={name}")["items"] if c["name"] == name]
    assert len(found) == 1, found
    return str(found[0]["mobile"])


def fill_row(page: Page, row: int, category: str, amount: str, note: str) -> None:
    prefix = f"field-items-{row}"
    page.get_by_test_id(f"{prefix}-category").click()
    page.get_by_test_id(f"{prefix}-category-option-{category}").click()
    page.get_by_test_id(f"{prefix}-spent_on").click()
    page.get_by_test_id(f"{prefix}-spent_on-popup").locator(".van-picker__confirm").click()
    page.get_by_test_id(f"{prefix}-amount").locator("input").fill(amount)
    page.get_by_test_id(f"{prefix}-note").locator("input").fill(note)


def approve_from_inbox(page: Page, instance_id: str, title: str) -> None:
    page.goto("/approvals")
    page.get_by_test_id("approvals-box-pending").click()
    expect(page).to_have_url(re.compile(r"/approvals/inbox/pending$"))
    row = page.get_by_test_id(f"inbox-row-{instance_id}")
    expect(row.get_by_test_id(f"inbox-title-{instance_id}")).to_have_text(title)
    page.get_by_test_id(f"inbox-approve-{instance_id}").click()
    expect(page.locator(".van-toast")).to_have_text("已同意")
    expect(row).to_have_count(0)


def test_expense_claim_is_returned_by_the_finance_director_then_resubmitted_and_approved(phones: Any) -> None:
    submitter = phones(SUBMITTER)
    submitter.get_by_test_id("tab-workbench").click()
    submitter.get_by_test_id("workbench-entry-approvals").click()
    expect(submitter).to_have_url(re.compile(r"/approvals$"))
    expect(submitter.get_by_test_id("page-header")).to_have_text("审批")
    submitter.get_by_test_id("approvals-template-expense").click()
    expect(submitter.get_by_test_id("page-header")).to_have_text("费用报销")

    # Two detail rows: the totals, the formula and the amounts in words follow the typing.
    submitter.get_by_test_id("field-reason").locator("textarea").fill("上海客户拜访差旅")
    fill_row(submitter, 0, "travel", "3200", "往返机票")
    expect(submitter.get_by_test_id("field-items-0-amount-words")).to_have_text("叁仟贰佰元整")
    submitter.get_by_test_id("field-items-add").click()
    fill_row(submitter, 1, "meal", "2600.5", "客户餐费")
    expect(submitter.get_by_test_id("field-items-total-amount-value")).to_have_text("¥5,800.50")
    expect(submitter.get_by_test_id("field-total-value")).to_have_text("¥5,800.50")
    expect(submitter.get_by_test_id("field-total-words")).to_have_text("伍仟捌佰元伍角")
    expect(submitter.get_by_test_id("field-serial")).to_contain_text("提交后生成")

    receipt: FilePayload = {"name": "receipt.png", "mimeType": "image/png", "buffer": RECEIPT_PNG}
    photo_input = submitter.get_by_test_id("field-invoices-input")
    expect(photo_input).to_have_attribute("accept", "image/*")
    expect(photo_input).to_have_attribute("capture", "environment")
    photo_input.set_input_files(files=receipt)
    expect(submitter.get_by_test_id("field-invoices-link-0")).to_have_text("receipt.png")

    # The draft survives a reload, with everything typed so far.
    submitter.reload()
    expect(submitter.get_by_test_id("draft-restored")).to_be_visible()
    expect(submitter.get_by_test_id("field-items-total-amount-value")).to_have_text("¥5,800.50")

    # Over 5,000: the route preview names the supervisor and the finance director.
    submitter.get_by_test_id("approval-preview").click()
    preview = submitter.get_by_test_id("route-preview")
    expect(preview.get_by_test_id("route-step-supervisor")).to_contain_text("直属上级")
    expect(preview.get_by_test_id("route-step-finance_director")).to_contain_text("财务总监")
    supervisor_name, director_name = head_of(submitter, "HQ"), head_of(submitter, "HQ-FIN")
    expect(submitter.get_by_test_id("route-person-supervisor")).to_have_text(supervisor_name)
    expect(submitter.get_by_test_id("route-person-finance_director")).to_have_text(director_name)
    submitter.get_by_test_id("approval-submit-confirm").click()

    expect(submitter).to_have_url(re.compile(r"/approvals/instances/[0-9a-f-]+$"))
    instance_id = submitter.url.rsplit("/", 1)[1]
    expect(submitter.get_by_test_id("instance-status")).to_have_text("审批中")
    expect(submitter.get_by_test_id("instance-serial")).to_contain_text("BX")
    title = submitter.get_by_test_id("instance-title").inner_text()
    expect(submitter.get_by_test_id("field-total-words")).to_have_text("伍仟捌佰元伍角")
    expect(submitter.get_by_test_id("field-items-row-1")).to_contain_text("客户餐费")
    expect(submitter.get_by_test_id("field-invoices-image-0")).to_be_visible()
    expect(submitter.get_by_test_id("instance-waiting")).to_have_text(f"等待 {supervisor_name} 处理")
    expect(submitter.get_by_test_id("action-pdf")).to_have_attribute(
        "href", f"/api/v1/approvals/instances/{instance_id}/pdf"
    )

    # The supervisor approves straight from the inbox.
    supervisor = phones(mobile_of(submitter, supervisor_name))
    approve_from_inbox(supervisor, instance_id, title)

    # The finance director returns it to the submitter, with a reason.
    director = phones(mobile_of(submitter, director_name))
    director.goto(f"/approvals/instances/{instance_id}")
    expect(director.get_by_test_id("instance-waiting")).to_have_text(f"等待 {director_name} 处理")
    director.get_by_test_id("action-return").click()
    dialog = director.get_by_test_id("action-dialog-return")
    expect(dialog.get_by_test_id("return-to-submitter")).to_have_attribute("aria-checked", "true")
    dialog.get_by_test_id("dialog-comment").locator("textarea").fill("餐费请按标准 2000 元以内报销")
    dialog.get_by_test_id("dialog-send").click()
    expect(director.get_by_test_id("instance-status")).to_have_text("已退回")
    expect(director.get_by_test_id("instance-actions")).to_have_count(0)

    # The submitter edits the meal row and sends it again.
    submitter.reload()
    expect(submitter.get_by_test_id("instance-status")).to_have_text("已退回")
    returned = submitter.get_by_test_id("timeline-returned").filter(has_text="给发起人")
    expect(returned.get_by_test_id("timeline-comment")).to_have_text("餐费请按标准 2000 元以内报销")
    submitter.get_by_test_id("action-resubmit").click()
    expect(submitter).to_have_url(re.compile(rf"/approvals/instances/{instance_id}/resubmit$"))
    submitter.get_by_test_id("field-items-1-amount").locator("input").fill("1980")
    expect(submitter.get_by_test_id("field-total-value")).to_have_text("¥5,180.00")
    submitter.get_by_test_id("resubmit-send").click()
    expect(submitter).to_have_url(re.compile(rf"/approvals/instances/{instance_id}$"))
    expect(submitter.get_by_test_id("instance-status")).to_have_text("审批中")
    expect(submitter.get_by_test_id("field-total-words")).to_have_text("伍仟壹佰捌拾元整")
    expect(submitter.get_by_test_id("timeline-resubmitted")).to_have_count(1)

    # Still over 5,000: both approve again, and it is approved.
    approve_from_inbox(supervisor, instance_id, title)
    director.goto(f"/approvals/instances/{instance_id}")
    director.get_by_test_id("action-approve").click()
    director.get_by_test_id("action-dialog-approve").get_by_test_id("dialog-send").click()
    expect(director.locator(".van-toast")).to_have_text("已同意")
    expect(director.get_by_test_id("instance-status")).to_have_text("已通过")

    submitter.reload()
    expect(submitter.get_by_test_id("instance-status")).to_have_text("已通过")
    expect(submitter.get_by_test_id("timeline-approved")).to_have_count(3)
    expect(submitter.get_by_test_id("timeline-returned_to_submitter")).to_have_count(1)
    submitter.goto("/approvals/inbox/submitted")
    expect(submitter.get_by_test_id(f"inbox-row-{instance_id}").get_by_test_id("status-approved")).to_have_text(
        "已通过"
    )


def post(page: Page, path: str, data: dict[str, Any]) -> Any:
    """Call the API as the user signed in on this page (Django's CSRF header from the cookie)."""
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    headers = {"X-CSRFToken": cookies.get("csrftoken", ""), "Accept-Language": "zh-CN"}
    response = page.request.post(path, data=data, headers=headers)
    assert response.ok, f"POST {path}: {response.status} {response.text()}"
    return response.json()


def test_an_approval_taken_offline_is_sent_when_back_online_and_a_conflict_is_explained(phones: Any) -> None:
    submitter = phones(SUBMITTER)
    (expense,) = [t for t in api(submitter, "/api/v1/approvals/available") if t["key"] == "expense"]
    form = {"reason": "办公用品", "items": [{"category": "office", "spent_on": "2026-11-20", "amount": "120"}]}
    instance = post(submitter, "/api/v1/approvals/instances", {"template_id": expense["id"], "form_data": form})

    supervisor = phones(mobile_of(submitter, head_of(submitter, "HQ")))
    supervisor.goto(f"/approvals/instances/{instance['id']}")
    expect(supervisor.get_by_test_id("instance-status")).to_have_text("审批中")

    # Offline: the approval waits in the outbox with its own Idempotency-Key.
    supervisor.context.set_offline(True)
    supervisor.get_by_test_id("action-approve").click()
    supervisor.get_by_test_id("action-dialog-approve").get_by_test_id("dialog-comment").locator("textarea").fill("同意")
    supervisor.get_by_test_id("action-dialog-approve").get_by_test_id("dialog-send").click()
    expect(supervisor.locator(".van-toast")).to_have_text("当前离线：恢复网络后将自动发送")
    expect(supervisor.get_by_test_id("approvals-outbox-banner")).to_contain_text("1 个操作等待发送")
    # Deciding twice is not offered while the first decision waits.
    expect(supervisor.get_by_test_id("instance-decision-queued")).to_be_visible()
    expect(supervisor.get_by_test_id("instance-actions")).to_have_count(0)

    # Meanwhile the submitter withdraws it: when the approval arrives, the task is no longer pending.
    post(submitter, f"/api/v1/approvals/instances/{instance['id']}/withdraw", {"reason": "买重复了"})

    supervisor.context.set_offline(False)
    expect(supervisor.get_by_test_id("approvals-outbox-banner")).to_contain_text("1 个操作已发送，查看结果")
    supervisor.get_by_test_id("approvals-outbox-banner").click()
    expect(supervisor).to_have_url(re.compile(r"/approvals/outbox$"))
    expect(supervisor.get_by_test_id("outbox-status-0")).to_have_text("已过时")
    expect(supervisor.get_by_test_id("outbox-answer-0")).to_have_text(
        "你的操作送达前，该任务已变为“已取消”；审批当前状态：已撤回。"
    )
    supervisor.get_by_test_id("outbox-dismiss-0").click()
    expect(supervisor.get_by_test_id("outbox-empty")).to_be_visible()
    expect(supervisor.get_by_test_id("approvals-outbox-banner")).to_have_count(0)


def test_inbox_counts_are_live_and_a_search_narrows_the_box_before_a_batch_approval(phones: Any) -> None:
    submitter = phones(SUBMITTER)
    (expense,) = [t for t in api(submitter, "/api/v1/approvals/available") if t["key"] == "expense"]
    supervisor = phones(mobile_of(submitter, head_of(submitter, "HQ")))
    before = api(supervisor, "/api/v1/approvals/inbox/counts")["pending"]
    with supervisor.expect_response("**/api/v1/approvals/inbox/counts"):
        supervisor.goto("/approvals")
    badge = supervisor.get_by_test_id("approvals-box-pending").locator(".van-badge")
    expect(badge).to_have_count(1 if before else 0)

    claims = []
    for reason, amount in (("打印纸", "86"), ("白板笔", "42.5")):
        form = {"reason": reason, "items": [{"category": "office", "spent_on": "2026-11-20", "amount": amount}]}
        claims.append(post(submitter, "/api/v1/approvals/instances", {"template_id": expense["id"], "form_data": form}))
    # The server says "approvals.inbox changed": the badge follows without a reload.
    expect(badge).to_have_text(str(before + 2))

    supervisor.get_by_test_id("approvals-box-pending").click()
    supervisor.get_by_test_id("inbox-search").locator("input").fill(claims[1]["serial_number"])
    rows = supervisor.get_by_test_id("inbox-list").locator("[data-testid^=inbox-row-]")
    expect(rows).to_have_count(1)
    expect(supervisor.get_by_test_id(f"inbox-row-{claims[1]['id']}")).to_be_visible()
    supervisor.get_by_test_id("inbox-search").locator("input").fill("")
    expect(supervisor.get_by_test_id(f"inbox-row-{claims[0]['id']}")).to_be_visible()

    supervisor.get_by_test_id("inbox-batch-toggle").click()
    for claim in claims:
        supervisor.get_by_test_id(f"inbox-select-{claim['id']}").click()
    supervisor.get_by_test_id("inbox-batch-approve").click()
    expect(supervisor.locator(".van-toast")).to_have_text("已同意 2 条")
    for claim in claims:
        expect(supervisor.get_by_test_id(f"inbox-row-{claim['id']}")).to_have_count(0)
        detail = api(submitter, f"/api/v1/approvals/instances/{claim['id']}")
        assert detail["status"] == "approved"


def test_an_approver_signs_by_hand_and_fills_in_the_field_their_step_lets_them_edit(phones: Any) -> None:
    admin = phones("admin")
    (approver,) = [c for c in api(admin, "/api/v1/contacts?q=张伟")["items"] if c["name"] == "张伟"]
    template = post(
        admin,
        "/api/v1/approvals/templates",
        {
            "key": "contract-sign-e2e",
            "name": "合同签章",
            "category": "行政",
            "icon": "certificate",
            "description": "",
            "form": {
                "fields": [
                    {"id": "subject", "type": "text", "label": "事项", "required": True},
                    {"id": "contract_no", "type": "text", "label": "合同编号"},
                ]
            },
            "flow": {
                "nodes": [
                    {
                        "id": "sign",
                        "type": "approver",
                        "name": "签字确认",
                        "approvers": [{"type": "members", "employees": [approver["id"]]}],
                        "signature_required": True,
                        "field_permissions": {"contract_no": "edit"},
                    }
                ]
            },
        },
    )
    post(admin, f"/api/v1/approvals/templates/{template['id']}/publish", {})
    submitter = phones(SUBMITTER)
    instance = post(
        submitter,
        "/api/v1/approvals/instances",
        {"template_id": template["id"], "form_data": {"subject": "年度框架合同"}},
    )

    page = phones("zhangwei")
    page.goto(f"/approvals/instances/{instance['id']}")
    # Only the field this step grants is an input; the others read as text.
    expect(page.get_by_test_id("field-subject-value")).to_have_text("年度框架合同")
    page.get_by_test_id("field-contract_no").locator("input").fill("HT-2026-001")
    page.get_by_test_id("action-approve").click()
    dialog = page.get_by_test_id("action-dialog-approve")
    send = dialog.get_by_test_id("dialog-send")
    expect(send).to_be_disabled()  # no signature yet

    pad = dialog.get_by_test_id("signature-pad")
    pad.hover(position={"x": 20, "y": 40})  # waits until the sheet has finished sliding in
    box = pad.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 20, box["y"] + 40)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 20 + step * 15, box["y"] + 40 + (step % 3) * 20)
    page.mouse.up()
    expect(dialog).to_contain_text("已签名")
    send.click()

    expect(page.get_by_test_id("instance-status")).to_have_text("已通过")
    expect(page.get_by_test_id("field-contract_no-value")).to_have_text("HT-2026-001")
    expect(page.get_by_test_id("timeline-approved").get_by_test_id("timeline-signed")).to_have_text("已签名")
    expect(page.get_by_test_id("timeline-form_edited")).to_contain_text("修改了 1 个字段")


def test_the_servers_field_errors_show_next_to_the_fields_and_the_fixed_form_goes_with_a_new_key(phones: Any) -> None:
    page = phones(SUBMITTER)
    (expense,) = [t for t in api(page, "/api/v1/approvals/available") if t["key"] == "expense"]
    page.goto(f"/approvals/new/{expense['id']}")
    page.get_by_test_id("field-reason").locator("textarea").fill("客户拜访")
    fill_row(page, 0, "transport", "1500", "出租车")

    # The server has the last word: here it refuses two values the phone could not judge.
    refusal = {
        "type": "about:blank",
        "title": "表单有误",
        "status": 422,
        "code": "invalid_form",
        "errors": [
            {"pointer": "/reason", "code": "pattern_mismatch", "message": "事由请写明客户名称"},
            {"pointer": "/items/0/amount", "code": "too_large", "message": "单笔交通费不超过 1000 元"},
        ],
    }
    keys: list[str] = []

    def refuse(route: Any) -> None:
        keys.append(route.request.headers["idempotency-key"])
        route.fulfill(status=422, content_type="application/problem+json", json=refusal)

    page.route("**/api/v1/approvals/instances", refuse)
    page.get_by_test_id("approval-preview").click()
    page.get_by_test_id("approval-submit-confirm").click()
    expect(page.locator(".van-toast")).to_have_text("有 2 处需要修改。")
    expect(page.get_by_test_id("field-reason")).to_contain_text("事由请写明客户名称")
    expect(page.get_by_test_id("field-items-0-amount")).to_contain_text("单笔交通费不超过 1000 元")
    page.unroute("**/api/v1/approvals/instances")

    page.get_by_test_id("field-reason").locator("textarea").fill("客户拜访：华东某客户")
    expect(page.get_by_test_id("field-reason")).not_to_contain_text("事由请写明客户名称")
    page.get_by_test_id("field-items-0-amount").locator("input").fill("800")
    expect(page.get_by_test_id("field-items-0-amount")).not_to_contain_text("单笔交通费不超过 1000 元")
    page.get_by_test_id("approval-preview").click()
    with page.expect_request("**/api/v1/approvals/instances") as sent:
        page.get_by_test_id("approval-submit-confirm").click()
    # The refused key was answered for good: the corrected form goes with a new one.
    assert len(keys) == 1
    assert sent.value.headers["idempotency-key"] not in ("", keys[0])
    expect(page).to_have_url(re.compile(r"/approvals/instances/[0-9a-f-]+$"))
    expect(page.get_by_test_id("instance-status")).to_have_text("审批中")


def test_a_comment_mentions_a_colleague_with_a_file_and_a_copy_shows_unread_until_opened(phones: Any) -> None:
    page = phones(SUBMITTER)
    (expense,) = [t for t in api(page, "/api/v1/approvals/available") if t["key"] == "expense"]
    form = {"reason": "团队午餐", "items": [{"category": "meal", "spent_on": "2026-11-21", "amount": "320"}]}
    instance = post(page, "/api/v1/approvals/instances", {"template_id": expense["id"], "form_data": form})
    page.goto(f"/approvals/instances/{instance['id']}")

    page.get_by_test_id("action-comment").click()
    dialog = page.get_by_test_id("action-dialog-comment")
    dialog.get_by_test_id("dialog-comment").locator("textarea").fill("发票见附件")
    dialog.get_by_test_id("dialog-mention-choose").click()
    page.get_by_test_id("dialog-mention-search").locator("input").fill("李娜")
    (lina,) = [c for c in api(page, "/api/v1/contacts?q=李娜")["items"] if c["name"] == "李娜"]
    page.get_by_test_id(f"dialog-mention-person-{lina['id']}").click()
    page.get_by_test_id("dialog-mention-confirm").click()
    expect(dialog.get_by_test_id("dialog-comment").locator("textarea")).to_have_value("发票见附件 @李娜 ")
    receipt: FilePayload = {"name": "午餐发票.png", "mimeType": "image/png", "buffer": RECEIPT_PNG}
    dialog.get_by_test_id("dialog-files-input").set_input_files(files=receipt)
    expect(dialog.get_by_test_id("dialog-files-link-0")).to_have_text("午餐发票.png")
    dialog.get_by_test_id("dialog-send").click()
    expect(page.locator(".van-toast")).to_have_text("已评论")
    comment = page.get_by_test_id("timeline-commented")
    expect(comment.get_by_test_id("timeline-comment")).to_have_text("发票见附件 @李娜")
    expect(comment.locator(".timeline__mentions")).to_have_text("@李娜")
    expect(comment.get_by_role("link")).to_have_text("午餐发票.png")

    (zhang,) = [c for c in api(page, "/api/v1/contacts?q=张伟")["items"] if c["name"] == "张伟"]
    page.get_by_test_id("action-cc").click()
    dialog = page.get_by_test_id("action-dialog-cc")
    dialog.get_by_test_id("dialog-people-choose").click()
    page.get_by_test_id("dialog-people-search").locator("input").fill("张伟")
    page.get_by_test_id(f"dialog-people-person-{zhang['id']}").click()
    page.get_by_test_id("dialog-people-confirm").click()
    dialog.get_by_test_id("dialog-send").click()
    expect(page.locator(".van-toast")).to_have_text("已抄送")
    expect(page.get_by_test_id("timeline-copied")).to_have_count(1)

    reader = phones("zhangwei")
    reader.goto("/approvals/inbox/cc")
    expect(reader.get_by_test_id(f"inbox-unread-{instance['id']}")).to_be_visible()
    reader.get_by_test_id(f"inbox-title-{instance['id']}").click()
    expect(reader.get_by_test_id("instance-title")).to_have_text(instance["title"])
    expect(reader.get_by_test_id("instance-actions")).to_have_count(0)
    reader.go_back()
    expect(reader.get_by_test_id(f"inbox-title-{instance['id']}")).to_be_visible()
    expect(reader.get_by_test_id(f"inbox-unread-{instance['id']}")).to_have_count(0)
