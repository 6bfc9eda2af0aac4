"""The HTTP API root at /api/v1/: every app's router is mounted here."""

from __future__ import annotations

from ninja.security import django_auth

from officium.accounts.api import me_router
from officium.approvals.api import router as approvals_router
from officium.attendance.api import router as attendance_router
from officium.core.api import audit_router, meta_router, system_router
from officium.core.api_base import OfficiumAPI, install_error_handlers
from officium.documents.api import router as documents_router
from officium.leave.api import router as leave_router
from officium.notifications.api import router as notifications_router
from officium.ops.api import router as ops_router
from officium.org.api import contacts_router, org_router

api = OfficiumAPI(
    title="Officium API",
    version="1",
    description=(
        "The open API of Officium. Every operation names the permission it needs in `x-permission`. "
        "Errors are RFC 9457 problem+json documents with a stable `code`. Lists are cursor-paginated: "
        "pass `next_cursor` back as `cursor`. Unsafe operations accept an `Idempotency-Key` header."
    ),
    auth=django_auth,
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)
install_error_handlers(api)

api.add_router("/meta", meta_router)
api.add_router("/system", system_router)
api.add_router("/audit", audit_router)
api.add_router("/me", me_router)
api.add_router("/org", org_router)
api.add_router("/contacts", contacts_router)
api.add_router("/approvals", approvals_router)
api.add_router("/attendance", attendance_router)
api.add_router("/leave", leave_router)
api.add_router("/ops", ops_router)
api.add_router("/documents", documents_router)
api.add_router("/notifications", notifications_router)
