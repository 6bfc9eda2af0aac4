"""Reporting lines (汇报上级): explicit, by department heads, N levels up, never in a loop."""

from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from officium.core.errors import DomainError
from officium.org import selectors
from officium.org import services as org
from officium.org.models import Department, Employee
from officium.org.services.reporting import SupervisorCycle
from officium.org.supervisors import TreeSnapshot, chain, find_cycle, head_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(make_employee: Any) -> dict[str, Any]:
    """HQ (head ceo) ─ RD (head cto) ─ FE (no head) ; RD has a second member dev."""
    hq = org.department_create(actor=None, name="HQ")
    rd = org.department_create(actor=None, name="RD", parent_id=hq.pk)
    fe = org.department_create(actor=None, name="FE", parent_id=rd.pk)
    people = {
        "ceo": make_employee("CEO", hq),
        "cto": make_employee("CTO", rd),
        "dev": make_employee("Dev", rd),
        "coder": make_employee("Fe", fe),
    }
    org.department_set_heads(actor=None, department_id=hq.pk, employee_ids=[people["ceo"].pk])
    org.department_set_heads(actor=None, department_id=rd.pk, employee_ids=[people["cto"].pk])
    return {"hq": hq, "rd": rd, "fe": fe, **people}


def _supervisor(employee: Employee) -> str | None:
    employee.refresh_from_db()
    return employee.effective_supervisor.name if employee.effective_supervisor else None


def test_members_report_to_their_head_and_heads_to_the_parent_head(company: dict[str, Any]) -> None:
    assert _supervisor(company["dev"]) == "CTO"
    assert _supervisor(company["cto"]) == "CEO"
    assert _supervisor(company["ceo"]) is None
    # FE has no head: its people report to the nearest ancestor's head.
    assert _supervisor(company["coder"]) == "CTO"


def test_an_explicit_supervisor_wins_and_falls_back_when_they_leave(company: dict[str, Any]) -> None:
    org.employee_update(actor=None, employee_id=company["coder"].pk, supervisor_id=company["dev"].pk)
    assert _supervisor(company["coder"]) == "Dev"
    org.employee_resign(actor=None, employee_id=company["dev"].pk, resigned_on=datetime.date(2026, 11, 30))
    # Dev's report was handed to Dev's supervisor (CTO) as an explicit line.
    company["coder"].refresh_from_db()
    assert company["coder"].supervisor_id == company["cto"].pk
    assert _supervisor(company["coder"]) == "CTO"


