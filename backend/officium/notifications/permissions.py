"""Permission codes of notifications. Reading and managing one's own notifications needs none."""

from django.utils.translation import gettext_lazy as _

from officium.core.permissions import define

ROBOT_MANAGE = define("notifications.robot.manage", _("Configure the IM group robots that notifications are sent to"))
