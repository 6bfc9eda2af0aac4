"""URL map: the API, authentication, health, the Django admin and the single-page app."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path, re_path

from officium.config import views
from officium.config.api import api
from officium.core import health, metrics

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/docs", views.api_docs, name="api-docs"),
    path("_allauth/", include("allauth.headless.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("admin/", admin.site.urls),
    re_path(r"^(?!api/|_allauth/|admin/|static/|media/|ws/).*$", views.index, name="spa"),
]

handler404 = "officium.config.views.not_found"
