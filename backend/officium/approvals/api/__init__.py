"""HTTP API of the approval centre."""

from officium.approvals.api import reports
from officium.approvals.api.routes import router

router.add_router("", reports.router)

__all__ = ["router"]
