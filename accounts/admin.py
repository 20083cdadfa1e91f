from __future__ import annotations

from allauth.mfa import admin as _mfa_admin  # noqa: F401
from allauth.mfa.models import Authenticator
from allauth.usersessions import admin as _usersessions_admin  # noqa: F401
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import User

# allauth registers its two-factor and session models in the admin; they are each
# person's own (secrets; where they signed in from). Their admin modules are imported
# above, before the admin's autodiscovery would, only to take them out again.
admin.site.unregister([Authenticator, UserSession])


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """Staff see who has an account, never what anyone wrote (and never key material)."""

    list_display = ["email", "is_active", "is_staff", "date_joined", "last_login"]
    list_filter = ["is_active", "is_staff"]
    search_fields = ["email"]
    ordering = ["-date_joined"]
    fields = [
        "email",
        "time_zone",
        "is_active",
        "is_staff",
        "date_joined",
        "last_login",
    ]
    # Staff may deactivate an account or grant staff rights; the rest is the person's own.
    readonly_fields = ["email", "time_zone", "date_joined", "last_login"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # People sign up themselves, which creates their data key and verifies their address.
        return False

    # Deleting here must end the person's sessions too, as deleting from Settings does.
    def delete_model(self, request: HttpRequest, obj: User) -> None:
        obj.delete_account()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            user.delete_account()
