"""Serves the single-page app's index.html for every client-side route, and the API docs page."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.views.decorators.csrf import ensure_csrf_cookie

from officium.config.api import api
from officium.core.errors import NotFound, render_domain_error
from officium.core.middleware import API_PREFIX

SCRIPT_TAG = re.compile(r"<script(?=[\s>])")


@ensure_csrf_cookie
def index(request: HttpRequest) -> HttpResponse:
    """index.html of the built front end; the CSRF cookie is set for the app's first API call."""
    index_file = settings.FRONTEND_DIR / "index.html"
    try:
        html = index_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return HttpResponse(
            "The front end has not been built yet: run `make build` (or `make run`).",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    nonce = get_nonce(request)
    if nonce is not None:
        # Any inline script a build step adds runs only with this response's CSP nonce.
        html = SCRIPT_TAG.sub(f'<script nonce="{nonce}"', html)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def api_docs(request: HttpRequest) -> HttpResponse:
    """Interactive documentation of /api/v1/ (Swagger UI, served locally)."""
    return api.docs.render_page(request, api)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return render_domain_error(NotFound(), instance=request.path)
    return HttpResponse("Not found", status=404, content_type="text/plain; charset=utf-8")
