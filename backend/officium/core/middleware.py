"""Request context (request id, client address) and response headers common to every request."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from officium.core import context, metrics
from officium.core.errors import (
    PROBLEM_CONTENT_TYPE,
    PayloadTooLarge,
    UnsupportedMediaType,
    ValidationFailed,
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
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            context.deactivate(token)
        metrics.observe_request(request, response.status_code, time.perf_counter() - started)
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


PARSED_JSON_ATTRIBUTE = "_officium_json"


def _nul_refused() -> HttpResponse:
    return render_domain_error(ValidationFailed("Text cannot contain the NUL character (U+0000)", code="nul_character"))


def contains_nul(value: Any) -> bool:
    """NUL is no character of any text a person writes, and PostgreSQL stores none in text or jsonb."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(contains_nul(key) or contains_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(contains_nul(item) for item in value)
    return False


class ApiRequestGuardMiddleware:
    """Refuses API bodies that are too large (413), not JSON/multipart (415) or carry NUL characters (422)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            refusal = self._body_refusal(request) if request.method in BODY_METHODS else None
            if refusal is None and contains_nul(list(request.GET.lists())):
                refusal = _nul_refused()
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _body_refusal(self, request: HttpRequest) -> HttpResponse | None:
        # Multipart bodies are left unread here: reading them would consume the stream the idempotency
        # middleware hashes next (and Django's upload parser already drops NUL from file names).
        refusal = self._refusal(request)
        if refusal is None and request.content_type in JSON_CONTENT_TYPES and request.body:
            try:
                parsed = json.loads(request.body)
            except ValueError:
                return None  # the API answers malformed_json
            if contains_nul(parsed):
                return _nul_refused()
            setattr(request, PARSED_JSON_ATTRIBUTE, (parsed,))
        return refusal

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
