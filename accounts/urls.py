from __future__ import annotations

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.edit_settings, name="settings"),
    path("export/", views.download_export, name="export"),
    path("import/", views.restore_export, name="import"),
    path("delete/", views.delete_account, name="delete"),
]
