"""The organisation: departments in a tree, positions, employees, roles with data scopes, org settings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from officium.core.ids import uuid7

MAX_DEPTH = 15
# "/<32 hex>" per level.
PATH_LENGTH = 33 * MAX_DEPTH


class Department(models.Model):
    """A unit of the org tree (a group company's subsidiaries are departments too).

    `path` is the materialised chain of ids from the root ("/<root>/<child>/…/<self>/"): descendants
    are one `startswith` query, ancestors one `id__in` query, and a subtree moves with one UPDATE.
    """

    class Status(models.TextChoices):
        ACTIVE = "active"
        DISSOLVED = "dissolved"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=50, null=True, blank=True, unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    order = models.PositiveIntegerField(default=0)
    path = models.CharField(max_length=PATH_LENGTH, unique=True)
    depth = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    dissolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["path"]
        indexes = [models.Index(fields=["parent", "order"])]
        constraints = [
            models.CheckConstraint(condition=Q(depth__lte=MAX_DEPTH), name="department_depth_limit"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ancestor_ids(self) -> list[str]:
        """Ids from the root down to the parent (as stored in the path)."""
        return [part for part in self.path.strip("/").split("/")[:-1] if part]


class Position(models.Model):
    """岗位: a post in the organisation (e.g. 出纳, 前端工程师), independent of the job title text."""

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=50, unique=True)
    description = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Employee(models.Model):
    class Gender(models.TextChoices):
        UNSPECIFIED = "", "unspecified"
        FEMALE = "female"
        MALE = "male"

    class Status(models.TextChoices):
        ACTIVE = "active"
        PROBATION = "probation"
        RESIGNED = "resigned"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="employee")
    employee_number = models.CharField(max_length=50, unique=True)
    name = models.CharField(max_length=100)
    name_pinyin = models.CharField(max_length=300, blank=True)
    pinyin_initials = models.CharField(max_length=100, blank=True)
    # Lower-case text searched by the contacts box: name, pinyin, initials, number, mobile.
    search_text = models.CharField(max_length=600, blank=True)
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True, default=Gender.UNSPECIFIED)
    hire_date = models.DateField(null=True, blank=True)
    first_work_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    resigned_on = models.DateField(null=True, blank=True)
    main_department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="members")
    secondary_departments = models.ManyToManyField(Department, blank=True, related_name="secondary_members")
    positions = models.ManyToManyField(Position, blank=True, related_name="employees")
    job_title = models.CharField(max_length=100, blank=True)
    # 汇报上级 as set by HR; empty means "by the department heads".
    supervisor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="direct_reports"
    )
    # The supervisor that applies (explicit, else by department heads); kept by the services so that
    # the N-th supervisor is one recursive query.
    effective_supervisor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="effective_reports"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_pinyin", "employee_number"]
        indexes = [
            # The contacts list walks this index in order and stops at a page (keyset pagination).
            models.Index(fields=["name_pinyin", "id"]),
            models.Index(fields=["main_department", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(supervisor=models.F("id")), name="employee_not_own_supervisor"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.employee_number})"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.RESIGNED


class DepartmentHead(models.Model):
    """A head (负责人) of a department; a department may have several, in order."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="head_links")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="headships")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["department", "order"]
        constraints = [
            models.UniqueConstraint(fields=["department", "employee"], name="department_head_unique"),
        ]


class Role(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    key = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)
    is_builtin = models.BooleanField(default=False)
    # Codes of a custom role; a built-in role's codes come from officium.org.roles.
    permission_codes = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return self.name


class RoleGrant(models.Model):
    """A role given to a user, with the data scope (数据权限) its permission codes reach."""

    class Scope(models.TextChoices):
        SELF = "self"
        DEPARTMENT = "department"
        DEPARTMENT_TREE = "department_tree"
        ALL = "all"
        CUSTOM = "custom"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="grants")
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.ALL)
    # For the custom scope: these departments, each with its sub-departments.
    departments = models.ManyToManyField(Department, blank=True, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_grant_unique")]


class OrgSettings(models.Model):
    """Organisation-wide policies (one row)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    mask_phone_numbers = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)


class OrgImport(models.Model):
    """An uploaded spreadsheet of departments or employees: its dry-run report, then its application."""

    class Kind(models.TextChoices):
        DEPARTMENTS = "departments"
        EMPLOYEES = "employees"

    class Status(models.TextChoices):
        CHECKED = "checked"
        APPLIED = "applied"

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    rows = models.JSONField(default=list)
    report = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
