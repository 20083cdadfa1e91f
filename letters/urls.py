from __future__ import annotations

from django.urls import path

from letters import views

app_name = "letters"

urlpatterns = [
    # /letters/
    path("letters/", views.letter_list, name="letter-list"),
    path("letters/new/", views.letter_new, name="letter-new"),
    path("letters/<uuid:code>/", views.letter_detail, name="letter-detail"),
    path("letters/<uuid:code>/open/", views.letter_open, name="letter-open"),
    path("letters/<uuid:code>/edit/", views.letter_edit, name="letter-edit"),
    path("letters/<uuid:code>/delete/", views.letter_delete, name="letter-delete"),
]
