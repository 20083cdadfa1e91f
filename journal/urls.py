from __future__ import annotations

from django.urls import path

from journal import views

app_name = "journal"

urlpatterns = [
    # /journal/
    path("", views.entry_list, name="entry-list"),
    path("new/", views.entry_new, name="entry-new"),
    path("trash/", views.trash, name="trash"),
    path("calendar/", views.calendar, name="calendar"),
    path("<uuid:code>/", views.entry_detail, name="entry-detail"),
    path("<uuid:code>/edit/", views.entry_edit, name="entry-edit"),
    path("<uuid:code>/history/", views.entry_history, name="entry-history"),
    path("<uuid:code>/history/<uuid:revision>/", views.revision_detail, name="revision-detail"),
    path(
        "<uuid:code>/history/<uuid:revision>/restore/",
        views.revision_restore,
        name="revision-restore",
    ),
    path("<uuid:code>/delete/", views.entry_trash, name="entry-trash"),
    path("<uuid:code>/restore/", views.entry_untrash, name="entry-untrash"),
    path("<uuid:code>/delete-forever/", views.entry_delete_forever, name="entry-delete-forever"),
]
