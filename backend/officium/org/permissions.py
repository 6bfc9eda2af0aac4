"""Permission codes of the organisation app."""

from django.utils.translation import gettext_lazy as _

from officium.core.permissions import define

ROLE_MANAGE = define("org.role.manage", _("Grant and revoke roles"))
