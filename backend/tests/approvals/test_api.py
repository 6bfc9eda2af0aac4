"""The approval centre over HTTP: field-by-field errors, hidden fields, 409s, idempotent actions, the inbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from officium.approvals.models import Attachment, Instance, Task

from ..conftest import ApiClient
from .conftest import Company, approver, members, pending, submit, task_of

pytestmark = pytest.mark.django_db

SECRET_FORM = {
    "fields": [
        {"id": "reason", "type": "text", "label": "事由", "required": True, "max_length": 20},
        {"id": "amount", "type": "money", "label": "金额", "required": True, "max": 100000},
        {"id": "salary", "type": "money", "label": "薪资"},
        {"id": "note", "type": "textarea", "label": "财务备注"},
    ]
}


def _client(who: Any) -> ApiClient:
    return ApiClient(who.user)


def test_a_form_that_fails_is_refused_field_by_field(company: Company, make_template: Any) -> None:
    template = make_template([approver("n", members(company["lead"]))], form=SECRET_FORM)
    response = _client(company["dev1"]).post(
        "approvals/instances",
        {"template_id": str(template.pk), "form_data": {"reason": "x" * 30, "amount": "abc", "bogus": 1}},
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_form"
    assert [(e["pointer"], e["code"]) for e in body["errors"]] == [
        ("/bogus", "unknown_field"),
        ("/reason", "too_long"),
        ("/amount", "invalid_number"),
    ]
    assert Instance.objects.count() == 0


def test_hidden_fields_never_leave_the_server(company: Company, make_template: Any) -> None:
    node = approver("n", members(company["lead"]), field_permissions={"salary": "hidden", "note": "edit"})
    template = make_template([node], form=SECRET_FORM)
    instance = submit(template, company["dev1"], {"reason": "调薪", "amount": "100", "salary": "30000"})
    seen = _client(company["lead"]).get(f"approvals/instances/{instance.pk}").json()
    assert "salary" not in seen["form_data"]
    assert [f["id"] for f in seen["form"]["fields"]] == ["reason", "amount", "note"]
    assert seen["field_permissions"]["salary"] == "hidden"
    assert seen["actions"]["editable_fields"] == ["note"]
    assert seen["money_in_words"] == {"amount": "壹佰元整"}
    own = _client(company["dev1"]).get(f"approvals/instances/{instance.pk}").json()
    assert own["form_data"]["salary"] == "30000.00"


def test_writing_a_read_only_field_is_refused(company: Company, make_template: Any) -> None:
    node = approver("n", members(company["lead"]), field_permissions={"note": "edit"})
    instance = submit(make_template([node], form=SECRET_FORM), company["dev1"], {"reason": "a", "amount": "1"})
    task = task_of(instance, company["lead"])
    response = _client(company["lead"]).post(f"approvals/tasks/{task.pk}/approve", {"form_changes": {"amount": "99"}})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"pointer": "/amount", "code": "read_only_field", "message": "You cannot change this field."}
    ]


def test_a_decided_task_answers_409_with_its_state_and_a_stranger_404(company: Company, make_template: Any) -> None:
    instance = submit(make_template([approver("n", members(company["lead"]))]), company["dev1"])
    task = task_of(instance, company["lead"])
    stranger = _client(company["dev2"]).post(f"approvals/tasks/{task.pk}/approve", {})
    assert (stranger.status_code, stranger.json()["code"]) == (404, "task_not_found")
    assert _client(company["lead"]).post(f"approvals/tasks/{task.pk}/approve", {}).status_code == 200
    late = _client(company["lead"]).post(f"approvals/tasks/{task.pk}/reject", {})
    assert late.status_code == 409
    assert (late.json()["code"], late.json()["state"]) == ("task_not_pending", "approved")


def test_a_retried_approval_with_the_same_key_is_answered_from_memory(company: Company, make_template: Any) -> None:
    nodes = [approver("a", members(company["lead"])), approver("b", members(company["cto"]))]
    instance = submit(make_template(nodes), company["dev1"])
    task = task_of(instance, company["lead"])
    client = _client(company["lead"])
    first = client.post(f"approvals/tasks/{task.pk}/approve", {"comment": "好"}, **{"Idempotency-Key": "ok-1"})
    again = client.post(f"approvals/tasks/{task.pk}/approve", {"comment": "好"}, **{"Idempotency-Key": "ok-1"})
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert Task.objects.filter(instance=instance, status=Task.Status.APPROVED).count() == 1


def test_the_inbox_boxes_and_counts(company: Company, make_template: Any) -> None:
    template = make_template(
        [approver("n", members(company["lead"])), {"id": "cc", "type": "cc", "recipients": [members(company["gm"])]}]
    )
    first = submit(template, company["dev1"])
    submit(template, company["dev2"])
    lead = _client(company["lead"])
    assert lead.get("approvals/inbox/counts").json() == {"pending": 2, "cc_unread": 0}
    pending = lead.get("approvals/inbox/pending").json()
    assert [row["instance"]["submitter"]["name"] for row in pending["items"]] == ["开发二", "开发一"]
    lead.post(f"approvals/tasks/{task_of(first, company['lead']).pk}/approve", {})
    assert [row["instance"]["id"] for row in lead.get("approvals/inbox/done").json()["items"]] == [str(first.pk)]
    gm = _client(company["gm"])
    assert gm.get("approvals/inbox/counts").json() == {"pending": 0, "cc_unread": 1}
    gm.get(f"approvals/instances/{first.pk}")
    assert gm.get("approvals/inbox/counts").json() == {"pending": 0, "cc_unread": 0}
    mine = _client(company["dev1"]).get("approvals/inbox/submitted", q=first.serial_number).json()
    assert [row["instance"]["status"] for row in mine["items"]] == ["approved"]


def test_the_inbox_costs_the_same_queries_for_any_page(
    company: Company, make_template: Any, django_assert_max_num_queries: Any
) -> None:
    template = make_template([approver("n", members(company["lead"]))])
    for _ in range(25):
        submit(template, company["dev1"])
    client = _client(company["lead"])
    with django_assert_max_num_queries(6):
        assert len(client.get("approvals/inbox/pending", limit=25).json()["items"]) == 25


def test_only_people_involved_see_an_approval(company: Company, make_template: Any) -> None:
    instance = submit(make_template([approver("n", members(company["lead"]))]), company["dev1"])
    assert _client(company["dev2"]).get(f"approvals/instances/{instance.pk}").status_code == 404
    assert _client(company["lead"]).get(f"approvals/instances/{instance.pk}").status_code == 200
    assert _client(company["admin"]).get(f"approvals/instances/{instance.pk}").status_code == 200


def test_attachments_are_checked_and_private(company: Company, make_template: Any) -> None:
    client = _client(company["dev1"])
    refused = client.upload("approvals/attachments", "invoice.pdf", b"MZ\x90\x00 not a pdf")
    assert (refused.status_code, refused.json()["code"]) == (415, "unsupported_media_type")
    uploaded = client.upload("approvals/attachments", "发票.pdf", b"%PDF-1.7 ...")
    assert uploaded.status_code == 201
    attachment_id = uploaded.json()["id"]
    download = client.client.get(f"/api/v1/approvals/attachments/{attachment_id}")
    assert download.status_code == 200
    assert download["Content-Disposition"] == "attachment; filename*=utf-8''%E5%8F%91%E7%A5%A8.pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert _client(company["dev2"]).get(f"approvals/attachments/{attachment_id}").status_code == 404


@pytest.mark.parametrize("until", ["0.0", "1764000000", "2026-13-01"])
def test_dates_in_a_query_are_iso_text_not_timestamps(company: Company, until: str) -> None:
    response = _client(company["lead"]).get("approvals/inbox/cc", until=until)
    assert (response.status_code, response.json()["code"]) == (422, "validation_error")
    assert response.json()["errors"][0]["loc"] == ["query", "until"]


def test_an_upload_retried_with_its_idempotency_key_is_stored_once(company: Company) -> None:
    client = _client(company["dev1"])
    answers = [
        client.client.post(
            "/api/v1/approvals/attachments",
            {"file": SimpleUploadedFile("发票.pdf", b"%PDF-1.7 ...")},
            headers={"X-CSRFToken": client.csrf_token, "Idempotency-Key": "upload-7f3a"},
        )
        for _ in range(2)
    ]
    assert [answer.status_code for answer in answers] == [201, 201]
    assert answers[0].json() == answers[1].json()
    assert Attachment.objects.filter(uploaded_by=company["dev1"]).count() == 1


def test_a_nul_character_in_a_file_name_is_dropped_by_the_upload_parser(company: Company) -> None:
    uploaded = _client(company["dev1"]).upload("approvals/attachments", "in\x00voice.pdf", b"%PDF-1.7 ...")
    assert uploaded.status_code == 201, uploaded.content
    assert uploaded.json()["name"] == "invoice.pdf"


def test_delegations_are_listed_as_given_or_received_and_end_on_request(company: Company, make_template: Any) -> None:
    template = make_template([approver("n", members(company["lead"]))])
    lead, cto = _client(company["lead"]), _client(company["cto"])
    created = lead.post(
        "approvals/delegations",
        {
            "delegate_id": str(company["cto"].pk),
            "template_id": str(template.pk),
            "starts_at": (timezone.now() - timedelta(hours=1)).isoformat(),
            "ends_at": (timezone.now() + timedelta(days=7)).isoformat(),
        },
    )
    assert created.status_code == 201, created.content
    delegation = created.json()
    given = (delegation["given"], delegation["template_name"], delegation["delegate"]["name"])
    assert given == (True, "报销", "技术总监")
    received = cto.get("approvals/delegations").json()
    assert [(d["id"], d["given"], d["delegator"]["name"]) for d in received] == [(delegation["id"], False, "组长")]
    instance = submit(template, company["dev1"])
    assert task_of(instance, company["lead"]).delegate_id == company["cto"].pk
    ended = lead.request("DELETE", f"approvals/delegations/{delegation['id']}")
    assert ended.status_code == 200
    assert ended.json()["revoked_at"] is not None


def test_an_approval_costs_the_same_queries_however_many_approvers_share_the_step(
    company: Company, make_template: Any, django_assert_num_queries: Any
) -> None:
    """Closing an or-sign step cancels the others in one UPDATE, not one per approver."""
    many = [company[key] for key in ("lead", "cto", "fd", "acc", "dev2", "dev3")]
    next_step = approver("two", members(company["gm"]))
    one = make_template([approver("one", members(company["lead"])), next_step])
    shared = make_template([approver("one", members(*many), mode="any"), next_step])
    client = _client(company["lead"])
    for template in (one, shared):
        warm, measured = submit(template, company["dev1"]), submit(template, company["dev1"])
        client.post(f"approvals/tasks/{task_of(warm, company['lead']).pk}/approve", {})
        with django_assert_num_queries(23):
            answer = client.post(f"approvals/tasks/{task_of(measured, company['lead']).pk}/approve", {})
        assert answer.status_code == 200
        assert pending(measured) == ["总经理"]


FILE_FORM = {
    "fields": [
        {"id": "reason", "type": "text", "label": "事由", "required": True},
        {"id": "receipts", "type": "attachment", "label": "票据"},
    ]
}


def _upload(who: Any, name: str) -> str:
    answer = _client(who).upload("approvals/attachments", name, b"%PDF-1.7 ...")
    assert answer.status_code == 201, answer.content
    return str(answer.json()["id"])


def test_files_added_by_an_approver_or_on_resubmission_belong_to_the_approval(
    company: Company, make_template: Any
) -> None:
    editing = approver("n", members(company["lead"]), field_permissions={"receipts": "edit"})
    template = make_template([editing], form=FILE_FORM)
    instance = submit(template, company["dev1"], {"reason": "报销"})
    lead = _client(company["lead"])

    strangers_file = _upload(company["dev2"], "别人的.pdf")
    refused = lead.post(
        f"approvals/tasks/{task_of(instance, company['lead']).pk}/approve",
        {"form_changes": {"receipts": [strangers_file]}},
    )
    assert (refused.status_code, refused.json()["code"]) == (422, "unknown_reference")

    leads_file = _upload(company["lead"], "补充票据.pdf")
    lead.post(
        f"approvals/tasks/{task_of(instance, company['lead']).pk}/return",
        {"to": "submitter", "comment": "请补充"},
    )
    assert Attachment.objects.get(pk=leads_file).instance_id is None  # a return does not edit the form

    instance2 = submit(template, company["dev1"], {"reason": "报销"})
    approved = lead.post(
        f"approvals/tasks/{task_of(instance2, company['lead']).pk}/approve",
        {"form_changes": {"receipts": [leads_file]}},
    )
    assert approved.status_code == 200, approved.content
    submitter = _client(company["dev1"])
    assert submitter.client.get(f"/api/v1/approvals/attachments/{leads_file}").status_code == 200

    resubmitted_file = _upload(company["dev1"], "重新提交.pdf")
    corrected = {"reason": "已补充", "receipts": [resubmitted_file]}
    answer = submitter.post(f"approvals/instances/{instance.pk}/resubmit", {"form_data": corrected})
    assert answer.status_code == 200, answer.content
    assert _client(company["lead"]).client.get(f"/api/v1/approvals/attachments/{resubmitted_file}").status_code == 200


@pytest.mark.parametrize("required", [True, False])
def test_the_approver_knows_before_rejecting_whether_a_reason_is_required(
    company: Company, make_template: Any, required: bool
) -> None:
    template = make_template([approver("n", members(company["lead"]))], comment_required_on_reject=required)
    instance = submit(template, company["dev1"])
    actions = _client(company["lead"]).get(f"approvals/instances/{instance.pk}").json()["actions"]
    assert (actions["reject"], actions["reject_comment_required"]) == (True, required)
