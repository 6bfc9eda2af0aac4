"""Request context (request id, client address) and response headers common to every request."""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from officium.core import context
from officium.core.errors import (
    PROBLEM_CONTENT_TYPE,
    PayloadTooLarge,
    UnsupportedMediaType,
    problem_response,
    render_domain_error,
)

API_PREFIX = "/api/"


def client_ip(request: HttpRequest) -> str | None:
    """The client address: from X-Forwarded-For only when a trusted proxy count is configured."""
    trusted_proxies: int = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if trusted_proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted_proxies:
            return str(forwarded[-trusted_proxies])
    remote = request.META.get("REMOTE_ADDR")
    return str(remote) if remote else None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_context = context.RequestContext(
            request_id=context.new_request_id(request.headers.get("X-Request-ID")),
            ip=client_ip(request),
            user_agent=request.headers.get("User-Agent", "")[:512],
        )
        token = context.activate(request_context)
        try:
            response = self.get_response(request)
        finally:
            context.deactivate(token)
        if request.path.startswith(API_PREFIX):
            response = _as_problem(response)
            # API answers carry personal data: never store them in shared or browser caches.
            response.setdefault("Cache-Control", "no-store")
        response["X-Request-ID"] = request_context.request_id
        return response


def _as_problem(response: HttpResponse) -> HttpResponse:
    """Errors that frameworks answer in their own shape (405, CSRF) leave the API as problem+json too."""
    if response.status_code < 400 or response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE):
        return response
    problem = problem_response(
        status=response.status_code,
        code=f"http_{response.status_code}",
        title=HTTPStatus(response.status_code).phrase,
    )
    for header in ("Allow", "Retry-After"):
        if header in response:
            problem[header] = response[header]
    return problem


JSON_CONTENT_TYPES = frozenset({"application/json", "application/merge-patch+json"})
FORM_CONTENT_TYPES = frozenset({"multipart/form-data"})
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class ApiRequestGuardMiddleware:
    """Refuses API bodies that are too large (413) or not JSON/multipart (415) before any parsing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX) and request.method in BODY_METHODS:
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return render_domain_error(PayloadTooLarge(f"The limit is {limit} bytes."))
        has_body = length > 0 or "chunked" in request.headers.get("Transfer-Encoding", "")
        if has_body and request.content_type not in JSON_CONTENT_TYPES | FORM_CONTENT_TYPES:
            return render_domain_error(
                UnsupportedMediaType(f"Send application/json, not {request.content_type or 'no type'}.")
            )
        return None
