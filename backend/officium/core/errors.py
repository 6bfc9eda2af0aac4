"""Domain errors with stable codes, and their RFC 9457 problem+json rendering."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://officium.dev/problems/"


# The fields every problem document has (RFC 9457, plus our `code`) and the response's headers.
RESERVED_MEMBERS = frozenset({"type", "title", "status", "code", "detail", "instance", "headers"})


class DomainError(Exception):
    """An expected failure of a use case. `code` is stable: clients and tests match on it."""

    status = 400
    code = "bad_request"
    title: str | Promise = _("Bad request")

    def __init__(self, detail: Any = "", *, code: str | None = None, **extra: Any) -> None:
        reserved = RESERVED_MEMBERS & extra.keys()
        if reserved:
            # A member named like a field of the problem document would replace it (or fail to render).
            raise TypeError(f"{type(self).__name__}: {sorted(reserved)} name fields of the problem document")
        super().__init__(str(detail) or str(self.title))
        self.detail = str(detail) if detail else ""
        if code:
            self.code = code
        self.extra = extra


class NotAuthenticated(DomainError):
    status = 401
    code = "not_authenticated"
    title = _("Authentication required")


class PermissionDenied(DomainError):
    status = 403
    code = "permission_denied"
    title = _("You do not have permission to do this")


class NotFound(DomainError):
    """Also what a user gets for an object that exists but that they may not see."""

    status = 404
    code = "not_found"
    title = _("Not found")


class Conflict(DomainError):
    status = 409
    code = "conflict"
    title = _("The request conflicts with the current state")


class PayloadTooLarge(DomainError):
    status = 413
    code = "payload_too_large"
    title = _("The request body is too large")


class UnsupportedMediaType(DomainError):
    status = 415
    code = "unsupported_media_type"
    title = _("Unsupported content type")


class ValidationFailed(DomainError):
    status = 422
    code = "validation_error"
    title = _("The request is not valid")


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"
    title = _("Too many requests")


def problem_response(
    *,
    status: int,
    code: str,
    title: Any,
    detail: str = "",
    instance: str = "",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + code,
        "title": str(title),
        "status": status,
        "code": code,
    }
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    body.update(extra)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, default=str),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def render_domain_error(error: DomainError, instance: str = "") -> HttpResponse:
    return problem_response(
        status=error.status,
        code=error.code,
        title=error.title,
        detail=error.detail,
        instance=instance,
        **error.extra,
    )
