"""Shapes of the organisation API."""

from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from officium.core.api_base import IsoDate, IsoDateTime, Strict

EmployeeStatus = Literal["active", "probation", "resigned"]
EditableStatus = Literal["active", "probation"]
Gender = Literal["", "female", "male"]
ScopeName = Literal["self", "department", "department_tree", "all", "custom"]


class Ref(Schema):
    id: UUID
    name: str


class PersonRef(Schema):
    id: UUID
    name: str
    job_title: str


class DepartmentOut(Schema):
    id: UUID
    name: str
    code: str | None
    parent_id: UUID | None
    order: int
    depth: int
    heads: list[PersonRef]
    member_count: int = Field(description="active people whose main department this is")


class DepartmentDetailOut(DepartmentOut):
    path: list[Ref] = Field(description="ancestors from the top down, without this department")
    effective_head: PersonRef | None = Field(description="the first head here or of the nearest ancestor with one")


class DepartmentIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    parent_id: UUID | None = None
    code: str | None = Field(None, max_length=50)
    order: int | None = Field(None, ge=0, le=100_000)


class DepartmentPatch(Strict):
    name: str | None = Field(None, min_length=1, max_length=100)
    code: str | None = Field(None, max_length=50)
    order: int | None = Field(None, ge=0, le=100_000)


class DepartmentMoveIn(Strict):
    parent_id: UUID | None = Field(description="the new parent; null moves it to the top")
    position: int | None = Field(None, ge=0, le=100_000, description="index among the new siblings; null: last")


class HeadsIn(Strict):
    employee_ids: list[UUID] = Field(max_length=20)


class DissolveIn(Strict):
    move_members_to: UUID


class PositionOut(Schema):
    id: UUID
    code: str
    name: str
    description: str


class PositionIn(Strict):
    code: str = Field(min_length=1, max_length=50)
    name: str = Field(min_length=1, max_length=100)
    description: str = Field("", max_length=500)


class PositionPatch(Strict):
    name: str | None = Field(None, min_length=1, max_length=100)
    description: str | None = Field(None, max_length=500)


class EmployeeOut(Schema):
    id: UUID
    user_id: UUID = Field(description="the account (for role grants)")
    employee_number: str
    name: str
    name_pinyin: str
    username: str
    mobile: str | None
    email: str
    gender: Gender
    hire_date: IsoDate | None
    first_work_date: IsoDate | None
    status: EmployeeStatus
    resigned_on: IsoDate | None
    department: Ref
    secondary_departments: list[Ref]
    positions: list[Ref]
    job_title: str
    supervisor: PersonRef | None = Field(description="set explicitly by HR; null: by department heads")
    effective_supervisor: PersonRef | None = Field(description="the supervisor that applies")


class EmployeeIn(Strict):
    employee_number: str = Field(min_length=1, max_length=50)
    name: str = Field(min_length=1, max_length=100)
    department_id: UUID
    mobile: str | None = Field(None, max_length=20)
    email: str = Field("", max_length=254)
    gender: Gender = ""
    hire_date: IsoDate | None = None
    first_work_date: IsoDate | None = None
    status: EditableStatus = "active"
    job_title: str = Field("", max_length=100)
    position_ids: list[UUID] = Field(default_factory=list, max_length=20)
    secondary_department_ids: list[UUID] = Field(default_factory=list, max_length=20)
    supervisor_id: UUID | None = None
    username: str | None = Field(None, min_length=1, max_length=150)


class EmployeePatch(Strict):
    """Only the fields sent change; send null to clear a clearable field."""

    employee_number: str | None = Field(None, min_length=1, max_length=50)
    name: str | None = Field(None, min_length=1, max_length=100)
    department_id: UUID | None = None
    mobile: str | None = Field(None, max_length=20)
    email: str | None = Field(None, max_length=254)
    gender: Gender | None = None
    hire_date: IsoDate | None = None
    first_work_date: IsoDate | None = None
    status: EditableStatus | None = None
    job_title: str | None = Field(None, max_length=100)
    position_ids: list[UUID] | None = Field(None, max_length=20)
    secondary_department_ids: list[UUID] | None = Field(None, max_length=20)
    supervisor_id: UUID | None = None


