"""Reads of the organisation: the tree, heads, supervisor chains, contacts, and data scopes.

Every lookup here costs a fixed number of queries whatever the depth of the tree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from officium.core import permissions
from officium.core.errors import NotFound, PermissionDenied
from officium.org.models import Department, DepartmentHead, Employee, OrgSettings, Role, RoleGrant
from officium.org.roles import BUILTIN_ROLES

ACTIVE_STATUSES = (Employee.Status.ACTIVE, Employee.Status.PROBATION)


# --- roles and permission codes -------------------------------------------------------------------
def role_codes(role: Role) -> frozenset[str]:
    if role.is_builtin and role.key in BUILTIN_ROLES:
        return BUILTIN_ROLES[role.key].codes
    return frozenset(str(code) for code in role.permission_codes)


def permission_codes_for_user(user: Any) -> frozenset[str]:
    """Every permission code the user's roles carry (one query)."""
    codes: set[str] = set()
    for role in Role.objects.filter(grants__user=user):
        codes |= role_codes(role)
    return frozenset(codes)


def role_keys_of(user: Any) -> set[str]:
    return set(Role.objects.filter(grants__user=user).values_list("key", flat=True))


# --- data scopes (数据权限) --------------------------------------------------------------------------
@dataclass(frozen=True)
class DataScope:
    """Which employees a permission reaches for one user: the union over the grants carrying it."""

    everything: bool = False
    subtree_paths: frozenset[str] = field(default_factory=frozenset)
    department_ids: frozenset[UUID] = field(default_factory=frozenset)
    employee_ids: frozenset[UUID] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.subtree_paths or self.department_ids or self.employee_ids)

    def employees_q(self) -> Q:
        """A filter on Employee; matches nothing for an empty scope."""
        if self.everything:
            return Q()
        condition = Q(pk__in=[])
        for path in self.subtree_paths:
            condition |= Q(main_department__path__startswith=path)
        if self.department_ids:
            condition |= Q(main_department_id__in=self.department_ids)
        if self.employee_ids:
            condition |= Q(pk__in=self.employee_ids)
        return condition

    def covers_department(self, department: Department) -> bool:
        return (
            self.everything
            or department.pk in self.department_ids
            or any(department.path.startswith(path) for path in self.subtree_paths)
        )


def data_scope(user: Any, code: str) -> DataScope:
    """The scope of `code` for `user` (memoised on the user object for the request)."""
    if not permissions.has_permission(user, code):
        return DataScope()
    cache: dict[str, DataScope] = user.__dict__.setdefault("_officium_scopes", {})
    if code not in cache:
        cache[code] = _compute_scope(user, code)
    return cache[code]


def _compute_scope(user: Any, code: str) -> DataScope:
    grants = (
        RoleGrant.objects.filter(user=user)
        .select_related("role")
        .prefetch_related(Prefetch("departments", queryset=Department.objects.only("id", "path")))
    )
    employee = Employee.objects.filter(user=user).select_related("main_department").first()
    everything = False
    paths: set[str] = set()
    departments: set[UUID] = set()
    people: set[UUID] = set()
    for grant in grants:
        if code not in role_codes(grant.role):
            continue
        match grant.scope:
            case RoleGrant.Scope.ALL:
                everything = True
            case RoleGrant.Scope.CUSTOM:
                paths |= {department.path for department in grant.departments.all()}
            case RoleGrant.Scope.DEPARTMENT_TREE if employee is not None:
                paths.add(employee.main_department.path)
            case RoleGrant.Scope.DEPARTMENT if employee is not None:
                departments.add(employee.main_department_id)
            case RoleGrant.Scope.SELF if employee is not None:
                people.add(employee.pk)
    return DataScope(everything, frozenset(paths), frozenset(departments), frozenset(people))


# --- the tree --------------------------------------------------------------------------------------
def active_departments() -> QuerySet[Department]:
    return Department.objects.filter(status=Department.Status.ACTIVE)


