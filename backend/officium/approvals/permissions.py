"""Permission codes of the approval centre. Submitting and acting on one's own tasks need none:
they follow from the template's submitter list and the task's assignment."""

from django.utils.translation import gettext_lazy as _

from officium.core.permissions import define

TEMPLATE_MANAGE = define("approvals.template.manage", _("Design and publish approval templates"))
INSTANCE_MANAGE = define("approvals.instance.manage", _("Reassign, terminate and export any approval"))
STATISTICS_VIEW = define("approvals.statistics.view", _("See approval statistics"))