class ResignIn(Strict):
    resigned_on: IsoDate
    successor_id: UUID | None = Field(None, description="takes over reports and headships; default: the supervisor")


class BulkIn(Strict):
    employee_ids: list[UUID] = Field(min_length=1, max_length=500)
    department_id: UUID | None = None
    supervisor_id: UUID | None = None
    status: EditableStatus | None = None


class EmployeeFilter(Schema):
    q: str = Field("", max_length=100, description="name, pinyin, initials, employee number or mobile")
    department: UUID | None = Field(None, description="this department and everything below it")
    status: Literal["current", "active", "probation", "resigned", "all"] = "current"
    position: UUID | None = None


class SupervisorsOut(Schema):
    employee: PersonRef
    supervisors: list[PersonRef] = Field(description="1st, 2nd, … level, nearest first")


class ContactOut(Schema):
    id: UUID
    user_id: UUID = Field(description="the colleague's account (for role grants)")
    name: str
    name_pinyin: str
    department: Ref
    job_title: str
    mobile: str | None = Field(description="masked (138****0004) when the organisation's policy says so")
    email: str


class ContactDetailOut(ContactOut):
    employee_number: str
    department_path: list[Ref]
    secondary_departments: list[Ref]
    positions: list[Ref]
    supervisor: PersonRef | None


class ContactFilter(Schema):
    q: str = Field("", max_length=100, description="name, pinyin (zhangsan), initials (zs), number or mobile")
    department: UUID | None = Field(None, description="this department and everything below it")
    direct: bool = Field(False, description="with department: only its own members, not its sub-departments'")


class PermissionOut(Schema):
    code: str
    label: str


class RoleOut(Schema):
    id: UUID
    key: str
    name: str
    is_builtin: bool
    permission_codes: list[str]
    default_scope: ScopeName


class RoleIn(Strict):
    key: str = Field(min_length=1, max_length=50, pattern=r"^[a-z0-9_-]+$")
    name: str = Field(min_length=1, max_length=100)
    permission_codes: list[str] = Field(default_factory=list, max_length=200)


class RolePatch(Strict):
    name: str | None = Field(None, min_length=1, max_length=100)
    permission_codes: list[str] | None = Field(None, max_length=200)


class GrantOut(Schema):
    id: UUID
    user_id: UUID
    user_name: str
    role: Ref
    role_key: str
    scope: ScopeName
    departments: list[Ref]
    granted_at: IsoDateTime


class GrantIn(Strict):
    user_id: UUID
    role_key: str = Field(min_length=1, max_length=50)
    scope: ScopeName | None = Field(None, description="default: the role's default scope")
    department_ids: list[UUID] = Field(default_factory=list, max_length=100)


class GrantFilter(Schema):
    user: UUID | None = None
    role: str = Field("", max_length=50)


class OrgSettingsOut(Schema):
    mask_phone_numbers: bool


class OrgSettingsIn(Strict):
    mask_phone_numbers: bool


class ImportRowOut(Schema):
    row: int
    key: str
    action: Literal["create", "update", "unchanged", "error"]


class ImportErrorOut(Schema):
    row: str
    column: str
    code: str
    message: str


class ImportSummaryOut(Schema):
    create: int
    update: int
    unchanged: int
    error: int


class ImportOut(Schema):
    id: UUID
    kind: Literal["departments", "employees"]
    file_name: str
    status: Literal["checked", "applied"]
    summary: ImportSummaryOut
    rows: list[ImportRowOut]
    errors: list[ImportErrorOut]
    created_at: IsoDateTime
    applied_at: IsoDateTime | None


class ApplyIn(Strict):
    only_valid: bool = Field(False, description="apply the valid rows and skip the rows with errors")


class ExportFilter(Schema):
    format: Literal["xlsx", "csv"] = "xlsx"
