"""allauth's password forms, with the password rules said in plain words.

Kept apart from accounts/forms.py: allauth's forms import that module (the signup
form class) while they load, so these cannot live there.
"""

from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from django.conf import settings

from accounts import signup

RULES_IN_WORDS = (
    "At least {length} characters. A few words strung together are easy to remember and "
    "hard to guess. Not a very common password, not only numbers, and not like your "
    "email address."
)


def password_rules() -> str:
    length = next(
        validator.get("OPTIONS", {}).get("min_length", 8)
        for validator in settings.AUTH_PASSWORD_VALIDATORS
        if validator["NAME"].endswith("MinimumLengthValidator")
    )
    return RULES_IN_WORDS.format(length=length)


class PlainRules:
    fields: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = password_rules()


class SignupForm(PlainRules, signup.SignupForm):
    pass


class ChangePasswordForm(PlainRules, allauth_forms.ChangePasswordForm):
    pass


class ResetPasswordKeyForm(PlainRules, allauth_forms.ResetPasswordKeyForm):
    pass
