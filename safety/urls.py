from __future__ import annotations

from django.urls import path

from safety import views

app_name = "safety"

urlpatterns = [
    # /safety-plan/
    path("safety-plan/", views.plan, name="plan"),
    path("safety-plan/print/", views.print_view, name="print"),
    path("safety-plan/signed-in/", views.signed_in, name="signed-in"),
    path("safety-plan/versions/", views.versions, name="versions"),
    path("safety-plan/versions/<uuid:code>/", views.version, name="version"),
    path("safety-plan/versions/<uuid:code>/restore/", views.version_restore, name="restore"),
    # /pause/
    path("pause/", views.pause, name="pause"),
]
