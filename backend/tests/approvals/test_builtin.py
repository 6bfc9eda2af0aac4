"""The built-in templates: each publishes, accepts a real form and takes the route its description promises."""

from __future__ import annotations

from typing import Any

import pytest

from officium.approvals import builtin
from officium.approvals.models import Instance, Task, Template
from officium.approvals.services import attachments, builtins
from officium.approvals.services import instances as instance_services
from officium.approvals.services import templates as template_services
from officium.core.errors import ValidationFailed
from officium.org import services as org
from officium.org.models import Role

from .conftest import Company, approve, pending, reject, status, submit

pytestmark = pytest.mark.django_db

UPLOAD = "{attachment}"

SAMPLES: dict[str, dict[str, Any]] = {
    "leave": {"leave_type": "personal", "period": {"start": "2026-12-01", "end": "2026-12-02"}, "reason": "回家"},
    "overtime": {
        "period": {"start": "2026-12-05T09:00:00+08:00", "end": "2026-12-05T13:30:00+08:00"},
        "compensation": "time_off",
        "reason": "上线",
    },
    "business_trip": {
        "destination": "上海",
        "period": {"start": "2026-12-07", "end": "2026-12-09"},
        "transport": "train",
        "budget": "3000",
        "reason": "客户拜访",
    },
    "outing": {
        "place": {"address": "北京市海淀区", "lat": 39.98, "lng": 116.31},
        "period": {"start": "2026-12-03T14:00:00+08:00", "end": "2026-12-03T17:00:00+08:00"},
        "reason": "现场支持",
    },
    "make_up_punch": {"punch_at": "2026-12-01T09:02:00+08:00", "punch_kind": "in", "reason": "忘记打卡"},
    "expense": {
        "reason": "出差报销",
        "items": [
            {"category": "travel", "spent_on": "2026-11-20", "amount": "800.00"},
            {"category": "meal", "spent_on": "2026-11-21", "amount": "400.50"},
        ],
    },
    "purchase": {"reason": "新员工入职", "items": [{"name": "显示器", "quantity": 2, "unit_price": "1299.00"}]},
    "seal": {"seal_kind": "contract", "document": "采购合同", "copies": 2, "files": UPLOAD, "reason": "签约"},
    "contract": {"title": "年度服务合同", "counterparty": "某某科技", "amount": "20000", "files": UPLOAD},
    "general": {"title": "申请参加技术大会", "details": "12 月 10 日在杭州。"},
}


@pytest.fixture
def installed(company: Company) -> dict[str, Template]:
    builtins.install(actor=None, publish=True, admin_ids=[company["admin"].user_id])
    org.role_grant(actor=None, user=company["fd"].user, role_key=builtin.FINANCE_DIRECTOR)
    org.role_grant(actor=None, user=company["gm"].user, role_key=builtin.GENERAL_MANAGER)
    return {template.builtin_key: template for template in Template.objects.exclude(builtin_key="")}


def _attachment(company: Company) -> str:
    uploaded = attachments.attachment_upload(actor=company["dev1"].user, name="合同.pdf", content=b"%PDF-1.7 sample")
    return str(uploaded.pk)


def test_every_built_in_template_is_installed_once_and_published(company: Company) -> None:
    created = builtins.install(actor=None, publish=True)
    assert [t.builtin_key for t in created] == [b.key for b in builtin.BUILTIN_TEMPLATES]
    assert [t.name for t in created] == [
        "请假",
        "加班",
        "出差",
        "外出",
        "补卡",
        "费用报销",
        "采购申请",
        "用印申请",
        "合同审批",
        "通用审批",
    ]
    assert all(t.published_id is not None for t in Template.objects.all())
    assert builtins.install(actor=None, publish=True) == []
    assert Template.objects.count() == 10
    roles = Role.objects.filter(key__in=builtin.APPROVAL_ROLES).order_by("key")
    assert [(r.key, r.name, r.permission_codes) for r in roles] == [
        ("finance_director", "财务总监", []),
        ("general_manager", "总经理", []),
    ]


