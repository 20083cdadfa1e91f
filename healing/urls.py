from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from healing import views

handler500 = "healing.views.server_error"

# Staff sign in through allauth too, so its rate limits and 2FA apply.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    # /
    path("", views.home, name="home"),
    path("support/", views.support, name="support"),
    path("privacy/", views.privacy, name="privacy"),
    path("healthz", views.healthz, name="healthz"),
    # /settings/
    path("settings/", include("accounts.urls")),
    # /guide/ and /reflections/
    path("", include("healing.guide_urls")),
    # /journal/
    path("journal/", include("journal.urls")),
    # /accounts/
    path("accounts/", include("allauth.urls")),
    # /admin/
    path("admin/", admin.site.urls),
]
