"""HTTP API of the organisation: departments, positions, employees, contacts, roles, grants, settings."""

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Status
from ninja.pagination import paginate

from officium.accounts.models import User
from officium.core import permissions
from officium.core.api_base import Router, actor, requires, sent_fields
from officium.core.errors import NotFound
from officium.core.pagination import KeysetPagination
from officium.org import selectors, services
from officium.org.api import presenters
from officium.org.api.schemas import (
    BulkIn,
    ContactDetailOut,
    ContactFilter,
    ContactOut,
    DepartmentDetailOut,
    DepartmentIn,
    DepartmentMoveIn,
    DepartmentOut,
    DepartmentPatch,
    DissolveIn,
    EmployeeFilter,
    EmployeeIn,
    EmployeeOut,
    EmployeePatch,
    GrantFilter,
    GrantIn,
    GrantOut,
    HeadsIn,
    OrgSettingsIn,
    OrgSettingsOut,
    PermissionOut,
    PositionIn,
    PositionOut,
    PositionPatch,
    ResignIn,
    RoleIn,
    RoleOut,
    RolePatch,
    SupervisorsOut,
)
from officium.org.models import Employee, Position, Role, RoleGrant
from officium.org.permissions import (
    DEPARTMENT_MANAGE,
    EMPLOYEE_MANAGE,
    EMPLOYEE_VIEW,
    ROLE_MANAGE,
    SETTINGS_MANAGE,
)

org_router = Router(tags=["organisation"])
contacts_router = Router(tags=["contacts"])

MAX_SUPERVISOR_LEVELS = 20


EMPLOYEE_CLEARABLE = frozenset({"mobile", "email", "hire_date", "first_work_date", "supervisor_id"})


# --- departments ---------------------------------------------------------------------------------
@org_router.get("/departments", response=list[DepartmentOut], summary="Every active department (flat, by depth)")
@requires(permissions.AUTHENTICATED)
def list_departments(request: HttpRequest) -> list[dict[str, Any]]:
    items = list(selectors.active_departments().order_by("depth", "parent_id", "order", "name"))
    return presenters.departments(items)


@org_router.get("/departments/{department_id}", response=DepartmentDetailOut, summary="One department")
@requires(permissions.AUTHENTICATED)
def get_department(request: HttpRequest, department_id: UUID) -> dict[str, Any]:
    return presenters.department_detail(selectors.department(department_id))


@org_router.post("/departments", response={201: DepartmentDetailOut}, summary="Add a department")
@requires(DEPARTMENT_MANAGE)
def create_department(request: HttpRequest, payload: DepartmentIn) -> Status[dict[str, Any]]:
    department = services.department_create(actor=actor(request), **payload.model_dump())
    return Status(201, presenters.department_detail(department))


@org_router.patch("/departments/{department_id}", response=DepartmentDetailOut, summary="Rename or reorder")
@requires(DEPARTMENT_MANAGE)
def update_department(request: HttpRequest, department_id: UUID, payload: DepartmentPatch) -> dict[str, Any]:
    department = services.department_update(actor=actor(request), department_id=department_id, **sent_fields(payload))
    return presenters.department_detail(department)


@org_router.post("/departments/{department_id}/move", response=DepartmentDetailOut, summary="Move a subtree")
@requires(DEPARTMENT_MANAGE)
def move_department(request: HttpRequest, department_id: UUID, payload: DepartmentMoveIn) -> dict[str, Any]:
    department = services.department_move(
        actor=actor(request), department_id=department_id, parent_id=payload.parent_id, position=payload.position
    )
    return presenters.department_detail(department)


@org_router.put("/departments/{department_id}/heads", response=DepartmentDetailOut, summary="Set the heads")
@requires(DEPARTMENT_MANAGE)
def set_department_heads(request: HttpRequest, department_id: UUID, payload: HeadsIn) -> dict[str, Any]:
    services.department_set_heads(actor=actor(request), department_id=department_id, employee_ids=payload.employee_ids)
    return presenters.department_detail(selectors.department(department_id))


