"""Permission codes of leave. Reading one's own balances needs none."""

from django.utils.translation import gettext_lazy as _

from officium.core.permissions import define

BALANCE_MANAGE = define("leave.balance.manage", _("See and adjust employees' leave balances"))
