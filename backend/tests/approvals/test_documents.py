"""Printed approvals (PDF and print page) and the template export (.xlsx)."""

from __future__ import annotations

import base64
import contextlib
import datetime
import io
import re
import zlib
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from officium.approvals.models import Instance, Task
from officium.approvals.services import attachments as attachment_services
from officium.approvals.services import delegations as delegation_services
from officium.approvals.services import tasks as task_services
from officium.core.models import AuditEvent
from officium.core.spreadsheets import safe_text

from ..conftest import ApiClient
from .conftest import Company, approver, members, submit, task_of

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
PRINT_FORM = {
    "fields": [
        {"id": "reason", "type": "text", "label": "事由", "required": True},
        {"id": "amount", "type": "money", "label": "金额", "required": True},
        {
            "id": "kind",
            "type": "select",
            "label": "类别",
            "options": [{"value": "travel", "label": "差旅"}, {"value": "other", "label": "其他"}],
        },
        {"id": "salary", "type": "money", "label": "薪资"},
        {
            "id": "items",
            "type": "table",
            "label": "费用明细",
            "columns": [
                {"id": "what", "type": "text", "label": "项目"},
                {"id": "cost", "type": "money", "label": "费用"},
            ],
            "totals": ["cost"],
        },
        {"id": "files", "type": "attachment", "label": "附件"},
        {"id": "hint", "type": "description", "label": "填写说明"},
    ]
}


# --- reading a PDF without a PDF library ---------------------------------------------------------------------
STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
SHOWN = re.compile(rb"\(((?:\\.|[^\\()])*)\)\s*Tj", re.S)
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal: bytes) -> bytes:
    def one(match: re.Match[bytes]) -> bytes:
        token = match.group(1)
        if token[:1].isdigit():
            return bytes([int(token, 8)])
        return ESCAPES.get(token, token)

    return re.sub(rb"\\([0-7]{1,3}|.)", one, literal, flags=re.S)


def pdf_text(content: bytes) -> str:
    """Every string the pages show (the CID font writes UTF-16BE), one per line."""
    lines = []
    for raw in STREAM.findall(content):
        data = raw.strip()
        if data.endswith(b"~>"):
            data = base64.a85decode(data, adobe=True)
        with contextlib.suppress(zlib.error):  # a stream reportlab did not compress
            data = zlib.decompress(data)
        lines += [_unescape(shown).decode("utf-16-be", "replace") for shown in SHOWN.findall(data)]
    return "\n".join(lines)


def page_count(content: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", content))


def _png(width: int = 120, height: int = 40) -> str:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (0, 0, 0, 255)).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


@pytest.fixture
def printed(company: Company, make_template: Any) -> Instance:
    """开发一 claims travel costs; 组长 (who may not see the salary) approves with a signature."""
    node = approver("n1", members(company["lead"]), name="组长审批", field_permissions={"salary": "hidden"})
    template = make_template([node, approver("n2", members(company["fd"]), name="财务审批")], form=PRINT_FORM)
    receipt = attachment_services.attachment_upload(actor=company["dev1"].user, name="发票.pdf", content=b"%PDF-1.4")
    instance = submit(
        template,
        company["dev1"],
        {
            "reason": "上海出差",
            "amount": "1200.00",
            "kind": "travel",
            "salary": "30000",
            "items": [{"what": "机票", "cost": "800"}, {"what": "酒店", "cost": "400.5"}],
            "files": [str(receipt.pk)],
        },
    )
    task_services.task_approve(
        actor=company["lead"].user, task_id=task_of(instance, company["lead"]).pk, comment="同意报销", signature=_png()
    )
    instance.refresh_from_db()
    return instance


