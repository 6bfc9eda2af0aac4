"""The one mention service: picked ids and typed @names become active employees, each once."""

from __future__ import annotations

import datetime

import pytest

from officium.org import mentions
from officium.org import services as org

from ..approvals.conftest import Company

pytestmark = pytest.mark.django_db


def test_typed_names_need_no_space_after_them_and_the_longest_name_wins(company: Company) -> None:
    found = mentions.mentioned(text="请@开发一看一下，@财务总监审核。@无此人 @", ids=[])
    assert [p.name for p in found] == ["开发一", "财务总监"]


def test_picked_ids_come_first_and_nobody_is_mentioned_twice(company: Company) -> None:
    found = mentions.mentioned(text="@开发一 @组长", ids=[company["gm"].pk, company["dev1"].pk, company["gm"].pk])
    assert [p.name for p in found] == ["总经理", "开发一", "组长"]


def test_people_who_left_and_names_two_people_share_are_not_mentioned(company: Company) -> None:
    org.employee_create(actor=None, employee_number="B001", name="开发二", department_id=company.departments["fe"].pk)
    org.employee_resign(actor=None, employee_id=company["dev3"].pk, resigned_on=datetime.date(2026, 1, 5))
    found = mentions.mentioned(text="@开发二 @开发三", ids=[company["dev3"].pk])
    assert found == []
