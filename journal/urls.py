from __future__ import annotations

from django.urls import path

from journal import views

app_name = "journal"

urlpatterns = [
    # /journal/
    path("journal/", views.entry_list, name="entry-list"),
    path("journal/new/", views.entry_new, name="entry-new"),
    path("journal/trash/", views.trash, name="trash"),
    path("journal/calendar/", views.calendar, name="calendar"),
    path("journal/mood/", views.check_in, name="check-in"),
    path("journal/<uuid:code>/", views.entry_detail, name="entry-detail"),
    path("journal/<uuid:code>/edit/", views.entry_edit, name="entry-edit"),
    path("journal/<uuid:code>/history/", views.entry_history, name="entry-history"),
    path(
        "journal/<uuid:code>/history/<uuid:revision>/",
        views.revision_detail,
        name="revision-detail",
    ),
    path(
        "journal/<uuid:code>/history/<uuid:revision>/restore/",
        views.revision_restore,
        name="revision-restore",
    ),
    path("journal/<uuid:code>/delete/", views.entry_trash, name="entry-trash"),
    path("journal/<uuid:code>/restore/", views.entry_untrash, name="entry-untrash"),
    path(
        "journal/<uuid:code>/delete-forever/",
        views.entry_delete_forever,
        name="entry-delete-forever",
    ),
    # /insights/
    path("insights/", views.insights, name="insights"),
]
