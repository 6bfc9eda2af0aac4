"""Permission codes of the organisation app. Employee and department codes reach as far as a grant's
data scope; the others are organisation-wide."""

from django.utils.translation import gettext_lazy as _

from officium.core.permissions import define

DEPARTMENT_MANAGE = define("org.department.manage", _("Create, rename, move and dissolve departments"))
EMPLOYEE_VIEW = define("org.employee.view", _("See employee records (hire dates, status, numbers)"))
EMPLOYEE_MANAGE = define("org.employee.manage", _("Add, edit, move and off-board employees"))
ROLE_MANAGE = define("org.role.manage", _("Grant and revoke roles"))
SETTINGS_MANAGE = define("org.settings.manage", _("Change organisation-wide policies"))