def test_a_company_can_take_them_as_drafts_to_edit_first(company: Company) -> None:
    builtins.install(actor=None, publish=False)
    template = Template.objects.get(builtin_key="expense")
    assert template.published_id is None
    assert template_services.validate_draft(template.draft) == []


@pytest.mark.parametrize("key", list(SAMPLES))
def test_each_accepts_a_filled_form_and_goes_to_the_supervisor_first(
    company: Company, installed: dict[str, Template], key: str
) -> None:
    data = {name: ([_attachment(company)] if value == UPLOAD else value) for name, value in SAMPLES[key].items()}
    instance = submit(installed[key], company["dev1"], data)
    assert instance.status == Instance.Status.RUNNING
    assert pending(instance) == ["组长"]


@pytest.mark.parametrize(
    ("amounts", "route"),
    [
        (["800.00", "400.50"], ["直属上级"]),
        (["4000.00", "1000.01"], ["直属上级", "财务总监"]),
        (["50000.00", "0.01"], ["直属上级", "财务总监", "总经理"]),
    ],
)
def test_expense_thresholds_add_the_finance_director_and_the_general_manager(
    company: Company, installed: dict[str, Template], amounts: list[str], route: list[str]
) -> None:
    data = {
        "reason": "报销",
        "items": [{"category": "travel", "spent_on": "2026-11-20", "amount": amount} for amount in amounts],
    }
    steps = instance_services.route_preview(
        actor=company["dev1"].user, template_id=installed["expense"].pk, form_data=data
    )
    assert [step["name"] for step in steps] == route


def test_an_expense_rejected_by_the_finance_director_goes_back_to_the_submitter(
    company: Company, installed: dict[str, Template]
) -> None:
    data = {
        "reason": "客户招待",
        "items": [
            {"category": "meal", "spent_on": "2026-11-20", "amount": "3000.00"},
            {"category": "travel", "spent_on": "2026-11-21", "amount": "2600.00"},
        ],
    }
    instance = submit(installed["expense"], company["dev1"], data)
    assert instance.form_data["total"] == "5600.00"
    assert instance.form_data["items__totals"] == {"amount": "5600.00"}
    assert instance.form_data["serial"].startswith("BX")
    approve(instance, company["lead"])
    assert pending(instance) == ["财务总监"]
    reject(instance, company["fd"], comment="餐费超标")
    assert status(instance) == Instance.Status.RETURNED
    data["items"][0]["amount"] = "2000.00"
    instance_services.instance_resubmit(actor=company["dev1"].user, instance_id=instance.pk, form_data=data)
    assert pending(instance) == ["组长"]
    approve(instance, company["lead"])
    assert pending(instance) == []  # 4,600.00 no longer needs the finance director
    assert status(instance) == Instance.Status.APPROVED
    copied = Task.objects.filter(instance=instance, kind=Task.Kind.CC).values_list("assignee__name", flat=True)
    assert sorted(copied) == ["会计", "财务总监"]


def test_sick_leave_needs_a_certificate_and_long_leave_a_second_level(
    company: Company, installed: dict[str, Template]
) -> None:
    sick = {"leave_type": "sick", "period": {"start": "2026-12-01", "end": "2026-12-01"}, "reason": "发烧"}
    with pytest.raises(ValidationFailed) as refused:
        submit(installed["leave"], company["dev1"], sick)
    assert [p["pointer"] for p in refused.value.extra["errors"]] == ["/certificate"]
    long_leave = {"leave_type": "personal", "period": {"start": "2026-12-01", "end": "2026-12-04"}, "reason": "旅行"}
    steps = instance_services.route_preview(
        actor=company["dev1"].user, template_id=installed["leave"].pk, form_data=long_leave
    )
    assert [(s["name"], [a["name"] for a in s["approvers"]]) for s in steps] == [
        ("直属上级", ["组长"]),
        ("二级上级", ["技术总监"]),
    ]