@org_router.post("/departments/{department_id}/dissolve", response={204: None}, summary="Dissolve, moving its people")
@requires(DEPARTMENT_MANAGE)
def dissolve_department(request: HttpRequest, department_id: UUID, payload: DissolveIn) -> Status[None]:
    services.department_dissolve(
        actor=actor(request), department_id=department_id, move_members_to=payload.move_members_to
    )
    return Status(204, None)


@org_router.delete("/departments/{department_id}", response={204: None}, summary="Delete an empty department")
@requires(DEPARTMENT_MANAGE)
def delete_department(request: HttpRequest, department_id: UUID) -> Status[None]:
    services.department_delete(actor=actor(request), department_id=department_id)
    return Status(204, None)


# --- positions -----------------------------------------------------------------------------------
@org_router.get("/positions", response=list[PositionOut], summary="Positions (岗位)")
@requires(permissions.AUTHENTICATED)
def list_positions(request: HttpRequest) -> QuerySet[Position]:
    return Position.objects.all()


@org_router.post("/positions", response={201: PositionOut}, summary="Add a position")
@requires(DEPARTMENT_MANAGE)
def create_position(request: HttpRequest, payload: PositionIn) -> Status[Position]:
    return Status(201, services.position_create(actor=actor(request), **payload.model_dump()))


@org_router.patch("/positions/{position_id}", response=PositionOut, summary="Rename a position")
@requires(DEPARTMENT_MANAGE)
def update_position(request: HttpRequest, position_id: UUID, payload: PositionPatch) -> Position:
    return services.position_update(actor=actor(request), position_id=position_id, **payload.model_dump())


@org_router.delete("/positions/{position_id}", response={204: None}, summary="Delete an unused position")
@requires(DEPARTMENT_MANAGE)
def delete_position(request: HttpRequest, position_id: UUID) -> Status[None]:
    services.position_delete(actor=actor(request), position_id=position_id)
    return Status(204, None)


# --- employees -----------------------------------------------------------------------------------
def _present_employees(rows: list[Employee], request: HttpRequest) -> list[dict[str, Any]]:
    return [presenters.employee(row) for row in rows]


@org_router.get("/employees", response=list[EmployeeOut], summary="Employee records within my data scope")
@requires(EMPLOYEE_VIEW)
@paginate(KeysetPagination, ordering=("name_pinyin", "id"), present=_present_employees)
def list_employees(request: HttpRequest, filters: Query[EmployeeFilter]) -> QuerySet[Employee]:
    people = selectors.employees_in_scope(actor=actor(request), code=EMPLOYEE_VIEW)
    people = selectors.filter_employees(
        people,
        query=filters.q,
        department=selectors.department(filters.department) if filters.department else None,
        status=filters.status,
        position_id=filters.position,
    )
    return presenters.employee_queryset_options(people)  # type: ignore[no-any-return]


@org_router.get("/employees/me", response=EmployeeOut, summary="My own employee record")
@requires(permissions.AUTHENTICATED)
def get_my_employee(request: HttpRequest) -> dict[str, Any]:
    mine = presenters.employee_queryset_options(Employee.objects.filter(user=actor(request))).first()
    if mine is None:
        raise NotFound("This account has no employee record.", code="employee_not_found")
    return presenters.employee(mine)


@org_router.post("/employees/bulk", response=list[EmployeeOut], summary="The same change for several people")
@requires(EMPLOYEE_MANAGE)
def bulk_update_employees(request: HttpRequest, payload: BulkIn) -> list[dict[str, Any]]:
    changes = sent_fields(payload, clearable={"supervisor_id"})
    ids = changes.pop("employee_ids")
    for employee_id in ids:
        selectors.employee_in_scope(actor=actor(request), code=EMPLOYEE_MANAGE, employee_id=employee_id)
    services.employees_bulk_update(actor=actor(request), employee_ids=ids, **changes)
    people = presenters.employee_queryset_options(Employee.objects.filter(pk__in=ids))
    return [presenters.employee(person) for person in people]