def test_the_pdf_shows_the_approval_as_the_approver_may_see_it(company: Company, printed: Instance) -> None:
    response = ApiClient(company["lead"].user).get(f"approvals/instances/{printed.pk}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"inline; filename*=UTF-8''{printed.serial_number}.pdf"
    content = response.content
    assert content.startswith(b"%PDF-")
    assert page_count(content) == 1
    text = pdf_text(content)
    submitted = printed.submitted_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
    for expected in (
        "报销",
        printed.serial_number,
        "开发一",
        "前端组",
        "审批中",
        submitted,
        "上海出差",
        "1,200.00",
        "大写: 壹仟贰佰元整",
        "差旅",
        "费用明细",
        "机票",
        "800.00",
        "400.50",
        "合计",
        "1,200.50",
        "发票.pdf",
        "组长审批",
        "同意报销",
        "签名",
    ):
        assert expected in text, expected
    assert "薪资" not in text
    assert "30,000.00" not in text
    assert "填写说明" not in text
    assert b"/Subtype /Image" in content


def test_the_submitter_sees_the_hidden_field_and_strangers_get_404(company: Company, printed: Instance) -> None:
    mine = ApiClient(company["dev1"].user).get(f"approvals/instances/{printed.pk}/pdf")
    assert "30,000.00" in pdf_text(mine.content)
    assert "叁万元整" in pdf_text(mine.content)
    for path in ("pdf", "print"):
        stranger = ApiClient(company["dev2"].user).get(f"approvals/instances/{printed.pk}/{path}")
        assert (stranger.status_code, stranger.json()["code"]) == (404, "instance_not_found")
        assert stranger["Content-Type"] == "application/problem+json"


def test_the_print_page_has_the_same_content_escaped(company: Company, make_template: Any) -> None:
    template = make_template([approver("n1", members(company["lead"]), name="组长审批")])
    instance = submit(template, company["dev1"], {"reason": "<script>alert(1)</script>", "amount": "12345.6"})
    task_services.task_approve(
        actor=company["lead"].user, task_id=task_of(instance, company["lead"]).pk, comment="<b>好</b>", signature=_png()
    )
    response = ApiClient(company["lead"].user).get(f"approvals/instances/{instance.pk}/print")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;好&lt;/b&gt;" in page
    assert "12,345.60" in page
    assert "壹万贰仟叁佰肆拾伍元陆角" in page
    assert "@media print" in page
    assert len(re.findall(r'<img class="signature" alt="组长" src="data:image/png;base64,[A-Za-z0-9+/=]+">', page)) == 1


def test_a_signature_that_is_not_a_png_is_named_not_drawn(company: Company, make_template: Any) -> None:
    instance = submit(make_template([approver("n1", members(company["lead"]))]), company["dev1"])
    task_services.task_approve(
        actor=company["lead"].user,
        task_id=task_of(instance, company["lead"]).pk,
        signature="data:image/svg+xml;base64,PHN2Zy8+",
    )
    response = ApiClient(company["dev1"].user).get(f"approvals/instances/{instance.pk}/pdf")
    assert "(签名无法显示)" in pdf_text(response.content)
    assert b"/Subtype /Image" not in response.content
    page = ApiClient(company["dev1"].user).get(f"approvals/instances/{instance.pk}/print").content.decode()
    assert "<img" not in page
    assert "(签名无法显示)" in page


def test_the_timeline_says_who_acted_for_whom(company: Company, make_template: Any) -> None:
    now = timezone.now()
    delegation_services.delegation_create(
        actor=company["lead"].user,
        delegate_id=company["dev3"].pk,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=1),
    )
    instance = submit(make_template([approver("n1", members(company["lead"]), name="组长审批")]), company["dev1"])
    task = Task.objects.get(instance=instance, assignee=company["lead"])
    task_services.task_approve(actor=company["dev3"].user, task_id=task.pk, comment="代为同意")
    text = pdf_text(ApiClient(company["dev1"].user).get(f"approvals/instances/{instance.pk}/pdf").content)
    assert "开发三 (代 组长)" in text
    assert "代为同意" in text
    assert "已通过" in text


def test_a_field_marked_not_printable_stays_off_the_paper(company: Company, make_template: Any) -> None:
    form = {
        "fields": [
            {"id": "reason", "type": "text", "label": "事由"},
            {"id": "code", "type": "text", "label": "内部编码", "printable": False},
        ]
    }
    instance = submit(make_template([approver("n1", members(company["lead"]))], form=form), company["dev1"],
                      {"reason": "打印", "code": "X-42"})  # fmt: skip
    client = ApiClient(company["dev1"].user)
    text = pdf_text(client.get(f"approvals/instances/{instance.pk}/pdf").content)
    page = client.get(f"approvals/instances/{instance.pk}/print").content.decode()
    assert ("打印" in text, "内部编码" in text, "X-42" in text) == (True, False, False)
    assert ("打印" in page, "内部编码" in page, "X-42" in page) == (True, False, False)


def test_automatic_steps_say_why(company: Company, make_template: Any) -> None:
    nodes = [
        approver("n1", members(company["lead"]), name="组长审批"),
        approver("n2", members(company["lead"]), name="复核"),
    ]
    instance = submit(make_template(nodes, dedup="any_earlier"), company["dev1"])
    task_services.task_approve(actor=company["lead"].user, task_id=task_of(instance, company["lead"]).pk)
    text = pdf_text(ApiClient(company["dev1"].user).get(f"approvals/instances/{instance.pk}/pdf").content)
    assert "组长\n自动通过\n复核\n已在前序节点同意（去重）" in text