def department(department_id: UUID) -> Department:
    try:
        return active_departments().get(pk=department_id)
    except Department.DoesNotExist:
        raise NotFound("No such department.", code="department_not_found") from None


def ancestors(department: Department) -> list[Department]:
    """From the root down to the parent (one query)."""
    ids = department.ancestor_ids
    if not ids:
        return []
    by_id = {str(d.pk.hex): d for d in Department.objects.filter(pk__in=[UUID(hex=i) for i in ids])}
    return [by_id[i] for i in ids if i in by_id]


def descendants(department: Department, *, include_self: bool = False) -> QuerySet[Department]:
    subtree = active_departments().filter(path__startswith=department.path)
    return subtree if include_self else subtree.exclude(pk=department.pk)


def subtree_members(department: Department, *, include_secondary: bool = False) -> QuerySet[Employee]:
    """Active employees whose main (or, if asked, part-time) department is in the subtree."""
    condition = Q(main_department__path__startswith=department.path)
    if include_secondary:
        condition |= Q(secondary_departments__path__startswith=department.path)
    return Employee.objects.filter(condition, status__in=ACTIVE_STATUSES).distinct()


def department_head(department: Department) -> Employee | None:
    """The first head of the department, or of its nearest ancestor that has one (one query)."""
    ids = [UUID(hex=i) for i in department.ancestor_ids] + [department.pk]
    links = (
        DepartmentHead.objects.filter(department_id__in=ids, employee__status__in=ACTIVE_STATUSES)
        .select_related("employee", "department")
        .order_by("-department__depth", "order")
    )
    first = links.first()
    return first.employee if first else None


def heads_by_department(department_ids: list[UUID]) -> dict[UUID, list[Employee]]:
    heads: dict[UUID, list[Employee]] = {}
    links = DepartmentHead.objects.filter(department_id__in=department_ids).select_related("employee")
    for link in links.order_by("department_id", "order"):
        heads.setdefault(link.department_id, []).append(link.employee)
    return heads


# --- people ----------------------------------------------------------------------------------------
def employee_of(user: Any) -> Employee | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Employee.objects.filter(user=user).select_related("main_department").first()


def working_employees(users: Iterable[Any]) -> dict[Any, Employee]:
    """{user id: their employee record} for those of `users` who work here now (one query)."""
    employees = Employee.objects.filter(user__in=list(users), status__in=ACTIVE_STATUSES).select_related(
        "main_department"
    )
    return {employee.user_id: employee for employee in employees}


