"""The department tree: paths, moves of whole subtrees, heads, dissolution, deletion."""

from __future__ import annotations

from typing import Any

import pytest

from officium.core.errors import DomainError
from officium.core.models import AuditEvent
from officium.org import selectors
from officium.org import services as org
from officium.org.models import Department, Employee
from officium.org.services.departments import DepartmentCycle

pytestmark = pytest.mark.django_db


def _tree() -> dict[str, Department]:
    """HQ ─ A ─ A1 ─ A1x ; HQ ─ B"""
    hq = org.department_create(actor=None, name="HQ")
    a = org.department_create(actor=None, name="A", parent_id=hq.pk)
    a1 = org.department_create(actor=None, name="A1", parent_id=a.pk)
    a1x = org.department_create(actor=None, name="A1x", parent_id=a1.pk)
    b = org.department_create(actor=None, name="B", parent_id=hq.pk)
    return {"hq": hq, "a": a, "a1": a1, "a1x": a1x, "b": b}


def _fresh(tree: dict[str, Department]) -> dict[str, Department]:
    return {key: Department.objects.get(pk=value.pk) for key, value in tree.items()}


def test_paths_and_depths_follow_the_tree() -> None:
    tree = _tree()
    assert [tree[k].depth for k in ("hq", "a", "a1", "a1x", "b")] == [0, 1, 2, 3, 1]
    assert tree["a1x"].path == f"/{tree['hq'].pk.hex}/{tree['a'].pk.hex}/{tree['a1'].pk.hex}/{tree['a1x'].pk.hex}/"
    assert [d.name for d in selectors.ancestors(tree["a1x"])] == ["HQ", "A", "A1"]
    assert sorted(d.name for d in selectors.descendants(tree["a"])) == ["A1", "A1x"]
    assert [d.order for d in (tree["a"], tree["b"])] == [0, 1]


def test_ancestors_cost_one_query_at_any_depth(django_assert_num_queries: Any) -> None:
    tree = _tree()
    with django_assert_num_queries(1):
        assert len(selectors.ancestors(tree["a1x"])) == 3


def test_moving_a_department_moves_its_whole_subtree() -> None:
    tree = _tree()
    org.department_move(actor=None, department_id=tree["a1"].pk, parent_id=tree["b"].pk)
    tree = _fresh(tree)
    assert tree["a1"].parent_id == tree["b"].pk
    assert (tree["a1"].depth, tree["a1x"].depth) == (2, 3)
    assert tree["a1x"].path == f"{tree['b'].path}{tree['a1'].pk.hex}/{tree['a1x'].pk.hex}/"
    assert [d.name for d in selectors.ancestors(tree["a1x"])] == ["HQ", "B", "A1"]
    assert list(selectors.descendants(tree["a"])) == []
    row = AuditEvent.objects.get(action="org.department.moved")
    assert row.changes == {"parent": [str(tree["a"].pk), str(tree["b"].pk)]}


def test_moving_to_the_top_and_to_a_position_among_siblings() -> None:
    tree = _tree()
    c = org.department_create(actor=None, name="C", parent_id=tree["hq"].pk)
    org.department_move(actor=None, department_id=c.pk, parent_id=tree["hq"].pk, position=0)
    names = list(Department.objects.filter(parent=tree["hq"]).order_by("order").values_list("name", flat=True))
    assert names == ["C", "A", "B"]
    org.department_move(actor=None, department_id=tree["a1"].pk, parent_id=None)
    a1x = Department.objects.get(pk=tree["a1x"].pk)
    assert (a1x.depth, a1x.path) == (1, f"/{tree['a1'].pk.hex}/{tree['a1x'].pk.hex}/")


@pytest.mark.parametrize("target", ["a", "a1", "a1x"])
def test_a_department_cannot_move_under_itself_or_its_descendants(target: str) -> None:
    tree = _tree()
    with pytest.raises(DepartmentCycle) as refused:
        org.department_move(actor=None, department_id=tree["a"].pk, parent_id=tree[target].pk)
    assert refused.value.code == "department_cycle"
    assert _fresh(tree)["a"].parent_id == tree["hq"].pk


