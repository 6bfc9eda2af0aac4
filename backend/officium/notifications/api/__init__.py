"""The notifications API."""

from officium.notifications.api.routes import router

__all__ = ["router"]
