"""The built-in roles: their permission codes (defined in code, so new codes need no migration) and
the data scope a new grant of each gets unless the granter chooses another."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from officium.core.permissions import AUDIT_EVENT_VIEW, SYSTEM_STATUS_VIEW
from officium.org.permissions import (
    DEPARTMENT_MANAGE,
    EMPLOYEE_MANAGE,
    EMPLOYEE_VIEW,
    ROLE_MANAGE,
    SETTINGS_MANAGE,
)

SYSTEM_ADMIN = "system_admin"
SECURITY_ADMIN = "security_admin"
AUDIT_ADMIN = "audit_admin"
HR = "hr"
FINANCE = "finance"
DEPARTMENT_MANAGER = "department_manager"
EMPLOYEE = "employee"

# 三权分立: nobody holds two of these at once.
MUTUALLY_EXCLUSIVE = frozenset({SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN})


@dataclass(frozen=True)
class BuiltinRole:
    key: str
    name: str | Promise
    codes: frozenset[str]
    default_scope: str = "all"


BUILTIN_ROLES: dict[str, BuiltinRole] = {
    role.key: role
    for role in (
        BuiltinRole(
            SYSTEM_ADMIN,
            _("System administrator"),
            frozenset(
                {
                    SYSTEM_STATUS_VIEW,
                    DEPARTMENT_MANAGE,
                    EMPLOYEE_VIEW,
                    EMPLOYEE_MANAGE,
                    SETTINGS_MANAGE,
                    "approvals.template.manage",
                    "approvals.instance.manage",
                    "approvals.statistics.view",
                    "attendance.group.manage",
                    "attendance.report.view",
                    "documents.space.manage",
                    "notifications.robot.manage",
                }
            ),
        ),
        BuiltinRole(SECURITY_ADMIN, _("Security administrator"), frozenset({ROLE_MANAGE})),
        BuiltinRole(AUDIT_ADMIN, _("Audit administrator"), frozenset({AUDIT_EVENT_VIEW})),
        BuiltinRole(
            HR,
            _("HR"),
            frozenset(
                {
                    DEPARTMENT_MANAGE,
                    EMPLOYEE_VIEW,
                    EMPLOYEE_MANAGE,
                    "approvals.statistics.view",
                    "attendance.group.manage",
                    "leave.balance.manage",
                    "attendance.report.view",
                    "attendance.punch.review",
                    "attendance.period.lock",
                }
            ),
        ),
        BuiltinRole(FINANCE, _("Finance"), frozenset()),
        BuiltinRole(
            DEPARTMENT_MANAGER,
            _("Department manager"),
            frozenset({EMPLOYEE_VIEW, "attendance.report.view", "attendance.punch.review"}),
            default_scope="department_tree",
        ),
        BuiltinRole(EMPLOYEE, _("Employee"), frozenset()),
    )
}