def test_texts_taller_than_a_page_split_across_pages(company: Company, make_template: Any) -> None:
    form = {"fields": [{"id": "story", "type": "textarea", "label": "经过"}]}
    instance = submit(make_template([approver("n1", members(company["lead"]))], form=form), company["dev1"],
                      {"story": "曌" * 19_999 + "终"})  # fmt: skip
    task_services.task_approve(
        actor=company["lead"].user, task_id=task_of(instance, company["lead"]).pk, comment="犇" * 4999 + "止"
    )
    response = ApiClient(company["dev1"].user).get(f"approvals/instances/{instance.pk}/pdf")
    assert response.status_code == 200
    assert page_count(response.content) == 17
    text = pdf_text(response.content)
    assert (text.count("曌"), text.count("终"), text.count("犇"), text.count("止")) == (19_999, 1, 4999, 1)


def test_a_return_names_where_it_went(company: Company, make_template: Any) -> None:
    instance = submit(make_template([approver("n1", members(company["lead"]), name="组长审批")]), company["dev1"])
    task_services.task_return(
        actor=company["lead"].user, task_id=task_of(instance, company["lead"]).pk, to="submitter", comment="补发票"
    )
    text = pdf_text(ApiClient(company["dev1"].user).get(f"approvals/instances/{instance.pk}/pdf").content)
    assert "组长\n退回\n组长审批\n→ 发起人 补发票" in text
    assert "已退回" in text


def test_a_long_form_runs_over_several_pages(company: Company, make_template: Any) -> None:
    template = make_template([approver("n1", members(company["lead"]))], form=PRINT_FORM)
    rows = [{"what": f"项目{n}", "cost": "10"} for n in range(120)]
    instance = submit(template, company["dev1"], {"reason": "采购", "amount": "1200", "items": rows})
    response = ApiClient(company["dev1"].user).get(f"approvals/instances/{instance.pk}/pdf")
    assert page_count(response.content) == 4
    text = pdf_text(response.content)
    assert "项目119" in text
    assert "1,200.00" in text


# --- export ------------------------------------------------------------------------------------------------------
def _export(who: Any, template: Any, since: str, until: str) -> Any:
    return ApiClient(who.user).get(f"approvals/templates/{template.pk}/export", since=since, until=until)


def _at(instance: Instance, moment: datetime.datetime) -> None:
    Instance.objects.filter(pk=instance.pk).update(submitted_at=moment)


