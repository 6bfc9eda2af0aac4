"""Documents in a real browser: 李娜 creates a document on her phone and shares it; 王芳 opens it on a
desktop; both type at once and both editors end with both texts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .test_shell import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def _headers(page: Page) -> dict[str, str]:
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    return {"X-CSRFToken": cookies.get("csrftoken", ""), "Accept-Language": "zh-CN"}


def api(page: Page, method: str, path: str, body: Any = None) -> Any:
    response = page.request.fetch(path, method=method, data=body, headers=_headers(page))
    assert response.ok, f"{method} {path}: {response.status} {response.text()}"
    return response.json()


def text_without_carets(page: Page) -> str:
    """The document's text as typed (other people's carets and their name labels left out)."""
    text: str = page.get_by_test_id("editor-content").evaluate(
        """(element) => {
            const copy = element.cloneNode(true);
            copy.querySelectorAll(".collaboration-carets__caret").forEach((caret) => caret.remove());
            return copy.textContent;
        }"""
    )
    return text


def test_two_people_edit_one_document_at_once_and_converge(phone: BrowserContext, desktop: BrowserContext) -> None:
    lina = phone.new_page()
    sign_in(lina, "lina")
    expect(lina).to_have_url(re.compile(r"/messages$"))
    lina.goto("/workbench")
    lina.get_by_test_id("workbench-entry-documents").click()
    expect(lina).to_have_url(re.compile(r"/documents$"))
    expect(lina.get_by_test_id("space-row").first).to_contain_text("我的文档")
    lina.get_by_test_id("space-row").first.click()
    lina.get_by_test_id("new-document").click()
    lina.get_by_test_id("new-name").locator("input").fill("周会纪要")
    lina.get_by_role("button", name="确认").click()
    expect(lina).to_have_url(re.compile(r"/documents/[0-9a-f-]{36}$"))
    document_id = lina.url.rsplit("/", 1)[1]
    expect(lina.get_by_test_id("page-header")).to_contain_text("周会纪要")
    expect(lina.get_by_test_id("editor-status")).to_have_text("已保存")

    wang = desktop.new_page()
    sign_in(wang, "wangfang")
    expect(wang).to_have_url(re.compile(r"/messages$"))
    wang_id = api(wang, "GET", "/api/v1/me")["id"]
    grant = {"target": "document", "target_id": document_id, "principal": "user", "principal_id": wang_id}
    api(lina, "POST", "/api/v1/documents/grants", {**grant, "level": "edit"})
    wang.goto(f"/documents/{document_id}")
    expect(wang.get_by_test_id("editor-status")).to_have_text("已保存")

    lina_editor, wang_editor = lina.get_by_test_id("editor-content"), wang.get_by_test_id("editor-content")
    lina_editor.click()
    wang_editor.click()
    lina.keyboard.type("李娜：进度正常。")
    wang.keyboard.type("王芳：人员已到位。")
    for editor in (lina_editor, wang_editor):
        expect(editor).to_contain_text("李娜：进度正常。")
        expect(editor).to_contain_text("王芳：人员已到位。")
    assert text_without_carets(lina) == text_without_carets(wang)
    # The other person's caret carries the name the server gave it.
    expect(wang.locator(".collaboration-carets__label")).to_have_text("李娜")
