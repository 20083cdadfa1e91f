from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from accounts import views as accounts_views
from healing import views
from journal import views as journal_views

handler500 = "healing.views.server_error"

# Staff sign in through allauth too, so its rate limits and 2FA apply.
admin.site.login = secure_admin_login(admin.site.login)


def home(request: HttpRequest) -> HttpResponse:
    """/ is the landing page for a visitor, and Today for a signed-in person."""
    if request.user.is_authenticated:
        return journal_views.today(request)
    return views.landing(request)


urlpatterns = [
    # /
    path("", home, name="home"),
    path("support/", views.support, name="support"),
    path("privacy/", views.privacy, name="privacy"),
    path("healthz", views.healthz, name="healthz"),
    path("quick-exit/", accounts_views.quick_exit, name="quick-exit"),
    # /settings/reminders/ and /reminders/
    path("", include("reminders.urls")),
    # /settings/
    path("settings/", include("accounts.urls")),
    # /guide/ and /reflections/
    path("", include("healing.guide_urls")),
    # /journal/ and /insights/
    path("", include("journal.urls")),
    # /safety-plan/ and /pause/
    path("", include("safety.urls")),
    # /accounts/
    path("accounts/", include("allauth.urls")),
    # /admin/
    path("admin/", admin.site.urls),
]
