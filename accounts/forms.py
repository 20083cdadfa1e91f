from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from accounts import portability
from accounts.models import MAX_DISPLAY_NAME, User

DELETE_PHRASE = "delete my account"
# Real places only: "localtime", "posixrules" and the like are not anyone's home.
TIME_ZONES = sorted(name for name in zoneinfo.available_timezones() if "/" in name or name == "UTC")


class ZoneSelect(forms.Select):
    """Some 600 places: written out here, since a template per option made the
    settings page take 40 ms to draw. The same markup as Django's select."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = str(value)
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            ((code, " selected" if code == chosen else "", label) for code, label in self.choices),
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>\n{}\n</select>', name, attrs, options)


class SettingsForm(forms.ModelForm):
    # Sealed on the model (never in a ModelForm by itself): read and written here.
    display_name = forms.CharField(
        label="Display name",
        max_length=MAX_DISPLAY_NAME,
        required=False,
        help_text="What we call you on your pages. Optional.",
    )
    time_zone = forms.ChoiceField(
        widget=ZoneSelect,
        choices=[(name, name.replace("_", " ")) for name in TIME_ZONES],
        help_text="Used to decide what “today” means for you.",
        error_messages={"invalid_choice": "Choose your time zone from the list."},
    )

    field_order = [
        "display_name",
        "time_zone",
        "on_this_day",
        "discreet_mode",
        "stay_signed_in_on_quick_exit",
    ]

    class Meta:
        model = User
        fields = ["time_zone", "on_this_day", "discreet_mode", "stay_signed_in_on_quick_exit"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].initial = self.instance.display_name

    def save(self, commit: bool = True) -> User:
        self.instance.display_name = self.cleaned_data["display_name"]
        return super().save(commit)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Your export file",
        help_text="The .zip you downloaded from Healing Hearts, or the data.json inside it.",
        error_messages={"required": "Choose the file you exported, then press Restore."},
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > portability.MAX_EXPORT_BYTES:
            raise forms.ValidationError(
                "This file is larger than 50 MB; an export is much smaller."
            )
        return upload.read()


class DeleteAccountForm(forms.Form):
    confirmation = forms.CharField(
        label=f"To confirm, type “{DELETE_PHRASE}”",
        strip=True,
        error_messages={"required": f"Type “{DELETE_PHRASE}” to confirm."},
    )

    def clean_confirmation(self) -> str:
        value = self.cleaned_data["confirmation"]
        if value.lower() != DELETE_PHRASE:
            raise forms.ValidationError(
                f"That does not match. Type “{DELETE_PHRASE}” exactly to delete your account."
            )
        return value


class SignupDetails(forms.Form):
    """What allauth's sign-up form adds: the browser's time zone, filled in by forms.js,
    so "today" is the person's today from the first answer on."""

    time_zone = forms.CharField(required=False, widget=forms.HiddenInput)

    def signup(self, request: HttpRequest, user: User) -> None:
        zone = self.cleaned_data.get("time_zone")
        if zone in TIME_ZONES:  # anything else (or nothing) leaves the default, UTC
            user.time_zone = zone
            user.save(update_fields=["time_zone"])
