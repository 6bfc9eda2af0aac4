"""Per-user HTTP behaviour: the language a person chose, and clearing site data when they sign out."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from officium.core.languages import DJANGO_LANGUAGES

LOGOUT_PATH = "/_allauth/browser/v1/auth/session"
CLEAR_SITE_DATA = '"cache", "storage"'


class ClearSiteDataOnLogoutMiddleware:
    """Signing out also tells the browser to drop what it cached of this site (PIPL, MLPS residual data)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method == "DELETE" and request.path == LOGOUT_PATH:
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response


class UserLanguageMiddleware:
    """A signed-in person's chosen language wins over the browser's Accept-Language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        chosen = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if chosen in DJANGO_LANGUAGES:
            translation.activate(DJANGO_LANGUAGES[chosen])
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
