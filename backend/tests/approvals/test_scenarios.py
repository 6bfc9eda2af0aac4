"""The approval engine's executable specification: one scenario per line of the reference catalogue."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from officium.approvals.models import Delegation, Instance, Task
from officium.approvals.services import instances as instance_services
from officium.approvals.services import tasks as task_services
from officium.approvals.services.common import NotPending
from officium.core.errors import DomainError, RateLimited
from officium.org import services as org

from .conftest import Company, approve, approver, members, pending, reject, status, submit, task_of, timeline

pytestmark = pytest.mark.django_db


# --- multi-approver modes -----------------------------------------------------------------------------
def test_sequential_two_steps(company: Company, make_template: Any) -> None:
    template = make_template([approver("n1", members(company["lead"])), approver("n2", members(company["cto"]))])
    instance = submit(template, company["dev1"])
    assert pending(instance) == ["组长"]
    approve(instance, company["lead"])
    assert pending(instance) == ["技术总监"]
    approve(instance, company["cto"])
    assert status(instance) == Instance.Status.APPROVED
    assert timeline(instance) == ["submitted", "approved", "approved", "finished"]


def test_sequential_mode_inside_one_node(company: Company, make_template: Any) -> None:
    node = approver("n1", members(company["lead"], company["cto"], company["gm"]), mode="sequential")
    instance = submit(make_template([node]), company["dev1"])
    assert pending(instance) == ["组长"]
    approve(instance, company["lead"])
    assert pending(instance) == ["技术总监"]
    approve(instance, company["cto"])
    approve(instance, company["gm"])
    assert status(instance) == Instance.Status.APPROVED


def test_countersign_needs_everyone(company: Company, make_template: Any) -> None:
    node = approver("n1", members(company["lead"], company["cto"]), mode="all")
    instance = submit(make_template([node]), company["dev1"])
    assert pending(instance) == ["技术总监", "组长"]
    approve(instance, company["lead"])
    assert status(instance) == Instance.Status.RUNNING
    approve(instance, company["cto"])
    assert status(instance) == Instance.Status.APPROVED


def test_countersign_rejects_when_any_approver_rejects(company: Company, make_template: Any) -> None:
    node = approver("n1", members(company["lead"], company["cto"]), mode="all")
    instance = submit(make_template([node]), company["dev1"])
    approve(instance, company["lead"])
    reject(instance, company["cto"], comment="预算不足")
    assert status(instance) == Instance.Status.REJECTED
    assert pending(instance) == []


def test_any_one_first_action_closes_the_node(company: Company, make_template: Any) -> None:
    node = approver("n1", members(company["lead"], company["cto"]), mode="any")
    instance = submit(make_template([node]), company["dev1"])
    cto_task = task_of(instance, company["cto"])
    approve(instance, company["lead"])
    assert status(instance) == Instance.Status.APPROVED
    cto_task.refresh_from_db()
    assert cto_task.status == Task.Status.CANCELLED
    with pytest.raises(NotPending) as late:
        task_services.task_approve(actor=company["cto"].user, task_id=cto_task.pk)
    assert late.value.extra["state"] == "cancelled"


def test_ratio_two_of_three(company: Company, make_template: Any) -> None:
    node = approver("n1", members(company["lead"], company["cto"], company["gm"]), mode="ratio", ratio=0.6)
    instance = submit(make_template([node]), company["dev1"])
    approve(instance, company["lead"])
    assert status(instance) == Instance.Status.RUNNING
    approve(instance, company["cto"])
    assert status(instance) == Instance.Status.APPROVED


def test_ratio_fails_once_the_ratio_is_out_of_reach(company: Company, make_template: Any) -> None:
    node = approver("n1", members(company["lead"], company["cto"], company["gm"]), mode="ratio", ratio=0.6)
    instance = submit(make_template([node]), company["dev1"])
    reject(instance, company["lead"])
    assert status(instance) == Instance.Status.REJECTED


def test_handler_completes_but_cannot_reject(company: Company, make_template: Any) -> None:
    node = {"id": "h", "type": "handler", "name": "出纳", "approvers": [members(company["acc"])]}
    instance = submit(make_template([node]), company["dev1"])
    with pytest.raises(DomainError) as refused:
        reject(instance, company["acc"])
    assert refused.value.code == "action_not_allowed"
    approve(instance, company["acc"])
    assert status(instance) == Instance.Status.APPROVED


# --- conditions and parallel groups ---------------------------------------------------------------------
def _amount_flow(company: Company) -> list[dict[str, Any]]:
    return [
        approver("lead", {"type": "supervisor", "level": 1}),
        {
            "id": "by_amount",
            "type": "condition",
            "branches": [
                {
                    "id": "big",
                    "name": "> 5000",
                    "condition": "amount > 5000.0",
                    "nodes": [approver("fd", members(company["fd"]))],
                },
                {"id": "other", "name": "其他", "default": True, "nodes": []},
            ],
        },
    ]


@pytest.mark.parametrize(("amount", "route"), [("6000", ["组长", "财务总监"]), ("800", ["组长"])])
def test_condition_on_amount_with_a_default_branch(
    company: Company, make_template: Any, amount: str, route: list[str]
) -> None:
    instance = submit(make_template(_amount_flow(company)), company["dev1"], {"reason": "x", "amount": amount})
    seen = []
    while status(instance) == Instance.Status.RUNNING:
        [who] = pending(instance)
        seen.append(who)
        approve(instance, next(p for p in company.people.values() if p.name == who))
    assert seen == route
    assert status(instance) == Instance.Status.APPROVED


def _parallel(company: Company, inner_condition: bool = False) -> list[dict[str, Any]]:
    finance_branch: list[dict[str, Any]] = [approver("fd", members(company["fd"]))]
    if inner_condition:
        finance_branch = [
            {
                "id": "inner",
                "type": "condition",
                "branches": [
                    {
                        "id": "travel",
                        "condition": "kind == 'travel'",
                        "nodes": [approver("acc", members(company["acc"]))],
                    },
                    {"id": "rest", "default": True, "nodes": [approver("fd", members(company["fd"]))]},
                ],
            }
        ]
    return [
        approver("first", members(company["lead"])),
        {
            "id": "par",
            "type": "parallel",
            "branches": [
                {"id": "tech", "nodes": [approver("cto", members(company["cto"]))]},
                {"id": "money", "nodes": finance_branch},
            ],
        },
        approver("last", members(company["gm"])),
    ]


def test_parallel_join_waits_for_every_branch(company: Company, make_template: Any) -> None:
    instance = submit(make_template(_parallel(company)), company["dev1"])
    approve(instance, company["lead"])
    assert pending(instance) == ["技术总监", "财务总监"]
    approve(instance, company["cto"])
    assert pending(instance) == ["财务总监"]
    approve(instance, company["fd"])
    assert pending(instance) == ["总经理"]
    approve(instance, company["gm"])
    assert status(instance) == Instance.Status.APPROVED


def test_nested_condition_inside_a_parallel_branch(company: Company, make_template: Any) -> None:
    instance = submit(make_template(_parallel(company, inner_condition=True)), company["dev1"])
    approve(instance, company["lead"])
    assert pending(instance) == ["会计", "技术总监"]


# --- approver sources -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("level", "expected"), [(1, ["组长"]), (2, ["技术总监"]), (3, ["总经理"])])
def test_supervisor_levels(company: Company, make_template: Any, level: int, expected: list[str]) -> None:
    instance = submit(make_template([approver("n", {"type": "supervisor", "level": level})]), company["dev1"])
    assert pending(instance) == expected


def test_a_supervisor_level_beyond_the_chain_follows_the_empty_rule(company: Company, make_template: Any) -> None:
    auto = make_template([approver("n", {"type": "supervisor", "level": 5})])
    assert status(submit(auto, company["dev1"])) == Instance.Status.APPROVED
    to_admin = make_template([approver("n", {"type": "supervisor", "level": 5}, on_empty={"action": "admin"})])
    assert pending(submit(to_admin, company["dev1"])) == ["流程管理员"]


def test_top_down_supervisor_counts_from_the_top(company: Company, make_template: Any) -> None:
    instance = submit(
        make_template([approver("n", {"type": "supervisor", "level": 1, "from": "top"})]), company["dev1"]
    )
    assert pending(instance) == ["总经理"]


def test_continuous_supervisors_up_to_a_level_and_up_to_a_role(company: Company, make_template: Any) -> None:
    by_level = make_template([approver("n", {"type": "continuous_supervisors", "up_to_level": 2}, mode="sequential")])
    instance = submit(by_level, company["dev1"])
    approve(instance, company["lead"])
    approve(instance, company["cto"])
    assert status(instance) == Instance.Status.APPROVED
    org.role_grant(actor=None, user=company["cto"].user, role_key="hr")
    by_role = make_template([approver("n", {"type": "continuous_supervisors", "up_to_role": "hr"}, mode="all")])
    assert pending(submit(by_role, company["dev1"])) == ["技术总监", "组长"]


def test_department_head_of_a_department_chosen_in_the_form(company: Company, make_template: Any) -> None:
    form = {"fields": [{"id": "dept", "type": "department", "label": "部门", "required": True}]}
    template = make_template([approver("n", {"type": "department_head", "department": "field:dept"})], form=form)
    instance = submit(template, company["dev1"], {"dept": [str(company.departments["fin"].pk)]})
    assert pending(instance) == ["财务总监"]


def test_role_and_position_sources(company: Company, make_template: Any) -> None:
    instance = submit(make_template([approver("n", {"type": "role", "role": "finance"}, mode="all")]), company["dev1"])
    assert pending(instance) == ["会计", "财务总监"]


def test_submitter_selected_approvers(company: Company, make_template: Any) -> None:
    template = make_template([approver("n", {"type": "submitter_selected", "required": True})])
    with pytest.raises(DomainError) as missing:
        submit(template, company["dev1"])
    assert missing.value.code == "chosen_required"
    instance = submit(template, company["dev1"], chosen={"n": [str(company["gm"].pk)]})
    assert pending(instance) == ["总经理"]


def test_detail_table_rows_name_their_own_approvers(company: Company, make_template: Any) -> None:
    form = {
        "fields": [
            {
                "id": "items",
                "type": "table",
                "label": "明细",
                "columns": [
                    {"id": "owner", "type": "person", "label": "成本中心负责人"},
                    {"id": "amount", "type": "money", "label": "金额"},
                ],
            }
        ]
    }
    template = make_template([approver("n", {"type": "form_field", "field": "items.owner"}, mode="all")], form=form)
    rows = [{"owner": [str(company["fd"].pk)], "amount": "10"}, {"owner": [str(company["cto"].pk)], "amount": "20"}]
    assert pending(submit(template, company["dev1"], {"items": rows})) == ["技术总监", "财务总监"]


def test_previous_approver_source(company: Company, make_template: Any) -> None:
    nodes = [
        approver("a", members(company["lead"], company["cto"]), mode="any"),
        approver("b", {"type": "previous_approver", "node": "a"}),
    ]
    instance = submit(make_template(nodes), company["dev1"])
    approve(instance, company["cto"])
    assert pending(instance) == ["技术总监"]


# --- exception rules --------------------------------------------------------------------------------------
def test_submitter_as_approver_skip_or_supervisor(company: Company, make_template: Any) -> None:
    skip = make_template([approver("n", members(company["lead"]), on_self="skip")])
    assert status(submit(skip, company["lead"])) == Instance.Status.APPROVED
    up = make_template([approver("n", members(company["lead"]), on_self="supervisor")])
    assert pending(submit(up, company["lead"])) == ["技术总监"]
    own = make_template([approver("n", members(company["lead"]))])
    assert pending(submit(own, company["lead"])) == ["组长"]


def test_a_resigned_approver_is_replaced_by_the_handover(company: Company, make_template: Any) -> None:
    template = make_template([approver("n", {"type": "supervisor", "level": 1})])
    org.employee_resign(actor=None, employee_id=company["lead"].pk, resigned_on=datetime.date(2026, 12, 1))
    assert pending(submit(template, company["dev1"])) == ["技术总监"]


def test_empty_approvers_auto_approve_and_show_it(company: Company, make_template: Any) -> None:
    instance = submit(make_template([approver("n", {"type": "role", "role": "hr"})]), company["dev1"])
    assert status(instance) == Instance.Status.APPROVED
    assert instance.timeline.get(type="auto_approved").data == {"reason": "empty"}


# --- deduplication ------------------------------------------------------------------------------------------
def test_dedup_any_earlier_auto_approves_a_repeat(company: Company, make_template: Any) -> None:
    nodes = [
        approver("a", members(company["lead"])),
        approver("b", members(company["cto"])),
        approver("c", members(company["lead"])),
    ]
    instance = submit(make_template(nodes, dedup="any_earlier"), company["dev1"])
    approve(instance, company["lead"])
    approve(instance, company["cto"])
    assert status(instance) == Instance.Status.APPROVED
    auto = Task.objects.get(instance=instance, node_run__node_id="c")
    assert (auto.status, auto.auto_reason) == (Task.Status.AUTO_APPROVED, "dedup")


def test_dedup_consecutive_only(company: Company, make_template: Any) -> None:
    nodes = [
        approver("a", members(company["lead"])),
        approver("b", members(company["cto"])),
        approver("c", members(company["lead"])),
        approver("d", members(company["lead"])),
    ]
    instance = submit(make_template(nodes, dedup="consecutive"), company["dev1"])
    approve(instance, company["lead"])
    approve(instance, company["cto"])
    assert pending(instance) == ["组长"]  # c: not consecutive to a
    approve(instance, company["lead"])
    assert status(instance) == Instance.Status.APPROVED  # d follows c: deduplicated


def test_dedup_never(company: Company, make_template: Any) -> None:
    nodes = [approver("a", members(company["lead"])), approver("b", members(company["lead"]))]
    instance = submit(make_template(nodes, dedup="none"), company["dev1"])
    approve(instance, company["lead"])
    assert pending(instance) == ["组长"]


def test_dedup_is_cancelled_by_a_field_edit(company: Company, make_template: Any) -> None:
    nodes = [
        approver("a", members(company["lead"])),
        approver("b", members(company["fd"]), field_permissions={"note": "edit"}),
        approver("c", members(company["lead"])),
    ]
    instance = submit(make_template(nodes, dedup="any_earlier"), company["dev1"])
    approve(instance, company["lead"])
    approve(instance, company["fd"], form_changes={"note": "已核对发票"})
    assert pending(instance) == ["组长"]


def test_dedup_is_cancelled_after_a_transfer_and_a_return(company: Company, make_template: Any) -> None:
    nodes = [
        approver("a", members(company["lead"])),
        approver("b", members(company["cto"])),
        approver("c", members(company["gm"])),
    ]
    instance = submit(make_template(nodes, dedup="any_earlier"), company["dev1"])
    task_services.task_transfer(
        actor=company["lead"].user, task_id=task_of(instance, company["lead"]).pk, to=company["gm"].pk
    )
    approve(instance, company["gm"])  # by transfer: does not count for dedup
    approve(instance, company["cto"])
    assert pending(instance) == ["总经理"]


# --- returns --------------------------------------------------------------------------------------------------
def test_return_to_the_previous_node(company: Company, make_template: Any) -> None:
    nodes = [approver("a", members(company["lead"])), approver("b", members(company["cto"]))]
    instance = submit(make_template(nodes), company["dev1"])
    approve(instance, company["lead"])
    task_services.task_return(actor=company["cto"].user, task_id=task_of(instance, company["cto"]).pk, to="a")
    assert pending(instance) == ["组长"]
    approve(instance, company["lead"])
    approve(instance, company["cto"])
    assert status(instance) == Instance.Status.APPROVED


def test_return_to_the_submitter_then_edit_and_resubmit_keeps_history(company: Company, make_template: Any) -> None:
    nodes = [approver("a", members(company["lead"])), approver("b", members(company["cto"]))]
    instance = submit(make_template(nodes), company["dev1"])
    approve(instance, company["lead"])
    task_services.task_return(actor=company["cto"].user, task_id=task_of(instance, company["cto"]).pk, to="submitter")
    assert status(instance) == Instance.Status.RETURNED
    instance_services.instance_resubmit(
        actor=company["dev1"].user, instance_id=instance.pk, form_data={"reason": "补发票", "amount": "1000"}
    )
    assert (status(instance), pending(instance)) == (Instance.Status.RUNNING, ["组长"])
    types = timeline(instance)
    assert types.index("returned") < types.index("returned_to_submitter") < types.index("resubmitted")
    assert instance.tasks.filter(status=Task.Status.APPROVED).count() == 1  # history kept


def test_return_to_a_node_before_a_parallel_group_restarts_the_group(company: Company, make_template: Any) -> None:
    instance = submit(make_template(_parallel(company)), company["dev1"])
    approve(instance, company["lead"])
    approve(instance, company["cto"])
    task_services.task_return(actor=company["fd"].user, task_id=task_of(instance, company["fd"]).pk, to="first")
    assert pending(instance) == ["组长"]
    approve(instance, company["lead"])
    assert pending(instance) == ["技术总监", "财务总监"]


def test_return_from_after_the_join_reopens_one_branch_only(company: Company, make_template: Any) -> None:
    instance = submit(make_template(_parallel(company)), company["dev1"])
    approve(instance, company["lead"])
    approve(instance, company["cto"])
    approve(instance, company["fd"])
    task_services.task_return(actor=company["gm"].user, task_id=task_of(instance, company["gm"]).pk, to="fd")
    assert pending(instance) == ["财务总监"]
    approve(instance, company["fd"])
    assert pending(instance) == ["总经理"]  # the tech branch kept its result
    approve(instance, company["gm"])
    assert status(instance) == Instance.Status.APPROVED


def test_return_from_inside_a_countersign_node(company: Company, make_template: Any) -> None:
    nodes = [approver("a", members(company["lead"])), approver("b", members(company["cto"], company["gm"]), mode="all")]
    instance = submit(make_template(nodes), company["dev1"])
    approve(instance, company["lead"])
    approve(instance, company["gm"])
    task_services.task_return(actor=company["cto"].user, task_id=task_of(instance, company["cto"]).pk, to="a")
    assert pending(instance) == ["组长"]
    approve(instance, company["lead"])
    assert pending(instance) == ["总经理", "技术总监"]  # the countersign runs again in full


def test_return_inside_a_branch_leaves_the_sibling_branch_running(company: Company, make_template: Any) -> None:
    nodes = [
        {
            "id": "par",
            "type": "parallel",
            "branches": [
                {
                    "id": "x",
                    "nodes": [approver("x1", members(company["lead"])), approver("x2", members(company["cto"]))],
                },
                {"id": "y", "nodes": [approver("y1", members(company["fd"]))]},
            ],
        }
    ]
    instance = submit(make_template(nodes), company["dev1"])
    approve(instance, company["lead"])
    task_services.task_return(actor=company["cto"].user, task_id=task_of(instance, company["cto"]).pk, to="x1")
    assert pending(instance) == ["组长", "财务总监"]


def test_return_targets_exclude_sibling_branches_and_later_nodes(company: Company, make_template: Any) -> None:
    instance = submit(make_template(_parallel(company)), company["dev1"])
    approve(instance, company["lead"])
    approve(instance, company["cto"])
    with pytest.raises(DomainError) as refused:
        task_services.task_return(actor=company["fd"].user, task_id=task_of(instance, company["fd"]).pk, to="cto")
    assert refused.value.code == "invalid_target"


# --- transfer, add-sign ---------------------------------------------------------------------------------------------
def test_transfer_hands_the_task_over(company: Company, make_template: Any) -> None:
    instance = submit(make_template([approver("a", members(company["lead"]))]), company["dev1"])
    new = task_services.task_transfer(
        actor=company["lead"].user, task_id=task_of(instance, company["lead"]).pk, to=company["cto"].pk
    )
    assert (new.origin, pending(instance)) == ("transfer", ["技术总监"])
    approve(instance, company["cto"])
    assert status(instance) == Instance.Status.APPROVED


@pytest.mark.parametrize(
    ("position", "mode", "after_add", "order"),
    [
        ("before", "sequential", ["开发二"], ["开发二", "开发三", "组长"]),
        ("before", "all", ["开发三", "开发二"], ["开发二", "开发三", "组长"]),
        ("before", "any", ["开发三", "开发二"], ["开发二", "组长"]),
        ("after", "all", ["开发三", "开发二"], ["开发二", "开发三"]),
        ("parallel", "any", ["开发三", "开发二", "组长"], ["组长", "开发三"]),
    ],
)
def test_add_sign_positions_and_modes(
    company: Company, make_template: Any, position: str, mode: str, after_add: list[str], order: list[str]
) -> None:
    instance = submit(make_template([approver("a", members(company["lead"]))]), company["dev1"])
    task_services.task_add_sign(
        actor=company["lead"].user,
        task_id=task_of(instance, company["lead"]).pk,
        employee_ids=[company["dev2"].pk, company["dev3"].pk],
        position=position,
        mode=mode,
    )
    assert pending(instance) == sorted(after_add)
    names = {p.name: p for p in company.people.values()}
    for who in order:
        assert status(instance) == Instance.Status.RUNNING
        approve(instance, names[who])
    assert status(instance) == Instance.Status.APPROVED


# --- withdraw, urge, CC ---------------------------------------------------------------------------------------
def test_withdraw_while_pending_and_refused_after_finish(company: Company, make_template: Any) -> None:
    template = make_template([approver("a", members(company["lead"]))])
    instance = submit(template, company["dev1"])
    instance_services.instance_withdraw(actor=company["dev1"].user, instance_id=instance.pk)
    assert (status(instance), pending(instance)) == (Instance.Status.WITHDRAWN, [])
    done = submit(template, company["dev1"])
    approve(done, company["lead"])
    with pytest.raises(DomainError) as refused:
        instance_services.instance_withdraw(actor=company["dev1"].user, instance_id=done.pk)
    assert refused.value.code == "instance_finished"


def test_revoke_after_approval_within_the_window(company: Company, make_template: Any) -> None:
    instance = submit(
        make_template([approver("a", members(company["lead"]))], withdraw_window_hours=24), company["dev1"]
    )
    approve(instance, company["lead"])
    instance_services.instance_withdraw(actor=company["dev1"].user, instance_id=instance.pk, reason="行程取消")
    assert status(instance) == Instance.Status.REVOKED


def test_urging_is_rate_limited(company: Company, make_template: Any) -> None:
    instance = submit(make_template([approver("a", members(company["lead"]))]), company["dev1"])
    urged = instance_services.instance_urge(actor=company["dev1"].user, instance_id=instance.pk)
    assert [p.name for p in urged] == ["组长"]
    with pytest.raises(RateLimited) as again:
        instance_services.instance_urge(actor=company["dev1"].user, instance_id=instance.pk)
    assert again.value.code == "urge_too_soon"


def test_cc_node_and_ad_hoc_cc(company: Company, make_template: Any) -> None:
    nodes = [
        approver("a", members(company["lead"])),
        {"id": "cc", "type": "cc", "recipients": [members(company["acc"])]},
    ]
    instance = submit(make_template(nodes), company["dev1"])
    instance_services.instance_copy(
        actor=company["dev1"].user, instance_id=instance.pk, employee_ids=[company["gm"].pk]
    )
    approve(instance, company["lead"])
    copies = sorted(Task.objects.filter(instance=instance, kind=Task.Kind.CC).values_list("assignee__name", flat=True))
    assert copies == ["会计", "总经理"]
    assert status(instance) == Instance.Status.APPROVED


# --- delegation ---------------------------------------------------------------------------------------------------
def _delegate(who: Any, to: Any, days: int = 7) -> Delegation:
    now = timezone.now()
    return Delegation.objects.create(
        delegator=who,
        delegate=to,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=days),
    )


def test_delegation_lets_the_delegate_act_and_records_it(company: Company, make_template: Any) -> None:
    _delegate(company["lead"], company["cto"])
    instance = submit(make_template([approver("a", members(company["lead"]))]), company["dev1"])
    task = Task.objects.get(instance=instance, assignee=company["lead"])
    assert task.delegate == company["cto"]
    task_services.task_approve(actor=company["cto"].user, task_id=task.pk)
    event = instance.timeline.get(type="approved")
    assert (event.actor, event.on_behalf_of) == (company["cto"], company["lead"])


def test_delegation_chains_resolve_and_cycles_stop(company: Company, make_template: Any) -> None:
    _delegate(company["lead"], company["cto"])
    _delegate(company["cto"], company["gm"])
    instance = submit(make_template([approver("a", members(company["lead"]))]), company["dev1"])
    assert Task.objects.get(instance=instance).delegate == company["gm"]
    _delegate(company["gm"], company["lead"])
    again = submit(make_template([approver("a", members(company["lead"]))]), company["dev1"])
    assert Task.objects.get(instance=again).delegate == company["gm"]


def test_an_expired_delegation_no_longer_applies(company: Company, make_template: Any) -> None:
    now = timezone.now()
    Delegation.objects.create(
        delegator=company["lead"],
        delegate=company["cto"],
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now - datetime.timedelta(days=1),
    )
    instance = submit(make_template([approver("a", members(company["lead"]))]), company["dev1"])
    assert Task.objects.get(instance=instance).delegate is None


# --- field permissions, edits, versions, preview ---------------------------------------------------------
def test_approvers_edit_only_what_their_node_allows_and_the_history_is_kept(
    company: Company, make_template: Any
) -> None:
    nodes = [approver("fd", members(company["fd"]), field_permissions={"note": "edit"})]
    instance = submit(make_template(nodes), company["dev1"])
    with pytest.raises(DomainError) as refused:
        approve(instance, company["fd"], form_changes={"amount": "1"})
    assert refused.value.code == "invalid_form"
    assert refused.value.extra["errors"][0]["code"] == "read_only_field"
    approve(instance, company["fd"], form_changes={"note": "发票齐全"})
    instance.refresh_from_db()
    assert (instance.form_data["note"], instance.form_data["amount"], instance.form_revision) == (
        "发票齐全",
        "1200.00",
        1,
    )
    assert instance.timeline.get(type="form_edited").data == {"changes": {"note": [None, "发票齐全"]}}


def test_a_republished_template_leaves_running_instances_on_their_version(company: Company, make_template: Any) -> None:
    from officium.approvals.services import templates

    template = make_template([approver("a", members(company["lead"]))])
    running = submit(template, company["dev1"])
    templates.template_update(
        actor=None, template_id=template.pk, flow={"nodes": [approver("a", members(company["gm"]))]}
    )
    templates.template_publish(actor=None, template_id=template.pk)
    template.refresh_from_db()
    assert pending(running) == ["组长"]
    assert pending(submit(template, company["dev1"])) == ["总经理"]
    assert (running.version.number, template.published.number) == (1, 2)


def test_the_route_preview_equals_the_route_taken(company: Company, make_template: Any) -> None:
    template = make_template([*_amount_flow(company), approver("gm", members(company["gm"]))])
    data = {"reason": "设备", "amount": "9000"}
    preview = instance_services.route_preview(actor=company["dev1"].user, template_id=template.pk, form_data=data)
    assert [(s["node_id"], [a["name"] for a in s["approvers"]]) for s in preview] == [
        ("lead", ["组长"]),
        ("fd", ["财务总监"]),
        ("gm", ["总经理"]),
    ]
    assert Instance.objects.count() == 0  # nothing was kept
    instance = submit(template, company["dev1"], data)
    taken = []
    while status(instance) == Instance.Status.RUNNING:
        task = (
            Task.objects.filter(instance=instance, status=Task.Status.PENDING)
            .select_related("node_run", "assignee")
            .get()
        )
        taken.append((task.node_run.node_id, [task.assignee.name]))
        task_services.task_approve(actor=task.assignee.user, task_id=task.pk)
    assert taken == [(s["node_id"], [a["name"] for a in s["approvers"]]) for s in preview]


def test_an_action_on_a_finished_task_answers_409_with_the_state(company: Company, make_template: Any) -> None:
    instance = submit(make_template([approver("a", members(company["lead"]))]), company["dev1"])
    task = task_of(instance, company["lead"])
    approve(instance, company["lead"])
    with pytest.raises(NotPending) as late:
        task_services.task_reject(actor=company["lead"].user, task_id=task.pk)
    assert late.value.extra == {"state": "approved", "instance_status": "approved"}


def test_someone_elses_task_does_not_exist_for_me(company: Company, make_template: Any) -> None:
    instance = submit(make_template([approver("a", members(company["lead"]))]), company["dev1"])
    with pytest.raises(DomainError) as hidden:
        task_services.task_approve(actor=company["dev2"].user, task_id=task_of(instance, company["lead"]).pk)
    assert (hidden.value.status, hidden.value.code) == (404, "task_not_found")
