"""What a fast lane needs to answer an API request without Django's request cycle (ADR 0022).

A lane serves one hot operation straight from the ASGI server. It admits a request only when every
check Django would make passes here too — the host, the origin, the CSRF token, a signed-in session,
a JSON body — and hands everything else to Django unchanged, so refusals keep their one
implementation. This module holds those checks and the answer's headers; the lanes themselves live
with their apps.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import Any, cast

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, parse_cookie
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.csp import build_policy
from ninja.responses import NinjaJSONEncoder

from officium.core import context
from officium.core.api_base import JSONRenderer
from officium.core.languages import DJANGO_LANGUAGES
from officium.core.middleware import client_ip

Scope = dict[str, Any]
JSON_TYPE = "application/json"


@dataclass(frozen=True)
class Admission:
    """A request that passed the checks: whose session, in which language context, from where."""

    session_key: str
    scheme: str
    cookies: dict[str, str]
    accept_language: str
    request: context.RequestContext


def headers_of(scope: Scope) -> dict[str, str]:
    """The request's headers by lower-case name; repeated ones joined as HTTP joins them."""
    found: dict[str, str] = {}
    for raw_name, raw_value in scope["headers"]:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        separator = "; " if name == "cookie" else ", "
        found[name] = f"{found[name]}{separator}{value}" if name in found else value
    return found


def admit(scope: Scope, headers: Mapping[str, str]) -> Admission | None:
    """The request if Django would let it reach the view as a session's JSON request: host allowed,
    origin and CSRF token right (checked by Django's own CSRF middleware). None: Django must decide
    (it may still accept, or refuse as it does). Whether the session is signed in is `session_users`'s."""
    if "idempotency-key" in headers or settings.SESSION_SAVE_EVERY_REQUEST:
        return None
    if headers.get("content-type", "").split(";")[0].strip().lower() != JSON_TYPE:
        return None
    request = _LaneRequest(scope, headers)
    try:
        request.get_host()  # ALLOWED_HOSTS
    except DisallowedHost:
        return None
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return None
    csrf = CsrfViewMiddleware(_never_called)
    csrf.process_request(request)
    if csrf.process_view(request, _never_called, (), {}) is not None:
        return None
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return None
    return Admission(
        session_key=session_key,
        scheme=request.scheme or "http",
        cookies=request.COOKIES,
        accept_language=headers.get("accept-language", ""),
        request=context.RequestContext(
            request_id=context.new_request_id(headers.get("x-request-id")),
            ip=client_ip(request),
            user_agent=headers.get("user-agent", "")[:512],
        ),
    )


class _LaneRequest(HttpRequest):
    """Just enough of a Django request for its host, scheme, CSRF and client-address checks."""

    def __init__(self, scope: Scope, headers: Mapping[str, str]) -> None:
        super().__init__()
        self.method = "POST"
        self.path = self.path_info = scope["path"]
        self._scope_scheme = str(scope.get("scheme") or "http")
        client = scope.get("client")
        self.META = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
        self.META["REMOTE_ADDR"] = client[0] if client else ""
        self.COOKIES = parse_cookie(headers.get("cookie", ""))

    def _get_scheme(self) -> str:
        return self._scope_scheme


def _never_called(request: HttpRequest) -> HttpResponse:
    raise AssertionError("the lane asks Django's middleware for its checks only")


# --- sessions ---------------------------------------------------------------------------------------------------
def session_users(keys: Iterable[str]) -> dict[str, Any]:
    """{session key: its signed-in, active user} for the sessions that are valid as Django's
    authentication middleware checks them (backend, user, the password-hash binding)."""
    engine = import_module(settings.SESSION_ENGINE)
    stores = {key: engine.SessionStore(session_key=key) for key in keys}
    stores = {key: store for key, store in stores.items() if store.session_key == key}  # well-formed keys only
    sessions = _load_sessions(stores)
    user_ids = {
        key: data[SESSION_KEY]
        for key, data in sessions.items()
        if SESSION_KEY in data and data.get(BACKEND_SESSION_KEY) in settings.AUTHENTICATION_BACKENDS
    }
    user_model = get_user_model()
    users = user_model._default_manager.in_bulk({user_model._meta.pk.to_python(pk) for pk in user_ids.values()})
    found = {}
    for key, user_id in user_ids.items():
        user = users.get(user_model._meta.pk.to_python(user_id))
        if user is not None and user.is_active and _hash_matches(sessions[key].get(HASH_SESSION_KEY), user):
            found[key] = user
    return found


