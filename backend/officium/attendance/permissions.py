"""Permission codes of attendance. Punching needs none: every active employee punches for themself."""

from django.utils.translation import gettext_lazy as _

from officium.core.permissions import define

GROUP_MANAGE = define("attendance.group.manage", _("Set up attendance groups and clock-in places"))
REPORT_VIEW = define("attendance.report.view", _("See attendance reports of the people in one's scope"))
PUNCH_REVIEW = define("attendance.punch.review", _("Review punches that need it, in one's scope"))
PERIOD_LOCK = define("attendance.period.lock", _("Close and reopen months of attendance (月结)"))
