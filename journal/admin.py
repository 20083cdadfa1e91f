from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from journal.models import Entry


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """Staff may see that entries exist, by owner and date; never a word of them."""

    list_display = ["code", "user", "entry_date", "created_at", "trashed_at"]
    list_filter = ["trashed_at"]
    search_fields = ["user__email"]
    ordering = ["-created_at"]
    fields = ["code", "user", "entry_date", "created_at", "updated_at", "trashed_at"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Entry | None = None) -> bool:
        return False