def _load_sessions(stores: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The sessions' data as their engine's `load()` gives it, in a few round trips for them all: the
    cache first (one read), then the database (one query), which fills the cache as `load()` does."""
    cached_db = settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    if not stores or not (cached_db or settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"):
        return {key: store.load() for key, store in stores.items()}
    found: dict[str, dict[str, Any]] = {}
    if cached_db:
        by_cache_key = {store.cache_key: key for key, store in stores.items()}
        cached = caches[settings.SESSION_CACHE_ALIAS].get_many(list(by_cache_key))
        found = {by_cache_key[cache_key]: data for cache_key, data in cached.items() if isinstance(data, dict)}
    missing = [key for key in stores if key not in found]
    if missing:
        model = next(iter(stores.values())).get_model_class()
        for row in model.objects.filter(session_key__in=missing, expire_date__gt=timezone.now()):
            store = stores[row.session_key]
            found[row.session_key] = store.decode(row.session_data)
            if cached_db:
                timeout = store.get_expiry_age(expiry=row.expire_date)
                caches[settings.SESSION_CACHE_ALIAS].set(store.cache_key, found[row.session_key], timeout)
    return found


def _hash_matches(session_hash: str | None, user: Any) -> bool:
    if not session_hash:
        return False
    if constant_time_compare(session_hash, user.get_session_auth_hash()):
        return True
    return any(
        constant_time_compare(session_hash, user._get_session_auth_hash(secret=fallback))
        for fallback in settings.SECRET_KEY_FALLBACKS
    )


# --- answers ------------------------------------------------------------------------------------------------------
def json_answer(admission: Admission, user: Any, status: int, body: bytes) -> dict[str, Any]:
    """The ASGI response start of a JSON answer with the headers Django's middleware would add."""
    headers = [
        ("content-type", "application/json; charset=utf-8"),
        ("content-length", str(len(body))),
        ("vary", "Accept-Language, Cookie"),
        ("content-language", _language(admission, user)),
        ("cache-control", "no-store"),
        ("x-request-id", admission.request.request_id),
        *_static_headers(admission.scheme),
    ]
    return {
        "type": "http.response.start",
        "status": status,
        "headers": [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers],
    }


def _language(admission: Admission, user: Any) -> str:
    """The language Django's locale middleware and ours would pick: the person's, else the browser's."""
    chosen = getattr(user, "language", "")
    if chosen in DJANGO_LANGUAGES:
        return DJANGO_LANGUAGES[chosen]
    return _browser_language(admission.cookies.get(settings.LANGUAGE_COOKIE_NAME, ""), admission.accept_language)


@functools.lru_cache(maxsize=256)
def _browser_language(cookie: str, accept_language: str) -> str:
    request = HttpRequest()
    request.COOKIES = {settings.LANGUAGE_COOKIE_NAME: cookie} if cookie else {}
    request.META = {"HTTP_ACCEPT_LANGUAGE": accept_language}
    return translation.get_language_from_request(request)


@functools.cache
def _static_headers(scheme: str) -> list[tuple[str, str]]:
    headers = [("x-frame-options", settings.X_FRAME_OPTIONS)]
    if settings.SECURE_CSP:
        headers.append(("content-security-policy", build_policy(cast(Any, settings.SECURE_CSP))))
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("x-content-type-options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        headers.append(("referrer-policy", settings.SECURE_REFERRER_POLICY))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("cross-origin-opener-policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    if scheme == "https" and settings.SECURE_HSTS_SECONDS:
        hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        hsts += "; includeSubDomains" if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS else ""
        hsts += "; preload" if settings.SECURE_HSTS_PRELOAD else ""
        headers.append(("strict-transport-security", hsts))
    return headers


def dumps(value: Any) -> bytes:
    """JSON as the API renders it (django-ninja's encoder: dates, decimals, UUIDs)."""
    return json.dumps(value, cls=NinjaJSONEncoder, **JSONRenderer.json_dumps_params).encode()
