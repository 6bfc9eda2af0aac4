"""API building blocks: a Router whose every operation declares its permission, and the error mapping.

    router = Router(tags=["audit"])

    @router.get("/events", response=list[AuditEventOut])
    @requires(AUDIT_EVENT_VIEW)
    @paginate(KeysetPagination, ordering=("-id",))
    def list_events(request): ...

`requires(code)` checks the permission before the view runs and publishes it in the OpenAPI schema
as `x-permission`; an operation without it cannot be registered.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

import ninja
import ninja.parser
import ninja.renderers
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import AfterValidator, BeforeValidator, ConfigDict

from officium.core import permissions
from officium.core.errors import (
    DomainError,
    NotAuthenticated,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    UnsupportedMediaType,
    ValidationFailed,
    problem_response,
    render_domain_error,
)
from officium.core.middleware import PARSED_JSON_ATTRIBUTE

logger = logging.getLogger(__name__)

PERMISSION_ATTRIBUTE = "_officium_permission"
# django-ninja raises HttpError with these messages; they get stable codes of their own.
NINJA_ERRORS = {
    "Cannot parse request body": ("malformed_json", "The request body is not valid JSON"),
    "CSRF check Failed": ("csrf_failed", "The CSRF token is missing or wrong"),
}
PERMISSION_EXTENSION = "x-permission"

F = TypeVar("F", bound=Callable[..., Any])


def requires(code: str) -> Callable[[F], F]:
    """Declare (and enforce) the permission an operation needs: a code, PUBLIC or AUTHENTICATED."""
    if code not in permissions.MARKERS and not permissions.is_defined(code):
        raise ValueError(f"unknown permission {code!r}: define it in the app's permissions.py")

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            permissions.require(actor(request), code)
            return view(request, *args, **kwargs)

        setattr(checked, PERMISSION_ATTRIBUTE, code)
        return checked  # type: ignore[return-value]

    return decorate


def actor(request: HttpRequest) -> Any:
    """The user on whose behalf the request acts (session user or, later, a token's user)."""
    auth = getattr(request, "auth", None)
    if auth is not None and getattr(auth, "is_authenticated", False):
        return auth
    return request.user


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "An RFC 9457 problem document.",
    "required": ["type", "title", "status", "code"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "code": {"type": "string", "description": "stable, machine-readable error code"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "loc": {"type": "array", "items": {"type": "string"}},
                    "msg": {"type": "string"},
                    "type": {"type": "string"},
                },
            },
        },
    },
    "additionalProperties": True,
}
ERROR_DESCRIPTIONS = {
    "400": "Bad request (for example an invalid cursor or Idempotency-Key)",
    "401": "Not signed in",
    "403": "Not allowed: the declared permission, a data scope or a rule of the step refuses it (or no CSRF token)",
    "404": "Not found, or not visible to you",
    "409": "Conflicts with the current state, or the same Idempotency-Key is still in flight",
    "413": "Request body too large",
    "415": "Unsupported content type",
    "422": "Invalid input, or an Idempotency-Key reused with another payload",
    "429": "Too many requests",
}
UNSAFE = {"post", "put", "patch", "delete"}


class JSONRenderer(ninja.renderers.JSONRenderer):
    """UTF-8 JSON: Chinese text travels as itself, not as \\u escapes (half the bytes)."""

    json_dumps_params = {"ensure_ascii": False}


class Parser(ninja.parser.Parser):
    """Reads a JSON body once: the request guard has parsed it already to look for NUL characters."""

    def parse_body(self, request: HttpRequest) -> Any:
        parsed = getattr(request, PARSED_JSON_ATTRIBUTE, None)
        if parsed is not None:
            return parsed[0]
        return super().parse_body(request)


class OfficiumAPI(NinjaAPI):
    """A NinjaAPI whose schema documents the problem+json answers every operation can give."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(renderer=JSONRenderer(), parser=Parser(), **kwargs)

    def get_openapi_operation_id(self, operation: Any) -> str:
        return str(operation.view_func.__name__)

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for methods in schema["paths"].values():
            for method, operation in methods.items():
                for status in self._error_statuses(method, operation):
                    operation["responses"].setdefault(
                        status, {"description": ERROR_DESCRIPTIONS[status], "content": problem}
                    )
        return schema

    @staticmethod
    def _error_statuses(method: str, operation: dict[str, Any]) -> list[str]:
        code = operation.get(PERMISSION_EXTENSION)
        statuses = ["400", "404", "422", "429"]
        if code != permissions.PUBLIC:
            statuses.append("401")
        if method in UNSAFE:
            statuses += ["409", "413", "415"]
        if code != permissions.PUBLIC:
            # Beyond the declared permission, services refuse by their own rules (a data scope, an
            # action a step does not allow, an account that is not an employee) — and CSRF.
            statuses.append("403")
        return sorted(statuses)


def _iso_text(value: Any) -> Any:
    """Dates and times arrive as ISO 8601 text, never as numbers read as Unix timestamps."""
    if isinstance(value, int | float | bool) or (isinstance(value, str) and _looks_numeric(value)):
        raise ValueError("write it as ISO 8601 text, e.g. 2026-11-25 or 2026-11-25T09:30:00+08:00")
    return value


def _looks_numeric(text: str) -> bool:
    """A query string carries "1700000000" or "0.0" as text; pydantic would read it as a timestamp."""
    try:
        float(text)
    except ValueError:
        return False
    return True


# Dates an office system needs, with room for arithmetic on them (a day after, a year before):
# 0001-01-01 or 9999-12-31 would overflow in a date range or a default period.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _plausible_year(value: datetime.date) -> datetime.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"dates run from {FIRST_YEAR} to {LAST_YEAR}")
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_text), AfterValidator(_plausible_year)]
IsoDateTime = Annotated[datetime.datetime, BeforeValidator(_iso_text), AfterValidator(_plausible_year)]


class Strict(ninja.Schema):
    """The base of request bodies: an unknown field is an error, never silently dropped."""

    model_config = ConfigDict(extra="forbid")


def sent_fields(payload: Any, *, clearable: Any = frozenset()) -> dict[str, Any]:
    """The fields a client sent in a partial update; null is accepted only where it clears a value."""
    fields: dict[str, Any] = payload.model_dump(exclude_unset=True)
    refused = sorted(name for name, value in fields.items() if value is None and name not in clearable)
    if refused:
        raise ValidationFailed(f"These fields cannot be null: {', '.join(refused)}", code="null_not_allowed")
    return fields


def file_response(content: bytes | str, content_type: str, name: str, *, inline: bool = False) -> HttpResponse:
    """A file to download (or to show, `inline`), named in UTF-8 (Chinese names survive), never cached."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"{'inline' if inline else 'attachment'}; filename*=UTF-8''{quote(name)}"
    response["Cache-Control"] = "private, no-store"
    return response


