from __future__ import annotations

from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("settings/reminders/", views.edit_settings, name="settings"),
    path("reminders/moments/<slug:key>/", views.plan_moments, name="moments"),
    path("reminders/revisit/<slug:key>/", views.revisit, name="revisit"),
    path("reminders/<uuid:code>/cancel/", views.cancel, name="cancel"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
