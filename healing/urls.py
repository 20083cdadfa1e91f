from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from healing import views

urlpatterns = [
    # /
    path("", views.home, name="home"),
    path("support/", views.support, name="support"),
    path("privacy/", views.privacy, name="privacy"),
    path("healthz", views.healthz, name="healthz"),
    # /guide/ and /reflections/
    path("", include("healing.guide_urls")),
    # /accounts/
    path("accounts/", include("allauth.urls")),
    # /admin/
    path("admin/", admin.site.urls),
]
