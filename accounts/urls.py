from __future__ import annotations

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.settings_view, name="settings"),
    path("export/", views.export, name="export"),
    path("import/", views.import_view, name="import"),
    path("delete/", views.delete_account, name="delete"),
]
