from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from healing.models import Chapter, Exercise

# People's answers, progress and practice days are deliberately not registered:
# staff never see them here.


class FromContentFiles:
    """Chapters and exercises come from healing/content/: edit them, never add or delete."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ExerciseInline(FromContentFiles, admin.TabularInline):
    model = Exercise
    fields = ("key", "kind", "title", "order", "retired")
    readonly_fields = ("key", "kind")
    extra = 0
    show_change_link = True


@admin.register(Chapter)
class ChapterAdmin(FromContentFiles, admin.ModelAdmin):
    list_display = ("title", "slug", "order", "reading_minutes", "edited_in_admin")
    readonly_fields = ("slug", "reading_minutes", "source_hash")
    inlines = [ExerciseInline]

    def save_model(self, request: HttpRequest, obj: Chapter, form: Any, change: bool) -> None:
        # Loading the content files leaves an edited chapter alone unless forced.
        obj.edited_in_admin = True
        super().save_model(request, obj, form, change)


@admin.register(Exercise)
class ExerciseAdmin(FromContentFiles, admin.ModelAdmin):
    list_display = ("title", "key", "kind", "chapter", "retired")
    list_filter = ("kind", "retired", "chapter")
    readonly_fields = ("key", "kind", "chapter")

    def save_model(self, request: HttpRequest, obj: Exercise, form: Any, change: bool) -> None:
        # An edited exercise is an edited chapter: loading the files must not overwrite it.
        super().save_model(request, obj, form, change)
        Chapter.objects.filter(pk=obj.chapter_id).update(edited_in_admin=True)
