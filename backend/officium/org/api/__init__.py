"""HTTP API of the organisation app."""

from officium.org.api import transfer
from officium.org.api.routes import contacts_router, org_router

__all__ = ["contacts_router", "org_router", "transfer"]