def test_the_nearest_head_comes_from_the_closest_ancestor_in_one_query(
    make_employee: Any, django_assert_num_queries: Any
) -> None:
    tree = _tree()
    boss = make_employee("总经理", tree["hq"])
    lead = make_employee("组长", tree["a1"])
    org.department_set_heads(actor=None, department_id=tree["hq"].pk, employee_ids=[boss.pk])
    with django_assert_num_queries(1):
        assert selectors.department_head(tree["a1x"]) == boss
    org.department_set_heads(actor=None, department_id=tree["a1"].pk, employee_ids=[lead.pk])
    assert selectors.department_head(tree["a1x"]) == lead
    assert selectors.department_head(tree["b"]) == boss


def test_subtree_members_include_every_level_and_optionally_part_timers(make_employee: Any) -> None:
    tree = _tree()
    make_employee("甲", tree["a"])
    make_employee("乙", tree["a1x"])
    part_timer = make_employee("丙", tree["b"], secondary_department_ids=[tree["a1"].pk])
    assert sorted(e.name for e in selectors.subtree_members(tree["a"])) == ["乙", "甲"]
    members = sorted(e.name for e in selectors.subtree_members(tree["a"], include_secondary=True))
    assert members == ["丙", "乙", "甲"]
    assert part_timer.secondary_departments.get() == tree["a1"]


def test_dissolving_moves_the_people_and_refuses_while_sub_departments_remain(make_employee: Any) -> None:
    tree = _tree()
    with pytest.raises(DomainError) as refused:
        org.department_dissolve(actor=None, department_id=tree["a1"].pk, move_members_to=tree["b"].pk)
    assert getattr(refused.value, "code", "") == "department_has_children"
    person = make_employee("丁", tree["a1x"])
    org.department_dissolve(actor=None, department_id=tree["a1x"].pk, move_members_to=tree["b"].pk)
    person.refresh_from_db()
    assert person.main_department_id == tree["b"].pk
    dissolved = Department.objects.get(pk=tree["a1x"].pk)
    assert dissolved.status == Department.Status.DISSOLVED
    assert tree["a1x"] not in selectors.active_departments()


def test_deleting_is_refused_while_people_or_sub_departments_belong_to_it(make_employee: Any) -> None:
    tree = _tree()
    make_employee("戊", tree["b"])
    for key, code in (("b", "department_not_empty"), ("a", "department_has_children")):
        with pytest.raises(DomainError) as refused:
            org.department_delete(actor=None, department_id=tree[key].pk)
        assert getattr(refused.value, "code", "") == code
    org.department_delete(actor=None, department_id=tree["a1x"].pk)
    assert not Department.objects.filter(pk=tree["a1x"].pk).exists()


def test_codes_are_unique_and_names_are_required() -> None:
    org.department_create(actor=None, name="财务部", code="FIN")
    with pytest.raises(DomainError) as taken:
        org.department_create(actor=None, name="财务二部", code="FIN")
    assert getattr(taken.value, "code", "") == "department_code_taken"
    with pytest.raises(DomainError) as blank:
        org.department_create(actor=None, name="   ")
    assert getattr(blank.value, "code", "") == "invalid_department_name"


def test_heads_must_be_active_employees_and_are_kept_in_order(make_employee: Any) -> None:
    tree = _tree()
    first, second = make_employee("一", tree["a"]), make_employee("二", tree["a"])
    org.department_set_heads(actor=None, department_id=tree["a"].pk, employee_ids=[second.pk, first.pk])
    heads = selectors.heads_by_department([tree["a"].pk])[tree["a"].pk]
    assert heads == [second, first]
    Employee.objects.filter(pk=first.pk).update(status=Employee.Status.RESIGNED)
    with pytest.raises(DomainError) as refused:
        org.department_set_heads(actor=None, department_id=tree["a"].pk, employee_ids=[first.pk])
    assert getattr(refused.value, "code", "") == "employee_not_found"