def test_the_export_lists_the_period_with_typed_cells(company: Company, make_template: Any) -> None:
    template = make_template([approver("n1", members(company["lead"]))], form=PRINT_FORM)
    first = submit(
        template,
        company["dev1"],
        {
            "reason": '=HYPERLINK("http://evil")',
            "amount": "1200.5",
            "kind": "travel",
            "salary": "30000",
            "items": [{"what": "@SUM(A1)", "cost": "800"}, {"what": "酒店", "cost": "400.5"}],
        },
    )
    task_services.task_approve(actor=company["lead"].user, task_id=task_of(first, company["lead"]).pk)
    second = submit(template, company["dev2"], {"reason": "-1+2", "amount": "88"})
    outside = submit(template, company["dev3"], {"reason": "上个月", "amount": "1"})
    _at(first, datetime.datetime(2026, 11, 1, 0, 30, tzinfo=SHANGHAI))  # the first minute of the period counts
    _at(second, datetime.datetime(2026, 11, 30, 23, 59, tzinfo=SHANGHAI))
    _at(outside, datetime.datetime(2026, 10, 31, 23, 59, tzinfo=SHANGHAI))
    Instance.objects.filter(pk=first.pk).update(finished_at=datetime.datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI))

    response = _export(company["admin"], template, "2026-11-01", "2026-11-30")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f"attachment; filename*=UTF-8''{template.key}-2026-11-01-2026-11-30.xlsx"
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["审批", "费用明细"]
    sheet = book["审批"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["流水号", "标题", "发起人", "部门", "状态", "提交时间", "完成时间",
                       "事由", "金额", "类别", "薪资", "费用明细", "附件"]  # fmt: skip
    assert len(rows) == 3
    assert rows[1][:7] == [
        first.serial_number, first.title, "开发一", "前端组", "已通过",
        datetime.datetime(2026, 11, 1, 0, 30), datetime.datetime(2026, 11, 2, 9, 0),
    ]  # fmt: skip
    assert rows[1][7:] == ['\'=HYPERLINK("http://evil")', 1200.5, "差旅", 30000, 2, None]
    assert rows[2][4:7] == ["审批中", datetime.datetime(2026, 11, 30, 23, 59), None]
    assert rows[2][7:9] == ["'-1+2", 88]
    assert sheet.cell(row=2, column=9).number_format == "#,##0.00"
    assert sheet.cell(row=2, column=6).number_format == "yyyy-mm-dd hh:mm"
    assert sheet.cell(row=2, column=8).data_type == "s"
    details = [[cell.value for cell in row] for row in book["费用明细"].iter_rows()]
    assert details == [
        ["流水号", "行", "项目", "费用"],
        [first.serial_number, 1, "'@SUM(A1)", 800],
        [first.serial_number, 2, "酒店", 400.5],
    ]
    [exported] = AuditEvent.objects.filter(action="approvals.instances.exported")
    assert (exported.actor_id, exported.object_id, exported.changes) == (
        company["admin"].user_id,
        str(template.pk),
        {"since": "2026-11-01", "until": "2026-11-30", "rows": 2},
    )


def test_formula_characters_are_neutralised() -> None:
    assert [safe_text(text) for text in ("=1+1", "+1", "-1", "@A1", "\tx", "普通", "a=b", "")] == [
        "'=1+1", "'+1", "'-1", "'@A1", "'\tx", "普通", "a=b", "",
    ]  # fmt: skip


def test_the_export_refuses_long_periods_and_needs_the_permission(company: Company, make_template: Any) -> None:
    template = make_template([approver("n1", members(company["lead"]))])
    too_long = _export(company["admin"], template, "2025-01-01", "2026-01-02")
    assert (too_long.status_code, too_long.json()["code"]) == (422, "period_too_long")
    assert _export(company["admin"], template, "2025-01-01", "2026-01-01").status_code == 200  # 366 days
    reversed_ = _export(company["admin"], template, "2026-02-01", "2026-01-01")
    assert (reversed_.status_code, reversed_.json()["code"]) == (422, "invalid_period")
    denied = _export(company["lead"], template, "2026-01-01", "2026-01-31")
    assert (denied.status_code, denied.json()["code"]) == (403, "permission_denied")
    missing = ApiClient(company["admin"].user).get(
        "approvals/templates/00000000-0000-0000-0000-000000000000/export", since="2026-01-01", until="2026-01-02"
    )
    assert (missing.status_code, missing.json()["code"]) == (404, "template_not_found")


def test_the_export_refuses_more_rows_than_its_cap(
    company: Company, make_template: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from officium.approvals.reports import export

    template = make_template([approver("n1", members(company["lead"]))])
    for who in ("dev1", "dev2", "dev3"):
        submit(template, company[who])
    today = timezone.localdate().isoformat()
    monkeypatch.setattr(export, "MAX_ROWS", 2)
    refused = _export(company["admin"], template, today, today)
    assert (refused.status_code, refused.json()["code"]) == (422, "too_many_rows")
    monkeypatch.setattr(export, "MAX_ROWS", 3)
    assert _export(company["admin"], template, today, today).status_code == 200


def test_the_export_has_a_column_for_every_version_s_fields(company: Company, make_template: Any) -> None:
    from officium.approvals.services import templates as template_services

    template = make_template([approver("n1", members(company["lead"]))])
    old = submit(template, company["dev1"], {"reason": "旧版", "amount": "1"})
    form = {"fields": [{"id": "reason", "type": "text", "label": "申请事由"}, {"id": "days", "type": "number",
            "label": "天数"}]}  # fmt: skip
    template_services.template_update(actor=None, template_id=template.pk, form=form)
    template_services.template_publish(actor=None, template_id=template.pk)
    new = submit(template, company["dev2"], {"reason": "新版", "days": 3})
    today = timezone.localdate().isoformat()
    book = load_workbook(io.BytesIO(_export(company["admin"], template, today, today).content))
    rows = [[cell.value for cell in row] for row in book.active.iter_rows()]
    assert rows[0][7:] == ["申请事由", "天数", "金额", "类别", "财务备注"]
    assert {row[0]: row[7:] for row in rows[1:]} == {
        old.serial_number: ["旧版", None, 1, None, None],
        new.serial_number: ["新版", 3, None, None, None],
    }
