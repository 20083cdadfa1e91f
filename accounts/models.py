from __future__ import annotations

import datetime
import zoneinfo
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from accounts import crypto
from accounts.sealed import SealedField

MAX_DISPLAY_NAME = 80


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "“%(value)s” is not a time zone we know. Choose one from the list, like Europe/London.",
            params={"value": value},
        )


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. They sign in with their email address."""

    email = models.EmailField("email address", max_length=254, unique=True)
    # Sealed like everything else the person writes (the settings form limits it to 80).
    display_name = SealedField(owner="self", blank=True)
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text="Used to decide what “today” means for you.",
    )
    on_this_day = models.BooleanField(
        "On this day",
        default=False,
        help_text="Show entries from this date in earlier years on Today. Off by default: "
        "past entries can hurt.",
    )
    stay_signed_in_on_quick_exit = models.BooleanField(
        "Stay signed in after Quick exit",
        default=False,
        help_text="Off by default: Quick exit signs you out, so the Back button leads to "
        "nothing private. Turn this on only if nobody else uses this device.",
    )
    discreet_mode = models.BooleanField(
        "Discreet mode",
        default=False,
        help_text="Tabs say “Notes” with a plain icon, and our emails come from “Notes” "
        "with subjects that do not say what this site is about.",
    )
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # This person's data key, wrapped by the master keys (see accounts.crypto).
    wrapped_data_key = models.TextField(editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.wrapped_data_key:
            self.wrapped_data_key = crypto.new_wrapped_data_key()
        super().save(*args, **kwargs)

    def delete_account(self) -> None:
        """Delete this person and every row of theirs (all cascade), and end their sessions."""
        session_keys = list(self.usersession_set.values_list("session_key", flat=True))
        with transaction.atomic():
            self.delete()
        store = import_module(settings.SESSION_ENGINE).SessionStore
        for key in session_keys:
            store(session_key=key).delete()

    def export_profile(self) -> dict[str, Any]:
        return {
            "email": self.email,
            "display_name": self.display_name,
            "time_zone": self.time_zone,
            "on_this_day": self.on_this_day,
            "stay_signed_in_on_quick_exit": self.stay_signed_in_on_quick_exit,
            "discreet_mode": self.discreet_mode,
            "date_joined": self.date_joined.isoformat(),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in self.emailaddress_set.order_by("email")
            ],
        }

    def restore_profile(self, data: dict[str, Any]) -> dict[str, int]:
        """Fill in what this account has not set yet; never overwrite a choice made here."""
        if not isinstance(data, dict):
            raise TypeError("the account details are not an object")
        name = str(data.get("display_name") or "")
        if "\x00" in name:
            raise ValueError("the display name holds a character that cannot be stored")
        restored = []
        if not self.display_name and name:
            self.display_name = name[:MAX_DISPLAY_NAME]
            restored.append("display_name")
        if self.time_zone == "UTC" and data.get("time_zone") in zoneinfo.available_timezones():
            self.time_zone = data["time_zone"]
            restored.append("time_zone")
        for choice in ["on_this_day", "stay_signed_in_on_quick_exit", "discreet_mode"]:
            if data.get(choice) is True and not getattr(self, choice):
                setattr(self, choice, True)
                restored.append(choice)
        if restored:
            self.save(update_fields=restored)
        return {"profile settings": len(restored)}

    def zone(self) -> zoneinfo.ZoneInfo:
        """This person's time zone; UTC if the stored name is not one this machine knows."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def time_zone_name(self) -> str:
        return self.time_zone.replace("_", " ")

    def local_now(self) -> datetime.datetime:
        return timezone.localtime(timezone.now(), self.zone())

    def today(self) -> datetime.date:
        """What "today" means for this person: the date where they are."""
        return self.local_now().date()

    def get_short_name(self) -> str:
        return self.display_name or self.email.split("@")[0]