@org_router.get("/employees/{employee_id}", response=EmployeeOut, summary="One employee record")
@requires(EMPLOYEE_VIEW)
def get_employee(request: HttpRequest, employee_id: UUID) -> dict[str, Any]:
    selectors.employee_in_scope(actor=actor(request), code=EMPLOYEE_VIEW, employee_id=employee_id)
    return presenters.employee(presenters.employee_queryset_options(Employee.objects.filter(pk=employee_id)).get())


@org_router.get(
    "/employees/{employee_id}/supervisors", response=SupervisorsOut, summary="The supervisor chain, N levels up"
)
@requires(EMPLOYEE_VIEW)
def get_supervisors(request: HttpRequest, employee_id: UUID, levels: int = 5) -> dict[str, Any]:
    employee = selectors.employee_in_scope(actor=actor(request), code=EMPLOYEE_VIEW, employee_id=employee_id)
    chain = selectors.supervisors(employee, max(1, min(levels, MAX_SUPERVISOR_LEVELS)))
    return {"employee": presenters.person(employee), "supervisors": [presenters.person(p) for p in chain]}


@org_router.post("/employees", response={201: EmployeeOut}, summary="Add an employee (and their account)")
@requires(EMPLOYEE_MANAGE)
def create_employee(request: HttpRequest, payload: EmployeeIn) -> Status[dict[str, Any]]:
    employee = services.employee_create(actor=actor(request), **payload.model_dump())
    return Status(
        201, presenters.employee(presenters.employee_queryset_options(Employee.objects.filter(pk=employee.pk)).get())
    )


@org_router.patch("/employees/{employee_id}", response=EmployeeOut, summary="Change an employee record")
@requires(EMPLOYEE_MANAGE)
def update_employee(request: HttpRequest, employee_id: UUID, payload: EmployeePatch) -> dict[str, Any]:
    selectors.employee_in_scope(actor=actor(request), code=EMPLOYEE_MANAGE, employee_id=employee_id)
    services.employee_update(
        actor=actor(request), employee_id=employee_id, **sent_fields(payload, clearable=EMPLOYEE_CLEARABLE)
    )
    return presenters.employee(presenters.employee_queryset_options(Employee.objects.filter(pk=employee_id)).get())


@org_router.post("/employees/{employee_id}/resign", response=EmployeeOut, summary="Off-board with a handover")
@requires(EMPLOYEE_MANAGE)
def resign_employee(request: HttpRequest, employee_id: UUID, payload: ResignIn) -> dict[str, Any]:
    selectors.employee_in_scope(actor=actor(request), code=EMPLOYEE_MANAGE, employee_id=employee_id)
    services.employee_resign(actor=actor(request), employee_id=employee_id, **payload.model_dump())
    return presenters.employee(presenters.employee_queryset_options(Employee.objects.filter(pk=employee_id)).get())


# --- contacts (通讯录) -----------------------------------------------------------------------------
def _present_contacts(rows: list[Employee], request: HttpRequest) -> list[dict[str, Any]]:
    presenter = presenters.ContactPresenter(actor(request))
    return [presenter.contact(row) for row in rows]


@contacts_router.get("", response=list[ContactOut], summary="Find colleagues")
@requires(permissions.AUTHENTICATED)
@paginate(KeysetPagination, ordering=("name_pinyin", "id"), present=_present_contacts)
def list_contacts(request: HttpRequest, filters: Query[ContactFilter]) -> QuerySet[Employee]:
    department = selectors.department(filters.department) if filters.department else None
    return selectors.contacts(actor=actor(request), query=filters.q, department=department, direct=filters.direct)


@contacts_router.get("/{employee_id}", response=ContactDetailOut, summary="A colleague's card")
@requires(permissions.AUTHENTICATED)
def get_contact(request: HttpRequest, employee_id: UUID) -> dict[str, Any]:
    colleague = selectors.contact(actor=actor(request), employee_id=employee_id)
    return presenters.ContactPresenter(actor(request)).detail(colleague)