def working_employee(user: Any) -> Employee:
    """The user's employee record if they work here now (active or on probation); apps whose use is
    for employees only (approvals, attendance, leave) refuse everyone else with `not_an_employee`."""
    employee = (
        Employee.objects.filter(user=user, status__in=ACTIVE_STATUSES).select_related("main_department").first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if employee is None:
        raise PermissionDenied("This is for employees.", code="not_an_employee")
    return employee


def supervisors(employee: Employee, levels: int) -> list[Employee]:
    """The 1st … `levels`-th supervisor above the employee, nearest first (one recursive query)."""
    if levels < 1:
        return []
    table = Employee._meta.db_table
    sql = f"""
        WITH RECURSIVE chain(id, level) AS (
            SELECT effective_supervisor_id, 1 FROM {table} WHERE id = %s
            UNION ALL
            SELECT e.effective_supervisor_id, chain.level + 1
            FROM {table} e JOIN chain ON e.id = chain.id
            WHERE chain.level < %s
        )
        SELECT e.*, chain.level AS chain_level FROM chain JOIN {table} e ON e.id = chain.id
        ORDER BY chain.level
    """  # noqa: S608  (the table name is ours; values are parameters)
    key = Employee._meta.pk.get_db_prep_value(employee.pk, connection)
    found: list[Employee] = []
    seen = {employee.pk}
    for person in Employee.objects.raw(sql, [key, levels]):
        if person.pk in seen:  # a loop would repeat: stop (the services refuse to create one)
            break
        seen.add(person.pk)
        found.append(person)
    return found


def org_settings() -> OrgSettings:
    settings, _ = OrgSettings.objects.get_or_create(pk=1)
    return settings


# --- contacts (通讯录) -------------------------------------------------------------------------------
def contacts(
    *, actor: Any, query: str = "", department: Department | None = None, direct: bool = False
) -> QuerySet[Employee]:
    """Colleagues every signed-in person may find: active employees, by name, pinyin, initials,
    employee number or mobile number; in a department's subtree, or (`direct`) in it only."""
    permissions.require(actor, permissions.AUTHENTICATED)
    people = Employee.objects.filter(status__in=ACTIVE_STATUSES).select_related("main_department", "user")
    if department is not None and direct:
        people = people.filter(main_department=department)
    elif department is not None:
        people = people.filter(main_department__path__startswith=department.path)
    return matching(people, query)


def matching(people: QuerySet[Employee], query: str) -> QuerySet[Employee]:
    """People whose search text contains every word of the query (at most five words)."""
    for word in query.strip().lower().split()[:5]:
        people = people.filter(search_text__contains=word)
    return people


def contact(*, actor: Any, employee_id: UUID) -> Employee:
    try:
        return contacts(actor=actor).prefetch_related("positions").get(pk=employee_id)
    except Employee.DoesNotExist:
        raise NotFound("No such colleague.", code="employee_not_found") from None


def filter_employees(
    people: QuerySet[Employee],
    *,
    query: str = "",
    department: Department | None = None,
    status: str = "current",
    position_id: UUID | None = None,
) -> QuerySet[Employee]:
    """The administration list's filters; `current` means not resigned."""
    if status == "current":
        people = people.filter(status__in=ACTIVE_STATUSES)
    elif status != "all":
        people = people.filter(status=status)
    if department is not None:
        people = people.filter(main_department__path__startswith=department.path)
    if position_id is not None:
        people = people.filter(positions=position_id)
    return matching(people, query)


def employees_in_scope(*, actor: Any, code: str) -> QuerySet[Employee]:
    """Employee records (resigned included) that `code` reaches for the actor; raises without the code."""
    permissions.require(actor, code)
    scope = data_scope(actor, code)
    return Employee.objects.filter(scope.employees_q()).select_related("main_department", "user")


def employee_in_scope(*, actor: Any, code: str, employee_id: UUID) -> Employee:
    try:
        return employees_in_scope(actor=actor, code=code).get(pk=employee_id)
    except Employee.DoesNotExist:
        raise NotFound("No such employee.", code="employee_not_found") from None


# --- presentation helpers used by the API ------------------------------------------------------------
def masked(phone: str | None) -> str | None:
    """138****0004 for +8613800000004; other countries keep their prefix and last four digits."""
    if not phone:
        return phone
    national = phone.removeprefix("+86")
    if national != phone and len(national) >= 7:
        return f"{national[:3]}****{national[-4:]}"
    return f"{phone[:3]}****{phone[-4:]}"


def phone_for(viewer: Any, employee: Employee, *, mask_policy: bool, view_scope: DataScope) -> str | None:
    """The mobile number as the viewer may see it: masked by policy, except their own and for those
    whose employee-view scope covers the person."""
    phone = employee.user.phone
    if not mask_policy or employee.user_id == getattr(viewer, "pk", None):
        return phone
    if view_scope.covers_department(employee.main_department):
        return phone
    return masked(phone)


def department_member_counts(department_ids: list[UUID]) -> dict[UUID, int]:
    from django.db.models import Count

    rows = (
        Employee.objects.filter(main_department_id__in=department_ids, status__in=ACTIVE_STATUSES)
        .values("main_department_id")
        .annotate(n=Count("id"))
    )
    return {row["main_department_id"]: row["n"] for row in rows}