def file_docs(description: str, *content_types: str) -> dict[str, Any]:
    """`openapi_extra` for an operation that answers a file of one of `content_types`."""

    def schema(content_type: str) -> dict[str, str]:
        return {"type": "string"} if content_type.startswith("text/") else {"type": "string", "format": "binary"}

    content = {content_type.split(";")[0]: {"schema": schema(content_type)} for content_type in content_types}
    # Integer keys: they merge into ninja's own 200 instead of standing beside it.
    return {"responses": {200: {"description": description, "content": content}}}


class Router(ninja.Router):
    def add_api_operation(self, path: str, methods: list[str], view_func: Callable[..., Any], **kwargs: Any) -> None:
        code = getattr(view_func, PERMISSION_ATTRIBUTE, None)
        if code is None:
            raise ninja.errors.ConfigError(
                f"{view_func.__module__}.{view_func.__qualname__} declares no permission: add @requires(...)"
            )
        extra = dict(kwargs.pop("openapi_extra", None) or {})
        extra[PERMISSION_EXTENSION] = code
        if code == permissions.PUBLIC:
            kwargs["auth"] = None
        super().add_api_operation(path, methods, view_func, openapi_extra=extra, **kwargs)


def _validation_errors(error: NinjaValidationError) -> list[dict[str, Any]]:
    details = []
    for item in error.errors:
        details.append(
            {
                "loc": [str(part) for part in item.get("loc", [])],
                "msg": str(item.get("msg", "")),
                "type": str(item.get("type", "")),
            }
        )
    return details


def install_error_handlers(api: NinjaAPI) -> None:
    """Every error leaves the API as RFC 9457 problem+json with a stable `code`."""

    def on_domain_error(request: HttpRequest, error: Any) -> HttpResponse:
        return render_domain_error(error, instance=request.path)

    def on_validation_error(request: HttpRequest, error: Any) -> HttpResponse:
        problem = ValidationFailed()
        return problem_response(
            status=problem.status,
            code=problem.code,
            title=problem.title,
            instance=request.path,
            errors=_validation_errors(error),
        )

    def on_authentication_error(request: HttpRequest, error: Any) -> HttpResponse:
        return render_domain_error(NotAuthenticated(), instance=request.path)

    def on_permission_denied(request: HttpRequest, error: Any) -> HttpResponse:
        return render_domain_error(PermissionDenied(), instance=request.path)

    def on_not_found(request: HttpRequest, error: Any) -> HttpResponse:
        return render_domain_error(NotFound(), instance=request.path)

    def on_too_big(request: HttpRequest, error: Any) -> HttpResponse:
        return render_domain_error(PayloadTooLarge(), instance=request.path)

    def on_http_error(request: HttpRequest, error: Any) -> HttpResponse:
        message = str(error.message)
        for prefix, (code, title) in NINJA_ERRORS.items():
            if message.startswith(prefix):
                return problem_response(status=error.status_code, code=code, title=title, instance=request.path)
        return problem_response(
            status=error.status_code, code=f"http_{error.status_code}", title=message, instance=request.path
        )

    def on_form_body(request: HttpRequest, error: Any) -> HttpResponse:
        # A form or multipart body sent to an operation that reads JSON: the form was parsed first.
        return render_domain_error(
            UnsupportedMediaType("Send this request body as application/json."), instance=request.path
        )

    def on_unexpected(request: HttpRequest, error: Any) -> HttpResponse:
        logger.exception("unhandled error in %s %s", request.method, request.path)
        return problem_response(
            status=500,
            code="internal_error",
            title="Something went wrong on our side; it has been logged",
            instance=request.path,
        )

    api.add_exception_handler(DomainError, on_domain_error)
    api.add_exception_handler(NinjaValidationError, on_validation_error)
    api.add_exception_handler(AuthenticationError, on_authentication_error)
    api.add_exception_handler(AuthorizationError, on_permission_denied)
    api.add_exception_handler(DjangoPermissionDenied, on_permission_denied)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(RawPostDataException, on_form_body)
    api.add_exception_handler(Exception, on_unexpected)