def test_the_nth_supervisor_chain_is_one_query(company: dict[str, Any], django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        names = [person.name for person in selectors.supervisors(company["coder"], 5)]
    assert names == ["CTO", "CEO"]
    assert [p.name for p in selectors.supervisors(company["coder"], 1)] == ["CTO"]
    assert selectors.supervisors(company["coder"], 0) == []


def test_moving_a_person_rederives_their_line(company: dict[str, Any]) -> None:
    org.employee_update(actor=None, employee_id=company["dev"].pk, department_id=company["hq"].pk)
    assert _supervisor(company["dev"]) == "CEO"


def test_moving_a_department_rederives_the_lines_below_it(company: dict[str, Any], make_employee: Any) -> None:
    ops = org.department_create(actor=None, name="OPS", parent_id=company["hq"].pk)
    coo = make_employee("COO", ops)
    org.department_set_heads(actor=None, department_id=ops.pk, employee_ids=[coo.pk])
    org.department_move(actor=None, department_id=company["fe"].pk, parent_id=ops.pk)
    assert _supervisor(company["coder"]) == "COO"


def test_a_reporting_loop_is_refused_and_nothing_changes(company: dict[str, Any]) -> None:
    with pytest.raises(SupervisorCycle) as refused:
        org.employee_update(actor=None, employee_id=company["ceo"].pk, supervisor_id=company["dev"].pk)
    assert refused.value.code == "supervisor_cycle"
    assert str(refused.value) in ("CEO → Dev → CTO → CEO", "Dev → CTO → CEO → Dev", "CTO → CEO → Dev → CTO")
    company["ceo"].refresh_from_db()
    assert company["ceo"].supervisor_id is None
    assert _supervisor(company["ceo"]) is None


def test_nobody_reports_to_themselves(company: dict[str, Any]) -> None:
    with pytest.raises(DomainError) as refused:
        org.employee_update(actor=None, employee_id=company["dev"].pk, supervisor_id=company["dev"].pk)
    assert getattr(refused.value, "code", "") == "invalid_supervisor"


def test_co_heads_do_not_report_to_each_other(company: dict[str, Any], make_employee: Any) -> None:
    deputy = make_employee("Deputy", company["rd"])
    org.department_set_heads(actor=None, department_id=company["rd"].pk, employee_ids=[company["cto"].pk, deputy.pk])
    assert _supervisor(deputy) == "CEO"
    assert _supervisor(company["cto"]) == "CEO"
    assert _supervisor(company["dev"]) == "CTO"


# --- the rules on generated org trees -------------------------------------------------------------
def reference_supervisor(
    person: int,
    home: dict[int, int],
    parent: dict[int, int | None],
    heads: dict[int, list[int]],
    explicit: dict[int, int],
) -> int | None:
    """The rule as the issue states it, written independently of the implementation."""
    if person in explicit:
        return explicit[person]
    department: int | None = home[person]
    while department is not None:
        if heads.get(department) and person not in heads[department]:
            return heads[department][0]
        department = parent[department]
    return None


@st.composite
def org_trees(draw: Any) -> dict[str, Any]:
    size = draw(st.integers(min_value=1, max_value=25))
    parent: dict[int, int | None] = {0: None}
    for department in range(1, size):
        parent[department] = draw(st.integers(min_value=0, max_value=department - 1))
    people = draw(st.integers(min_value=1, max_value=40))
    home = {person: draw(st.integers(min_value=0, max_value=size - 1)) for person in range(people)}
    heads: dict[int, list[int]] = {}
    for department in range(size):
        members = [p for p, d in home.items() if d == department]
        if members and draw(st.booleans()):
            heads[department] = draw(st.lists(st.sampled_from(members), min_size=1, max_size=2, unique=True))
    explicit: dict[int, int] = {}
    return {"parent": parent, "home": home, "heads": heads, "explicit": explicit, "levels": draw(st.integers(1, 8))}


def _ids(n: int) -> list[UUID]:
    return [UUID(int=i + 1) for i in range(n)]


@given(org_trees())
@settings(max_examples=200, deadline=None)
def test_rules_match_the_reference_walk_on_random_trees(tree: dict[str, Any]) -> None:
    department_ids = _ids(len(tree["parent"]))
    person_ids = [UUID(int=10_000 + p) for p in range(len(tree["home"]))]
    snapshot = TreeSnapshot(
        parent_of={
            department_ids[d]: (department_ids[p] if p is not None else None) for d, p in tree["parent"].items()
        },
        heads_of={department_ids[d]: [person_ids[p] for p in hs] for d, hs in tree["heads"].items()},
    )
    links: dict[UUID, UUID | None] = {}
    for person, department in tree["home"].items():
        expected = reference_supervisor(person, tree["home"], tree["parent"], tree["heads"], tree["explicit"])
        actual = head_for(person_ids[person], department_ids[department], snapshot)
        assert actual == (person_ids[expected] if expected is not None else None)
        links[person_ids[person]] = actual
    # Defaults alone can never form a loop, and every chain ends.
    assert find_cycle(links, links) is None
    for person in links:
        assert len(chain(links, person, tree["levels"])) <= tree["levels"]


@given(org_trees())
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
def test_the_stored_chain_matches_the_reference_on_random_trees(tree: dict[str, Any]) -> None:
    # Each example builds its company inside a savepoint that is rolled back afterwards.
    with transaction.atomic():
        _check_stored_chains(tree)
        transaction.set_rollback(True)


def _check_stored_chains(tree: dict[str, Any]) -> None:
    departments: list[Department] = []
    for index, parent in tree["parent"].items():
        departments.append(
            org.department_create(
                actor=None, name=f"D{index}", parent_id=departments[parent].pk if parent is not None else None
            )
        )
    people = [
        org.employee_create(
            actor=None, employee_number=f"H{person}", name=f"P{person}", department_id=departments[home].pk
        )
        for person, home in tree["home"].items()
    ]
    for index, heads in tree["heads"].items():
        org.department_set_heads(
            actor=None, department_id=departments[index].pk, employee_ids=[people[h].pk for h in heads]
        )
    for person, employee in enumerate(people):
        expected: list[int] = []
        current: int | None = person
        while len(expected) < tree["levels"]:
            current = reference_supervisor(current, tree["home"], tree["parent"], tree["heads"], {})  # type: ignore[arg-type]
            if current is None or current in expected or current == person:
                break
            expected.append(current)
        assert [p.name for p in selectors.supervisors(employee, tree["levels"])] == [f"P{p}" for p in expected]
