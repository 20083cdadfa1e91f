from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from healing.models import Chapter, Exercise

# People's answers, progress and practice days are deliberately not registered:
# staff never see them here.


class ExerciseInline(admin.TabularInline):
    model = Exercise
    fields = ("key", "kind", "title", "order", "retired")
    readonly_fields = ("key", "kind")
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Chapter | None = None) -> bool:
        return False


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "order", "reading_minutes", "edited_in_admin")
    readonly_fields = ("slug", "reading_minutes", "source_hash")
    inlines = [ExerciseInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # chapters come from the content files

    def save_model(self, request: HttpRequest, obj: Chapter, form: Any, change: bool) -> None:
        # Loading the content files leaves an edited chapter alone unless forced.
        obj.edited_in_admin = True
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request: HttpRequest, obj: Chapter | None = None) -> bool:
        return False


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ("title", "key", "kind", "chapter", "retired")
    list_filter = ("kind", "retired", "chapter")
    readonly_fields = ("key", "kind", "chapter")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # exercises come from the content files

    def has_delete_permission(self, request: HttpRequest, obj: Exercise | None = None) -> bool:
        return False
