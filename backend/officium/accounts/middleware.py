"""Signing out also tells the browser to drop what it cached of this site (PIPL, MLPS residual data)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

LOGOUT_PATH = "/_allauth/browser/v1/auth/session"
CLEAR_SITE_DATA = '"cache", "storage"'


class ClearSiteDataOnLogoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method == "DELETE" and request.path == LOGOUT_PATH:
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
