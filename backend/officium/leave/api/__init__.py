"""The leave API."""

from officium.leave.api.routes import router

__all__ = ["router"]
