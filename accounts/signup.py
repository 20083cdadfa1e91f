"""allauth's sign-up form, made to cost the same whether or not the address is taken.

A new address pays for hashing the password; a taken one (with enumeration
prevention) only sends an email. Without this the difference in time told anyone
who knows a person's address whether that person has an account here.
"""

from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest


class SignupForm(AllauthSignupForm):
    def try_save(self, request: HttpRequest):
        if self.account_already_exists and self.cleaned_data.get("password1"):
            # The same work a new account does (the hash is thrown away).
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)
