from __future__ import annotations

from django.urls import path

from healing import views

app_name = "guide"

urlpatterns = [
    # /guide/
    path("guide/", views.contents, name="contents"),
    path("guide/<slug:slug>/", views.chapter, name="chapter"),
    path("guide/<slug:slug>/complete/", views.chapter_complete, name="chapter-complete"),
    path("guide/exercises/<slug:key>/", views.exercise_save, name="exercise-save"),
    path("guide/exercises/<slug:key>/days/", views.practice_ticks, name="practice-days"),
    # /reflections/
    path("reflections/", views.reflections, name="reflections"),
    path("reflections/<uuid:code>/", views.answer, name="answer"),
]
