"""The documents API."""

from officium.documents.api.routes import router

__all__ = ["router"]
