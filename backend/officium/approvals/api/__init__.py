"""HTTP API of the approval centre."""

from officium.approvals.api.routes import router

__all__ = ["router"]
