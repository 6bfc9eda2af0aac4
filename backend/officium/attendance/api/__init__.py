"""The attendance API."""

from officium.attendance.api.routes import router

__all__ = ["router"]
