"""Writes of the organisation app, one module per subject; the public functions are re-exported here."""

from officium.org.services.departments import (
    department_create,
    department_delete,
    department_dissolve,
    department_move,
    department_set_heads,
    department_update,
)
from officium.org.services.employees import (
    employee_create,
    employee_resign,
    employee_update,
    employees_bulk_update,
)
from officium.org.services.policies import (
    org_settings_update,
    position_create,
    position_delete,
    position_update,
)
from officium.org.services.roles import role_create, role_delete, role_grant, role_revoke, role_update

__all__ = [
    "department_create",
    "department_delete",
    "department_dissolve",
    "department_move",
    "department_set_heads",
    "department_update",
    "employee_create",
    "employee_resign",
    "employee_update",
    "employees_bulk_update",
    "org_settings_update",
    "position_create",
    "position_delete",
    "position_update",
    "role_create",
    "role_delete",
    "role_grant",
    "role_revoke",
    "role_update",
]
