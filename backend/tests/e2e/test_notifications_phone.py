"""The Messages tab on a phone: an approver sees a new approval arrive live, with a badge, and opens it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from .test_approvals_phone import SUBMITTER, api, head_of, mobile_of, phones, post  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_an_approver_sees_a_new_approval_arrive_in_messages_and_opens_it(phones: Any) -> None:  # noqa: F811
    submitter = phones(SUBMITTER)
    (expense,) = [t for t in api(submitter, "/api/v1/approvals/available") if t["key"] == "expense"]
    approver = phones(mobile_of(submitter, head_of(submitter, "HQ")))
    approver.get_by_test_id("tab-messages").click()
    expect(approver).to_have_url(re.compile(r"/messages$"))
    post(approver, "/api/v1/notifications/read-all", {})  # what earlier tests left is out of the way
    tab_badge = approver.get_by_test_id("tab-messages").locator(".van-badge")
    expect(tab_badge).to_have_count(0)

    form = {"reason": "客户拜访打车", "items": [{"category": "travel", "spent_on": "2026-11-20", "amount": "58"}]}
    instance = post(submitter, "/api/v1/approvals/instances", {"template_id": expense["id"], "form_data": form})

    # No reload: the server's "notifications changed" hint brings the new message and the badge.
    message = approver.locator(f'[data-testid=message][data-object-id="{instance["id"]}"]')
    expect(message).to_have_count(1)
    expect(message).to_have_attribute("data-unread", "true")
    expect(message.get_by_test_id("message-title")).to_have_text("王芳的审批等待你处理")
    expect(tab_badge).to_have_text("1")

    message.click()
    expect(approver).to_have_url(re.compile(rf"/approvals/instances/{instance['id']}$"))
    expect(approver.get_by_test_id("instance-title")).to_have_text(instance["title"])
    approver.go_back()
    expect(tab_badge).to_have_count(0)
    expect(message).to_have_attribute("data-unread", "false")
