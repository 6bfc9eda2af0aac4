"""Data scopes (数据权限) decide whose records a permission reaches; contacts are for everyone."""

from __future__ import annotations

from typing import Any

import pytest

from officium.org import selectors
from officium.org import services as org
from officium.org.models import RoleGrant
from officium.org.permissions import EMPLOYEE_VIEW

from ..conftest import ApiClient

pytestmark = pytest.mark.django_db


def _visible(user: Any) -> list[str]:
    body = ApiClient(user).get("org/employees", limit=200).json()
    return sorted(item["name"] for item in body["items"])


def test_a_department_manager_sees_records_of_their_subtree_only(staff: dict[str, Any]) -> None:
    assert _visible(staff["manager"].user) == ["张伟", "李娜", "王芳"]
    outside = staff["hr"]
    response = ApiClient(staff["manager"].user).get(f"org/employees/{outside.pk}")
    assert (response.status_code, response.json()["code"]) == (404, "employee_not_found")


def test_hr_sees_everyone_and_employees_see_no_records(staff: dict[str, Any]) -> None:
    assert len(_visible(staff["hr"].user)) == 7
    response = ApiClient(staff["employee"].user).get("org/employees")
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")


@pytest.mark.parametrize(
    ("scope", "departments", "expected"),
    [
        ("self", [], ["李娜"]),
        ("department", [], ["李娜", "王芳"]),
        ("department_tree", [], ["李娜", "王芳"]),
        ("custom", ["rd"], ["张伟", "李娜", "王芳"]),
        ("custom", ["sales"], []),
        ("all", [], ["张伟", "李娜", "王芳", "审计管理员", "安全管理员", "系统管理员", "陈静"]),
    ],
)
def test_each_scope_reaches_exactly_its_people(
    staff: dict[str, Any], org_tree: dict[str, Any], scope: str, departments: list[str], expected: list[str]
) -> None:
    lina = staff["employee"].user
    org.role_grant(
        actor=None,
        user=lina,
        role_key="department_manager",
        scope=scope,
        department_ids=[org_tree[key].pk for key in departments],
    )
    assert _visible(lina) == sorted(expected)


def test_several_grants_add_up(staff: dict[str, Any], org_tree: dict[str, Any]) -> None:
    lina = staff["employee"].user
    org.role_grant(actor=None, user=lina, role_key="department_manager", scope="self")
    org.role_grant(actor=None, user=lina, role_key="hr", scope="custom", department_ids=[org_tree["root"].pk])
    scope = selectors.data_scope(lina, EMPLOYEE_VIEW)
    assert scope.employee_ids == {staff["employee"].pk}
    assert scope.subtree_paths == {org_tree["root"].path}
    assert len(_visible(lina)) == 7


def test_managing_outside_the_scope_is_refused(staff: dict[str, Any], org_tree: dict[str, Any]) -> None:
    lina = staff["employee"].user
    org.role_grant(actor=None, user=lina, role_key="hr", scope="custom", department_ids=[org_tree["sales"].pk])
    client = ApiClient(lina)
    refused = client.post(
        "org/employees", {"employee_number": "S1", "name": "越权", "department_id": str(org_tree["fe"].pk)}
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "outside_data_scope")
    allowed = client.post(
        "org/employees", {"employee_number": "S2", "name": "销售", "department_id": str(org_tree["sales"].pk)}
    )
    assert allowed.status_code == 201


def test_grants_are_audited_and_the_three_administrators_stay_apart(staff: dict[str, Any]) -> None:
    client = ApiClient(staff["security"].user)
    admin = staff["admin"].user
    refused = client.post("org/grants", {"user_id": str(admin.pk), "role_key": "audit_admin"})
    assert (refused.status_code, refused.json()["code"]) == (409, "roles_mutually_exclusive")
    granted = client.post(
        "org/grants", {"user_id": str(staff["employee"].user_id), "role_key": "hr", "scope": "department"}
    )
    assert granted.status_code == 201
    assert granted.json()["scope"] == "department"
    assert RoleGrant.objects.get(pk=granted.json()["id"]).scope == "department"


# --- contacts ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("李娜", ["李娜"]),
        ("lina", ["李娜"]),
        ("ln", ["李娜"]),
        ("zhang", ["张伟"]),
        ("zw", ["张伟"]),
        ("T0001", ["李娜"]),
    ],
)
def test_contacts_are_found_by_name_pinyin_initials_and_number(
    staff: dict[str, Any], query: str, expected: list[str]
) -> None:
    body = ApiClient(staff["employee_b"].user).get("contacts", q=query).json()
    assert [item["name"] for item in body["items"]] == expected


def test_contacts_are_found_by_mobile_with_or_without_the_country_code(staff: dict[str, Any]) -> None:
    phone = staff["manager"].user.phone
    client = ApiClient(staff["employee"].user)
    for query in (phone, phone.removeprefix("+86"), phone[-4:]):
        assert [item["name"] for item in client.get("contacts", q=query).json()["items"]] == ["张伟"]


def test_a_contact_card_shows_the_path_and_the_supervisor(staff: dict[str, Any]) -> None:
    card = ApiClient(staff["employee_b"].user).get(f"contacts/{staff['employee'].pk}").json()
    assert [step["name"] for step in card["department_path"]] == ["总部", "研发部", "前端组"]
    assert card["supervisor"]["name"] == "张伟"
    assert card["mobile"] == staff["employee"].user.phone


def test_phone_numbers_are_masked_by_policy_except_for_those_in_scope(staff: dict[str, Any]) -> None:
    org.org_settings_update(actor=staff["admin"].user, mask_phone_numbers=True)
    lina, colleague = staff["employee"], staff["employee_b"]
    national = colleague.user.phone.removeprefix("+86")
    as_peer = ApiClient(lina.user).get(f"contacts/{colleague.pk}").json()
    assert as_peer["mobile"] == f"{national[:3]}****{national[-4:]}"
    assert ApiClient(lina.user).get(f"contacts/{lina.pk}").json()["mobile"] == lina.user.phone
    assert ApiClient(staff["manager"].user).get(f"contacts/{colleague.pk}").json()["mobile"] == colleague.user.phone


def test_contacts_cost_the_same_number_of_queries_for_any_page_size(
    staff: dict[str, Any], org_tree: dict[str, Any], make_employee: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        make_employee(f"同事{n}", org_tree["sales"])
    client = ApiClient(staff["employee"].user)
    with django_assert_max_num_queries(8):
        assert len(client.get("contacts", limit=50).json()["items"]) == 37


def test_resigned_people_leave_the_contacts(staff: dict[str, Any]) -> None:
    import datetime

    org.employee_resign(actor=None, employee_id=staff["employee_b"].pk, resigned_on=datetime.date(2026, 12, 1))
    client = ApiClient(staff["employee"].user)
    assert [i["name"] for i in client.get("contacts", q="王芳").json()["items"]] == []
    assert client.get(f"contacts/{staff['employee_b'].pk}").status_code == 404


def test_contacts_of_one_department_with_or_without_its_sub_departments(
    staff: dict[str, Any], org_tree: dict[str, Any]
) -> None:
    client = ApiClient(staff["employee"].user)
    subtree = client.get("contacts", department=str(org_tree["rd"].pk)).json()["items"]
    direct = client.get("contacts", department=str(org_tree["rd"].pk), direct="true").json()["items"]
    assert sorted(item["name"] for item in subtree) == ["张伟", "李娜", "王芳"]
    assert [item["name"] for item in direct] == ["张伟"]
    assert direct[0]["user_id"] == str(staff["manager"].user_id)