# --- roles and grants ------------------------------------------------------------------------------
@org_router.get("/permissions", response=list[PermissionOut], summary="The permission vocabulary")
@requires(ROLE_MANAGE)
def list_permissions(request: HttpRequest) -> list[dict[str, str]]:
    return [{"code": p.code, "label": str(p.label)} for p in permissions.all_permissions()]


@org_router.get("/roles", response=list[RoleOut], summary="Roles")
@requires(ROLE_MANAGE)
def list_roles(request: HttpRequest) -> list[dict[str, Any]]:
    return [presenters.role(role) for role in Role.objects.order_by("-is_builtin", "key")]


@org_router.post("/roles", response={201: RoleOut}, summary="Add a custom role")
@requires(ROLE_MANAGE)
def create_role(request: HttpRequest, payload: RoleIn) -> Status[dict[str, Any]]:
    return Status(201, presenters.role(services.role_create(actor=actor(request), **payload.model_dump())))


@org_router.patch("/roles/{role_id}", response=RoleOut, summary="Change a custom role")
@requires(ROLE_MANAGE)
def update_role(request: HttpRequest, role_id: UUID, payload: RolePatch) -> dict[str, Any]:
    return presenters.role(services.role_update(actor=actor(request), role_id=role_id, **payload.model_dump()))


@org_router.delete("/roles/{role_id}", response={204: None}, summary="Delete an unused custom role")
@requires(ROLE_MANAGE)
def delete_role(request: HttpRequest, role_id: UUID) -> Status[None]:
    services.role_delete(actor=actor(request), role_id=role_id)
    return Status(204, None)


@org_router.get("/grants", response=list[GrantOut], summary="Who holds which role, with which data scope")
@requires(ROLE_MANAGE)
def list_grants(request: HttpRequest, filters: Query[GrantFilter]) -> list[dict[str, Any]]:
    grants = RoleGrant.objects.select_related("user", "role").prefetch_related("departments")
    if filters.user:
        grants = grants.filter(user_id=filters.user)
    if filters.role:
        grants = grants.filter(role__key=filters.role)
    return [presenters.grant(grant) for grant in grants.order_by("role__key", "user__username")]


@org_router.post("/grants", response={201: GrantOut}, summary="Grant a role (or change a grant's scope)")
@requires(ROLE_MANAGE)
def create_grant(request: HttpRequest, payload: GrantIn) -> Status[dict[str, Any]]:
    try:
        user = User.objects.get(pk=payload.user_id)
    except User.DoesNotExist:
        raise NotFound("No such user.", code="user_not_found") from None
    grant = services.role_grant(
        actor=actor(request),
        user=user,
        role_key=payload.role_key,
        scope=payload.scope,
        department_ids=payload.department_ids,
    )
    return Status(201, presenters.grant(RoleGrant.objects.select_related("user", "role").get(pk=grant.pk)))


@org_router.delete("/grants/{grant_id}", response={204: None}, summary="Revoke a role")
@requires(ROLE_MANAGE)
def delete_grant(request: HttpRequest, grant_id: UUID) -> Status[None]:
    try:
        grant = RoleGrant.objects.select_related("user", "role").get(pk=grant_id)
    except RoleGrant.DoesNotExist:
        raise NotFound("No such grant.", code="grant_not_found") from None
    services.role_revoke(actor=actor(request), user=grant.user, role_key=grant.role.key)
    return Status(204, None)


# --- settings ------------------------------------------------------------------------------------------
@org_router.get("/settings", response=OrgSettingsOut, summary="Organisation-wide policies")
@requires(permissions.AUTHENTICATED)
def get_org_settings(request: HttpRequest) -> Any:
    return selectors.org_settings()


@org_router.patch("/settings", response=OrgSettingsOut, summary="Change organisation-wide policies")
@requires(SETTINGS_MANAGE)
def update_org_settings(request: HttpRequest, payload: OrgSettingsIn) -> Any:
    return services.org_settings_update(actor=actor(request), mask_phone_numbers=payload.mask_phone_numbers)
